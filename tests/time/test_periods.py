"""Periods, quarters, seasons and durations (handlers in periods.py), on sentences written by
the team (no news text from ../shared)."""

from __future__ import annotations

from typing import Any

OCTOBER = "2022-10-27"  # a Thursday in the fourth quarter
JULY = "2022-07-20"  # a Wednesday


def test_periods_latest_quarter_ignores_a_quarter_not_over_yet(time_values: Any) -> None:
    text = (
        "Acme expects a fourth-quarter charge for the flood. "
        "Profit fell 20% in the latest quarter from a year ago."
    )
    assert time_values(text, OCTOBER) == {
        "fourth-quarter": ("DATE", "2022-Q4"),
        "the latest quarter": ("DATE", "2022-Q3"),
        "a year ago": ("DATE", "2021-Q3"),
    }


def test_periods_forecast_quarter_is_no_reference_for_the_quarter(time_values: Any) -> None:
    text = (
        "Acme lost money in the third quarter. Analysts expect losses through the first "
        "quarter of 2023. Acme cut its inventories during the quarter."
    )
    values = time_values(text, OCTOBER)
    assert values["the first quarter of 2023"] == ("DATE", "2023-Q1")
    assert values["the quarter"] == ("DATE", "2022-Q3")


def test_periods_year_ago_and_dated_quarters(time_values: Any) -> None:
    text = (
        "Acme earned $5 million in the year-ago third quarter and $3 million in the 2020 "
        "second quarter."
    )
    assert time_values(text, OCTOBER) == {
        "the year-ago third quarter": ("DATE", "2021-Q3"),
        "the 2020 second quarter": ("DATE", "2020-Q2"),
    }
    text = "Sales rose in the third quarter. In the 2021 quarter, Acme lost money."
    assert time_values(text, OCTOBER)["the 2021 quarter"] == ("DATE", "2021-Q3")


def test_periods_current_and_latest_fiscal_year(time_values: Any) -> None:
    text = "Acme expects higher sales in the current fiscal year than in the latest fiscal year."
    assert time_values(text, OCTOBER) == {
        "the current fiscal year": ("DATE", "2022"),
        "the latest fiscal year": ("DATE", "2021"),
    }


def test_periods_the_past_year_is_the_previous_calendar_period(time_values: Any) -> None:
    text = "Hate crimes rose over the past year, and economists expect growth in the next decade."
    assert time_values(text, JULY) == {
        "the past year": ("DATE", "2021"),
        "the next decade": ("DATE", "203"),
    }


def test_periods_following_month_counts_from_the_month_mentioned(time_values: Any) -> None:
    text = "The company was sold in March. The following month, its founder resigned."
    assert time_values(text, JULY) == {
        "March": ("DATE", "2022-03"),
        "The following month": ("DATE", "2022-04"),
    }


def test_periods_fiscal_year_ended_is_twelve_months(time_values: Any) -> None:
    text = "Acme earned $2 million in the fiscal year ended June 30."
    assert time_values(text, JULY) == {
        "the fiscal year": ("DURATION", "P1Y"),
        "June 30": ("DATE", "2022-06-30"),
    }
    # a year that ends on Dec. 31 is a calendar year
    text = "In the year ended Dec. 31, Acme lost money."
    assert time_values(text, JULY)["the year"] == ("DATE", "2021")


def test_periods_within_is_a_span_in_is_a_date(time_values: Any) -> None:
    assert time_values("The panel will report within two weeks.", JULY) == {
        "two weeks": ("DURATION", "P2W")
    }
    assert time_values("The council will vote in three weeks.", JULY) == {
        "three weeks": ("DATE", "2022-W32")
    }


def test_periods_seasons_after_a_preposition_or_with_a_year(time_values: Any) -> None:
    assert time_values("Demand stayed weak well into the summer.", OCTOBER) == {
        "the summer": ("DATE", "2022-SU")
    }
    assert time_values("Orders rose from the low levels of the early summer.", OCTOBER) == {
        "the early summer": ("DATE", "2022-SU")
    }
    assert time_values("Oil fell to that price in the winter of 1994.", OCTOBER) == {
        "the winter of 1994": ("DATE", "1994-WI")
    }
