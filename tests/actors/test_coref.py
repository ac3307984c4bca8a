"""Tests for newsevents.actors.coref (mentions written by the team)."""

from __future__ import annotations

import pytest

from newsevents.actors import default_resolver
from newsevents.actors.coref import DocumentActors


@pytest.fixture()
def doc() -> DocumentActors:
    return DocumentActors(default_resolver(), "2000-06-01")


def test_coref_surname_refers_back_to_the_full_name(doc: DocumentActors) -> None:
    first = doc.resolve("Sudanese President Omar Hassan al-Bashir")
    assert first is not None and first.country == "SDN"
    assert default_resolver().resolve("Bashir", "2000-06-01") is None  # not alone
    later = doc.resolve("Bashir")
    assert later is not None and later.name == first.name and later.sector == "GOV"
    assert "refers back" in later.explain
    again = doc.resolve("Mr. Bashir")
    assert again is not None and again.name == later.name


def test_coref_unknown_people_are_linked_without_an_actor(doc: DocumentActors) -> None:
    first = doc.link("farmer Halvard Quenby")
    assert first.person is not None and first.actor is not None  # the agent "farmer"
    again = doc.link("Quenby")
    assert again.person is first.person and again.actor is None
    assert doc.link("Halvard").person is first.person


def test_coref_pronoun_is_the_person_in_focus_with_its_gender(doc: DocumentActors) -> None:
    bashir = doc.link("Omar al-Bashir").person
    queen = doc.link("Queen Ingrid Varsten").person
    assert doc.link("she").person is queen  # the title "Queen" says female
    assert doc.link("he").person is bashir  # the latest person who may be "he"
    assert doc.link("she").person is queen


def test_coref_pronoun_without_anyone_named_is_nobody(doc: DocumentActors) -> None:
    link = doc.link("he")
    assert link.person is None and link.actor is None


def test_coref_title_refers_to_the_person_so_titled(doc: DocumentActors) -> None:
    doc.link("Sudanese President Omar Hassan al-Bashir")
    doc.link("farmer Halvard Quenby")
    found = doc.resolve("the president")
    assert found is not None and found.name == "Omar al-Bashir"


def test_coref_role_description_joins_the_person_named(doc: DocumentActors) -> None:
    doc = DocumentActors(default_resolver(), "2022-07-19")
    named = doc.link("Russian President Vladimir Putin").person
    assert doc.link("the Russian leader").person is named


def test_coref_head_of_the_mention_names_the_person(doc: DocumentActors) -> None:
    quenby = doc.link("Halvard Quenby").person
    marsh = doc.link("Edda Marsh, who had met Quenby").person
    assert marsh is not None and marsh is not quenby and marsh.name == "Edda Marsh"


def test_coref_organisations_and_places_are_not_people(doc: DocumentActors) -> None:
    assert doc.link("the United Nations").person is None
    assert doc.link("Khartoum").person is None


def test_coref_a_gendered_title_prefers_the_person_called_so_before() -> None:
    doc = DocumentActors(default_resolver(), "2016-08-20")
    hillary = doc.link("Hillary Clinton").person
    assert doc.link("Mrs. Clinton").person is hillary
    bill = doc.link("former President Bill Clinton").person
    assert bill is not hillary
    # "Mrs. Clinton" after Bill: the person called "Mrs." before, not the last Clinton
    assert doc.link("Mrs. Clinton").person is hillary
    assert doc.link("Mr. Clinton").person is bill
