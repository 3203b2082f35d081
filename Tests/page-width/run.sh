#!/usr/bin/env bash
# The monitor's page fits a 1366-pixel laptop screen, in Dutch and in English: a generated night
# of the region in a ledger, the monitor's page for it, and the page's width in headless
# Chromium (Debian's `chromium`, installed when missing) at a 1366-pixel window.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
thuis=.build/debug/thuis
[ -x "$thuis" ] || swift build
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$thuis" ledger init "$work/l.sqlite" >/dev/null
"$thuis" generate --profile region --seed 1 --stock "$work/stock.csv" --programme "$work/programme.csv" >/dev/null 2>&1
"$thuis" generate --profile nightly --seed 3 --out "$work/night.xml" --quiet >/dev/null 2>&1
"$thuis" allocate --export "$work/night.xml" --policy Fixtures/policies/spreiding-per-buurt.toml --ledger "$work/l.sqlite" --out "$work/out" --quiet >/dev/null
awk -F, 'NR > 1 && $2 != "" { print $1 "," $2 ",TOE,,2026-11-25" }' "$work/out/allocations.csv" \
    | (echo "advert_id,household_id,status,detail_status,date"; cat) > "$work/answers.csv"
"$thuis" record-outcomes "$work/answers.csv" --ledger "$work/l.sqlite" >/dev/null
status=0
for lang in nl en; do
    for within in wijk buurt; do
        page="$work/monitor-$lang-$within.html"
        "$thuis" monitor --ledger "$work/l.sqlite" --period 2026 --stock "$work/stock.csv" --programme "$work/programme.csv" \
            --policy Fixtures/policies/spreiding-per-buurt.toml --within "$within" --lang "$lang" --html "$page" >/dev/null 2>&1
        # The page has no script of its own; a copy gets one that writes the document's width into it.
        sed 's|</body>|<script>document.body.setAttribute("data-width", document.documentElement.scrollWidth)</script></body>|' "$page" > "$work/measured.html"
        width=$(chromium --headless --no-sandbox --disable-gpu --window-size=1366,900 --dump-dom "file://$work/measured.html" 2>/dev/null \
            | grep -o 'data-width="[0-9]*"' | grep -o '[0-9]*')
        if [ -z "$width" ] || [ "$width" -gt 1366 ]; then
            echo "page-width: the monitor's page ($lang, per $within) is ${width:-?} pixels wide at a 1366-pixel window" >&2
            status=1
        else
            echo "page-width: the monitor's page ($lang, per $within) is $width pixels wide: fits 1366"
        fi
    done
done
exit $status
