"""Wrong: answers 500 to an action it does not know (a future event)."""
from receiver import Receiver, serve


class UnknownAction500(Receiver):
    def on_unknown_action(self):
        return 500


serve(UnknownAction500)
