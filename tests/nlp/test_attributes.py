from __future__ import annotations

from typing import Any

import pytest
from spacy.pipeline.attributeruler import AttributeRuler

from newsevents.nlp.attributes import speed_up_attribute_ruler
from newsevents.nlp.model import load_model

# Texts that reach the ruler's exceptions: contractions, "gonna", "y'all", "nothin'",
# pronoun case, auxiliaries, existential "there", determiners used as pronouns, and
# whitespace tokens.
TEXTS = [
    "The minister said that the talks, which began on Monday, would not resume.",
    "Y'all ain't gonna believe it. Nothin' is there; let's go, c'mon.",
    "There is a  \n\n  ceasefire. He gets it and got it. I gave it to you and them.",
    "That was what they had done, and this is what those who do it have to say.",
    "She's been to Kyiv; we're going, I'm not, and you've got to stay.\n\nThe end",
    "   ",
    "a",
]


def _before_ruler(texts: list[str]) -> list[Any]:
    nlp = load_model()
    upto = nlp.pipe_names[: nlp.pipe_names.index("attribute_ruler")]
    with nlp.select_pipes(enable=upto):
        return list(nlp.pipe(texts))


def test_attributes_match_as_spacy_does() -> None:
    ruler = load_model().get_pipe("attribute_ruler")
    for doc in _before_ruler(TEXTS):
        assert ruler.match(doc) == AttributeRuler.match(ruler, doc), doc.text


def test_attributes_the_loaded_model_uses_the_indexed_match() -> None:
    ruler = load_model().get_pipe("attribute_ruler")
    assert "match" in vars(ruler)  # set on the instance, not spaCy's class method
    doc = load_model()("They are here.")
    assert [t.pos_ for t in doc] == ["PRON", "AUX", "ADV", "PUNCT"]


def test_attributes_unknown_pattern_shape_keeps_spacy() -> None:
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "a", "OP": "+"}]], {"LEMMA": "A"})
    assert speed_up_attribute_ruler(nlp) is False
    assert "match" not in vars(ruler)
    nlp.remove_pipe("attribute_ruler")
    assert speed_up_attribute_ruler(nlp) is False


@pytest.mark.parametrize(
    "pattern",
    [
        [{"LOWER": {"IN": ["gonna", "wanna"]}}, {"TAG": {"NOT_IN": ["DT"]}}],
        [{"LOWER": {"REGEX": "^n[ou]thin'$"}}],
        [{"IS_SPACE": True}],
    ],
)
def test_attributes_predicates_match_as_spacy_does(pattern: list[dict[str, Any]]) -> None:
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([pattern], {"LEMMA": "x"})
    assert speed_up_attribute_ruler(nlp)
    for text in ["gonna go wanna the nuthin' nothin'  \n x", "wanna", ""]:
        doc = nlp.make_doc(text)
        assert ruler.match(doc) == AttributeRuler.match(ruler, doc), text
