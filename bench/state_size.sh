#!/bin/bash
# Size of a state file per simulated person, and the time to write it (docs/performance.md,
# "Forking from saved states"): the Jinhua baseline at the given scales, the state at the start
# of 2021-01 (after the burn-in), deflated (--save-state) and uncompressed (--state-cache).
#   bash bench/state_size.sh [PROSIM] [WORKDIR] [SCALES...]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
P=$(realpath "${1:-$repo/build/release/prosim}")
W=${2:-$(mktemp -d)}
shift 2 || true
scales=${*:-0.01 0.05}
mkdir -p "$W" && cd "$W"
echo "commit $(git -C "$repo" rev-parse --short HEAD), load $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-6s %10s %16s %10s %16s %10s\n" scale persons deflated_bytes B/person uncompressed B/person
for s in $scales; do
  rm -rf "c$s" "s$s.h5" "o$s.h5"
  printf '{"extends": "%s/scenarios/jinhua_baseline.json", "scale": %s, "end": "2021-01"}\n' "$repo" "$s" > "b$s.json"
  "$P" run "b$s.json" -o "o$s.h5" --threads 2 --save-state "2021-01=s$s.h5" --state-cache "c$s" >/dev/null 2>"log$s.txt"
  persons=$("$P" inspect "s$s.h5" | awk '$1 == "persons" {print $2}')
  d=$(stat -c %s "s$s.h5")
  u=$(stat -c %s c$s/*.h5)
  awk -v s="$s" -v p="$persons" -v d="$d" -v u="$u" 'BEGIN { printf "%-6s %10s %16s %10.1f %16s %10.1f\n", s, p, d, d / p, u, u / p }'
  grep -h "(.*s)$" "log$s.txt" | sed 's/^/    /'
done
