#!/usr/bin/env bash
# Raw sockets drive listen: 20 requests pipelined in one write (Content-Length and chunked
# mixed, absolute-form among them), answered in order on the one connection; a request sent a
# byte at a time; Expect: 100-continue on a reused keep-alive connection (100, then the answer);
# several connections pipelining at once. Every body recorded exactly once, byte for byte.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"
source "$(dirname "$0")/../helpers/interop.sh"

interop_payloads 60
start_listener raw --record "$WORK/rec.ndjson" --path /hooks
python3 - "$PORT" "$WORK/p" >"$WORK/raw.out" 2>&1 <<'PY' || fail "raw sockets: $(cat "$WORK/raw.out")"
import re, socket, sys, threading
port, folder = int(sys.argv[1]), sys.argv[2]
body = lambda i: open(f"{folder}/{i}.json", "rb").read()

def request(i, target="/hooks", extra=b""):
    b = body(i)
    head = f"POST {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n".encode() + extra
    if i % 3 == 0:  # chunked, in two chunks
        half = len(b) // 2
        chunks = b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in (b[:half], b[half:]))
        return head + b"Transfer-Encoding: chunked\r\n\r\n" + chunks + b"0\r\n\r\n"
    return head + b"Content-Length: %d\r\n\r\n" % len(b) + b

def answers(sock, n):
    data = b""
    while len(re.findall(rb"HTTP/1\.1 (\d{3}) [^\r]*\r\n", data)) < n or not data.endswith(b"}\n"):
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    return re.findall(rb"HTTP/1\.1 (\d{3}) ", data), data

# 1-20 pipelined in one write; 7 in absolute form.
s = socket.create_connection(("127.0.0.1", port), timeout=10)
s.sendall(b"".join(request(i, f"http://127.0.0.1:{port}/hooks" if i == 7 else "/hooks") for i in range(1, 21)))
statuses, data = answers(s, 20)
assert statuses == [b"200"] * 20, (statuses, data[-300:])
# 21 a byte at a time on the same connection.
for byte in request(21):
    s.send(bytes([byte]))
statuses, _ = answers(s, 1)
assert statuses == [b"200"], statuses
# 22: Expect on this reused connection: 100 Continue first, then the body, then 200.
b = body(22)
s.sendall(b"POST /hooks HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"
          b"Content-Length: %d\r\n\r\n" % len(b))
interim = s.recv(100)
assert interim == b"HTTP/1.1 100 Continue\r\n\r\n", interim
s.sendall(b)
statuses, _ = answers(s, 1)
assert statuses == [b"200"], statuses
s.close()
# 23-60 on four connections at once, each pipelining its share.
failures = []
def client(ids):
    c = socket.create_connection(("127.0.0.1", port), timeout=10)
    c.sendall(b"".join(request(i) for i in ids))
    got, _ = answers(c, len(ids))
    if got != [b"200"] * len(ids):
        failures.append((ids, got))
    c.close()
threads = [threading.Thread(target=client, args=(list(range(23 + k, 61, 4)),)) for k in range(4)]
for t in threads: t.start()
for t in threads: t.join()
assert not failures, failures
print("ok")
PY
wait_lines "$WORK/rec.ndjson" 60
stop_listener "$LISTENER_PID"
expect_recorded "$WORK/rec.ndjson" "$(seq_ids 1 60)"
finish
