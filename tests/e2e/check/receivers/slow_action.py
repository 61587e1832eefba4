"""Wrong: takes SLOW_SECONDS (default 1.5) to answer a TILL_OPEN, past a 1 s timeout."""
import os
import time

from receiver import Receiver, serve


class SlowAction(Receiver):
    def before_answer(self, payload):
        if payload["action"] == "TILL_OPEN":
            time.sleep(float(os.environ.get("SLOW_SECONDS", "1.5")))


serve(SlowAction)
