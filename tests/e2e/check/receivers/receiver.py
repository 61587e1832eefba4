"""A correct webhook receiver for the flowhook check tests, and the base of the wrong ones.

Run: python3 receiver.py --port-file FILE [--bearer TOKEN]. It answers 2xx to every delivery of
a known action (extra fields ignored), acts once per distinct body, 202 to an action it does
not know, 400 to a body that is not a payload, 401 without the token, and GET /count with the
number of deliveries it acted on (the probe of the duplicate check). Each wrong receiver
(a script next to this one) overrides one hook and breaks one rule.
"""
import argparse
import hashlib
import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ACTIONS = set(os.environ.get("ACTIONS", "").split())  # what `flowhook --list-actions` prints
REFERENCE_FIELDS = {"Id", "Uid"}


class Receiver(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    token = None
    lock = threading.Lock()
    acted_on = set()
    count = 0

    # The hooks a wrong receiver overrides: the status to answer, or None to go on.
    def on_malformed(self):
        return 400

    def on_unknown_action(self):
        return 202  # a future event: accepted, ignored

    def on_unknown_fields(self):
        return None  # tolerated: the platform adds fields

    def authorized(self):
        return self.token is None or self.headers.get("Authorization") == f"Bearer {self.token}"

    def before_answer(self, payload):
        pass

    def act(self, body):
        with Receiver.lock:
            digest = hashlib.sha256(body).hexdigest()
            if digest not in Receiver.acted_on:  # a duplicate is acknowledged, not acted on
                Receiver.acted_on.add(digest)
                Receiver.count += 1

    def log_message(self, *args):
        pass

    def answer(self, status, text=""):
        body = (text or json.dumps({"status": status})).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/count":
            return self.answer(200, str(Receiver.count))
        self.answer(405)

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if not self.authorized():
            return self.answer(401)
        try:
            payload = json.loads(body)
        except ValueError:
            return self.answer(self.on_malformed())
        if not isinstance(payload, dict) or not isinstance(payload.get("action"), str):
            return self.answer(400)
        references = {k: v for k, v in payload.items() if k not in ("action", "date")}
        if any(isinstance(v, dict) and "Id" in v and not isinstance(v["Id"], int) for v in references.values()):
            return self.answer(400)
        if payload["action"] not in ACTIONS:
            return self.answer(self.on_unknown_action())
        unknown = any(not isinstance(v, dict) or set(v) - REFERENCE_FIELDS for v in references.values())
        if unknown and (status := self.on_unknown_fields()) is not None:
            return self.answer(status)
        self.before_answer(payload)
        self.act(body)
        self.answer(200)


def serve(handler=Receiver):
    parser = argparse.ArgumentParser()
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--bearer")
    args = parser.parse_args()
    handler.token = args.bearer
    ThreadingHTTPServer.request_queue_size = 256  # a burst connects all at once
    ThreadingHTTPServer.daemon_threads = True
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(args.port_file + ".tmp", args.port_file)
    server.serve_forever()


if __name__ == "__main__":
    serve()
