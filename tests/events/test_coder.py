"""The event coder on team-written sentences: slots from syntax, modes, dates, evidence."""

from __future__ import annotations

from typing import Any


def _one(events: list[dict[str, Any]], type_: str) -> dict[str, Any]:
    found = [e for e in events if e["type"] == type_]
    assert found, f"no {type_} event in {[(e['type'], e['trigger']['text']) for e in events]}"
    return found[0]


def _countries(actors: list[dict[str, Any]]) -> set[str]:
    return {a["country"] for a in actors}


def test_coder_subject_and_object_from_syntax(code: Any) -> None:
    event = _one(code("Egypt accused Ethiopia of violating the agreement."), "ACCUSE")
    assert _countries(event["actor"]) == {"EGY"} and _countries(event["recipient"]) == {"ETH"}
    assert event["trigger"]["text"] == "accused" and event["rule"] and 0 < event["confidence"] <= 1


def test_coder_passive_voice_swaps_the_slots(code: Any) -> None:
    event = _one(code("Ukraine was attacked by Russia on Tuesday."), "ASSAULT")
    assert _countries(event["actor"]) == {"RUS"} and _countries(event["recipient"]) == {"UKR"}


def test_coder_possessive_nominal_trigger(code: Any) -> None:
    events = code("Turkey's threat to launch an operation against Kurdish militants alarmed Syria.")
    event = _one(events, "THREATEN")
    assert _countries(event["actor"]) == {"TUR"}


def test_coder_visit_with_by_agent(code: Any) -> None:
    event = _one(
        code("The talks coincide with a visit to Iran by the Turkish president."), "CONSULT"
    )
    assert "TUR" in _countries(event["actor"]) and "IRN" in _countries(event["recipient"])


def test_coder_coordinated_actors_share_one_event(code: Any) -> None:
    events = code("France and Germany condemned Belarus.")
    event = _one(events, "ACCUSE")
    assert _countries(event["actor"]) == {"FRA", "DEU"}
    assert len([e for e in events if e["trigger"]["text"] == "condemned"]) == 1


def test_coder_future_and_negated_and_hypothetical(code: Any) -> None:
    future = _one(code("Japan will meet South Korea next week."), "CONSULT")
    assert "future" in future["aux"]
    negated = _one(code("Japan did not meet South Korea."), "CONSULT")
    assert "negated" in negated["aux"]
    hypothetical = code("Any Turkish operation in Syria would attack the Kurdish militia.")
    assert "hypothetical" in _one(hypothetical, "ASSAULT")["aux"]


def test_coder_reported_claims(code: Any) -> None:
    events = code("US officials said that intelligence indicates Iran wants to sell Russia drones.")
    sale = [e for e in events if _countries(e["actor"]) == {"IRN"}]
    assert sale and "reported" in sale[0]["aux"]


def test_coder_no_actor_invented(code: Any) -> None:
    assert code("The weather attacked the mood of the picnic.") == []


def test_coder_dates_from_attached_time_expression(code: Any) -> None:
    event = _one(code("Chile met Peru on Tuesday.", date="2024-03-14"), "CONSULT")
    assert (event["date"], event["date_precision"]) == ("2024-03-12", "day")
    undated = _one(code("Chile met Peru.", date="2024-03-14"), "CONSULT")
    assert (undated["date"], undated["date_precision"]) == ("2024-03-14", "day")


def test_coder_old_events_are_historical(code: Any) -> None:
    event = _one(code("Iraq attacked Kuwait in 1990.", date="2024-03-14"), "ASSAULT")
    assert "historical" in event["aux"] and event["date"] == "1990"


def test_coder_contract_fields_present(code: Any) -> None:
    event = _one(code("Egypt accused Ethiopia of violating the agreement."), "ACCUSE")
    for name in (
        "id",
        "type",
        "mode",
        "context",
        "aux",
        "cameo",
        "quad",
        "intensity",
        "actor",
        "recipient",
        "date",
        "date_precision",
        "location",
        "sentence",
        "trigger",
        "confidence",
        "rule",
    ):
        assert name in event
    assert isinstance(event["cameo"], str) and event["quad"] in (1, 2, 3, 4)
    versions = event["provenance"]
    assert versions["lexicon"] and versions["ontology"]
    assert "people=" in versions["actors"], "the actor tables' versions, not a placeholder"


def test_coder_the_two_leaders_are_the_last_two_people_named(code: Any) -> None:
    text = (
        "Vladimir Putin spoke by phone with Recep Tayyip Erdogan on Monday.\n\n"
        "The two leaders will meet Iran next week."
    )
    events = [e for e in code(text, date="2022-07-18") if e["trigger"]["text"] == "meet"]
    assert events and {a["country"] for a in events[0]["actor"]} == {"RUS", "TUR"}
    assert {a["name"] for a in events[0]["actor"]} == {"Vladimir Putin", "Recep Tayyip Erdogan"}


