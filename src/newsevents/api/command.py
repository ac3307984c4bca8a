"""`newsevents serve`: the CLI verb that runs the API and dashboard with uvicorn.

This module stays light (argparse only): FastAPI, uvicorn and the store load when the
command runs, not when the CLI starts.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys
from typing import Any

TOKEN_ENV = "NEWSEVENTS_API_TOKEN"
MIN_TOKEN_CHARS = 16  # a short token is guessable over many requests
DEFAULT_HOST = "127.0.0.1"  # loopback: nothing outside this machine reaches the server
DEFAULT_PORT = 8000


def add_command(sub: Any) -> None:
    """Register `serve` on the CLI's subparsers."""
    serve = sub.add_parser("serve", help="serve the REST API and the dashboard of a store")
    serve.add_argument("--db", required=True, help="store folder (made by `newsevents ingest`)")
    serve.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"address to bind (default {DEFAULT_HOST}; another address exposes the store)",
    )
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help="TCP port (default 8000)")
    serve.add_argument(
        "--token",
        help=f"token that POST /documents requires (default: ${TOKEN_ENV}; without one, "
        "writes are refused). Prefer the environment variable: flags show in `ps`.",
    )
    serve.add_argument(
        "--no-cache",
        action="store_true",
        help="query the Parquet files directly instead of a copy of the snapshot in memory "
        "(for stores larger than the memory)",
    )


def resolve_token(flag: str | None) -> str | None:
    """The write token from the flag, else the environment; None disables writes."""
    token = flag if flag is not None else os.environ.get(TOKEN_ENV)
    if token is None or token == "":
        return None
    if len(token) < MIN_TOKEN_CHARS:
        raise ValueError(f"the token must have at least {MIN_TOKEN_CHARS} characters")
    return token


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def run(args: argparse.Namespace) -> int:
    """Serve until interrupted; exit code 2 for a bad store, token or port."""
    from newsevents.store.layout import StoreError

    try:
        token = resolve_token(args.token)
        if not 0 < args.port < 65536:
            raise ValueError(f"--port must be 1 to 65535, not {args.port}")
        from newsevents.api.app import create_app
        from newsevents.api.limits import LOOPBACK_HOSTS

        # on loopback, only local names; on another address the operator names the host
        hosts = LOOPBACK_HOSTS if is_loopback(args.host) else None
        app = create_app(args.db, token=token, cache=not args.no_cache, hosts=hosts)
    except (StoreError, ValueError, OSError) as exc:
        print(f"newsevents serve: {exc}", file=sys.stderr)
        return 2
    if not is_loopback(args.host):
        print(
            f"newsevents serve: warning: listening on {args.host}, reachable from other machines",
            file=sys.stderr,
        )
    if token is None:
        print(
            f"newsevents serve: no token (--token or ${TOKEN_ENV}): POST /documents is disabled",
            file=sys.stderr,
        )
    import uvicorn

    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", server_header=False)
    return 0
