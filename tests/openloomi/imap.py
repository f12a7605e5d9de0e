"""A real IMAP server on loopback, in a thread, knowing one login: what the app-password checks
talk to in the tests (CAPABILITY, LOGIN and LOGOUT, as imaplib sends them)."""

from __future__ import annotations

import shlex
import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager


def _handler(user: str, password: str) -> type[socketserver.StreamRequestHandler]:
    class Handler(socketserver.StreamRequestHandler):
        def handle(self) -> None:
            self.say("* OK IMAP4rev1 test server ready")
            for raw in self.rfile:
                tag, command, *args = shlex.split(raw.decode().strip()) or ["*", "NOOP"]
                command = command.upper()
                if command == "CAPABILITY":
                    self.say("* CAPABILITY IMAP4rev1 AUTH=PLAIN", f"{tag} OK CAPABILITY done")
                elif command == "LOGIN":
                    accepted = args == [user, password]
                    self.say(
                        f"{tag} OK LOGIN done"
                        if accepted
                        else f"{tag} NO [AUTHENTICATIONFAILED] no"
                    )
                elif command == "LOGOUT":
                    self.say("* BYE logging out", f"{tag} OK LOGOUT done")
                    return
                else:
                    self.say(f"{tag} BAD unknown command")

        def say(self, *lines: str) -> None:
            self.wfile.write("".join(f"{line}\r\n" for line in lines).encode())

    return Handler


@contextmanager
def imap_server(user: str, password: str) -> Iterator[str]:
    """The server's `imap://127.0.0.1:<port>` URL while the block runs."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _handler(user, password))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"imap://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
