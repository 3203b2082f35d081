#!/usr/bin/env bash
# Every shortfall bound of a region run against OR-Tools (not a test dependency: it needs PyPI).
#   Benchmarks/bound-check/run.sh                 # generated region, seed 1, floor at 95%
#   Benchmarks/bound-check/run.sh OUT             # an existing output folder
# Creates a virtual environment under $TMPDIR/thuis-bound-check with ortools.
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV=${TMPDIR:-/tmp}/thuis-bound-check
CACHE=${THUIS_BENCH_CACHE:-${TMPDIR:-/tmp}/thuis-benchmarks}
if [ ! -x "$VENV/bin/python" ]; then
    command -v python3 >/dev/null && python3 -m venv --help >/dev/null 2>&1 || {
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null; }
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q ortools
fi
OUT=${1:-}
if [ -z "$OUT" ]; then
    swift build -c release --product thuis >&2
    BIN=$(swift build -c release --show-bin-path)/thuis
    mkdir -p "$CACHE"
    EXPORT="$CACHE/region-seed1.xml"
    [ -f "$EXPORT" ] || "$BIN" generate --quiet --profile region --seed 1 --out "$EXPORT"
    sed 's/^share = 0.3[0-9]*/share = 0.95/' Fixtures/policies/wachttijd-met-quotum.toml > "$CACHE/floor-95.toml"
    OUT="$CACHE/bound-check-out"
    /usr/bin/time -f "allocate: %e s, %M KB" "$BIN" allocate --export "$EXPORT" --policy "$CACHE/floor-95.toml" --out "$OUT" --no-ledger --quiet
    /usr/bin/time -f "verify: %e s, %M KB" "$BIN" verify "$OUT"
fi
/usr/bin/time -f "OR-Tools check: %e s" "$VENV/bin/python" Benchmarks/bound-check/bound_check.py "$OUT"
