#!/usr/bin/env bash
# Validates the VERA JSON Thuis writes against the VERA specification's schemas, formats
# included, with an independent validator: the demo's VERA twin (the batch pages, with Kandidaten),
# the demo converted with Reacties, a generated region written as VERA, and the results of
# allocating the twin (allocate --vera-out: toewijzingen, aanbiedingen, kandidaten). The validator
# runs in a venv this script makes under .build/ (openapi-schema-validator, PyYAML and rfc3987, the
# uri format's checker, from PyPI, unless the system's Python already has them).
#   Usage: Tests/vera-schema/run.sh [FOLDER...]   (default: the demo twin and its results)
set -euo pipefail
cd "$(dirname "$0")/../.."
python=python3
if ! python3 -c 'import openapi_schema_validator, yaml, rfc3987' 2>/dev/null; then
    venv=.build/vera-schema-venv
    if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import openapi_schema_validator, yaml, rfc3987' 2>/dev/null; then
        python3 -m venv "$venv"
        "$venv/bin/pip" install -q 'openapi-schema-validator==0.9.*' 'PyYAML>=6' 'rfc3987==1.3.*'
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
"$bin/thuis" convert --export Fixtures/exports/demo-region.xml --reactions reacties --vera-out "$work/reacties" >&2
"$bin/thuis" generate --quiet --profile region --scale 0.01 --seed 7 --format vera --out "$work/generated" >&2
"$python" Tests/vera-schema/validate.py Fixtures/vera/demo-region "$work/reacties" "$work/generated" "$work/results" "$work/results-sequential"
