#!/bin/sh
# Scale: a Kraftfile with 30 libraries and 8 targets resolves and plans (--dry-run --all) in
# under 1 s; kraft ps with 200 machine records answers in under 0.5 s.
. "$(dirname "$0")/lib.sh"
P="$WORK/big"
mkdir -p "$P"
cp -r "$ROOT/examples/hello-local/core" "$P/core"
{
    echo "spec: v0.6"; echo "name: big"; echo "unikraft: ./core"; echo "libraries:"
    for i in $(seq 1 30); do mkdir -p "$P/libs/l$i"; echo "  l$i: ./libs/l$i"; done
    echo "targets:"
    for i in $(seq 1 8); do echo "  - name: t$i"; echo "    plat: qemu"; echo "    arch: x86_64"; done
} > "$P/Kraftfile"
M="$HOME/.local/share/kraftkit/runtime/machines"
for i in $(seq 1 200); do
    id=$(printf '%012x' "$i")
    mkdir -p "$M/$id"
    cat > "$M/$id/machine.json" <<JSON
{"id":"$id","name":"m$i","source":"kernel://k","kernel":"/k","arch":"x86_64","plat":"qemu","memoryBytes":67108864,"cpus":1,
 "kernelArgs":[],"appArgs":[],"env":{},"ports":[],"networks":[],"volumes":[],"emulation":true,"state":"EXITED","pid":0,
 "pidStartMillis":0,"createdAt":$i,"startedAt":0,"exitedAt":$i,"exitCode":0,"command":[]}
JSON
done
hyperfine -N -w 2 -r "$RUNS" --export-json "$WORK/bench.json" \
    -n plan "$KRAFT build --dry-run --all $P" -n ps "$KRAFT ps -a" >/dev/null
echo "plan of 30 libraries x 8 targets: $(median plan)s (target < 1)"
echo "ps with 200 machines: $(median ps)s (target < 0.5)"
test "$("$KRAFT" ps -aq | wc -l)" -eq 200 || echo "warning: ps did not list 200 machines"
