from __future__ import annotations

from newsevents.nlp.model import load_model
from newsevents.nlp.parse import _parse_in_groups, entities_of, make_doc, sentences_of

TEXT = (
    "The minister met her counterpart in Geneva on Monday. They agreed to meet again\n"
    "Portrait of Maria Lopez\n"
    "Maria Lopez speaks to reporters in Madrid.\n\n"
    "A short line.\n"
)


def _parse(text: str):  # type: ignore[no-untyped-def]
    nlp = load_model()
    return nlp(make_doc(nlp, text))


def test_parse_line_breaks_are_sentence_boundaries() -> None:
    doc = _parse(TEXT)
    sentences = [TEXT[s.start : s.end] for s in sentences_of(doc)]
    assert sentences == [
        "The minister met her counterpart in Geneva on Monday.",
        "They agreed to meet again",
        "Portrait of Maria Lopez",
        "Maria Lopez speaks to reporters in Madrid.",
        "A short line.",
    ]


def test_parse_a_wire_dateline_is_no_part_of_the_lede() -> None:
    text = (
        "Attack in Kandahar\n"
        "KANDAHAR, Afghanistan — Taliban fighters attacked a police checkpoint overnight.\n"
        "ORLANDO, Fla. (Reuters) - President Barack Obama met survivors on Thursday.\n"
        "US - Iran tensions rise as talks stall.\n"
    )
    doc = _parse(text)
    sentences = [text[s.start : s.end] for s in sentences_of(doc)]
    assert "Taliban fighters attacked a police checkpoint overnight." in sentences
    assert "President Barack Obama met survivors on Thursday." in sentences
    # a capitalised word before a hyphen is no dateline without an agency
    assert "US - Iran tensions rise as talks stall." in sentences


def test_parse_entities_never_cross_a_line() -> None:
    doc = _parse("Talks ended.\nReuters/Alexei Example\n\nIn Paris, Jean Dupont said no.\n")
    for ent in entities_of(doc):
        assert "\n" not in ent.text and ent.text == ent.text.strip()
        assert doc.text[ent.start : ent.end] == ent.text


def test_parse_in_token_groups_keeps_order_and_parses() -> None:
    nlp = load_model()
    texts = [TEXT, "Chile and Peru signed a fisheries accord in Lima.", "Talks ended.\n" * 30]
    one_group = _parse_in_groups(nlp, [make_doc(nlp, t) for t in texts], 10_000)
    # a budget smaller than any document parses each alone: the same parses, in input order
    alone = _parse_in_groups(nlp, [make_doc(nlp, t) for t in texts], 1)
    for a, b, text in zip(one_group, alone, texts, strict=True):
        assert a.text == b.text == text
        assert [(t.dep_, t.head.i, t.tag_) for t in a] == [(t.dep_, t.head.i, t.tag_) for t in b]
        assert [(e.text, e.label_) for e in a.ents] == [(e.text, e.label_) for e in b.ents]
    assert [e.text for e in one_group[1].ents] == ["Chile", "Peru", "Lima"]
