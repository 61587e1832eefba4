#!/usr/bin/env bash
# Every failing check's Reproduce line, run by bash, sends exactly a body the check sent (byte
# for byte: samples with their ids, the malformed body, the sale out of order, the 1 MB body),
# with the same Content-Type, User-Agent and Authorization.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/check.sh"

export RECORD_FILE=$WORK/received.ndjson FLOWHOOK_BEARER=s3cret
start_receiver fails_and_records.py
mkdir -p "$WORK/bin"
ln -sf "$FLOWHOOK" "$WORK/bin/flowhook"
for name in accepts/PRODUCT_MEDIA_CHANGED tolerates-unknown-fields unknown-action rejects-malformed \
  duplicate out-of-order burst credentials large-body; do
  : >"$RECORD_FILE"
  run "$FLOWHOOK" check "$RECEIVER" --bearer s3cret --burst 5 --only "$name" --format json
  expect_only_failure "$name"
  mv "$RECORD_FILE" "$WORK/by-check.ndjson"
  line=$(check_field "$name" reproduce)
  [[ "$line" != *s3cret* ]] || fail "$name: the secret is in the reproduce line: $line"
  PATH="$WORK/bin:$PATH" timeout 60 bash -c "$line" >"$WORK/reproduced.out" 2>&1
  python3 - "$WORK/by-check.ndjson" "$RECORD_FILE" "$name" <<'PY' || fail "$name: '${line:0:300}' did not re-send what check sent: $(head -c 500 "$WORK/reproduced.out")"
import json, sys
read = lambda p: [json.loads(l) for l in open(p)]
sent, again, name = read(sys.argv[1]), read(sys.argv[2]), sys.argv[3]
assert again, "nothing was re-sent"
bodies = {r["body_base64"] for r in sent}
first = again[0]
assert first["body_base64"] in bodies, "the body differs"
match = [r for r in sent if r["body_base64"] == first["body_base64"]][-1]
for header in ("content-type", "user-agent", "authorization"):
    assert first["headers"].get(header) == match["headers"].get(header), (header, first["headers"], match["headers"])
if name == "large-body":
    import base64
    assert len(base64.b64decode(first["body_base64"])) == 1_000_000
if name in ("duplicate", "burst"):
    assert len(again) == len(sent) and all(r["body_base64"] in bodies for r in again), (len(again), len(sent))
PY
done
finish
