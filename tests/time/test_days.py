"""Dates, years, decades, days and times of day (handlers in days.py), on sentences written by
the team (no news text from ../shared)."""

from __future__ import annotations

from typing import Any

JULY = "2022-07-20"  # a Wednesday


def test_days_spoken_years_in_months_and_seasons(time_values: Any) -> None:
    assert time_values("A bomb went off in January nineteen ninety-seven.", JULY) == {
        "January nineteen ninety-seven": ("DATE", "1997-01")
    }
    assert time_values("Prices were low in the winter of nineteen ninety-four.", JULY) == {
        "the winter of nineteen ninety-four": ("DATE", "1994-WI")
    }


def test_days_decades_in_words(time_values: Any) -> None:
    assert time_values("Crime fell steadily through the nineties.", JULY) == {
        "the nineties": ("DATE", "199")
    }
    # "in their sixties" is an age
    assert time_values("Both men are in their sixties.", JULY) == {}


def test_days_part_of_day_before_a_day_word(parsed_timexes: Any) -> None:
    (timex,) = parsed_timexes("In London at mid-afternoon yesterday, the shares were up.", JULY)
    assert (timex.text, timex.type, timex.value, timex.mod) == (
        "mid-afternoon yesterday",
        "TIME",
        "2022-07-19TAF",
        "MID",
    )


def test_days_previous_weekday_counts_from_the_day_mentioned(time_values: Any) -> None:
    text = "The strike began on Friday, July 15. The previous Friday, talks had collapsed."
    assert time_values(text, JULY) == {
        "Friday, July 15": ("DATE", "2022-07-15"),
        "The previous Friday": ("DATE", "2022-07-08"),
    }
