"""One JSON error shape for every error the API returns.

    {"error": {"status": 422, "code": "invalid_parameter", "message": "...", "details": [...]}}

`code` is a stable word a client can branch on; `message` is for people; `details` lists
the offending parameters of a validation error. A server error never shows its traceback
or a file path: it is logged, and the client gets `internal_error`.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse

from newsevents.store.query import QueryError

log = logging.getLogger("newsevents.api")

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "request_too_large",
    415: "unsupported_media_type",
    422: "invalid_parameter",
    500: "internal_error",
}


class ErrorDetail(BaseModel):
    parameter: str
    message: str


class ErrorInfo(BaseModel):
    status: int
    code: str
    message: str
    details: list[ErrorDetail] = []


class ErrorBody(BaseModel):
    """What every error response holds."""

    error: ErrorInfo


# for the OpenAPI schema of each route
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": code.replace("_", " ")}
    for status, code in _CODES.items()
    if status in (404, 413, 422, 500)
}


class ApiError(Exception):
    """An error to answer with: raised by routes and dependencies, or answered directly."""

    def __init__(
        self,
        status: int,
        message: str,
        code: str | None = None,
        details: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or _CODES.get(status, "error")
        self.message = message
        self.details = details or []
        self.headers = headers

    def response(self) -> JSONResponse:
        """The error in the one shape."""
        body = {
            "error": {
                "status": self.status,
                "code": self.code,
                "message": self.message,
                "details": self.details,
            }
        }
        return JSONResponse(body, status_code=self.status, headers=self.headers)


def _validation_details(exc: RequestValidationError) -> list[dict[str, str]]:
    details = []
    for item in exc.errors():
        where = [str(p) for p in item.get("loc", ()) if p not in ("query", "path", "body")]
        details.append({"parameter": ".".join(where) or "request", "message": item["msg"]})
    return details


def install_error_handlers(app: FastAPI) -> None:
    """Answer every error, expected or not, in the one shape."""

    async def api_error(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ApiError)
        return exc.response()

    async def query_error(_: Request, exc: Exception) -> JSONResponse:
        return ApiError(422, str(exc)).response()

    async def validation_error(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        details = _validation_details(exc)
        message = "; ".join(f"{d['parameter']}: {d['message']}" for d in details)
        return ApiError(422, message or "invalid request", details=details).response()

    async def http_error(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        headers = dict(exc.headers) if exc.headers else None
        return ApiError(exc.status_code, str(exc.detail), headers=headers).response()

    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
        return ApiError(500, "internal error; the server log has the details").response()

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(QueryError, query_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, unexpected)