def test_coder_would_in_reported_speech_is_future_not_hypothetical(code: Any) -> None:
    events = code("Chile said it would boycott the summit in Peru.")
    assert [e["trigger"]["text"] for e in events] == ["boycott"], "the summit is not held"
    said = events[0]
    assert "future" in said["aux"] and "hypothetical" not in said["aux"]
    assert "reported" not in said["aux"], "the speaker is the actor"
    conditional = _one(code("Chile said it would boycott Peru if talks failed."), "SANCTION")
    assert "hypothetical" in conditional["aux"]


def test_coder_relative_clause_keeps_its_own_polarity(code: Any) -> None:
    events = code("Turkey, which backs the government in Libya, denied sending fighters to Libya.")
    backs = [e for e in events if e["trigger"]["text"] == "backs"]
    assert backs and "negated" not in backs[0]["aux"]


def test_coder_recipient_falls_back_to_the_first_actor_in_the_trigger_phrase(code: Any) -> None:
    event = _one(code("The Andean forum agreed to open a trade office in Peru next year."), "AGREE")
    assert _countries(event["recipient"]) == {"PER"}


def test_coder_arguments_are_whole_phrases_without_clauses(code: Any) -> None:
    text = "Iraqi troops attacked the last army base in Syria, which had held out for weeks."
    event = _one(code(text), "ASSAULT")
    (recipient,) = event["arguments"]["recipient"]
    assert recipient["text"] == "the last army base in Syria"
    assert text[recipient["start"] : recipient["end"]] == recipient["text"]
    assert [a["text"] for a in event["arguments"]["actor"]] == ["Iraqi troops"]


def test_coder_argument_of_a_noun_owned_by_an_actor_is_the_noun_phrase(code: Any) -> None:
    event = _one(code("Hungary rejected the request of the Serbian government."), "REJECT")
    assert _countries(event["recipient"]) == {"SRB"}
    texts = [a["text"] for a in event["arguments"]["recipient"]]
    assert texts == ["the request of the Serbian government"]
    # what a blockade is "of" is its target: the argument of lifting it
    event = _main(code("Chile lifted its blockade of Peru."))
    assert [a["text"] for a in event["arguments"]["recipient"]] == ["Peru"]


def test_coder_meetings_are_reciprocal_visits_are_not(code: Any) -> None:
    met = _one(code("The Chilean president met the Peruvian president in Lima."), "CONSULT")
    visit = _one(code("The Chilean president visited Peru on Monday."), "CONSULT")
    assert met["reciprocal"] is True and visit["reciprocal"] is False
    # a meeting "for talks" or "with the leaders" happened; only one to come is an intent
    talks = _one(code("The Chilean president met the Peruvian president for talks."), "CONSULT")
    leaders = _one(code("The Chilean envoy met with the leaders of Peru in Lima."), "CONSULT")
    assert talks["reciprocal"] and leaders["reciprocal"]
    # a host and a visitor meet: the manual makes all of them actors
    hosted = _one(code("The Chilean president hosted the Peruvian president."), "CONSULT")
    assert (hosted["cameo"], hosted["reciprocal"]) == ("043", True)
    # welcoming a visit or hosting a dinner speaks of the thing: no meeting of both
    text = "The Chilean foreign minister welcomed the visit by the Peruvian foreign minister."
    assert _one(code(text), "CONSULT")["reciprocal"] is False
    welcomed = _one(code("Chile and Bolivia welcomed the UN visit."), "CONSULT")
    assert welcomed["reciprocal"] is False
    # nor does hosting people who are no one by name or office make a meeting
    refugees = _one(code("Chile hosts more than 400,000 Venezuelan refugees."), "CONSULT")
    assert refugees["reciprocal"] is False
    assert (talks["cameo"], leaders["cameo"]) == ("040", "040")
    coming = code("The Chilean president will meet the Peruvian president for talks.")
    assert (coming[0]["cameo"], coming[0]["aux"]) == ("036", ["future"])


def test_coder_promised_act_takes_the_cameo_code_of_the_promise(code: Any) -> None:
    event = _one(code("Syria is willing to withdraw its troops from Lebanon."), "RETREAT")
    assert "future" in event["aux"] and _countries(event["actor"]) == {"SYR"}
    assert event["cameo"].startswith("035")  # express intent to yield / de-escalate
    done = _one(code("Syria withdrew its troops from Lebanon."), "RETREAT")
    assert done["cameo"].startswith("08") and "future" not in done["aux"]


def test_coder_announced_attack_takes_a_threat_code(code: Any) -> None:
    event = _one(code("Turkey said it will attack Kurdish militants in Syria."), "ASSAULT")
    assert event["cameo"].startswith("13")


def test_coder_halting_a_cooperative_act(code: Any) -> None:
    events = code("Norway ended its mediation efforts between Colombia and the rebels.")
    assert not [e for e in events if e["type"] == "CONSULT"]
    event = _one(events, "SANCTION")
    assert event["cameo"] == "165" and "halted by:end" in event["rule"]


def test_coder_declining_to_comment_is_no_rejection(code: Any) -> None:
    assert not code("The French foreign ministry declined to comment on the report.")


def test_coder_claim_of_an_act_codes_the_act_not_an_accusation(code: Any) -> None:
    events = code("The rebels claimed that they had attacked a Nigerian army base.")
    assert not [e for e in events if e["type"] == "ACCUSE"]
    assert _one(events, "ASSAULT")["trigger"]["text"] == "attacked"


