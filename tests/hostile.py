"""Hostile HTTP servers on 127.0.0.1 for the remote attack cases: each records the
requests it got (method, path, headers) so a test can say what was, or was not, sent."""

from __future__ import annotations

import contextlib
import http.server
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass
class Served:
    """A running server: its base URL and the requests it received."""

    url: str
    requests: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)


COMPILER_ERROR = (b"Virtuoso 37000 Error SQ156: Internal Optimized compiler error : Bad dfe in sqlo_place_exp "
                  b"in sqldf.c:2316.\n\nSPARQL query:\nSELECT ...")
"""What Virtuoso 7.2 answers (HTTP 500) when its optimizer fails on a plan it chose itself."""


def _handler(behaviour: str, served: Served, redirect_to: str | None):
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # noqa: ANN002 - quiet
            pass

        def _any(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            served.requests.append((self.command, self.path, dict(self.headers)))
            if behaviour == "html":  # "200 OK" and a web page, whatever was asked
                body = b"<!doctype html><html><body>Welcome</body></html>"
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            elif behaviour == "redirect":
                self.send_response(307)
                self.send_header("Location", f"{redirect_to}{self.path}")
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif behaviour == "compiler-error":  # Virtuoso's optimizer failing on its own plan
                self.send_response(500)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(COMPILER_ERROR)))
                self.end_headers()
                self.wfile.write(COMPILER_ERROR)
            elif behaviour == "silent":  # takes the request, never answers
                time.sleep(30)
            elif behaviour == "trickle":  # answers one byte at a time, for ever
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.end_headers()
                with contextlib.suppress(OSError):
                    for _ in range(600):
                        self.wfile.write(b" ")
                        self.wfile.flush()
                        time.sleep(0.05)

        do_GET = do_POST = do_PUT = do_DELETE = _any  # noqa: N815 - http.server's names

    return Handler


@contextlib.contextmanager
def serve(behaviour: str, redirect_to: str | None = None, host: str = "127.0.0.1") -> Iterator[Served]:
    """A server that behaves as named: "html", "redirect" (to ``redirect_to``), "silent",
    "trickle" or "compiler-error" (HTTP 500 and Virtuoso's words); stopped on exit."""
    served = Served("")
    server = http.server.ThreadingHTTPServer((host, 0), _handler(behaviour, served, redirect_to))
    server.daemon_threads = True
    served.url = f"http://{host}:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()
