#!/usr/bin/env python3
"""Holds N idle keep-alive connections to a receiver for bench/run's idle-load row.

  idle_connections.py PORT N PAYLOAD SECONDS

Opens N connections to 127.0.0.1:PORT, POSTs PAYLOAD once on each and reads the answer (so
each is a used keep-alive connection, as a platform's sender pool leaves them), prints
"open N" once all are answered, then sends nothing for SECONDS (or until SIGTERM), and finally
prints "still_open M": how many the receiver had not closed.
"""
import resource
import signal
import socket
import sys
import time


def main():
    port, count, payload, seconds = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    with open(payload, "rb") as f:
        body = f.read().strip()
    request = (b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
               b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    sockets, failed = [], 0
    for _ in range(count):
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=10)
            s.sendall(request)
            answer = b""
            while b"\r\n\r\n" not in answer:
                chunk = s.recv(4096)
                if not chunk:
                    raise OSError("closed")
                answer += chunk
            head, _, rest = answer.partition(b"\r\n\r\n")
            length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                           if line.lower().startswith(b"content-length:")), 0)
            while len(rest) < length:
                rest += s.recv(4096)
            s.setblocking(False)
            sockets.append(s)
        except OSError:
            failed += 1
    print(f"open {len(sockets)} failed {failed}", flush=True)
    deadline = time.monotonic() + seconds
    while not stop and time.monotonic() < deadline:
        time.sleep(0.1)
    still = 0
    for s in sockets:
        try:
            still += s.recv(1, socket.MSG_PEEK) != b""
        except BlockingIOError:
            still += 1
        except OSError:
            pass
        s.close()
    print(f"still_open {still}", flush=True)


main()
