#!/bin/sh
# What placing a project's components costs when the cache already holds them: the first build
# of a second project. Each run is a fresh copy of the project with no .unikraft/, and
# `kraft build --no-configure` there places every component and then stops (there is no
# .config yet), so the run is placement and kraft's start-up only; kraft's own figure
# ("components ready ... ms") is the placement alone.
#
# Without arguments: examples/hello-local, its core and library from local git repositories at
# a tag. UNIKRAFT=DIR (a checkout or bare mirror of unikraft/unikraft) and UNIKRAFT_VERSION
# (default RELEASE-0.17.0) measure a real Unikraft core instead. BASELINE=PREFIX/bin/kraft (an
# older build installed elsewhere) is measured in the same runs, interleaved, for a ratio.
. "$(dirname "$0")/lib.sh"
P="$WORK/project"
example_copy
if [ -n "${UNIKRAFT:-}" ]; then
    core="{source: file://$UNIKRAFT, version: ${UNIKRAFT_VERSION:-RELEASE-0.17.0}}"
    what="Unikraft ${UNIKRAFT_VERSION:-RELEASE-0.17.0}"
else
    git_repo unikraft "$P/core"
    core="{source: file://$WORK/git/unikraft, version: v1}"
    what="examples/hello-local"
fi
git_repo greet "$P/libs/greet"
printf 'spec: v0.6\nname: hello\nunikraft: %s\nlibraries:\n  greet: {source: file://%s, version: v1}\ntargets: [qemu/x86_64]\n' \
    "$core" "$WORK/git/greet" > "$P/Kraftfile"
rm -rf "$P/core" "$P/libs"
(cd "$P" && "$KRAFT" build --no-configure >/dev/null 2>&1) || true   # fills the cache
[ -d "$P/.unikraft/unikraft" ] || { echo "the first placement failed"; exit 1; }
place_ms() {  # place_ms KRAFT: kraft's placement figure in a fresh copy of the project
    rm -rf "$WORK/q" && cp -r "$P" "$WORK/q" && rm -rf "$WORK/q/.unikraft"
    (cd "$WORK/q" && "$1" build --no-configure 2>&1 | sed -n 's/^components ready .*ms=\([0-9]*\).*/\1/p')
}
files=$(find "$P/.unikraft/unikraft" "$P/.unikraft/libs/greet" -type f | wc -l)
bytes=$(du -sb "$P/.unikraft/unikraft" "$P/.unikraft/libs/greet" | awk '{s+=$1} END {print s}')
total=0 base=0
for i in $(seq 1 "$RUNS"); do   # interleaved, so both see the same load
    total=$((total + $(place_ms "$KRAFT")))
    [ -z "${BASELINE:-}" ] || base=$((base + $(place_ms "$BASELINE")))
done
echo "$what: placing 2 components ($files files, $bytes bytes) into a new project: $((total / RUNS)) ms average of $RUNS"
if [ -n "${BASELINE:-}" ]; then
    echo "  $BASELINE: $((base / RUNS)) ms; ratio $(ratio "$total" "$base")"
fi
