#!/usr/bin/env bash
# Oversized bodies get 413, malformed HTTP 400, other paths 404 and methods 405; a client that
# sends half a request and stalls is cut after the read timeout and blocks nobody meanwhile.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"

start_listener limits --path /hooks --max-body 1KiB --read-timeout 1s -v
head -c 2000 /dev/zero | tr '\0' 'x' >"$WORK/big.txt"
post /hooks "$WORK/big.txt"
expect_code 413
post /hooks "$WORK/big.txt" -H 'Expect: 100-continue'
expect_code 413
post /elsewhere "$ORDER"
expect_code 404
CODE=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "http://127.0.0.1:$PORT/hooks")
[[ $CODE == 405 ]] || fail "GET: $CODE"
CODE=$(printf 'POST /hooks HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nBad Header\r\n\r\n{}' |
  timeout 5 python3 -c 'import socket,sys; s=socket.create_connection(("127.0.0.1",int(sys.argv[1]))); s.sendall(sys.stdin.buffer.read()); print(s.recv(100).split()[1].decode())' "$PORT")
[[ $CODE == 400 ]] || fail "malformed header: $CODE"

# Half a request, then silence: others are answered at once; the stalled one is cut.
python3 - "$PORT" >"$WORK/stall" <<'PY' &
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"POST /hooks HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"action\":")
s.settimeout(5)
started = time.monotonic()
try:
    answer = s.recv(200)
except socket.timeout:
    answer = b"none"
print(answer.split(b"\r\n")[0].decode(), round(time.monotonic() - started, 1))
PY
STALL_PID=$!
CHILD_PIDS+=("$STALL_PID")
sleep 0.2
started=$(date +%s%N)
post /hooks "$ORDER"
expect_code 200
elapsed=$((($(date +%s%N) - started) / 1000000))
((elapsed < 500)) || fail "a delivery beside a stalled client took ${elapsed} ms"
wait "$STALL_PID"
grep -q "^HTTP/1.1 408 Request Timeout" "$WORK/stall" || fail "stalled client: $(cat "$WORK/stall")"
stop_listener "$LISTENER_PID"
[[ $EXIT_STATUS == 0 ]] || fail "exit $EXIT_STATUS"
ERR=$(cat "$WORK/limits.err")
expect_err "refused before delivery: 400 x1, 404 x1, 405 x1, 408 x1, 413 x2"
expect_err "body of 2000 bytes is over the limit of 1024"
finish
