"""Starting the page: bind the socket ourselves (a clear message when the port is taken,
port 0 for any free one), then hand it to uvicorn and open the browser once listening.

Anything but loopback needs the access token (printed here, or `--token`); slow clients
are bounded by uvicorn's keep-alive timeout and a cap on connections, and by the read
timeout of `limits.BodyLimits`.
"""

from __future__ import annotations

import asyncio
import ipaddress
import secrets
import socket
import sys
import webbrowser
from collections.abc import Callable
from typing import Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from wfh_solver.base.messages import t
from wfh_solver.serve.app import Config, create_app

LOOPBACK = ("127.0.0.1", "localhost", "::1")
KEEP_ALIVE_SECONDS = 5  # an idle connection is closed after this
MAX_CONNECTIONS = 200  # more at once get uvicorn's 503
HEADER_SECONDS = 10.0  # a request's headers must arrive within this


def bounded_protocol(header_seconds: float) -> type[H11Protocol]:
    """uvicorn's HTTP/1.1 protocol with a deadline for each request's headers.

    uvicorn times out idle keep-alive connections, but a client that opens a connection and
    sends its headers a byte at a time (slowloris) would hold it forever; this closes such
    a connection once `header_seconds` pass without a complete request line and headers.
    """

    class Bounded(H11Protocol):
        _header_timer: asyncio.TimerHandle | None = None

        def connection_made(self, transport: Any) -> None:
            super().connection_made(transport)
            self._arm()

        def on_response_complete(self) -> None:
            self._arm()  # the next request gets the same deadline (before super(), which
            super().on_response_complete()  # may parse a pipelined one and disarm it)

        def handle_events(self) -> None:
            cycle = self.cycle
            super().handle_events()
            if self.cycle is not cycle:  # a request's headers are in
                self._disarm()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

        def _arm(self) -> None:
            self._disarm()
            self._header_timer = self.loop.call_later(header_seconds, self._too_slow)

        def _disarm(self) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
                self._header_timer = None

        def _too_slow(self) -> None:
            if not self.transport.is_closing():
                self.transport.close()

    return Bounded


def is_loopback(host: str) -> bool:
    if host in LOOPBACK:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """A listening socket; OSError (port in use, unknown host) goes to the caller."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def serve(host: str = "127.0.0.1", port: int = 8765, *, open_browser: bool = True,
          max_upload_mb: int = 200, idle_minutes: float = 30.0, token: str | None = None,
          allow_hosts: tuple[str, ...] = (), solves_at_once: int = 0,
          say: Callable[[str], None] | None = None) -> None:
    """Runs until Ctrl-C. Anything but loopback is allowed only when asked, with a warning,
    and only with the access token (made here unless `token` is given)."""
    say = say or _stderr
    exposed = not is_loopback(host)
    if exposed:
        say(t("web_exposed", host=host))
        token = token or secrets.token_urlsafe(18)
    sock = bind(host, port)
    bound = sock.getsockname()[1]
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    url = f"http://{'[' + shown + ']' if ':' in shown else shown}:{bound}/"
    link = f"{url}?token={token}" if token else url

    def ready() -> None:
        say(t("web_ready", url=link))
        if token:
            say(t("web_token_line", token=token))
        if exposed:
            say(t("web_allow_hint", port=bound))
        if open_browser:
            webbrowser.open(link)

    names = tuple(name.strip().lower().rstrip(".") for name in allow_hosts)
    config = Config(max_upload_mb=max_upload_mb, idle_minutes=idle_minutes,
                    allowed_hosts=names, token=token, solves_at_once=solves_at_once,
                    on_ready=ready)
    server = uvicorn.Server(uvicorn.Config(create_app(config), log_level="warning",
                                           access_log=False, lifespan="on",
                                           timeout_keep_alive=KEEP_ALIVE_SECONDS,
                                           limit_concurrency=MAX_CONNECTIONS,
                                           http=bounded_protocol(HEADER_SECONDS),
                                           timeout_graceful_shutdown=3))
    server.run(sockets=[sock])


def _stderr(line: str) -> None:
    sys.stderr.write(line + "\n")
