"""Quotes and attributions on team-written texts: marks, speakers, attributions, events."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsevents.cli import main
from newsevents.config import load_config
from newsevents.nlp.model import load_model
from newsevents.nlp.parse import make_doc
from newsevents.pipeline import default_pipeline
from newsevents.quotes import attribute_events, find_quotes
from newsevents.quotes.cues import read_cues
from newsevents.quotes.marks import find_quoted
from newsevents.records import Source

Quotes = list[dict[str, Any]]


@pytest.fixture(scope="module")
def quotes() -> Callable[..., Quotes]:
    nlp = load_model()

    def run(text: str, date: str | None = "2022-07-18") -> Quotes:
        return find_quotes(nlp(make_doc(nlp, text)), text, date)

    return run


def _direct(found: Quotes) -> Quotes:
    return [q for q in found if q["kind"] == "direct"]


def _speaker(quote: dict[str, Any]) -> str | None:
    speaker = quote["speaker"] or {}
    return speaker.get("name") or speaker.get("text")


# -- quotation marks ------------------------------------------------------------------------
def test_quotes_marks_closing_mark_may_open_a_quote() -> None:
    text = "”The talks were useful,” the envoy told reporters. “We will meet again.”"
    spans = find_quoted(text)
    contents = [text[s.content_start : s.content_end] for s in spans]
    assert contents == ["The talks were useful,", "We will meet again."]


def test_quotes_marks_missing_opening_mark_starts_at_the_paragraph() -> None:
    text = "First paragraph.\n\nThe deal is dead, it cannot be saved,” the minister said."
    (span,) = find_quoted(text)
    assert not span.opened and span.closed
    assert text[span.content_start : span.content_end] == "The deal is dead, it cannot be saved,"


def test_quotes_marks_unclosed_paragraph_continues_in_the_next() -> None:
    text = '"The first part of a long statement.\n\n"And its second part," she said.\n\nAfter.'
    (span,) = find_quoted(text)
    assert span.paragraphs == 2 and span.closed
    assert text[span.content_start : span.content_end].endswith("its second part,")
    unclosed = find_quoted('"A quote without its end.\n\nThe reporter wrote on.')
    assert len(unclosed) == 1 and not unclosed[0].closed and unclosed[0].paragraphs == 1


def test_quotes_marks_nested_quotes_stay_inside_the_outer_one() -> None:
    text = '"He asked me: “Will you sign?” I said ‘I don’t know’ and left," the senator said.'
    (span,) = find_quoted(text)
    inner = [text[s:e] for s, e in span.nested]
    assert inner == ["Will you sign?", "I don’t know"]
    assert text[span.content_end - 5 : span.content_end] == "left,"


def test_quotes_marks_two_apostrophes_stand_for_a_double_mark() -> None:
    text = "''We are ready,'' the general said. A height of 6'2\" is no quote."
    spans = find_quoted(text)
    assert [text[s.content_start : s.content_end] for s in spans] == ["We are ready,"]


# -- direct quotes ---------------------------------------------------------------------------
def test_quotes_founding_shape_speaker_cue_and_continuation(quotes: Any) -> None:
    text = (
        "”The visit to Ankara is very important,” Dmitry Peskov, the Kremlin spokesman, told "
        "reporters in Moscow. “Both sides want a lasting agreement on grain exports.”\n\n"
        "“On most questions our positions are close,” Peskov added."
    )
    first, second, third = _direct(quotes(text))
    assert first["text"] == "The visit to Ankara is very important"
    assert first["cue"] == "told" and first["source"]["text"].startswith("Dmitry Peskov")
    assert (first["speaker"]["name"], first["speaker"]["country"]) == ("Dmitry Peskov", "RUS")
    assert second["text"].startswith("Both sides") and second["speaker"] == first["speaker"]
    assert third["cue"] == "added" and third["speaker"]["name"] == "Dmitry Peskov"
    for quote in (first, second, third):
        assert text[quote["start"] : quote["end"]] == quote["text"]


def test_quotes_scare_quotes_and_titles_are_not_statements(quotes: Any) -> None:
    text = (
        "The mayor called the plan a “historic mistake” and said the budget was “not serious.” "
        "She spoke on the program “Morning Report” on Friday.\n\n“No,” she said."
    )
    direct = _direct(quotes(text))
    assert [q["text"] for q in direct] == ["No"]


def test_quotes_speaker_by_surname_title_and_pronoun(quotes: Any) -> None:
    text = (
        "Maria Okonkwo, the spokeswoman of the port authority, spoke after the strike ended.\n\n"
        "“The cranes are moving again,” Okonkwo said.\n\n"
        "“We lost four days of work,” the spokeswoman added.\n\n"
        "“Nobody wants that again,” she said."
    )
    direct = _direct(quotes(text))
    assert len(direct) == 3
    assert {_speaker(q) for q in direct} == {"Maria Okonkwo"}
    assert [q["source"]["text"] for q in direct] == ["Okonkwo", "the spokeswoman", "she"]


def test_quotes_paragraph_without_cue_continues_the_speaker_before(quotes: Any) -> None:
    text = (
        "“The harvest was poor this year,” said Tomas Berg, a farmer in the valley.\n\n"
        "“Prices for seed have doubled since the spring.”\n\n"
        "The ministry has promised help."
    )
    first, second = _direct(quotes(text))
    assert _speaker(first) == _speaker(second) == "Tomas Berg"
    assert second["source"] == first["source"]


def test_quotes_multi_paragraph_quote_is_one_quote(quotes: Any) -> None:
    text = (
        "The governor spoke for an hour.\n\n"
        "“We have rebuilt the bridges and the schools.\n\n"
        "“Now we will rebuild the trust of our citizens,” said Ana Duarte, the governor."
    )
    (quote,) = _direct(quotes(text))
    assert quote["text"].startswith("We have rebuilt") and quote["text"].endswith("citizens")
    assert _speaker(quote) == "Ana Duarte"


# -- indirect attributions -------------------------------------------------------------------
def test_quotes_indirect_said_that_with_source_cue_and_content(quotes: Any) -> None:
    text = "Jake Sullivan said that US intelligence indicates Iran wants to sell drones."
    (quote,) = [q for q in quotes(text) if q["kind"] == "indirect" and q["cue"] == "said"]
    assert quote["source"]["text"] == "Jake Sullivan" and quote["form"] == "clause"
    assert quote["text"] == "that US intelligence indicates Iran wants to sell drones"
    assert text[quote["cue_span"]["start"] : quote["cue_span"]["end"]] == "said"


def test_quotes_indirect_according_to_and_added(quotes: Any) -> None:
    text = (
        "According to the Turkish foreign ministry, the talks will resume in Istanbul. "
        "Mevlut Cavusoglu added that a deal was close."
    )
    found = {q["cue"]: q for q in quotes(text) if q["kind"] == "indirect"}
    according = found["According to"]
    assert according["source"]["text"] == "the Turkish foreign ministry"
    assert according["text"] == "the talks will resume in Istanbul"
    assert according["speaker"]["country"] == "TUR"
    added = found["added"]
    assert added["speaker"]["name"] == "Mevlut Cavusoglu"
    assert added["text"] == "that a deal was close"


def _indirect(found: Quotes) -> Quotes:
    return [q for q in found if q["kind"] == "indirect"]


def test_quotes_indirect_only_the_outermost_of_nested_attributions(quotes: Any) -> None:
    text = "The harbour master said she hoped that the cranes would move again by Friday."
    (said,) = _indirect(quotes(text))
    assert said["cue"] == "said" and said["text"].startswith("she hoped that the cranes")


def test_quotes_indirect_parenthetical_inside_the_clause(quotes: Any) -> None:
    found = _indirect(quotes("The new timetable, the harbour master said, will cut delays."))
    (said,) = found
    assert said["source"]["text"] == "the harbour master"
    assert said["text"].startswith("The new timetable") and said["text"].endswith("cut delays")
    (noted,) = _indirect(quotes("As the harbour master noted, the cranes are old."))
    assert noted["cue"] == "noted" and noted["text"] == "the cranes are old"


def test_quotes_indirect_impression_has_no_source(quotes: Any) -> None:
    (seemed,) = _indirect(quotes("The dock workers seemed to accept the new shift plan."))
    assert seemed["cue"] == "seemed" and seemed["source"] is None
    assert seemed["text"] == "The dock workers seemed to accept the new shift plan"
    assert not _indirect(quotes("The harbour master appeared at the gate on Monday."))


def test_quotes_indirect_stances_of_verbs_adjectives_and_nouns(quotes: Any) -> None:
    found = _indirect(
        quotes(
            "The port union endorsed Maria Okonkwo. The mayor has been critical of the budget. "
            "Councillor Iris Vale is a longtime supporter of the tram line."
        )
    )
    by_cue = {q["cue"]: q for q in found}
    assert by_cue["endorsed"]["text"] == "Maria Okonkwo"  # a one-word content counts
    assert by_cue["critical"]["text"] == "the budget"
    assert by_cue["critical"]["source"]["text"] == "The mayor"
    assert by_cue["supporter"]["text"] == "the tram line"


def test_quotes_indirect_asked_about_has_no_source(quotes: Any) -> None:
    text = "Asked about the strike, Maria Okonkwo said the talks would go on."
    found = {q["cue"]: q for q in _indirect(quotes(text))}
    assert found["Asked"]["source"] is None and found["Asked"]["text"] == "the strike"
    assert found["said"]["source"]["text"] == "Maria Okonkwo"


def _contents_and_sources(found: Quotes) -> dict[str, tuple[str, str | None]]:
    return {q["cue"]: (q["text"], (q["source"] or {}).get("text")) for q in _indirect(found)}


def test_quotes_indirect_content_ends_before_the_speakers_next_cue(quotes: Any) -> None:
    text = "The harbour master said she had no plans to resign and added that the board would meet."
    assert _contents_and_sources(quotes(text)) == {
        "said": ("she had no plans to resign", "The harbour master"),
        "added": ("that the board would meet", "The harbour master"),  # the first one's
    }
    text = "Maria Okonkwo said the port was safe, telling reporters that the cranes were fine."
    assert _contents_and_sources(quotes(text)) == {
        "said": ("the port was safe", "Maria Okonkwo"),
        "telling": ("that the cranes were fine", "Maria Okonkwo"),
    }


def test_quotes_indirect_said_but_that_keeps_both_clauses(quotes: Any) -> None:
    text = "The harbour master said the budget was tight but that the cranes would be repaired."
    (said,) = _indirect(quotes(text))
    assert said["text"] == "the budget was tight but that the cranes would be repaired"


def test_quotes_indirect_pro_form_is_the_content(quotes: Any) -> None:
    found = _indirect(quotes("Asked whether the strike was over, the union leader said no."))
    said = next(q for q in found if q["cue"] == "said")
    assert said["text"] == "no" and said["source"]["text"] == "the union leader"
    (say,) = _indirect(quotes("The mayor would not say so."))
    assert say["text"] == "so" and say["source"]["text"] == "The mayor"


def test_quotes_indirect_passive_subject_of_an_object_cue(quotes: Any) -> None:
    (rejected,) = _indirect(quotes("The tram plan was rejected by the city council on Monday."))
    assert rejected["form"] == "object" and rejected["text"] == "The tram plan"
    assert rejected["source"]["text"] == "the city council"


def test_quotes_indirect_participle_with_its_topic_is_no_parenthetical(quotes: Any) -> None:
    (responding,) = _indirect(quotes("The dock workers cheered, responding to the mayor's speech."))
    assert responding["form"] == "topic" and responding["text"] == "the mayor's speech"


def test_quotes_indirect_lexicon_covers_accusations_and_feelings(quotes: Any) -> None:
    text = (
        "The union accused the port authority of hiding the report. "
        "Councillor Iris Vale was unhappy with the delays. "
        "In the view of the harbour master, the cranes are too old."
    )
    assert _contents_and_sources(quotes(text)) == {
        "accused": ("the port authority of hiding the report", "The union"),
        "unhappy": ("the delays", "Councillor Iris Vale"),
        "In the view of": ("the cranes are too old", "the harbour master"),
    }


def test_quotes_indirect_according_to_covers_the_sentence(quotes: Any) -> None:
    text = "Exports rose by 3 percent and imports fell, according to the port authority."
    (according,) = _indirect(quotes(text))
    assert according["text"] == "Exports rose by 3 percent and imports fell"


def test_quotes_indirect_poll_and_reportedly(quotes: Any) -> None:
    text = (
        "In a new survey, most residents rated the tram line highly. "
        "The mayor reportedly met the builders in secret."
    )
    found = {q["cue"]: q for q in _indirect(quotes(text))}
    assert found["In"]["source"]["text"] == "a new survey"
    assert found["In"]["text"] == "most residents rated the tram line highly"
    assert found["reportedly"]["source"] is None
    # the content is one span of the text: the adverb stays inside it
    assert found["reportedly"]["text"] == "The mayor reportedly met the builders in secret"


def test_quotes_indirect_headline_and_colon_lines(quotes: Any) -> None:
    text = (
        "Port Union Chief Praises New Crane Deal\n\n"
        "Okonkwo: The strike will end this week\n\n"
        "Update: the story was corrected."
    )
    found = {q["cue"]: q for q in _indirect(quotes(text))}
    assert found["Praises"]["source"]["text"] == "Port Union Chief"
    assert found["Praises"]["text"] == "New Crane Deal"
    assert found[":"]["source"]["text"] == "Okonkwo"
    assert found[":"]["text"] == "The strike will end this week"
    assert [q["cue"] for q in found.values()].count(":") == 1  # "Update:" is a rubric


# -- events and the pipeline -----------------------------------------------------------------
@pytest.fixture(scope="module")
def analyse() -> Callable[[str], Any]:
    pipeline = default_pipeline(load_config(language_check=False))

    def run(text: str) -> Any:
        (analysis,) = pipeline.run(
            [Source(id="t", raw=text, format="text", published="2022-07-18")]
        )
        assert analysis.error is None, analysis.error
        return analysis

    return run


def test_quotes_events_in_a_claim_take_the_speaker_as_source(analyse: Any) -> None:
    analysis = analyse("Ukraine's defence ministry said Russian troops shelled Kharkiv on Monday.")
    (event,) = [e for e in analysis.events if e["type"] == "ASSAULT"]
    assert event["source"]["country"] == "UKR" and "reported" in event["aux"]
    quote = analysis.quotes[0]
    assert quote["start"] <= event["trigger"]["start"] < quote["end"]


def test_quotes_speaker_who_is_the_actor_is_not_reported(analyse: Any) -> None:
    analysis = analyse("Turkey said it would send humanitarian aid to Syria next week.")
    events = [e for e in analysis.events if e["source"] is not None]
    assert events and all(e["source"]["country"] == "TUR" for e in events)
    assert all("reported" not in e["aux"] for e in events)


def test_quotes_attribute_events_uses_the_innermost_claim_only() -> None:
    speaker = {"text": "Kyiv", "start": 0, "end": 4, "name": "Ukraine", "country": "UKR",
               "sector": None, "wikidata": None, "role": None}  # fmt: skip
    quotes = [
        {"start": 10, "end": 60, "speaker": speaker, "form": "clause"},
        {"start": 70, "end": 90, "speaker": speaker, "form": "object"},  # a stance: no claim
    ]
    inside = {"trigger": {"start": 20}, "actor": [], "aux": []}
    stance = {"trigger": {"start": 75}, "actor": [], "aux": []}
    own = {"trigger": {"start": 30}, "actor": [dict(speaker)], "aux": []}
    attribute_events([inside, stance, own], quotes)
    assert inside["source"] == speaker and inside["aux"] == ["reported"]
    assert stance["source"] is None and stance["aux"] == []
    assert own["source"] == speaker and own["aux"] == []


def test_quotes_annotate_record_follows_the_contract(analyse: Any) -> None:
    text = "“We are ready,” Sergei Lavrov told reporters in Moscow on Monday."
    analysis = analyse(text)
    record = json.loads(json.dumps(analysis.to_dict()))
    (quote,) = record["quotes"]
    assert {"text", "start", "end", "speaker", "cue"} <= set(quote)
    assert record["text"][quote["start"] : quote["end"]] == quote["text"] == "We are ready"
    assert quote["speaker"]["name"] == "Sergei Lavrov" and quote["cue"] == "told"


def test_quotes_cli_prints_speaker_cue_and_quote(tmp_path: Path, capsys: Any) -> None:
    article = tmp_path / "article.txt"
    article.write_text(
        "“The border will stay open,” said Ana Duarte, the governor.\n", encoding="utf-8"
    )
    assert main(["quotes", str(article), "--date", "2022-07-18"]) == 0
    lines = capsys.readouterr().out.splitlines()
    header = next(line for line in lines if line.startswith("KIND"))
    assert header.split() == ["KIND", "SPEAKER", "CUE", "QUOTE"]
    row = lines[lines.index(header) + 1]
    assert "Ana Duarte" in row and "said" in row and "The border will stay open" in row


# -- the cue table ---------------------------------------------------------------------------
def test_quotes_cue_table_must_not_be_empty(tmp_path: Path) -> None:
    cues = _packaged_cues()
    assert read_cues(_write(tmp_path, cues)).speech
    cues["speech"] = []
    with pytest.raises(ValueError, match="speech"):
        read_cues(_write(tmp_path, cues))
    del cues["licence"]
    with pytest.raises(ValueError, match="licence"):
        read_cues(_write(tmp_path, cues))


@pytest.mark.parametrize(
    "key", ["raising", "colon_labels", "records", "adverbs", "stances", "light_nouns"]
)
def test_quotes_cue_table_rule_lists_must_not_be_empty(tmp_path: Path, key: str) -> None:
    cues = _packaged_cues()
    cues[key] = {} if isinstance(cues[key], dict) else []
    with pytest.raises(ValueError, match=key):
        read_cues(_write(tmp_path, cues))


def _packaged_cues() -> dict[str, Any]:
    path = Path(__file__).resolve().parents[2] / "src/newsevents/data/quotes/cues.json"
    table: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return table


def _write(directory: Path, table: dict[str, Any]) -> Path:
    (directory / "cues.json").write_text(json.dumps(table), encoding="utf-8")
    return directory


def test_quotes_indirect_cue_in_an_infinitive_of_a_noun_has_no_source(quotes: Any) -> None:
    # "a way [to tell] without seeing": the noun an infinitive completes does not see
    text = "There is no way to tell without seeing the harbour accounts."
    assert not [q for q in _indirect(quotes(text)) if q["cue"] == "seeing" and q["source"]]
