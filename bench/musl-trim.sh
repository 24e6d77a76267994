#!/bin/sh
# kraft build --trim-musl against Unikraft's own make building all of lib-musl, on a musl project
# the user provides, the same sources and defconfig, alternately (bench/pairs.py):
#
#   first    a first build: kraft --trim-musl (no .unikraft/build, no .config, no list of musl
#            sources yet) against `make defconfig` + `make all` in an empty outdir
#   files    musl's objects each compiled: trimmed against make's          target <= 0.50
#   boot     both kernels under QEMU (TCG): the same output from Unikraft's banner on
#   more     the project's main.c replaced by src/test/resources/musl/more.c (printf("%f"), a
#            thread; MuslTrimIT runs it on the test core's stand-in musl), built
#            again with --trim-musl from the trimmed build: the list grows, the kernel runs
#
# UNIKRAFT_PROJECT=DIR: a musl helloworld (a Kraftfile with the unikraft core and lib-musl,
# main.c; its Kraftfile must not reach outside it by relative paths). UPSTREAM_ARCHIVES=DIR
# (<lib>/<file>, e.g. libmusl/musl-1.2.3.tar.gz) supplies archives make cannot download here.
# MORE_KCONFIG='CONFIG_X: y, …' adds Kconfig values for the `more` build (threads need
# CONFIG_LIBPOSIX_PROCESS_CLONE on Unikraft 0.17). RUNS (default 3). Both sides compile
# without ccache, so the figure is the trimming alone. Minutes of both cores per round: run
# it under `nice -n 10`.
. "$(dirname "$0")/lib.sh"
SOURCE=${UNIKRAFT_PROJECT:?UNIKRAFT_PROJECT=DIR names a musl project}
TARGET=${TARGET:-qemu/x86_64}
RUNS=${RUNS:-3}
P="$WORK/trim/$(basename "$SOURCE")"
mkdir -p "$(dirname "$P")"
cp -r "$SOURCE" "$P" && rm -rf "$P/.unikraft" "$P"/.config*
if [ -n "${UPSTREAM_ARCHIVES:-}" ]; then
    for archive in "$UPSTREAM_ARCHIVES"/*/*; do
        "$KRAFT" pkg add-archive "$(basename "$(dirname "$archive")")" "$archive" >/dev/null 2>&1
    done
fi
(cd "$P" && "$KRAFT" build --no-ccache --trim-musl -t "$TARGET" >"$WORK/setup.log" 2>&1) || { tail -20 "$WORK/setup.log"; echo "the project does not build"; exit 1; }

raw_make "$P" "$TARGET"
kraft_trim="cd $P && $KRAFT build --no-ccache --trim-musl -t $TARGET"

echo "$(basename "$SOURCE") ($TARGET), $RUNS rounds, no ccache on either side; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "first build (make: defconfig + all in an empty outdir, all of lib-musl; kraft: --trim-musl from nothing):"
python3 "$ROOT/bench/pairs.py" "$RUNS" make "$raw_clean" "$raw_first" \
    kraft-trim "rm -rf $P/.unikraft/build $P/.config.*" "$kraft_trim" | sed 's/^/  /'

objects() { find "$1/libmusl" -maxdepth 1 -name '*.o' ! -name 'libinfo.*' | wc -l; }
full=$(objects "$RAW/build")
trimmed=$(objects "$P/.unikraft/build")
echo "musl files compiled: trimmed $trimmed, make $full, ratio $(ratio "$trimmed" "$full") (target <= 0.50)"
(cd "$P" && "$KRAFT" build --trim-musl --no-ccache -t "$TARGET" 2>&1 | grep 'libmusl trimmed' | sed 's/^/  kraft: /')

boot() {  # boot KERNEL: what the kernel prints from Unikraft's banner on (the firmware's lines differ run to run)
    timeout 120 qemu-system-x86_64 -machine pc -cpu max -m 64M -nographic -nodefaults -serial stdio -no-reboot \
        -kernel "$1" 2>&1 | tr -d '\r' | sed -n 's/.*Powered by/Powered by/; /Powered by/,$p'
}
boot "$RAW/build/$kernel" >"$WORK/make.boot"
boot "$P/.unikraft/build/$kernel" >"$WORK/trim.boot"
if cmp -s "$WORK/make.boot" "$WORK/trim.boot" && grep -q . "$WORK/trim.boot"; then
    echo "boot: the same $(wc -l <"$WORK/trim.boot") lines from both kernels; the app's: $(tail -n 3 "$WORK/trim.boot" | tr '\n' '|')"
else
    echo "boot: the kernels print different things"; diff "$WORK/make.boot" "$WORK/trim.boot"; exit 1
fi
echo "kernel size: make $(stat -c %s "$RAW/build/$kernel"), trimmed $(stat -c %s "$P/.unikraft/build/$kernel") bytes"

cp "$ROOT/src/test/resources/musl/more.c" "$P/main.c"
if [ -n "${MORE_KCONFIG:-}" ]; then
    echo "$MORE_KCONFIG" | tr ',' '\n' | while read -r line; do
        [ -n "$line" ] && sed -i "s|^  kconfig:\$|  kconfig:\n    $line|" "$P/Kraftfile"
    done
fi
start=$(date +%s)
(cd "$P" && "$KRAFT" build --no-ccache --trim-musl -t "$TARGET" >"$WORK/more.log" 2>&1) || { tail -30 "$WORK/more.log"; echo "more: does not build"; exit 1; }
echo "more (printf(\"%f\"), a thread): built in $(( $(date +%s) - start )) s from the trimmed build"
grep 'libmusl trimmed' "$WORK/more.log" | sed 's/^/  kraft: /'
echo "  the kernel prints: $(boot "$P/.unikraft/build/$kernel" | tail -n 2 | tr '\n' '|')"
