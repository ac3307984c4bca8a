"""The search machinery of the time grammar: the filters must never lose a match."""

from __future__ import annotations

import re

import pytest

from newsevents.time.grammar import grammar
from newsevents.time.search import (
    DIGIT,
    alternation,
    fold,
    present,
    trie_alternation,
    windows,
)

# texts written for these tests, one or more expressions of every rule
EXAMPLES = [
    "The talks on 2021-03-04T10:30 ended. They met on Tuesday, March 3, 2020 and on 4th of July.",
    "Sales rose in May 2019 and in the fiscal year 2018, and again in '98 and the 1990s.",
    "In nineteen ninety-six, at year-end, in the nineties and the twenty-first century.",
    "Late last night and early this morning, overnight, by mid-afternoon, at 5:30 p.m. EST.",
    "At noon on Friday; this past week; the same quarter a year earlier; year-ago figures.",
    "The third quarter of 2020 and Q3 2021 results came two and a half years later.",
    "For the past several months, for years, in the last decade; currently and recently.",
    "Every other Tuesday, twice a week, daily, on Christmas Eve and Thanksgiving 2019.",
    "In the spring, in summer 2010, the winter of 1994, this coming Monday, tomorrow night.",
    "Some 30 minutes ago, the previous day, three weeks earlier, the near future, nowadays.",
    "ſeconds after the ſpring of 2015, a KELVIN-sign K day: İstanbul on Tuesday.",
]


def test_search_trie_alternation_matches_what_the_alternation_matches() -> None:
    words = ["may", "mayday", "at present", "at the moment", "the near future", "now",
             "nowadays", "day", "days", "eve", "week", "weekend", "the past"]
    old = re.compile(r"\b" + alternation(words) + r"\b", re.IGNORECASE)
    new = re.compile(r"\b" + trie_alternation(words) + r"\b", re.IGNORECASE)
    text = ("Mayday in May; at  present, AT THE\nMOMENT, the near future now, nowadays the "
            "days, the weekend week, Christmas eve, the pasta, the past; at presentation")
    assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)]
    assert len(list(old.finditer(text))) > 10


def test_search_fold_compares_letters_as_case_insensitive_regex_does() -> None:
    text = "ſpring İstanbul ıt Kelvin K MARCH Straße ΣΑΣ"
    folded = fold(text)
    assert len(folded) == len(text)
    for i, char in enumerate(text):
        for letter in "aeiklmnrst":
            matches = re.fullmatch(letter, char, re.IGNORECASE) is not None
            assert matches == (folded[i] == letter), (char, letter)


def test_search_windows_never_cut_a_word_and_cover_every_trigger() -> None:
    trigger = re.compile(r"\d|\bmonday\b", re.IGNORECASE)
    text = "x" * 100 + " Monday " + "y" * 30 + " 12 " + "z" * 200
    found = windows(text, trigger)
    for _start, end in found:
        assert end == len(text) or text[end].isspace()
    for m in trigger.finditer(text):
        assert any(start <= m.start() and m.end() <= end for start, end in found)


def test_search_present_finds_words_and_digits_of_a_window() -> None:
    folded = fold("On MONDAY, 3 weeks later")
    assert present(folded, 0, len(folded), ["monday", "week", "march"]) == {
        "monday", "week", DIGIT}
    assert present(folded, 0, 9, ["monday", "week"]) == {"monday"}


@pytest.mark.parametrize("text", EXAMPLES)
def test_search_every_rule_match_holds_what_the_rule_needs(text: str) -> None:
    """A rule is skipped where its needs are missing: this holds only if each of its
    matches contains a word of each group of its needs."""
    folded = fold(text)
    for rule in grammar().rules:
        for m in rule.regex.finditer(text):
            if m.end() == m.start():
                continue
            here = present(folded, m.start(), m.end(), set().union(*rule.needs) - {DIGIT})
            missing = [sorted(g)[:5] for g in rule.needs if g.isdisjoint(here)]
            assert not missing, (rule.name, m.group(), missing)


@pytest.mark.parametrize("text", EXAMPLES)
def test_search_find_equals_trying_every_rule_everywhere(text: str) -> None:
    """The filters only skip work: the matches are those of every rule over the whole text,
    longest first, without overlaps."""
    rules = grammar().rules
    candidates = [(m.start(), m.end(), p, rule.name) for p, rule in enumerate(rules)
                  for m in rule.regex.finditer(text) if m.end() > m.start()]
    candidates.sort(key=lambda c: (c[0] - c[1], c[0], c[2]))
    taken: set[int] = set()
    expected = []
    for start, end, _, name in candidates:
        if taken.isdisjoint(range(start, end)):
            taken.update(range(start, end))
            expected.append((start, name))
    found = [(f.match.start(), f.rule.name) for f in grammar().find(text)]
    assert found == sorted(expected)
    assert len(found) >= 3
