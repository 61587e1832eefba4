#!/usr/bin/env bash
# The JSON Schema that `generate --schema` exports gives the same verdict as `flowhook validate`
# on every payload of a corpus of a few thousand, checked by a real peer validator: ajv (with
# ajv-formats), installed from npm into the build folder. Valid payloads come from --random
# with many seeds; invalid ones from mutating them (tests/e2e/generate/mutate_payloads.py).
# Skipped (exit 77) only when npm cannot reach its registry.
source "$(dirname "$0")/../lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)
NPM_DIR="$BUILD_DIR/npm"

command -v node >/dev/null && command -v npm >/dev/null ||
  { echo "FAIL: node and npm are needed (bash .ci/install-deps --tests installs them)" >&2; exit 1; }
if [[ ! -d "$NPM_DIR/node_modules/ajv" || ! -d "$NPM_DIR/node_modules/ajv-formats" ]]; then
  mkdir -p "$NPM_DIR"
  if ! timeout 240 npm install --prefix "$NPM_DIR" --no-audit --no-fund --loglevel=error \
      ajv@8 ajv-formats@3 >"$WORK/npm.log" 2>&1; then
    if grep -qiE 'ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|network|socket' "$WORK/npm.log"; then
      echo "SKIP: npm cannot reach its registry to install ajv: $(tail -2 "$WORK/npm.log")"
      exit 77
    fi
    echo "FAIL: npm install ajv ajv-formats failed:" >&2
    cat "$WORK/npm.log" >&2
    exit 1
  fi
fi
export NODE_PATH="$NPM_DIR/node_modules"

# The corpus: every spelling, 30 seeds, some with fields the catalogue does not know.
mapfile -t spellings < <("$FLOWHOOK" generate --list --format json | jq -r '.actions[] | .action, .aliases[].action')
for seed in $(seq 1 30); do
  "$FLOWHOOK" generate "${spellings[@]}" --seed "$seed" --count 40 --compact
done >"$WORK/valid.ndjson"
"$FLOWHOOK" generate --all --seed 99 --count 100 --compact --allow-unknown \
  --set channel=web --set tenant.Name='"Flow demo"' >>"$WORK/valid.ndjson"
python3 "$HERE/mutate_payloads.py" 1 <"$WORK/valid.ndjson" >"$WORK/corpus.ndjson"
total=$(wc -l <"$WORK/corpus.ndjson")
((total > 3000)) || fail "corpus has only $total payloads"

# compare NAME SCHEMA_ARGS -- VALIDATE_ARGS: one verdict per payload from each, all equal.
compare() {
  local name=$1 schema_args=$2 validate_args=$3
  "$FLOWHOOK" generate --schema $schema_args >"$WORK/$name.schema.json" || { fail "$name: no schema"; return; }
  if ! node "$HERE/ajv_verdicts.js" "$WORK/$name.schema.json" "$WORK/corpus.ndjson" \
      >"$WORK/$name.ajv" 2>"$WORK/$name.ajv.err"; then
    fail "$name: ajv rejected the schema or failed: $(head -5 "$WORK/$name.ajv.err")"
    return
  fi
  "$FLOWHOOK" validate $validate_args --format json "$WORK/corpus.ndjson" |
    jq -r '.payloads[].valid' >"$WORK/$name.flowhook"
  local valid invalid differ
  valid=$(grep -c true "$WORK/$name.flowhook")
  invalid=$(grep -c false "$WORK/$name.flowhook")
  [[ $((valid + invalid)) == "$total" ]] || fail "$name: flowhook gave $((valid + invalid)) verdicts for $total payloads"
  [[ $(wc -l <"$WORK/$name.ajv") == "$total" ]] || fail "$name: ajv gave $(wc -l <"$WORK/$name.ajv") verdicts for $total payloads"
  ((valid > 50 && invalid > 50)) || fail "$name: a corpus that tests little: $valid valid, $invalid invalid"
  differ=$(paste -d' ' "$WORK/$name.ajv" "$WORK/$name.flowhook" "$WORK/corpus.ndjson" | awk '$1 != $2')
  [[ -z "$differ" ]] || fail "$name: ajv and flowhook disagree on $(wc -l <<<"$differ") payloads (ajv flowhook payload):
$(head -5 <<<"$differ")"
  echo "$name: $total payloads, $valid valid, $invalid invalid, ajv agrees"
}

compare lenient "" ""
compare strict "--strict" "--strict"
compare till_close "TILL_CLOSE" "--action TILL_CLOSE"
compare order_settled_strict "--strict ORDER_SETTLED" "--strict --action ORDER_SETTLED"
finish
