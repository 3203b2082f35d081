#!/usr/bin/env bash
# CI's guard on reading speed: `thuis validate` of a generated region export (seed 1, at
# SCALE) against libxml2's bare SAX pass, `xmllint --sax --noout`, on the same file in the same
# run, RUNS times interleaved; fails when the median ratio is above BOUND.
#
# The machines are shared and noisy, so only a ratio within one run counts. The ratio was 2.16x
# on a quiet machine (a 70 MB export: validate 530 ms, xmllint --sax 245 ms, medians of 7,
# release build, 2026-12-04; at this scale the process start and the one-core finish weigh more
# than in Benchmarks/compare.sh's full region row) and 2.66x inside a full CI run (687 / 258 ms).
# BOUND is 1.5 x the quiet figure, raised to clear the CI figure with room: a reader that
# becomes half again as slow against libxml2 fails CI, noise does not.
#
#   Benchmarks/read-guard.sh                 # release build, scale 0.25, 7 runs, bound 3.5
#   SCALE=0.5 RUNS=9 BOUND=3.0 Benchmarks/read-guard.sh
set -euo pipefail
cd "$(dirname "$0")/.."

SCALE=${SCALE:-0.25}
RUNS=${RUNS:-7}
BOUND=${BOUND:-3.5}

command -v xmllint >/dev/null 2>&1 || {
    echo "read-guard: installing libxml2-utils" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxml2-utils >/dev/null
}

swift build -c release --product thuis >&2
BIN=$(swift build -c release --show-bin-path)/thuis
WORK=$(mktemp -d "${TMPDIR:-/tmp}/thuis-read-guard.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
EXPORT="$WORK/region.xml"
"$BIN" generate --profile region --seed 1 --scale "$SCALE" --out "$EXPORT" --quiet

# Seconds, to the millisecond, of one run of a command (its output discarded; a failure fails).
seconds() {
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || { echo "read-guard: $* failed" >&2; exit 1; }
    end=$(date +%s%N)
    echo $(( (end - start) / 1000000 ))
}
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# One warm-up of each (the file into the page cache), then the runs, interleaved.
seconds xmllint --sax --noout "$EXPORT" >/dev/null
seconds "$BIN" validate "$EXPORT" >/dev/null
sax=() thuis=()
for _ in $(seq 1 "$RUNS"); do
    sax+=("$(seconds xmllint --sax --noout "$EXPORT")")
    thuis+=("$(seconds "$BIN" validate "$EXPORT")")
done
S=$(printf '%s\n' "${sax[@]}" | median)
T=$(printf '%s\n' "${thuis[@]}" | median)
RATIO=$(awk "BEGIN { printf \"%.2f\", $T / $S }")
echo "read-guard: $(du -h "$EXPORT" | cut -f1) region export (scale $SCALE), medians of $RUNS: thuis validate $T ms, xmllint --sax --noout $S ms: ${RATIO}x (bound ${BOUND}x)"
if awk "BEGIN { exit !($T / $S > $BOUND) }"; then
    echo "read-guard: reading has become slower against libxml2 (${RATIO}x > ${BOUND}x); profile the reader (Benchmarks/compare.sh)" >&2
    exit 1
fi
