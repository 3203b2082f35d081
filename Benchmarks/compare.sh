#!/usr/bin/env bash
# Thuis against the reference, in one run on one generated file (these machines are shared and
# noisy: only ratios within one run count).
#   - ingest: `thuis validate` against `xmllint --stream --noout` (libxml2's reader API);
#   - `thuis allocate` end to end, without a ledger and recording in a new one;
# several runs each, interleaved; prints medians, the ratio and peak RSS (/usr/bin/time -v).
#
#   Benchmarks/compare.sh                  # region profile, 5 runs
#   RUNS=3 PROFILE=national Benchmarks/compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
PROFILE=${PROFILE:-region}
CACHE=${THUIS_BENCH_CACHE:-${TMPDIR:-/tmp}/thuis-benchmarks}
POLICY=Fixtures/policies/een-thuis-voor-iedereen.toml

need=()
command -v xmllint >/dev/null 2>&1 || need+=(libxml2-utils)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
    echo "compare: installing ${need[*]}" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

swift build -c release --product thuis >&2
BIN=$(swift build -c release --show-bin-path)/thuis
mkdir -p "$CACHE"
EXPORT="$CACHE/$PROFILE-seed1.xml"
if [ ! -f "$EXPORT" ]; then
    "$BIN" generate --profile "$PROFILE" --seed 1 --out "$EXPORT" --quiet >&2
fi
OUT="$CACHE/compare-out"
SIZE=$(stat -c %s "$EXPORT")

# Runs a command once under /usr/bin/time -v; prints "seconds kilobytes".
measure() {
    local log
    log=$(mktemp)
    /usr/bin/time -v "$@" >/dev/null 2>"$log" || { cat "$log" >&2; rm -f "$log"; exit 1; }
    awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i] }
                /Maximum resident set size/ { m = $2 } END { printf "%.3f %d\n", s, m }' "$log"
    rm -f "$log"
}

median() { sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

declare -a xt tt at lt
xm=0; tm=0; am=0; lm=0
for i in $(seq 1 "$RUNS"); do
    read -r s m < <(measure xmllint --stream --noout "$EXPORT"); xt+=("$s"); (( m > xm )) && xm=$m
    read -r s m < <(measure "$BIN" validate "$EXPORT"); tt+=("$s"); (( m > tm )) && tm=$m
    read -r s m < <(measure "$BIN" allocate --quiet --no-ledger --export "$EXPORT" --policy "$POLICY" --out "$OUT"); at+=("$s"); (( m > am )) && am=$m
    rm -f "$CACHE/compare.sqlite"
    read -r s m < <(measure "$BIN" allocate --quiet --ledger "$CACHE/compare.sqlite" --create-ledger --export "$EXPORT" --policy "$POLICY" --out "$OUT"); lt+=("$s"); (( m > lm )) && lm=$m
    echo "run $i/$RUNS: xmllint ${xt[-1]} s, thuis validate ${tt[-1]} s, thuis allocate ${at[-1]} s (with a new ledger ${lt[-1]} s)" >&2
done

X=$(printf '%s\n' "${xt[@]}" | median)
T=$(printf '%s\n' "${tt[@]}" | median)
A=$(printf '%s\n' "${at[@]}" | median)
L=$(printf '%s\n' "${lt[@]}" | median)
echo
echo "Profile $PROFILE: $(awk -v b="$SIZE" 'BEGIN { printf "%.1f MB", b / 1e6 }'), $RUNS runs each, $(nproc) cores"
printf '%-36s %9s %12s\n' "command" "median s" "peak RSS MB"
printf '%-36s %9s %12d\n' "xmllint --stream --noout" "$X" $((xm / 1024))
printf '%-36s %9s %12d\n' "thuis validate" "$T" $((tm / 1024))
printf '%-36s %9s %12d\n' "thuis allocate --no-ledger" "$A" $((am / 1024))
printf '%-36s %9s %12d\n' "thuis allocate (new ledger)" "$L" $((lm / 1024))
echo
awk -v t="$T" -v x="$X" -v b="$SIZE" 'BEGIN {
    printf "ingest ratio thuis validate / xmllint --stream: %.2f (target <= 1.00)\n", t / x
    printf "thuis validate throughput: %.0f MB/s\n", b / 1e6 / t }'
