#!/usr/bin/env bash
# A request target in absolute form (POST http://host:port/x HTTP/1.1, RFC 9112 3.2.2), as a
# client sends it to a proxy, is accepted with the path taken from the URL: from a raw socket
# (pipelined with an origin-form request) and from curl with --proxy pointed at the listener.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"

start_listener abs --path /hooks --record "$WORK/abs.ndjson"
python3 - "$PORT" "$ORDER" >"$WORK/raw.out" 2>&1 <<'PY' || fail "raw socket: $(cat "$WORK/raw.out")"
import re, socket, sys
port, body = int(sys.argv[1]), open(sys.argv[2], "rb").read()
def request(target):
    return (f"POST {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode() + body
s = socket.create_connection(("127.0.0.1", port), timeout=10)
s.sendall(request(f"http://127.0.0.1:{port}/hooks?via=raw") + request("/hooks?via=origin") +
          request(f"HTTP://Example.Test/other"))
data = b""
while data.count(b"HTTP/1.1 ") < 3:
    chunk = s.recv(65536)
    if not chunk:
        break
    data += chunk
statuses = re.findall(rb"HTTP/1\.1 (\d{3}) ", data)
assert statuses == [b"200", b"200", b"404"], data
print("ok")
PY
# curl sends its request line in absolute form to a proxy.
CODE=$(curl -s -o "$WORK/answer" -w '%{http_code}' --max-time 10 --proxy "http://127.0.0.1:$PORT" \
  -H 'Content-Type: application/json' --data-binary @"$ORDER" "http://webhooks.example.test/hooks?via=curl")
expect_code 200
wait_lines "$WORK/abs.ndjson" 3
stop_listener "$LISTENER_PID"
[[ $(jq -r .path "$WORK/abs.ndjson" | tr '\n' ' ') == "/hooks?via=raw /hooks?via=origin /hooks?via=curl " ]] ||
  fail "recorded paths: $(jq -r .path "$WORK/abs.ndjson")"
grep -qF 'POST /hooks?via=curl  from 127.0.0.1:' "$WORK/abs.out" || fail "printout: $(grep POST "$WORK/abs.out")"
# A target that is neither a path nor an http(s) URL is still malformed.
start_listener bad
CODE=$(printf 'POST ftp://x/hooks HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n' |
  timeout 10 python3 -c '
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
s.sendall(sys.stdin.buffer.read())
print(s.recv(100).split()[1].decode())' "$PORT")
expect_code 400
finish
