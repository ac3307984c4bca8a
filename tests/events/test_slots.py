"""Slot extraction of the event coder on team-written sentences: which phrase fills the
actor and the recipient, and how coordinated, owned and conditional arguments are read."""

from __future__ import annotations

from typing import Any


def _event(events: list[dict[str, Any]], trigger: str) -> dict[str, Any]:
    found = [e for e in events if e["trigger"]["text"] == trigger]
    assert found, f"no event on {trigger!r} in {[e['trigger']['text'] for e in events]}"
    return found[0]


def _countries(actors: list[dict[str, Any]]) -> list[str]:
    return [a["country"] for a in actors]


def _texts(phrases: list[dict[str, Any]]) -> list[str]:
    return [p["text"] for p in phrases]


def test_slots_coordinated_recipients_are_one_argument_each(code: Any) -> None:
    event = _event(code("Canada imposed sanctions on Libya and Iraq."), "imposed")
    assert _countries(event["recipient"]) == ["LBY", "IRQ"]
    assert _texts(event["arguments"]["recipient"]) == ["Libya", "Iraq"]


def test_slots_both_of_coordinated_recipients_is_no_part_of_either(code: Any) -> None:
    event = _event(code("Japan lifted sanctions against both India and Pakistan."), "lifted")
    assert _texts(event["arguments"]["recipient"]) == ["India", "Pakistan"]


def test_slots_coordinated_parties_of_a_mutual_act_are_reciprocal(code: Any) -> None:
    event = _event(code("Chile and Peru agreed to cut tariffs."), "agreed")
    assert event["reciprocal"] is True and event["recipient"] == []
    assert _texts(event["arguments"]["actor"]) == ["Chile and Peru"]
    condemned = _event(code("Chile and Peru condemned the coup."), "condemned")
    assert condemned["reciprocal"] is False
    # what they agree to do is no party, unless it is an act on someone
    shared = _event(code("Chile and Peru agreed to share information on Bolivia."), "agreed")
    assert shared["reciprocal"] is True and shared["recipient"] == []
    talks = _event(code("Chile and Peru failed to reach agreement on Bolivia."), "reach")
    assert talks["recipient"] == [] and talks["reciprocal"] is True
    # an act named through another noun is no party either: "a round of [naval exercises]"
    drills = _event(code("Chile and Peru began a new round of joint naval exercises."), "began")
    assert drills["recipient"] == [] and drills["reciprocal"] is True
    lifted = _event(code("Chile and Peru agreed to lift tariffs on Bolivian goods."), "agreed")
    assert lifted["reciprocal"] is False and _countries(lifted["recipient"]) == ["BOL"]


def test_slots_the_actors_own_forces_are_not_its_recipient(code: Any) -> None:
    for text in ("Syria withdrew its troops from Lebanon.", "Syria withdrew troops from Lebanon."):
        event = _event(code(text), "withdrew")
        assert _countries(event["recipient"]) == ["LBN"]
        assert _texts(event["arguments"]["recipient"]) == ["Lebanon"]


def test_slots_what_is_sent_is_the_theme_where_it_goes_the_recipient(code: Any) -> None:
    event = _event(code("Germany sent soldiers to Mali."), "sent")
    assert _countries(event["recipient"]) == ["MLI"]
    assert _texts(event["arguments"]["recipient"]) == ["Mali"]


def test_slots_an_act_named_through_a_modifier_is_no_actor(code: Any) -> None:
    event = _event(code("Japan suspended military aid to Myanmar."), "suspended")
    assert _countries(event["recipient"]) == ["MMR"]
    assert all(r["sector"] != "MIL" for r in event["recipient"])


def test_slots_a_threat_is_aimed_at_whoever_must_meet_its_condition(code: Any) -> None:
    event = _event(
        code("Ecuador threatened to close its embassy unless Peru apologised."), "threatened"
    )
    assert _countries(event["actor"]) == ["ECU"] and _countries(event["recipient"]) == ["PER"]


def test_slots_hyphenated_modifier_stays_in_the_phrase(code: Any) -> None:
    event = _event(code("Saudi-led forces attacked Houthi positions in Yemen."), "attacked")
    assert _countries(event["actor"]) == ["SAU"]
    assert _texts(event["arguments"]["actor"]) == ["Saudi-led forces"]


def test_slots_possessive_pronoun_takes_the_country_of_the_speaker(code: Any) -> None:
    events = code("Armenian officials said their forces had completed the withdrawal.")
    event = _event(events, "completed")
    assert _countries(event["actor"]) == ["ARM"]


def test_slots_apposition_gives_the_role_a_person_acts_in(code: Any) -> None:
    event = _event(code("Kenzo Oshima, the UN relief coordinator, visited Sudan."), "visited")
    assert _countries(event["actor"]) == ["UNO"]


