#!/bin/sh
# A no-op `kraft build` (built, nothing changed) against Unikraft's make no-op run by hand in
# the same tree with the same variables. Target: <= 1.3x.
# UNIKRAFT_PROJECT=/path/to/built/project measures a real Unikraft project instead of the example.
. "$(dirname "$0")/lib.sh"
PROJECT=${UNIKRAFT_PROJECT:-$(built_example)}
(cd "$PROJECT" && "$KRAFT" build --no-update >/dev/null 2>&1)
MAKE=$(cd "$PROJECT" && "$KRAFT" build --dry-run --no-update 2>/dev/null | grep ' all' | tail -1 | sed 's/^ *//')
hyperfine -w 1 -r "$RUNS" --export-json "$WORK/bench.json" \
    -n kraft "cd $PROJECT && $KRAFT build --no-update" -n make "$MAKE" >/dev/null
k=$(median kraft); m=$(median make)
echo "kraft build (no-op): ${k}s  make (no-op): ${m}s  ratio $(ratio "$k" "$m") (target <= 1.3)"
