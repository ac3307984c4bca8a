"""POST /documents over real HTTP: coded by the real pipeline into the store, one writer."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsevents.cli import main
from newsevents.store.layout import writer_lock
from newsevents.store.reader import Store

from .api_fixtures import TOKEN, Server, serving

AUTH = {"Authorization": f"Bearer {TOKEN}"}
# written for this test
NEW = {
    "id": "fisheries-9",
    "source": "Harbour Gazette",
    "published": "2024-06-03",
    "text": "Brazil signed a fisheries agreement with Argentina in Buenos Aires on Monday.",
}


@pytest.fixture(scope="module")
def writable(api_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    db = tmp_path_factory.mktemp("writes") / "db"
    shutil.copytree(api_store, db)
    with serving(db) as server:
        yield server


def _post(server: Server, *documents: dict, headers: dict | None = None):
    body = {"documents": list(documents)}
    return server.request("POST", "/documents", body=body, headers=headers or AUTH)


def test_api_post_codes_documents_into_the_store(writable: Server) -> None:
    before = writable.get("/health").body["store"]
    answer = _post(writable, NEW, {"id": "blank-1", "text": "   "})
    assert answer.status == 200, answer.body
    assert answer.body["counts"]["coded"] == 1 and answer.body["counts"]["failed"] == 1
    coded, blank = answer.body["documents"]
    assert coded["id"] == NEW["id"] and coded["status"] == "stored" and coded["events"]
    assert blank["status"] == "failed" and blank["error"]["code"] == "empty"
    after = writable.get("/health").body["store"]
    assert after["documents"] == before["documents"] + 2
    assert after["dedup_current"] is True
    event = writable.get(f"/events/{coded['events'][0]}").body
    mention = next(m for m in event["mentions"] if m["doc_id"] == NEW["id"])
    assert mention["source"] == NEW["source"]
    assert NEW["text"].startswith(mention["evidence"]["sentence"].rstrip("."))
    listed = writable.get("/events", actor="Brazil").body["events"]
    assert coded["events"][0] in {e["id"] for e in listed}


def test_api_post_of_the_same_document_is_skipped(writable: Server) -> None:
    first = _post(writable, NEW)
    again = _post(writable, NEW)
    assert again.status == 200 and again.body["counts"]["skipped"] == 1
    assert again.body["counts"]["coded"] == 0
    assert again.body["documents"][0]["events"] == first.body["documents"][0]["events"]


@pytest.mark.parametrize(
    "documents",
    [
        [],
        [{"id": "x"}],  # neither text nor html
        [{"id": "x", "text": "a", "html": "<p>a</p>"}],
        [{"id": "x", "text": "a", "path": "/etc/passwd"}],  # unknown field
        [{"id": "", "text": "a"}],
        [{"id": "line\nbreak", "text": "a"}],
        [{"id": "x", "text": "a"}, {"id": "x", "text": "b"}],  # same id twice
        [{"id": f"d{i}", "text": "a"} for i in range(51)],  # too many
    ],
)
def test_api_post_validates_the_documents(writable: Server, documents: list[dict]) -> None:
    answer = _post(writable, *documents)
    assert answer.status == 422, answer.body
    assert answer.error["code"] == "invalid_parameter"


def test_api_post_refuses_when_another_process_writes(writable: Server) -> None:
    with writer_lock(writable.db):  # as an ingest running in another process would
        answer = _post(writable, {**NEW, "id": "busy-1"})
    assert answer.status == 409 and answer.error["code"] == "store_busy"
    assert str(writable.db) not in answer.error["message"]
    with Store(writable.db) as store:
        assert "busy-1" not in {d["id"] for d in store.documents()}


def test_api_answers_from_the_newest_snapshot_after_an_ingest(
    writable: Server, tmp_path: Path
) -> None:
    before = writable.get("/health").body["store"]
    source = tmp_path / "more.jsonl"
    article = {
        "id": "summit-7",
        "published": "2024-06-10",
        "text": "Japan criticised China over the detention of two journalists on Monday.",
    }
    source.write_text(json.dumps(article) + "\n", encoding="utf-8")
    assert main(["ingest", str(source), "--db", str(writable.db)]) == 0  # another writer
    after = writable.get("/health").body["store"]
    assert after["documents"] == before["documents"] + 1
    assert after["manifest_version"] > before["manifest_version"]
    assert after["mentions"] > before["mentions"] and after["dedup_current"] is True
    assert writable.get("/events", actor="Japan").body["total"] >= 1


def test_api_serve_refuses_a_missing_store_and_a_weak_token(tmp_path: Path) -> None:
    assert main(["serve", "--db", str(tmp_path / "nothing")]) == 2
    assert main(["serve", "--db", str(tmp_path), "--token", "short"]) == 2
