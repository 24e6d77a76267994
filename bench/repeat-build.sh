#!/bin/sh
# A second project with the same core, libraries and configuration, in another directory, built
# from clean with the ccache cache the first project left, against the first project built from
# clean with an empty cache; and the same second project with the first one's whole build kept
# for reuse as well (<data>/builds), as a user's second project is.
# Target: second / first <= 0.3.
# UNIKRAFT_PROJECT=/path/to/project measures copies of that project instead of the example
# (see README.md). UPSTREAM_ARCHIVES=DIR, laid out as <lib>/<file> (libmusl/musl-1.2.3.tar.gz),
# supplies archives make fetch cannot download here; kraft keeps them for the timed builds.
# WARMUP=N untimed runs of each build before the timed ones (default 1).
. "$(dirname "$0")/lib.sh"
command -v ccache >/dev/null || { echo "ccache is not installed (apt-get install ccache)"; exit 1; }
SOURCE=${UNIKRAFT_PROJECT:-$ROOT/examples/hello-local}
NAME=$(basename "$SOURCE")
FIRST="$WORK/first/$NAME"
SECOND="$WORK/second/at/another/depth/$NAME"
for p in "$FIRST" "$SECOND"; do
    mkdir -p "$(dirname "$p")" && cp -r "$SOURCE" "$p" && rm -rf "$p/.unikraft" "$p"/.config*
done
# Untimed: fetches the components into kraft's cache, which both projects then place from, and
# fills a ccache cache with the first project only, which every run of the second starts from
# (its own earlier runs would hit at its own path).
if [ -n "${UPSTREAM_ARCHIVES:-}" ]; then
    mkdir -p "$FIRST/.unikraft/build" && cp -r "$UPSTREAM_ARCHIVES"/. "$FIRST/.unikraft/build/"
fi
(cd "$FIRST" && "$KRAFT" build >/dev/null 2>&1) || { echo "the first project does not build"; exit 1; }
CACHE="$XDG_DATA_HOME/kraftkit/ccache"
BUILDS="$XDG_DATA_HOME/kraftkit/builds"
cp -r "$CACHE" "$WORK/first-cache" && cp -r "$BUILDS" "$WORK/first-builds"
clean() {  # clean DIR: the command that makes DIR a project never built
    echo "rm -rf $1/.unikraft $1/.config.*"
}
build() {  # build DIR: the command that builds DIR, keeping kraft's ccache line in DIR.hits
    echo "cd $1 && $KRAFT build 2>&1 | grep 'ccache:' > $1.hits"
}
# A no-op build of the second project is a floor no compiler cache gets below: kraft itself, and
# make reading every Makefile.uk.
hyperfine -w "${WARMUP:-1}" -r "$RUNS" --export-json "$WORK/bench.json" \
    -p "rm -rf $CACHE $BUILDS && $(clean "$FIRST")" -n first "$(build "$FIRST")" \
    -p "rm -rf $CACHE $BUILDS && cp -r $WORK/first-cache $CACHE && $(clean "$SECOND")" -n second "$(build "$SECOND")" \
    -p "rm -rf $CACHE $BUILDS && cp -r $WORK/first-cache $CACHE && cp -r $WORK/first-builds $BUILDS && $(clean "$SECOND")" \
    -n reused "cd $SECOND && $KRAFT build" \
    -p true -n noop "cd $SECOND && $KRAFT build" >/dev/null
f=$(median first); s=$(median second)
echo "first project: ${f}s ($(sed 's/.*ccache: //' "$FIRST.hits"))"
echo "second project: ${s}s ($(sed 's/.*ccache: //' "$SECOND.hits"))"
echo "no-op build: $(median noop)s"
echo "ratio $(ratio "$s" "$f") (target <= 0.3)"
echo "second project, the first one's build reused: $(median reused)s, ratio $(ratio "$(median reused)" "$f")"
