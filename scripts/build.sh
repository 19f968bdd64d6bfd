#!/usr/bin/env bash
# Installs the dependencies (Debian packages) and builds prosim in release mode
# into build/release. Safe to run again: only what changed is rebuilt.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)"
