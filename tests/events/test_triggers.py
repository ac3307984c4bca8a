"""What the trigger finder reads from the parse for the lexicon lookup, on team-written
sentences: time phrases, predicative particles, coordinated verbs and compound nouns."""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from newsevents.events.arguments import is_time
from newsevents.events.lexicon import load_lexicon
from newsevents.events.ontology import load_ontology
from newsevents.events.triggers import TriggerFinder
from newsevents.nlp.model import load_model


def _on(events: list[dict[str, Any]], trigger: str) -> list[dict[str, Any]]:
    return [e for e in events if e["trigger"]["text"] == trigger]


def _countries(actors: list[dict[str, Any]]) -> set[str]:
    return {a["country"] for a in actors}


def test_triggers_time_phrase_completes_no_pattern(code: Any) -> None:
    # "call on" is an appeal; "called ... on Tuesday" is a phone call, not one
    assert not [e for e in code("Kenya called Uganda on Tuesday.") if e["type"] == "REQUEST"]
    (appeal,) = _on(code("Kenya called on Uganda to reopen the border."), "called")
    assert appeal["type"] == "REQUEST" and _countries(appeal["recipient"]) == {"UGA"}


def test_triggers_predicative_particle(code: Any) -> None:
    for text in (
        "Rebels in Mali set the French hostages free.",
        "Rebels in Mali let the French hostages free.",
    ):
        events = [e for e in code(text) if e["type"] == "RETREAT"]
        assert events, text
        assert _countries(events[0]["actor"]) == {"MLI"}
        assert _countries(events[0]["recipient"]) == {"FRA"}


def test_triggers_coordinated_verb_shares_the_later_objects(code: Any) -> None:
    (donation,) = _on(
        code("Doctors from France donated and delivered medicine to Syria."), "donated"
    )
    assert donation["type"] == "AID"
    assert _countries(donation["actor"]) == {"FRA"} and _countries(donation["recipient"]) == {"SYR"}
    # a conjunct with a subject of its own is another clause: its objects stay its own
    events = code("Iran protested and Germany expelled the diplomats from Syria.")
    assert all("SYR" not in _countries(e["recipient"]) for e in _on(events, "protested"))


def test_triggers_modifier_trigger_takes_the_head_noun_phrases(code: Any) -> None:
    events = code("Norway sent a mediation mission between Israel and Egypt.")
    (mediation,) = _on(events, "mediation")
    assert mediation["type"] == "CONSULT"
    assert _countries(mediation["recipient"]) == {"ISR", "EGY"}


@pytest.fixture(scope="module")
def finder_with_compound(tmp_path_factory: pytest.TempPathFactory) -> TriggerFinder:
    """The packaged lexicon plus one compound noun entry ("hunger strike")."""
    directory: Path = tmp_path_factory.mktemp("lexicon")
    packaged = resources.files("newsevents").joinpath("data", "lexicon")
    for name in ("verbs.json", "verbs_team.json", "modifiers.json", "nouns.json"):
        with resources.as_file(packaged.joinpath(name)) as path:
            shutil.copy(path, directory / name)
    nouns = json.loads((directory / "nouns.json").read_text("utf-8"))
    nouns["nouns"]["hunger strike"] = {"code": "142", "actor_preps": ["by"], "recipient_preps": []}
    nouns["nouns"]["hunger"] = {"code": "0233", "actor_preps": [], "recipient_preps": []}
    (directory / "nouns.json").write_text(json.dumps(nouns), "utf-8")
    lexicon = load_lexicon(directory)
    return TriggerFinder(lexicon, load_ontology(), lexicon.modifiers())


def test_triggers_compound_noun_before_its_head(finder_with_compound: TriggerFinder) -> None:
    nlp = load_model()
    doc = nlp("Prisoners in Iran began a hunger strike on Monday.")
    found = {c.token.text: c for c in finder_with_compound.candidates(doc[:]).values()}
    assert (
        found["strike"].match.code == "142" and found["strike"].match.rule == "noun:hunger strike"
    )
    assert "hunger" not in found  # the modifier is part of the compound trigger
    plain = nlp("Workers in Iran began a strike on Monday.")
    found = {c.token.text: c for c in finder_with_compound.candidates(plain[:]).values()}
    assert found["strike"].match.code == "143"


def test_triggers_time_expression_but_not_a_measure_of_something_else() -> None:
    doc = load_model()("Talks lasted for ten days in March, after ten days of fighting.")
    first, second = [t for t in doc if t.text == "days"]
    (march,) = [t for t in doc if t.text == "March"]
    assert is_time(first) and is_time(march)
    assert not is_time(second)  # "ten days of fighting" is the fighting


@pytest.mark.parametrize(
    ("text", "noun", "key"),
    [("Israel launched air-strikes on Gaza overnight.", "strikes", "air strike"),
     ("NATO enforced a no-fly zone over Libya.", "zone", "no-fly zone"),
     ("Workers in Chile called a general strike on Monday.", "strike", "general strike")],
)  # fmt: skip
def test_triggers_compound_noun_written_with_hyphens_or_adjectives(
    text: str, noun: str, key: str
) -> None:
    lexicon = load_lexicon()
    finder = TriggerFinder(lexicon, load_ontology(), lexicon.modifiers())
    found = {c.token.text: c for c in finder.candidates(load_model()(text)[:]).values()}
    assert found[noun].match.rule == f"noun:{key}"
    assert found[noun].match.code == lexicon.noun(key).code  # type: ignore[union-attr]
