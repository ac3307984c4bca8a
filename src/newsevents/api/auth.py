"""The write token: `Authorization: Bearer <token>`, compared in constant time."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from newsevents.api.errors import ApiError

_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="newsevents"'}
# declares the scheme in the OpenAPI schema; the checks and their errors are ours
_bearer = HTTPBearer(auto_error=False, description="the token the server was started with")


def check_token(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """Let the request through only with the server's token (a FastAPI dependency).

    401 without credentials, 403 with a wrong token or when the server has none (writes
    disabled). `hmac.compare_digest` takes the same time wherever the tokens differ, so
    timing does not reveal how much of a guess was right.
    """
    expected: str | None = request.app.state.token
    if expected is None:
        raise ApiError(
            403,
            "writes are disabled: the server was started without a token",
            "writes_disabled",
        )
    if credentials is None or not credentials.credentials.strip():
        raise ApiError(
            401, "this request needs 'Authorization: Bearer <token>'", headers=_CHALLENGE
        )
    given = credentials.credentials.strip().encode("utf-8")
    if not hmac.compare_digest(given, expected.encode("utf-8")):
        raise ApiError(403, "the token is not valid")
