#!/usr/bin/env bash
# Node.js drives listen: fetch (undici: keep-alive, a streamed body sent chunked) and the http
# module (a keep-alive Agent, a body written in pieces without a length, Expect: 100-continue
# with the 'continue' event, and 401 at once to an Expect without the token); every body
# recorded exactly once, byte for byte.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"
source "$(dirname "$0")/../helpers/interop.sh"

command -v node >/dev/null || { echo "node is not installed (.ci/install-deps --tests)"; exit 77; }
interop_payloads 10
start_listener node --record "$WORK/rec.ndjson" --path /hooks --bearer s3cret
cat >"$WORK/drive.mjs" <<'JS'
import fs from "node:fs";
import http from "node:http";
const [port, folder] = process.argv.slice(2);
const url = `http://127.0.0.1:${port}/hooks`;
const body = (i, suffix = "") => fs.readFileSync(`${folder}/${i}.json${suffix}`);
const auth = { "content-type": "application/json", authorization: "Bearer s3cret" };
const check = (what, ok, detail) => { if (!ok) throw new Error(`${what}: ${detail}`); };

// fetch: 1-3 on undici's keep-alive pool; 4 as a stream (chunked, duplex half).
for (let i = 1; i <= 3; i++) {
  const r = await fetch(url, { method: "POST", headers: auth, body: body(i) });
  const text = await r.text();
  check(`fetch ${i}`, r.status === 200 && text === '{"status":200,"accepted":true}\n', `${r.status} ${text}`);
}
const stream = new ReadableStream({ start(c) { const b = body(4); c.enqueue(b.subarray(0, 10)); c.enqueue(b.subarray(10)); c.close(); } });
let r = await fetch(url, { method: "POST", headers: auth, body: stream, duplex: "half" });
check("fetch stream", r.status === 200, r.status);
r = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: body(4) });
check("fetch without the token", r.status === 401, r.status);

// http: a keep-alive agent; 5-6 with a length, 7 written in pieces (chunked).
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const send = (i, options, write) => new Promise((resolve, reject) => {
  const req = http.request(url, { method: "POST", agent, headers: auth, ...options }, (res) => {
    let text = "";
    res.on("data", (d) => (text += d));
    res.on("end", () => resolve({ status: res.statusCode, text, socket: req.reusedSocket }));
  });
  req.on("error", reject);
  write(req);
});
for (const i of [5, 6]) {
  const a = await send(i, {}, (req) => req.end(body(i)));
  check(`http ${i}`, a.status === 200, a.status);
}
const b7 = body(7);
const a7 = await send(7, {}, (req) => { req.write(b7.subarray(0, 5)); req.write(b7.subarray(5)); req.end(); });
check("http chunked", a7.status === 200 && a7.socket, `${a7.status} reused=${a7.socket}`);
// 8: Expect: 100-continue, body written on 'continue'.
let continued = false;
const a8 = await send(8, { headers: { ...auth, expect: "100-continue" } },
  (req) => req.on("continue", () => { continued = true; req.end(body(8)); }));
check("http Expect", a8.status === 200 && continued, `${a8.status} continued=${continued}`);
// Expect without the token: 401 arrives instead of 100, and the body is never written.
let wrongContinued = false;
const denied = await send(0, { agent: false, headers: { "content-type": "application/json", expect: "100-continue" } },
  (req) => req.on("continue", () => { wrongContinued = true; req.end(body(8)); }));
check("http Expect without the token", denied.status === 401 && !wrongContinued, `${denied.status} continued=${wrongContinued}`);
// 9: gzipped; 10: HTTP/1.1 with Connection: close.
const a9 = await send(9, { headers: { ...auth, "content-encoding": "gzip" } }, (req) => req.end(body(9, ".gz")));
check("http gzip", a9.status === 200, a9.status);
const a10 = await send(10, { agent: false, headers: { ...auth, connection: "close" } }, (req) => req.end(body(10)));
check("http close", a10.status === 200, a10.status);
agent.destroy();
console.log("ok");
JS
timeout 60 node "$WORK/drive.mjs" "$PORT" "$WORK/p" >"$WORK/node.out" 2>&1 || fail "node: $(cat "$WORK/node.out")"
wait_lines "$WORK/rec.ndjson" 10
stop_listener "$LISTENER_PID"
expect_recorded "$WORK/rec.ndjson" "$(seq_ids 1 10)"
[[ $(jq -r 'select(.body.order.Id == 7 or .body.order.Id == 4) | .headers[] | select(.[0] | ascii_downcase == "transfer-encoding") | .[1]' "$WORK/rec.ndjson" | tr '\n' ' ') == "chunked chunked " ]] ||
  fail "the streamed bodies were not sent chunked, so the test proved nothing"
grep -qF "401 x1" "$WORK/node.err" || fail "summary: $(cat "$WORK/node.err")"
finish
