"""Trigger lexicons: verb patterns, noun triggers and the cue words of the auxiliary modes.

The tables live in `data/lexicon/`: `verbs.json` is built from the PETRARCH 2 CAMEO verb
dictionary by `scripts/build_verb_lexicon.py` (MIT); `nouns.json` and `modifiers.json` are
written by the team. Every CAMEO code in them is checked against the ontology at load time,
so a typo in a table is a `ValueError` at start-up, not a wrong event later.

Words are lowercase spaCy lemmas; a multi-word object is the lemmas of its words joined by
single spaces ("financial aid"). A pattern's object matches an object phrase that ends with
it, so "aid" matches "financial aid" and "financial aid" matches "more financial aid"; of all
matching patterns the most specific wins (preposition with its object > object > default).

>>> lex = load_lexicon()
>>> lex.verb("ask", None, [], {"for": ["financial aid"]})
Match(code='0231', rule='verb:ask+for:financial aid')
>>> lex.noun("visit").code
'042'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsevents.datafiles import non_empty_object, read_table
from newsevents.events.ontology import load_ontology

_FILES = ("verbs.json", "verbs_team.json", "nouns.json", "modifiers.json")
_MODIFIERS = (
    "future", "hypothetical", "conditional", "negation",
    "reported", "speech", "historical", "control", "obligation", "reciprocal",
    "halt", "background", "stative", "support", "preparation", "peacekeeping", "undergo",
    "affected", "creation",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Match:
    code: str
    rule: str  # human-readable provenance, e.g. "verb:ask+for:financial aid"
    # the object phrases the pattern named ("financial aid"): they belong to the predicate
    terms: tuple[str, ...] = field(default=(), repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class NounEntry:
    code: str
    actor_preps: tuple[str, ...]
    recipient_preps: tuple[str, ...]
    ambiguous: bool = False  # code only when both slots are filled
    joint_code: str | None = None  # the code when actors of two or more countries do it
    mode: str | None = None  # a PLOVER mode the code's crosswalk cannot give ("cyber")


@dataclass(frozen=True, slots=True)
class Modifiers:
    """Cue lemmas (and lemma phrases) of the auxiliary modes; see modifiers.json for each."""

    future: frozenset[str]
    hypothetical: frozenset[str]
    conditional: frozenset[str]
    negation: frozenset[str]
    reported: frozenset[str]
    speech: frozenset[str]
    historical: frozenset[str]
    control: frozenset[str]
    obligation: frozenset[str]
    reciprocal: frozenset[str]  # CAMEO codes, not lemmas
    halt: frozenset[str]
    background: frozenset[str]
    stative: frozenset[str]  # "is opposed to": the passive subject acts
    support: frozenset[str]  # light verbs: "carried out an attack" codes the attack
    preparation: frozenset[str]  # "prepared to attack": a show of readiness (MOBILIZE)
    peacekeeping: frozenset[str]  # "peacekeeping troops arrived": peacekeeping, not a move
    undergo: frozenset[str]  # "three soldiers died": the subject undergoes the event
    affected: frozenset[str]  # "survivors of the massacre": people an event defines
    creation: frozenset[str]  # "set up a hospital": what the actor makes is no party


@dataclass(frozen=True, slots=True)
class _Pattern:
    objects: frozenset[str]  # alternatives; empty: any or no object
    prep: str | None
    prep_objects: frozenset[str] | None  # None: the preposition with any object
    code: str | None  # None: this use of the verb is explicitly no event


@dataclass(frozen=True, slots=True)
class _Verb:
    code: str | None
    patterns: tuple[_Pattern, ...]
    object_code: str | None = None  # with any direct object, when no pattern matches


@lru_cache(maxsize=65536)  # the same lemmas come back sentence after sentence
def norm(phrase: str) -> str:
    """The form patterns are stored in: lowercase, single spaces, no spaces around hyphens."""
    return re.sub(r"\s*-\s*", "-", " ".join(phrase.lower().split()))


def _bases(form: str) -> list[str]:
    """Candidate base forms of an inflected verb form, most likely first."""
    for suffix in ("ied", "ies"):
        if form.endswith(suffix):
            return [form[: -len(suffix)] + "y"]
    for suffix in ("ed", "ing", "es", "s"):
        if form.endswith(suffix) and len(form) > len(suffix) + 2:
            stem = form[: -len(suffix)]
            bases = [stem + "e", stem]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                bases.append(stem[:-1])  # "shelled" -> "shell" stays; "planned" -> "plan"
            return bases
    return []


def _suffixes(phrases: Iterable[str]) -> dict[str, int]:
    """Every word-final part of the phrases, with its length in words."""
    out: dict[str, int] = {}
    for phrase in phrases:
        words = norm(phrase).split()
        for i in range(len(words)):
            out[" ".join(words[i:])] = len(words) - i
    return out


def _best(found: dict[str, int], wanted: frozenset[str]) -> str | None:
    # a sentence offers a few phrases, a pattern may list hundreds: walk the smaller side
    if len(found) <= len(wanted):
        hits = [w for w in found if w in wanted]
    else:
        hits = [w for w in wanted if w in found]
    return max(hits, key=lambda w: (found[w], w)) if hits else None


class Lexicon:
    """Read-only lookups over the validated lexicons (build it with `load_lexicon`)."""

    __slots__ = ("_modifiers", "_nouns", "_verbs", "version")

    def __init__(
        self,
        verbs: dict[str, _Verb],
        nouns: dict[str, NounEntry],
        modifiers: Modifiers,
        version: str,
    ) -> None:
        self._verbs = verbs
        self._nouns = nouns
        self._modifiers = modifiers
        self.version = version

    def verb(
        self,
        lemma: str,
        particle: str | None,
        objects: Iterable[str],
        preps: Mapping[str, Iterable[str]],
    ) -> Match | None:
        """CAMEO code of a verb from its most specific matching pattern, or its default.

        `objects` are the lemmas and lemma phrases of the direct objects, `preps` maps each
        preposition to those of its objects. A phrasal entry is tried first: "lemma particle",
        then "lemma prep" with that preposition's objects as objects ("meet with"). None when
        the verb is unknown, has no default and no pattern matches, or the best match is an
        explicit no-event pattern ("avoid attack")."""
        lemma = norm(lemma)
        obj_list = [norm(o) for o in objects]
        prep_map = {norm(p): [norm(o) for o in objs] for p, objs in preps.items()}
        # (entry key, its objects, its prepositions, 1 for a phrasal entry: wins ties)
        candidates: list[tuple[str, list[str], dict[str, list[str]], int]] = []
        if particle and f"{lemma} {norm(particle)}" in self._verbs:
            candidates.append((f"{lemma} {norm(particle)}", obj_list, prep_map, 1))
        else:
            for prep, prep_objects in prep_map.items():
                rest = {p: o for p, o in prep_map.items() if p != prep}
                candidates.append((f"{lemma} {prep}", obj_list + prep_objects, rest, 1))
            candidates.append((lemma, obj_list, prep_map, 0))
        best: tuple[tuple[int, int, int], str | None, str, tuple[str, ...]] | None = None
        for key, objs, prepd, phrasal in candidates:
            entry = self._verbs.get(key)
            if entry is None:
                continue
            for score, code, rule, terms in self._matches(key, entry, objs, prepd, phrasal):
                if best is None or score > best[0]:
                    best = (score, code, rule, terms)
        if best is None or best[1] is None:
            return None
        return Match(best[1], best[2], best[3])

    @staticmethod
    def _matches(
        key: str, entry: _Verb, objects: list[str], preps: dict[str, list[str]], phrasal: int
    ) -> Iterable[tuple[tuple[int, int, int], str | None, str, tuple[str, ...]]]:
        """(specificity, words matched, phrasal) -> code, rule and the object phrases named,
        of each matching pattern."""
        if entry.code is not None:
            yield (0, 0, phrasal), entry.code, f"verb:{key}", ()
        if entry.object_code is not None and objects:
            yield (0, 1, phrasal), entry.object_code, f"verb:{key}+object", ()
        found = _suffixes(objects)
        prep_found = {p: _suffixes(o) for p, o in preps.items()}
        for pat in entry.patterns:
            rule, spec, words = f"verb:{key}", 0, 0
            terms: tuple[str, ...] = ()
            if pat.objects:
                hit = _best(found, pat.objects)
                if hit is None:
                    continue
                rule, spec, words, terms = f"{rule}:{hit}", 1, found[hit], (hit,)
            if pat.prep is not None:
                if pat.prep not in prep_found:
                    continue
                rule, spec = f"{rule}+{pat.prep}", spec + 1
                if pat.prep_objects is not None:
                    hit = _best(prep_found[pat.prep], pat.prep_objects)
                    if hit is None:
                        continue
                    rule, spec = f"{rule}:{hit}", spec + 1
                    words += prep_found[pat.prep][hit]
                    terms = (*terms, hit)
            yield (spec, words, phrasal), pat.code, rule, terms

    def verb_lemma(self, lemma: str, form: str) -> str:
        """`lemma`, or when the lexicon does not know it, the base of the inflected `form`
        that it knows: the rule lemmatizer makes "wag" of "waged" and "fre" of "freed"."""
        lemma = norm(lemma)
        if lemma in self._verbs:
            return lemma
        return next((b for b in _bases(norm(form)) if b in self._verbs), lemma)

    def noun(self, lemma: str) -> NounEntry | None:
        return self._nouns.get(norm(lemma))

    def modifiers(self) -> Modifiers:
        return self._modifiers

    def codes(self, verbs: bool = True, nouns: bool = True) -> set[str]:
        """Every CAMEO code that some verb and/or noun entry can produce (coverage checks)."""
        out = {n.code for n in self._nouns.values()} if nouns else set()
        for verb in self._verbs.values() if verbs else ():
            out.update(p.code for p in verb.patterns if p.code is not None)
            if verb.code is not None:
                out.add(verb.code)
        return out


def _read(directory: Path | None, name: str) -> dict[str, Any]:
    return read_table("lexicon", name, directory)


def _table(data: dict[str, Any], key: str, name: str) -> dict[str, Any]:
    return non_empty_object(data, key, name)


def _words(value: Any, where: str, empty: bool = True) -> frozenset[str]:
    ok = isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
    if not ok or (not empty and not value):
        raise ValueError(f"{where} must be a {'' if empty else 'non-empty '}list of strings")
    return frozenset(norm(v) for v in value)


class _Checker:
    """Checks codes against the ontology and shares identical patterns between verbs (the
    builder copies a synonym block's patterns to each of its verbs)."""

    def __init__(self) -> None:
        self.ontology = load_ontology()
        self.patterns: dict[_Pattern, _Pattern] = {}

    def code(self, value: Any, where: str, null: bool = False) -> str | None:
        if value is None and null:
            return None
        if not isinstance(value, str):
            raise ValueError(f"{where}: code must be a string CAMEO code")
        try:
            self.ontology.cameo(value)
        except KeyError:
            raise ValueError(f"{where}: {value!r} is not a CAMEO code") from None
        return value

    def mode(self, value: Any, code: str, where: str) -> str | None:
        """A mode that the PLOVER type of `code` has, or None."""
        if value is None:
            return None
        coding = self.ontology.to_plover(code)
        if coding is None or value not in self.ontology.modes(coding.type):
            raise ValueError(f"{where}: {value!r} is no mode of the PLOVER type of {code}")
        return str(value)

    def pattern(self, spec: Any, where: str) -> _Pattern:
        if not isinstance(spec, dict):
            raise ValueError(f"{where} must be an object")
        prep = spec.get("prep")
        if prep is not None and (not isinstance(prep, str) or not prep.strip()):
            raise ValueError(f"{where}: prep must be null or a word")
        pobj = spec.get("prep_object")
        pat = _Pattern(
            _words(spec.get("object", []), f"{where}.object"),
            norm(prep) if prep else None,
            None if pobj is None else _words(pobj, f"{where}.prep_object", empty=False),
            self.code(spec.get("code"), where, null=True),
        )
        if not pat.objects and pat.prep is None:
            raise ValueError(f"{where}: a pattern needs an object or a preposition")
        return self.patterns.setdefault(pat, pat)


def _verbs(data: dict[str, Any], check: _Checker) -> dict[str, _Verb]:
    """Verb entries; `patterns` is a list, or the id of a list in `pattern_sets` that
    several verbs share (PETRARCH gives every verb of a block the block's patterns)."""
    sets = data.get("pattern_sets", {})
    if not isinstance(sets, dict):
        raise ValueError("verbs.json: 'pattern_sets' must be an object")
    parsed: dict[str, tuple[_Pattern, ...]] = {}
    verbs = {}
    for key, spec in _table(data, "verbs", "verbs.json").items():
        where = f"verbs.json: {key!r}"
        ref = spec.get("patterns") if isinstance(spec, dict) else None
        if isinstance(ref, str) and ref not in sets:
            raise ValueError(f"{where}: unknown pattern set {ref!r}")
        listed = sets[ref] if isinstance(ref, str) else ref
        if not isinstance(listed, list):
            raise ValueError(f"{where} must be an object with a list of patterns")
        particle = spec.get("particle")
        if norm(key) != key or (particle is not None and not key.endswith(f" {particle}")):
            raise ValueError(f"{where}: key must be the lowercase lemma [and particle]")
        if isinstance(ref, str) and ref in parsed:
            patterns = parsed[ref]  # a shared set is checked once
        else:
            patterns = tuple(check.pattern(p, f"{where} pattern {i}") for i, p in enumerate(listed))
            if isinstance(ref, str):
                parsed[ref] = patterns
        verbs[key] = _Verb(check.code(spec.get("code"), where, null=True), patterns)
    return verbs


def _team_verbs(data: dict[str, Any], verbs: dict[str, _Verb], check: _Checker) -> None:
    """Apply the team's default codes: they replace PETRARCH's default, patterns stay."""
    for key, spec in _table(data, "verbs", "verbs_team.json").items():
        where = f"verbs_team.json: {key!r}"
        if not isinstance(spec, dict) or norm(key) != key:
            raise ValueError(f"{where} must be a lowercase lemma with an object")
        # null: the verb is no event by itself; only its patterns (if any) code it
        code = check.code(spec.get("code"), where, null=True)
        object_code = check.code(spec.get("object_code"), where, null=True)
        patterns = verbs[key].patterns if key in verbs else ()
        verbs[key] = _Verb(code, patterns, object_code)


def _nouns(data: dict[str, Any], check: _Checker) -> dict[str, NounEntry]:
    nouns = {}
    for key, spec in _table(data, "nouns", "nouns.json").items():
        where = f"nouns.json: {key!r}"
        if not isinstance(spec, dict) or norm(key) != key:
            raise ValueError(f"{where} must be a lowercase lemma with an object")
        if not isinstance(spec.get("ambiguous", False), bool):
            raise ValueError(f"{where}: ambiguous must be true or false")
        nouns[key] = NounEntry(
            str(check.code(spec.get("code"), where)),
            tuple(sorted(_words(spec.get("actor_preps"), f"{where}.actor_preps"))),
            tuple(sorted(_words(spec.get("recipient_preps"), f"{where}.recipient_preps"))),
            spec.get("ambiguous", False),
            check.code(spec.get("joint_code"), f"{where}.joint_code", null=True),
            check.mode(spec.get("mode"), str(spec.get("code")), where),
        )
    return nouns


def _modifiers(data: dict[str, Any]) -> Modifiers:
    cues = {k: _words(data.get(k), f"modifiers.json: {k}", empty=False) for k in _MODIFIERS}
    return Modifiers(**cues)


@lru_cache(maxsize=4)
def load_lexicon(directory: Path | None = None) -> Lexicon:
    """The packaged lexicons (or the three files in `directory`), validated, once per process."""
    raw = {name: _read(directory, name) for name in _FILES}
    check = _Checker()
    verbs = _verbs(raw["verbs.json"], check)
    _team_verbs(raw["verbs_team.json"], verbs, check)
    nouns = _nouns(raw["nouns.json"], check)
    modifiers = _modifiers(raw["modifiers.json"])
    version = ";".join(f"{name.split('.')[0]}={raw[name]['version']}" for name in _FILES)
    return Lexicon(verbs, nouns, modifiers, version)
