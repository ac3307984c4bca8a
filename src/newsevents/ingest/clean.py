"""Remove scraped noise (photo captions and credits, page boilerplate) from article text.

The cleaner works on whole lines: a removed span is one line including its terminator, so the
cleaned text keeps its paragraph structure and every `Removal` points into the original input.
Credits are recognised by their shape (agency and photographer names joined by `/`, `via`, ...);
a caption is only removed when a credit line anchors it, because a caption and a short body
paragraph are otherwise indistinguishable. The vocabularies live in
`data/clean/noise_lines.json`.

>>> clean_text("Talks resumed.\\n\\nReuters/Jane Doe\\n").text
'Talks resumed.\\n\\n'
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from newsevents.records import Removal

_DATA = ("data", "clean", "noise_lines.json")
_LIMITS = {
    "caption_max_chars",
    "caption_min_words",
    "caption_max_sentences",
    "name_line_max_words",
    "credit_max_words",
    "credit_name_max_words",
    "prefixed_segment_max_words",
}
_LINE = re.compile(r"[^\n]*\n|[^\n]+")
_SENTENCE_END = ".!?:;,\"”’'…"
_SENTENCE_BREAK = re.compile(r"[.!?][”\"’)]?\s+(?=[“\"A-Z])")
_WORD_CHARS = re.compile(r"[^\W\d_][\w'’.\-]*")


@dataclass(slots=True)
class CleanResult:
    text: str  # the input with the removed spans deleted
    removed: list[Removal]  # offsets into the ORIGINAL input, sorted, non-overlapping


@dataclass(frozen=True, slots=True)
class _Rules:
    line_kinds: tuple[tuple[str, re.Pattern[str]], ...]
    agency: re.Pattern[str]
    partner_only: re.Pattern[str]
    prefix: re.Pattern[str]
    separator: re.Pattern[str]
    caption_reject: re.Pattern[str]
    particles: frozenset[str]
    headline_words: frozenset[str]
    limits: dict[str, int]


def _strings(data: dict[str, Any], key: str, where: str = "") -> list[str]:
    # An empty list would silently disable a whole kind of noise: refuse it.
    items = data.get(key)
    if not isinstance(items, list) or not items or not all(isinstance(s, str) and s for s in items):
        raise ValueError(f"noise_lines.json: '{where}{key}' must be a non-empty list of strings")
    return items


def _compile(key: str, patterns: list[str]) -> re.Pattern[str]:
    # One alternation per list; each pattern is checked alone so the error names the culprit.
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            message = f"noise_lines.json: malformed regex in {key!r}: {pattern!r}: {exc}"
            raise ValueError(message) from exc
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def _literals(items: list[str]) -> str:
    # Longest first so "Getty Images" wins over "Getty"; inner spaces match any whitespace.
    ordered = sorted(items, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, item.split())) for item in ordered)


@lru_cache(maxsize=1)
def load_rules() -> _Rules:
    """Load and validate the noise vocabularies once; raises ValueError when they are unusable."""
    raw = resources.files("newsevents").joinpath(*_DATA).read_text(encoding="utf-8")
    data = json.loads(raw)
    for key in ("source", "version"):
        if not isinstance(data.get(key), str) or not data[key]:
            raise ValueError(f"noise_lines.json: {key!r} must be a non-empty string")
    kinds = data.get("line_kinds")
    if not isinstance(kinds, dict) or not kinds:
        raise ValueError("noise_lines.json: 'line_kinds' must be a non-empty object")
    line_kinds = [
        (kind, _compile(f"line_kinds.{kind}", _strings(kinds, kind, "line_kinds.")))
        for kind in kinds
    ]
    share = _literals(_strings(data, "share_words"))
    # A row of share buttons flattened into one line: "Facebook Twitter Email".
    share_row = rf"(?:{share})(?:[\s|•·,/:]+(?:{share}))*:?"
    line_kinds.append(("share", re.compile(share_row, re.IGNORECASE)))
    limits = data.get("limits")
    if (
        not isinstance(limits, dict)
        or set(limits) != _LIMITS
        or not all(isinstance(v, int) and v > 0 for v in limits.values())
    ):
        raise ValueError(f"noise_lines.json: 'limits' must map {sorted(_LIMITS)} to positive ints")
    return _Rules(
        line_kinds=tuple(line_kinds),
        agency=re.compile(_literals(_strings(data, "agencies")), re.IGNORECASE),
        partner_only=re.compile(_literals(_strings(data, "partner_only")), re.IGNORECASE),
        prefix=_compile("credit_prefixes", _strings(data, "credit_prefixes")),
        separator=_compile("credit_separators", _strings(data, "credit_separators")),
        caption_reject=_compile("caption_rejects", _strings(data, "caption_rejects")),
        particles=frozenset(p.lower() for p in _strings(data, "name_particles")),
        headline_words=frozenset(_strings(data, "headline_words")),
        limits=dict(limits),
    )


def _name_word(word: str, rules: _Rules) -> bool:
    """A word of a proper name: capitalised, or a particle ("van", "al-Hashimi")."""
    if word.lower() in rules.particles or word.split("-")[0].lower() in rules.particles:
        return True
    return word[0].isupper() and _WORD_CHARS.fullmatch(word) is not None


def _is_name(segment: str, rules: _Rules) -> bool:
    """A photographer or organisation name: a few capitalised words (or an @handle)."""
    words = segment.split()
    if not 1 <= len(words) <= rules.limits["credit_name_max_words"]:
        return False
    return all((w.startswith("@") and len(w) > 1) or _name_word(w, rules) for w in words)


def _is_credit(line: str, rules: _Rules, photo_only: bool = False) -> bool:
    """True for a photo-credit line such as 'Reuters/Jane Doe' or '(Photo by J. Doe/Getty Images)'.

    With `photo_only` (a credit at the end of a caption line) only the strict shape counts,
    an agency joined to a photographer by "/" or after "Photo:": a bare "[Reuters]" at the end
    of a body line cites a news source, and "among Bloomberg, Clinton and Trump" is prose.
    """
    s = line.strip().rstrip(".").strip()
    if s[:1] in "([" and s[-1:] in ")]":
        s = s[1:-1].strip().rstrip(".")
    if not s or len(s.split()) > rules.limits["credit_max_words"]:
        return False
    prefixed = rules.prefix.match(s)
    if prefixed:
        s = s[prefixed.end() :].strip()
    if photo_only and not (prefixed or "/" in s):  # asked of many line ends: answer fast
        return False
    segments = rules.separator.split(s)
    if not all(segments):
        return False
    agencies = [seg for seg in segments if rules.agency.fullmatch(seg)]
    partners = [seg for seg in segments if rules.partner_only.fullmatch(seg)]
    # "Twitter" or "Washington Post" alone is a share button or a source, not a credit.
    anchored = bool(prefixed or agencies or len(segments) > len(partners) > 0)
    if photo_only and (len(segments) < 2 or not agencies or not (prefixed or "/" in s)):
        return False
    free = prefixed is not None and not photo_only
    max_free = rules.limits["prefixed_segment_max_words"]
    return anchored and all(
        seg in agencies
        or seg in partners
        or _is_name(seg, rules)
        or (free and len(seg.split()) <= max_free and not re.search(r"[!?]", seg))
        for seg in segments
    )


def _line_kind(line: str, rules: _Rules) -> str | None:
    s = line.strip().rstrip(".").strip()
    if not s:
        return None
    for kind, pattern in rules.line_kinds:
        if pattern.fullmatch(s):
            return kind
    if _is_credit(s, rules):
        return "credit"
    # A caption with its credit on the same line ("... in Ankara. REUTERS/Jane Doe"); the
    # credit has at most credit_max_words words, so only the last few gaps need a look.
    gaps = list(re.finditer(r"\s+", s))[-rules.limits["credit_max_words"] :]
    for gap in gaps:
        head, tail = s[: gap.start()], s[gap.end() :]
        if _is_credit(tail, rules, photo_only=True) and _is_caption(head, rules):
            return "caption"
    return None


def _title_case_words(words: list[str], rules: _Rules) -> int:
    """Capitalised function words after the first word: the mark of a Title Case headline."""
    return sum(w in rules.headline_words for w in words[1:])


def _is_caption(line: str, rules: _Rules) -> bool:
    """Could this line be a photo caption? Only asked next to a credit, never of a lone line."""
    s = line.strip()
    return (
        len(s) <= rules.limits["caption_max_chars"]
        and len(s.split()) >= rules.limits["caption_min_words"]
        # Captions are one or two sentences; a longer run is a body paragraph.
        and len(_SENTENCE_BREAK.findall(s)) < rules.limits["caption_max_sentences"]
        and _title_case_words(s.split(), rules) < 2  # headlines are kept
        and rules.caption_reject.search(s) is None
    )


def _is_name_line(line: str, caption: str, rules: _Rules) -> bool:
    """A short label above a caption ("Russia's President Jane Example").

    It must end in a name ("Opposition leader Jane Example") or share a capitalised word
    with the caption it labels, so a sentence-case subhead above a caption is kept.
    """
    s = line.strip()
    words = s.split()
    if not words or len(words) > rules.limits["name_line_max_words"]:
        return False
    if s[-1] in _SENTENCE_END or not s[0].isupper() or _title_case_words(words, rules):
        return False
    if all(_name_word(w, rules) for w in words[-2:]):
        return True
    capitalised = [
        {w.strip("'’.,") for w in ws if w[:1].isupper() and len(w) >= 3}
        for ws in (words, caption.split())
    ]
    return bool(capitalised[0] & capitalised[1])


def clean_text(text: str) -> CleanResult:
    """Remove noise lines from `text`; see the module docstring for what counts as noise."""
    rules = load_rules()
    # (start, end, content): end includes the terminator (\n or \r\n), content excludes it.
    lines = [(m.start(), m.end(), m.group().rstrip("\r\n")) for m in _LINE.finditer(text)]
    kinds = [_line_kind(content, rules) for _, _, content in lines]
    for i, kind in enumerate(kinds):
        caption = i  # the line a name line may label: a caption with its credit inline ...
        if kind == "credit" and i > 0 and kinds[i - 1] is None:
            # ... or the line directly above a credit; a blank line above the credit means
            # the credit stands alone.
            above = lines[i - 1][2]
            if above.strip() and _is_caption(above, rules):
                kinds[i - 1], caption = "caption", i - 1
        if kinds[caption] != "caption" or caption == 0 or kinds[caption - 1] is not None:
            continue
        if _is_name_line(lines[caption - 1][2], lines[caption][2], rules):
            kinds[caption - 1] = "caption"
    removed = [
        Removal(start, end, kind)
        for (start, end, _), kind in zip(lines, kinds, strict=True)
        if kind is not None
    ]
    return CleanResult(apply_removals(text, removed), removed)


def apply_removals(text: str, removed: list[Removal]) -> str:
    """Delete the spans of `removed` (sorted, non-overlapping offsets into `text`)."""
    parts: list[str] = []
    pos = 0
    for r in sorted(removed, key=lambda r: r.start):
        if r.start < pos or r.end < r.start or r.end > len(text):
            raise ValueError(f"removal {r} overlaps another or lies outside the text")
        parts.append(text[pos : r.start])
        pos = r.end
    parts.append(text[pos:])
    return "".join(parts)


def original_offset(removed: list[Removal], offset: int) -> int:
    """Map an offset of the cleaned text back to the original input (for provenance).

    >>> original_offset([Removal(0, 5, "credit")], 0)
    5
    """
    for r in sorted(removed, key=lambda r: r.start):
        if r.start > offset:
            break
        offset += r.end - r.start
    return offset
