#!/bin/sh
# The time from `ctr run` to the guest's first serial line under containerd with kraft-runu,
# side by side with `kraft run` of the same image (both TCG, attached, --rm), and the ratio.
# Needs root, containerd and ctr (apt-get install containerd); starts its own containerd in a
# scratch directory and stops it. The first line is found by bench/first-line.py.
. "$(dirname "$0")/lib.sh"
PROJECT=$(built_example)
IMAGE=localhost/bench-runu:1
(cd "$PROJECT" && "$KRAFT" pkg --name "$IMAGE" >/dev/null 2>&1)
tar -C "$XDG_DATA_HOME/kraftkit/runtime/oci" -cf "$WORK/images.tar" oci-layout index.json blobs

printf 'version = 2\nroot = "%s/c/root"\nstate = "%s/c/state"\ndisabled_plugins = ["io.containerd.grpc.v1.cri"]\n[grpc]\n  address = "%s/c.sock"\n[ttrpc]\n  address = "%s/c.sock.ttrpc"\n' \
    "$WORK" "$WORK" "$WORK" "$WORK" > "$WORK/containerd.toml"
KRAFTKIT_DISABLE_ACCELERATION=1 containerd --config "$WORK/containerd.toml" > "$WORK/containerd.log" 2>&1 &
daemon=$!
trap 'kill $daemon; wait $daemon; rm -rf "$WORK"' EXIT
CTR="ctr --address $WORK/c.sock"
until $CTR version >/dev/null 2>&1; do sleep 0.05; done
$CTR image import --platform qemu/x86_64 "$WORK/images.tar" >/dev/null

RUN="$CTR run --rm --platform qemu/x86_64 --runc-binary $ROOT/bin/kraft-runu --runc-root $WORK/runu $IMAGE bench"
python3 "$ROOT/bench/first-line.py" "$RUNS" "hello from" "ctr=$RUN" "kraft=$KRAFT run --rm -W $IMAGE" > "$WORK/first"
first() { sed -n "s/^$1 //p" "$WORK/first"; }
c=$(first ctr); k=$(first kraft)
echo "first serial line: ctr run (kraft-runu) ${c}s  kraft run ${k}s  (median of $RUNS, TCG)"
echo "ctr run / kraft run = $(ratio "$c" "$k")"
