#!/usr/bin/env python3
"""A small event-stream client for the inspector's tests.

sse.py PORT [--last-event-id ID] [--events N] [--seconds S] [--header 'K: V']...
Opens GET /_flowhook/events, prints the HTTP status line's code first, then one JSON line per
event: {"id": "...", "event": "...", "delivery": id-or-null, "deliveries": [ids it covers]} (a
coalesced event covers a range); stops after N deliveries (or events without any) or S
seconds, whichever comes first. --no-read: connect, then never read (a stalled
browser) until killed.
"""
import argparse, json, socket, sys, time

p = argparse.ArgumentParser()
p.add_argument("port", type=int)
p.add_argument("--last-event-id")
p.add_argument("--events", type=int, default=1 << 30)
p.add_argument("--seconds", type=float, default=5)
p.add_argument("--header", action="append", default=[])
p.add_argument("--no-read", action="store_true")
a = p.parse_args()

s = socket.create_connection(("127.0.0.1", a.port), timeout=a.seconds)
head = f"GET /_flowhook/events HTTP/1.1\r\nHost: 127.0.0.1:{a.port}\r\nAccept: text/event-stream\r\n"
if a.last_event_id is not None:
    head += f"Last-Event-ID: {a.last_event_id}\r\n"
for h in a.header:
    head += h + "\r\n"
s.sendall((head + "\r\n").encode())
if a.no_read:
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    print("connected", flush=True)
    time.sleep(3600)
deadline = time.time() + a.seconds
buf = b""
while b"\r\n\r\n" not in buf:
    chunk = s.recv(65536)
    if not chunk:
        break
    buf += chunk
status_line, _, rest = buf.partition(b"\r\n")
print(status_line.split()[1].decode() if len(status_line.split()) > 1 else "000", flush=True)
buf = rest.partition(b"\r\n\r\n")[2]
if not status_line.startswith(b"HTTP/1.1 200"):
    sys.exit(0)
seen = 0
event = {}
while seen < a.events:
    while b"\n" not in buf:
        left = deadline - time.time()
        if left <= 0:
            sys.exit(0)
        s.settimeout(left)
        try:
            chunk = s.recv(65536)
        except socket.timeout:
            sys.exit(0)
        if not chunk:
            print(json.dumps({"closed": True}), flush=True)
            sys.exit(0)
        buf += chunk
    line, _, buf = buf.partition(b"\n")
    line = line.decode()
    if line == "":
        if "data" in event:
            data = json.loads(event["data"])
            kind = event.get("event", "message")
            covered = []
            if kind == "delivery":
                covered = [data["id"]]
            elif kind == "coalesced":
                covered = list(range(data["after"] + 1, data["last"] + 1))
            print(json.dumps({"id": event.get("id"), "event": kind,
                              "delivery": data.get("id") if kind == "delivery" else None,
                              "deliveries": covered}), flush=True)
            seen += len(covered) or 1
        elif "id" in event:
            print(json.dumps({"id": event["id"], "event": None, "delivery": None}), flush=True)
        event = {}
    elif not line.startswith(":"):
        field, _, value = line.partition(":")
        event[field] = value[1:] if value.startswith(" ") else value
