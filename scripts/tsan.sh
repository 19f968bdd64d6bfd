#!/usr/bin/env bash
# Builds the C++ tests with ThreadSanitizer and runs them.
#
# Why this builds oneTBB itself: Debian's libtbb is not compiled with -fsanitize=thread,
# so TSan cannot see the synchronisation inside TBB's scheduler (task hand-off, the join
# at the end of a parallel_for) and reports races on every parallel loop that are not
# there. The fix TSan's documentation gives is to instrument every library that
# synchronises threads. This script fetches the source of the very oneTBB release Debian
# ships (2021.8.0, checked against its SHA-256), builds it with TBB_SANITIZE=thread into
# build/tsan-tbb/install, and builds the tsan preset against it. Nothing is suppressed.
#
# Usage: bash scripts/tsan.sh [ctest arguments, e.g. -R determinism]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

TBB_VERSION=2021.8.0
TBB_SHA256=7e9111b8bb59c8800bf6d0b06afe7b0891937443d2dae1ee1101c8e2ede6a7ef
TBB_URL="http://deb.debian.org/debian/pool/main/o/onetbb/onetbb_${TBB_VERSION}.orig.tar.xz"
ROOT="$PWD/build/tsan-tbb"
PREFIX="$ROOT/install"
JOBS="$(nproc)"

if [ ! -f "$PREFIX/.built-$TBB_VERSION" ]; then
  mkdir -p "$ROOT"
  tarball="$ROOT/onetbb_${TBB_VERSION}.orig.tar.xz"
  if [ ! -f "$tarball" ]; then
    echo "tsan: fetching oneTBB $TBB_VERSION source from deb.debian.org"
    curl -sSfL -o "$tarball.part" "$TBB_URL"
    mv "$tarball.part" "$tarball"
  fi
  echo "$TBB_SHA256  $tarball" | sha256sum -c --quiet -
  rm -rf "$ROOT/src" "$ROOT/build"
  mkdir -p "$ROOT/src"
  tar -xf "$tarball" -C "$ROOT/src" --strip-components=1
  echo "tsan: building oneTBB with -fsanitize=thread (a few minutes)"
  cmake -S "$ROOT/src" -B "$ROOT/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DTBB_SANITIZE=thread -DTBB_TEST=OFF -DTBB_EXAMPLES=OFF -DTBBMALLOC_BUILD=OFF \
        -DTBB_STRICT=OFF -DCMAKE_INSTALL_PREFIX="$PREFIX" >/dev/null
  cmake --build "$ROOT/build" -j "$JOBS"
  cmake --install "$ROOT/build" >/dev/null
  touch "$PREFIX/.built-$TBB_VERSION"
fi

# Canaries: TSan must report the deliberate race and stay quiet on the race-free loop,
# otherwise a clean run below would prove nothing.
canary="$ROOT/canary"
mkdir -p "$canary"
for c in race clean; do
  c++ -std=c++20 -O1 -g -fsanitize=thread -Isim -I"$PREFIX/include" "tests/tsan/${c}_canary.cpp" \
      -L"$PREFIX/lib" -Wl,-rpath,"$PREFIX/lib" -ltbb -o "$canary/$c"
done
if TSAN_OPTIONS="halt_on_error=1 exitcode=66" "$canary/race" >/dev/null 2>&1; then
  echo "tsan: the race canary was not reported: ThreadSanitizer is not seeing the thread pool" >&2
  exit 1
fi
TSAN_OPTIONS="halt_on_error=1" "$canary/clean" >/dev/null
echo "tsan: canaries ok (a deliberate race is reported, a race-free loop is clean)"

# The instrumented TBB comes first on the search paths, at build and at run time.
cmake --preset tsan -DCMAKE_PREFIX_PATH="$PREFIX" -DTBB_DIR="$PREFIX/lib/cmake/TBB" >/dev/null
cmake --build --preset tsan -j "$JOBS"
export LD_LIBRARY_PATH="$PREFIX/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
# halt_on_error: the first race fails the test that found it, with both stacks printed.
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 ${TSAN_OPTIONS:-}"
ctest --preset tsan "$@"
