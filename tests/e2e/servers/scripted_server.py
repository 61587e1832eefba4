#!/usr/bin/env python3
"""A receiver that misbehaves on cue, for flowhook send's end-to-end tests.

Binds 127.0.0.1 on a free port, prints the port on the first line of stdout, then answers
each request with the next step of --answers (the last step repeats):

  200, 500, 404, 429, 301 ...  answer with that status (body "status N")
  sleep:SECONDS[:STATUS]       wait, then answer (default 200)
  close                        close the connection without answering
  reset                        start an answer, then reset the connection (TCP RST)
  drip                         send the whole answer one byte a second, status line included
  dripbody                     send the headers at once, then the body one byte a second
  huge:BYTES                   200 with a body of BYTES bytes, streamed
  lfonly                       a 200 whose lines end in LF alone, then close
  nothttp                      "SSH-2.0-OpenSSH_9.2p1" and a newline, then close
  early:STATUS                 "103 Early Hints", then STATUS (as Node's writeEarlyHints)
  switch                       "101 Switching Protocols" though nobody asked, then close

Every request is logged to --log as one JSON line (before it is answered): monotonic time "t",
the client's address and port "remote", method, path, headers as [name, value] pairs in the order received, body (base64 and, when it
is UTF-8, text). With --expect-auth VALUE a request without exactly that Authorization header
gets 401. With --tls CERT KEY it speaks https. With --silent it accepts connections and never
reads or answers (not even a TLS handshake), logging nothing.
"""
import argparse
import base64
import http.server
import json
import socket
import ssl
import struct
import sys
import threading
import time


class Script:
    def __init__(self, steps):
        self.steps = steps
        self.count = 0
        self.lock = threading.Lock()

    def next(self):
        with self.lock:
            step = self.steps[min(self.count, len(self.steps) - 1)]
            self.count += 1
            return step


def make_handler(args, script, log):
    log_lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_):
            pass

        def do_POST(self):
            self.handle_any()

        def do_GET(self):
            self.handle_any()

        def handle_any(self):
            length = int(self.headers.get("Content-Length", "0") or 0)
            body = self.rfile.read(length) if length else b""
            record = {"t": time.monotonic(), "remote": "%s:%d" % self.client_address[:2],
                      "method": self.command, "path": self.path,
                      "headers": [[k, v] for k, v in self.headers.items()],
                      "body_base64": base64.b64encode(body).decode()}
            try:
                record["body"] = body.decode("utf-8")
            except UnicodeDecodeError:
                record["body"] = None
            with log_lock:
                log.write(json.dumps(record) + "\n")
                log.flush()
            step = script.next()
            if args.expect_auth is not None and self.headers.get("Authorization") != args.expect_auth:
                step = "401"
            try:
                self.perform(step)
            except (BrokenPipeError, ConnectionResetError, ssl.SSLError, OSError):
                self.close_connection = True

        def answer(self, status, body=None):
            body = body if body is not None else ("status %d" % status).encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            if 300 <= status < 400:
                self.send_header("Location", "/elsewhere")
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()

        def perform(self, step):
            kind, _, rest = step.partition(":")
            if kind.isdigit():
                self.answer(int(kind))
            elif kind == "sleep":
                seconds, _, status = rest.partition(":")
                time.sleep(float(seconds))
                self.answer(int(status or 200))
            elif kind == "close":
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
            elif kind == "reset":
                self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\npartial")
                self.wfile.flush()
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.close_connection = True
                self.connection.close()
            elif kind in ("drip", "dripbody"):
                head = b"HTTP/1.1 200 OK\r\nContent-Length: 40\r\n\r\n"
                body = b"d" * 40
                if kind == "dripbody":
                    self.wfile.write(head)
                    self.wfile.flush()
                    head = b""
                for byte in head + body:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(1)
            elif kind in ("lfonly", "nothttp"):
                raw = (b"HTTP/1.1 200 OK\nContent-Length: 2\n\nok" if kind == "lfonly"
                       else b"SSH-2.0-OpenSSH_9.2p1\r\n")
                self.wfile.write(raw)
                self.wfile.flush()
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
            elif kind == "switch":
                self.wfile.write(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n")
                self.wfile.flush()
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
            elif kind == "early":
                self.wfile.write(b"HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n")
                self.answer(int(rest))
            elif kind == "huge":
                self.stream(int(rest))
            else:
                raise SystemExit("unknown step " + step)

        def stream(self, size):
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(size))
            self.end_headers()
            chunk = b"x" * (1 << 20)
            view = memoryview(chunk)
            while size > 0:
                n = min(size, len(chunk))
                self.wfile.write(view[:n])
                size -= n
            self.wfile.flush()

    return Handler


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # 16 workers connecting at once must not see a refusal


def silent():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    print(listener.getsockname()[1], flush=True)
    held = []
    while True:
        held.append(listener.accept()[0])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--answers", default="200")
    parser.add_argument("--log", required=True)
    parser.add_argument("--expect-auth")
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--silent", action="store_true")
    args = parser.parse_args()
    if args.silent:
        return silent()
    script = Script(args.answers.split(","))
    log = open(args.log, "a", encoding="utf-8")
    server = Server(("127.0.0.1", 0), make_handler(args, script, log))
    if args.tls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.tls[0], args.tls[1])
        server.socket = context.wrap_socket(server.socket, server_side=True)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
