#!/bin/bash
# The saving of forking from saved states (docs/performance.md, "Forking from saved states"):
# the shipped scenarios (baseline and the seven policy scenarios) x 5 replicates, once as plain
# runs and once with --state-cache, one after the other, 2 threads per run. Prints the wall
# times, where the forked runs started, the cache's size, and checks that every output is the
# plain run's (h5diff; only `history` and `wall_seconds` may differ).
#   bash bench/fork_saving.sh [PROSIM] [WORKDIR]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
P=$(realpath "${1:-$repo/build/release/prosim}")
W=${2:-$(mktemp -d)}
S=$repo/scenarios
mkdir -p "$W" && cd "$W"
rm -rf plain cached states plain.log cached.log
mkdir plain cached
list="jinhua_baseline combined dibao_near_poor enclave minimum_wage_dosi minimum_wage_rise relocation training"
# CPU time as well as wall time: on a shared machine the wall time depends on the load.
TIMEFORMAT="%R s wall, %U s user + %S s system CPU"
echo "commit $(git -C "$repo" rev-parse --short HEAD), $(nproc) CPUs, load before $(cut -d' ' -f1-3 /proc/loadavg)"
{ time (for s in $list; do "$P" run "$S/$s.json" -o "plain/$s.h5" --replicates 5 --threads 2 >/dev/null 2>>plain.log; done); } 2>plain.time
{ time (for s in $list; do "$P" run "$S/$s.json" -o "cached/$s.h5" --replicates 5 --threads 2 --state-cache states >/dev/null 2>>cached.log; done); } 2>cached.time
echo "load after $(cut -d' ' -f1-3 /proc/loadavg)"
echo "plain runs:  $(cat plain.time)"
echo "with cache:  $(cat cached.time)"
echo "forked runs by the month they started from:"
grep "starting from" cached.log | sed 's/.*(month \(.*\))/\1/' | sort | uniq -c
echo "cache: $(ls states | wc -l) states, $(du -sh states | cut -f1)"
n=0
for f in plain/*.h5; do
  d=$(h5diff "$f" "cached/$(basename "$f")" | grep -v "history\|wall_seconds\|differences found" | wc -l || true)
  [ "$d" -eq 0 ] || { echo "differs: $f"; n=$((n + 1)); }
done
echo "outputs differing from the plain runs: $n of $(ls plain | wc -l)"
