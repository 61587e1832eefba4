"""Wrong: acts on every delivery, a duplicate too (GET /count shows it)."""
from receiver import Receiver, serve


class ActsTwice(Receiver):
    def act(self, body):
        with Receiver.lock:
            Receiver.count += 1


serve(ActsTwice)
