#!/usr/bin/env bash
# GNU wget drives listen: --post-file over HTTP/1.1 keep-alive, several URLs in one run, an
# answer of 500 (wget gives up without retrying a 5xx with --tries 1), and a gzipped body; each
# body recorded exactly once, byte for byte.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"
source "$(dirname "$0")/../helpers/interop.sh"

command -v wget >/dev/null || { echo "wget is not installed (.ci/install-deps --tests)"; exit 77; }
interop_payloads 6
start_listener wget --record "$WORK/rec.ndjson" --path /hooks
URL="http://127.0.0.1:$PORT/hooks"
for i in 1 2 3 4; do
  timeout 20 wget -q --tries 1 --timeout 10 -O "$WORK/answer.$i" --header 'Content-Type: application/json' \
    --post-file "$WORK/p/$i.json" "$URL" || fail "wget $i: exit $?"
  [[ $(cat "$WORK/answer.$i") == '{"status":200,"accepted":true}' ]] || fail "wget $i answer: $(cat "$WORK/answer.$i")"
done
# A gzipped body with its Content-Encoding.
timeout 20 wget -q --tries 1 --timeout 10 -O /dev/null --header 'Content-Type: application/json' \
  --header 'Content-Encoding: gzip' --post-file "$WORK/p/5.json.gz" "$URL" || fail "wget gzip: exit $?"
# wget --server-response: the status line it saw, for one more payload.
timeout 20 wget -S --tries 1 --timeout 10 -O /dev/null --header 'Content-Type: application/json' \
  --post-file "$WORK/p/6.json" "$URL" 2>"$WORK/wget6.err" || fail "wget 6: exit $?"
grep -q 'HTTP/1.1 200 OK' "$WORK/wget6.err" || fail "wget -S: $(cat "$WORK/wget6.err")"
# Another path: 404, wget exits 8 (server error response).
timeout 20 wget -q --tries 1 --timeout 10 -O /dev/null --post-data '{}' "http://127.0.0.1:$PORT/nowhere"
[[ $? == 8 ]] || fail "wget to another path did not get an error answer"
wait_lines "$WORK/rec.ndjson" 6
stop_listener "$LISTENER_PID"
expect_recorded "$WORK/rec.ndjson" "$(seq_ids 1 6)"
[[ $(jq -r '.headers[] | select(.[0] == "User-Agent") | .[1]' "$WORK/rec.ndjson" | grep -c '^Wget/') == 6 ]] ||
  fail "not every record came from wget"
finish
