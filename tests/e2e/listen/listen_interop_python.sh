#!/usr/bin/env bash
# Python drives listen: requests (a Session's keep-alive connection, a chunked body from a
# generator, a gzipped body, 401 then 200 with a bearer token) and urllib (one connection per
# request, HTTP/1.1 with Connection: close); each body recorded exactly once, byte for byte.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"
source "$(dirname "$0")/../helpers/interop.sh"

# Debian's python3-requests; a python3 found first on PATH may have its own.
PY=
for candidate in python3 /usr/bin/python3; do
  "$candidate" -c 'import requests' 2>/dev/null && PY=$candidate && break
done
[[ -n "$PY" ]] || { echo "python3-requests is not installed (.ci/install-deps --tests)"; exit 77; }
interop_payloads 10
start_listener py --record "$WORK/rec.ndjson" --path /hooks --bearer s3cret
"$PY" - "$PORT" "$WORK/p" >"$WORK/py.out" 2>&1 <<'PY' || fail "python: $(cat "$WORK/py.out")"
import sys, urllib.error, urllib.request
import requests
port, folder = int(sys.argv[1]), sys.argv[2]
url = f"http://127.0.0.1:{port}/hooks"
body = lambda i, suffix="": open(f"{folder}/{i}.json{suffix}", "rb").read()
json_type = {"Content-Type": "application/json"}
auth = {"Authorization": "Bearer s3cret", **json_type}

# requests: no token, then the wrong one: 401 with the challenge; nothing recorded.
r = requests.post(url, data=body(1), headers=json_type, timeout=10)
assert r.status_code == 401 and r.headers["WWW-Authenticate"].startswith("Bearer"), (r.status_code, r.headers)
r = requests.post(url, data=body(1), headers={**json_type, "Authorization": "Bearer nope"}, timeout=10)
assert r.status_code == 401, r.status_code
# A Session keeps one connection for 1-4.
with requests.Session() as s:
    for i in range(1, 5):
        r = s.post(url, data=body(i), headers=auth, timeout=10)
        assert r.status_code == 200 and r.json() == {"status": 200, "accepted": True}, (i, r.status_code, r.text)
# A generator body goes chunked.
def pieces(data, size=7):
    for k in range(0, len(data), size):
        yield data[k:k + size]
r = requests.post(url, data=pieces(body(5)), headers=auth, timeout=10)
assert r.status_code == 200 and r.request.headers.get("Transfer-Encoding") == "chunked", (r.status_code, r.request.headers)
# A gzipped body.
r = requests.post(url, data=body(6, ".gz"), headers={**auth, "Content-Encoding": "gzip"}, timeout=10)
assert r.status_code == 200, r.status_code
# urllib: 7-10, a connection each.
for i in range(7, 11):
    request = urllib.request.Request(url, data=body(i), headers=auth, method="POST")
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert answer.status == 200 and answer.read() == b'{"status":200,"accepted":true}\n', i
# urllib without the token: HTTPError 401.
try:
    urllib.request.urlopen(urllib.request.Request(url, data=body(7), headers=json_type), timeout=10)
    raise AssertionError("urllib: no 401")
except urllib.error.HTTPError as e:
    assert e.code == 401, e.code
print("ok")
PY
wait_lines "$WORK/rec.ndjson" 10
stop_listener "$LISTENER_PID"
expect_recorded "$WORK/rec.ndjson" "$(seq_ids 1 10)"
grep -qF "answers: 200 x10, 401 x3" "$WORK/py.err" || fail "summary: $(cat "$WORK/py.err")"
finish
