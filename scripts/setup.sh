#!/usr/bin/env bash
# Installs everything prosim needs from Debian 12 packages. Idempotent and
# non-interactive: a package already present is left alone, so a second run
# costs a few seconds. Run as root (or with sudo available).
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config
  libboost-dev            # Boost (header-only parts: math distributions)
  libtbb-dev              # oneTBB: parallel engine
  libhdf5-dev hdf5-tools  # HDF5 C API + high-level library (H5DS), h5dump
  nlohmann-json3-dev      # scenario JSON
  doctest-dev             # unit tests
  librandom123-dev        # counter-based RNG (Philox)
  libcli11-dev            # command line parsing
  netcdf-bin              # ncdump, used by the netCDF-compatibility test
  time curl               # /usr/bin/time -v for bench/ (peak memory); curl for scripts/tsan.sh
  python3 python3-numpy python3-pandas python3-xarray python3-h5netcdf
  python3-h5py python3-matplotlib python3-scipy python3-pytest
  libopenmpi-dev openmpi-bin  # optional MPI for `mpirun prosim sweep` (CMake option PROSIM_MPI)
  python3-dask            # xr.open_mfdataset (the stacking recipe of docs/output-format.md)
  r-base-core r-cran-ncdf4  # R and ncdf4: the R snippets of the docs are run by a test
  chromium                # headless browser: tests/analysis/test_report_layout.py
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages already installed"
else
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# prosim-analysis on PATH and `import analysis` from anywhere (docs/analysis.md).
$SUDO bash "$(dirname "$0")/install-analysis.sh"
echo "setup: done"