def test_slots_complement_of_the_verb_completes_a_nominal_trigger(code: Any) -> None:
    event = _event(code("Norway doubled its aid to Tajikistan."), "aid")
    assert _countries(event["actor"]) == ["NOR"] and _countries(event["recipient"]) == ["TJK"]


def test_slots_the_preposition_is_no_part_of_the_recipient_phrase(code: Any) -> None:
    # "gave" is a light verb here: the event is the aid (CAMEO 073 humanitarian aid)
    event = _event(code("Norway gave humanitarian aid to the Iraqi government."), "aid")
    assert event["cameo"] == "073"
    assert _texts(event["arguments"]["recipient"]) == ["the Iraqi government"]


def test_slots_the_agent_of_an_act_is_an_argument_of_its_own(code: Any) -> None:
    event = _event(code("Poland rejected a demand by Lithuania."), "rejected")
    assert _countries(event["recipient"]) == ["LTU"]
    assert _texts(event["arguments"]["recipient"]) == ["Lithuania"]


def test_slots_a_person_named_in_full_is_a_party_though_unknown(code: Any) -> None:
    event = _event(code("Police in Nairobi detained Daniel Okello on Monday."), "detained")
    assert [r["name"] for r in event["recipient"]] == ["Daniel Okello"]
    assert event["recipient"][0]["country"] is None
    assert _texts(event["arguments"]["recipient"]) == ["Daniel Okello"]


