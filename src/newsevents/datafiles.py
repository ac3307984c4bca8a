"""Reading the packaged data tables (`src/newsevents/data/<folder>/<name>.json`).

Every table carries `source`, `version` and `licence`; a table without them, or one that
is not a JSON object, is an error at load time rather than a silent empty rule set.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any


def read_table(folder: str, name: str, directory: Path | None = None) -> dict[str, Any]:
    """The table `name` of the package's `data/<folder>/`, or of `directory` when given."""
    try:
        if directory is None:
            raw = resources.files("newsevents").joinpath("data", folder, name).read_text("utf-8")
        else:
            raw = (directory / name).read_text(encoding="utf-8")
        data = json.loads(raw)
    except (OSError, ValueError) as exc:
        raise ValueError(f"{name}: cannot be read as JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ValueError(f"{name}: must be a JSON object")
    for key in ("source", "version", "licence"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise ValueError(f"{name}: '{key}' must be a non-empty string")
    return data


def non_empty_object(data: dict[str, Any], key: str, name: str) -> dict[str, Any]:
    """`data[key]`, which must be a non-empty JSON object."""
    table = data.get(key)
    if not isinstance(table, dict) or not table:
        raise ValueError(f"{name}: '{key}' must be a non-empty object")
    return table
