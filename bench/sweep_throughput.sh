#!/usr/bin/env bash
# Sweep throughput: runs per hour of `prosim sweep` on this machine (docs/sweeps.md, "Throughput").
#
#   bench/sweep_throughput.sh [--prosim P] [--out DIR] [--scale S] [--runs R] [--jobs "1 2"] [--repeats K]
#
# Each measurement is a fresh sweep (--fresh) of R runs of scenarios/jinhua_baseline.json at
# scale S, 2021-01 .. 2030-12 (one factor at its default value, R replicates: R runs that
# differ only in their seed), with --jobs J and 1 thread per run. Prints one line per sweep and
# the median runs/hour over the K repeats of each J, with the machine, the load average before
# and after, and the command. The wall time includes process start, scenario loading and the
# index; it is that of the whole `prosim sweep` command.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PROSIM=$ROOT/build/release/prosim
OUT=$ROOT/build/bench/sweep
SCALE=0.01
RUNS=8
JOBS="1 2"
REPEATS=3
while [ $# -gt 0 ]; do
  case $1 in
    --prosim) PROSIM=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --scale) SCALE=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --jobs) JOBS=$2; shift 2 ;;
    --repeats) REPEATS=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$OUT"
cat > "$OUT/base_$SCALE.json" <<JSON
{"extends": "$ROOT/scenarios/jinhua_baseline.json", "name": "bench_sweep", "scale": $SCALE}
JSON
cat > "$OUT/sweep_$SCALE.json" <<JSON
{"base": "base_$SCALE.json", "name": "bench_sweep", "seed": 1, "replicates": $RUNS,
 "factors": {"quit": {"pointer": "/economy/quit_rate", "levels": [0.01]}}}
JSON
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(git -C "$ROOT" rev-parse --short HEAD)"
echo "sweep: $RUNS runs of jinhua_baseline at scale $SCALE (2021-01..2030-12), 1 thread per run"
for j in $JOBS; do
  rates=()
  for k in $(seq 1 "$REPEATS"); do
    load=$(cut -d' ' -f1 /proc/loadavg)
    t0=$(date +%s.%N)
    "$PROSIM" sweep "$OUT/sweep_$SCALE.json" -o "$OUT/dir_${SCALE}_j$j" --jobs "$j" --fresh 2> "$OUT/log_${SCALE}_j$j.txt"
    t1=$(date +%s.%N)
    secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')
    rate=$(awk -v n="$RUNS" -v s="$secs" 'BEGIN {print n * 3600 / s}')
    rates+=("$rate")
    printf "jobs %s repeat %d: %.1f s, %.0f runs/hour (load average before: %s, after: %s)\n" \
      "$j" "$k" "$secs" "$rate" "$load" "$(cut -d' ' -f1 /proc/loadavg)"
  done
  median=$(printf "%s\n" "${rates[@]}" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}')
  printf "scale %s, jobs %s: median %.0f runs/hour over %d sweeps\n" "$SCALE" "$j" "$median" "$REPEATS"
done
echo "command: bench/sweep_throughput.sh --scale $SCALE --runs $RUNS --jobs \"$JOBS\" --repeats $REPEATS"
