"""What a trigger's lexicon lookup reads from the parse: its objects, prepositional phrases,
predicative particle and, for a noun, the compound it heads.

The lexicon's patterns name the words after a verb ("call on", "set free", "launch an
attack"); these helpers decide which words those are. A phrase that only says when
("on Tuesday", "for two days", "in March") completes no pattern. A verb coordinated with a
later one that has the objects ("donated and delivered medicine to the town") shares them.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from newsevents.events import syntax
from newsevents.events.syntax import Token
from newsevents.time.lexicon import load_lexicon as load_time_lexicon

_TIME_ENTITIES = {"DATE", "TIME"}
# a predicative word completing the verb as a particle does: "set the hostages free"
_PREDICATIVE_LINKS = {"oprd", "acomp", "advmod", "advcl"}


@lru_cache(maxsize=1)
def time_words() -> tuple[frozenset[str], frozenset[str]]:
    """Words that only say when, from the temporal tagger's word lists: common nouns (units
    such as "day" or "weeks", seasons, parts of the day, "today") and names (weekdays and
    months, which say when only as names: "in March", not "joined the march")."""
    lex = load_time_lexicon()
    nouns = set(lex.units) | set(lex.seasons) | set(lex.parts_of_day)
    nouns |= set(lex.day_words) | set(lex.clock_words)
    return frozenset(nouns), frozenset(lex.weekdays) | frozenset(lex.months)


def is_time(token: Token) -> bool:
    """Whether the phrase headed by `token` is a time expression ("Tuesday", "two days");
    not a measure of something else ("ten days of talks")."""
    if any(prep == "of" for prep, _ in syntax.prepositional_objects(token)):
        return False
    if token.ent_type_ in _TIME_ENTITIES:
        return True
    nouns, names = time_words()
    lemma = token.lemma_.lower()
    return lemma in nouns or (lemma in names and token.is_title)


def prepositional_arguments(head: Token) -> Iterator[tuple[str, Token]]:
    """(preposition, object) pairs of `head` that are arguments, not time adjuncts: "called
    on Tuesday" names no one called on."""
    for prep, obj in syntax.prepositional_objects(head):
        if not is_time(obj):
            yield prep, obj


def argument_source(verb: Token) -> Token:
    """The verb whose objects and prepositional phrases `verb` takes: itself, unless it has
    none and a later verb coordinated with it and sharing its subject has them ("donated and
    delivered medicine to the town", "condemned and sanctioned Iran")."""
    if objects(verb) or any(True for _ in prepositional_arguments(verb)):
        return verb
    for conj in verb.children:
        if conj.dep_ != "conj" or conj.pos_ != "VERB" or conj.i < verb.i:
            continue
        if syntax.direct_subject(conj) is not None or syntax.passive_subject(conj) is not None:
            return verb  # "Iran protested and the US sanctioned Iraq": two clauses
        if objects(conj) or any(True for _ in prepositional_arguments(conj)):
            return conj
        return verb
    return verb


def predicative(verb: Token) -> Token | None:
    """The bare adjective or adverb after a verb that completes it as a particle does:
    "set the hostages free", "let them loose" (the parser links it as oprd, acomp, advmod or
    even advcl; a word with its own dependents is a clause or phrase, not a particle), or
    the adjective of a small clause: "let [the hostages free]"."""
    for child in verb.rights:
        if child.pos_ not in {"ADJ", "ADV"}:
            continue
        if child.dep_ in _PREDICATIVE_LINKS and not any(True for _ in child.children):
            return child
        if _small_clause_subject(child) is not None:
            return child
    return None


def objects(verb: Token) -> list[Token]:
    """The verb's objects, with the subject of an adjective small clause ("let [the
    hostages] free" is parsed as a clause "the hostages free"), without a time the parser
    took for an object."""
    found = [o for o in syntax.objects(verb) if not is_time(o)]  # "called Thursday on ..."
    for child in verb.rights:
        subject = _small_clause_subject(child) if child.pos_ == "ADJ" else None
        subject = subject or _infinitive_subject(child)
        if subject is not None:
            found.append(subject)
    return found


def _infinitive_subject(clause: Token) -> Token | None:
    """ "allowed [Ouattara to participate]": the parser makes the object of the verb the
    subject of its infinitive clause."""
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
    return syntax.direct_subject(clause) if clause.dep_ == "ccomp" and infinitive else None


def _small_clause_subject(word: Token) -> Token | None:
    """The subject of a verbless complement clause that is only a subject and an adjective."""
    children = list(word.children)
    if word.dep_ not in {"ccomp", "xcomp"} or len(children) != 1:
        return None
    return children[0] if children[0].dep_ == "nsubj" else None


def compound_keys(noun: Token) -> list[str]:
    """Lexicon keys a noun may be known by, longest first: the compound its modifiers form
    with it ("hunger strike", "war game", "peace talk"), then its own lemma."""
    modifiers: list[str] = []
    for child in reversed(list(noun.lefts)):
        if child.i != noun.i - len(modifiers) - 1 or child.dep_ not in {"compound", "amod"}:
            break
        modifiers.insert(0, child.lemma_.lower())
    lemma = noun.lemma_.lower()
    keys = [" ".join([*modifiers[i:], lemma]) for i in range(len(modifiers))]
    return [*keys, lemma]