def test_coder_announced_event_noun_is_the_event(code: Any) -> None:
    events = code("Denmark announced a suspension of aid to Egypt.")
    assert [e["trigger"]["text"] for e in events] == ["suspension"]
    assert _countries(events[0]["actor"]) == {"DNK"}


def test_coder_possessive_pronoun_of_an_event_noun_is_the_verb_subject(code: Any) -> None:
    event = _one(code("Israel mounted its invasion of Lebanon on Monday."), "ASSAULT")
    assert _countries(event["actor"]) == {"ISR"} and _countries(event["recipient"]) == {"LBN"}


def test_coder_scene_setting_clause_is_less_sure_than_the_main_clause(code: Any) -> None:
    after = code("Italy suspended flights to Serbia after Serbian troops attacked Croatia.")
    also = code("Italy suspended flights to Serbia and Serbian troops attacked Croatia.")
    assert _one(after, "ASSAULT")["confidence"] < _one(also, "ASSAULT")["confidence"]
    main = max(after, key=lambda e: e["confidence"])
    assert main["trigger"]["text"] == "suspended"


def test_coder_a_clause_describing_a_party_is_less_sure_than_the_main_clause(code: Any) -> None:
    # a relative clause tells who a party is; the sentence asserts its main clause, though
    # the clause has a date and the main clause none
    events = code("The UN condemned the Syrian army, which had shelled the town of Homs on Monday.")
    assert _main(events)["trigger"]["text"] == "condemned"
    assert _one(events, "ASSAULT")["confidence"] < _one(events, "ACCUSE")["confidence"]


def test_coder_noun_named_by_the_verb_pattern_is_not_its_own_event(code: Any) -> None:
    events = code("The Peruvian government rejected accusations that it had jailed journalists.")
    assert not [e for e in events if e["type"] == "ACCUSE"]


def test_coder_noun_inside_the_object_phrase_a_pattern_named_is_not_coded_again(
    code: Any,
) -> None:
    events = code("Norway launched a mediation effort between Israel and Egypt.")
    assert [e["trigger"]["text"] for e in events] == ["launched"]
    assert events[0]["type"] == "CONSULT"


def test_coder_declared_refusal_is_a_rejection(code: Any) -> None:
    refusal = _one(code("Iran will not accept the proposal from Iraq."), "REJECT")
    assert _countries(refusal["actor"]) == {"IRN"} and _countries(refusal["recipient"]) == {"IRQ"}
    assert "negated" not in refusal["aux"] and "future" not in refusal["aux"]
    unwilling = _one(code("Iran is not willing to release the Iraqi prisoners."), "REJECT")
    assert unwilling["cameo"].startswith("124")  # refuse to yield
    # a condition does not make the refusal any less declared
    assert _one(code("Iran would not accept the plan unless Iraq withdrew."), "REJECT")
    # an act that did not happen, or a failure, is no refusal: a negated event
    for text, type_ in (
        ("Iran did not meet Iraq.", "CONSULT"),
        ("Iran failed to reach an agreement with Iraq.", "AGREE"),
    ):
        events = code(text)
        assert not [e for e in events if e["type"] == "REJECT"], text
        assert "negated" in _one(events, type_)["aux"], text


def test_coder_surname_refers_back_to_the_person_named_earlier(code: Any) -> None:
    text = (
        "President Omar Hassan al-Bashir spoke in Khartoum on Monday.\n"
        "Later, Bashir accused Egypt of arming the rebels."
    )
    event = _one(code(text, date="2000-06-01"), "ACCUSE")
    assert _countries(event["actor"]) == {"SDN"} and _countries(event["recipient"]) == {"EGY"}


def test_coder_a_title_with_its_own_country_is_not_the_last_person_with_that_title(
    code: Any,
) -> None:
    text = "President Vladimir Putin offered to negotiate with the president of Armenia."
    event = _one(code(text, date="2022-07-19"), "AGREE")
    assert _countries(event["actor"]) == {"RUS"} and _countries(event["recipient"]) == {"ARM"}


def test_coder_pattern_reads_the_objects_preposition(code: Any) -> None:
    event = code("Sudan lifted the state of emergency in Darfur on Sunday.")[0]
    assert event["cameo"].startswith("081") and _countries(event["actor"]) == {"SDN"}


def test_coder_event_noun_in_a_collection_takes_the_verb_subject(code: Any) -> None:
    events = code("Jordan began a new round of joint military exercises with Egypt.")
    assert _countries(_one(events, "COOPERATE")["actor"]) == {"JOR"}


def test_coder_agent_without_nationality_takes_the_country_the_sentence_names(code: Any) -> None:
    event = _one(code("Police attacked students at a rally in Nairobi on Friday."), "ASSAULT")
    assert _countries(event["actor"]) == {"KEN"} and _countries(event["recipient"]) == {"KEN"}
    event = _one(code("Rebels attacked Ugandan troops near Kampala and Goma."), "ASSAULT")
    assert _countries(event["actor"]) == {None}  # two countries named: no guess


