"""Tests for newsevents.ingest.clean (fixture texts are team-written, not news text)."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from newsevents.ingest import clean
from newsevents.ingest.clean import apply_removals, clean_text
from newsevents.records import Removal

ARTICLE = """The ministry said the envoy visited Tajikistan late last month.

Freedonia's Foreign Minister Jane Example
Example will travel to Ankara for talks with her counterpart.
Reuters/John Photographer

The talks follow a week of shelling near the border.

"We are ready to talk," the envoy said.

Ushakov added.

Turkish President Some Name
Turkish President Some Name greets supporters in Istanbul on Jul. 15, 2022.
AFP via Getty Images/ Ozan Someone

He declined to comment.

With Post wires


Source link


Comments are closed."""

NOISE = {
    "Freedonia's Foreign Minister Jane Example": "caption",
    "Example will travel to Ankara for talks with her counterpart.": "caption",
    "Reuters/John Photographer": "credit",
    "Turkish President Some Name": "caption",
    "Turkish President Some Name greets supporters in Istanbul on Jul. 15, 2022.": "caption",
    "AFP via Getty Images/ Ozan Someone": "credit",
    "With Post wires": "boilerplate",
    "Source link": "boilerplate",
    "Comments are closed.": "boilerplate",
}


def removed_lines(text: str) -> dict[str, str]:
    """Removed line (without terminator) -> kind."""
    return {text[r.start : r.end].rstrip("\r\n"): r.kind for r in clean_text(text).removed}


def test_clean_photo_units_and_boilerplate_removed_with_kinds() -> None:
    assert removed_lines(ARTICLE) == NOISE


def test_clean_body_kept_including_short_sentences() -> None:
    cleaned = clean_text(ARTICLE).text
    for body in (
        "The ministry said the envoy visited Tajikistan late last month.",
        "The talks follow a week of shelling near the border.",
        '"We are ready to talk," the envoy said.',
        "Ushakov added.",
        "He declined to comment.",
    ):
        assert body + "\n" in cleaned
    assert all(noise not in cleaned for noise in NOISE)


def test_clean_offsets_point_into_original() -> None:
    result = clean_text(ARTICLE)
    starts = [r.start for r in result.removed]
    assert starts == sorted(starts)
    for before, after in zip(result.removed, result.removed[1:], strict=False):
        assert before.end <= after.start
    for r in result.removed:
        line = ARTICLE[r.start : r.end]
        # A whole line: it starts a line and ends with its terminator (or the text).
        assert r.start == 0 or ARTICLE[r.start - 1] == "\n"
        assert line.endswith("\n") or r.end == len(ARTICLE)
        assert line.count("\n") <= 1
    assert result.text == apply_removals(ARTICLE, result.removed)


def test_clean_keeps_body_lines_that_mention_agencies() -> None:
    text = (
        "WASHINGTON (AP) — The council voted on the bridge budget on Tuesday.\n"
        "The mayor will visit the site next week, Reuters reported.\n"
        "Turnout was low, according to a Reuters/Ipsos poll.\n"
        "DOVER (Reuters) - Harbour workers ended their strike.\n"
        "RIVER STRIKE ENDS The harbour reopened after a week of talks. [Reuters]\n"
        "The deal covers Bloomberg, Clinton and Trump.\n"
        "Photos of the bridge were shared widely online.\n"
    )
    assert clean_text(text).removed == []


def test_clean_standalone_credit_keeps_paragraph_above_blank_line() -> None:
    text = "The harbour reopened on Monday.\n\nGetty Images\n\nShips queued at the gate.\n"
    assert removed_lines(text) == {"Getty Images": "credit"}


@pytest.mark.parametrize(
    "credit",
    [
        "AP/First Last",
        "AP Photo/First Last, File",
        "(Photo by First Last/Getty Images)",
        "Photo: First Last/AP",
        "Credit: First Last",
        "EPA-EFE/FIRST LAST",
        "Anadolu Agency via Getty Images",
        "SOPA Images/LightRocket via Getty Images",
        "Bloomberg via Getty Images",
        "Xinhua/First Last",
        "TASS/First Last",
        "Sputnik/First Last/Kremlin via Reuters",
        "NurPhoto via Getty Images",
        "Courtesy of the Example family",
        "Shutterstock",
        "@example_handle/Twitter",
        "First al-Last for The Washington Post",
        "Image source, Getty Images",
    ],
)
def test_clean_credit_shapes(credit: str) -> None:
    text = f"The harbour reopened on Monday.\n\n{credit}\n\nShips queued at the gate.\n"
    assert removed_lines(text) == {credit: "credit"}


def test_clean_caption_ending_with_date_and_inline_credit() -> None:
    text = (
        "Ships queued at the gate.\n\n"
        "Harbour Master Ana Example\n"
        "Example inspects the pier in Riverton on March 3, 2021\n"
        "AP/First Last\n\n"
        "Dock workers return to the pier in Riverton, March 4, 2021. REUTERS/First Last\n\n"
        "The harbour reopened on Monday.\n"
    )
    assert removed_lines(text) == {
        "Harbour Master Ana Example": "caption",
        "Example inspects the pier in Riverton on March 3, 2021": "caption",
        "AP/First Last": "credit",
        "Dock workers return to the pier in Riverton, March 4, 2021. REUTERS/First Last": "caption",
    }


def test_clean_headline_and_quote_above_credit_kept() -> None:
    text = (
        "Harbour Strike Ends After Week Of Talks\n"
        "Getty Images\n\n"
        "“We will not go back,” the union leader said on Monday.\n"
        "Reuters/First Last\n\n"
        "But the talks broke down again on Friday.\n"
        "AFP\n"
    )
    assert removed_lines(text) == {
        "Getty Images": "credit",
        "Reuters/First Last": "credit",
        "AFP": "credit",
    }


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("— With Post wires", "boilerplate"),
        ("With wire services", "boilerplate"),
        ("Additional reporting by First Last in Riverton", "boilerplate"),
        ("Filed under harbour, strikes", "boilerplate"),
        ("Share this article", "share"),
        ("Share on Facebook", "share"),
        ("Facebook Twitter Email", "share"),
        ("Tweet", "share"),
        ("Copy link", "share"),
        ("Print", "share"),
        ("Advertisement", "advertisement"),
        ("ADVERTISEMENT", "advertisement"),
        ("Story continues below advertisement", "advertisement"),
        ("RELATED: Harbour reopens after strike", "related"),
        ("Related Articles", "related"),
        ("READ MORE: Harbour reopens after strike", "related"),
        ("SEE ALSO: Harbour reopens after strike", "related"),
        ("Click here to read more about the harbour.", "related"),
        ("Sign up for our Morning Harbour newsletter", "related"),
        ("Follow us on Twitter and Facebook", "related"),
        ("By First Last", "byline"),
        ("Reporting by First Last; Editing by Other Name", "byline"),
    ],
)
def test_clean_boilerplate_line_kinds(line: str, kind: str) -> None:
    text = f"The harbour reopened on Monday.\n\n{line}\n\nShips queued at the gate.\n"
    assert removed_lines(text) == {line: kind}


def test_clean_crlf_input() -> None:
    text = ARTICLE.replace("\n", "\r\n")
    result = clean_text(text)
    assert removed_lines(text) == NOISE
    for r in result.removed:
        assert text[r.start : r.end].endswith("\r\n") or r.end == len(text)
    assert "He declined to comment.\r\n" in result.text
    assert result.text == apply_removals(text, result.removed)


def test_clean_text_without_trailing_newline() -> None:
    text = "The harbour reopened on Monday.\n\nSource link"
    result = clean_text(text)
    assert result.removed == [Removal(len(text) - len("Source link"), len(text), "boilerplate")]
    assert result.text == "The harbour reopened on Monday.\n\n"


def test_clean_empty_string() -> None:
    result = clean_text("")
    assert result.text == ""
    assert result.removed == []


def test_clean_no_noise_no_removals() -> None:
    text = "The harbour reopened on Monday.\n\nShips queued at the gate.\n\nHe declined to comment."
    result = clean_text(text)
    assert result.removed == []
    assert result.text == text


def test_clean_apply_removals_rejects_overlap() -> None:
    assert apply_removals("abcdef", [Removal(4, 6, "share"), Removal(0, 2, "share")]) == "cd"
    with pytest.raises(ValueError):
        apply_removals("abcdef", [Removal(0, 3, "share"), Removal(2, 4, "share")])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(agencies=[]), "agencies"),
        (lambda d: d["line_kinds"].update(share=[]), "line_kinds.share"),
        (lambda d: d["line_kinds"]["related"].append("read (more"), "malformed regex"),
        (lambda d: d.pop("version"), "version"),
    ],
)
def test_clean_rules_fail_at_load_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: object, message: str
) -> None:
    data = json.loads(
        clean.resources.files("newsevents").joinpath(*clean._DATA).read_text(encoding="utf-8")
    )
    change(data)  # type: ignore[operator]
    target = tmp_path.joinpath(*clean._DATA)
    target.parent.mkdir(parents=True)
    target.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(clean, "resources", SimpleNamespace(files=lambda _package: tmp_path))
    clean.load_rules.cache_clear()
    try:
        with pytest.raises(ValueError, match=message):
            clean.load_rules()
    finally:
        monkeypatch.undo()
        clean.load_rules.cache_clear()
