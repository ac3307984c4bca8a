"""The same matches as the model's attribute_ruler, found with dict lookups.

spaCy's `AttributeRuler` (tag -> POS, morphology and lemma exceptions) runs a `Matcher` over
its ~180 patterns, and for every token evaluates each pattern's predicates, several of them
Python callbacks (IN, NOT_IN, REGEX): about a tenth of the whole parse. Its patterns are a
token or two long, and nearly all name a value one of their tokens must have, so indexing
them by that value finds the same matches with one dict lookup per token and attribute.

`speed_up_attribute_ruler` compiles the ruler's own patterns (nothing is copied from the
model) and replaces only its `match` method: spaCy still applies the attributes, in the same
order. When a pattern has a shape this module does not know (an operator, another predicate),
spaCy's matcher stays in place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# Token attributes the patterns may test: the pattern key -> spaCy's attribute name.
_ATTRS = ("TAG", "LOWER", "DEP", "ORTH", "IS_SPACE", "POS")
_BOOLEAN = {"IS_SPACE"}


@dataclass(frozen=True, slots=True)
class _Test:
    """One predicate on one token of a pattern: column, operator and its value."""

    offset: int  # which token of the pattern
    column: int  # index into _ATTRS
    op: str  # "eq", "in", "not_in", "regex"
    value: Any  # a hash, a frozenset of hashes, or a compiled regex


@dataclass(slots=True)
class _Pattern:
    key: int  # the ruler's attribute-set number
    match_id: int  # the matcher's key: the hash of str(key)
    length: int
    tests: list[_Test]
    regex_cache: dict[tuple[int, int], bool] = field(default_factory=dict)

    def matches(self, columns: list[list[int]], start: int, strings: Any) -> bool:
        for test in self.tests:
            value = columns[test.column][start + test.offset]
            if test.op == "eq":
                ok = value == test.value
            elif test.op == "in":
                ok = value in test.value
            elif test.op == "not_in":
                ok = value not in test.value
            else:  # regex on the attribute's string; the same strings recur, so remember
                cached = self.regex_cache.get((test.offset, value))
                if cached is None:
                    cached = bool(test.value.search(strings[value]))
                    self.regex_cache[(test.offset, value)] = cached
                ok = cached
            if not ok:
                return False
        return True


class _Index:
    """Patterns filed under a value one of their tokens must have (or under none)."""

    def __init__(self, patterns: list[_Pattern]) -> None:
        # (column, offset) -> attribute hash -> patterns needing it at that offset
        self.by_value: dict[tuple[int, int], dict[int, list[_Pattern]]] = {}
        self.unindexed: list[_Pattern] = []
        for pattern in patterns:
            anchor = next((t for t in pattern.tests if t.op in ("eq", "in")), None)
            if anchor is None:
                self.unindexed.append(pattern)
                continue
            table = self.by_value.setdefault((anchor.column, anchor.offset), {})
            values = [anchor.value] if anchor.op == "eq" else anchor.value
            for value in values:
                table.setdefault(value, []).append(pattern)

    def find(self, columns: list[list[int]], strings: Any) -> list[tuple[int, int, int, int]]:
        n = len(columns[0]) if columns else 0
        found: set[tuple[int, int, int, int]] = set()
        for (column, offset), table in self.by_value.items():
            for i, value in enumerate(columns[column]):
                candidates = table.get(value)
                if not candidates:
                    continue
                start = i - offset
                for p in candidates:
                    if start >= 0 and start + p.length <= n and p.matches(columns, start, strings):
                        found.add((p.key, p.match_id, start, start + p.length))
        for p in self.unindexed:
            for start in range(n - p.length + 1):
                if p.matches(columns, start, strings):
                    found.add((p.key, p.match_id, start, start + p.length))
        return sorted(found)


def _code(name: str, value: Any, strings: Any) -> int:
    """A pattern value as `Doc.to_array` gives the attribute: a string's hash, a flag's 0/1."""
    if name in _BOOLEAN:
        if not isinstance(value, bool):
            raise ValueError(f"{name} value {value!r}")
        return int(value)
    if not isinstance(value, str):
        raise ValueError(f"{name} value {value!r}")
    return int(strings.add(value))


def _compile(key: int, match_id: int, pattern: list[dict[str, Any]], strings: Any) -> _Pattern:
    """One matcher pattern as tests; ValueError for a shape this module does not handle."""
    tests = []
    for offset, spec in enumerate(pattern):
        for name, wanted in spec.items():
            if name not in _ATTRS:
                raise ValueError(f"attribute {name}")
            column = _ATTRS.index(name)
            if not isinstance(wanted, dict):
                tests.append(_Test(offset, column, "eq", _code(name, wanted, strings)))
                continue
            if len(wanted) != 1:
                raise ValueError(f"predicate {wanted!r}")
            ((op, arg),) = wanted.items()
            if op in ("IN", "NOT_IN") and isinstance(arg, list):
                values = frozenset(_code(name, v, strings) for v in arg)
                tests.append(_Test(offset, column, op.lower(), values))
            elif op == "REGEX" and isinstance(arg, str) and name not in _BOOLEAN:
                tests.append(_Test(offset, column, "regex", re.compile(arg)))
            else:
                raise ValueError(f"predicate {op}")
    # equality first: the cheapest test, and the one most likely to fail
    tests.sort(key=lambda t: (t.op != "eq", t.op == "regex"))
    return _Pattern(key, match_id, len(pattern), tests)


def speed_up_attribute_ruler(nlp: Any) -> bool:
    """Give the pipeline's attribute_ruler the indexed `match`; False when left as it was."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    from spacy import attrs as spacy_attrs

    ruler = nlp.get_pipe("attribute_ruler")
    strings = nlp.vocab.strings
    compiled: list[_Pattern] = []
    try:
        for key in range(len(ruler.attrs)):  # the ruler files attribute set i under "i"
            match_id = int(strings.add(str(key)))
            for pattern in ruler.matcher.get(match_id)[1]:
                if any("OP" in spec for spec in pattern):
                    raise ValueError("operator")
                compiled.append(_compile(key, match_id, pattern, strings))
    except (ValueError, KeyError, TypeError):
        return False
    index = _Index(compiled)
    attr_ids = [getattr(spacy_attrs, name) for name in _ATTRS]

    def match(doc: Any) -> list[tuple[int, int, int, int]]:
        if len(doc) == 0:
            return []
        columns = doc.to_array(attr_ids).T.tolist()
        return index.find(columns, strings)

    ruler.match = match
    return True
