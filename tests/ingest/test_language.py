from __future__ import annotations

import pytest

from newsevents.errors import DocumentFailure
from newsevents.ingest import language
from newsevents.ingest.language import check_english, function_word_share

ENGLISH = (
    "The minister said on Tuesday that talks with the rebels would resume next week in "
    "Geneva, and that the government was ready to discuss a ceasefire."
) * 3
FRENCH = (
    "Le ministre a déclaré mardi que les pourparlers avec les rebelles reprendraient la "
    "semaine prochaine à Genève, et que le gouvernement était prêt à discuter d'un cessez-le-feu."
) * 3
GERMAN = (
    "Der Minister sagte am Dienstag, die Gespräche mit den Rebellen würden nächste Woche in "
    "Genf fortgesetzt, und die Regierung sei bereit, über eine Waffenruhe zu sprechen."
) * 3


def test_language_function_word_share_separates_english() -> None:
    assert function_word_share(ENGLISH) > 0.3
    assert function_word_share(FRENCH) < 0.1
    assert function_word_share(GERMAN) < 0.1
    assert function_word_share("") == 0.0


def test_language_plain_english_passes_without_the_identifier() -> None:
    language._identifier.cache_clear()
    check_english(ENGLISH, min_chars=50)
    assert language._identifier.cache_info().currsize == 0


@pytest.mark.parametrize("text", [FRENCH, GERMAN])
def test_language_other_languages_are_identified_and_rejected(text: str) -> None:
    with pytest.raises(DocumentFailure) as info:
        check_english(text, min_chars=50)
    assert info.value.code == "not_english"


def test_language_english_with_few_function_words_is_kept() -> None:
    # a list of names and places: too few function words to pass at once, English by the model
    text = "Paris, London, Berlin. Election results: Smith 40%, Jones 35%, Brown 25%. " * 4
    check_english(text, min_chars=50)


ITALIAN = (
    "Il ministro ha detto martedì che i colloqui con i ribelli riprenderanno la prossima "
    "settimana a Ginevra, e che il governo è pronto a discutere un cessate il fuoco."
) * 3


def test_language_english_headline_style_passes_without_the_identifier() -> None:
    # names, titles and a tweet: English function words are few (0.1 to 0.2 of the words)
    # but no other language's are there
    text = (
        "Sen. Jeff Sessions, Rudy Giuliani wear Make America Great hats at the Phoenix rally. "
        "Watch: Trump speech on immigration, border wall, his Mexico visit. #immigration"
    ) * 3
    assert 0.1 <= function_word_share(text) < 0.2
    language._identifier.cache_clear()
    check_english(text, min_chars=50)
    assert language._identifier.cache_info().currsize == 0


def test_language_a_mix_or_a_language_sharing_english_words_goes_to_the_identifier() -> None:
    # Italian shares "in", "a" with English: its own function words send it on
    assert function_word_share(ITALIAN) >= 0.1
    language._identifier.cache_clear()
    with pytest.raises(DocumentFailure):
        check_english(ITALIAN, min_chars=50)
    assert language._identifier.cache_info().currsize == 1
    language._identifier.cache_clear()
    mixed = ENGLISH[: len(ENGLISH) // 3] + GERMAN
    assert function_word_share(mixed) >= 0.1
    assert not language.plainly_english(mixed)
