"""Tests for newsevents.ingest.docdate (fixture sentences are team-written, not news text)."""

from __future__ import annotations

import pytest

from newsevents.ingest.docdate import infer_date, normalise_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("RIVERTON, July 18, 2022 — The council voted on the bridge.", "2022-07-18"),
        ("July 18, 2022 — The council voted on the bridge.", "2022-07-18"),
        ("Published: 18 July 2022\nThe council voted on the bridge.", "2022-07-18"),
        ("Updated July 18, 2022 10:31 a.m. ET\nThe council voted.", "2022-07-18"),
        ("Mon 18 Jul 2022 10.31 BST\nThe council voted.", "2022-07-18"),
        (
            "Council votes on bridge\nNEW HAVEN, Conn., Sept. 3, 2021 — The vote.",
            "2021-09-03",
        ),
        ("Posted on 2022-07-18\nThe council voted.", "2022-07-18"),
    ],
)
def test_docdate_dateline_formats(text: str, expected: str) -> None:
    assert infer_date(text) == expected


def test_docdate_dateline_wins_over_later_body_date() -> None:
    text = (
        "RIVERTON, March 2, 2021 — The council said the bridge would reopen on "
        "June 30, 2023, after repairs first planned for Jan. 5, 2022."
    )
    assert infer_date(text) == "2021-03-02"


def test_docdate_date_inside_sentence_is_not_a_dateline() -> None:
    # The first date is body text, so the latest date wins instead.
    text = "The council first met on March 2, 2019. It met again on 4 May 2020."
    assert infer_date(text) == "2020-05-04"
    text = "the council said, March 2, 2019, was too early. It met on 4 May 2020."
    assert infer_date(text) == "2020-05-04"


def test_docdate_dateline_without_year_falls_back_to_body() -> None:
    assert infer_date("RIVERTON, July 18 (Wire) - The council voted.") is None
    text = "RIVERTON, July 18 (Wire) - The plan, agreed on July 1, 2022, passed."
    assert infer_date(text) == "2022-07-01"


def test_docdate_latest_of_several_dates() -> None:
    text = (
        "The mill closed on 12 March 2019. Talks resumed on 2021-11-30 and a deal "
        "was signed on 7/4/2022, months before the Aug 9, 2020 deadline had lapsed."
    )
    assert infer_date(text) == "2022-07-04"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The fair opened on Jul. 18, 2022 in the park.", "2022-07-18"),
        ("The fair opened on Jul 18, 2022 in the park.", "2022-07-18"),
        ("The fair opened on Sept. 3, 2021 in the park.", "2021-09-03"),
        ("The fair opened on Sep 3 2021 in the park.", "2021-09-03"),
        ("The fair opened on the 3rd of Dec. 2021 in the park.", "2021-12-03"),
        ("The fair opened on December 3rd, 2021 in the park.", "2021-12-03"),
    ],
)
def test_docdate_abbreviations_with_and_without_period(text: str, expected: str) -> None:
    assert infer_date(text) == expected


def test_docdate_invalid_dates_ignored() -> None:
    text = "A report dated Feb. 30, 2022 cited a survey from 3 June 2021 and 13/40/2022."
    assert infer_date(text) == "2021-06-03"
    assert infer_date("The ledger says 31 April 2020 and 2021-13-01.") is None
    assert infer_date("The vault was sealed on January 1, 1850.") is None


def test_docdate_bare_years_and_month_year_ignored() -> None:
    text = (
        "The 2015 accord set limits that lapsed in March 2021, and officials said "
        "they may 12 times revisit the plan before 2030."
    )
    assert infer_date(text) is None


def test_docdate_no_date_gives_none() -> None:
    assert infer_date("The council voted to repair the bridge.") is None
    assert infer_date("") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-07-18", "2022-07-18"),
        ("2022-07-18T10:31:00Z", "2022-07-18"),
        ("2022-07-18T23:30:00-05:00", "2022-07-18"),
        ("2022-07-18T10:31:00.123+0100", "2022-07-18"),
        ("2022-07-18 10:31", "2022-07-18"),
        ("  2022-07-18  ", "2022-07-18"),
        ("July 18, 2022", "2022-07-18"),
        ("Mon, 18 Jul 2022 10:31:00 GMT", "2022-07-18"),
        (None, None),
        ("", None),
        ("   ", None),
    ],
)
def test_docdate_normalise_date_variants(value: str | None, expected: str | None) -> None:
    assert normalise_date(value) == expected


@pytest.mark.parametrize(
    "value",
    ["yesterday", "2022-02-30", "2022-07", "March 2021", "18/7/2022", "x 2022-07-18"],
)
def test_docdate_normalise_date_rejects_unreadable(value: str) -> None:
    with pytest.raises(ValueError, match="date"):
        normalise_date(value)
