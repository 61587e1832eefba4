#!/usr/bin/env bash
# Expect: 100-continue with missing or wrong credentials (--bearer, --basic) is answered 401 at
# once, never "100 Continue", and the body is not read; with the right ones the client gets 100
# and then 200. Checked with curl (which waits for the 100 before a large body) and a raw socket.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"

# A valid payload padded to 600 KB, so that reading it would be noticeable.
big="$WORK/big.json"
jq -c . "$ORDER" | tr -d '\n' >"$big"
head -c 600000 /dev/zero | tr '\0' ' ' >>"$big"

start_listener bearer --bearer s3cret --record "$WORK/bearer.ndjson" -v
# curl: wrong token, no token: 401 and curl never sent the body (size_upload 0).
for auth in 'Authorization: Bearer wrong' 'X-No-Auth: 1'; do
  read -r CODE uploaded < <(curl -s -o "$WORK/answer" -w '%{http_code} %{size_upload}\n' --max-time 10 \
    --expect100-timeout 5 -H 'Expect: 100-continue' -H "$auth" -H 'Content-Type: application/json' \
    --data-binary @"$big" "http://127.0.0.1:$PORT/hooks")
  expect_code 401
  [[ "$uploaded" == 0 ]] || fail "curl ($auth) uploaded $uploaded bytes before the 401"
done
# The right token: 100 Continue, then the delivery.
read -r CODE uploaded < <(curl -s -o "$WORK/answer" -w '%{http_code} %{size_upload}\n' --max-time 10 \
  --expect100-timeout 5 -H 'Expect: 100-continue' -H 'Authorization: Bearer s3cret' \
  -H 'Content-Type: application/json' --data-binary @"$big" "http://127.0.0.1:$PORT/hooks")
expect_code 200
[[ "$uploaded" == $(stat -c %s "$big") ]] || fail "curl uploaded $uploaded bytes with the right token"

# A raw socket: the head alone, waiting; what comes back must be a 401, not a 100.
python3 - "$PORT" >"$WORK/raw.out" 2>&1 <<'PY' || fail "raw socket: $(cat "$WORK/raw.out")"
import socket, sys
port = int(sys.argv[1])
def first_answer(auth):
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    s.sendall(("POST /hooks HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n"
               "Expect: 100-continue\r\n" + auth + "\r\n").encode())
    data = s.recv(4096)
    s.close()
    return data
wrong = first_answer("Authorization: Bearer nope\r\n")
assert wrong.startswith(b"HTTP/1.1 401 "), wrong
assert b"100 Continue" not in wrong, wrong
assert b'WWW-Authenticate: Bearer realm="flowhook"' in wrong, wrong
assert first_answer("").startswith(b"HTTP/1.1 401 "), "no credentials"
right = first_answer("Authorization: Bearer s3cret\r\n")
assert right == b"HTTP/1.1 100 Continue\r\n\r\n", right
print("ok")
PY
stop_listener "$LISTENER_PID"
expect_file_lines "$WORK/bearer.ndjson" 1
grep -qF "refused 127.0.0.1:" "$WORK/bearer.err" || fail "-v did not report the early 401s: $(cat "$WORK/bearer.err")"
grep -qF "401 x4" "$WORK/bearer.err" || fail "summary: $(cat "$WORK/bearer.err")"

# --basic the same way; and without credentials required, Expect gets its 100 as before.
start_listener basic --basic shop:pw
read -r CODE uploaded < <(curl -s -o "$WORK/answer" -w '%{http_code} %{size_upload}\n' --max-time 10 \
  --expect100-timeout 5 -H 'Expect: 100-continue' -u shop:bad --data-binary @"$big" "http://127.0.0.1:$PORT/hooks")
expect_code 401
[[ "$uploaded" == 0 ]] || fail "--basic: curl uploaded $uploaded bytes before the 401"
read -r CODE uploaded < <(curl -s -o "$WORK/answer" -w '%{http_code} %{size_upload}\n' --max-time 10 \
  --expect100-timeout 5 -H 'Expect: 100-continue' -u shop:pw --data-binary @"$big" "http://127.0.0.1:$PORT/hooks")
expect_code 200
start_listener open
read -r CODE uploaded < <(curl -s -o "$WORK/answer" -w '%{http_code} %{size_upload}\n' --max-time 10 \
  --expect100-timeout 5 -H 'Expect: 100-continue' --data-binary @"$big" "http://127.0.0.1:$PORT/hooks")
expect_code 200
finish
