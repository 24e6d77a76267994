#!/bin/sh
# What `kraft run` adds on top of QEMU: the wall time of `kraft run` of the offline example
# (TCG, attached, to the guest's exit) minus the same QEMU command typed by hand, compared with
# a Java "hello world". Target: overhead / hello <= 1.5.
. "$(dirname "$0")/lib.sh"
HELLO=$(java_hello)
PROJECT=$(built_example)
KERNEL="$PROJECT/.unikraft/build/hello_qemu-x86_64"
QEMU="qemu-system-x86_64 -machine pc -cpu max -m size=64M -smp cpus=1 -nodefaults -no-user-config -no-reboot -display none -serial file:$WORK/serial.log -device isa-debug-exit,iobase=0x501,iosize=2 -kernel $KERNEL"
hyperfine -N -w 2 -r "$RUNS" -i --export-json "$WORK/bench.json" \
    -n kraft "$KRAFT run --rm -W $PROJECT" -n qemu "$QEMU" -n hello "$HELLO" >/dev/null
k=$(median kraft); q=$(median qemu); h=$(median hello)
overhead=$(python3 -c "print('%.4f' % ($k - $q))")
echo "kraft run: ${k}s  qemu by hand: ${q}s  java hello: ${h}s"
echo "kraft overhead ${overhead}s = $(ratio "$overhead" "$h") x java hello (target <= 1.5)"
