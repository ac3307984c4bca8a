"""A store built by the real `ingest` from reports written by the team, and a real server.

The server is `newsevents serve` in a subprocess on a free loopback port; tests talk to it
over HTTP with urllib (no test client, no mocks).
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsevents.cli import main

TOKEN = "test-token-0123456789abcdef"

# Made-up reports written for these tests (no news text from ../shared). The last one
# carries hostile markup in its text, publisher and title for the escaping tests.
ARTICLES = [
    {
        "id": "harbour-1",
        "source": "Daily Planet",
        "published": "2024-05-06",
        "title": "Chile and Peru quarrel over warships",
        "text": "The government of Chile accused Peru of sending warships into its waters on "
        "Sunday. Peruvian officials rejected the claim and said their navy had stayed in "
        "international waters.",
    },
    {
        "id": "harbour-2",
        "source": "Morning Courier",
        "published": "2024-05-07",
        "text": "Chile accused Peru on Sunday of sending warships into Chilean waters, a charge "
        "the Peruvian government rejected.",
    },
    {
        "id": "talks-1",
        "source": "Evening Ledger",
        "published": "2024-04-02",
        "text": "Turkey's foreign minister met his Egyptian counterpart in Cairo on Tuesday to "
        "discuss trade and the war in Libya. Egypt asked the United Nations to tighten the "
        "arms embargo on Libya.",
    },
    {
        "id": "strike-1",
        "source": "Daily Planet",
        "published": "2024-03-13",
        "text": "Russian forces attacked the Ukrainian city of Kharkiv on Tuesday, officials in "
        "Kyiv said. Ukraine called on its allies to send more air defence systems.",
    },
    {
        "id": "hostile-1",
        "source": "<img src=x onerror=window.__xss_source=1>",
        "published": "2024-05-08",
        "title": "<script>window.__xss_title=1</script>",
        "text": "Chile accused Peru of spying <script>window.__xss_text=1</script> on its navy "
        'on Monday. Peru denied <img src=x onerror="window.__xss_img=1"> the charge.',
    },
]
HOSTILE_MARKERS = ("__xss_source", "__xss_title", "__xss_text", "__xss_img")


def ingest_articles(folder: Path, articles: list[dict[str, str]] = ARTICLES) -> Path:
    """A store made by `newsevents ingest` from `articles`; returns its folder."""
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "articles.jsonl"
    source.write_text(
        "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8"
    )
    db = folder / "db"
    assert main(["ingest", str(source), "--db", str(db)]) == 0
    return db


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: Any  # parsed JSON, or the raw bytes of anything else

    @property
    def error(self) -> dict[str, Any]:
        assert isinstance(self.body, dict) and set(self.body) == {"error"}, self.body
        return self.body["error"]  # type: ignore[no-any-return]


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    db: Path

    def request(
        self,
        method: str,
        path: str,
        params: dict[str, Any] | None = None,
        body: Any = None,
        headers: dict[str, str] | None = None,
        raw: bytes | None = None,
    ) -> Response:
        """One HTTP request; `body` is sent as JSON, `raw` as it is."""
        query = "?" + urllib.parse.urlencode(params) if params else ""
        data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
        request = urllib.request.Request(self.url + path + query, data=data, method=method)
        if body is not None:
            request.add_header("Content-Type", "application/json")
        for key, value in (headers or {}).items():
            request.add_header(key, value)
        try:
            with urllib.request.urlopen(request, timeout=120) as answer:
                return _response(answer.status, dict(answer.headers), answer.read())
        except urllib.error.HTTPError as failure:
            return _response(failure.code, dict(failure.headers), failure.read())

    def get(self, path: str, **params: Any) -> Response:
        return self.request("GET", path, params)

    def connection(self) -> http.client.HTTPConnection:
        host, port = self.url.removeprefix("http://").split(":")
        return http.client.HTTPConnection(host, int(port), timeout=60)


def _response(status: int, headers: dict[str, str], content: bytes) -> Response:
    lowered = {k.lower(): v for k, v in headers.items()}
    body: Any = content
    if lowered.get("content-type", "").startswith("application/json"):
        body = json.loads(content)
    return Response(status, lowered, body)


@contextmanager
def serving(db: Path, *flags: str, token: str | None = TOKEN) -> Iterator[Server]:
    """`newsevents serve --db DB` on a free loopback port, until the block ends."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "NEWSEVENTS_API_TOKEN"}
    if token is not None:
        env["NEWSEVENTS_API_TOKEN"] = token
    command = [sys.executable, "-m", "newsevents.cli", "serve", "--db", str(db)]
    process = subprocess.Popen(
        [*command, "--port", str(port), *flags],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    server = Server(f"http://127.0.0.1:{port}", process, db)
    try:
        _wait_until_up(server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stderr:
            process.stderr.close()


def _wait_until_up(server: Server, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            stderr = server.process.stderr.read().decode() if server.process.stderr else ""
            raise RuntimeError(f"the server exited with {server.process.returncode}: {stderr}")
        try:
            if server.get("/health").status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the server did not answer /health in time")
