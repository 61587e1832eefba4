#!/usr/bin/env python3
"""Posts distinct ORDER_SETTLED payloads from several threads, each over a keep-alive
connection, until the listener goes away or the time is up. Prints "STATUS ORDER_ID" for each
answer received."""
import http.client
import sys
import threading
import time

port, threads, seconds = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
lock = threading.Lock()
deadline = time.monotonic() + seconds
next_id = [1000]


def body(order_id):
    return ('{"action":"ORDER_SETTLED","tenant":{"Id":7,"Uid":"7"},"store":{"Id":1,"Uid":"70"},'
            '"order":{"Id":%d,"Uid":"700"},"tenantUser":{"Id":7,"Uid":"9"}}' % order_id).encode()


def work():
    connection = None
    failures = 0
    while time.monotonic() < deadline and failures < 20:
        with lock:
            next_id[0] += 1
            order_id = next_id[0]
        try:
            if connection is None:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("POST", "/hooks", body(order_id), {"Content-Type": "application/json"})
            response = connection.getresponse()
            response.read()
            with lock:
                print(response.status, order_id, flush=True)
        except OSError:
            failures += 1
            connection = None
            time.sleep(0.05)
        except http.client.HTTPException:
            failures += 1
            connection = None


workers = [threading.Thread(target=work) for _ in range(threads)]
for w in workers:
    w.start()
for w in workers:
    w.join()
