"""Wrong: accepts deliveries without the credentials (it never looks at Authorization)."""
from receiver import Receiver, serve


class NoCredentials(Receiver):
    def authorized(self):
        return True


serve(NoCredentials)
