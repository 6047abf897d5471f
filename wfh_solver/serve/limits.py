"""Limits on what one request may cost the server: body size and how slowly it may arrive.

A body larger than the route's cap, or one that stalls longer than the read timeout between
two chunks, ends the request with a page (413, 408) instead of holding memory, a file or a
connection. The routes that receive a file clean up what they had written (see app.py).
"""

from __future__ import annotations

import asyncio

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Routes that receive a file; every other body is a small form.
FILE_ROUTES = ("/upload", "/check", "/scenario-file", "/solve")
FORM_LIMIT = 256 * 1024


class BodyLimits:
    """Pure ASGI middleware: wraps `receive` with a byte cap and a per-chunk read timeout."""

    def __init__(self, app: ASGIApp, file_limit: int, read_timeout: float) -> None:
        self.app, self.file_limit, self.read_timeout = app, file_limit, read_timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        limit = self.file_limit if path.endswith(FILE_ROUTES) else FORM_LIMIT
        received, complete = 0, False

        async def limited() -> Message:
            nonlocal received, complete
            if complete:  # the body is in: only a disconnect can come, wait as long as it takes
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), self.read_timeout)
            except TimeoutError:
                raise HTTPException(408) from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                complete = not message.get("more_body", False)
                if received > limit:
                    raise HTTPException(413)
            return message

        await self.app(scope, receive if scope["method"] in ("GET", "HEAD") else limited, send)
