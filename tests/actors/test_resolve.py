"""Tests for newsevents.actors.resolve (mention strings written by the team)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from newsevents.actors import ActorResolver, ResolvedActor, default_resolver, normalise_date

DAY = "2022-07-19"


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return default_resolver()


def _code(actor: ResolvedActor | None) -> tuple[str | None, str | None]:
    assert actor is not None
    return actor.country, actor.sector


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iran", ("IRN", None)),
        ("the United States", ("USA", None)),
        ("Russia's", ("RUS", None)),
        ("the Iranians", ("IRN", None)),
        ("Britain", ("GBR", None)),
        ("U.S.", ("USA", None)),
        # earlier names of a state name the state that continues it (Correlates of War)
        ("the Soviet Union", ("RUS", None)),
        ("Zaire", ("COD", None)),
        ("Kampuchean", ("KHM", None)),
        ("Yugoslavia", ("SRB", None)),
    ],
)
def test_resolve_country_names_and_demonyms_have_no_sector(
    resolver: ActorResolver, text: str, expected: tuple[str, None]
) -> None:
    assert _code(resolver.resolve(text, date=DAY)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Moscow", ("RUS", "GOV")),
        ("Kiev", ("UKR", "GOV")),
        ("Kyiv", ("UKR", "GOV")),
        ("the Kremlin", ("RUS", "GOV")),
        ("the White House", ("USA", "GOV")),
        ("Downing Street", ("GBR", "GOV")),
        ("the Elysee", ("FRA", "GOV")),
        ("Foggy Bottom", ("USA", "GOV")),
        ("the Pentagon", ("USA", "MIL")),
    ],
)
def test_resolve_capitals_and_seats_stand_for_the_government(
    resolver: ActorResolver, text: str, expected: tuple[str, str]
) -> None:
    assert _code(resolver.resolve(text, date=DAY)) == expected


def test_resolve_title_and_name_give_the_person(resolver: ActorResolver) -> None:
    actor = resolver.resolve("Turkish President Recep Tayyip Erdogan", date=DAY)
    assert actor is not None
    assert (actor.name, actor.country, actor.sector) == ("Recep Tayyip Erdogan", "TUR", "GOV")
    assert actor.wikidata == "Q39259"
    assert actor.role == "President of Turkey"
    assert "person 'Recep Tayyip Erdogan'" in actor.explain


def test_resolve_surname_alone_when_unique(resolver: ActorResolver) -> None:
    actor = resolver.resolve("Putin", date=DAY)
    assert actor is not None and actor.name == "Vladimir Putin"
    assert "surname" in actor.explain


def test_resolve_roles_follow_the_date(resolver: ActorResolver) -> None:
    assert _code(resolver.resolve("Vladimir Putin", date="1999-01-01")) == ("RUS", "SPY")
    assert resolver.resolve("Vladimir Putin", date="2009-06-01").role == "Prime Minister of Russia"  # type: ignore[union-attr]
    assert resolver.resolve("Vladimir Putin", date=DAY).role == "President of Russia"  # type: ignore[union-attr]


def test_resolve_former_office_holder_is_eli(resolver: ActorResolver) -> None:
    assert _code(resolver.resolve("Ebrahim Raisi", date="2021-09-01")) == ("IRN", "GOV")
    assert _code(resolver.resolve("Ebrahim Raisi", date="2024-06-01")) == ("IRN", "ELI")


def test_resolve_role_holder_with_seat_and_title(resolver: ActorResolver) -> None:
    actor = resolver.resolve("White House national security adviser Jake Sullivan", date=DAY)
    assert actor is not None and actor.name == "Jake Sullivan"
    assert (actor.country, actor.sector) == ("USA", "GOV")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Turkish troops", ("TUR", "MIL")),
        ("Israeli leaders", ("ISR", "GOV")),
        ("Iranian president", ("IRN", "GOV")),
        ("Kurdish militants", ("KUR", "REB")),
        ("Kurdish troops", ("KUR", "REB")),  # an ethnic group has no state military
        ("US intelligence", ("USA", "SPY")),
        ("Kyiv police", ("UKR", "COP")),
        ("Iranian protesters", ("IRN", "CVL")),
        ("the Russian defense ministry", ("RUS", "GOV")),
        ("crowd control police", (None, "COP")),
    ],
)
def test_resolve_nationality_plus_agent(
    resolver: ActorResolver, text: str, expected: tuple[str, str]
) -> None:
    assert _code(resolver.resolve(text, date=DAY)) == expected


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("the Kurdish YPG militia", "People's Protection Units", ("SYR", "REB")),
        ("Syrian Democratic Forces (SDF)", "Syrian Democratic Forces", ("SYR", "REB")),
        ("the ISIS terror group", "Islamic State", ("IMG", "REB")),
        ("Hezbollah fighters", "Hezbollah", ("LBN", "REB")),
        ("the UN", "United Nations", ("UNO", None)),
        ("NATO troops", "NATO", ("IGO", "MIL")),
        ("EU lawmakers", "European Union", ("EUR", "LEG")),
    ],
)
def test_resolve_organisations_and_acronyms(
    resolver: ActorResolver, text: str, name: str, expected: tuple[str, str | None]
) -> None:
    actor = resolver.resolve(text, date=DAY)
    assert actor is not None and actor.name == name
    assert (actor.country, actor.sector) == expected


def test_resolve_organisation_roles_change_over_time(resolver: ActorResolver) -> None:
    assert _code(resolver.resolve("the Taliban", date="2005-01-01")) == ("AFG", "REB")
    assert _code(resolver.resolve("the Taliban", date="2023-01-01")) == ("AFG", "GOV")


def test_resolve_acronyms_are_case_sensitive(resolver: ActorResolver) -> None:
    assert resolver.resolve("UN", date=DAY) is not None
    assert resolver.resolve("un", date=DAY) is None
    assert resolver.resolve("us", date=DAY) is None


def test_resolve_modifier_after_preposition_gives_no_head(resolver: ActorResolver) -> None:
    assert _code(resolver.resolve("Russia's ambassador to Poland", date=DAY)) == ("RUS", "GOV")
    assert _code(resolver.resolve("Canadian envoy to the United Nations", date=DAY)) == (
        "CAN",
        "GOV",
    )
    # A place after "in" locates, it does not make the actor a government.
    assert _code(resolver.resolve("a market in Tehran", date=DAY)) == ("IRN", None)


def test_resolve_context_supplies_a_missing_country(resolver: ActorResolver) -> None:
    actor = resolver.resolve("the navy", date=DAY, context="Norwegian ships left port.")
    assert _code(actor) == ("NOR", "MIL")
    assert "context" in actor.explain  # type: ignore[union-attr]
    two = "Chilean and Peruvian ships left port."
    assert _code(resolver.resolve("the navy", date=DAY, context=two)) == (None, "MIL")


@pytest.mark.parametrize("text", ["a ball of string", "Quentin Marlowe-Dupres", "", "   ", "the"])
def test_resolve_returns_none_when_nothing_matches(resolver: ActorResolver, text: str) -> None:
    assert resolver.resolve(text, date=DAY) is None


def test_resolve_unknown_name_beside_a_place_word_is_not_the_place(
    resolver: ActorResolver,
) -> None:
    # "Valencia" is a Spanish place, but here the surname of an unknown person.
    assert resolver.resolve("Marisol Valencia", date=DAY) is None


def test_resolve_ambiguous_surname_returns_none(tmp_path: Path) -> None:
    table = {
        "source": "team test fixture", "version": "1", "licence": "MIT", "kind": "people",
        "entries": [
            {"name": "Ilse Varnholt", "roles": [{"country": "DEU", "sector": "GOV",
             "start": "2019-01-01", "end": None}]},
            {"name": "Jorg Varnholt", "roles": [{"country": "AUT", "sector": "LEG",
             "start": "2019-01-01", "end": None}]},
            {"name": "Petra Orlenko", "roles": [{"country": "UKR", "sector": "JUD",
             "start": "2019-01-01", "end": "2021-01-01"}]},
        ],
    }  # fmt: skip
    path = tmp_path / "people.json"
    path.write_text(json.dumps(table), encoding="utf-8")
    resolver = ActorResolver.load([path], use_env=False)
    assert resolver.resolve("Varnholt", date=DAY) is None
    assert _code(resolver.resolve("Ilse Varnholt", date=DAY)) == ("DEU", "GOV")
    assert _code(resolver.resolve("Orlenko", date="2020-01-01")) == ("UKR", "JUD")


def test_resolve_user_table_overrides_the_packaged_one(tmp_path: Path) -> None:
    table = {
        "source": "team test fixture", "version": "1", "licence": "MIT", "kind": "agents",
        "entries": [{"name": "troops", "forms": ["troops"], "sector": "PRM"}],
    }  # fmt: skip
    path = tmp_path / "agents.json"
    path.write_text(json.dumps(table), encoding="utf-8")
    resolver = ActorResolver.load([path], use_env=False)
    assert _code(resolver.resolve("Turkish troops", date=DAY)) == ("TUR", "PRM")


def test_resolve_without_date_uses_today() -> None:
    actor = default_resolver().resolve("Ebrahim Raisi")
    assert _code(actor) == ("IRN", "ELI")


def test_resolve_date_forms_and_errors() -> None:
    assert normalise_date("2022") == "2022-01-01"
    assert normalise_date("2022-06") == "2022-06-01"
    assert normalise_date(None) is None
    with pytest.raises(ValueError):
        normalise_date("June 2022")
    with pytest.raises(ValueError):
        normalise_date("2022-02-30")


def test_resolve_default_resolver_is_built_once() -> None:
    assert default_resolver() is default_resolver()


def test_resolve_is_fast(resolver: ActorResolver) -> None:
    mentions = ["Russian President Vladimir Putin", "Kurdish militants", "the Kremlin"] * 300
    start = time.perf_counter()
    for text in mentions:
        resolver.resolve(text, date=DAY)
    assert time.perf_counter() - start < 2.0


def test_resolve_as_dict_has_the_contract_fields(resolver: ActorResolver) -> None:
    actor = resolver.resolve("Iranian president", date=DAY)
    assert actor is not None
    assert set(actor.as_dict()) == {"name", "country", "sector", "wikidata", "role", "explain"}


@pytest.mark.parametrize(
    ("mention", "date", "name"),
    [
        ("the Russian leader", "2022-07-18", "Vladimir Putin"),
        ("Iran's supreme leader", "2022-07-18", "Ali Khamenei"),
        ("the German leader", "2022-07-18", "Olaf Scholz"),  # the chancellor leads Germany
        ("the German leader", "2020-07-18", "Angela Merkel"),
        ("the Turkish president", "2022-07-18", "Recep Tayyip Erdogan"),
        # an organisation entry that only names the office is the office, not an actor
        ("the U.S. president", "2022-07-18", "Joe Biden"),
        ("US President", "2018-07-01", "Donald Trump"),
        ("the President of the United States", "2010-07-01", "Barack Obama"),
        ("the US secretary of state", "2023-01-01", "Antony Blinken"),
        ("the British foreign minister", "2023-01-01", "James Cleverly"),
        ("the Indian foreign minister", "2023-01-01", "Subrahmanyam Jaishankar"),
        ("the Japanese defense minister", "2023-01-01", "Yasukazu Hamada"),
        ("the Kenyan president", "2023-01-01", "William Ruto"),
        ("the Saudi leader", "2023-01-01", "Salman bin Abdulaziz"),
        ("the Thai prime minister", "2025-10-01", "Anutin Charnvirakul"),
    ],
)
def test_resolve_role_without_name_is_the_office_holder_at_the_date(
    mention: str, date: str, name: str
) -> None:
    found = default_resolver().resolve(mention, date)
    assert found is not None and found.name == name
    assert "office holder" in found.explain


def test_resolve_plural_role_stays_generic() -> None:
    found = default_resolver().resolve("Israeli leaders", "2022-07-18")
    assert found is not None and found.name is None and found.country == "ISR"


@pytest.mark.parametrize(
    "mention",
    ["Omar Hassan al-Bashir", "Omar El Bashir", "Omar al-Bashir", "Sudanese President Omar Bashir"],
)
def test_resolve_name_forms_agree_on_first_and_last_name(mention: str) -> None:
    found = default_resolver().resolve(mention, "2000-06-01")
    assert found is not None and (found.country, found.sector) == ("SDN", "GOV")
    assert found.name == "Omar al-Bashir"


def test_resolve_name_form_needs_the_middle_names_to_agree(tmp_path: Path) -> None:
    table = {
        "source": "team test fixture", "version": "1", "licence": "MIT", "kind": "people",
        "entries": [{"name": "Karim Abdel Nouri Al Sadiq", "roles": [
            {"country": "EGY", "sector": "GOV", "start": "2019-01-01", "end": None}]}],
    }  # fmt: skip
    path = tmp_path / "people.json"
    path.write_text(json.dumps(table), encoding="utf-8")
    resolver = ActorResolver.load([path], use_env=False)
    assert _code(resolver.resolve("Karim el-Sadiq", date=DAY)) == ("EGY", "GOV")
    assert _code(resolver.resolve("Karim A. N. Sadiq", date=DAY)) == ("EGY", "GOV")
    assert resolver.resolve("Karim Youssef Sadiq", date=DAY) is None  # "Youssef" is not his
    assert resolver.resolve("Nouri Sadiq", date=DAY) is None  # the first name must agree


def test_resolve_surname_alone_only_for_a_unique_office_holder() -> None:
    resolver = default_resolver()
    assert resolver.resolve("Trump", date="2022-07-19") is None  # out of office then
    found = resolver.resolve("Trump", date="2025-06-01")
    assert found is not None and found.name == "Donald Trump"
    assert "only office holder" in found.explain


def test_resolve_office_of_a_body_is_not_the_head_of_state() -> None:
    found = default_resolver().resolve("President of the Chadian Human Rights League", DAY)
    assert found is not None and found.name is None and found.country == "TCD"


def test_resolve_former_holder_named_with_the_title_is_in_office() -> None:
    resolver = default_resolver()
    assert _code(resolver.resolve("Ben Wallace", date="2025-01-01")) == ("GBR", "ELI")
    titled = resolver.resolve("UK Defence Secretary Ben Wallace", date="2025-01-01")
    assert _code(titled) == ("GBR", "GOV")
    former = resolver.resolve("former Defence Secretary Ben Wallace", date="2025-01-01")
    assert _code(former) == ("GBR", "ELI")


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("Mariupol", ("UKR", "CVL")),
        ("Sydney police", ("AUS", "COP")),
        ("Oxford University", ("GBR", "EDU")),
        # a big city known by another spelling of its name (GeoNames: Zaporizhzhia)
        ("Zaporozhye", ("UKR", "CVL")),
        ("Khan Younis", ("PSE", "CVL")),
    ],
)
def test_resolve_city_from_the_gazetteer_gives_the_country(
    mention: str, expected: tuple[str, str]
) -> None:
    assert _code(default_resolver().resolve(mention, DAY)) == expected


def test_resolve_city_name_shared_by_two_countries_gives_none() -> None:
    found = default_resolver().resolve("Valencia", DAY)  # Spain and Venezuela
    assert found is None or found.country in (None, "ESP")
    assert default_resolver().resolve("Marisol Valencia", DAY) is None


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("the Riigikogu", ("EST", "LEG")),
        ("the Sinaloa Cartel", ("MEX", "CRM")),
        ("Labour", ("GBR", "PTY")),
        ("the FDLR", ("RWA", "REB")),
        ("the Black Sea Fleet", ("RUS", "MIL")),
    ],
)
def test_resolve_team_organisations(mention: str, expected: tuple[str, str]) -> None:
    assert _code(default_resolver().resolve(mention, DAY)) == expected


def test_resolve_one_word_organisation_needs_a_capital() -> None:
    assert default_resolver().resolve("forced labour", DAY) is None


def test_coref_a_name_of_particles_only_names_nobody() -> None:
    # a PERSON span made of particles once crashed the coder with an IndexError
    from newsevents.actors.coref import DocumentActors

    for particles in ("Al", "bin", "Al-", "Jr."):
        people = DocumentActors(default_resolver(), "2016-01-19")
        people.link(particles, named=True)
        later = people.link("Cruz", named=True)
        assert later.person is None or later.person.name != particles


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("President Mugabe", ("ZWE", "GOV")),  # long after his presidency: the title decides
        ("Prime Minister Blair", ("GBR", "GOV")),
        ("former president Carlos Menem", ("ARG", "ELI")),
    ],
)
def test_resolve_title_and_surname_of_a_former_office_holder(
    mention: str, expected: tuple[str, str]
) -> None:
    found = default_resolver().resolve(mention, "2024-05-01")
    assert _code(found) == expected and found is not None and found.kind == "person"


def test_resolve_surname_alone_of_a_former_office_holder_is_nobody() -> None:
    assert default_resolver().resolve("Mugabe", "2024-05-01") is None


def test_resolve_person_keeps_the_country_of_a_past_office() -> None:
    found = default_resolver().resolve("Kofi Annan", "2024-05-01")
    assert found is not None and found.country == "UNO"


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("an anti-Russia blogger", (None, "JRN")),
        ("pro-Iranian militants", (None, "REB")),
        ("Iranian-backed gunmen", (None, "UAF")),
        ("US-led forces", ("USA", "MIL")),  # led by: the leader is the actor
        ("Syrian armed forces", ("SYR", "MIL")),  # no hyphen: the army of Syria
    ],
)
def test_resolve_anti_pro_and_backed_compounds_name_somebody_else(
    mention: str, expected: tuple[str | None, str]
) -> None:
    assert _code(default_resolver().resolve(mention, DAY)) == expected


def test_resolve_ethnic_group_is_a_people_not_the_state() -> None:
    assert _code(default_resolver().resolve("ethnic Hungarians", DAY)) == (None, "CVL")
    assert _code(default_resolver().resolve("Hungarian farmers", DAY))[0] == "HUN"


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("Yoruba leaders", ("NGA", "GOV")),
        ("Hausa politicians", ("NGA", "PTY")),
        ("Uighur activists", ("CHN", "CVL")),
        ("Chechen rebels", ("RUS", "REB")),
    ],
)
def test_resolve_people_of_one_country_names_that_country(
    mention: str, expected: tuple[str, str]
) -> None:
    # a people most of whom live in one country is coded as that country, as CAMEO coders
    # code domestic groups; "ethnic X" still names the people, of no country
    resolver = default_resolver()
    assert _code(resolver.resolve(mention, DAY)) == expected
    people = f"ethnic {mention.split()[0]}s"
    assert _code(resolver.resolve(people, DAY)) == (None, "CVL")


@pytest.mark.parametrize("mention", ["the Heritage Foundation", "the Tigers", "Youth"])
def test_resolve_an_ordinary_word_is_no_organisation_name(mention: str) -> None:
    # the Phoenix dictionaries give some armed groups ordinary words as names ("The
    # Foundation" for El Rukn, "Youth" for Gazteriak): they name nothing by themselves
    assert default_resolver().resolve(mention, DAY) is None


def test_resolve_common_words_that_spell_a_capital_or_a_surname() -> None:
    resolver = default_resolver()
    # "male" spells Male, the Maldives' capital, which news writes capitalised
    assert _code(resolver.resolve("male troops", DAY)) == (None, "MIL")
    assert _code(resolver.resolve("the Male government", DAY)) == ("MDV", "GOV")
    # "Sen." before a name is a senator's title, not Hun Sen's surname
    found = resolver.resolve("Sen. Lindsey Graham", "2016-02-01")
    assert found is not None and found.name == "Lindsey Graham"
    assert _code(resolver.resolve("Hun Sen", "2016-02-01")) == ("KHM", "GOV")


def test_resolve_hyphenated_nationalities_and_languages() -> None:
    resolver = default_resolver()
    # the last of two demonyms is the citizenship: a German of Iranian descent
    assert _code(resolver.resolve("an 18-year-old Iranian-German", DAY))[0] == "DEU"
    assert _code(resolver.resolve("Mexican-American voters", DAY)) == ("USA", "CVL")
    # a language community is not the state
    assert _code(resolver.resolve("Russian-speaking separatists", DAY)) == (None, "REB")


def test_resolve_the_other_side_of_a_relation_is_not_the_actor() -> None:
    # "Israel's ally" is somebody else than Israel; a country named after the relation
    # noun is the one spoken of ("NATO ally Turkey")
    resolver = default_resolver()
    assert _code(resolver.resolve("Israel's militia ally", DAY)) == (None, "PRM")
    assert resolver.resolve("US allies", DAY) is None
    assert _code(resolver.resolve("NATO ally Turkey", DAY)) == ("TUR", None)
    assert _code(resolver.resolve("NATO allies", DAY))[0] == "IGO"  # the alliance's members


def test_resolve_possessor_of_an_agent_gives_only_its_country() -> None:
    found = default_resolver().resolve("President Erdogan's spokesman", DAY)
    assert found is not None and (found.country, found.sector, found.name) == ("TUR", "GOV", None)
    assert _code(default_resolver().resolve("Erdogan's", DAY)) == ("TUR", "GOV")


@pytest.mark.parametrize(
    ("mention", "country"),
    [
        ("Four Canadian soldiers", "CAN"),
        ("Some US officials", "USA"),
        ("up to 50 Kenyan police", "KEN"),
    ],
)
def test_resolve_numbers_and_quantifiers_before_the_nationality(mention: str, country: str) -> None:
    assert _code(default_resolver().resolve(mention, DAY))[0] == country


@pytest.mark.parametrize(
    ("sentence", "country"),
    [
        ("Police fired tear gas at students in Nairobi on Friday.", "KEN"),
        ("Riot police clashed with protesters in Lima and Cusco, Peru.", "PER"),
        ("Police in Nairobi said Ugandan traders were robbed in Kampala.", None),  # two
        ("Kenyan police arrested a man.", None),  # a nationality is not a place
        ("Protesters burned anti-Kenya banners in the square.", None),
    ],
)
def test_resolve_place_country_of_a_sentence(sentence: str, country: str | None) -> None:
    assert default_resolver().place_country(sentence, DAY) == country


def test_resolve_person_titled_by_an_international_body_acts_for_it() -> None:
    # Cordovez held no office of Ecuador in 1988; as "U.N. mediator" he speaks for the UN
    found = default_resolver().resolve("U.N. mediator Diego Cordovez", "1988-01-01")
    assert found is not None and found.country == "UNO" and "United Nations" in found.explain
    assert default_resolver().resolve("Diego Cordovez", "1988-01-01").country == "ECU"  # type: ignore[union-attr]
    # a national title keeps the person's country
    nebenzia = default_resolver().resolve("Russian UN ambassador Vassily Nebenzia", DAY)
    assert nebenzia is not None and nebenzia.country == "RUS"


@pytest.mark.parametrize(
    ("mention", "country"),
    [("NATO-member Norway", "NOR"), ("EU member Poland", "POL"), ("NATO ally Turkey", "TUR")],
)
def test_resolve_country_named_last_after_a_body_that_describes_it(
    mention: str, country: str
) -> None:
    found = default_resolver().resolve(mention, DAY)
    assert found is not None and found.country == country


def test_resolve_body_named_with_a_place_after_a_breaker_stays_the_body() -> None:
    found = default_resolver().resolve("the African Union Mission in Somalia", DAY)
    assert found is not None and found.country == "IGO"


def test_resolve_a_people_of_a_place_is_of_that_place(resolver: ActorResolver) -> None:
    assert _code(resolver.resolve("the Albanians of southern Serbia", date=DAY))[0] == "SRB"
    assert _code(resolver.resolve("the Serbs of Bosnia", date=DAY))[0] == "BIH"
    # only a people: an agent keeps its own country, and "of" a non-place changes nothing
    assert _code(resolver.resolve("Russian troops of the Western Command", date=DAY))[0] == "RUS"
    assert _code(resolver.resolve("Americans of Japanese descent", date=DAY))[0] == "USA"
