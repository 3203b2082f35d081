#!/usr/bin/env bash
# Checks Thuis's time to housing (Kaplan-Meier with late entry and censoring, log-log intervals,
# restricted mean) against lifelines, an independent implementation, on three simulated years
# under three policies. lifelines runs in a venv this script makes under .build/ (from PyPI,
# pinned), unless the system's Python already has it.
#   Usage: Tests/survival/run.sh [SIMULATION-FOLDER...]   (default: three simulated years)
set -euo pipefail
cd "$(dirname "$0")/../.."
python=python3
if ! python3 -c 'import lifelines' 2>/dev/null; then
    venv=.build/survival-venv
    if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import lifelines' 2>/dev/null; then
        python3 -m venv "$venv"
        "$venv/bin/pip" install -q 'lifelines==0.30.*'
    fi
    python=$venv/bin/python
fi
if [ $# -gt 0 ]; then exec "$python" Tests/survival/check.py "$@"; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
swift build --product thuis >&2
bin=$(swift build --show-bin-path)
seed=1
for policy in een-thuis-voor-iedereen wachttijd-met-quotum loting-20; do
    "$bin/thuis" simulate --quiet --profile region --scale 0.05 --days 365 --seed $seed \
        --policy "Fixtures/policies/$policy.toml" --out "$work/year-$seed" >/dev/null
    seed=$((seed + 1))
done
"$python" Tests/survival/check.py "$work"/year-*
