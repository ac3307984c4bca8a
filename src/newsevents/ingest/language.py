"""Language check: newsevents' models and lexicons are English-only.

Uses py3langid (offline, model shipped in the wheel). A document is rejected only when the
identifier is confident it is another language; short texts are not checked at all,
because identification on a headline-sized text is close to guessing.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from newsevents.errors import DocumentFailure

_MIN_CONFIDENCE = 0.9
_SAMPLE_CHARS = 5000  # identification converges long before; keeps huge documents cheap


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def check_english(text: str, min_chars: int) -> None:
    """Raise `not_english` when `text` is confidently identified as another language."""
    sample = text[:_SAMPLE_CHARS]
    if len(sample.strip()) < min_chars:
        return
    lang, prob = _identifier().classify(sample)
    if lang != "en" and prob >= _MIN_CONFIDENCE:
        raise DocumentFailure(
            "not_english", f"text is in language '{lang}' (p={prob:.2f}); newsevents reads English"
        )
