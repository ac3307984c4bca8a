"""Deduplication: many reports of one event become one unique event with its mentions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from newsevents.dedup.cluster import DedupParams, Mention, mention_from_row
from newsevents.dedup.grouping import cluster
from newsevents.dedup.unique import unique_events

__all__ = ["DedupParams", "Mention", "cluster", "deduplicate", "mention_from_row"]


def deduplicate(
    rows: Sequence[Mapping[str, Any]], params: DedupParams | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """Unique events and mention links for the store's event rows."""
    groups = cluster([mention_from_row(r) for r in rows], params)
    return unique_events(rows, groups)
