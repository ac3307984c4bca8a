"""Bad input gets a clear error record and the batch goes on (issue 2, part 6)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ENGLISH_TEXT, RUSSIAN_TEXT

# a page cut off in the middle: a menu, then nothing but an unterminated script
BROKEN_HTML = (
    b'<html><head><title>Breaking news</title></head><body><div class="nav">'
    b'<a href="/">Home</a> <a href="/w">World</a></div><div id="main"><script>var x = "'
)


def _write_batch(tmp: Path) -> list[str]:
    files = {
        "a_good.txt": ENGLISH_TEXT.encode(),
        "b_empty.txt": b"",
        "c_blank.txt": b"   \n\n \t\n",
        "d_binary.txt": bytes(range(256)) * 40,
        "e_huge.txt": (ENGLISH_TEXT + "\n\n").encode() * (10_000_000 // len(ENGLISH_TEXT)),
        "f_latin1.txt": "Le ministre a déclaré à Genève que la réunion était terminée.".encode(
            "latin-1"
        ),
        "g_broken.html": BROKEN_HTML,
        "h_russian.txt": RUSSIAN_TEXT.encode(),
        "i_good_again.txt": ENGLISH_TEXT.replace("Chile", "Bolivia").encode(),
    }
    paths = []
    for name, data in files.items():
        path = tmp / name
        path.write_bytes(data)
        paths.append(str(path))
    return paths


def _annotate(args: list[str], stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "newsevents.cli", "annotate", *args],
        input=stdin,
        capture_output=True,
        timeout=300,
        check=False,
    )


def test_malformed_inputs_each_reported_and_batch_goes_on(tmp_path: Path) -> None:
    paths = _write_batch(tmp_path)
    proc = _annotate(paths)
    records = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    by_name = {Path(r["id"]).name: r for r in records}
    assert len(records) == len(paths), "every input is accounted for"
    expected = {
        "b_empty.txt": "empty",
        "c_blank.txt": "empty",
        "d_binary.txt": "binary",
        "e_huge.txt": "too_large",
        "f_latin1.txt": "not_utf8",
        "g_broken.html": "no_main_text",
        "h_russian.txt": "not_english",
    }
    for name, code in expected.items():
        assert by_name[name]["error"]["code"] == code, (name, by_name[name]["error"])
        assert by_name[name]["error"]["message"]
    for name in ("a_good.txt", "i_good_again.txt"):
        assert by_name[name]["error"] is None
        assert by_name[name]["sentences"], "good documents after bad ones are still analysed"
    assert proc.returncode == 1, "the exit code says some documents failed"
    assert b"7 failed" in proc.stderr


def test_malformed_latin1_error_names_the_encoding(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Réunion à Genève".encode("latin-1"))
    record = json.loads(_annotate([str(path)]).stdout)
    assert "Latin-1" in record["error"]["message"]


def test_malformed_jsonl_lines_reported_with_line_numbers(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "ok-1", "text": ENGLISH_TEXT}),
        "{not json",
        json.dumps({"id": "no-text"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "ok-2", "text": ENGLISH_TEXT, "published": "2024-05-06"}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    records = [json.loads(line) for line in _annotate([str(path)]).stdout.decode().splitlines()]
    assert [r["error"]["code"] if r["error"] else "ok" for r in records] == [
        "ok",
        "bad_json",
        "bad_record",
        "bad_record",
        "ok",
    ]
    assert records[1]["id"].endswith("batch.jsonl:2")
    assert records[4]["published"] == "2024-05-06"
    assert records[4]["published_inferred"] is False


def test_malformed_missing_file_is_reported_not_fatal(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ENGLISH_TEXT, encoding="utf-8")
    proc = _annotate([str(tmp_path / "nope.txt"), str(good)])
    records = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert records[0]["error"]["code"] == "unreadable"
    assert records[1]["error"] is None
    assert proc.returncode == 1


def test_malformed_size_limit_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text(ENGLISH_TEXT, encoding="utf-8")
    small = json.loads(_annotate([str(path), "--max-bytes", "100"]).stdout)
    assert small["error"]["code"] == "too_large"
    config = tmp_path / "settings.toml"
    config.write_text("max_document_bytes = 100\n", encoding="utf-8")
    from_file = json.loads(_annotate([str(path), "--config", str(config)]).stdout)
    assert from_file["error"]["code"] == "too_large"
    stdin = _annotate(["-", "--max-bytes", "100"], stdin=ENGLISH_TEXT.encode())
    assert json.loads(stdin.stdout)["error"]["code"] == "too_large"


def test_malformed_html_with_an_article_is_still_extracted(tmp_path: Path) -> None:
    page = tmp_path / "unclosed.html"
    page.write_text(
        "<html><body><div><p>" + ENGLISH_TEXT + "<p><b>More text<div></span>", encoding="utf-8"
    )
    record = json.loads(_annotate([str(page)]).stdout)
    assert record["error"] is None
    assert "fishing rights" in record["text"]
