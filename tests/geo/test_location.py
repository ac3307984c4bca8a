"""Event locations: the place where the trigger's event happened, else none (sentences by the
team)."""

from __future__ import annotations

from typing import Any

import pytest

from newsevents.geo.location import event_location
from newsevents.geo.step import tag_places
from newsevents.nlp.model import load_model
from newsevents.nlp.parse import make_doc


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_model()


def _location(nlp: Any, text: str, trigger: str) -> str | None:
    doc = nlp(make_doc(nlp, text))
    index = next(t.i for t in doc if t.text == trigger)
    place = event_location(doc, index, tag_places(doc))
    return None if place is None else place["text"]


def test_location_prepositional_phrase_on_the_trigger(nlp: Any) -> None:
    assert _location(nlp, "Rebels attacked an army post in northern Syria.", "attacked") == "Syria"
    assert _location(nlp, "The two leaders met in Qatar on Sunday.", "met") == "Qatar"


def test_location_destination_of_a_visit(nlp: Any) -> None:
    assert _location(nlp, "Putin will travel to Iran next week.", "travel") == "Iran"
    # a transfer's destination is not where the transfer happened
    assert _location(nlp, "Police handed the suspect over to Germany.", "handed") is None


def test_location_most_specific_place_of_the_phrase(nlp: Any) -> None:
    text = "A bomb exploded in the Iraqi city of Mosul on Friday."
    assert _location(nlp, text, "exploded") == "Mosul"


def test_location_none_without_an_attached_place(nlp: Any) -> None:
    assert _location(nlp, "Iran criticised the decision on Tuesday.", "criticised") is None
    # a place in the subject's name or an adjective is not where the event happened
    assert _location(nlp, "Iranian officials condemned the decision.", "condemned") is None


def test_location_nominal_trigger(nlp: Any) -> None:
    assert _location(nlp, "The army launched an attack on Aleppo.", "attack") == "Aleppo"
    assert _location(nlp, "The council lifted the embargo on Libya.", "embargo") is None


def test_location_not_from_a_subordinate_clause(nlp: Any) -> None:
    text = "The ministers signed the deal after troops withdrew from positions in Crimea."
    assert _location(nlp, text, "signed") is None


def test_location_place_of_the_circumstances(nlp: Any) -> None:
    text = "Two policemen were wounded when gunmen opened fire on a checkpoint in Kandahar."
    assert _location(nlp, text, "wounded") == "Kandahar"


def test_location_none_for_a_participant_or_a_report(nlp: Any) -> None:
    # the object of an accusation is a participant, not a place of the event
    assert _location(nlp, "Russia accused Ukraine of shelling civilians.", "accused") is None
    # where the news was told is not where the talks will be
    text = "The foreign minister said in Geneva that talks with Iran would resume."
    assert _location(nlp, text, "talks") is None


def test_location_event_noun_of_the_circumstances(nlp: Any) -> None:
    text = "Two soldiers were killed during clashes in Kandahar on Monday."
    assert _location(nlp, text, "killed") == "Kandahar"
    # a participant's origin is not where the event happened
    text = "Two people were killed in an attack by gunmen from Somalia."
    assert _location(nlp, text, "killed") is None


def test_location_compass_adverb(nlp: Any) -> None:
    text = "Gunmen ambushed a police convoy north of Mosul on Sunday."
    assert _location(nlp, text, "ambushed") == "Mosul"


def test_location_circumstances_of_a_conjunct(nlp: Any) -> None:
    text = "One policeman was killed and three were wounded when a bomb exploded in Herat."
    assert _location(nlp, text, "killed") == "Herat"


def test_location_place_acted_on_before_the_opening_phrase(nlp: Any) -> None:
    text = "In Aleppo province, the army shelled the town of Anadan on Friday."
    assert _location(nlp, text, "shelled") == "Anadan"


def test_location_governed_verb(nlp: Any) -> None:
    text = "The rebels began attacking army positions in Idlib."
    assert _location(nlp, text, "began") == "Idlib"


def test_location_clause_above_the_trigger(nlp: Any) -> None:
    text = "Troops found a weapons cache in Fallujah that insurgents had hidden."
    assert _location(nlp, text, "hidden") == "Fallujah"


def test_location_lower_case_direction_before_the_name(nlp: Any) -> None:
    text = "Gunmen opened fire on a bus in west Baghdad on Monday."
    assert _location(nlp, text, "opened") == "Baghdad"


@pytest.mark.parametrize(("text", "trigger", "expected"), [
    # of a place noun qualified by one place and named by another, the larger contains
    ("A bomb exploded in the Kabul neighbourhood of Karte Parwan.", "exploded", "Karte Parwan"),
    ("A bomb exploded in the Karte Parwan neighbourhood of Kabul.", "exploded", "Karte Parwan"),
    # a name that only qualifies a thing yields to the place the phrase names
    ("Gunmen detonated a bomb at the crowded Sadriya market in central Baghdad.", "detonated",
     "Baghdad"),
    # a relative clause on a place happens there; on a person (a name the parser took for a
    # town) it does not
    ("In the village of Tarmiyah, where gunmen killed four policemen, shops stayed closed.",
     "killed", "Tarmiyah"),
    ("Police arrested Dimitrov, who later shot a guard.", "shot", None),
], ids=["container-first", "container-last", "qualifier", "relative-place",
        "relative-person"])
def test_location_choice_among_the_places_of_a_phrase(nlp: Any, text: str, trigger: str,
                                                       expected: str | None) -> None:
    assert _location(nlp, text, trigger) == expected


def test_location_named_site(nlp: Any) -> None:
    text = "Doctors gathered outside the Al-Shifa Hospital on Sunday."
    doc = nlp(make_doc(nlp, text))
    assert tag_places(doc) == []  # a hospital is no toponym
    assert _location(nlp, text, "gathered") == "Al-Shifa Hospital"
    # the town the site is in wins
    text = "Doctors protested outside the Al-Shifa Hospital in Gaza City on Sunday."
    assert _location(nlp, text, "protested") == "Gaza City"


def test_location_unknown_name_captured_somewhere_is_a_person(nlp: Any) -> None:
    # the tagger took the captive's name for a place it does not know
    doc = nlp(make_doc(nlp, "Police captured Tsvetanov in Kenya in February."))
    name = next(t for t in doc if t.text == "Tsvetanov")
    taken = {"text": name.text, "start": name.idx, "end": name.idx + len(name.text),
             "name": name.text, "country": None, "lat": None, "lon": None, "geonameid": None,
             "feature_class": None, "feature_code": None}
    trigger = next(t.i for t in doc if t.text == "captured")
    place = event_location(doc, trigger, [taken, *tag_places(doc)])
    assert place is not None and place["text"] == "Kenya"
