#!/usr/bin/env bash
# Request framing that could desynchronise a connection or exhaust memory is refused and the
# connection closed: chunked bodies over --max-body (413), malformed or negative chunk sizes,
# contradictory Content-Length, Content-Length with Transfer-Encoding (400), 10,000 headers,
# a 100 KiB path. Normal deliveries are answered throughout.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"

start_listener framing --max-body 64KiB --record "$WORK/framing.ndjson"

# raw_expect NAME BYTES STATUS: the listener answers exactly one STATUS and closes.
raw_expect() {
  local got
  got=$(printf '%s' "$2" | timeout 20 $HOSTILE raw "$PORT" - | tr '\n' '|')
  [[ "$got" == "HTTP/1.1 $3 "*'|' && "$got" != *'|HTTP/'* ]] || fail "$1: expected one $3, got: $got"
}

HEAD='POST /hooks HTTP/1.1\r\nHost: x\r\n'
raw_expect "negative length" "${HEAD}Content-Length: -5\r\n\r\n{}" 400
raw_expect "non-numeric length" "${HEAD}Content-Length: 12abc\r\n\r\n{}" 400
raw_expect "two different lengths" "${HEAD}Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}x" 400
raw_expect "length list" "${HEAD}Content-Length: 2, 2\r\n\r\n{}" 400
raw_expect "length and chunked" "${HEAD}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nPOST /smuggled HTTP/1.1\r\n\r\n" 400
raw_expect "unknown encoding" "${HEAD}Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n" 400
raw_expect "negative chunk size" "${HEAD}Transfer-Encoding: chunked\r\n\r\n-5\r\nhello\r\n0\r\n\r\n" 400
raw_expect "non-hex chunk size" "${HEAD}Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n" 400
raw_expect "huge chunk size" "${HEAD}Transfer-Encoding: chunked\r\n\r\nffffffffffffffffffff\r\nhello\r\n0\r\n\r\n" 413
raw_expect "chunk longer than its size" "${HEAD}Transfer-Encoding: chunked\r\n\r\n2\r\nhello\r\n0\r\n\r\n" 400
raw_expect "endless chunk size line" "${HEAD}Transfer-Encoding: chunked\r\n\r\n$(printf '0%.0s' $(seq 3000))" 400
raw_expect "obsolete line folding" "${HEAD}X-A: 1\r\n folded\r\nContent-Length: 0\r\n\r\n" 400
raw_expect "not HTTP" 'HELLO\r\n\r\n' 400
raw_expect "HTTP/2 preface" 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n' 400
raw_expect "100 KiB path" "POST /$(head -c 102400 /dev/zero | tr '\0' a) HTTP/1.1\r\nHost: x\r\n\r\n" 414
raw_expect "10,000 headers" "POST /hooks HTTP/1.1\r\n$(for i in $(seq 10000); do printf 'X-H%d: v\\r\\n' "$i"; done)\r\n" 431

# A well-formed chunked delivery is decoded and accepted.
body='{"action":"ORDER_SETTLED","tenant":{"Id":7,"Uid":"7"},"store":{"Id":1,"Uid":"70"},"order":{"Id":7123,"Uid":"700"},"tenantUser":{"Id":7,"Uid":"9"}}'
raw_expect "valid chunked" "${HEAD}Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n10\r\n${body:0:16}\r\n$(printf '%x' $((${#body} - 16)));ext=1\r\n${body:16}\r\n0\r\nTrailer: x\r\n\r\n" 200

# A chunked body far over --max-body: 413 and the connection closed, memory flat.
survive_attack chunked $((64 * 1024 + 64)) chunked "$PORT" 512 3
grep -q "^HTTP/1.1 413 Payload Too Large" "$WORK/chunked" || fail "chunked over the limit: $(cat "$WORK/chunked")"
! grep -q "sent_mib=512" "$WORK/chunked" || fail "the listener read the whole chunked body"

stop_listener "$LISTENER_PID"
[[ $EXIT_STATUS == 0 ]] || fail "exit $EXIT_STATUS"
recorded=$(jq -r '.path' "$WORK/framing.ndjson" | sort | uniq -c | awk '{print $2 "=" $1}' | tr '\n' ' ')
[[ $(jq -c 'select(.path != "/hooks")' "$WORK/framing.ndjson") == "" ]] || fail "a smuggled request was delivered: $recorded"
[[ $(jq -c 'select(.body.order.Id == 7123) | .raw' "$WORK/framing.ndjson" | head -1) == "$(jq -c -R . <<<"$body")" ]] || fail "chunked body not decoded"
finish
