"""Wrong: answers 500 to a payload with a field it does not know."""
from receiver import Receiver, serve


class UnknownFields500(Receiver):
    def on_unknown_fields(self):
        return 500


serve(UnknownFields500)
