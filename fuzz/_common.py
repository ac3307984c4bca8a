"""What the fuzz targets share: the invariants of the reliability tests, and the setup.

The invariants are the property tests' own (tests/reliability/reliability_fixtures.py), so
that a crash found here and a failure there mean the same thing.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "reliability"))

from reliability_fixtures import (  # noqa: E402
    assert_accounted,
    assert_cleaned,
    assert_offsets_inside,
    utf8_json,
)

__all__ = ["assert_accounted", "assert_cleaned", "assert_offsets_inside", "utf8_json"]
