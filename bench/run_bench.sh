#!/usr/bin/env bash
# prosim benchmarks (bench/README.md). Builds release, builds the STREAM program and the
# world-statistics helper, then runs the cases and writes one JSON per case to
# bench/results/ (or --out DIR) and prints a table.
#
#   bench/run_bench.sh [--scale S] [--threads "1 2 4 ..."] [--scaling-scale S] [--province]
#                      [--province-scale S] [--no-jinhua] [--no-scaling] [--repeats R]
#                      [--smoke] [--out DIR] [--no-build] [--compare-binary PATH] [--compare-scenarios DIR]
#
# Cases: jinhua   Jinhua baseline at --scale (default 1.0: ~7.1 million persons), all CPUs
#        scaling  the same scenario at --scaling-scale (default --scale) for each --threads
#        province scenarios/zhejiang_province.json at --province-scale (default 1.0: ~65.4
#                 million persons) with --province, skipped when memory does not allow
#        smoke    (--smoke) Jinhua at scale 0.001, one case, a few seconds, for CI; writes to
#                 build/bench/smoke unless --out is given
# Runs shorter than 120 s are repeated (3 runs) and the median is reported. Every run is a
# `prosim run --profile`: its per-system table is stored in the JSON, and the median run's as
# CASE.profile.txt next to it. --compare-binary PATH runs another prosim (an older commit's)
# alternately with this one in every case (the JSON's "compare"); --compare-scenarios DIR is
# that commit's scenarios/ folder, whose shipped scenario it then runs (an older binary rejects
# newer scenario keys).
set -euo pipefail
cd "$(dirname "$0")/.."

orig=("$@")
build=1
smoke=0
out=""
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --smoke) smoke=1; args+=("$1") ;;
    --out) out="$2"; shift ;;
    --province|--no-jinhua|--no-scaling) args+=("$1") ;;
    --scale|--threads|--scaling-scale|--province-scale|--repeats|--short-s|--stream-mib|--compare-binary|--compare-scenarios) args+=("$1" "$2"); shift ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "run_bench.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
if [ -z "$out" ]; then
  if [ "$smoke" = 1 ]; then out=build/bench/smoke; else out=bench/results; fi
fi

if [ "$build" = 1 ] || [ ! -x build/release/prosim ]; then
  cmake --preset release >/dev/null
  cmake --build --preset release --target prosim -j "$(nproc)" >/dev/null
fi
mkdir -p build/bench
if [ ! -x build/bench/stream ] || [ bench/stream.c -nt build/bench/stream ]; then
  cc -O3 -march=native -fopenmp bench/stream.c -o build/bench/stream
fi
if [ ! -x build/bench/world_stats ] || [ bench/world_stats.cpp -nt build/bench/world_stats ] ||
   [ build/release/libprosim_lib.a -nt build/bench/world_stats ]; then
  hdf5_lib=$(dirname "$(find /usr/lib -name 'libhdf5.so' -path '*serial*' | head -1)")
  hdf5_inc=$(dirname "$(find /usr/include -name 'hdf5.h' | head -1)")
  c++ -O2 -std=c++20 -DNDEBUG -Isim -Ibuild/release/generated -I"$hdf5_inc" bench/world_stats.cpp \
    build/release/libprosim_lib.a -Wl,-rpath,"$hdf5_lib" -L"$hdf5_lib" -ltbb -lhdf5_hl -lhdf5 -lcrypto \
    -o build/bench/world_stats
fi

exec python3 bench/bench.py --out "$out" "${args[@]}" -- "${orig[@]}"
