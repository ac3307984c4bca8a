"""Tests for newsevents.events.lexicon: verb patterns, noun triggers, cue words, the checks."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsevents.events.lexicon import load_lexicon
from newsevents.events.ontology import load_ontology


def test_lexicon_verb_prep_object_pattern_wins() -> None:
    match = load_lexicon().verb("ask", None, [], {"for": ["financial aid"]})
    assert match is not None
    assert match.code == "0231"
    assert match.rule == "verb:ask+for:financial aid"


def test_lexicon_verb_object_phrase_matches_by_its_head_words() -> None:
    match = load_lexicon().verb("ask", None, [], {"for": ["urgent financial aid"]})
    assert match is not None and match.code == "0231"


def test_lexicon_verb_object_pattern_beats_default() -> None:
    lex = load_lexicon()
    assert lex.verb("request", None, [], {}) is not None
    assert lex.verb("request", None, [], {}).code == "020"  # type: ignore[union-attr]
    assert lex.verb("request", None, ["support"], {}).code == "022"  # type: ignore[union-attr]


def test_lexicon_verb_attack_is_military_force() -> None:
    match = load_lexicon().verb("attack", None, ["base"], {})
    assert match is not None and match.code.startswith("19")


def test_lexicon_verb_meet_with_is_consult() -> None:
    lex = load_lexicon()
    for match in (
        lex.verb("meet", "with", ["minister"], {}),
        lex.verb("meet", None, [], {"with": ["minister"]}),
    ):
        assert match is not None and match.code.startswith("04")
        assert match.rule.startswith("verb:meet with")


def test_lexicon_verb_particle_selects_the_phrasal_verb() -> None:
    match = load_lexicon().verb("put", "down", ["riot"], {})
    assert match is not None and match.rule == "verb:put down:riot"


def test_lexicon_verb_unknown_particle_falls_back_to_the_verb() -> None:
    match = load_lexicon().verb("attack", "back", [], {})
    assert match is not None and match.rule == "verb:attack"


def test_lexicon_verb_no_event_pattern_blocks_the_default() -> None:
    assert load_lexicon().verb("avoid", None, ["attack"], {}) is None


def test_lexicon_verb_unknown_is_none() -> None:
    assert load_lexicon().verb("frobnicate", None, ["aid"], {}) is None


def test_lexicon_noun_triggers_have_slots() -> None:
    lex = load_lexicon()
    visit = lex.noun("visit")
    assert visit is not None and visit.code == "042" and "to" in visit.recipient_preps
    strike = lex.noun("strike")
    assert strike is not None and strike.ambiguous
    assert lex.noun("Attack") == lex.noun("attack")
    assert lex.noun("war") is None  # a state of affairs, not an event


def test_lexicon_noun_list_is_broad() -> None:
    lex = load_lexicon()
    words = "talk summit ceasefire sanction protest airstrike arrest threat veto deployment"
    assert all(lex.noun(w) is not None for w in words.split())


def test_lexicon_modifiers_are_cue_sets() -> None:
    cues = load_lexicon().modifiers()
    assert "will" in cues.future and "if" in cues.conditional and "not" in cues.negation
    assert "indicate" in cues.reported and "say" in cues.speech and "say" not in cues.reported
    assert "want" in cues.control and "ago" in cues.historical
    assert isinstance(cues.future, frozenset)


def test_lexicon_every_plover_type_is_reachable() -> None:
    onto = load_ontology()
    types = {c.type for c in map(onto.to_plover, load_lexicon().codes()) if c is not None}
    assert types == set(onto.types)


def test_lexicon_verbs_cover_every_cameo_root() -> None:
    roots = {code[:2] for code in load_lexicon().codes(nouns=False)}
    assert roots == {f"{r:02d}" for r in range(1, 21)}


def test_lexicon_version_names_each_table() -> None:
    version = load_lexicon().version
    assert version.startswith("verbs=") and "nouns=" in version and "modifiers=" in version


# ---- the loader's checks, on small team-written tables ---------------------------------

CUES = ("future", "hypothetical", "conditional", "negation", "reported", "speech")


def _tables() -> dict[str, dict[str, Any]]:
    meta = {"source": "test", "version": "t1", "licence": "MIT"}
    pattern = {"object": [], "prep": "for", "prep_object": ["financial aid"], "code": "0231"}
    return {
        "verbs.json": {
            **meta,
            "verbs": {"ask": {"code": "020", "particle": None, "patterns": [pattern]}},
        },
        "nouns.json": {
            **meta,
            "nouns": {"visit": {"code": "042", "actor_preps": ["by"], "recipient_preps": ["to"]}},
        },
        "modifiers.json": {
            **meta,
            **{k: ["x"] for k in (*CUES, "historical", "control", "obligation")},
            **{k: ["x"] for k in ("reciprocal", "halt", "background", "stative", "support")},
            "preparation": ["x"],
            "peacekeeping": ["x"],
            "undergo": ["x"],
            "affected": ["x"],
            "creation": ["x"],
        },
        "verbs_team.json": {
            **meta,
            "verbs": {"agree": {"code": "030", "why": "test"}},
        },
    }


def _write(directory: Path, tables: dict[str, dict[str, Any]]) -> Path:
    for name, data in tables.items():
        (directory / name).write_text(json.dumps(data), encoding="utf-8")
    return directory


def test_lexicon_loads_tables_from_a_directory(tmp_path: Path) -> None:
    lex = load_lexicon(_write(tmp_path, _tables()))
    assert lex.verb("ask", None, [], {"for": ["financial aid"]}).code == "0231"  # type: ignore[union-attr]
    assert lex.verb("agree", None, [], {}).code == "030"  # type: ignore[union-attr]
    assert lex.version == "verbs=t1;verbs_team=t1;nouns=t1;modifiers=t1"


def _set(name: str, *path: str, value: Any) -> Callable[[dict[str, dict[str, Any]]], None]:
    def change(tables: dict[str, dict[str, Any]]) -> None:
        data = tables[name]
        for key in path[:-1]:
            data = data[key]
        data[path[-1]] = value

    return change


ASK = ("verbs.json", "verbs", "ask")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_set("verbs.json", "verbs", value={}), "non-empty"),
        (_set("nouns.json", "nouns", value={}), "non-empty"),
        (_set("verbs.json", "version", value=""), "version"),
        (_set(*ASK, "code", value="999"), "not a CAMEO code"),
        (_set(*ASK, "code", value=20), "string CAMEO code"),
        (_set(*ASK, "patterns", value=[{"object": [], "prep": None, "code": "020"}]), "needs"),
        (_set(*ASK, "patterns", value=[{"object": [1], "prep": None, "code": "020"}]), "object"),
        (_set("verbs.json", "verbs", "Ask", value={"code": None, "patterns": []}), "lowercase"),
        (_set("nouns.json", "nouns", "visit", "code", value="0420"), "not a CAMEO code"),
        (_set("nouns.json", "nouns", "visit", "ambiguous", value="yes"), "ambiguous"),
        (_set("nouns.json", "nouns", "visit", "mode", value="cyber"), "no mode"),
        (_set("modifiers.json", "future", value=[]), "future"),
    ],
)
def test_lexicon_loader_errors_on_malformed_tables(
    tmp_path: Path, change: Callable[[dict[str, dict[str, Any]]], None], message: str
) -> None:
    tables = _tables()
    change(tables)
    with pytest.raises(ValueError, match=message):
        load_lexicon(_write(tmp_path, tables))


def test_lexicon_loader_errors_on_missing_table(tmp_path: Path) -> None:
    _write(tmp_path, _tables())
    (tmp_path / "nouns.json").unlink()
    with pytest.raises(ValueError, match=r"nouns\.json"):
        load_lexicon(tmp_path)


def test_lexicon_team_defaults_override_petrarch() -> None:
    lex = load_lexicon()
    assert lex.verb("agree", None, [], {}).code == "030"  # type: ignore[union-attr]
    assert lex.verb("control", None, [], {}) is None, "a null team code removes the default"
    returned = lex.verb("return", None, ["artifact"], {})
    assert returned is not None and returned.code == "084", "object_code needs an object"
    assert lex.verb("return", None, [], {}) is None


def test_lexicon_verbs_may_share_a_pattern_set(tmp_path: Path) -> None:
    tables = _tables()
    pattern = tables["verbs.json"]["verbs"]["ask"]["patterns"][0]
    tables["verbs.json"]["pattern_sets"] = {"p1": [pattern]}
    tables["verbs.json"]["verbs"]["ask"]["patterns"] = "p1"
    tables["verbs.json"]["verbs"]["request"] = {"code": "020", "particle": None, "patterns": "p1"}
    lex = load_lexicon(_write(tmp_path, tables))
    for verb in ("ask", "request"):
        assert lex.verb(verb, None, [], {"for": ["financial aid"]}).code == "0231"  # type: ignore[union-attr]
    tables["verbs.json"]["verbs"]["ask"]["patterns"] = "p9"
    other = tmp_path / "bad"
    other.mkdir()
    with pytest.raises(ValueError, match="unknown pattern set 'p9'"):
        load_lexicon(_write(other, tables))


def _plover(lemma: str, objects: list[str], preps: dict[str, list[str]]) -> str | None:
    """The PLOVER type the packaged lexicon gives a verb ("hand over": verb and particle)."""
    verb, _, particle = lemma.partition(" ")
    match = load_lexicon().verb(verb, particle or None, objects, preps)
    coding = load_ontology().to_plover(match.code) if match else None
    return coding.type if coding else None


@pytest.mark.parametrize(
    ("lemma", "objects", "preps", "expected"),
    [
        # bare-preposition idioms stay with their own verb: a date is no "press on" advance
        # ("The ministry demanded on Friday that ..."), no "call on" appeal
        ("demand", [], {"on": ["friday"]}, "REQUEST"),
        ("retake", ["town"], {}, "COERCE"),  # as "recapture": occupying territory
        ("telephone", ["counterpart"], {"on": ["monday"]}, "CONSULT"),
        ("press", [], {"on": ["wednesday"]}, "REQUEST"),
        ("meet", [], {"at": ["foreign ministry"]}, "CONSULT"),
        ("meet", [], {"for": ["talk"]}, "CONSULT"),  # PETRARCH: 036, intent to meet
        ("meet", [], {"with": ["leader"]}, "CONSULT"),
        # "Volunteers handed over two tons of medicine to the clinic."
        ("hand over", ["ton"], {"of": ["medicine"]}, "AID"),
        ("hand over", ["food aid"], {}, "AID"),
        # "The militia handed over its weapons." (CAMEO 0873, demobilise)
        ("hand over", ["weapon"], {}, "RETREAT"),
        ("lay down", ["arm"], {}, "RETREAT"),  # "laid down their arms" (CAMEO 0873)
        ("send", ["platoon"], {"to": ["kuwait"]}, "MOBILIZE"),
        ("hand over", ["power"], {}, "RETREAT"),  # stepping down (CAMEO 0831): resign
        ("let", ["free"], {}, "RETREAT"),
        ("set", ["free"], {}, "RETREAT"),
        ("donate", ["blanket"], {}, "AID"),
        ("declare", ["ceasefire"], {}, "RETREAT"),
        ("hold", ["joint war game"], {}, "COOPERATE"),
        ("conduct", ["naval exercise"], {}, "COOPERATE"),
        ("launch", ["mediation effort"], {}, "CONSULT"),
        ("mediate", [], {"between": ["party"]}, "CONSULT"),
        ("block", ["main street"], {}, "PROTEST"),
        ("organize", ["general strike"], {}, "PROTEST"),
        ("accept", ["demand"], {}, "CONCEDE"),
        ("meet", ["demand"], {}, "CONCEDE"),
        ("accept", ["peace plan"], {}, "AGREE"),
        ("expel", ["observer"], {}, "SANCTION"),
        ("expel", ["ambassador"], {}, "SANCTION"),
        ("withdraw", ["weapons inspector"], {}, "SANCTION"),
        ("receive", ["inspector"], {}, "RETREAT"),
        ("send", ["arm"], {"to": ["ally"]}, "AID"),
        ("contribute", ["troop"], {"to": ["peacekeeping force"]}, "AID"),
        ("strengthen", ["force"], {}, "MOBILIZE"),
        ("reduce", ["food aid"], {}, "SANCTION"),
        ("upgrade", ["diplomatic tie"], {}, "SUPPORT"),
        ("downgrade", ["relation"], {}, "SANCTION"),
        ("break", ["truce"], {}, "ASSAULT"),
        ("violate", ["arms embargo"], {}, "REJECT"),
        ("sue", ["government"], {"for": ["damage"]}, "ACCUSE"),
        ("veto", ["bill"], {}, "REJECT"),
        ("pressure", ["union"], {}, "REQUEST"),
        ("hack", [], {"into": ["email account"]}, "COERCE"),
        ("deface", ["government website"], {}, "COERCE"),
        ("hijack", ["airliner"], {}, "ASSAULT"),
        ("lend", ["money"], {}, "AID"),
        ("ease", ["emergency measure"], {}, "CONCEDE"),
        ("remove", ["sanction"], {}, "RETREAT"),
        ("capture", ["part"], {"of": ["city"]}, "COERCE"),
        # "The president gave a warm welcome to the visiting prime minister." (043 hosting)
        ("give", ["warm welcome"], {"to": ["prime minister"]}, "CONSULT"),
        ("welcome", ["delegation"], {}, "CONSULT"),
        ("welcome", ["decision"], {}, "SUPPORT"),  # welcoming a decision is praise
        ("receive", ["prime minister"], {}, "CONSULT"),
        ("call", ["counterpart"], {}, "CONSULT"),
        ("commit", [], {"to": ["reform"]}, "AGREE"),
        ("remain", [], {"on": ["high alert"]}, "MOBILIZE"),
        ("go", [], {"on": ["strike"]}, "PROTEST"),
        ("mass", ["troop"], {"on": ["border"]}, "MOBILIZE"),
        ("collect", ["signature"], {}, "PROTEST"),
        ("open", ["hearing"], {"into": ["abuse"]}, "ACCUSE"),
        ("indict", ["businessman"], {}, "ACCUSE"),
        ("summon", ["ambassador"], {}, "ACCUSE"),
        ("defend", ["decision"], {"against": ["criticism"]}, "SUPPORT"),
        ("share", ["intelligence"], {}, "COOPERATE"),
        ("deliver", ["tank"], {"to": ["army"]}, "AID"),
        ("deploy", ["peacekeeper"], {}, "AID"),
        ("allow", ["humanitarian aid"], {}, "RETREAT"),
        ("call off", ["strike"], {}, "CONCEDE"),
        ("call off", ["air strike"], {}, "RETREAT"),
        ("shorten", ["curfew"], {}, "CONCEDE"),  # the manual: removing curfews
        ("disarm", [], {}, "RETREAT"),
        ("oppose", ["mediation"], {}, "REJECT"),
        ("rule out", ["compromise"], {}, "REJECT"),
        ("renege", [], {"on": ["promise"]}, "REJECT"),
        ("rally", [], {"in": ["square"]}, "PROTEST"),
        ("throw", ["stone"], {}, "PROTEST"),
        ("disperse", ["demonstrator"], {}, "ASSAULT"),  # CAMEO 175 violent repression
        ("prevent", ["demonstration"], {}, "COERCE"),
        ("impose", ["arms embargo"], {}, "SANCTION"),
        ("sever", ["diplomatic tie"], {}, "SANCTION"),
        ("slam", ["decision"], {}, "ACCUSE"),
    ],
)
def test_lexicon_common_news_verbs_have_their_codebook_type(
    lemma: str, objects: list[str], preps: dict[str, list[str]], expected: str
) -> None:
    assert _plover(lemma, objects, preps) == expected


@pytest.mark.parametrize(
    ("lemma", "objects"),
    [
        ("issue", []),  # what is issued decides
        ("issue", ["declaration"]),  # a statement: its content is the event
        ("claim", []),  # "the group claims that ...": an attribution
        ("fail", []),  # "failed to agree": a negation cue
        ("break", ["record"]),
        ("break", ["silence"]),
        ("organize", ["concert"]),
        ("plan", []),  # "plans to impose": the planned act is the event
        ("prepare", []),
        ("decide", []),
        ("ease", []),  # "tensions eased"
        ("converge", []),
        ("uphold", ["right"]),
        ("express", ["hope"]),  # what is expressed decides; no default disapproval
        ("admit", ["mistake"]),  # CAMEO 015 acknowledgement: no PLOVER event
        ("link", []),  # "hackers linked to Iran": an association
    ],
)
def test_lexicon_light_verbs_are_no_event_by_themselves(lemma: str, objects: list[str]) -> None:
    assert _plover(lemma, objects, {}) is None


@pytest.mark.parametrize(
    ("noun", "expected"),
    [("skirmish", "ASSAULT"), ("firefight", "ASSAULT"), ("reprimand", "ACCUSE"),
     ("counteroffensive", "ASSAULT"), ("mediation", "CONSULT"), ("welcome", "CONSULT"),
     ("murder", "ASSAULT"), ("inquest", "ACCUSE")],
)  # fmt: skip
def test_lexicon_event_nouns_have_their_codebook_type(noun: str, expected: str) -> None:
    entry = load_lexicon().noun(noun)
    assert entry is not None
    coding = load_ontology().to_plover(entry.code)
    assert coding is not None and coding.type == expected
    if noun == "mediation":  # "mediation between X and Y": both are recipients
        assert "between" in entry.recipient_preps


@pytest.mark.parametrize(
    ("compound", "code", "expected"),
    [("hunger strike", "142", "PROTEST"), ("general strike", "143", "PROTEST"),
     ("air strike", "195", "ASSAULT"), ("suicide bombing", "1831", "ASSAULT"),
     ("humanitarian aid", "073", "AID"), ("peace talk", "046", "CONSULT"),
     ("arms embargo", "163", None), ("joint exercise", "062", "COOPERATE"),
     ("military exercise", "150", "MOBILIZE"), ("prisoner swap", "0841", "RETREAT")],
)  # fmt: skip
def test_lexicon_compound_nouns_have_their_codebook_code(
    compound: str, code: str, expected: str | None
) -> None:
    entry = load_lexicon().noun(compound)
    assert entry is not None and entry.code == code
    assert not entry.ambiguous  # the compound settles what its head alone leaves open
    coding = load_ontology().to_plover(entry.code)
    assert coding is not None
    if expected is not None:
        assert coding.type == expected
