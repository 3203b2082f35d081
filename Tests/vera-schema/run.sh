#!/usr/bin/env bash
# Validates the VERA JSON Thuis writes against the VERA specification's schemas with an
# independent validator: the demo's VERA twin (the batch pages) and the results of allocating it
# (allocate --vera-out: toewijzingen, aanbiedingen, kandidaten). The validator runs in a venv this
# script makes under .build/ (openapi-schema-validator and PyYAML from PyPI, unless the system's
# Python already has them).
#   Usage: Tests/vera-schema/run.sh [FOLDER...]   (default: the demo twin and its results)
set -euo pipefail
cd "$(dirname "$0")/../.."
python=python3
if ! python3 -c 'import openapi_schema_validator, yaml' 2>/dev/null; then
    venv=.build/vera-schema-venv
    if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import openapi_schema_validator, yaml' 2>/dev/null; then
        python3 -m venv "$venv"
        "$venv/bin/pip" install -q 'openapi-schema-validator==0.9.*' 'PyYAML>=6'
    fi
    python=$venv/bin/python
fi
if [ $# -gt 0 ]; then exec "$python" Tests/vera-schema/validate.py "$@"; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
swift build --product thuis >&2
bin=$(swift build --show-bin-path)
"$bin/thuis" allocate --quiet --no-ledger --vera Fixtures/vera/demo-region \
    --policy Fixtures/policies/een-thuis-voor-iedereen.toml --out "$work/out" --vera-out "$work/results" >&2
"$bin/thuis" allocate --quiet --no-ledger --vera Fixtures/vera/demo-region --mechanism sequential \
    --policy Fixtures/policies/loting-20.toml --out "$work/out-sequential" --vera-out "$work/results-sequential" >&2
"$python" Tests/vera-schema/validate.py Fixtures/vera/demo-region "$work/results" "$work/results-sequential"
