"""`create_app`: the FastAPI application of one store (API, OpenAPI schema, dashboard)."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from newsevents import __version__
from newsevents.api import routes, writes
from newsevents.api.dashboard import dashboard_router, load_assets
from newsevents.api.errors import install_error_handlers
from newsevents.api.limits import (
    LOOPBACK_HOSTS,
    MAX_BODY_BYTES,
    BodyLimit,
    HostCheck,
    SecurityHeaders,
)
from newsevents.api.snapshot import Snapshot


def create_app(
    db: str | Path,
    token: str | None = None,
    cache: bool = True,
    max_body_bytes: int = MAX_BODY_BYTES,
    hosts: frozenset[str] | None = LOOPBACK_HOSTS,
) -> FastAPI:
    """The app serving the store at `db`; `token` enables POST /documents.

    `hosts` are the names the server answers to (None: any, for a server bound to a
    public address behind its own name).
    `cache` copies the snapshot into memory (fast queries, immune to files the writer
    removes later); without it DuckDB reads the Parquet files on each query.
    """
    app = FastAPI(
        title="newsevents",
        version=__version__,
        description="Political events (PLOVER) coded from news, with the evidence of each.",
        # the interactive docs pages load scripts from a CDN: the schema alone works offline
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.snapshot = Snapshot(db, cache=cache)
    app.state.token = token
    install_error_handlers(app)
    app.include_router(routes.router)
    app.include_router(writes.router)
    app.include_router(dashboard_router(load_assets()))
    # the last added runs first: headers on every answer, then the Host, then the body cap
    app.add_middleware(BodyLimit, limit=max_body_bytes)
    if hosts is not None:
        app.add_middleware(HostCheck, hosts=hosts)
    app.add_middleware(SecurityHeaders)
    return app