def _main(events: list[dict[str, Any]]) -> dict[str, Any]:
    return max(events, key=lambda e: (e["confidence"], -e["trigger"]["start"]))


def test_coder_purpose_clause_ranks_below_the_act(code: Any) -> None:
    events = code("Thousands of Kenyan students staged protests on Friday to demand reforms.")
    assert _one(events, "REQUEST")["confidence"] < _one(events, "PROTEST")["confidence"]
    events = code(
        "Kurdish prisoners continued their hunger strike to demand the release of Ocalan."
    )
    assert _main(events)["type"] == "PROTEST" and _main(events)["cameo"].startswith("142")


def test_coder_act_is_directed_at_whom_its_purpose_clause_addresses(code: Any) -> None:
    events = code(
        "Farmers in Ghana blocked highways on Monday to press demands on the Ghanaian government."
    )
    protest = _main(events)
    assert protest["trigger"]["text"] == "blocked"
    assert _countries(protest["recipient"]) == {"GHA"}
    # so is what it is "in defiance of"
    events = code("Students blocked streets in Santiago in defiance of Peruvian authorities.")
    assert _countries(_one(events, "PROTEST")["recipient"]) == {"PER"}
    # a disapproval shown is an act of its own: what the blockade is aimed at
    events = code("Chilean students blocked roads to show their disapproval of Peru's policies.")
    assert _countries(_one(events, "PROTEST")["recipient"]) == {"PER"}


def test_coder_content_of_a_demand_the_verb_took_as_object(code: Any) -> None:
    events = code(
        "The International Labour Organization repeated its demand on Monday that Qatar"
        " must lift restrictions on migrant workers, a statement said."
    )
    assert not [e for e in events if e["type"] == "CONCEDE"]


def test_coder_sworn_to_act_is_a_future_act(code: Any) -> None:
    events = code("Kurdish rebels have sworn to fight until they win the border towns.")
    assert "future" in _one(events, "ASSAULT")["aux"]


def test_coder_stative_passive_subject_is_the_actor(code: Any) -> None:
    # "is opposed to", "were engaged in": a state of the subject, not something done to it
    event = _main(code("Norway is opposed to Swedish mediation in the dispute."))
    assert _countries(event["actor"]) == {"NOR"} and "NOR" not in _countries(event["recipient"])
    event = _main(code("Chilean troops were engaged in ethnic cleansing against Peruvians."))
    assert event["type"] == "ASSAULT" and _countries(event["actor"]) == {"CHL"}


def test_coder_what_a_stative_passive_is_opposed_to_is_its_object(code: Any) -> None:
    # "is opposed to a peace plan" reads the patterns of "opposed a peace plan": a rejection
    event = _main(code("Norway is opposed to the Swedish peace plan."))
    assert event["type"] == "REJECT" and _countries(event["actor"]) == {"NOR"}
    assert _main(code("Norway opposed the Swedish peace plan."))["type"] == "REJECT"


def test_coder_light_verb_codes_its_event_noun(code: Any) -> None:
    # "engaged in" has no event of its own next to the cleansing it names
    events = code("Bolivian militias have engaged in ethnic cleansing in the east.")
    assert [e["trigger"]["text"] for e in events] == ["cleansing"]
    assert _countries(events[0]["actor"]) == {"BOL"}


def test_coder_verb_the_lemmatizer_misreads_is_found_by_its_form(code: Any) -> None:
    # the rule lemmatizer makes "wag" of "waged"
    event = _main(code("Peruvian rebels waged a war against the Chilean army."))
    assert event["trigger"]["text"] == "waged" and event["type"] == "ASSAULT"


def test_coder_condition_ranks_below_the_main_clause(code: Any) -> None:
    event = _main(code("Peru said it would boycott the talks unless Chile agreed to a ceasefire."))
    assert event["trigger"]["text"] == "boycott"


def test_coder_group_without_nationality_takes_the_one_country_named(code: Any) -> None:
    event = _main(code("Egyptian police detained student demonstrators on Monday."))
    assert _countries(event["recipient"]) == {"EGY"}
    event = _main(code("Egyptian police detained Libyan smugglers on Monday."))
    assert _countries(event["recipient"]) == {"LBY"}  # its own country, not the guess


def test_coder_modality_of_the_verb_reaches_a_compound_trigger(code: Any) -> None:
    event = _main(code("The European Union may halt mediation efforts if the fighting goes on."))
    assert event["type"] == "SANCTION" and "hypothetical" in event["aux"]


def test_coder_argument_phrase_keeps_whose_and_which_not_the_predicates_phrases(code: Any) -> None:
    event = _main(code("Chilean artillery shelled the border villages of Peru with rockets."))
    assert [a["text"] for a in event["arguments"]["recipient"]] == ["the border villages of Peru"]
    event = _main(code("Chile's president met Peruvian President Jose Ruiz in Lima on Monday."))
    phrases = [a["text"] for a in event["arguments"]["recipient"]]
    assert phrases == ["Peruvian President Jose Ruiz"]  # a name is identified by itself


def test_coder_goal_beats_a_theme_whose_country_is_a_guess(code: Any) -> None:
    event = _main(code("Chile has offered to send troops to Peru."))
    assert [a["text"] for a in event["recipient"]] == ["Peru"]


