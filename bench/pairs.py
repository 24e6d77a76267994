#!/usr/bin/env python3
"""Runs commands alternately, so that each sees the same load, and prints medians and ratios.

    pairs.py RUNS NAME PREPARE COMMAND [NAME PREPARE COMMAND ...]

Each round runs every command once (its PREPARE first, untimed), the order reversed every
other round, so that a drift in the machine's load falls on all of them alike. Each command
runs with `sh -c`; its output goes to /dev/null unless it fails, which stops the run. Prints
one line per command: median, fastest and slowest wall time; then, for each command whose name
does not start with "make", its ratio to the closest command before it whose name does, taken
round by round: the median ratio and the spread of those ratios.
"""
import statistics
import subprocess
import sys
import time


def run(command, what):
    done = subprocess.run(["sh", "-c", command], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        sys.exit(f"{what} failed (exit {done.returncode}): {command}\n{done.stderr[-2000:]}")


def main(argv):
    runs = int(argv[1])
    specs = [tuple(argv[i:i + 3]) for i in range(2, len(argv), 3)]
    times = {name: [] for name, _, _ in specs}
    for round_ in range(runs):
        order = specs if round_ % 2 == 0 else list(reversed(specs))
        for name, prepare, command in order:
            run(prepare, f"{name}: prepare")
            start = time.monotonic()
            run(command, name)
            times[name].append(time.monotonic() - start)
    base = None
    for name, _, _ in specs:
        t = times[name]
        line = f"{name}: median {statistics.median(t):.3f}s (min {min(t):.3f}, max {max(t):.3f}, {len(t)} runs)"
        if name.startswith("make"):
            base = name
        elif base:
            ratios = [a / b for a, b in zip(t, times[base])]
            line += f"; / {base}: {statistics.median(ratios):.2f} (rounds {min(ratios):.2f}-{max(ratios):.2f})"
        print(line, flush=True)


if __name__ == "__main__":
    if len(sys.argv) < 5 or (len(sys.argv) - 2) % 3 != 0:
        sys.exit(__doc__)
    main(sys.argv)
