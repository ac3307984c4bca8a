"""ICEWS coded-event export: the tab-separated columns of the public ICEWS event files.

Source and target are the first actor of each slot, with full country names; the event text
is the CAMEO name and the intensity its Goldstein score, as in ICEWS. The story is our
document id, the sentence number counts from 1, and the publisher is the document's source.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from newsevents.export.rows import (
    cameo_name,
    country_name,
    first_actor,
    goldstein,
    numeric_id,
    stored_event,
    write_tsv,
)

COLUMNS = (
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "Event Text",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Sectors",
    "Target Country",
    "Story ID",
    "Sentence Number",
    "Publisher",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
)


def _party(actor: Mapping[str, Any]) -> tuple[str, str, str]:
    return (
        str(actor.get("name") or actor.get("text") or ""),
        str(actor.get("sector") or ""),
        country_name(actor.get("country")),
    )


def icews_record(row: Mapping[str, Any]) -> dict[str, Any]:
    event = stored_event(row)
    source = _party(first_actor(event, "actor"))
    target = _party(first_actor(event, "recipient"))
    sentence = event.get("sentence")
    return dict(
        zip(
            COLUMNS,
            (
                numeric_id(str(row["id"])),
                row.get("date"),
                *source,
                cameo_name(row.get("cameo")),
                row.get("cameo"),
                goldstein(row.get("cameo")),
                *target,
                row.get("doc_id"),
                sentence + 1 if isinstance(sentence, int) else None,
                ";".join(row.get("sources") or []) or row.get("source"),
                row.get("location_name"),
                None,
                None,
                country_name(row.get("location_country")),
                row.get("lat"),
                row.get("lon"),
            ),
            strict=True,
        )
    )


def write_icews(rows: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    """Write the header line and one line per event; returns the count."""
    out.write("\t".join(COLUMNS) + "\n")
    return write_tsv((icews_record(row) for row in rows), COLUMNS, out)


def read_icews(lines: Iterable[str]) -> list[dict[str, str]]:
    """Parse an ICEWS TSV (with its header) into dicts by column name."""
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise ValueError(f"not an ICEWS event file: header {reader.fieldnames}")
    return list(reader)