def test_coder_thing_sent_to_an_actor_is_a_theme(code: Any) -> None:
    event = _main(code("Chile returned six Peruvian artifacts to the government of Peru."))
    assert [a["text"] for a in event["recipient"]] == ["the government"]
    # people sent somewhere are who the act is done to
    event = _main(code("Chilean authorities deported 300 Peruvians to Bolivia."))
    assert "300 Peruvians" in [a["text"] for a in event["recipient"]]


def test_coder_mobilized_force_is_not_the_recipient(code: Any) -> None:
    event = _main(code("Chile mobilized its reservists for a possible war against Peru."))
    assert event["type"] == "MOBILIZE" and _countries(event["recipient"]) == {"PER"}


def test_coder_object_pronoun_is_not_its_own_clause_subject(code: Any) -> None:
    event = _main(code("President Gabriel Boric called Dina Boluarte and urged her to resign."))
    assert [a["name"] for a in event["recipient"]] == ["Dina Boluarte"]


def test_coder_coordinated_nationalities_are_two_actors(code: Any) -> None:
    event = _main(code("Chilean and Peruvian warships began war games off Arica on Monday."))
    assert _countries(event["actor"]) == {"CHL", "PER"}
    # the manual: joint military operations are COOPERATE, one country's exercise MOBILIZE
    assert event["type"] == "COOPERATE"
    event = _main(code("Chilean warships began war games off Arica on Monday."))
    assert event["type"] == "MOBILIZE" and _countries(event["actor"]) == {"CHL"}


def test_coder_light_verb_keeps_the_event_of_an_ambiguous_noun(code: Any) -> None:
    # "grant" alone is coded only with both slots; "give ... a grant" is the verb's aid
    event = _main(code("Finland will give Tanzania a grant of 580 million shillings."))
    assert event["trigger"]["text"] == "give" and _countries(event["recipient"]) == {"TZA"}


def test_coder_purpose_of_a_promised_act_is_promised_too(code: Any) -> None:
    events = code("Norway will send troops to help defend Chile.")
    assert "future" in next(e for e in events if e["trigger"]["text"] == "help")["aux"]
    events = code("Norway sent troops to help defend Chile.")
    assert "future" not in next(e for e in events if e["trigger"]["text"] == "help")["aux"]


def test_coder_scene_setting_clause_ranks_below_the_news(code: Any) -> None:
    # the court's ruling names both parties, the demand only its speaker: still the news
    text = "Chile's former president demanded new elections after a court cleared him."
    event = _main(code(text))
    assert event["type"] == "REQUEST"


def test_coder_demand_is_addressed_to_the_subject_of_its_content(code: Any) -> None:
    text = "The ILO reiterated its demand today that Qatar ease curbs on migrant workers."
    event = _main(code(text))
    assert event["type"] == "REQUEST" and _countries(event["recipient"]) == {"QAT"}
    # the demand insisted on: its content clause names whom it is addressed to
    text = "The rebels insisted on their demand that Chile's government recognise the Aymara."
    event = _main(code(text))
    assert event["type"] == "REQUEST" and _countries(event["recipient"]) == {"CHL"}


def test_coder_stranded_preposition_takes_the_noun_the_parser_made_a_subject(code: Any) -> None:
    # the small model parses "officers" as the subject of "holed up", leaving "to" empty
    text = "Peru has granted diplomatic asylum to five Bolivian army officers holed up in a house."
    event = _main(code(text))
    assert event["type"] == "AID" and _countries(event["recipient"]) == {"BOL"}


def test_coder_one_phrase_of_two_nationalities_agrees_mutually(code: Any) -> None:
    text = "The Chilean and Peruvian sides of the border commission agreed to share data."
    event = _main(code(text))
    assert _countries(event["actor"]) == {"CHL", "PER"} and event["recipient"] == []
    assert event["reciprocal"]


def test_coder_preparing_to_attack_is_mobilization_now(code: Any) -> None:
    # the manual's MOBILIZE: military posturing that falls short of the use of force
    event = _main(code("The Chilean army prepared to resume shelling Peruvian positions."))
    assert event["type"] == "MOBILIZE" and "future" not in event["aux"]
    # the adjective is a declared willingness, not a show of force
    event = _main(code("Chile is prepared to attack Peruvian positions."))
    assert event["type"] == "ASSAULT" and "future" in event["aux"]


def test_coder_arrival_of_a_force_is_a_move_not_a_visit(code: Any) -> None:
    # the manual's MOBILIZE: "all military or police moves that fall short of the use of force"
    event = _main(code("Chilean troops arrived in Bolivia on Monday."))
    assert event["type"] == "MOBILIZE" and event["cameo"] == "154"
    assert _countries(event["actor"]) == {"CHL"}
    # peacekeepers' arrival is peacekeeping (CAMEO 074)
    event = _main(code("Kenyan peacekeeping troops arrived in Somalia on Monday."))
    assert event["type"] == "AID" and event["cameo"] == "074"
    # a person of the military still visits
    event = _main(code("Chilean General Juan Soto arrived in Bolivia on Monday."))
    assert event["type"] == "CONSULT"


