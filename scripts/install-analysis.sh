#!/usr/bin/env bash
# Makes the analysis tools of this checkout usable from any directory:
#   PREFIX/bin/prosim-analysis   runs `python3 -m analysis` with Debian's /usr/bin/python3
#                                (which has numpy, xarray, h5py, ... from scripts/setup.sh)
#   SITE/prosim-analysis.pth     puts this checkout on /usr/bin/python3's path, so that
#                                `import analysis` / `from analysis import open_runs` works in
#                                any script or notebook run by that interpreter
# Defaults: PREFIX=/usr/local, SITE=the first site-packages directory of /usr/bin/python3
# (/usr/local/lib/python3.11/dist-packages on Debian 12). Idempotent: a second run rewrites
# the same two files. Both point at this checkout: move it and run this again.
#
#   bash scripts/install-analysis.sh [--prefix DIR] [--site DIR]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
prefix=/usr/local
site=""
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="$2"; shift 2 ;;
    --site) site="$2"; shift 2 ;;
    *) echo "install-analysis: unknown argument '$1' (use --prefix DIR, --site DIR)" >&2; exit 2 ;;
  esac
done
if [ -z "$site" ]; then
  site="$(/usr/bin/python3 -c 'import site; print(site.getsitepackages()[0])')"
fi
mkdir -p "$prefix/bin" "$site"
cat > "$prefix/bin/prosim-analysis" <<SCRIPT
#!/bin/sh
# prosim-analysis: the analysis tools of $repo (written by scripts/install-analysis.sh)
PYTHONPATH="$repo\${PYTHONPATH:+:\$PYTHONPATH}" exec /usr/bin/python3 -m analysis "\$@"
SCRIPT
chmod 755 "$prefix/bin/prosim-analysis"
echo "$repo" > "$site/prosim-analysis.pth"
echo "install-analysis: $prefix/bin/prosim-analysis and $site/prosim-analysis.pth -> $repo"
