"""From raw input to text: size, binary and encoding checks, HTML extraction.

Every failure is a `DocumentFailure` with a stable code, so a bad document becomes an
error record and the batch goes on.
"""

from __future__ import annotations

import re

import trafilatura

from newsevents.errors import DocumentFailure, too_large_message

# Control characters other than tab, newline, carriage return and form feed do not occur in
# text; a few may come from a sloppy scraper, many mean the input is not text at all.
_TEXT_CONTROLS = {9, 10, 12, 13}
_MAX_CONTROL_SHARE = 0.01
# trafilatura falls back to whatever text a page has (menus, a cookie banner); fewer words
# than this is not an article, and analysing it would only produce noise
_MIN_HTML_WORDS = 10
_WORD = re.compile(r"[^\W\d_]{2,}")


def check_size(raw: bytes | str, limit: int) -> None:
    size = len(raw) if isinstance(raw, bytes) else len(raw.encode("utf-8", "surrogatepass"))
    if size > limit:
        raise DocumentFailure("too_large", too_large_message("document", size, limit))


def decode_bytes(raw: bytes) -> str:
    """UTF-8 bytes (optionally with a BOM) to text; binary or other encodings are failures.

    We do not guess encodings: a wrong guess silently corrupts names, which is worse for
    event data than a clear error the user can fix by re-encoding the file.
    """
    if b"\x00" in raw[:8192]:
        raise DocumentFailure("binary", "input contains NUL bytes; it is not a text document")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        hint = " (it looks like Latin-1/Windows-1252)" if _looks_single_byte(raw) else ""
        raise DocumentFailure(
            "not_utf8",
            f"input is not valid UTF-8{hint}: byte 0x{raw[exc.start]:02x} at offset {exc.start}; "
            "re-encode it as UTF-8",
        ) from None
    check_text(text)
    return text


def _looks_single_byte(raw: bytes) -> bool:
    high = [b for b in raw if b >= 0x80]
    return bool(high) and all(
        b >= 0xA0 or b in (0x80, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97) for b in high
    )


def check_text(text: str) -> None:
    """Fail on text that is empty or mostly control characters."""
    if not text.strip():
        raise DocumentFailure("empty", "document has no text")
    controls = sum(1 for ch in text if ord(ch) < 32 and ord(ch) not in _TEXT_CONTROLS)
    if controls > _MAX_CONTROL_SHARE * len(text):
        raise DocumentFailure(
            "binary", f"{controls} control characters in {len(text)}; it is not a text document"
        )


def extract_html(html: str, url: str | None = None) -> tuple[str, str | None, str | None]:
    """Main text, title and date of an HTML page, by trafilatura (metadata when present)."""
    try:
        result = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # trafilatura raises many types on broken markup
        raise DocumentFailure("bad_html", f"HTML could not be parsed: {exc}") from None
    text = getattr(result, "text", None) if result is not None else None
    words = len(_WORD.findall(text or ""))
    if words < _MIN_HTML_WORDS:
        raise DocumentFailure(
            "no_main_text", f"no article text found in the HTML page ({words} words of main text)"
        )
    assert text is not None
    title, date = getattr(result, "title", None), getattr(result, "date", None)
    return text, title, date