def test_slots_when_it_happened_is_no_part_of_the_argument() -> None:
    from spacy.tokens import Doc

    from newsevents.events.syntax import argument_phrases
    from newsevents.nlp.model import load_model

    # "Chile hosted the president on Sunday", parsed with the date on the noun, as the
    # parser sometimes attaches it
    words = ["Chile", "hosted", "the", "president", "on", "Sunday", "."]
    doc = Doc(
        load_model().vocab,
        words=words,
        spaces=[True, True, True, True, True, False, False],
        heads=[1, 1, 3, 1, 3, 4, 1],
        deps=["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "punct"],
        pos=["PROPN", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT"],
        ents=["B-GPE", "O", "O", "O", "O", "B-DATE", "O"],
    )
    phrases = argument_phrases([doc[3]], doc[1], doc.text)
    assert [p["text"] for p in phrases] == ["the president"]


def test_slots_where_two_people_meet_is_no_party(code: Any) -> None:
    event = _event(code("Chile's president met Peru's president at the White House."), "met")
    assert _countries(event["recipient"]) == ["PER"]
    # with no one named as object, "at" names whom the act is aimed at
    event = _event(code("Chilean troops fired at Peruvian soldiers."), "fired")
    assert _countries(event["recipient"]) == ["PER"]


def test_slots_the_force_an_act_moves_is_no_party_to_it(code: Any) -> None:
    event = _event(code("Chile mobilized the army."), "mobilized")
    assert event["recipient"] == []
    # what an attack names is its target
    event = _event(code("Bolivian rebels attacked a Chilean army base."), "attacked")
    assert _countries(event["recipient"]) == ["CHL"]


def test_slots_the_phrase_a_trigger_completes_gives_its_arguments(code: Any) -> None:
    # "a state of siege in Peru": the place hangs on the noun the trigger completes
    event = _event(code("The Chilean army declared a state of siege in Peru."), "siege")
    assert event["type"] == "COERCE" and _countries(event["recipient"]) == ["PER"]


def test_slots_a_peacekeeping_force_stands_for_the_country_it_is_placed_in(code: Any) -> None:
    text = "Chile agreed to contribute troops to a UN peacekeeping force in Haiti."
    assert _countries(_event(code(text), "agreed")["recipient"]) == ["HTI"]
    event = _event(code("Peru refused to deploy peacekeepers in Haiti."), "refused")
    assert _countries(event["recipient"]) == ["HTI"]
    # a force named without a place stays itself
    event = _event(code("Haiti welcomed the UN peacekeepers."), "welcomed")
    assert _countries(event["recipient"]) != ["HTI"] and event["recipient"]


def test_slots_who_reports_an_act_is_no_party_to_it(code: Any) -> None:
    events = code("Chile agreed to cooperate, according to Bolivian officials.")
    assert events and all("BOL" not in _countries(e["recipient"]) for e in events)


def test_slots_coordinated_owners_name_the_agents_of_two_countries(code: Any) -> None:
    text = "Chile and Peru's intelligence services agreed to share information."
    event = _event(code(text), "agreed")
    assert sorted(_countries(event["actor"])) == ["CHL", "PER"] and event["reciprocal"]


def test_slots_the_weapon_of_an_attack_is_no_party(code: Any) -> None:
    text = "Chilean troops pounded Peruvian positions with Bolivian artillery."
    event = _event(code(text), "pounded")
    assert _countries(event["recipient"]) == ["PER"]
    # without a target named as object, "with" names the other side
    event = _event(code("Chilean troops clashed with Peruvian soldiers."), "clashed")
    assert _countries(event["recipient"]) == ["PER"]
    # and the neighbours of closed borders are the recipients
    event = _event(code("Chile closed its borders with Peru."), "closed")
    assert _countries(event["recipient"]) == ["PER"]


def test_slots_an_accusation_is_aimed_at_the_name_it_accuses(code: Any) -> None:
    # a name the tables do not know is still whom the accusation is addressed to: neither
    # the government of its content nor an actor named after it is the recipient
    accused = _event(
        code("Erdogan accused Gulen of attempting to overthrow the Turkish government."), "accused"
    )
    assert accused["recipient"] == [] and _texts(accused["arguments"]["recipient"]) == ["Gulen"]
    urged = _event(
        code("The Kenyan minister urged Velioglu to stop the attacks on Somalia."), "urged"
    )
    assert urged["recipient"] == [] and _texts(urged["arguments"]["recipient"]) == ["Velioglu"]
    # a thing named as object is no addressee: "blocked the Europe Bridge"
    blocked = _event(
        code("French workers blocked the Europe Bridge from France to Germany."), "blocked"
    )
    assert sorted(_countries(blocked["recipient"])) == ["DEU", "FRA"]


def test_slots_the_noun_before_a_proposal_says_whose_it_is(code: Any) -> None:
    event = _event(code("The rebels rejected a Colombian government offer of talks."), "rejected")
    assert _countries(event["recipient"]) == ["COL"]
    assert event["recipient"][0]["sector"] == "GOV"
    # a noun before that names a kind, not a party, says of what kind the offer is
    event = _event(code("The minister rejected a business proposal."), "rejected")
    assert event["recipient"] == []
    # a noun before that names no one says of what kind the offer is
    event = _event(code("Chile rejected the peace offer of the rebels."), "rejected")
    assert [r["sector"] for r in event["recipient"]] == ["REB"]


def test_slots_a_phrase_never_spans_the_verb_it_depends_on(code: Any) -> None:
    # the parser hangs "the countries" on "Chile" as an apposition, past the verb
    text = (
        "Chile and the Republic of Peru have agreed to a border deal, the countries announced"
        " on Friday, hoping to end the dispute."
    )
    event = _event(code(text), "agreed")
    assert _texts(event["arguments"]["actor"]) == ["Chile and the Republic of Peru"]


def test_slots_each_coordinated_head_may_name_its_owner(code: Any) -> None:
    event = _event(code("The Republic of Peru and Chile condemned the coup."), "condemned")
    assert sorted(_countries(event["actor"])) == ["CHL", "PER"]


def test_slots_where_a_state_of_siege_is_declared_is_its_recipient(code: Any) -> None:
    text = "The Bolivian government declared a state of siege on Sunday in the province of Oruro."
    event = _event(code(text), "siege")
    assert _texts(event["arguments"]["recipient"]) == ["the province of Oruro"]


def test_slots_people_held_or_accused_are_agents_of_the_place_they_are_in(code: Any) -> None:
    # prisoners, inmates, hostages, families, suspects: whom an attack or a release reaches
    tortured = _event(code("Syrian police tortured a young inmate in northern Syria."), "tortured")
    assert _texts(tortured["arguments"]["recipient"])[0].startswith("a young inmate")
    assert [(r["country"], r["sector"]) for r in tortured["recipient"]] == [("SYR", "UNK")]
    # where the act happens places them, though the sentence names another country
    held = _event(code("The U.S. said it would not release prisoners in Iraq."), "release")
    assert _countries(held["recipient"]) == ["IRQ"]
    # households, inhabitants, locals, evacuees: civilians an act reaches
    text = "The Red Cross provided financial assistance to about 550 households in Peru."
    helped = _event(code(text), "provided")
    assert [(r["country"], r["sector"]) for r in helped["recipient"]] == [("PER", "CVL")]
    # a modifier in the singular names no one: hostage takers are not hostages
    takers = _event(code("Hostage takers attacked a Malian army base."), "attacked")
    assert takers["actor"] == []


def test_slots_a_pronoun_argument_is_the_name_it_stands_for_in_its_sentence(code: Any) -> None:
    event = _event(code("Tajikistan says it will not accept refugees from Afghanistan."), "accept")
    assert _texts(event["arguments"]["actor"]) == ["Tajikistan"]
    # a possessor is named inside a phrase of its own: the pronoun stays
    text = (
        "After Senator Bachelet's private email server was hacked, the committee asked her"
        " to testify."
    )
    assert _texts(_event(code(text), "asked")["arguments"]["recipient"]) == ["her"]
    # a name in an earlier sentence is not this sentence's argument: the pronoun stays
    events = code("President Boric condemned the coup. On Tuesday he recalled the ambassador.")
    assert _texts(_event(events, "recalled")["arguments"]["actor"]) == ["he"]


def test_slots_coordinated_modifiers_name_each_party_whichever_resolved_first(code: Any) -> None:
    # the nearest modifier ("EU") gave the country; the first one ("Peruvian") is a party too
    event = _event(code("Peruvian and EU negotiators failed to reach a deal on fishing."), "reach")
    assert sorted(_countries(event["actor"])) == ["EUR", "PER"] and event["reciprocal"]
    # the parser may coordinate neither modifier ("[UK] and [EU]" hang on the noun apart)
    event = _event(code("UK and EU negotiators have agreed a trade deal."), "agreed")
    assert sorted(_countries(event["actor"])) == ["EUR", "GBR"] and event["reciprocal"]


def test_slots_the_force_a_deployment_moves_is_no_party(code: Any) -> None:
    events = code("Chile announced the deployment of 200 soldiers to Haiti.")
    deployment = _event(events, "deployment")
    assert _countries(deployment["recipient"]) == ["HTI"]
    # as for "deployed 200 soldiers": the soldiers deployed are the actor's own force
    alone = _event(code("Chile announced the deployment of 200 Chilean soldiers."), "deployment")
    assert alone["recipient"] == []


def test_slots_troops_deployed_stand_for_the_actor_whose_force_they_are(code: Any) -> None:
    event = _event(code("Chilean troops were deployed to Haiti on Monday."), "deployed")
    assert _countries(event["actor"]) == ["CHL"] and _countries(event["recipient"]) == ["HTI"]
    # an agent still acts: "were deployed by the UN"
    by_un = _event(code("Chilean troops were deployed to Haiti by the UN."), "deployed")
    assert _countries(by_un["actor"]) == ["UNO"]


def test_slots_a_name_before_an_event_noun_is_its_actor_when_the_noun_names_a_target(
    code: Any,
) -> None:
    sanctions = _event(code("UN sanctions against Peru were lifted on Monday."), "sanctions")
    assert _countries(sanctions["actor"]) == ["UNO"]
    assert _countries(sanctions["recipient"]) == ["PER"]
    # without a target of its own, the name is the target: "the Ukraine invasion"
    invasion = _event(code("Russia condemned the Ukraine invasion."), "invasion")
    assert _countries(invasion["recipient"]) == ["UKR"]


def test_slots_parties_who_sign_together_sign_with_each_other(code: Any) -> None:
    text = "Chile and Peru signed an agreement to give Bolivian companies access to their ports."
    signed = _event(code(text), "signed")
    assert signed["reciprocal"] and signed["recipient"] == []


def test_slots_what_an_act_is_over_is_its_reason_unless_it_is_a_grievance(code: Any) -> None:
    text = "Chile expelled the top Bolivian diplomat over the refusal of Peru to cooperate."
    expelled = _event(code(text), "expelled")
    assert "PER" not in _countries(expelled["recipient"])
    # a complaint over an act is against whoever did it
    text = "Bolivia complained to the United Nations over Chilean air raids on Tuesday."
    complained = _event(code(text), "complained")
    assert "CHL" in _countries(complained["recipient"])


def test_slots_what_the_actor_agrees_to_make_is_no_party(code: Any) -> None:
    text = "The Chilean government agreed to set up a field hospital and a team of doctors."
    agreed = _event(code(text), "agreed")
    assert agreed["recipient"] == []
    # where it is made still follows PETRARCH's first-actor convention
    text = "The Chilean government agreed to set up a field hospital in Peru."
    assert _countries(_event(code(text), "agreed")["recipient"]) == ["PER"]


def test_slots_an_apposition_describing_a_place_is_no_part_of_its_argument(code: Any) -> None:
    shelled = _event(
        code("Rebels shelled Aleppo, Syria's second largest city, on Monday."), "shelled"
    )
    assert _texts(shelled["arguments"]["recipient"]) == ["Aleppo"]
    sent = _event(code("Chile sent a navy platoon to Kuwait, its first mission abroad."), "sent")
    assert _texts(sent["arguments"]["recipient"]) == ["Kuwait"]
    # an acronym in brackets is part of the name
    text = "Peru imposed sanctions on the Democratic Republic of the Congo (DRC) on Monday."
    imposed = _event(code(text), "imposed")
    assert _texts(imposed["arguments"]["recipient"]) == [
        "the Democratic Republic of the Congo (DRC)"
    ]
