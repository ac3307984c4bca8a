"""POST /documents: code new text into the store, through the `ingest` command's one writer.

The posted documents are spooled as a JSON Lines file under the store's `inputs/` folder (as
`ingest -` spools standard input), under a name the server makes, then ingested exactly as
`newsevents ingest FILE --db DIR` would: content-hash skips, shards, the writer lock, the
dedup refresh and the run report. One write at a time per server; a write while another
process holds the store's writer lock is refused with 409 rather than queued.
"""

from __future__ import annotations

import argparse
import json
import threading
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from starlette.responses import JSONResponse

from newsevents.api import queries
from newsevents.api.auth import check_token
from newsevents.api.errors import ERROR_RESPONSES, ApiError
from newsevents.api.params import only
from newsevents.api.snapshot import Snapshot
from newsevents.store.layout import StoreError, read_manifest

MAX_DOCUMENTS = 50  # per request: the request waits while they are coded
_write_lock = threading.Lock()

router = APIRouter(responses=ERROR_RESPONSES)


class DocumentIn(BaseModel):
    """One document, as a line of `ingest`'s JSON Lines input."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f]+$")
    text: str | None = None
    html: str | None = None
    published: str | None = Field(None, max_length=40, description="YYYY-MM-DD")
    url: str | None = Field(None, max_length=2000)
    title: str | None = Field(None, max_length=1000)
    source: str | None = Field(None, max_length=200, description="the publisher")

    @field_validator("text", "html", "published", "url", "title", "source")
    @classmethod
    def _valid_unicode(cls, value: str | None) -> str | None:
        # JSON lets a client send a lone "\ud800", which no UTF-8 file or Parquet column holds
        if value is not None and any("\ud800" <= ch <= "\udfff" for ch in value):
            raise ValueError("holds an unpaired surrogate: it is not valid Unicode text")
        return value

    @model_validator(mode="after")
    def _one_body(self) -> DocumentIn:
        if (self.text is None) == (self.html is None):
            raise ValueError('give exactly one of "text" and "html"')
        return self


class DocumentsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    documents: list[DocumentIn] = Field(min_length=1, max_length=MAX_DOCUMENTS)

    @model_validator(mode="after")
    def _distinct_ids(self) -> DocumentsIn:
        ids = [d.id for d in self.documents]
        if len(set(ids)) != len(ids):
            raise ValueError("document ids must be distinct within a request")
        return self


class DocumentOut(BaseModel):
    id: str
    status: str  # stored | failed
    error: dict[str, str] | None
    events: list[str]  # ids of the deduplicated events the document reports


class WriteResult(BaseModel):
    run: str
    counts: dict[str, int]
    documents: list[DocumentOut]


def _spool(root: Path, documents: list[DocumentIn]) -> Path:
    """Write the documents as JSON Lines under a name of the server's making."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = root / "inputs" / f"api-{stamp}-{uuid.uuid4().hex}.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = (json.dumps(d.model_dump(exclude_none=True), ensure_ascii=False) for d in documents)
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def _ingest(root: Path, path: Path) -> dict[str, Any]:
    """Run the `ingest` command on the spooled file; its run report."""
    from newsevents import commands_store

    parser = argparse.ArgumentParser(prog="newsevents")
    commands_store.add_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(
        ["ingest", str(path), "--db", str(root), "--input-format", "jsonl", "--workers", "1"]
    )
    commands_store.ingest(args)
    for run_id in reversed(read_manifest(root)["runs"]):
        report: dict[str, Any] = json.loads(
            (root / "runs" / f"{run_id}.json").read_text(encoding="utf-8")
        )
        if report.get("inputs") == [str(path)]:
            return report
    raise RuntimeError(f"ingest of {path.name} left no run report")


@router.post(
    "/documents",
    summary="Code new documents into the store (needs the token)",
    response_model=None,
    responses={200: {"model": WriteResult}},
    dependencies=[Depends(check_token), Depends(only())],
)
def post_documents(request: Request, body: DocumentsIn) -> JSONResponse:
    snapshot: Snapshot = request.app.state.snapshot
    root = snapshot.root
    with _write_lock:
        path = _spool(root, body.documents)
        try:
            report = _ingest(root, path)
        except StoreError as exc:
            raise ApiError(409, str(exc).replace(str(root), "the store"), "store_busy") from None
        store = snapshot.reload()
    if report["shard_failures"]:
        reasons = "; ".join(str(f["error"]) for f in report["shard_failures"])
        raise ApiError(500, f"coding failed: {reasons}", "coding_failed")
    ids = [d.id for d in body.documents]
    # from the store rather than the run: a document skipped as unchanged keeps its old state
    errors = queries.document_errors(store, ids)
    events = queries.events_of_documents(store, ids)
    documents = [
        {
            "id": doc_id,
            "status": "failed" if errors.get(doc_id) else "stored",
            "error": errors.get(doc_id),
            "events": events.get(doc_id, []),
        }
        for doc_id in ids
    ]
    return JSONResponse({"run": report["run"], "counts": report["counts"], "documents": documents})