def test_coder_passive_infinitive_takes_its_agent_as_actor(code: Any) -> None:
    events = code("Chile will send ships to the exercise, expected to be joined by Peruvian ships.")
    joined = [e for e in events if e["trigger"]["text"] == "joined"]
    assert joined and _countries(joined[0]["actor"]) == {"PER"}
    assert _countries(joined[0]["recipient"]) == {"CHL"}


def test_coder_coordinated_passives_share_their_patient_and_agent(code: Any) -> None:
    events = code("Two Chilean journalists were arrested and tortured by Peruvian soldiers.")
    for type_ in ("COERCE", "ASSAULT"):
        event = _one(events, type_)
        assert _countries(event["actor"]) == {"PER"}, type_
        assert _countries(event["recipient"]) == {"CHL"}, type_
    # the second verb with a subject of its own is active
    event = _one(code("Chilean troops were attacked and Peru mobilized its army."), "MOBILIZE")
    assert _countries(event["actor"]) == {"PER"}


def test_coder_an_unknown_patient_is_not_replaced_by_a_place(code: Any) -> None:
    # the passive subject is the one tortured, even when the tables do not know an inmate:
    # the prison where it happened is not the recipient
    event = _one(
        code("A young inmate was tortured by Peruvian guards in Lurigancho Prison."), "ASSAULT"
    )
    assert _countries(event["actor"]) == {"PER"}
    assert all("Prison" not in r["text"] for r in event["recipient"])


def test_coder_people_sent_somewhere_are_the_recipients_not_the_place(code: Any) -> None:
    event = _one(code("Chilean authorities deported 300 Bolivians to Arica."), "COERCE")
    assert [r["text"] for r in event["recipient"]] == ["300 Bolivians"]
    # nor is whom they are handed over to
    event = _main(code("Peruvian rebels released two Chilean soldiers to Red Cross officials."))
    assert [r["text"] for r in event["recipient"]] == ["two Chilean soldiers"]
    # a thing or a force sent somewhere: the place it goes to is the recipient
    event = _main(code("Chile sent troops to Bolivia."))
    assert [r["text"] for r in event["recipient"]] == ["Bolivia"]
    # however many things are listed
    event = _main(code("Chile offered to Peru an armored regiment, attack helicopters and jets."))
    assert [r["text"] for r in event["recipient"]] == ["Peru"]


def test_coder_the_subject_of_dying_is_the_victim(code: Any) -> None:
    events = code("Three Chilean soldiers died in the attack near the Peruvian border.")
    event = _one(events, "ASSAULT")
    assert event["actor"] == [] and _countries(event["recipient"]) == {"CHL"}
    # nor are the dead the actors of the attack they died in
    assert all(_countries(e["actor"]) != {"CHL"} for e in events)


def test_coder_the_patient_of_a_passive_is_not_the_actor_of_its_event_noun(code: Any) -> None:
    events = code("Three Chilean soldiers were killed in a car bombing near the border.")
    assert events and all(_countries(e["actor"]) != {"CHL"} for e in events)
    # but whoever is asked to hold talks holds them, and a stative passive's subject acts
    talks = _one(code("Chile was asked to hold talks with Peru."), "CONSULT")
    assert _countries(talks["actor"]) == {"CHL"}
    talks = _one(code("Chile was engaged in talks with Peru."), "CONSULT")
    assert _countries(talks["actor"]) == {"CHL"}


def test_coder_people_named_with_their_place_act_for_it(code: Any) -> None:
    event = _one(code("The Albanians of southern Serbia demanded autonomy."), "REQUEST")
    assert _countries(event["actor"]) == {"SRB"}


def test_coder_weapons_a_pattern_names_are_no_recipient(code: Any) -> None:
    # the target of a coordinated object's "against" phrase is the recipient
    event = _main(code("Chilean forces launched artillery and rocket fire against Peruvian camps."))
    assert event["type"] == "ASSAULT" and _countries(event["recipient"]) == {"PER"}
    assert all(r["text"] != "artillery" for r in event["recipient"])


def test_coder_who_orders_an_act_is_its_actor(code: Any) -> None:
    event = _main(code("The Chilean president ordered airstrikes on rebel camps in Peru."))
    assert event["type"] == "ASSAULT" and event["trigger"]["text"] == "airstrikes"
    assert _countries(event["actor"]) == {"CHL"}
    # ordering someone to act stays a demand
    event = _main(code("Chile ordered Peru to withdraw its troops."))
    assert event["type"] == "REQUEST" and _countries(event["recipient"]) == {"PER"}


def test_coder_cyber_attacks_are_coercion_in_the_cyber_mode(code: Any) -> None:
    # the manual's COERCE "cyber": hacking, website attacks, cyber attacks and warfare
    for text in (
        "Chile launched cyber warfare against Peru.",
        "Chile carried out cyber-attacks on Peru.",
    ):
        event = _main(code(text))
        assert (event["type"], event["mode"]) == ("COERCE", "cyber"), text
        assert _countries(event["actor"]) == {"CHL"} and _countries(event["recipient"]) == {"PER"}
    # an attack that is not a cyber attack keeps its type
    assert _main(code("Chile carried out attacks on Peru."))["type"] == "ASSAULT"


