#!/usr/bin/env python3
"""Hostile HTTP clients for the listener's attack tests. Each mode prints one line per attempt
describing what the listener did: the status line it answered, "closed" or "timeout".

  endless PORT line|header MIB SECONDS   stream MIB of a request line / header line, no newline,
                                          reconnecting until SECONDS pass
  chunked PORT MIB SECONDS                a chunked body of MIB (far over --max-body), again and
                                          again until SECONDS pass
  raw PORT BYTES                          send BYTES (Python escapes: \r\n, \xff; - reads stdin), print every
                                          status line answered, or "closed"
  slowloris PORT N SECONDS                N connections, each sending a header byte a second
  idle PORT N SECONDS                     N connections that send nothing
  costly PORT N SECONDS                   N keep-alive senders posting costly 1 MB bodies (a
                                          near-miss action among 40k keys; plain, in one-byte
                                          chunks, gzip) until SECONDS pass
"""
import codecs
import collections
import gzip
import http.client
import re
import socket
import sys
import threading
import time


def connect(port, timeout=5.0):
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def answers(s, timeout=5.0):
    """Every status line the listener sends until it closes or goes quiet."""
    s.settimeout(timeout)
    data = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    except socket.timeout:
        pass
    except OSError:
        pass
    lines = [m.decode(errors="replace") for m in re.findall(rb"HTTP/1\.[01] [0-9]{3} [^\r\n]*", data)]
    return lines, len(data)


def stream(s, prefix, total, byte=b"a"):
    """Sends prefix then `total` bytes of filler; returns bytes sent before the listener cut us."""
    block = byte * 65536
    sent = 0
    try:
        s.sendall(prefix)
        while sent < total:
            n = s.send(block[: min(len(block), total - sent)])
            sent += n
    except OSError:
        pass
    return sent


def endless(port, where, mib, seconds):
    deadline = time.monotonic() + seconds
    while True:
        s = connect(port)
        prefix = b"POST /" if where == "line" else b"POST /hooks HTTP/1.1\r\nHost: x\r\nX-Long: "
        sent = stream(s, prefix, mib << 20)
        lines, _ = answers(s, 2.0)
        print(lines[0] if lines else "closed", "sent_mib=%d" % (sent >> 20), flush=True)
        s.close()
        if time.monotonic() > deadline:
            break


def chunked(port, mib, seconds):
    deadline = time.monotonic() + seconds
    while True:
        chunked_once(port, mib)
        if time.monotonic() > deadline:
            break


def chunked_once(port, mib):
    s = connect(port)
    s.sendall(b"POST /hooks HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
    chunk = b"10000\r\n" + b"x" * 0x10000 + b"\r\n"
    sent = 0
    try:
        while sent < (mib << 20):
            s.sendall(chunk)
            sent += 0x10000
    except OSError:
        pass
    lines, _ = answers(s, 3.0)
    print(lines[0] if lines else "closed", "sent_mib=%d" % (sent >> 20), flush=True)


def raw(port, text):
    s = connect(port)
    if text == "-":
        text = sys.stdin.read()
    s.sendall(codecs.escape_decode(text.encode())[0])
    lines, _ = answers(s, 3.0)
    print("\n".join(lines) if lines else "closed", flush=True)


def hold(port, n, seconds, drip):
    sockets = []
    for _ in range(n):
        try:
            s = connect(port)
            if drip:
                s.sendall(b"POST /hooks HTTP/1.1\r\n")
            sockets.append(s)
        except OSError:
            pass
    print("open", len(sockets), flush=True)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for s in sockets:
            try:
                if drip:
                    s.send(b"X")
            except OSError:
                pass
        time.sleep(1.0)
    # A connection the listener cut has an answer (408) or the end of the stream waiting.
    cut = 0
    for s in sockets:
        s.setblocking(False)
        try:
            s.recv(1)
            cut += 1
        except BlockingIOError:
            pass
        except OSError:
            cut += 1
    print("still_open", len(sockets) - cut, flush=True)


def costly_bodies():
    """(headers, body bytes) of each costly kind: the same 1 MB JSON sent three ways."""
    keys = "".join(',"field%05d":%d' % (i, i) for i in range(40000))
    text = '{"action":"ORDER_SETTLEDX","tenant":{"Id":7,"Uid":"7"}' + keys
    text = (text + ',"pad":"' + "x" * max(0, 1000000 - len(text) - 10) + '"}').encode()
    one_byte_chunks = b"".join(b"1\r\n" + text[i:i + 1] + b"\r\n" for i in range(len(text))) + b"0\r\n\r\n"
    return [
        ({"Content-Length": str(len(text))}, text),
        ({"Transfer-Encoding": "chunked"}, one_byte_chunks),
        ({"Content-Encoding": "gzip", "Content-Length": None}, gzip.compress(text)),
    ]


def costly(port, n, seconds):
    bodies = costly_bodies()
    deadline = time.monotonic() + seconds
    statuses = collections.Counter()
    lock = threading.Lock()

    def sender(first):
        conn, kind = None, first
        while time.monotonic() < deadline:
            headers, body = bodies[kind % len(bodies)]
            kind += 1
            try:
                if conn is None:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.putrequest("POST", "/hooks")
                conn.putheader("Content-Type", "application/json")
                for name, value in headers.items():
                    conn.putheader(name, value if value is not None else str(len(body)))
                conn.endheaders()
                conn.send(body)
                answer = conn.getresponse()
                answer.read()
                status = str(answer.status)
            except (OSError, http.client.HTTPException) as error:
                status, conn = type(error).__name__, None
            with lock:
                statuses[status] += 1

    threads = [threading.Thread(target=sender, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("posted", sum(statuses.values()), " ".join("%s=%d" % kv for kv in sorted(statuses.items())), flush=True)


mode, port = sys.argv[1], int(sys.argv[2])
if mode == "endless":
    endless(port, sys.argv[3], int(sys.argv[4]), float(sys.argv[5]))
elif mode == "chunked":
    chunked(port, int(sys.argv[3]), float(sys.argv[4]))
elif mode == "raw":
    raw(port, sys.argv[3])
elif mode == "slowloris":
    hold(port, int(sys.argv[3]), float(sys.argv[4]), True)
elif mode == "idle":
    hold(port, int(sys.argv[3]), float(sys.argv[4]), False)
elif mode == "costly":
    costly(port, int(sys.argv[3]), float(sys.argv[4]))
