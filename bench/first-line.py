#!/usr/bin/env python3
"""Median seconds from starting each command to its first stdout line containing MARK (any case).

    first-line.py RUNS MARK NAME=COMMAND [NAME=COMMAND ...]

Commands run in turn (A B A B ...), each to its end; prints one "NAME SECONDS" line each.
"""
import shlex
import statistics
import subprocess
import sys
import time

runs, mark, pairs = int(sys.argv[1]), sys.argv[2], [a.split("=", 1) for a in sys.argv[3:]]
times = {name: [] for name, _ in pairs}
for _ in range(runs):
    for name, command in pairs:
        start = time.monotonic()
        proc = subprocess.Popen(shlex.split(command), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        for line in proc.stdout:
            if mark.lower() in line.lower():
                times[name].append(time.monotonic() - start)
                break
        proc.stdout.read()
        proc.wait()
for name, _ in pairs:
    if len(times[name]) < runs:
        sys.exit(f"{name}: the mark {mark!r} appeared in {len(times[name])} of {runs} runs")
    print(name, "%.4f" % statistics.median(times[name]))
