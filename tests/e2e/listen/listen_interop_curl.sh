#!/usr/bin/env bash
# curl drives listen: Expect: 100-continue, a chunked body, HTTP/1.0, several requests on one
# keep-alive connection, --compressed, an h2c upgrade attempt (answered in HTTP/1.1), and a
# gzipped body; every body recorded exactly once, byte for byte, every status as expected.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"
source "$(dirname "$0")/../helpers/interop.sh"

interop_payloads 12
start_listener curl --record "$WORK/rec.ndjson" --path /hooks
URL="http://127.0.0.1:$PORT/hooks"
CURL=(curl -s --max-time 10 -H 'Content-Type: application/json')

# 1: Expect: 100-continue (curl waits for the 100, then sends).
out=$("${CURL[@]}" -o /dev/null -w '%{http_code} %{size_upload}' -H 'Expect: 100-continue' --expect100-timeout 5 \
  --data-binary @"$WORK/p/1.json" "$URL")
[[ "$out" == "200 $(stat -c %s "$WORK/p/1.json")" ]] || fail "Expect: $out"
# 2: chunked.
out=$("${CURL[@]}" -o /dev/null -w '%{http_code}' -H 'Transfer-Encoding: chunked' --data-binary @"$WORK/p/2.json" "$URL")
[[ "$out" == 200 ]] || fail "chunked: $out"
# 3: HTTP/1.0, answered and closed.
out=$("${CURL[@]}" -o /dev/null -D "$WORK/h10" -w '%{http_code} %{http_version}' --http1.0 --data-binary @"$WORK/p/3.json" "$URL")
[[ "$out" == "200 1.1" || "$out" == "200 1.0" ]] || fail "HTTP/1.0: $out"
grep -qi '^connection: close' "$WORK/h10" || fail "HTTP/1.0 without keep-alive was not closed: $(cat "$WORK/h10")"
# 4-7: four requests on one keep-alive connection (curl reuses it: one connect).
out=$(curl -s --max-time 10 -H 'Content-Type: application/json' -w '%{http_code} %{num_connects}\n' -o /dev/null \
  --data-binary @"$WORK/p/4.json" "$URL" --next -H 'Content-Type: application/json' -o /dev/null -w '%{http_code} %{num_connects}\n' \
  --data-binary @"$WORK/p/5.json" "$URL" --next -H 'Content-Type: application/json' -o /dev/null -w '%{http_code} %{num_connects}\n' \
  --data-binary @"$WORK/p/6.json" "$URL" --next -H 'Content-Type: application/json' -o /dev/null -w '%{http_code} %{num_connects}\n' \
  --data-binary @"$WORK/p/7.json" "$URL" | tr '\n' ' ')
[[ "$out" == "200 1 200 0 200 0 200 0 " ]] || fail "keep-alive (status, new connections): $out"
# 8: --compressed asks for a compressed answer; the answer comes plain, and curl reads it.
out=$("${CURL[@]}" -o "$WORK/answer" -w '%{http_code}' --compressed --data-binary @"$WORK/p/8.json" "$URL")
[[ "$out" == 200 && $(cat "$WORK/answer") == '{"status":200,"accepted":true}' ]] || fail "--compressed: $out $(cat "$WORK/answer")"
# 9: an h2c upgrade attempt (--http2 on http://): the listener ignores Upgrade, answers HTTP/1.1.
out=$("${CURL[@]}" -o /dev/null -w '%{http_code} %{http_version}' --http2 --data-binary @"$WORK/p/9.json" "$URL")
[[ "$out" == "200 1.1" ]] || fail "h2c upgrade: $out"
# 10: a gzipped body, decoded by the listener; the record keeps the gzip bytes.
out=$("${CURL[@]}" -o /dev/null -w '%{http_code}' -H 'Content-Encoding: gzip' --data-binary @"$WORK/p/10.json.gz" "$URL")
[[ "$out" == 200 ]] || fail "gzip: $out"
# 11: chunked and Expect together, over HTTP/1.1 keep-alive, then 12 plain on the same curl.
out=$("${CURL[@]}" -o /dev/null -w '%{http_code} ' -H 'Transfer-Encoding: chunked' -H 'Expect: 100-continue' \
  --data-binary @"$WORK/p/11.json" "$URL" --next -H 'Content-Type: application/json' -o /dev/null -w '%{http_code}' \
  --data-binary @"$WORK/p/12.json" "$URL")
[[ "$out" == "200 200" ]] || fail "chunked with Expect, then plain: $out"
# Not delivered: a GET (405) and another path (404).
out=$(curl -s -o /dev/null -w '%{http_code} ' --max-time 10 "$URL"; curl -s -o /dev/null -w '%{http_code}' --max-time 10 -d '{}' "http://127.0.0.1:$PORT/other")
[[ "$out" == "405 404" ]] || fail "GET and other path: $out"

wait_lines "$WORK/rec.ndjson" 12
stop_listener "$LISTENER_PID"
expect_recorded "$WORK/rec.ndjson" "$(seq_ids 1 12)"
[[ $(jq -r 'select(.body.order.Id == 9) | .headers[] | select(.[0] == "Upgrade") | .[1]' "$WORK/rec.ndjson") == h2c ]] ||
  fail "curl --http2 did not try the h2c upgrade, so the test proved nothing"
finish
