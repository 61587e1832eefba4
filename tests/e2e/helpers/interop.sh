# Helpers for the interop scripts that drive `flowhook listen` with clients no one here wrote
# (sourced after lib.sh and listen.sh): distinct payloads to send, and the check that the
# listener recorded each exactly once, byte for byte.

# interop_payloads N: writes $WORK/p/1.json .. $WORK/p/N.json, distinct ORDER_SETTLED payloads
# (order.Id = i), alternately pretty and compact, and a gzipped copy of each ($WORK/p/i.json.gz).
interop_payloads() {
  local i
  mkdir -p "$WORK/p"
  for ((i = 1; i <= $1; i++)); do
    if ((i % 2)); then
      jq --argjson id "$i" '.order.Id = $id' "$ORDER" >"$WORK/p/$i.json"
    else
      jq -c --argjson id "$i" '.order.Id = $id' "$ORDER" >"$WORK/p/$i.json"
    fi
    gzip -n -c "$WORK/p/$i.json" >"$WORK/p/$i.json.gz"
  done
}

# expect_recorded RECORD IDS: the record file holds exactly one record per order id in IDS (a
# space-separated list), none other, each answered 200, valid, with the raw body byte for byte
# the file $WORK/p/ID.json sent (or, for a record with an encoding, that file's gzipped copy).
expect_recorded() {
  local report
  report=$(python3 - "$1" "$WORK/p" "$2" <<'PY'
import base64, collections, json, sys
record_file, folder, ids = sys.argv[1], sys.argv[2], [int(i) for i in sys.argv[3].split()]
problems, seen = [], collections.Counter()
for n, line in enumerate(open(record_file, "rb"), 1):
    record = json.loads(line)
    raw = record["raw"].encode() if "raw" in record else base64.b64decode(record["raw_base64"])
    order = record["body"]["order"]["Id"] if isinstance(record.get("body"), dict) else None
    seen[order] += 1
    if order not in ids:
        problems.append(f"line {n}: unexpected order {order}")
        continue
    expected = open(f"{folder}/{order}.json" + (".gz" if record.get("encoding") else ""), "rb").read()
    if raw != expected:
        problems.append(f"line {n}: order {order}: raw body differs ({len(raw)} bytes, sent {len(expected)})")
    if record["status"] != 200 or not record["valid"]:
        problems.append(f"line {n}: order {order}: status {record['status']}, valid {record['valid']}")
missing = [i for i in ids if seen[i] == 0]
twice = [i for i, c in seen.items() if c > 1]
if missing: problems.append(f"lost: {missing}")
if twice: problems.append(f"recorded more than once: {twice}")
print("\n".join(problems))
PY
  )
  [[ -z "$report" ]] || fail "$1: $report"
}

# seq_ids FROM TO: "FROM FROM+1 ... TO"
seq_ids() { seq -s ' ' "$1" "$2"; }
