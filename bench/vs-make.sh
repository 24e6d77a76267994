#!/bin/sh
# kraft build against Unikraft's own make, run by hand on the same sources with the same
# defconfig and -j, alternately (bench/pairs.py), so both see the same load. Prints each
# measure with its ratio to make's, taken round by round:
#
#   first    a first build (no .unikraft/build, no .config, ccache empty) against
#            `make defconfig` + `make all` in an empty outdir                    target <= 1.05
#   second   a second project elsewhere (never built: no .unikraft/ at all) with the caches the
#            first left (ccache's, and its whole build kept for reuse), against make's first
#            build above                                                         target <= 0.20
#   noop     a build with nothing changed, against make's no-op                 target <= 1.10
#   touch    a build after touching the app's first C source, against make's    target <= 1.10
#   targets  `kraft build --all` of a project with two targets, built, against make's no-op of
#            both (each in its own outdir)                                      target <= 1.10
#
# UNIKRAFT_PROJECT=DIR (default examples/hello-local): the project, copied (its Kraftfile must
# not reach outside it by relative paths). TARGET=plat/arch picks one of its targets; `targets`
# needs a second one (SECOND_TARGET, default fc/x86_64, added to the copy's Kraftfile when it
# lacks one). UPSTREAM_ARCHIVES=DIR (<lib>/<file>) supplies archives make fetch cannot
# download here. RUNS (default 5) rounds; MEASURES (default "first second noop touch targets").
# SERVER=1 measures noop and touch a third way too: through a build server (`kraft server
# start`, in the scratch HOME), beside kraft run directly (KRAFT_NO_SERVER=1), each against make.
# A musl build takes minutes of both cores: run it under `nice -n 10`. It needs ~8 GB of disk.
. "$(dirname "$0")/lib.sh"
SOURCE=${UNIKRAFT_PROJECT:-$ROOT/examples/hello-local}
TARGET=${TARGET:-qemu/x86_64}
RUNS=${RUNS:-5}
MEASURES=${MEASURES:-first second noop touch targets}
NAME=$(basename "$SOURCE")
P1="$WORK/first/$NAME"
P2="$WORK/second/at/another/depth/$NAME"
CCACHE_DIR_="$XDG_DATA_HOME/kraftkit/ccache"
BUILDS="$XDG_DATA_HOME/kraftkit/builds"
mkdir -p "$(dirname "$P1")" "$(dirname "$P2")"
cp -r "$SOURCE" "$P1" && rm -rf "$P1/.unikraft" "$P1"/.config*
if [ -n "${UPSTREAM_ARCHIVES:-}" ]; then   # kraft keeps them in its cache for every later build
    mkdir -p "$P1/.unikraft/build" && cp -r "$UPSTREAM_ARCHIVES"/. "$P1/.unikraft/build/"
fi
(cd "$P1" && "$KRAFT" build -t "$TARGET" >"$WORK/setup.log" 2>&1) || { cat "$WORK/setup.log"; echo "the project does not build"; exit 1; }
cp -r "$P1" "$P2" && rm -rf "$P2/.unikraft" "$P2"/.config*

# make's side: the calls kraft would make, with the outdir and config elsewhere.
raw_make "$P1" "$TARGET"
kraft_build="cd $P1 && $KRAFT build -t $TARGET"
app_source=$(cd "$P1" && ls *.c 2>/dev/null | head -1)

if [ -n "${SERVER:-}" ]; then
    trap '"$KRAFT" server stop >/dev/null 2>&1; rm -rf "$WORK"' EXIT
    "$KRAFT" server start >/dev/null 2>&1 || { echo "kraft server start failed"; exit 1; }
    served_build="cd $P1 && $KRAFT build -t $TARGET"
    kraft_build="cd $P1 && KRAFT_NO_SERVER=1 $KRAFT build -t $TARGET"
fi

has() { case " $MEASURES " in *" $1 "*) return 0;; esac; return 1; }
out() { echo "$1"; shift; python3 "$ROOT/bench/pairs.py" "$RUNS" "$@" | sed 's/^/  /'; }
shift $#
echo "$NAME ($TARGET), $RUNS rounds; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
if has first || has second; then
    set -- make "$raw_clean" "$raw_first"
    has first && set -- "$@" kraft-first "rm -rf $P1/.unikraft/build $P1/.config.* $CCACHE_DIR_ $BUILDS" "$kraft_build"
    # The second project starts from what the first left in the caches (the last kraft-first, or the setup build).
    has second && set -- "$@" kraft-second "rm -rf $P2/.unikraft $P2/.config.*" "cd $P2 && $KRAFT build -t $TARGET"
    out "first build (make: defconfig + all in an empty outdir; kraft: ccache empty) and a second project:" "$@"
fi
if has noop || has touch; then
    (sh -c "$raw_clean && $raw_first" >/dev/null 2>&1 && cd "$P1" && "$KRAFT" build -t "$TARGET" >/dev/null 2>&1) || exit 1
    # Apart: make's touch of the shared source would make kraft's next "no-op" a rebuild.
    if has noop; then
        set -- make-noop true "$(make_call "$RAW" "all $jobs")" kraft-noop true "$kraft_build"
        [ -z "${SERVER:-}" ] || set -- "$@" kraft-served-noop true "$served_build"
        out "no-op rebuilds:" "$@"
    fi
    if has touch; then
        set -- make-touch "touch $P1/$app_source" "$(make_call "$RAW" "all $jobs")" \
            kraft-touch "touch $P1/$app_source" "$kraft_build"
        [ -z "${SERVER:-}" ] || set -- "$@" kraft-served-touch "touch $P1/$app_source" "$served_build"
        out "touch ($app_source) rebuilds:" "$@"
    fi
fi
if has targets; then
    SECOND_TARGET=${SECOND_TARGET:-fc/x86_64}
    grep -q "$SECOND_TARGET" "$P1/Kraftfile" || sed -i "s|^\( *\)- $TARGET\$|&\n\1- $SECOND_TARGET|" "$P1/Kraftfile"
    (cd "$P1" && "$KRAFT" build --all >/dev/null 2>&1 && "$KRAFT" build --all >/dev/null 2>&1) || exit 1
    first_o=$(cd "$P1" && "$KRAFT" build --dry-run --no-update --all 2>/dev/null | grep ' all' | sed 's/^ *//' | head -1)
    second_o=$(cd "$P1" && "$KRAFT" build --dry-run --no-update --all 2>/dev/null | grep ' all' | sed 's/^ *//' | tail -1)
    out "two targets ($TARGET, $SECOND_TARGET), both built, nothing changed:" \
        make-noop-both true "$first_o && $second_o" kraft-all true "cd $P1 && $KRAFT build --all"
fi
