// A peer receiver doing the same work as `flowhook listen --record`: parse the JSON body and
// append one line per delivery to a file before answering 200. Usage: node peer_receiver.js PORT FILE
const http = require("http");
const fs = require("fs");
const [port, file] = process.argv.slice(2);
const fd = fs.openSync(file, "a");
http
  .createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString();
      let body = null;
      try { body = JSON.parse(raw); } catch (e) { body = raw; }
      fs.writeSync(fd, JSON.stringify({ received: new Date().toISOString(), path: req.url, body, raw }) + "\n");
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end('{"status":200,"accepted":true}\n');
    });
  })
  .listen(Number(port), "127.0.0.1");
