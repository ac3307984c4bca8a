"""Tag the temporal expressions of a parsed document with TIMEX3 types and values.

The grammar of `grammar.py` proposes the expressions. The parse then does three jobs:

- it vets the ambiguous ones: a month or weekday word must be a capitalised name that is not
  a verb, a modal or part of a person's or an organisation's name ("May", "March", "Friday");
  a bare four-digit number is a year only when spaCy calls it a DATE or a preposition such as
  "in" or "since" comes before it; a bare plural unit ("years") needs a similar cue;
- it gives the tense that decides the direction of an expression without a year or week:
  the verb the expression attaches to (climbing the dependency tree) with its auxiliaries.
  "said Tuesday" is the previous Tuesday, "will meet Tuesday" the next one, and the present
  tense the nearest one. An anchor's own weekday counts as both the previous and the next.
  A perfect counts as past, a participle without auxiliaries takes the tense of its clause,
  a plan made in the past ("planned for Saturday") is not a future, and a date that modifies
  a noun ("a June agreement") is left to the calendar;
- it numbers the sentences, so that anaphoric expressions ("the quarter", "a day earlier")
  only look back a few sentences for the time they refer to.

spaCy's DATE and TIME entities are used as evidence, not as extents: the grammar gives the
extents, following TimeML (no leading preposition, no possessive "'s").
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from newsevents.time.context import Context
from newsevents.time.dates import FUTURE, PAST, PRESENT, Timex, parse_anchor
from newsevents.time.grammar import Found, grammar
from newsevents.time.lexicon import load_lexicon

NAME_LABELS = frozenset({"PERSON", "ORG", "FAC", "PRODUCT", "WORK_OF_ART", "LAW", "NORP", "GPE"})
NUMBER_LABELS = frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL"})
TIME_LABELS = frozenset({"DATE", "TIME"})
VERB_TAGS = frozenset({"MD", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ"})
FUTURE_AUX = frozenset({"will", "'ll", "’ll", "shall", "wo", "would"})
FUTURE_VERBS = frozenset({"expect", "plan", "schedule", "intend"})
# a participle without auxiliaries in these relations takes the tense of the clause above it
PARTICIPLE_DEPS = frozenset({"advcl", "acl", "conj", "xcomp", "pcomp"})
NOUN_MODIFIER_DEPS = frozenset({"compound", "poss", "nmod", "amod"})


def tag_times(doc: Any, anchor: str | None) -> list[Timex]:
    """The temporal expressions of a parsed spaCy `doc`, with values relative to `anchor`.

    `anchor` is the document date `YYYY-MM-DD`, or None: then the calendar fields that depend
    on it are `X` placeholders. Offsets point into `doc.text`.
    """
    text = doc.text
    ctx = Context(parse_anchor(anchor))
    lex = load_lexicon()
    sentence_starts = _sentence_starts(doc)
    timexes: list[Timex] = []
    for found in grammar().find(text):
        span = doc.char_span(found.start, found.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        before = _word_before(doc, span.start)
        if not _confirmed(found, doc, before, lex):
            continue
        ctx.before = before.lower_ if before is not None else ""
        ctx.sentence = bisect_right(sentence_starts, found.start) - 1
        ctx.tense = _tense(span) if found.rule.tense else None
        norm = found.rule.handler(found.match, ctx)
        if norm is None:
            continue
        start = found.start
        if norm.start and found.match.group(norm.start) is not None:
            start = found.match.start(norm.start)
        timexes.append(Timex(text[start : found.end], start, found.end, *_fields(norm)))
        if norm.type in ("DATE", "TIME") and norm.anchoring:
            ctx.remember(norm.value)
    return timexes


def _sentence_starts(doc: Any) -> list[int]:
    """Character offsets of the sentence starts (without building the sentence spans)."""
    if len(doc) == 0:
        return [0]
    flags = doc.to_array(["SENT_START", "IDX"])
    starts: list[int] = flags[flags[:, 0] == 1, 1].tolist()
    return starts if starts and starts[0] == 0 else [0, *starts]


def _fields(norm: Any) -> tuple[str, str, str | None]:
    return norm.type, norm.value, norm.mod


def _word_before(doc: Any, index: int) -> Any:
    """The token before `index`, skipping spaces; None at the start of the document."""
    index -= 1
    while index >= 0 and doc[index].is_space:
        index -= 1
    return doc[index] if index >= 0 else None


def _token_at(doc: Any, char: int) -> Any:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _confirmed(found: Found, doc: Any, before: Any, lex: Any) -> bool:
    """Whether the parse supports an ambiguous match (see the module docstring)."""
    kind = found.rule.confirm
    if kind is None:
        return True
    m = found.match
    groups = m.groupdict()
    before_word = before.lower_ if before is not None else ""
    if kind in ("month", "weekday", "holiday", "season"):
        group = {"holiday": "hol"}.get(kind, kind)
        word = m.group(group)
        if not word[:1].isupper():
            return False
        token = _token_at(doc, m.start(group))
        if token is None or token.ent_type_ in NAME_LABELS:
            return False
        if kind == "month" and found.rule.name == "month":
            if token.tag_ in VERB_TAGS:
                return False
            bare = not (groups.get("year") or groups.get("rel") or groups.get("pmod"))
            if bare and before is not None and before.tag_ in ("NNP", "NNPS"):
                return False  # a surname: "Jane March", "Theresa May"
            if bare and token.ent_type_ not in TIME_LABELS and before_word not in lex.year_context:
                return False
        return True
    if kind == "year":
        if groups.get("pre") or groups.get("pmod"):
            return True
        token = _token_at(doc, m.start("year"))
        if token is None:
            return False
        if _counts_a_plural(token):
            return False  # "a poll of 2047 registered voters"; but "the 1988 results" is a year
        if token.ent_type_ in TIME_LABELS:
            return True
        return (
            token.ent_type_ not in NUMBER_LABELS | NAME_LABELS and before_word in lex.year_context
        )
    if kind == "duration":
        number = " ".join(m.group("num").lower().split())
        unit_word = m.group("unit").lower()
        if unit_word == "second" or (unit_word == "seconds" and number in ("a", "an")):
            return False  # the ordinal "a second"
        # "$5 a day" is a rate, not a duration
        return not (
            number in ("a", "an")
            and before is not None
            and not m.group("dir")
            and (before.like_num or before.ent_type_ in NUMBER_LABELS or before_word == "per")
        )
    if kind == "unit":
        if groups.get("rel") or groups.get("dir") or groups.get("qmod") or groups.get("long"):
            return True
        if before is not None and before.like_num:
            return False  # "52 years old"
        token = _token_at(doc, m.start("unit"))
        if token is not None and token.ent_type_ in TIME_LABELS:
            return True
        return before_word in lex.duration_context or bool(groups.get("det"))
    return True


def _governing_verb(span: Any) -> Any:
    """The verb the expression attaches to: climb the dependency tree from its root."""
    return _clause_verb(span.root)


def _clause_verb(token: Any) -> Any:
    """The first verb at or above `token` that is not an auxiliary, or None."""
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass"):
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def _tense(span: Any) -> str | None:
    """PAST, FUTURE, PRESENT or None for the verb governing `span`.

    A date that modifies a noun ("a June agreement", "Thursday's close") dates that thing,
    not the clause: its direction is left to the calendar (None).
    """
    root = span.root
    head = root.head
    if root.dep_ in NOUN_MODIFIER_DEPS and head.pos_ in ("NOUN", "PROPN") and head.i >= span.end:
        return None
    verb = _governing_verb(span)
    if verb is None:
        return None
    return _verb_tense(verb, depth=0)


def _verb_tense(verb: Any, depth: int) -> str | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & FUTURE_AUX or (verb.tag_ == "MD" and verb.lower_ in FUTURE_AUX):
        return FUTURE
    head = verb.head
    above = head is not verb and depth < 3
    if above and "to" in words and head.pos_ in ("VERB", "AUX", "ADJ"):
        # an infinitive: "is going to sign", "plans to sign", "agreed to sign", "is due to
        # expire" (an adjective takes the tense of its copula: "had been due to expire")
        if head.lemma_ == "go" and head.tag_ == "VBG":
            return FUTURE
        governor = _clause_verb(head.head) if head.pos_ == "ADJ" else head
        governing = _verb_tense(governor, depth + 1) if governor is not None else PRESENT
        return FUTURE if governing in (PRESENT, FUTURE) else None
    bare_participle = not auxes and verb.tag_ in ("VBG", "VBN")
    clause = _clause_verb(head) if above and bare_participle else None
    if clause is not None and verb.tag_ == "VBG" and verb.dep_ in PARTICIPLE_DEPS:
        # a participle shares the time of the clause it hangs on: "rising ... in March"
        return _verb_tense(clause, depth + 1)
    own = _own_tense(verb, auxes)
    if verb.lemma_ in FUTURE_VERBS:
        # "is scheduled for Friday", "plans"; but a plan made in the past may have been
        # carried out already ("planned to pay on Friday"): then the calendar decides
        if clause is not None and verb.tag_ == "VBN":
            own = _verb_tense(clause, depth + 1)  # "a visit planned for Saturday was cancelled"
        return FUTURE if own != PAST else None
    return own


def _own_tense(verb: Any, auxes: list[Any]) -> str | None:
    """The tense of a verb from its own tag and auxiliaries; a perfect counts as past."""
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return PAST
    if any(a.lemma_ == "have" for a in auxes):
        return PAST  # "has signed", "have been searching since"
    if verb.tag_ == "VBN":
        return PRESENT if auxes else PAST
    if verb.tag_ in ("VBZ", "VBP", "VBG") or auxes:
        return PRESENT
    return None


def _counts_a_plural(number: Any) -> bool:
    head = number.head
    if number.dep_ != "nummod" or head.i < number.i or head.tag_ != "NNS":
        return False
    return not any(c.dep_ in ("det", "poss") and c.i < number.i for c in head.children)
