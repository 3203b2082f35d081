#!/usr/bin/env bash
# Builds the fuzz targets (libFuzzer + AddressSanitizer, the whole package graph instrumented) and
# runs each for SECONDS (default 20), seeded from Fixtures/ and this folder's corpora, with the
# format's dictionary. A crash fails the script; the input that crashed is left in
# Fuzz/crashes/TARGET-* to become a fixture.
#   Usage: Fuzz/run.sh [SECONDS] [TARGET...]
#          Fuzz/run.sh ci    -- what .ci/run does: a fixed seed and a fixed number of inputs per
#                               target (about 20 s each here), so a run is repeatable
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}; shift || true
ci=false
if [ "$seconds" = ci ]; then ci=true; seconds=0; fi
targets=("$@"); [ ${#targets[@]} -gt 0 ] || targets=(FuzzExport FuzzPolicy FuzzCSV FuzzResult FuzzVERA FuzzIdTable)
scratch=Fuzz/.build-fuzz
for t in "${targets[@]}"; do
    swift build -c release --package-path Fuzz --scratch-path "$scratch" --product "$t" \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -use-ld=lld >&2
done
bin=$(swift build -c release --package-path Fuzz --scratch-path "$scratch" --show-bin-path)
mkdir -p Fuzz/crashes
status=0
for t in "${targets[@]}"; do
    corpus=$(mktemp -d)
    case $t in
        FuzzExport) cp Fixtures/exports/*.xml Fixtures/exports/*.xml.gz Fixtures/exports/encodings/*.xml Fixtures/invalid/*.xml "$corpus"/; dict=Fuzz/dictionaries/export.dict; len=65536; runs=5000 ;;
        FuzzPolicy) cp Fixtures/policies/*.toml Fixtures/policies/invalid/*.toml "$corpus"/; dict=Fuzz/dictionaries/policy.dict; len=32768; runs=300000 ;;
        FuzzCSV) cp Fuzz/corpus/csv/* "$corpus"/; dict=Fuzz/dictionaries/csv.dict; len=65536; runs=120000 ;;
        FuzzResult) cp Fuzz/corpus/result/* "$corpus"/; dict=Fuzz/dictionaries/result.dict; len=32768; runs=20000 ;;
        FuzzVERA) cp Fuzz/corpus/vera/* "$corpus"/; dict=Fuzz/dictionaries/vera.dict; len=65536; runs=6000 ;;
        FuzzIdTable) cp Fuzz/corpus/idtable/* "$corpus"/; dict=; len=8192; runs=100000 ;;
    esac
    if $ci; then budget=(-seed=1 -runs=$runs); echo "fuzz: $t, $runs inputs from seed 1" >&2
    else budget=(-max_total_time="$seconds"); echo "fuzz: $t for ${seconds} s" >&2; fi
    if ! SWIFT_BACKTRACE=enable=no "$bin/$t" "$corpus" ${dict:+-dict=$dict} "${budget[@]}" -max_len=$len \
            -rss_limit_mb=2048 -timeout=10 -detect_leaks=0 -artifact_prefix="Fuzz/crashes/$t-" -print_final_stats=1 2> "$corpus/log"; then
        tail -40 "$corpus/log" >&2
        echo "fuzz: $t crashed; the input is in Fuzz/crashes/" >&2
        status=1
    else
        grep -E "^stat::number_of_executed_units|^#[0-9]+.*DONE" "$corpus/log" | tail -2 >&2 || true
    fi
    rm -rf "$corpus"
done
exit $status
