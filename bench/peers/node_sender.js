// The Node.js peer of `flowhook send --concurrency C`: POSTs COUNT payloads, the lines of an
// NDJSON file in turn, over a keep-alive agent with CONCURRENCY requests in flight.
//
// Usage: node node_sender.js URL FILE COUNT CONCURRENCY
// Prints "sent N ok N failed N payloads/s X" on stdout; exit 0 when every answer was 2xx.
'use strict';
const fs = require('fs');
const http = require('http');

const [url, file, countText, concurrencyText] = process.argv.slice(2);
if (!url || !file) {
  console.error('usage: node node_sender.js URL FILE COUNT CONCURRENCY');
  process.exit(2);
}
const payloads = fs.readFileSync(file, 'utf8').split('\n').filter((line) => line.length > 0);
const count = Number(countText || payloads.length);
const concurrency = Number(concurrencyText || 32);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const target = new URL(url);

function post(body) {
  return new Promise((resolve) => {
    const request = http.request(
      {
        agent, method: 'POST', hostname: target.hostname, port: target.port,
        path: target.pathname + target.search,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode >= 200 && response.statusCode < 300));
      });
    request.on('error', () => resolve(false));
    request.end(body);
  });
}

async function main() {
  let next = 0, ok = 0;
  const started = process.hrtime.bigint();
  async function worker() {
    while (next < count) {
      const body = payloads[next++ % payloads.length];
      if (await post(body)) ok++;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`sent ${count} ok ${ok} failed ${count - ok} payloads/s ${(count / seconds).toFixed(0)}`);
  agent.destroy();
  process.exitCode = ok === count ? 0 : 1;
}
main();
