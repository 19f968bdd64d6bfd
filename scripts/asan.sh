#!/usr/bin/env bash
# Builds the C++ tests with AddressSanitizer + UndefinedBehaviorSanitizer (the asan preset:
# -fno-sanitize-recover=all, LeakSanitizer on, suppressions in tests/sanitizers/lsan.supp) and
# runs them. Usage: bash scripts/asan.sh [ctest arguments, e.g. -R fuzz]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$(nproc)"
ctest --preset asan "$@"
