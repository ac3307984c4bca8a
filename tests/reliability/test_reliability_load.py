"""The API under load while an ingest writes: a short run of bench/bench_load.py.

The full run and its figures are in docs/RELIABILITY.md; this one is small enough for
`make test` and checks the target that does not depend on the machine: zero errors while
the server moves from snapshot to snapshot. Its p99 is printed, not asserted (two shared
cores make latency a measurement, not a test).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_load.py"


@pytest.mark.slow
@pytest.mark.parametrize("cache", [True, False])
def test_reliability_load_during_ingest_has_no_errors(tmp_path: Path, cache: bool) -> None:
    results = tmp_path / "load.json"
    command = [
        sys.executable, str(BENCH), "--documents", "12", "--extra", "12", "--clients", "3",
        "--seconds", "60", "--shard-size", "3", "--json", str(results),
    ]  # fmt: skip
    run = subprocess.run(
        command + ([] if cache else ["--no-cache"]),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert results.exists(), run.stderr[-3000:]
    outcome = json.loads(results.read_text("utf-8"))
    print(json.dumps(outcome["all"]))
    assert outcome["errors"] == 0, outcome["error_kinds"]
    assert outcome["ingest"]["exit_code"] == 0
    assert outcome["snapshots_served"]["last"] > outcome["snapshots_served"]["first"], (
        "the ingest committed while the server answered"
    )
    assert outcome["all"]["requests"] > 50
    assert set(outcome["routes"]) == {"/events", "/aggregate"}
