"""Security headers on every answer, the CSRF token every form carries, and who may reach
the page at all (`AccessGuard`: allowed host names, same-origin posts, the access token).

The page is served to one person on their own machine, but any web site they visit could
post to 127.0.0.1; the double-submit token (a cookie the other site cannot read, echoed in
a hidden field) and an Origin check stop that. The CSP allows only our own script and
styles, so nothing inline runs.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from collections.abc import Awaitable, Callable, Sequence
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSRF_COOKIE = "wfh_csrf"
HEADERS = {
    "content-security-policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",  # "no-referrer" would make Origin "null"
    "cross-origin-opener-policy": "same-origin",
    "cache-control": "no-store",
}


class SecurityHeaders:
    """Pure ASGI middleware: adds `HEADERS` to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(k.encode(), v.encode()) for k, v in HEADERS.items()
                            if k.encode() not in present]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def csrf_token(request: Request) -> tuple[str, bool]:
    """The browser's token, and whether it is new (then the response must set the cookie)."""
    token = request.cookies.get(CSRF_COOKIE, "")
    if len(token) >= 32:
        return token, False
    return secrets.token_urlsafe(32), True


def csrf_ok(request: Request, sent: str) -> bool:
    """The form's token matches the cookie, and the request comes from our own page."""
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if len(cookie) < 32 or not hmac.compare_digest(cookie.encode(), sent.encode()):
        return False
    origin = request.headers.get("origin")
    if origin is None:  # browsers send it on every POST; its absence is not an attack
        return True
    return origin.rstrip("/") == f"{request.url.scheme}://{request.url.netloc}"


# -- who may reach the page: host names, origins, the access token -------------------------
ACCESS_COOKIE = "wfh_access"
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
#: Paths that need no token: our own stylesheet and script (public in the package) and the
#: language switch, so the token page itself is styled and readable in the user's language.
OPEN_PATHS = ("/static/", "/lang/")
SAFE_METHODS = ("GET", "HEAD")


def host_name(header: str) -> str:
    """The name in a Host (or Origin netloc) header, without port, lower case."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    name = header.rsplit(":", 1)[0] if header.count(":") == 1 else header
    return name.rstrip(".")


def host_allowed(name: str, allowed: Sequence[str]) -> bool:
    """A loopback name, an allowed name, or an IP address written out.

    DNS rebinding needs a *name* the attacker controls (evil.example pointed at this
    machine), so the browser sends that name as Host; a Host that is an address literal
    means the browser itself is on that address, the page's own origin.
    """
    if name in LOOPBACK_NAMES or name in allowed:
        return True
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def access_cookie(token: str) -> str:
    """What the cookie holds: derived from the token, so the cookie never shows the token."""
    return hmac.new(token.encode(), b"wfh-serve-access", hashlib.sha256).hexdigest()


Refuse = Callable[[Request, int, str, dict[str, str]], Awaitable[Response]]


class AccessGuard:
    """Pure ASGI middleware in front of every route.

    1. Host must be allowed (`host_allowed`), whatever address the server listens on.
    2. An Origin, when the browser sends one, must be this same host (another site's page
       cannot post here, even through a rebound name).
    3. With a token (always for a non-loopback `--host`): a request carries the access
       cookie, or presents `?token=` once and is redirected with the cookie set
       (HttpOnly, SameSite=Strict); otherwise a 401 page with a small token form.
    Refusals are pages in the user's language, rendered by `refuse`.
    """

    def __init__(self, app: ASGIApp, allowed: Sequence[str], token: str | None,
                 refuse: Refuse) -> None:
        self.app, self.allowed, self.token, self.refuse = app, tuple(allowed), token, refuse

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        response = await self._refusal(request)
        if response is None:
            await self.app(scope, receive, send)
        else:
            await response(scope, receive, send)

    async def _refusal(self, request: Request) -> Response | None:
        host = host_name(request.headers.get("host", ""))
        if not host_allowed(host, self.allowed):
            return await self.refuse(request, 400, "web_bad_host", {"host": host})
        origin = request.headers.get("origin")
        if origin is not None and not self._same_origin(origin, request):
            return await self.refuse(request, 403, "web_bad_origin", {})
        if self.token is None or request.url.path.startswith(OPEN_PATHS):
            return None
        expected = access_cookie(self.token)
        if hmac.compare_digest(request.cookies.get(ACCESS_COOKIE, "").encode(), expected.encode()):
            return None
        sent = request.query_params.get("token")
        if sent is not None and request.method in SAFE_METHODS \
                and hmac.compare_digest(sent.encode(), self.token.encode()):
            return _admitted(request, expected)
        return await self.refuse(request, 401, "web_token_wrong" if sent else "web_token_needed",
                                 {})

    @staticmethod
    def _same_origin(origin: str, request: Request) -> bool:
        if "://" not in origin:
            return False  # "null" (a sandboxed frame, a file:// page)
        return origin.split("://", 1)[1].rstrip("/").lower() \
            == request.headers.get("host", "").lower()


def _admitted(request: Request, cookie: str) -> Response:
    """The same page without `?token=` (kept out of history and Referer), cookie set."""
    query = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
    target = request.url.path + (f"?{urlencode(query)}" if query else "")
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(ACCESS_COOKIE, cookie, httponly=True, samesite="strict", path="/")
    return response
