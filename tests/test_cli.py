"""The command line: the annotate output contract, the events table, inputs of every kind."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ENGLISH_TEXT, EXAMPLE

CONTRACT_FIELDS = {
    "id",
    "published",
    "published_inferred",
    "text",
    "removed",
    "sentences",
    "actors",
    "times",
    "places",
    "quotes",
    "events",
}


def _run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsevents.cli", *args],
        input=stdin.decode() if stdin else None,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_cli_annotate_example_has_every_contract_field() -> None:
    proc = _run("annotate", str(EXAMPLE))
    assert proc.returncode == 0, proc.stderr
    record = json.loads(proc.stdout)
    assert set(record) >= CONTRACT_FIELDS
    for name in ("removed", "sentences", "actors", "times", "places", "quotes", "events"):
        assert isinstance(record[name], list)
    original = EXAMPLE.read_text(encoding="utf-8")
    cleaned = "".join(
        original[prev["end"] if prev else 0 : cur["start"]]
        for prev, cur in zip([None, *record["removed"]], record["removed"], strict=False)
    ) + (original[record["removed"][-1]["end"] :] if record["removed"] else original)
    assert record["text"] == cleaned, "cleaned text is the input minus the removed spans"
    assert record["published"] == "2026-03-03" and record["published_inferred"] is True
    for sent in record["sentences"]:
        assert record["text"][sent["start"] : sent["end"]].strip()


def test_cli_annotate_date_flag_wins_and_is_not_inferred() -> None:
    record = json.loads(_run("annotate", str(EXAMPLE), "--date", "2026-03-04").stdout)
    assert record["published"] == "2026-03-04"
    assert record["published_inferred"] is False


def test_cli_annotate_rejects_a_bad_date_flag() -> None:
    proc = _run("annotate", str(EXAMPLE), "--date", "yesterday")
    assert proc.returncode == 2
    assert "yesterday" in proc.stderr


def test_cli_annotate_reads_stdin_directories_and_globs(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "one.txt").write_text(ENGLISH_TEXT, encoding="utf-8")
    (tmp_path / "sub" / "two.txt").write_text(ENGLISH_TEXT, encoding="utf-8")
    from_dir = _run("annotate", str(tmp_path)).stdout.splitlines()
    assert [Path(json.loads(x)["id"]).name for x in from_dir] == ["one.txt", "two.txt"]
    from_glob = _run("annotate", str(tmp_path / "**" / "*.txt")).stdout.splitlines()
    assert len(from_glob) == 2
    from_stdin = json.loads(_run("annotate", "-", stdin=ENGLISH_TEXT.encode()).stdout)
    assert from_stdin["id"] == "stdin" and from_stdin["error"] is None


def test_cli_annotate_auto_detects_html_and_jsonl(tmp_path: Path) -> None:
    paragraphs = "".join(f"<p>{s}.</p>" for s in ENGLISH_TEXT.split(". "))
    html = (
        f"<!DOCTYPE html><html><head><title>Ministers meet in Lima</title>"
        f'<meta property="article:published_time" content="2024-03-11T09:00:00Z"></head>'
        f"<body><nav>Home | World</nav><article><h1>Ministers meet in Lima</h1>{paragraphs}"
        f"</article><footer>Contact us</footer></body></html>"
    )
    page = tmp_path / "page.dat"  # no telling extension: the content decides
    page.write_text(html, encoding="utf-8")
    record = json.loads(_run("annotate", str(page)).stdout)
    assert record["error"] is None
    assert "fishing rights" in record["text"] and "Contact us" not in record["text"]
    assert record["title"] == "Ministers meet in Lima"
    assert record["published"] == "2024-03-11" and record["published_inferred"] is False
    lines = tmp_path / "docs.dat"
    lines.write_text(
        json.dumps({"id": "j1", "html": html})
        + "\n"
        + json.dumps({"id": "j2", "text": ENGLISH_TEXT})
        + "\n",
        encoding="utf-8",
    )
    records = [json.loads(x) for x in _run("annotate", str(lines)).stdout.splitlines()]
    assert [r["id"] for r in records] == ["j1", "j2"]
    assert (
        "fishing rights" in records[0]["text"] and records[0]["title"] == "Ministers meet in Lima"
    )


def test_cli_annotate_with_two_workers_matches_one_worker(tmp_path: Path) -> None:
    for i in range(5):
        (tmp_path / f"d{i}.txt").write_text(ENGLISH_TEXT.replace("Monday", f"day {i}"), "utf-8")
    one = _run("annotate", str(tmp_path), "--workers", "1")
    two = _run("annotate", str(tmp_path), "--workers", "2")
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout


def test_cli_code_prints_a_table_with_the_document_summary() -> None:
    proc = _run("code", str(EXAMPLE))
    assert proc.returncode == 0, proc.stderr
    heading, header = proc.stdout.splitlines()[:2]
    assert heading.startswith(f"== {EXAMPLE}") and "2026-03-03 (inferred)" in heading
    assert header.split()[:4] == ["DATE", "TYPE", "MODE", "ACTOR"]


def test_cli_settings_are_documented_in_the_readme() -> None:
    from newsevents.config import SETTINGS

    readme = (EXAMPLE.parents[1] / "README.md").read_text(encoding="utf-8")
    for setting in SETTINGS:
        assert f"`{setting.name}`" in readme, f"setting {setting.name} is not documented"


def test_cli_code_plover_prints_strict_records(tmp_path: Path) -> None:
    doc = tmp_path / "d.txt"
    doc.write_text("Japan will meet South Korea next week.", encoding="utf-8")
    proc = _run("code", str(doc), "--format", "plover", "--date", "2024-03-14")
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert records and records[0]["event"] == ["AGREE"], "future CONSULT is AGREE in PLOVER"
    # a meeting is reciprocal: the manual lists both parties as its actor
    assert {a["country"] for a in records[0]["actor"]} == {"JPN", "KOR"}
    assert records[0]["recipient"] == []


def test_cli_explain_shows_parse_triggers_and_decisions() -> None:
    proc = _run("explain", "Egypt accused Ethiopia of violating the agreement.")
    assert proc.returncode == 0, proc.stderr
    for section in ("PARSE", "TIMES", "TRIGGERS CONSIDERED", "EVENTS"):
        assert section in proc.stdout
    assert "'accused' (verb, lemma accuse)" in proc.stdout and "ACCUSE" in proc.stdout


def test_cli_actors_json_resolves_and_explains() -> None:
    found = json.loads(_run("actors", "Turkish troops", "--format", "json").stdout)
    assert (found["country"], found["sector"]) == ("TUR", "MIL") and found["explain"]
    nothing = json.loads(_run("actors", "the weather", "--format", "json").stdout)
    assert all(nothing[k] is None for k in ("name", "country", "sector", "wikidata", "role"))
