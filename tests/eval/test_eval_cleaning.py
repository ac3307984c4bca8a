"""Quality gate of the scraped-noise cleaner against pinned floors (needs ../shared)."""

from __future__ import annotations

import pytest
from eval_gate import SHARED, assert_floors, load_eval, require

from newsevents.ingest.clean import clean_text

SEED_ARTICLE = SHARED / "examples" / "seed_article.txt"

# 0-based line numbers of the noise in the seed article (read at test time, never copied):
# the photo block after the "...Winter Olympics in China." paragraph, the second photo block
# (two photo units back to back), and the wire / "Source link" / "Comments are closed." tail.
SEED_NOISE_LINES = {10, 11, 12, 20, 21, 22, 23, 24, 25, 33, 36, 39}

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is absent")


def test_eval_cleaning_meets_floors() -> None:
    require("corpus", "news_articles.jsonl")
    assert_floors("cleaning", load_eval("eval_cleaning").evaluate(SHARED))


@needs_shared
def test_eval_cleaning_seed_article_removes_exactly_the_noise_lines() -> None:
    if not SEED_ARTICLE.is_file():
        pytest.skip("seed article is absent")
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    result = clean_text(text)
    removed = {starts.index(r.start) for r in result.removed}
    assert removed == SEED_NOISE_LINES
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if number not in SEED_NOISE_LINES and line.strip():
            assert line in result.text, f"body line {number} was removed"
    kinds = {starts.index(r.start): r.kind for r in result.removed}
    assert {kinds[n] for n in (12, 22, 25)} == {"credit"}
    assert {kinds[n] for n in (10, 11, 20, 21, 23, 24)} == {"caption"}
    assert {kinds[n] for n in (33, 36, 39)} == {"boilerplate"}
