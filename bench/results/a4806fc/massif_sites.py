#!/usr/bin/env python3
# massif_sites.py OUT [peak|N|list] [depth]: a massif snapshot (default the peak) as a flat list of allocation sites, each named by its first frames inside prosim. Used for massif_sites_*.txt (2026-12-07, helper mem18).
"""Flat list of allocation sites at one massif snapshot (default: the peak).
Each top-level heap node is named by its first frames inside prosim (skipping std::, tbb, ???)."""
import re, sys
path = sys.argv[1]
which = sys.argv[2] if len(sys.argv) > 2 else 'peak'
depth = int(sys.argv[3]) if len(sys.argv) > 3 else 3
lines = open(path).read().split('\n')
snaps = []; cur = None
for i, l in enumerate(lines):
    if l.startswith('snapshot='):
        cur = {'n': int(l.split('=')[1]), 'tree': None}; snaps.append(cur)
    elif l.startswith('mem_heap_B='): cur['heap'] = int(l.split('=')[1])
    elif l.startswith('mem_heap_extra_B='): cur['extra'] = int(l.split('=')[1])
    elif l.startswith('heap_tree='):
        cur['kind'] = l.split('=')[1]; cur['line'] = i
if which == 'peak':
    snap = [s for s in snaps if s.get('kind') == 'peak'][0]
elif which == 'list':
    for s in snaps: print(s['n'], s.get('kind'), s['heap'])
    sys.exit()
else:
    snap = [s for s in snaps if s['n'] == int(which)][0]
node_re = re.compile(r'^( *)n(\d+): (\d+) (.*)$')
# parse tree
i = snap['line'] + 1
stack = []  # (indent, frames)
sites = {}
def clean(fn):
    fn = re.sub(r'^0x[0-9A-F]+: ', '', fn)
    fn = re.sub(r' \(in [^)]*\)$', '', fn)
    fn = fn.replace("(anonymous namespace)::", "anon::")
    fn = re.sub(r"\(.*", "", fn) if not fn.startswith('tbb') else fn[:60]
    return fn
skip = re.compile(r'^(std::|tbb::|\?\?\?|operator new|void std|__gnu|prosim::for_each|prosim::parallel|prosim::detail|prosim::\(anonymous namespace\)::run_|prosim::run_one|prosim::cmd_run|main$)')
while i < len(lines):
    m = node_re.match(lines[i])
    if not m: break
    ind = len(m.group(1)); nchild = int(m.group(2)); b = int(m.group(3)); fn = m.group(4)
    while stack and stack[-1][0] >= ind: stack.pop()
    frames = (stack[-1][1] if stack else []) + [clean(fn)]
    stack.append((ind, frames))
    if nchild == 0 and ind >= 1:
        named = [f for f in frames[1:] if not skip.match(f) and 'below massif' not in f]
        key = ' < '.join(named[:depth]) if named else frames[-1]
        if 'below massif' in fn: key = '(below threshold)'
        sites[key] = sites.get(key, 0) + b
    i += 1
tot = snap['heap']
print(f"snapshot {snap['n']} ({snap.get('kind')}): heap {tot:,} B, extra {snap['extra']:,} B")
for k, v in sorted(sites.items(), key=lambda kv: -kv[1]):
    if v * 200 < tot: continue
    print(f"{v:>13,} {100*v/tot:5.1f}%  {k}")
