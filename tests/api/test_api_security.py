"""Hostile and bad requests: one error shape, validation, injection, limits, auth, paths."""

from __future__ import annotations

import re
import shutil
import urllib.parse
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newsevents.api.command import DEFAULT_HOST
from newsevents.cli import _parser

from .api_fixtures import TOKEN, Server, serving

STATIC = Path(__file__).resolve().parents[2] / "src" / "newsevents" / "api" / "static"
INJECTIONS = [
    "' OR '1'='1",
    "RUS'; DROP TABLE events; --",
    "1) OR (1=1",
    "%",
    "_",
    "\\",
    '" OR ""="',
    "ASSAULT' --",
    "../../../../etc/passwd",
    "\x00",
    "RUS\nUNION SELECT * FROM documents",
]
CODED_FILTERS = ("country", "sector", "type", "mode", "aux", "from", "to", "bbox", "min_sources")


def assert_error_shape(answer, status: int, code: str | None = None) -> dict:
    assert answer.status == status, answer.body
    assert answer.headers["content-type"].startswith("application/json")
    error = answer.error
    assert set(error) == {"status", "code", "message", "details"}
    assert error["status"] == status and error["message"]
    if code is not None:
        assert error["code"] == code
    return error


def test_api_errors_share_one_shape(server: Server) -> None:
    assert_error_shape(server.get("/no/such/route"), 404, "not_found")
    assert_error_shape(server.get("/events/ev-0000000000000000"), 404, "not_found")
    assert_error_shape(server.request("DELETE", "/events"), 405, "method_not_allowed")
    error = assert_error_shape(server.get("/events", limit="many"), 422, "invalid_parameter")
    assert error["details"][0]["parameter"] == "limit"
    error = assert_error_shape(server.get("/events", type="WAR", to="soon"), 422)
    assert {d["parameter"] for d in error["details"]} == {"type", "to"}
    assert_error_shape(server.request("POST", "/documents", body={}), 401, "unauthorized")


@pytest.mark.parametrize("name", CODED_FILTERS)
def test_api_coded_filters_refuse_injection(server: Server, name: str) -> None:
    for payload in INJECTIONS:
        answer = server.get("/events", **{name: payload})
        if answer.status == 200:  # a well-formed value ('_' is a mode name): a bound value
            assert answer.body["total"] == 0, payload
        else:
            assert_error_shape(answer, 422)
    assert_error_shape(server.get("/events", **{name: INJECTIONS[1]}), 422)


@pytest.mark.parametrize("name", ["actor", "recipient"])
def test_api_text_filters_treat_injection_as_text(server: Server, name: str) -> None:
    before = server.get("/health").body["store"]
    for payload in INJECTIONS:
        answer = server.get("/events", **{name: payload})
        if answer.status == 200:
            assert answer.body["total"] == 0, payload  # no name contains it: nothing matches
        else:
            assert_error_shape(answer, 422)
    assert_error_shape(server.get("/events", **{name: "a" * 201}), 422)
    assert server.get("/health").body["store"] == before  # nothing was dropped or changed


def test_api_injection_through_aggregate_actors_and_ids_is_harmless(server: Server) -> None:
    for payload in INJECTIONS:
        assert_error_shape(server.get("/aggregate", kind=payload), 422)
        assert server.get("/aggregate", actor=payload).status in (200, 422)
        assert server.get("/actors", recipient=payload).status in (200, 422)
        answer = server.get("/events/" + urllib.parse.quote(payload, safe=""))
        assert answer.status in (404, 422)


def test_api_unknown_and_repeated_parameters_are_refused(server: Server) -> None:
    error = assert_error_shape(server.get("/events", typ="ASSAULT"), 422)
    assert error["details"] == [{"parameter": "typ", "message": "unknown parameter"}]
    assert_error_shape(server.get("/health", verbose="1"), 422)
    answer = server.request("GET", "/events?type=ASSAULT&type=AGREE")
    assert_error_shape(answer, 422)


def test_api_page_size_is_limited(server: Server) -> None:
    assert server.get("/events", limit=500).status == 200
    for params in ({"limit": 501}, {"limit": 0}, {"limit": -1}, {"offset": -1}):
        assert_error_shape(server.get("/events", **params), 422)
    assert_error_shape(server.get("/actors", limit=10_000), 422)


def test_api_min_sources_needs_deduplicated_events(server: Server) -> None:
    error = assert_error_shape(server.get("/events", min_sources=2, mentions="true"), 422)
    assert "min_sources" in error["message"]


