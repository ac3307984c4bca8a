"""Settings: each default defined once, here, and layered.

Layers, later wins: the packaged defaults in `SETTINGS`, then a user file (TOML, from
``--config FILE`` or ``$NEWSEVENTS_CONFIG``), then CLI flags. The same table documents the
settings (`newsevents settings`) and a test checks that the README mentions each one.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "max_document_bytes",
        1_000_000,
        "Documents larger than this (in bytes of input) are reported as too_large, not analysed.",
    ),
    Setting(
        "language_check",
        True,
        "Reject documents whose text is confidently identified as not English (not_english).",
    ),
    Setting(
        "min_language_chars",
        200,
        "Texts shorter than this are not language-checked: identification is unreliable on them.",
    ),
    Setting(
        "workers",
        1,
        "Worker processes of the local executor; 1 runs everything in the calling process.",
    ),
    Setting(
        "batch_size",
        16,
        "Documents a worker analyses together, and the unit of work sent to a worker: a "
        "worker's peak memory grows with it (measured: 16 peaks 23 MB below 32, same CPU).",
    ),
    Setting(
        "parse_batch_tokens",
        5000,
        "Tokens spaCy parses at once (documents are grouped up to this many; a longer one goes "
        "alone): a worker's peak memory grows with it, about 20 MB per 1,000 tokens.",
    ),
    Setting(
        "clean",
        True,
        "Remove scraped noise (photo captions, credits, share, boilerplate lines) before parsing.",
    ),
    Setting(
        "document_timeout",
        600,
        "Seconds one document may spend in the analysis steps; past it the document fails "
        "with timeout and the batch goes on. 0 turns the limit off. A document at the size "
        "limit (1 MB) takes about 160 s on one busy core, a news article about 1 s.",
    ),
)


@dataclass(frozen=True, slots=True)
class Config:
    """Resolved settings. Build it with `load_config`, not by hand."""

    max_document_bytes: int
    language_check: bool
    min_language_chars: int
    workers: int
    batch_size: int
    parse_batch_tokens: int
    clean: bool
    document_timeout: int

    def replace(self, **changes: Any) -> Config:
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update({k: v for k, v in changes.items() if v is not None})
        return _validated(values)


def _validated(values: dict[str, Any]) -> Config:
    unknown = set(values) - {s.name for s in SETTINGS}
    if unknown:
        raise ValueError(f"unknown setting(s): {', '.join(sorted(unknown))}")
    for setting in SETTINGS:
        value = values[setting.name]
        expected = type(setting.default)
        # bool is an int subclass: keep "true" out of int settings and 1 out of bool ones.
        if type(value) is not expected:
            raise ValueError(f"setting {setting.name} must be {expected.__name__}, got {value!r}")
    if min(values["workers"], values["batch_size"], values["parse_batch_tokens"]) < 1:
        raise ValueError("workers, batch_size and parse_batch_tokens must be at least 1")
    if values["document_timeout"] < 0:
        raise ValueError("document_timeout must be 0 (no limit) or a number of seconds")
    return Config(**values)


def load_config(path: str | Path | None = None, **overrides: Any) -> Config:
    """Defaults, then the user file (if any), then non-None `overrides` (CLI flags).

    >>> load_config(workers=2).workers
    2
    """
    values: dict[str, Any] = {s.name: s.default for s in SETTINGS}
    user_file = path or os.environ.get("NEWSEVENTS_CONFIG")
    if user_file:
        with open(user_file, "rb") as handle:
            try:
                values.update(tomllib.load(handle))
            except tomllib.TOMLDecodeError as exc:
                raise ValueError(f"config file {user_file}: {exc}") from exc
    values.update({k: v for k, v in overrides.items() if v is not None})
    return _validated(values)
