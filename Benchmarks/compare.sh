#!/usr/bin/env bash
# Thuis against its references, in one run (these machines are shared and noisy: only ratios
# within one run count). Several runs each, interleaved; medians and peak RSS (/usr/bin/time -v).
#   - reading: the `read export` stage of `thuis allocate` against `xmllint --stream --noout`
#     (libxml2's reader API) on the profile's export, and against the bare SAX pass
#     `xmllint --sax --noout` on the region export; `thuis validate` beside them;
#   - `thuis allocate --no-ledger` end to end and by stage (read, allocate, write), on the
#     profile's export and on the region export; recording in a new ledger on the profile's;
#   - deferred acceptance alone on `generate --profile region --scale 0.1` against the Python
#     `matching` library's HospitalResident on the same lists (a venv this script creates):
#     the time of each and whether they give the same matching;
#   - the two readers on the region: `thuis validate` of the XML export against
#     `thuis validate --vera` of the same batch as VERA JSON (`generate --format vera`, pages of
#     100), and whether both allocate to the same files.
# Ends with the targets of issues #14 and #15 and whether this run met them.
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
command -v python3 >/dev/null 2>&1 || need+=(python3)
python3 -m venv --help >/dev/null 2>&1 || need+=(python3-venv)
if [ ${#need[@]} -gt 0 ]; then
    echo "compare: installing ${need[*]}" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

swift build -c release --product thuis >&2
BIN=$(swift build -c release --show-bin-path)/thuis
swift build -c release --package-path Benchmarks --product thuis-matching-comparison >&2
DA=$(swift build -c release --package-path Benchmarks --show-bin-path)/thuis-matching-comparison
VENV="$CACHE/venv"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import matching" 2>/dev/null; then
    python3 -m venv "$VENV" >&2
    "$VENV/bin/pip" install -q matching >&2
fi

mkdir -p "$CACHE"
# The export of a profile (seed 1), generated once; scale in the name when not 1.
export_of() {
    local file="$CACHE/$1-seed1${2:+-scale$2}.xml"
    if [ ! -f "$file" ]; then
        "$BIN" generate --profile "$1" --seed 1 ${2:+--scale "$2"} --out "$file" --quiet >&2
    fi
    echo "$file"
}
EXPORT=$(export_of "$PROFILE")
REGION=$(export_of region)
SMALL=$(export_of region 0.1)
# The region as a VERA batch folder (pages of 100, as an API gives them), generated once.
REGION_VERA="$CACHE/region-seed1-vera"
[ -f "$REGION_VERA/manifest.sha256" ] || "$BIN" generate --profile region --seed 1 --format vera --out "$REGION_VERA" --quiet >&2

# Runs a command once under /usr/bin/time -v; prints "seconds kilobytes" and keeps its stderr in $CACHE/last.err.
measure() {
    local log
    log=$(mktemp)
    if ! /usr/bin/time -v "$@" >/dev/null 2>"$log"; then cat "$log" >&2; rm -f "$log"; exit 1; fi
    cp "$log" "$CACHE/last.err"
    awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i] }
                /Maximum resident set size/ { m = $2 } END { printf "%.3f %d\n", s, m }' "$log"
    rm -f "$log"
}

# A stage's seconds from the last run's progress lines ("thuis: read export   31.40 s"); a large
# export's read also prints its percentages ("thuis: read export 82%"), which are not the time.
stage() { awk -v name="$1" 'BEGIN { RS = "[\r\n]" } $0 ~ "^thuis: " name " +[0-9.]+ s$" { print $(NF - 1) }' "$CACHE/last.err"; }

median() { sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# Times of each measure, one list per name; peak RSS (KB) likewise.
declare -A times peaks
record() {  # name seconds kilobytes
    times[$1]="${times[$1]:-} $2"
    if [ -n "${3:-}" ] && (( $3 > ${peaks[$1]:-0} )); then peaks[$1]=$3; fi
}
med() { printf '%s\n' ${times[$1]} | median; }
mb() { if [ -n "${peaks[$1]:-}" ]; then echo $(( ${peaks[$1]} / 1024 )); else echo "-"; fi; }

allocate_runs() {  # label export: thuis allocate --no-ledger, end to end and by stage
    local s m
    read -r s m < <(measure "$BIN" allocate --no-ledger --export "$2" --policy "$POLICY" --out "$CACHE/out-$1")
    record "$1 allocate" "$s" "$m"
    record "$1 read" "$(stage "read export")"
    record "$1 stage allocate" "$(stage allocate)"
    record "$1 write" "$(stage "write outputs")"
}

for i in $(seq 1 "$RUNS"); do
    read -r s m < <(measure xmllint --stream --noout "$EXPORT"); record "$PROFILE xmllint-stream" "$s" "$m"
    read -r s m < <(measure "$BIN" validate "$EXPORT"); record "$PROFILE validate" "$s" "$m"
    allocate_runs "$PROFILE" "$EXPORT"
    rm -f "$CACHE/compare.sqlite"
    read -r s m < <(measure "$BIN" allocate --quiet --ledger "$CACHE/compare.sqlite" --create-ledger --export "$EXPORT" --policy "$POLICY" --out "$CACHE/out-ledger")
    record "$PROFILE ledger" "$s" "$m"
    read -r s m < <(measure xmllint --sax --noout "$REGION"); record "region xmllint-sax" "$s" "$m"
    if [ "$PROFILE" != region ]; then allocate_runs region "$REGION"; fi
    # The two readers on the same region, one after the other.
    read -r s m < <(measure "$BIN" validate "$REGION"); record "region validate xml" "$s" "$m"
    read -r s m < <(measure "$BIN" validate --vera "$REGION_VERA"); record "region validate vera" "$s" "$m"
    echo "run $i/$RUNS: $PROFILE allocate $(printf '%s\n' ${times["$PROFILE allocate"]} | tail -1) s" >&2
done

# The VERA folder allocates as the XML export does.
"$BIN" allocate --quiet --no-ledger --export "$REGION" --policy "$POLICY" --out "$CACHE/out-region-xml" >/dev/null
"$BIN" allocate --quiet --no-ledger --vera "$REGION_VERA" --policy "$POLICY" --out "$CACHE/out-region-vera" >/dev/null
vera_same=yes
for f in allocations.csv candidates.csv quota-report.csv publication.csv toewijzingen.xml; do
    cmp -s "$CACHE/out-region-xml/$f" "$CACHE/out-region-vera/$f" || vera_same=no
done

# Deferred acceptance alone (median of 21 runs) and the Python library on the same lists (1 run:
# building its game takes half a minute).
read -r _ da_seconds < <("$DA" "$SMALL" "$POLICY" "$CACHE/matching" 21 | grep thuis_da_seconds)
matching_log=$("$VENV/bin/python" Benchmarks/matching-check/compare.py "$CACHE/matching" "$da_seconds" 1) || true
echo "$matching_log" >&2
da_ratio=$(echo "$matching_log" | awk '/^da_ratio/ { print $2 }')
same=$(echo "$matching_log" | awk -F': ' '/^same matching/ { print $2 }')

SIZE=$(stat -L -c %s "$EXPORT")
echo
echo "Profile $PROFILE: $(awk -v b="$SIZE" 'BEGIN { printf "%.1f MB", b / 1e6 }'), $RUNS runs each, $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
printf '%-44s %9s %12s\n' "command (median of $RUNS)" "s" "peak RSS MiB"
row() { printf '%-44s %9s %12s\n' "$1" "$(med "$2")" "$(mb "$2")"; }
row "xmllint --stream --noout ($PROFILE)" "$PROFILE xmllint-stream"
row "xmllint --sax --noout (region)" "region xmllint-sax"
row "thuis validate ($PROFILE)" "$PROFILE validate"
row "thuis allocate --no-ledger ($PROFILE)" "$PROFILE allocate"
row "  read export" "$PROFILE read"
row "  allocate" "$PROFILE stage allocate"
row "  write outputs" "$PROFILE write"
row "thuis allocate, new ledger ($PROFILE)" "$PROFILE ledger"
if [ "$PROFILE" != region ]; then
    row "thuis allocate --no-ledger (region)" "region allocate"
    row "  read export" "region read"
fi
row "thuis validate (region, XML)" "region validate xml"
row "thuis validate --vera (region, VERA JSON)" "region validate vera"
echo

# The targets, with what this run measured.
target() {  # measure, target, measured, met (1/0)
    printf '%-62s %-16s %-26s %s\n' "$1" "$2" "$3" "$([ "$4" = 1 ] && echo met || echo 'NOT met')"
}
ok() { awk "BEGIN { exit !($1) }" && echo 1 || echo 0; }
printf '%-62s %-16s %-26s %s\n' "target (issue #14)" "target" "measured" ""
A=$(med "$PROFILE allocate"); AM=$(mb "$PROFILE allocate")
target "allocate $PROFILE end to end, --no-ledger: wall" "< 30 s" "$A s" "$(ok "$A < 30")"
target "allocate $PROFILE end to end, --no-ledger: peak RSS" "< 2 GiB" "$AM MiB" "$(ok "$AM < 2048")"
R=$(med "$PROFILE read"); X=$(med "$PROFILE xmllint-stream")
target "read $PROFILE vs xmllint --stream --noout" "<= 0.8x" "$R / $X s = $(awk "BEGIN { printf \"%.2fx\", $R / $X }")" "$(ok "$R / $X <= 0.8")"
RR=$(med "region read"); RS=$(med "region xmllint-sax")
target "read region vs xmllint --sax --noout" "<= 1.0x" "$RR / $RS s = $(awk "BEGIN { printf \"%.2fx\", $RR / $RS }")" "$(ok "$RR / $RS <= 1.0")"
S=$(med "$PROFILE stage allocate")
target "allocate stage $PROFILE" "< 8 s" "$S s" "$(ok "$S < 8")"
W=$(med "$PROFILE write")
target "write outputs $PROFILE (streamed)" "< 5 s" "$W s" "$(ok "$W < 5")"
RA=$(med "region allocate")
target "allocate region end to end" "< 2 s" "$RA s" "$(ok "$RA < 2")"
VJ=$(med "region validate vera"); VX=$(med "region validate xml")
target "read region: VERA JSON vs XML (thuis validate, #15)" "<= 1.5x, same" "$VJ / $VX s = $(awk "BEGIN { printf \"%.2fx\", $VJ / $VX }"), same: $vera_same" "$(ok "$VJ / $VX <= 1.5 && \"$vera_same\" == \"yes\"")"
met=0; if [ "${same:-}" = yes ] && [ "${da_ratio:-0}" -ge 1000 ]; then met=1; fi
target "DA vs matching HospitalResident (region x0.1)" ">= 1000x, same" "${da_ratio:-?}x, same matching: ${same:-?}" "$met"
