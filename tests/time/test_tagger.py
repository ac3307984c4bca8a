"""The temporal tagger on sentences written by the team (no news text from ../shared)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest

from newsevents.nlp.model import load_model
from newsevents.nlp.parse import make_doc
from newsevents.time import Timex, event_date, tag_times
from newsevents.time.lexicon import LexiconError, load_lexicon, validate_lexicon

ANCHOR = "2022-07-20"  # a Wednesday


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_model()


def _tag(nlp: Any, text: str, anchor: str | None = ANCHOR) -> list[Timex]:
    return tag_times(nlp(make_doc(nlp, text)), anchor)


def _values(nlp: Any, text: str, anchor: str | None = ANCHOR) -> dict[str, tuple[str, str]]:
    return {t.text: (t.type, t.value) for t in _tag(nlp, text, anchor)}


def test_tagger_weekday_in_the_past_tense_is_the_previous_one(nlp: Any) -> None:
    assert _values(nlp, "The two ministers met in Oslo on Monday.") == {
        "Monday": ("DATE", "2022-07-18")
    }
    assert _values(nlp, "Rebels said Thursday that the bridge had been destroyed.") == {
        "Thursday": ("DATE", "2022-07-14")
    }


def test_tagger_weekday_in_the_future_tense_is_the_next_one(nlp: Any) -> None:
    assert _values(nlp, "The two ministers will meet in Oslo on Monday.") == {
        "Monday": ("DATE", "2022-07-25")
    }
    assert _values(nlp, "The council is going to vote on the plan on Tuesday.") == {
        "Tuesday": ("DATE", "2022-07-26")
    }


def test_tagger_participle_takes_the_tense_of_its_clause(nlp: Any) -> None:
    # the present perfect makes "March" the past one, not the nearer coming one
    text = "The stock has fluctuated, rising to a high in June from a low in March."
    assert _values(nlp, text, "2022-10-27") == {
        "June": ("DATE", "2022-06"),
        "March": ("DATE", "2022-03"),
    }


def test_tagger_date_modifying_a_noun_is_left_to_the_calendar(nlp: Any) -> None:
    # "to try" would make a date of the clause future; the agreement is dated by the calendar
    text = "The bank is continuing to try to sell itself under a June agreement."
    assert _values(nlp, text, "2022-10-27") == {"June": ("DATE", "2022-06")}


def test_tagger_plan_in_the_past_is_not_future(nlp: Any) -> None:
    text = "A memorial service planned for Saturday was cancelled."
    assert _values(nlp, text, "2022-07-24") == {"Saturday": ("DATE", "2022-07-23")}
    text = "The offer had been due to expire on Friday."
    assert _values(nlp, text, "2022-07-25") == {"Friday": ("DATE", "2022-07-22")}
    # a plan in the present is still future
    text = "The summit is scheduled for Saturday."
    assert _values(nlp, text) == {"Saturday": ("DATE", "2022-07-23")}


def test_tagger_weekday_of_the_anchor_is_the_anchor_day(nlp: Any) -> None:
    assert _values(nlp, "The envoy arrived in the capital on Wednesday.") == {
        "Wednesday": ("DATE", ANCHOR)
    }


def test_tagger_late_last_month_is_the_previous_month_with_mod_end(nlp: Any) -> None:
    (timex,) = _tag(nlp, "Fighting broke out near the border late last month.")
    assert (timex.text, timex.type, timex.value, timex.mod) == (
        "late last month",
        "DATE",
        "2022-06",
        "END",
    )
    (timex,) = _tag(nlp, "The party chose its leader earlier this year.")
    assert (timex.value, timex.mod) == ("2022", "START")


def test_tagger_month_and_day_take_the_year_of_the_anchor(nlp: Any) -> None:
    values = _values(nlp, "The ceasefire signed on Feb. 24 collapsed two days later.")
    assert values == {"Feb. 24": ("DATE", "2022-02-24"), "two days later": ("DATE", "2022-02-26")}
    # a date a few months ahead is the coming one, one long past stays in the past
    assert _values(nlp, "The vote is set for Nov. 3.") == {"Nov. 3": ("DATE", "2022-11-03")}
    assert _values(nlp, "The vote was held on Dec. 12.") == {"Dec. 12": ("DATE", "2021-12-12")}


def test_tagger_last_week_is_an_iso_week(nlp: Any) -> None:
    assert _values(nlp, "Protesters gathered outside parliament last week.") == {
        "last week": ("DATE", "2022-W28")
    }
    # across a year boundary the ISO week-numbering year is used
    assert _values(nlp, "Protesters gathered outside parliament last week.", "2021-01-06") == {
        "last week": ("DATE", "2020-W53")
    }


def test_tagger_relative_days_months_and_years(nlp: Any) -> None:
    text = (
        "The minister resigned yesterday, and her deputy takes over today. "
        "Elections are due next month, a year after the vote of last year."
    )
    values = _values(nlp, text)
    assert values["yesterday"] == ("DATE", "2022-07-19")
    assert values["today"] == ("DATE", ANCHOR)
    assert values["next month"] == ("DATE", "2022-08")
    assert values["last year"] == ("DATE", "2021")


def test_tagger_explicit_dates(nlp: Any) -> None:
    text = (
        "The treaty was signed on July 15, 2021, ratified on 2021-09-30, amended in March 2022 "
        "and first drafted in 2015, after the reforms of the 1990s."
    )
    assert _values(nlp, text) == {
        "July 15, 2021": ("DATE", "2021-07-15"),
        "2021-09-30": ("DATE", "2021-09-30"),
        "March 2022": ("DATE", "2022-03"),
        "2015": ("DATE", "2015"),
        "the 1990s": ("DATE", "199"),
    }


def test_tagger_durations(nlp: Any) -> None:
    text = (
        "The siege lasted two days, after a four-day truce and several months of talks; "
        "the dispute is decades old and the meeting took three hours."
    )
    values = _values(nlp, text)
    assert values["two days"] == ("DURATION", "P2D")
    assert values["four-day"] == ("DURATION", "P4D")
    assert values["several months"] == ("DURATION", "PXM")
    assert values["three hours"] == ("DURATION", "PT3H")


def test_tagger_sets_and_vague_references(nlp: Any) -> None:
    text = "Inspectors visit the plant every week and report daily. Talks are now stalled."
    values = _values(nlp, text)
    assert values["every week"] == ("SET", "P1W")
    assert values["daily"] == ("SET", "P1D")
    assert values["now"] == ("DATE", "PRESENT_REF")
    assert _values(nlp, "The two leaders spoke recently.") == {"recently": ("DATE", "PAST_REF")}


def test_tagger_quarter_and_year_ago_comparison(nlp: Any) -> None:
    text = "Exports rose 4% in the second quarter from a year ago."
    assert _values(nlp, text) == {
        "the second quarter": ("DATE", "2022-Q2"),
        "a year ago": ("DATE", "2021-Q2"),
    }


def test_tagger_without_anchor_uses_placeholders(nlp: Any) -> None:
    text = "The envoy met rebels on Tuesday, after talks on Feb. 24 and the clashes of last week."
    values = _values(nlp, text, None)
    assert values["Tuesday"] == ("DATE", "XXXX-WXX-2")
    assert values["Feb. 24"] == ("DATE", "XXXX-02-24")
    assert values["last week"] == ("DATE", "XXXX-WXX")
    assert _values(nlp, "The accord was signed in 2015.", None) == {"2015": ("DATE", "2015")}


def test_tagger_offsets_point_into_doc_text(nlp: Any) -> None:
    text = (
        "Headline about the talks\n\n"
        "Negotiators met on Tuesday.\n"
        "They will meet again next week, and “in two weeks” the deal may be signed.\n"
    )
    doc = nlp(make_doc(nlp, text))
    timexes = tag_times(doc, ANCHOR)
    assert len(timexes) == 3
    for timex in timexes:
        assert doc.text[timex.start : timex.end] == timex.text
        assert timex.to_dict()["text"] == timex.text
    assert set(timexes[0].to_dict()) == {"text", "start", "end", "type", "value", "mod"}


def test_tagger_ignores_ages_names_and_modal_may(nlp: Any) -> None:
    text = (
        "May I add that Mrs. Jane March, who is 52 years old, met a 40-year-old farmer who earns "
        "$5 a day and reached the second round."
    )
    assert _tag(nlp, text) == []


def test_tagger_event_date_precision() -> None:
    def timex(value: str, kind: str = "DATE", mod: str | None = None) -> Timex:
        return Timex("x", 0, 1, kind, value, mod)

    assert event_date(timex("2022-07-19"), ANCHOR) == ("2022-07-19", "day")
    assert event_date(timex("2022-07-19TMO", "TIME"), ANCHOR) == ("2022-07-19", "day")
    assert event_date(timex("2022-06", mod="END"), ANCHOR) == ("2022-06", "month")
    assert event_date(timex("2022"), ANCHOR) == ("2022", "year")
    assert event_date(timex("2022-W28"), ANCHOR) == ("2022-W28", "week")
    assert event_date(timex("2022-Q2"), ANCHOR) == ("2022-Q2", "quarter")
    assert event_date(timex("1998-XX-XX"), ANCHOR) == ("1998", "year")
    # no calendar value: the anchor, at day precision; nothing without an anchor
    assert event_date(timex("PRESENT_REF"), ANCHOR) == (ANCHOR, "day")
    assert event_date(timex("P2D", "DURATION"), ANCHOR) == (ANCHOR, "day")
    assert event_date(timex("XXXX-WXX-2"), ANCHOR) == (ANCHOR, "day")
    assert event_date(None, ANCHOR) == (ANCHOR, "day")
    assert event_date(None, None) == (None, None)
    assert event_date(timex("XXXX-02-24"), None) == (None, None)


def test_tagger_word_lists_are_validated_at_load_time() -> None:
    lexicon = load_lexicon()
    assert lexicon.months["sept"] == 9 and lexicon.position_modifiers["late"] == "END"
    raw = json.loads(
        resources.files("newsevents.data").joinpath("time/expressions.json").read_text("utf-8")
    )
    assert raw["source"] == "newsevents team" and raw["licence"] == "MIT"
    broken = dict(raw, months={**raw["months"], "smarch": 13})
    with pytest.raises(LexiconError, match="months"):
        validate_lexicon(broken)
    with pytest.raises(LexiconError, match="version"):
        validate_lexicon({k: v for k, v in raw.items() if k != "version"})
    with pytest.raises(LexiconError, match="position_modifiers"):
        validate_lexicon(dict(raw, position_modifiers={"late": "LATE"}))


def test_tagger_four_digit_count_of_a_plural_noun_is_no_year(nlp: Any) -> None:
    values = _values(nlp, "A poll of 2047 registered voters was taken in 2019.")
    assert "2047" not in values and values["2019"] == ("DATE", "2019")
    assert _values(nlp, "The 2019 election was close.")["2019"] == ("DATE", "2019")
