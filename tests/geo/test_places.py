"""Toponym recognition and resolution on sentences written by the team."""

from __future__ import annotations

from typing import Any

import pytest

from newsevents.geo.recognise import proper_noun_runs
from newsevents.geo.step import tag_places
from newsevents.nlp.model import load_model
from newsevents.nlp.parse import make_doc
from newsevents.pipeline import Pipeline
from newsevents.records import Source


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_model()


def _places(nlp: Any, text: str) -> list[dict[str, Any]]:
    return tag_places(nlp(make_doc(nlp, text)))


def _resolved(nlp: Any, text: str) -> dict[str, tuple[str | None, str | None]]:
    return {p["text"]: (p["country"], p["feature_code"]) for p in _places(nlp, text)}


def test_places_georgia_is_decided_by_its_neighbours(nlp: Any) -> None:
    caucasus = _resolved(nlp, "Troops were sent from Georgia to Armenia, and Tbilisi protested.")
    assert caucasus["Georgia"] == ("GEO", "PCLI")
    south = _resolved(nlp, "Storms hit Atlanta and Savannah before moving across Georgia.")
    assert south["Georgia"] == ("USA", "ADM1")


def test_places_paris_is_decided_by_context(nlp: Any) -> None:
    assert _resolved(nlp, "The minister flew to Paris for talks.")["Paris"] == ("FRA", "PPLC")
    texas = _resolved(nlp, "The fair opened in Paris, Texas, a short drive from Dallas.")
    assert texas["Paris"] == ("USA", "PPL")


def test_places_country_name_is_the_country_not_a_town(nlp: Any) -> None:
    found = _resolved(nlp, "Jordan and Egypt signed the agreement with Lebanon.")
    assert found["Jordan"] == ("JOR", "PCLI")
    assert found["Egypt"] == ("EGY", "PCLI")
    assert found["Lebanon"] == ("LBN", "PCLI")


def test_places_city_named_like_its_province_is_the_city(nlp: Any) -> None:
    assert _resolved(nlp, "Protesters gathered in Cairo on Friday.")["Cairo"] == ("EGY", "PPLC")


def test_places_have_contract_fields_and_offsets(nlp: Any) -> None:
    text = "Shelling hit Aleppo and the village of Kfar Zubeidawi overnight."
    places = _places(nlp, text)
    assert places, "no place found"
    for place in places:
        assert text[place["start"] : place["end"]] == place["text"]
        assert {"text", "start", "end", "name", "country", "lat", "lon", "geonameid"} <= set(place)
    aleppo = next(p for p in places if p["text"] == "Aleppo")
    assert aleppo["country"] == "SYR" and aleppo["geonameid"] and 35 < aleppo["lat"] < 37


def test_places_unknown_place_keeps_its_text_without_coordinates(nlp: Any) -> None:
    places = _places(nlp, "Shelling hit the village of Kfar Zubeidawi overnight.")
    unknown = [p for p in places if "Zubeidawi" in p["text"]]
    assert unknown and unknown[0]["geonameid"] is None and unknown[0]["lat"] is None


def test_places_no_place_in_a_text_without_one(nlp: Any) -> None:
    assert _places(nlp, "The committee met on Tuesday and agreed to talk again soon.") == []


def test_places_step_fills_places_and_event_locations(pipeline: Pipeline) -> None:
    text = "Turkish troops attacked Kurdish fighters in northern Syria on Monday."
    [analysis] = pipeline.run([Source(id="t", raw=text, format="text", published="2022-07-18")])
    assert analysis.ok
    # a demonym names its country too, as LGL counts it
    assert [(p["text"], p["country"]) for p in analysis.places] == [
        ("Turkish", "TUR"), ("Syria", "SYR")]
    [event] = [e for e in analysis.events if e["trigger"]["text"] == "attacked"]
    assert event["location"] is not None and event["location"]["country"] == "SYR"


def test_places_names_the_parser_takes_for_people_or_groups(nlp: Any) -> None:
    # an Arabic article in lower case, a name spelled as GeoNames lists it only among the
    # alternates, a place noun before or around the name, a double space after "in"
    assert _resolved(nlp, "Fighting raged in al-Bab on Sunday.")["al-Bab"][0] == "SYR"
    assert _resolved(nlp, "A convoy was hit near Samarra, north of Baghdad.")["Samarra"] == (
        "IRQ", "PPL")
    assert _resolved(nlp, "Troops patrolled the streets of the capital Grozny.")["Grozny"][0] \
        == "RUS"
    sector = _resolved(nlp, "Protesters gathered in the western sector of Aleppo.")
    assert sector["Aleppo"][0] == "SYR"
    assert "Tal Afar" in _resolved(nlp, "Soldiers searched houses in  Tal Afar on Monday.")


def test_places_surname_of_a_person_named_in_full_is_no_place(nlp: Any) -> None:
    # alone, the parser takes the name for a town; once the text names the person in full,
    # the surname is that person
    assert "Ripley" in _resolved(nlp, "The team scored twice, Ripley said.")
    text = "Coach Tom Ripley was pleased. The team scored twice, Ripley said."
    assert "Ripley" not in _resolved(nlp, text)


def test_places_unknown_names_that_start_with_a_place_word(nlp: Any) -> None:
    assert "Jabal Al-Zawiya" in _resolved(nlp, "Rebels stormed Jabal Al-Zawiya before dawn.")
    assert "Tal Hamra" in _resolved(nlp, "Militants seized Tal Hamra after a long battle.")
    # an organisation named after a known place is no place of its own
    text = "Officers from the Mount Pleasant Police Department attended the meeting."
    assert _resolved(nlp, text) == {}


def test_places_capitalised_word_tagged_as_an_adjective(nlp: Any) -> None:
    text = "Government forces launched an offensive in the southern Aleppo districts."
    assert _resolved(nlp, text)["Aleppo"][0] == "SYR"


def test_places_state_after_a_group_is_no_place(nlp: Any) -> None:
    text = "Fighters of the Islamic State attacked a checkpoint near Raqqa."
    assert list(_resolved(nlp, text)) == ["Raqqa"]


def test_places_proper_noun_runs_outside_entities(nlp: Any) -> None:
    doc = nlp(make_doc(nlp, "Fighters entered Kafr Sousah Qarat and Barack Obama spoke."))
    runs = proper_noun_runs(doc)
    assert runs, "the parser leaves some proper noun of this sentence outside entities"
    for start, end in runs:
        assert all(t.pos_ == "PROPN" and not t.ent_type_ for t in doc[start:end])
        assert start == 0 or doc[start - 1].pos_ != "PROPN" or doc[start - 1].ent_type_
        assert end == len(doc) or doc[end].pos_ != "PROPN" or doc[end].ent_type_
    covered = {i for start, end in runs for i in range(start, end)}
    assert covered == {t.i for t in doc if t.pos_ == "PROPN" and not t.ent_type_}
    assert proper_noun_runs(nlp.make_doc("")) == []
