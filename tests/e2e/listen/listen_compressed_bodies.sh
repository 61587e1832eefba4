#!/usr/bin/env bash
# Content-Encoding gzip and deflate are decoded (curl --data-binary of a gzipped file, Python's
# zlib and urllib); the text output says "gzip, X -> Y"; the record keeps the decoded JSON as
# body and the bytes as received as raw_base64 with an "encoding" key, and send --replay sends
# those bytes again; --max-body bounds the decoded size (a gzip bomb gets 413 and no large
# allocation); br, zstd and the like get 415 with Accept-Encoding; corrupt data gets 400;
# --forward-to relays the compressed bytes with their Content-Encoding.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"

gzip -9 -n -c "$ORDER" >"$WORK/order.json.gz"
start_listener gz --record "$WORK/gz.ndjson" --path /hooks

# curl with a gzipped file, as a sender that compresses its deliveries would.
post /hooks "$WORK/order.json.gz" -H 'Content-Encoding: gzip'
expect_code 200
raw=$(stat -c %s "$WORK/order.json.gz")
plain=$(stat -c %s "$ORDER")
grep -qxF "  gzip, $raw B -> $plain B" "$WORK/gz.out" || fail "no 'gzip, $raw B -> $plain B' line: $(head -5 "$WORK/gz.out")"
grep -qF '  ORDER_SETTLED tenant=7 store=1 order=7123' "$WORK/gz.out" || fail "decoded body not checked: $(head -8 "$WORK/gz.out")"

# Python: zlib-wrapped deflate, raw deflate, two gzip members, and urllib with gzip.
python3 - "$PORT" "$ORDER" <<'PY' >"$WORK/py.out" 2>&1 || fail "python senders: $(cat "$WORK/py.out")"
import gzip, sys, urllib.request, zlib
port, path = int(sys.argv[1]), sys.argv[2]
body = open(path, "rb").read()
raw = zlib.compressobj(9, zlib.DEFLATED, -15)
raw = raw.compress(body) + raw.flush()
half = len(body) // 2
cases = [("deflate", zlib.compress(body)), ("deflate", raw),
         ("gzip", gzip.compress(body[:half]) + gzip.compress(body[half:])), ("x-gzip", gzip.compress(body))]
for coding, data in cases:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/hooks", data=data, method="POST",
                                     headers={"Content-Type": "application/json", "Content-Encoding": coding})
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert answer.status == 200, (coding, answer.status)
print("ok")
PY
wait_lines "$WORK/gz.ndjson" 5
stop_listener "$LISTENER_PID"
expect_file_lines "$WORK/gz.ndjson" 5
[[ $(jq -c '[.encoding, .action, .valid, (.raw == null)]' "$WORK/gz.ndjson" | sort -u | tr -d '\n') == \
  '["deflate","ORDER_SETTLED",true,true]["gzip","ORDER_SETTLED",true,true]["x-gzip","ORDER_SETTLED",true,true]' ]] ||
  fail "records: $(jq -c '[.encoding, .action, .valid, (.raw == null)]' "$WORK/gz.ndjson")"
# The body is the decoded payload, raw_base64 exactly the bytes that arrived.
head -1 "$WORK/gz.ndjson" | jq -r .raw_base64 | base64 -d >"$WORK/recorded.gz"
cmp -s "$WORK/recorded.gz" "$WORK/order.json.gz" || fail "raw_base64 is not the gzipped bytes as sent"
[[ $(head -1 "$WORK/gz.ndjson" | jq -c .body) == "$(jq -c . "$ORDER")" ]] || fail "body is not the decoded payload"
# A record without an encoding has no "encoding" key.
start_listener plainrec --record "$WORK/plain.ndjson"
post /hooks "$ORDER"
expect_code 200
stop_listener "$LISTENER_PID"
[[ $(jq -c 'has("encoding")' "$WORK/plain.ndjson") == false ]] || fail "an uncompressed record has an encoding key"

# send --replay sends the compressed bytes again with their Content-Encoding, byte for byte.
start_listener replayed --record "$WORK/replayed.ndjson"
run "$FLOWHOOK" send "http://127.0.0.1:$PORT/hooks" --replay "$WORK/gz.ndjson" --no-validate -q
expect_exit 0
wait_lines "$WORK/replayed.ndjson" 5
stop_listener "$LISTENER_PID"
[[ $(jq -c '[.encoding, (.raw_base64 // .raw), .body]' "$WORK/replayed.ndjson") == \
  "$(jq -c '[.encoding, (.raw_base64 // .raw), .body]' "$WORK/gz.ndjson")" ]] ||
  fail "the replay did not deliver the same bytes and encodings: $(jq -c "[.encoding, .status]" "$WORK/replayed.ndjson")"

