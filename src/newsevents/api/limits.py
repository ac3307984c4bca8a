"""ASGI middleware: a cap on the request body, allowed Host names, and security headers.

The body cap works before any parsing: a declared Content-Length over the limit is refused
at once, and a body sent without one (chunked) is counted as it arrives and refused as soon
as it passes the limit, so a client cannot make the server buffer an unbounded body.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsevents.api.errors import ApiError

MAX_BODY_BYTES = 4_000_000  # a batch of a few long articles; documents have their own limit
_DRAIN_FACTOR = 4

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-resource-policy", b"same-origin"),
    # only our own files: no inline script, no other origin, nothing to frame us
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
        b"form-action 'self'",
    ),
]


class _TooLarge(Exception):
    pass


class BodyLimit:
    """Refuse request bodies over `limit` bytes with a 413 in the API's error shape."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await self._refuse(scope, receive, send)
            return
        # read the body here, counting, and hand the app a body known to be within the limit
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await self._refuse(scope, receive, send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # http.disconnect, when the client goes away

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        # read (and drop) what the client is still sending, up to a bound, so that it gets
        # the answer instead of a reset connection; past the bound the connection is cut
        drained = 0
        while drained <= _DRAIN_FACTOR * self.limit:
            incoming = await receive()
            if incoming["type"] != "http.request" or not incoming.get("more_body", False):
                break
            drained += len(incoming.get("body", b""))
        message = f"the request body is larger than {self.limit} bytes"
        response = ApiError(413, message, headers={"connection": "close"}).response()
        await response(scope, receive, send)


class SecurityHeaders:
    """Add the headers of `SECURITY_HEADERS` (and no-store for API answers) to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                if b"cache-control" not in present:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]"})


class HostCheck:
    """Answer only requests addressed to one of `hosts` (by the Host header, port aside).

    A server on loopback is reached by name only from this machine; a web page elsewhere
    that points its own domain at 127.0.0.1 (DNS rebinding) sends its own name as Host and
    gets a 400 instead of the store's data.
    """

    def __init__(self, app: ASGIApp, hosts: frozenset[str]) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            host = dict(scope["headers"]).get(b"host", b"").decode("latin-1").lower()
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if name not in self.hosts:
                response = ApiError(400, "this server does not answer to that host name")
                await response.response()(scope, receive, send)
                return
        await self.app(scope, receive, send)
