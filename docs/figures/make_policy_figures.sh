#!/usr/bin/env bash
# Regenerates the policy figures of docs/policies.md: each shipped policy scenario
# against the baseline, R replicates each (paired seeds), curves with 90 % bands and
# differences with 90 % confidence bands, drawn by `python3 -m analysis compare`.
# Usage: bash docs/figures/make_policy_figures.sh [PROSIM] [REPLICATES] [RUNS_DIR]
# RUNS_DIR: keep the run files there (default: a temporary folder, removed at the end).
set -euo pipefail
cd "$(dirname "$0")/../.."
PROSIM=${1:-build/release/prosim}
R=${2:-4}
RUNS=${3:-}
KEEP=1
[ -n "$RUNS" ] || { RUNS=$(mktemp -d); KEEP=0; }
mkdir -p "$RUNS"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
for s in jinhua_baseline minimum_wage_rise enclave relocation dibao_near_poor training combined; do
  "$PROSIM" run "scenarios/$s.json" --replicates "$R" -o "$RUNS/$s.h5" --overwrite > /dev/null
done
out=docs/figures/policies
compare() {  # name indicators
  "$PY" -m analysis compare --run baseline="$RUNS/jinhua_baseline_r*.h5" --run "$1=$RUNS/$1_r*.h5" \
    --indicators "$2" --out "$out/$1" > "$out/$1/table.txt"
  # Cost-effectiveness against the baseline (the numbers of analysis report).
  "$PY" -m analysis costs --run baseline="$RUNS/jinhua_baseline_r*.h5" --run "$1=$RUNS/$1_r*.h5" \
    > "$out/$1/cost_effectiveness.txt"
}
mkdir -p $out/{minimum_wage_rise,enclave,relocation,dibao_near_poor,training,combined}
compare minimum_wage_rise min_wage_workers_share,mean_wage,employment,firm_exits,gini
compare enclave weak_villages,village_dividends_per_member,income_per_capita_rural,fiscal_cost_total
compare relocation urbanisation_rate,income_per_capita_rural,urban_rural_ratio,relocated_households,relocation_spending
compare dibao_near_poor dibao_spending,income_per_capita_rural,gini,quintile_share_bottom
compare training mean_wage,employment,training_spending
compare combined urban_rural_ratio,gini,middle_income_share_100k_500k,weak_villages,fiscal_cost_total
[ "$KEEP" = 1 ] || rm -rf "$RUNS"
"$PY" docs/figures/policy_tables.py   # the tables into docs/policies.md
echo "figures and tables in $out"
