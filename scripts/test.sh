#!/usr/bin/env bash
# Sets up, builds and runs every test: the C++ tests (doctest, through CTest) and the
# Python analysis tests (pytest, with Debian's python3 and its packages).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
ctest --preset release
if [ -d tests/analysis ]; then
  # Debian's interpreter: it sees the python3-* packages installed by setup.sh.
  PROSIM_BINARY="$PWD/build/release/prosim" /usr/bin/python3 -m pytest tests/analysis -q
fi
