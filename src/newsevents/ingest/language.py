"""Language check: newsevents' models and lexicons are English-only.

Uses py3langid (offline, model shipped in the wheel). A document is rejected only when the
identifier is confident it is another language; short texts are not checked at all,
because identification on a headline-sized text is close to guessing. Text whose common
English function words make it plainly English skips the identifier, whose model costs
73 MB of memory in every worker and a share of the CPU.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from newsevents.errors import DocumentFailure

_MIN_CONFIDENCE = 0.9
_SAMPLE_CHARS = 2000  # identification converges long before; keeps long documents cheap


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


# The commonest English function words. In English news they are a third of the words (the
# lowest of 839 corpus articles: 0.17); in French, German, Spanish or Dutch news, under a tenth.
_FUNCTION_WORDS = frozenset(
    (  # noqa: SIM905 - a word list reads best as words
        "the of and to a in is that for on was with he it as said at by from his be have has are "
        "were an not this but they their who which will would had been after its or we i you she "
        "her than also more about"
    ).split()
)
_SURELY_ENGLISH = 0.2  # at or above this share the identifier (73 MB of model) is not needed
_WORD = re.compile(r"[^\W\d_]+")


def function_word_share(text: str) -> float:
    """Share of the words of `text` that are common English function words."""
    words = _WORD.findall(text)
    return sum(w.lower() in _FUNCTION_WORDS for w in words) / len(words) if words else 0.0


def check_english(text: str, min_chars: int) -> None:
    """Raise `not_english` when `text` is confidently identified as another language.

    Text that is plainly English by its function words is passed without loading the
    identifier; anything else (another language, a mix, a list of names) goes to it."""
    sample = text[:_SAMPLE_CHARS]
    if len(sample.strip()) < min_chars or function_word_share(sample) >= _SURELY_ENGLISH:
        return
    lang, prob = _identifier().classify(sample)
    if lang != "en" and prob >= _MIN_CONFIDENCE:
        raise DocumentFailure(
            "not_english", f"text is in language '{lang}' (p={prob:.2f}); newsevents reads English"
        )
