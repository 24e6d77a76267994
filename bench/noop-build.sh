#!/bin/sh
# A no-op `kraft build` (built, index and remembered git refs fresh, nothing changed: it
# resolves every component and runs make once) against Unikraft's make no-op run by hand in
# the same tree with the same variables. Target: <= 1.3x.
# UNIKRAFT_PROJECT=/path/to/built/project measures a real Unikraft project instead of the example;
# TARGET=qemu/x86_64 picks one of several targets.
. "$(dirname "$0")/lib.sh"
PROJECT=${UNIKRAFT_PROJECT:-$(built_example)}
(cd "$PROJECT" && "$KRAFT" build ${TARGET:+-t $TARGET} >/dev/null 2>&1)
MAKE=$(cd "$PROJECT" && "$KRAFT" build --dry-run --no-update ${TARGET:+-t $TARGET} 2>/dev/null | grep ' all' | tail -1 | sed 's/^ *//')
hyperfine -w 1 -r "$RUNS" --export-json "$WORK/bench.json" \
    -n kraft "cd $PROJECT && $KRAFT build ${TARGET:+-t $TARGET}" -n make "$MAKE" >/dev/null
k=$(median kraft); m=$(median make)
echo "kraft build (no-op): ${k}s  make (no-op): ${m}s  ratio $(ratio "$k" "$m") (target <= 1.3)"
