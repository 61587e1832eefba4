"""Wrong on purpose: answers 500 to every POST, and appends each one to RECORD_FILE as a JSON
line {"body_base64", "headers"}, so a test can compare what check sent with what its
Reproduce line sends."""
import base64
import json
import os

from receiver import Receiver, serve


class FailsAndRecords(Receiver):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with Receiver.lock, open(os.environ["RECORD_FILE"], "a") as f:
            headers = {k.lower(): v for k, v in self.headers.items()}
            f.write(json.dumps({"body_base64": base64.b64encode(body).decode(), "headers": headers}) + "\n")
        self.answer(500)


serve(FailsAndRecords)
