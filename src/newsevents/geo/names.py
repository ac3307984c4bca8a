"""How a place name is written down as a lookup key, at build time and at run time alike.

The gazetteer stores keys, not display names, so that loading it needs no normalisation: the
build script and the tagger both call `place_key`, which folds case, accents, periods and
dashes ("U.S." -> "us", "Winston-Salem" -> "winston salem", "Bogotá" -> "bogota") and drops a
leading article ("the Gambia" -> "gambia").
"""

from __future__ import annotations

import re
import unicodedata

_DASHES = re.compile(r"[\s\-‐‑–—]+")
_SPACED_INITIAL = re.compile(r"\b(\w)\.\s+(?=\w{1,3}\.)")  # "W. Va." -> "W.Va."
_DROPPED = re.compile(r"[.\u00ad]")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʻ": "'", "ʼ": "'"})
# GeoNames writes "Saint Louis" where news writes "St. Louis", and the other way round
_ABBREVIATIONS = {"saint": "st", "st": "saint", "mount": "mt", "mt": "mount", "fort": "ft",
                  "ft": "fort", "sainte": "ste", "ste": "sainte"}


def place_key(text: str) -> str:
    """The lookup key of a place name.

    >>> place_key("the U.S."), place_key("Winston–Salem"), place_key("Bogotá"), place_key("W. Va.")
    ('us', 'winston salem', 'bogota', 'wva')
    """
    folded = unicodedata.normalize("NFKD", _SPACED_INITIAL.sub(r"\1.", text.translate(_QUOTES)))
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    folded = _DASHES.sub(" ", _DROPPED.sub("", folded)).strip()
    if folded.startswith("the "):
        folded = folded[4:]
    return folded


def key_variants(key: str) -> list[str]:
    """`key` and its spellings with a saint/mount/fort word abbreviated or spelled out.

    >>> key_variants("st louis")
    ['st louis', 'saint louis']
    """
    words = key.split(" ")
    variants = [key]
    for i, word in enumerate(words):
        other = _ABBREVIATIONS.get(word)
        if other is not None:
            variants.append(" ".join([*words[:i], other, *words[i + 1 :]]))
    return variants


def is_latin_name(name: str) -> bool:
    """Whether an alternate name is one an English text could use: Latin letters, no digits,
    capitalised, and not an all-capitals code such as an airport's ("PAR")."""
    if not name or not name[0].isupper() or any(c.isdigit() for c in name):
        return False
    letters = [c for c in name if c.isalpha()]
    if not letters or (name.isupper() and len(letters) <= 4):
        return False
    return all(unicodedata.name(c, "").startswith("LATIN") for c in letters)