def test_coder_a_group_linked_to_a_country_does_not_cooperate_with_it(code: Any) -> None:
    events = code("Hackers linked to the Chilean government attacked Peruvian banks.")
    assert all(e["type"] != "COOPERATE" for e in events)


def test_coder_an_arrival_is_a_visit_not_a_meeting_of_both(code: Any) -> None:
    event = _main(code("The Chilean president arrived in Lima on Tuesday."))
    assert (event["type"], event["cameo"], event["reciprocal"]) == ("CONSULT", "042", False)
    assert _countries(event["recipient"]) == {"PER"}


def test_coder_a_statement_that_someone_must_act_is_a_demand(code: Any) -> None:
    text = "The Chilean president issued a reminder to Peru that it must respect the treaty."
    event = _main(code(text))
    assert event["type"] == "REQUEST" and _countries(event["actor"]) == {"CHL"}
    assert _countries(event["recipient"]) == {"PER"}
    # a clause that only describes the noun is no content
    assert all(e["type"] != "REQUEST" for e in code("Chile issued a statement that Peru read."))


def test_coder_emergency_supplies_are_humanitarian_aid(code: Any) -> None:
    event = _main(code("Chile sent emergency supplies to Haiti."))
    assert (event["type"], event["cameo"]) == ("AID", "073")
    assert _countries(event["actor"]) == {"CHL"} and _countries(event["recipient"]) == {"HTI"}
    # what is listed with the supplies is sent too, not their recipient
    event = _main(code("Chile shipped emergency supplies, doctors and engineers on Monday."))
    assert event["type"] == "AID" and event["recipient"] == []


def test_coder_a_patrol_is_a_show_of_force_unless_it_is_attacked(code: Any) -> None:
    event = _main(code("The Chilean government ordered patrols by police and soldiers."))
    assert (event["type"], event["trigger"]["text"]) == ("MOBILIZE", "patrols")
    assert _countries(event["actor"]) == {"CHL"}
    events = code("Peruvian rebels ambushed a Chilean army patrol.")
    assert [e["type"] for e in events] == ["ASSAULT"]
    assert _countries(events[0]["recipient"]) == {"CHL"}


def test_coder_what_an_attack_hits_stands_for_whom_it_is_for(code: Any) -> None:
    event = _main(code("A camp for Peruvian refugees was attacked by Chilean militiamen."))
    assert event["type"] == "ASSAULT" and _countries(event["recipient"]) == {"PER"}


def test_coder_whom_an_act_allows_to_do_something_is_its_recipient(code: Any) -> None:
    # the parser makes the object of "allow" the subject of its infinitive clause
    text = "The Chilean court allowed Peruvian candidate Pedro Castillo to run in the elections."
    event = _one(code(text), "CONCEDE")
    assert _countries(event["actor"]) == {"CHL"} and _countries(event["recipient"]) == {"PER"}


def test_coder_whom_a_refusal_would_have_allowed_is_its_recipient(code: Any) -> None:
    event = _main(code("Peru refused to allow Chilean planes to land."))
    assert event["type"] == "REJECT" and _countries(event["recipient"]) == {"CHL"}


def test_coder_recipient_argument_names_whom_the_tables_do_not_know(code: Any) -> None:
    # the syntax names the target though it has no country: the argument says who it is,
    # the coded recipient stays empty rather than invented
    hacked = _one(code("Russia launched cyber attacks on two oil pipelines."), "COERCE")
    assert hacked["recipient"] == []
    assert [a["text"] for a in hacked["arguments"]["recipient"]] == ["two oil pipelines"]
    shelled = _one(code("The old mill was shelled by Russian artillery."), "ASSAULT")
    assert [a["text"] for a in shelled["arguments"]["recipient"]] == ["The old mill"]
    # not the topic of an agreement, what the act's pattern names, nor the means of an act
    agreed = _one(code("Britain and Norway agreed on new fishing quotas."), "AGREE")
    assert agreed["arguments"]["recipient"] == []
    truce = _one(code("Chile and Peru agreed to a cease-fire."), "AGREE")
    assert truce["arguments"]["recipient"] == []
    sent = _one(code("Peru sent in troops with the order to restore calm."), "MOBILIZE")
    assert sent["arguments"]["recipient"] == []
    # what an act is about, or the state it puts something in, is no party either; "at"
    # names the target of force
    fought = _one(code("Rebels fought over two oil pipelines."), "ASSAULT")
    assert fought["arguments"]["recipient"] == []
    signed = _one(code("The president signed the bill into law."), "SUPPORT")
    assert signed["arguments"]["recipient"] == []
    fired = _one(code("Russian forces fired at two oil pipelines."), "ASSAULT")
    assert [a["text"] for a in fired["arguments"]["recipient"]] == ["two oil pipelines"]
    # a withdrawal is from somewhere
    left = _one(code("Honduras withdrew its troops from a disputed border zone."), "RETREAT")
    assert [a["text"] for a in left["arguments"]["recipient"]] == ["a disputed border zone"]


