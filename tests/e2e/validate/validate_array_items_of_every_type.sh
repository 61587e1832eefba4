#!/usr/bin/env bash
# A top-level array whose items are of any JSON type: each item gets its own verdict, a scalar
# or an array is not-an-object at its own line and column, and the objects around them are
# checked as usual (issue 17: [1,null,null,null,2] once said "a NUL byte" and "empty").
source "$(dirname "$0")/../lib.sh"

# The issue's case, on one line: the columns of 1, null, null, null, 2.
printf '[1,null,null,null,2]' >"$WORK/nulls.json"
run "$FLOWHOOK" validate --format json "$WORK/nulls.json"
expect_exit 1
expect_json '[.payloads[] | [.index, .findings[0].code, .findings[0].message, .line, .findings[0].column]]' \
'[[0,"not-an-object","expected a JSON object, got the number 1",1,2],[1,"not-an-object","expected a JSON object, got null",1,4],[2,"not-an-object","expected a JSON object, got null",1,9],[3,"not-an-object","expected a JSON object, got null",1,14],[4,"not-an-object","expected a JSON object, got the number 2",1,19]]'
run "$FLOWHOOK" validate "$WORK/nulls.json"
expect_out "$WORK/nulls.json:1:9: error: expected a JSON object, got null [not-an-object]"
expect_no_out "NUL"
expect_no_out "empty"

# Every type, pretty-printed, with nesting around scalars, and a valid event among them.
event=$(jq -c . "$FIXTURES/documented/order_settled.json")
cat >"$WORK/types.json" <<JSON
[
  null,
  true, false,
    -7.5e3 ,
  "a string, with ] and \\" inside",
  [null, [true, false], {"a": null}],
  $event,
  {"action": null, "x": [null, {"y": false}]},
  {},
  0
]
JSON
run "$FLOWHOOK" validate --format json "$WORK/types.json"
expect_exit 1
expect_json '[.payloads[] | [.index, .valid, (.findings[0] | .code, .line, .column)]]' \
'[[0,false,"not-an-object",2,3],[1,false,"not-an-object",3,3],[2,false,"not-an-object",3,9],[3,false,"not-an-object",4,5],[4,false,"not-an-object",5,3],[5,false,"not-an-object",6,3],[6,true,null,null,null],[7,false,"wrong-type",8,4],[8,false,"missing-field",9,3],[9,false,"not-an-object",10,3]]'
expect_json '[.payloads[] | .findings[0].message | select(. != null) | select(test("^expected a JSON object"))] | length' '7'
expect_json '.totals | [.payloads, .valid, .invalid]' '[10,1,9]'
finish
