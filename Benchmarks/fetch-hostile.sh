#!/usr/bin/env bash
# `thuis fetch` against a server that pages without end (issue #26): every answer is a full page
# of new items with a fresh cursor, as fast as a local Python server gives them. Measures how many
# pages arrive before --timeout, that fetch then exits 69 with nothing written, and its peak memory
# (/usr/bin/time -v): pages are staged on disk, so memory must not grow with the pages.
#   Benchmarks/fetch-hostile.sh           # TIMEOUT=120
set -euo pipefail
cd "$(dirname "$0")/.."
TIMEOUT=${TIMEOUT:-120}
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
swift build -c release --product thuis >&2
thuis=$(swift build -c release --show-bin-path)/thuis

cat > "$work/server.py" <<'EOF'
import http.server, sys, threading
count = [0]
lock = threading.Lock()
item = '{"id":"P%d","einddatum":"2026-11-01","eenheden":[{"id":"E%d"}],"omschrijving":"%s"}'
class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def do_GET(self):
        if self.path.startswith("/count"):
            body = str(count[0]).encode()
        else:
            with lock:
                count[0] += 1; n = count[0]
            body = ("[" + ",".join(item % (n * 100 + k, n * 100 + k, "x" * 200) for k in range(100)) + "]").encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("X-Parameters-Cursor", "c%d" % count[0])
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
server = http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
server.daemon_threads = True
server.serve_forever()
EOF
port=$((20000 + RANDOM % 20000))
python3 "$work/server.py" "$port" & server=$!
sleep 1
echo token > "$work/token"
set +e
/usr/bin/time -v "$thuis" fetch --quiet --vera-url "http://127.0.0.1:$port" --token-file "$work/token" --out "$work/batch" \
    --peildatum 2026-11-25 --regio X --timeout "$TIMEOUT" 2> "$work/stderr"
status=$?
set -e
pages=$(curl -s "http://127.0.0.1:$port/count")
rss=$(grep "Maximum resident set size" "$work/stderr" | awk '{print $NF}')
wall=$(grep "Elapsed (wall clock)" "$work/stderr" | awk '{print $NF}')
grep "error:" "$work/stderr" | head -2
echo "fetch against an endless server: exit $status after $wall (timeout $TIMEOUT s), $pages pages of 100 items served, peak RSS $((rss / 1024)) MiB, folder written: $([ -e "$work/batch" ] && echo yes || echo no)"
