#!/usr/bin/env python3
"""Per-function instruction counts of a cachegrind output file, with short names.

    /usr/bin/python3 bench/cachegrind_functions.py cachegrind.out.PID [N]

Runs cg_annotate and prints its function table (self instructions, share) with each TBB
wrapper named after the prosim function inside it and the lambda's number ("sort_by_value L3":
the third lambda of sort_by_value), the first N rows (25). bench/results/*/cachegrind_ir.txt
were written with it.
"""
import re, sys, subprocess
out = subprocess.run(['cg_annotate', sys.argv[1]], capture_output=True, text=True).stdout
n = int(sys.argv[2]) if len(sys.argv) > 2 else 25  # rows
skip = {'for_each_block','for_each_index','deterministic_reduce','deterministic_sum','collect_if','deterministic_group_sum','for_each_success'}
rows = []
for line in out.splitlines():
    m = re.match(r'\s*([\d,]+) \(\s*([\d.]+)%\)\s+(.*)$', line)
    if not m: continue
    ir, pct, fn = m.groups()
    if 'PROGRAM TOTALS' in fn:
        rows.append((ir, pct, 'TOTAL')); continue
    name = None
    for mm in re.finditer(r'prosim::(?:\(anonymous namespace\)::)?((?:\w+::)?\w+)(?:<[^()]*>)?\(', fn):
        cand = mm.group(1)
        base = cand.split('::')[-1]
        if base in skip: continue
        name = cand; pos = mm.end(); break
    if name is None:
        name = fn.split(':', 1)[-1][:60]
    else:
        # lambda number directly following the function's signature
        rest = fn[pos:]
        depth = 1; i = 0
        while i < len(rest) and depth:
            depth += rest[i] == '('; depth -= rest[i] == ')'; i += 1
        lm = re.match(r'(?: const)?::\{lambda\([^)]*\)#(\d+)\}', rest[i:])
        if lm: name += ' L' + lm.group(1)
    rows.append((ir, pct, name))
for ir, pct, name in rows[:n]:
    print(f'{ir:>16} {float(pct):5.1f}%  {name}')
