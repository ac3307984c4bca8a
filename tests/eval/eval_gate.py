"""Shared pieces of the quality gates: load an eval script, compare its metrics to floors.

eval/ is a folder of scripts, not a package, so each script is loaded by path. The gates
skip (never pass silently) when the evaluation data in ../shared is not on this machine.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
FLOORS = ROOT / "eval" / "floors.json"


def require(*parts: str) -> Path:
    """The path under ../shared, or skip the test when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared/{'/'.join(parts)} is absent: evaluation data not on this machine")
    return path


def load_eval(name: str) -> ModuleType:
    script = ROOT / "eval" / f"{name}.py"
    if str(script.parent) not in sys.path:
        sys.path.insert(0, str(script.parent))  # the scripts share eval/scoring.py
    spec = importlib.util.spec_from_file_location(name, script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses in the script look their module up
    spec.loader.exec_module(module)
    return module


def assert_floors(key: str, metrics: dict[str, Any]) -> None:
    """Every metric pinned under `key` in eval/floors.json is at or above its floor."""
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))[key]
    assert floors, f"no floors pinned for {key}"
    low = {m: (metrics[m], f) for m, f in floors.items() if metrics[m] < f}
    assert not low, f"{key}: metrics below their floors (value, floor): {low}"
