#!/usr/bin/env bash
# `thuis publish` at volume (issue #26): the results of allocating a generated region, candidate
# lists included (about 100,000 items at the default scale), posted to a local VERA API (a Python
# threading HTTP/1.1 server on 127.0.0.1 that stores POSTs and answers idExtern lookups), against
# a reference client in the same run: Python http.client with as many threads as --concurrency,
# posting the same bodies over kept-alive connections, without a journal. Then publish again (all
# stored: nothing is sent) and checks that the server holds every item exactly once.
#   Benchmarks/publish.sh                 # SCALE=0.08 CONCURRENCY=8
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=${SCALE:-0.08}
CONCURRENCY=${CONCURRENCY:-8}
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT

swift build -c release --product thuis >&2
thuis=$(swift build -c release --show-bin-path)/thuis
"$thuis" generate --quiet --profile region --scale "$SCALE" --seed 26 --out "$work/region.xml" >&2
"$thuis" allocate --quiet --no-ledger --export "$work/region.xml" --policy Fixtures/policies/een-thuis-voor-iedereen.toml \
    --out "$work/out" --vera-out "$work/vera" >&2

cat > "$work/server.py" <<'EOF'
import http.server, json, sys, threading, urllib.parse
lock = threading.Lock()
stored = {}          # (resource, idExtern) -> count
class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # One write per answer, without Nagle: headers and body sent apart meet the client's delayed
    # ACK and cost 40 ms a request, which would measure the server, not the client.
    disable_nagle_algorithm = True
    wbufsize = -1
    def log_message(self, *a): pass
    def reply(self, status, body=b"", headers=()):
        self.send_response(status)
        for k, v in headers: self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        resource = self.path.strip("/")
        if resource == "stats":
            return self.reply(200, json.dumps({f"{r} {k}": n for (r, k), n in stored.items()}).encode())
        key = json.loads(body).get("idExtern", "")
        with lock:
            stored[(resource, key)] = stored.get((resource, key), 0) + 1
            n = len(stored)
        self.reply(201, b"{}", [("Location", f"/{resource}/{n}"), ("Content-Type", "application/json")])
    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        resource = url.path.strip("/")
        key = urllib.parse.parse_qs(url.query).get("idExtern", [""])[0]
        with lock:
            found = stored.get((resource, key), 0) > 0
        body = json.dumps([{"id": "x", "idExtern": key}] if found else []).encode()
        self.reply(200, body, [("Content-Type", "application/json")])
server = http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
server.daemon_threads = True
server.serve_forever()
EOF
cat > "$work/reference.py" <<'EOF'
import http.client, json, os, sys, threading, time
folder, port, width = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
items = []
for name in sorted(os.listdir(folder)):
    if name.endswith(".json") and "-" in name:
        resource = name.split("-")[0]
        for item in json.load(open(os.path.join(folder, name))):
            items.append((resource, json.dumps(item).encode()))
next_item, lock = [0], threading.Lock()
def work():
    c = http.client.HTTPConnection("127.0.0.1", port)
    while True:
        with lock:
            i = next_item[0]; next_item[0] += 1
        if i >= len(items): return
        resource, body = items[i]
        c.request("POST", f"/ref-{resource}", body, {"Content-Type": "application/json"})
        r = c.getresponse(); r.read()
        assert r.status == 201
start = time.time()
threads = [threading.Thread(target=work) for _ in range(width)]
for t in threads: t.start()
for t in threads: t.join()
print(f"{len(items)} {time.time() - start:.2f}")
EOF
port=$((20000 + RANDOM % 20000))
python3 "$work/server.py" "$port" & server=$!
sleep 1
echo "token" > "$work/token"
items=$(python3 -c "
import json, os, sys
f = sys.argv[1]
print(sum(len(json.load(open(os.path.join(f, n)))) for n in os.listdir(f) if n.endswith('.json') and '-' in n))" "$work/vera")
start=$(date +%s.%N)
"$thuis" publish "$work/vera" --quiet --vera-url "http://127.0.0.1:$port" --token-file "$work/token" \
    --resources kandidaten,aanbiedingen,toewijzingen --concurrency "$CONCURRENCY" >&2
thuis_seconds=$(echo "$(date +%s.%N) - $start" | bc)
read -r ref_items ref_seconds < <(python3 "$work/reference.py" "$work/vera" "$port" "$CONCURRENCY")
start=$(date +%s.%N)
again=$("$thuis" publish "$work/vera" --vera-url "http://127.0.0.1:$port" --token-file "$work/token" \
    --resources kandidaten,aanbiedingen,toewijzingen --concurrency "$CONCURRENCY")
again_seconds=$(echo "$(date +%s.%N) - $start" | bc)
once=$(curl -s -X POST "http://127.0.0.1:$port/stats" -d '{}' | python3 -c "
import json, sys
s = json.load(sys.stdin)
mine = {k: n for k, n in s.items() if not k.startswith('ref-')}
print(f'{len(mine)} items stored, {sum(1 for n in mine.values() if n != 1)} not exactly once')")
printf 'publish: %s items in %.1f s (%.0f items/s, concurrency %s); reference client: %s items in %.1f s; ratio %.2fx\n' \
    "$items" "$thuis_seconds" "$(echo "$items / $thuis_seconds" | bc -l)" "$CONCURRENCY" "$ref_items" "$ref_seconds" \
    "$(echo "$thuis_seconds / $ref_seconds" | bc -l)"
printf 'publish again: %.1f s (%s)\n' "$again_seconds" "$(echo "$again" | head -1)"
echo "server: $once"
echo "target (#26): 100,000 items in under 120 s: $(echo "$thuis_seconds < 120" | bc | sed 's/1/met/;s/0/NOT met/')"