def test_api_request_paths_never_reach_the_file_system(server: Server) -> None:
    for path in (
        "/static/../../pyproject.toml",
        "/static/%2e%2e%2f%2e%2e%2fpyproject.toml",
        "/static/..%2F..%2F..%2Fpyproject.toml",
        "/static/%2Fetc%2Fpasswd",
        "/static/__init__.py",
        "/static/dashboard.py",
        "/dashboard/..%2F..%2Fmanifest.json",
    ):
        answer = server.request("GET", path)
        assert_error_shape(answer, 404)
    assert server.get("/static/app.js").status == 200


def test_api_write_needs_the_right_token(server: Server) -> None:
    document = {"documents": [{"id": "t-1", "text": "Chile thanked Peru."}]}
    answer = server.request("POST", "/documents", body=document)
    assert_error_shape(answer, 401)
    assert answer.headers["www-authenticate"].startswith("Bearer")
    for given in ("Bearer wrong-token-0123456789ab", f"Bearer {TOKEN}x", f"Bearer {TOKEN[:-1]}"):
        answer = server.request(
            "POST", "/documents", body=document, headers={"Authorization": given}
        )
        assert_error_shape(answer, 403, "forbidden")
    answer = server.request(
        "POST", "/documents", body=document, headers={"Authorization": f"Basic {TOKEN}"}
    )
    assert_error_shape(answer, 401)
    assert server.get("/events", actor="t-1").body["total"] == 0


def test_api_without_a_token_refuses_every_write(api_store: Path) -> None:
    with serving(api_store, token=None) as server:
        assert server.get("/health").body["writes"] is False
        answer = server.request(
            "POST", "/documents", body={"documents": [{"id": "x", "text": "Chile thanked Peru."}]},
            headers={"Authorization": f"Bearer {TOKEN}"},
        )  # fmt: skip
        assert_error_shape(answer, 403, "writes_disabled")


def test_api_refuses_a_body_over_the_limit(server: Server) -> None:
    huge = b"x" * 4_000_001
    answer = server.request("POST", "/documents", raw=huge, headers={"Content-Type": "text/plain"})
    assert_error_shape(answer, 413, "request_too_large")
    assert answer.headers["x-content-type-options"] == "nosniff"
    # without Content-Length (chunked): counted as it arrives
    connection = server.connection()
    chunks = (b"y" * 500_000 for _ in range(10))
    connection.request("POST", "/documents", body=chunks, encode_chunked=True)
    answer = connection.getresponse()
    assert answer.status == 413
    assert b'"request_too_large"' in answer.read()
    connection.close()
    assert server.get("/health").status == 200


def test_api_responses_carry_security_headers(server: Server) -> None:
    for path in ("/", "/events", "/no/such/route"):
        headers = server.request("GET", path).headers
        assert headers["x-content-type-options"] == "nosniff"
        assert "script-src 'self'" in headers["content-security-policy"]
        assert "server" not in headers


def test_api_server_error_is_shaped_and_hides_paths(api_store: Path, tmp_path: Path) -> None:
    db = tmp_path / "db"
    shutil.copytree(api_store, db)
    with serving(db, "--no-cache") as server:
        assert server.get("/events").status == 200
        for parquet in (db / "dedup").rglob("*.parquet"):
            # a readable file of another shape under a running server: a query that cannot
            # run (a file that cannot be read is set aside instead: store/damage.py)
            pq.write_table(pa.table({"unrelated": [1]}), parquet)
        error = assert_error_shape(server.get("/events"), 500, "internal_error")
        assert str(tmp_path) not in error["message"] and ".parquet" not in error["message"]


def test_api_binds_to_loopback_unless_told() -> None:
    args = _parser().parse_args(["serve", "--db", "somewhere"])
    assert args.host == DEFAULT_HOST == "127.0.0.1"


def test_api_dashboard_never_parses_data_as_html() -> None:
    code = "\n".join(p.read_text(encoding="utf-8") for p in STATIC.glob("*.js"))
    assert code, "the dashboard scripts are missing"
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in code, sink
    assert not re.search(r"<script>[^<]", (STATIC / "index.html").read_text("utf-8"))


def test_api_on_loopback_answers_only_local_host_names(server: Server) -> None:
    for host in ("evil.example", "evil.example:80", "127.0.0.1.evil.example"):
        answer = server.request("GET", "/events", headers={"Host": host})
        assert_error_shape(answer, 400, "bad_request")
        assert answer.headers["x-content-type-options"] == "nosniff"
    port = server.url.rsplit(":", 1)[1]
    assert server.request("GET", "/health", headers={"Host": f"localhost:{port}"}).status == 200
