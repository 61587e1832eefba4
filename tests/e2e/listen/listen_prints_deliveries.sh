#!/usr/bin/env bash
# Each delivery is printed: time, method, path, remote, the action with its references, the
# verdict with every finding, the body; repeats are marked; --events filters printing only.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"

start_listener text
grep -qx "listening on http://127.0.0.1:$PORT/" <(head -1 "$WORK/text.err") || fail "first stderr line: $(head -1 "$WORK/text.err")"
post /hooks "$ORDER"
expect_code 200
jq -e '.status == 200' "$WORK/answer" >/dev/null || fail "answer body: $(cat "$WORK/answer")"
post /hooks "$ORDER"
printf '{"action":"ORDER_SETTLED","tenant":{"Id":7,"Uid":"7"},"store":{"Id":1,"Uid":"70"},"order":{"Id":"7123","Uid":"700"},"tenantUser":{"Id":7,"Uid":"9"}}' >"$WORK/bad.json"
post /other "$WORK/bad.json"
expect_code 200
stop_listener "$LISTENER_PID"
[[ $EXIT_STATUS == 0 ]] || fail "exit after SIGTERM: $EXIT_STATUS"

OUT=$(cat "$WORK/text.out")
ERR=$(cat "$WORK/text.err")
expect_out "POST /hooks  from 127.0.0.1:"
expect_out "ORDER_SETTLED tenant=7 store=1 order=7123"
expect_out "  valid"
expect_out '"action": "ORDER_SETTLED",'
expect_out "repeat #2 of "
expect_out "POST /other"
expect_out "INVALID, 1 error"
expect_out "/order/Id: expected an integer"
expect_out "[wrong-type]"
expect_out "answered 200"
grep -qE '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:.]{12}  POST /hooks' <<<"$OUT" || fail "no time stamp line"
[[ $(grep -c "repeat #" <<<"$OUT") == 1 ]] || fail "only the second delivery is a repeat"
grep -q $'\e\\[' <<<"$OUT" && fail "colour escapes on a pipe"
expect_err "flowhook listen: 3 deliveries"
expect_err "by action: ORDER_SETTLED 3"
expect_err "valid 2, invalid 1, repeats 1"
expect_err "answers: 200 x3"

# --no-body, --headers (credentials masked), --events
start_listener filtered --no-body --headers --events CUSTOMER_CREATE
post /hooks "$ORDER"
expect_code 200
post /hooks "$CUSTOMER" -H 'Authorization: Bearer s3cret-token' -H 'X-Custom: kept'
expect_code 200
stop_listener "$LISTENER_PID"
OUT=$(cat "$WORK/filtered.out")
ERR=$(cat "$WORK/filtered.err")
expect_out "CUSTOMER_CREATE tenant=7 customer=32"
expect_no_out "ORDER_SETTLED"
expect_out "Authorization: Bearer ***"
expect_out "X-Custom: kept"
expect_no_out "s3cret-token"
expect_no_out '"action":'
expect_err "flowhook listen: 2 deliveries"
expect_err "ORDER_SETTLED 1"

# An unknown action in --events is a usage error, with a suggestion.
run "$FLOWHOOK" listen --port 0 --events ORDER_SETLED
expect_exit 2
expect_err 'did you mean "ORDER_SETTLED"'
finish
