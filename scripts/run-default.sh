#!/usr/bin/env bash
# Sets up, builds and runs the default scenario (Jinhua baseline at 1 % scale),
# printing a table of indicators and the path of the HDF5 output.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
./build/release/prosim run scenarios/jinhua_baseline.json -o results/jinhua_baseline.h5 --overwrite "$@"
