#!/usr/bin/env python3
"""Posts one body several times, each on a new connection, and prints per attempt its status,
or "dropped" (connection closed without an answer) or "timeout", with the seconds it took."""
import argparse
import http.client
import socket
import time

parser = argparse.ArgumentParser()
parser.add_argument("port", type=int)
parser.add_argument("file")
parser.add_argument("--times", type=int, default=1)
parser.add_argument("--timeout", type=float, default=10.0)
parser.add_argument("--path", default="/hooks")
args = parser.parse_args()

body = open(args.file, "rb").read()
for _ in range(args.times):
    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", args.port, timeout=args.timeout)
    try:
        connection.request("POST", args.path, body, {"Content-Type": "application/json"})
        outcome = str(connection.getresponse().status)
    except socket.timeout:
        outcome = "timeout"
    except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
        outcome = "dropped"
    finally:
        connection.close()
    print(f"{outcome} {time.monotonic() - started:.2f}", flush=True)