# --forward-to relays the body as received, with its Content-Encoding: here to a second
# listener standing in for the app, which decodes and records it in turn.
start_listener app --record "$WORK/app.ndjson"
APP_PORT=$PORT
start_listener relay --forward-to "http://127.0.0.1:$APP_PORT/app"
post /hooks "$WORK/order.json.gz" -H 'Content-Encoding: gzip'
expect_code 200
wait_lines "$WORK/app.ndjson" 1
[[ $(jq -r .encoding "$WORK/app.ndjson") == gzip ]] || fail "the app got no Content-Encoding: $(cat "$WORK/app.ndjson")"
jq -r .raw_base64 "$WORK/app.ndjson" | base64 -d | cmp -s - "$WORK/order.json.gz" || fail "the app did not get the gzipped bytes"
stop_listener "$LISTENER_PID"

# A gzip bomb: 200 MB of zeros in about 200 KB. --max-body bounds the decoded size: 413, and the
# listener never holds much more than --max-body.
python3 -c '
import sys, zlib
z = zlib.compressobj(9, zlib.DEFLATED, 31)
chunk = bytes(1 << 20)
out = sys.stdout.buffer
for _ in range(200):
    out.write(z.compress(chunk))
out.write(z.flush())' >"$WORK/bomb.gz"
(($(stat -c %s "$WORK/bomb.gz") < 300000)) || fail "the bomb is $(stat -c %s "$WORK/bomb.gz") bytes"
start_listener bomb --record "$WORK/bomb.ndjson" -v
before=$(rss_kb "$LISTENER_PID")
post /hooks "$WORK/bomb.gz" -H 'Content-Encoding: gzip'
expect_code 413
grep -qF 'over the limit of 1048576 bytes' "$WORK/answer" || fail "413 without its reason: $(cat "$WORK/answer")"
after=$(rss_kb "$LISTENER_PID")
((after - before < 20000 * RSS_FACTOR)) || fail "the bomb grew the listener from $before to $after KiB"
# Exactly --max-body decoded is accepted.
head -c 2000 /dev/zero | tr '\0' ' ' >"$WORK/spaces"
{ cat "$ORDER"; cat "$WORK/spaces"; } | gzip -c >"$WORK/padded.gz"
size=$(($(stat -c %s "$ORDER") + 2000))
stop_listener "$LISTENER_PID"
grep -qF "refused 127.0.0.1:" "$WORK/bomb.err" || fail "-v did not report the 413: $(cat "$WORK/bomb.err")"
grep -qF "413 x1" "$WORK/bomb.err" || fail "the summary lacks the 413: $(cat "$WORK/bomb.err")"
[[ ! -s "$WORK/bomb.ndjson" ]] || fail "the bomb was recorded"
start_listener exact --max-body "${size}B"
post /hooks "$WORK/padded.gz" -H 'Content-Encoding: gzip'
expect_code 200
start_listener under --max-body "$((size - 1))B"
post /hooks "$WORK/padded.gz" -H 'Content-Encoding: gzip'
expect_code 413

# Codings it cannot decode: 415, with what it can decode; corrupt data: 400.
for coding in br zstd compress; do
  CODE=$(curl -s -D "$WORK/head" -o "$WORK/answer" -w '%{http_code}' --max-time 10 \
    -H "Content-Encoding: $coding" --data-binary @"$WORK/order.json.gz" "http://127.0.0.1:$PORT/hooks")
  expect_code 415
  grep -qF "\"error\":\"Content-Encoding $coding is not supported (gzip or deflate only)\"" "$WORK/answer" ||
    fail "415 reason for $coding: $(cat "$WORK/answer")"
  grep -qi '^accept-encoding: gzip, deflate' "$WORK/head" || fail "415 without Accept-Encoding: $(cat "$WORK/head")"
done
post /hooks "$ORDER" -H 'Content-Encoding: gzip'
expect_code 400
grep -qF 'the gzip body is corrupt' "$WORK/answer" || fail "400 reason: $(cat "$WORK/answer")"
head -c 60 "$WORK/order.json.gz" >"$WORK/cut.gz"
post /hooks "$WORK/cut.gz" -H 'Content-Encoding: gzip'
expect_code 400
# identity is no encoding at all.
post /hooks "$ORDER" -H 'Content-Encoding: identity'
expect_code 200
finish
