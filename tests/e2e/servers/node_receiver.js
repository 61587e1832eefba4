#!/usr/bin/env node
// A webhook receiver written with Node's own http (or https) module, for flowhook send's interop
// tests. Prints its port on the first line of stdout, then answers each request with the next
// step of --answers (the last step repeats):
//   STATUS          answer with that status (body "status N")
//   hints:STATUS    first 103 Early Hints (res.writeEarlyHints), then STATUS
//   hints2:STATUS   two 103 Early Hints, then STATUS
//   chunked:STATUS  STATUS with a chunked body, in three writes (no Content-Length)
// Each request is logged to --log as one JSON line, before it is answered: method, path,
// remote_port (one per connection),
// headers as [name, value] pairs, body_base64 and, for Content-Encoding: gzip, decoded_base64.
// --tls CERT KEY speaks https.
'use strict';
const fs = require('fs');
const zlib = require('zlib');

const args = process.argv.slice(2);
let answers = ['200'];
let logFile = null;
let tls = null;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--answers') answers = args[++i].split(',');
  else if (args[i] === '--log') logFile = args[++i];
  else if (args[i] === '--tls') { tls = { cert: fs.readFileSync(args[i + 1]), key: fs.readFileSync(args[i + 2]) }; i += 2; }
  else { console.error('unknown argument ' + args[i]); process.exit(2); }
}

let count = 0;
function handle(req, res) {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const record = { method: req.method, path: req.url, remote_port: req.socket.remotePort, headers: [], body_base64: body.toString('base64') };
    for (let i = 0; i < req.rawHeaders.length; i += 2) record.headers.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
    if ((req.headers['content-encoding'] || '') === 'gzip') {
      try { record.decoded_base64 = zlib.gunzipSync(body).toString('base64'); } catch (e) { record.decode_error = String(e); }
    }
    if (logFile) fs.appendFileSync(logFile, JSON.stringify(record) + '\n');
    const step = answers[Math.min(count++, answers.length - 1)];
    const [kind, statusText] = step.includes(':') ? step.split(':') : ['plain', step];
    const status = Number(statusText);
    if (kind === 'hints' || kind === 'hints2') res.writeEarlyHints({ link: '</style.css>; rel=preload; as=style' });
    if (kind === 'hints2') res.writeEarlyHints({ link: '</app.js>; rel=preload; as=script' });
    const text = 'status ' + status;
    if (kind === 'chunked') {
      res.writeHead(status, { 'Content-Type': 'text/plain' });
      res.write('sta');
      res.write('tus ');
      res.end(String(status));
      return;
    }
    res.writeHead(status, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  });
}

const server = tls ? require('https').createServer(tls, handle) : require('http').createServer(handle);
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
process.on('SIGTERM', () => process.exit(0));