def test_coder_argument_keeps_the_closing_bracket_the_parser_hangs_elsewhere(code: Any) -> None:
    text = "The Security Council imposed sanctions on the Central African Republic (CAR) today."
    event = _one(code(text), "SANCTION")
    texts = [a["text"] for a in event["arguments"]["recipient"]]
    assert texts == ["the Central African Republic (CAR)"]


def test_coder_arresting_members_is_an_arrest_not_an_abduction(code: Any) -> None:
    # the PETRARCH block of ARREST and CAPTURE lists "members" for each verb with its own
    # code: each verb keeps the pattern written for it
    event = _main(code("Kenyan police arrested members of an opposition party on Monday."))
    assert (event["type"], event["cameo"]) == ("COERCE", "173")


def test_coder_a_proper_name_runs_on_through_of(code: Any) -> None:
    # the noun phrase of "Organization" stops before "of"; the name does not
    text = "The Organization of African Unity launched a mediation effort in Chad."
    event = _main(code(text))
    assert [a["name"] for a in event["actor"]] == ["Organization of African Unity"]
    # a name inside the "of" object is not the head's: a book is not its subject
    events = code("Melville House released The Making of Donald Trump on Monday.")
    assert all(r["text"] != "The Making of Donald Trump" for e in events for r in e["recipient"])


def test_coder_denying_charges_rejects_the_accuser(code: Any) -> None:
    # CAMEO 016 "Deny responsibility", which the PLOVER manual allows to code as REJECT
    event = _main(code("Iran rejected accusations by Israel that it had attacked the ship."))
    assert (event["type"], event["cameo"]) == ("REJECT", "016")
    assert _countries(event["actor"]) == {"IRN"} and _countries(event["recipient"]) == {"ISR"}


def test_coder_nouns_sharing_a_determiner_are_one_argument(code: Any) -> None:
    event = _main(code("Ethiopian rebels freed a Cuban physician and nurse on Saturday."))
    assert [a["text"] for a in event["arguments"]["recipient"]] == ["a Cuban physician and nurse"]
    # each with its own determiner, two arguments
    event = _main(code("Ethiopian rebels freed the Cuban physician and the nurse on Saturday."))
    texts = [a["text"] for a in event["arguments"]["recipient"]]
    assert texts == ["the Cuban physician", "the nurse"]


def test_coder_whoever_comes_under_an_event_undergoes_it(code: Any) -> None:
    attacked = _one(code("An Afghan army convoy came under attack near Kandahar."), "ASSAULT")
    assert attacked["actor"] == [] and _countries(attacked["recipient"]) == {"AFG"}
    texts = [a["text"] for a in attacked["arguments"]["recipient"]]
    assert texts == ["An Afghan army convoy"]
    held = _one(code("Three Iraqi journalists were put under arrest by Kurdish police."), "COERCE")
    assert _countries(held["actor"]) == {"KUR"} and _countries(held["recipient"]) == {"IRQ"}
    # an active verb puts its object under the event
    placed = _one(code("Kurdish police placed three Iraqi journalists under arrest."), "COERCE")
    assert _countries(placed["actor"]) == {"KUR"} and _countries(placed["recipient"]) == {"IRQ"}


def test_coder_meeting_the_survivors_of_an_attack_is_no_part_in_it(code: Any) -> None:
    events = code("President Barack Obama met survivors of a gay nightclub massacre on Thursday.")
    assert _one(events, "CONSULT")["actor"]
    assert not any(e["type"] == "ASSAULT" and e["actor"] for e in events)
    # a container that is no person still passes the verb's subject on
    event = _one(code("Syrian rebels launched a new round of attacks on Monday."), "ASSAULT")
    assert _countries(event["actor"]) == {"SYR"}


def test_coder_a_place_name_two_countries_share_is_read_in_its_sentence(code: Any) -> None:
    # "Tripoli" is Libya's capital, and a Lebanese port
    text = "Gunmen attacked a police post in Tripoli as shells hit the north Lebanese port."
    assert _countries(_one(code(text), "ASSAULT")["recipient"]) == {"LBN"}
    text = "Gunmen attacked a police post in Tripoli on Monday."
    assert _countries(_one(code(text), "ASSAULT")["recipient"]) == {"LBY"}


def test_coder_a_gerund_after_a_preposition_is_done_by_the_clause_subject(code: Any) -> None:
    # "by", "after", "without" + gerund: the subject of the verb the phrase hangs on acts
    donated = _one(code("China helped Africa by donating medical supplies to Kenya."), "AID")
    assert _countries(donated["actor"]) == {"CHN"} and _countries(donated["recipient"]) == {"KEN"}
    # after a preposition of time it sets the scene, as a clause does; after "without" it
    # did not happen
    events = code("Chile recalled its ambassador from Bolivia after holding talks with Peru.")
    assert _countries(_one(events, "CONSULT")["actor"]) == {"CHL"}
    events = code("Chile suspended its aid after attacking Peruvian positions on Monday.")
    assert _main(events)["trigger"]["text"] == "suspended"
    sold = code("Russia sold arms to Armenia without demanding payment from Armenia.")
    assert "negated" in _one(sold, "REQUEST")["aux"]
