"""Shared fixtures of the API tests: one ingested store and one read-only server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .api_fixtures import Server, ingest_articles, serving


@pytest.fixture(scope="session")
def api_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store of `ARTICLES`, ingested once; tests that write use a copy."""
    return ingest_articles(tmp_path_factory.mktemp("api") / "store")


@pytest.fixture(scope="session")
def server(api_store: Path) -> Iterator[Server]:
    with serving(api_store) as running:
        yield running
