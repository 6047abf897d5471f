"""Starting the page: bind the socket ourselves (a clear message when the port is taken,
port 0 for any free one), then hand it to uvicorn and open the browser once listening."""

from __future__ import annotations

import ipaddress
import socket
import sys
import webbrowser
from collections.abc import Callable

import uvicorn

from wfh_solver.messages import t
from wfh_solver.serve.app import Config, create_app

LOOPBACK = ("127.0.0.1", "localhost", "::1")


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
          max_upload_mb: int = 200, idle_minutes: float = 30.0,
          say: Callable[[str], None] | None = None) -> None:
    """Runs until Ctrl-C. Anything but loopback is allowed only when asked, with a warning."""
    say = say or _stderr
    exposed = not is_loopback(host)
    if exposed:
        say(t("web_exposed", host=host))
    sock = bind(host, port)
    bound = sock.getsockname()[1]
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    url = f"http://{'[' + shown + ']' if ':' in shown else shown}:{bound}/"
    hosts = ("*",) if exposed else ("127.0.0.1", "localhost")

    def ready() -> None:
        say(t("web_ready", url=url))
        if open_browser:
            webbrowser.open(url)

    config = Config(max_upload_mb=max_upload_mb, idle_minutes=idle_minutes,
                    allowed_hosts=hosts, on_ready=ready)
    server = uvicorn.Server(uvicorn.Config(create_app(config), log_level="warning",
                                           access_log=False, lifespan="on",
                                           timeout_graceful_shutdown=3))
    server.run(sockets=[sock])


def _stderr(line: str) -> None:
    sys.stderr.write(line + "\n")
