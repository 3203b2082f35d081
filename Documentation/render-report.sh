#!/usr/bin/env bash
# Renders a Thuis HTML report to PNG with headless Chromium (Debian's `chromium`), to look at it:
#   Documentation/render-report.sh compare-demo.html compare-demo.png [WIDTHxHEIGHT]
set -euo pipefail
html=$1; png=$2; size=${3:-1000x1700}
command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
chromium --headless --no-sandbox --disable-gpu --window-size="${size/x/,}" --screenshot="$png" "file://$(realpath "$html")" 2>/dev/null
echo "$png"
