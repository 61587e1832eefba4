// The Node.js receiver doing the same work as `flowhook listen --record`: parse each POST body
// as JSON, append it to a file as one line, answer 200 (400 when the body is not JSON).
//
// Usage: node node_receiver.js FILE
// Listens on a free port of 127.0.0.1 and prints "listening on http://127.0.0.1:PORT/" on
// stderr; SIGINT or SIGTERM flushes the file and exits 0.
'use strict';
const fs = require('fs');
const http = require('http');

const file = process.argv[2];
if (!file) {
  console.error('usage: node node_receiver.js FILE');
  process.exit(2);
}
const out = fs.createWriteStream(file, { flags: 'a' });

const server = http.createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    let line;
    try {
      line = JSON.stringify(JSON.parse(Buffer.concat(chunks).toString('utf8'))) + '\n';
    } catch {
      response.writeHead(400);
      response.end();
      return;
    }
    out.write(line);
    response.writeHead(200);
    response.end();
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => {
  console.error(`listening on http://127.0.0.1:${server.address().port}/`);
});

function stop() {
  server.close();
  server.closeAllConnections();
  out.end(() => process.exit(0));
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
