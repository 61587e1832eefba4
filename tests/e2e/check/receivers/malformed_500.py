"""Wrong: answers 500 to a body that is not JSON (its parser throws, nothing catches it)."""
from receiver import Receiver, serve


class Malformed500(Receiver):
    def on_malformed(self):
        return 500


serve(Malformed500)
