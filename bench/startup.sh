#!/bin/sh
# Start-up of commands that do little: each against a Java "hello world" on the same JVM.
# Target: each <= 1.5x hello; peak memory under 80 MiB (measured with /usr/bin/time).
. "$(dirname "$0")/lib.sh"
HELLO=$(java_hello)
PROJECT=$(built_example)
hyperfine -N -w 2 -r "$RUNS" --export-json "$WORK/bench.json" \
    -n hello "$HELLO" -n version "$KRAFT version" -n help "$KRAFT --help" -n ps "$KRAFT ps -a" \
    -n dry-run "$KRAFT build --dry-run $PROJECT" >/dev/null
h=$(median hello)
echo "java hello: ${h}s"
for name in version help ps dry-run; do
    t=$(median "$name")
    peak=$(/usr/bin/time -f %M "$KRAFT" $( [ "$name" = help ] && echo --help || echo "$name" | sed "s|dry-run|build --dry-run $PROJECT|; s|^ps$|ps -a|") 2>&1 >/dev/null | tail -1)
    echo "kraft $name: ${t}s = $(ratio "$t" "$h") x hello (target <= 1.5), peak $((peak / 1024)) MiB (target < 80)"
done
