#!/bin/sh
# What `kraft run` adds on top of QEMU, as the issue defines it: the time from starting
# `kraft run` of the offline example (TCG, attached) to the kernel's first serial line, minus the
# same for the QEMU command typed by hand, compared with a Java "hello world" (to its line).
# Target: overhead / hello <= 1.5. The first line is found by bench/first-line.py.
. "$(dirname "$0")/lib.sh"
HELLO=$(java_hello)
PROJECT=$(built_example)
KERNEL="$PROJECT/.unikraft/build/hello_qemu-x86_64"
QEMU="qemu-system-x86_64 -machine pc -cpu max -m size=64M -smp cpus=1 -nodefaults -no-user-config -no-reboot -display none -serial stdio -device isa-debug-exit,iobase=0x501,iosize=2 -kernel $KERNEL"
python3 "$ROOT/bench/first-line.py" "$RUNS" hello "kraft=$KRAFT run --rm -W $PROJECT" "qemu=$QEMU" "hello=$HELLO" > "$WORK/first"
first() { sed -n "s/^$1 //p" "$WORK/first"; }
k=$(first kraft); q=$(first qemu); h=$(first hello)
overhead=$(python3 -c "print('%.4f' % ($k - $q))")
echo "first serial line: kraft run ${k}s  qemu by hand ${q}s  (java hello: ${h}s)"
echo "kraft overhead ${overhead}s = $(ratio "$overhead" "$h") x java hello (target <= 1.5)"
