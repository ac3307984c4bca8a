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
# Between this share and the one above (headlines, names, embedded tweets), English still
# passes without the identifier when the commonest function words of the other big
# Latin-script news languages are rare beside the English ones; a mix goes to the identifier.
_LIKELY_ENGLISH = 0.1
_ENGLISH_OVER_OTHERS = 4.0
# German, French, Spanish, Italian, Portuguese and Dutch function words that are not also
# English words ("die", "do", "no", "son" are left out).
_OTHER_FUNCTION_WORDS = frozenset(
    (  # noqa: SIM905 - a word list reads best as words
        "der und den das ist nicht ein eine zu mit sich des auf für im dem von auch sind als "
        "wird bei nach aus wie oder nur noch le la les et du une est pour que qui dans par sur "
        "pas au ce il sont avec ses aux été el los las y del en se por con una para su al lo "
        "como más pero sus fue di che è e per un della non sono da nel alla gli os em não um "
        "uma com são na dos het een van dat niet zijn op te voor er maar ook"
    ).split()
)
_WORD = re.compile(r"[^\W\d_]+")


def function_word_share(text: str, words: frozenset[str] = _FUNCTION_WORDS) -> float:
    """Share of the words of `text` that are in `words` (common English function words)."""
    found = _WORD.findall(text)
    return sum(w.lower() in words for w in found) / len(found) if found else 0.0


def plainly_english(text: str) -> bool:
    """True when function words alone show `text` to be English."""
    english = function_word_share(text)
    if english >= _SURELY_ENGLISH:
        return True
    if english < _LIKELY_ENGLISH:
        return False
    return english >= _ENGLISH_OVER_OTHERS * function_word_share(text, _OTHER_FUNCTION_WORDS)


def check_english(text: str, min_chars: int) -> None:
    """Raise `not_english` when `text` is confidently identified as another language.

    Text that is plainly English by its function words is passed without loading the
    identifier; anything else (another language, a mix, a list of names) goes to it."""
    sample = text[:_SAMPLE_CHARS]
    if len(sample.strip()) < min_chars or plainly_english(sample):
        return
    lang, prob = _identifier().classify(sample)
    if lang != "en" and prob >= _MIN_CONFIDENCE:
        raise DocumentFailure(
            "not_english", f"text is in language '{lang}' (p={prob:.2f}); newsevents reads English"
        )
