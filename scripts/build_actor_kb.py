"""Build the actor knowledge base `src/newsevents/data/actors/*.json`.

Sources, all of them MIT, CC0 or facts the team writes itself:

- the Phoenix/PETRARCH actor dictionaries in `../shared/kb/phoenix` (MIT, Open Event Data
  Alliance): `Phoenix.Countries.actors.txt` (country names and places, institutions and office
  holders with dated CAMEO codes), `Phoenix.International.actors.txt` (IGOs, NGOs, companies),
  `Phoenix.MilNonState.actors.txt` (armed groups) and `Phoenix.agents.txt` (agent nouns);
- `../shared/kb/leaders/congress-legislators` (CC0): US presidents and vice presidents
  (`executive.yaml`) and the members of Congress (`legislators-current.yaml`, with their terms);
  `legislators-historical.csv` has no term dates and is not used;
- pycountry: ISO 3166 codes and names, ISO 3166-2 subdivision names (places);
- the team's own files in `scripts/data/` (source "newsevents team"):
  `actors_countries_curated.tsv` (names, demonyms, capitals), `actors_people_curated.tsv`
  (current-era office holders with dated roles), `actors_curated_leaders.tsv` (heads of state
  and government of the UN member states 2022-2026 and many predecessors, G20 foreign and
  defence ministers from 2015), `actors_curated.json` (seats of government, ethnic groups,
  peoples of one country, partially recognised entities, organisations, agent nouns) and
  `actors_curated_organisations.json` (legislatures, parties, cartels, armed groups).

The Peppercat leader data (CC BY-NC 4.0) is never used here: `scripts/build_peppercat_actors.py`
builds an opt-in user table from a local copy instead.

CAMEO codes are converted to PLOVER: the first three letters are the country (IGO codes become
UNO for the United Nations system, EUR for the European Union, IGO otherwise), the first sector
code after them is the sector, with CAMEO's MED (media) -> JRN, HLH (health) -> MED,
INS/SEP -> REB, HRI/ENV -> SOC, religions -> REL (agents only). Persons are merged across sources
by full name, and a Phoenix person joins the one team or congress person of the same country
whose name agrees on first and last name (`kb.people_named`'s rule: "Omar Hassan Ahmad Al
Bashir" is "Omar al-Bashir"). A person with team or congress roles keeps only the Phoenix roles
that ended before the first of those. A Phoenix state office still open when the dictionaries
were compiled (mid-2014) is closed at PHOENIX_STALE: after that, the dictionaries cannot say
who still holds it.

Needs PyYAML (build time only). Usage: python scripts/build_actor_kb.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pycountry

from check_actor_kb import check_against_phoenix, check_heads, check_office_holders
from newsevents.actors.kb import TEAM_SOURCE, name_key, name_parts, names_agree, tokenize


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = ROOT.parent / "shared"
OUT = ROOT / "src" / "newsevents" / "data" / "actors"
CURATED = ROOT / "scripts" / "data"
VERSION = "2026.3"

PHOENIX_SOURCE = (
    "Phoenix/PETRARCH actor dictionaries (openeventdata/petrarch2 commit 676801cd, "
    "Open Event Data Alliance; CAMEO dictionaries by Parus Analytics)"
)
PHOENIX_LICENCE = "MIT (Copyright (c) 2014 Open Event Data Alliance)"
PHOENIX_STALE = "2015-01-01"  # the dictionaries' last dated code is from mid-2014
STATE_SECTORS = _words("GOV MIL LEG JUD SPY COP")
TEAM = "facts written by the newsevents team (project licence, MIT)"
PEOPLE_FILES = ("actors_people_curated.tsv", "actors_curated_leaders.tsv")
ORGANISATIONS_FILE = "actors_curated_organisations.json"

# CAMEO codes that are not ISO 3166 alpha-3 codes.
CAMEO_COUNTRY = {"TMP": "TLS", "KSV": "XKX", "KOS": "XKX", "ROM": "ROU", "ZAR": "COD"}
SECTOR_MAP = {
    **{c: c for c in _words("COP GOV JUD LEG MIL PRM PTY REB SPY UAF UNK AGR BUS CRM CVL EDU")},
    **{c: c for c in _words("ELI LAB REF OPP PRE REL SOC")},
    "MED": "JRN", "HLH": "MED", "INS": "REB", "SEP": "REB", "HRI": "SOC", "ENV": "SOC",
    "RAD": "OPP", "PPL": "CVL",
}  # fmt: skip
RELIGIONS = _words(
    "CHR CTH ORT PRO MUS SHI SUN SFI ALE DRZ JEW BUD HIN SIK JAN ZRO BAH CON TAO SHN ATH ADR "
    "ITH MRM MAR"
)
ORG_WORDS = _words(
    "ministry ministries council assembly parliament party front army forces force committee "
    "commission government court service services agency office bank union organization "
    "organisation movement league alliance brigade brigades guard guards police department "
    "authority duma kremlin congress senate house militia group cabinet bureau institute "
    "university association federation coalition republic state kingdom corporation company "
    "inc ltd fund foundation society network center centre program programme tribunal board "
    "mission secretariat corps navy fleet command academy school club church press news radio "
    "television tv times post airlines airways international national federal commission "
    "council chamber regime administration junta palace presidency secretariat directorate "
    "unit units battalion division regiment tigers hawks cells nuclei liberation "
    "revolutionary islamic jihad mujahideen army's embassy consulate embassy legislature "
    "legislative judiciary supreme"
)
FUNCTION_WORDS = _words("to in at from for with against on near over into by of the a an and or")
ISO3 = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
NON_STATE = frozenset({"IGO", "UNO", "EUR", "NGO", "IMG", "MNC"})
# Subdivision names that are only directions or generic words ("West", "Far North").
GENERIC_PLACE_WORDS = _words(
    "north south east west northern southern eastern western central centre center upper lower "
    "far middle capital coast coastal littoral island islands interior region province district "
    "city mountain mountains highlands lakes lake river plains valley great greater new old "
    "northeast northwest southeast southwest north-east north-west south-east south-west mid"
)

# Phoenix organisation names that are ordinary words and name nothing by themselves: "the
# Zelt Foundation" is not El Rukn ("The Foundation"), "a Falcon jet" not Iran's Shahin
# ("Falcon"), "the Tigers" not a Swazi group. Dropped as names; the rest of the entry stays.
GENERIC_NAMES = _words(
    "foundation cornerstone youth organization organisation lightning avengers mavericks zero "
    "falcon boogeymen tigers olive"
)


@dataclass
class Block:
    names: list[str] = field(default_factory=list)
    codes: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    comment: str = ""


# ---------------------------------------------------------------------------------------------
# Phoenix (TABARI) actor dictionaries

_BRACKET = re.compile(r"\[([^\]]*)\]")


def parse_actor_file(path: Path) -> list[Block]:
    """Entry lines `NAME_ [CODE]`, `+SYNONYM_` lines and `[CODE yymmdd-yymmdd]` lines.

    A name line without codes followed by another name line belongs to the same actor."""
    blocks: list[Block] = []
    current: Block | None = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line, _, comment = raw.partition("#")
        if not line.strip():
            continue
        codes = [parse_code(c) for c in _BRACKET.findall(line)]
        text = _BRACKET.sub(" ", line).strip()
        if text.startswith("+"):
            if current is None:
                current = Block()
                blocks.append(current)
            current.names.append(text[1:])
        elif text:
            if current is None or current.codes:
                current = Block(comment=comment)
                blocks.append(current)
            current.names.append(text)
        if codes and current is not None:
            current.codes.extend(c for c in codes if c is not None)
    return [b for b in blocks if b.codes]


def parse_code(text: str) -> tuple[str, str | None, str | None] | None:
    parts = text.split()
    if not parts or parts[0].strip("-") == "":
        return None
    code, dates = parts[0].lstrip("~"), "".join(parts[1:])
    start = end = None
    if dates.startswith(">"):
        start = parse_date(dates[1:])
    elif dates.startswith("<"):
        end = parse_date(dates[1:])
    elif "-" in dates:
        first, _, last = dates.partition("-")
        start, end = parse_date(first), parse_date(last)
    return code, start, end


def parse_date(text: str) -> str | None:
    text = text.strip()
    if not text.isdigit():
        return None
    if len(text) == 6:
        yy = int(text[:2])
        year, rest = (2000 + yy if yy <= 30 else 1900 + yy), text[2:]
    elif len(text) == 8:
        year, rest = int(text[:4]), text[4:]
    else:
        return None
    try:
        return date(year, int(rest[:2]), int(rest[2:])).isoformat()
    except ValueError:
        return None


def cameo_actor(code: str) -> tuple[str | None, str | None]:
    """CAMEO actor code -> (PLOVER country, PLOVER sector)."""
    chunks = [code[i : i + 3] for i in range(0, len(code), 3)]
    if not chunks:
        return None, None
    head, rest = chunks[0], chunks[1:]
    country: str | None
    if head == "IGO":
        country = "IGO"
        if rest and rest[0] in ("UNO", "EUR"):
            country, rest = rest[0], rest[1:]
    elif head in ("NGO", "IMG", "MNC"):
        country = head
        if rest and rest[0] in ISO3:
            rest = rest[1:]
    else:
        country = CAMEO_COUNTRY.get(head, head if head in ISO3 else None)
        if country is None and head in SECTOR_MAP:
            rest = chunks  # a bare sector code
    sector = next((SECTOR_MAP[c] for c in rest if c in SECTOR_MAP), None)
    if sector is None and country == "IMG":
        sector = "REB"
    if country == "MNC" and sector is None:
        sector = "BUS"
    return country, sector


def clean_name(text: str) -> tuple[str, list[str]]:
    """'ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_' -> ('Aden Abyan Islamic Army', ['AAIA'])."""
    text = text.replace("_", " ").strip()
    extras = [m.strip() for m in re.findall(r"\(([^)]*)\)", text)]
    text = re.sub(r"\([^)]*\)", " ", text)
    text = " ".join(text.split()).strip(" ,.-'")
    initials = "".join(w[0] for w in re.split(r"[\s\-]+", text) if w).upper()
    acronyms = [e for e in extras if is_acronym_of(e.replace(".", ""), initials)]
    return display(text), acronyms


def is_acronym_of(acronym: str, initials: str) -> bool:
    """'IAA' abbreviates 'Islamic Army of Aden' (initials 'IAOA'); 'CAUCASUS' no name."""
    if not (acronym.isalpha() and 2 <= len(acronym) <= 8):
        return False
    rest = iter(initials)
    return all(letter in rest for letter in acronym.upper())


_ROMAN = re.compile(r"^(?:[IVX]+)$")


def display(text: str) -> str:
    """Title-case an upper-case Phoenix name; single words of 1-3 letters stay (acronyms)."""
    words = text.split()
    if len(words) == 1 and len(text.replace(".", "")) <= 3:
        return text
    out = []
    for word in words:
        if _ROMAN.match(word) and word != "I":
            out.append(word)
            continue
        titled = word.lower().title() if word.isupper() else word
        titled = re.sub(r"'S\b", "'s", titled)
        for particle in ("Al-", "El-", "Bin ", "Ibn "):
            if titled.startswith(particle) and len(words) > 1:
                titled = particle.lower() + titled[len(particle) :]
        out.append(titled)
    return " ".join(out)


def usable(name: str) -> bool:
    tokens = tokenize(name)
    return bool(tokens) and len(tokens) <= 12 and any(c.isalpha() for c in name)


# ---------------------------------------------------------------------------------------------
# Records


@dataclass
class Actor:
    kind: str  # person | organisation
    name: str
    variants: list[str]
    roles: list[dict[str, Any]]
    source: str
    wikidata: str | None = None

    def merge_keys(self) -> set[str]:
        """Merge keys: full names (one word is enough for an organisation, not a person)."""
        keys = {name_key(n) for n in [self.name, *self.variants]}
        if self.kind == "person":
            return {k for k in keys if " " in k}
        return {k for k in keys if " " in k or len(k) >= 4}

    def add_variants(self, names: Iterable[str]) -> None:
        seen = {name_key(n) for n in [self.name, *self.variants]}
        for name in names:
            key = name_key(name)
            if key and key not in seen:
                seen.add(key)
                self.variants.append(name)

    def countries(self) -> set[str]:
        return {r["country"] for r in self.roles if r["country"]}

    def as_json(self) -> dict[str, Any]:
        roles = sorted(self.roles, key=lambda r: (r["start"] or "", r["end"] or "9"))
        out: dict[str, Any] = {"name": self.name, "variants": self.variants}
        if self.wikidata:
            out["wikidata"] = self.wikidata
        out["roles"] = roles
        out["source"] = self.source
        return out


def role(country: str | None, sector: str | None, title: str | None, start: str | None,
         end: str | None, source: str) -> dict[str, Any]:  # fmt: skip
    return {"country": country, "sector": sector, "title": title, "start": start, "end": end,
            "source": source}  # fmt: skip


class Registry:
    """Actors merged by full name (only when they share a country, or one has no roles)."""

    def __init__(self) -> None:
        self.actors: list[Actor] = []
        self.by_key: dict[str, list[Actor]] = {}
        # (first, last) name -> trusted (team or congress) people, for Phoenix name forms
        self.trusted: dict[tuple[str, str], list[tuple[list[str], Actor]]] = {}

    def find(self, actor: Actor) -> Actor | None:
        for key in sorted(actor.merge_keys()):
            for other in self.by_key.get(key, []):
                if other.kind != actor.kind:
                    continue
                if not actor.countries() or not other.countries():
                    return other
                if actor.countries() & other.countries():
                    return other
        if actor.kind == "person" and actor.source == "phoenix":
            return self._same_person(actor)
        return None

    def _same_person(self, actor: Actor) -> Actor | None:
        """The one trusted person of a shared country whose name agrees with one of the
        Phoenix person's names on first and last name (middle names a subset either way)."""
        found: list[Actor] = []
        for name in [actor.name, *actor.variants]:
            parts = name_parts(tokenize(name))
            if len(parts) < 2:
                continue
            for known, other in self.trusted.get((parts[0], parts[-1]), []):
                agree = names_agree(parts, known)
                if agree and actor.countries() & other.countries() and other not in found:
                    found.append(other)
        return found[0] if len(found) == 1 else None

    def add(self, actor: Actor) -> Actor:
        other = self.find(actor)
        if other is None:
            self.actors.append(actor)
            other = actor
        else:
            other.add_variants([actor.name, *actor.variants])
            other.roles.extend(actor.roles)
            other.wikidata = other.wikidata or actor.wikidata
        for key in sorted(actor.merge_keys() | other.merge_keys()):
            bucket = self.by_key.setdefault(key, [])
            if other not in bucket:
                bucket.append(other)
        if other.kind == "person" and other.source != "phoenix":
            for name in [other.name, *other.variants]:
                parts = name_parts(tokenize(name))
                if len(parts) >= 2:
                    self.trusted.setdefault((parts[0], parts[-1]), []).append((parts, other))
        return other


def finish_roles(actor: Actor) -> None:
    """Curated and congress roles are authoritative: Phoenix roles survive only before them."""
    trusted = [r for r in actor.roles if r["source"] != "phoenix"]
    seen: set[tuple[Any, ...]] = set()
    kept = []
    if trusted:
        first = min((r["start"] for r in trusted if r["start"]), default=None)
        for r in actor.roles:
            if r["source"] == "phoenix":
                if first is None or r["start"] is None or r["start"] >= first:
                    continue
                r = {**r, "end": min(r["end"] or first, first)}
            kept.append(r)
    else:
        kept = list(actor.roles)
    if actor.kind == "person":
        kept = [_close_stale(r) for r in kept]
    out = []
    for r in kept:
        key = (r["country"], r["sector"], r["title"], r["start"], r["end"])
        inverted = r["start"] and r["end"] and r["start"] >= r["end"]  # Phoenix typos
        if key not in seen and (r["country"] or r["sector"]) and not inverted:
            seen.add(key)
            out.append(r)
    actor.roles = out


def _close_stale(r: dict[str, Any]) -> dict[str, Any]:
    """A Phoenix state office still open in mid-2014 ends at PHOENIX_STALE (unknown after)."""
    stale = r["source"] == "phoenix" and r["end"] is None and r["start"] is not None
    if stale and r["sector"] in STATE_SECTORS and r["start"] < PHOENIX_STALE:
        return {**r, "end": PHOENIX_STALE}
    return r


# ---------------------------------------------------------------------------------------------
# Countries


def read_tsv(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def split_bar(text: str) -> list[str]:
    return [p.strip() for p in text.split("|") if p.strip()]


def plurals(word: str) -> list[str]:
    """Demonym plurals: 'Iranian' -> 'Iranians'; 'Chinese', 'British', 'French', 'Swiss',
    'Quebecois' none."""
    if word.endswith(("ese", "ish", "ch", "sh", "s")) or " " in word or "." in word:
        return []
    if word.endswith("man"):
        return [word[:-3] + "men"]
    if word.isupper():
        return []
    return [word + "s"]


def build_countries(phoenix: list[Block], curated: dict[str, Any]) -> dict[str, Any]:
    entries: dict[str, dict[str, Any]] = {}
    for country in pycountry.countries:
        names = [country.name]
        for attr in ("common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and value not in names:
                names.append(value)
        entries[country.alpha_3] = {
            "code": country.alpha_3, "name": getattr(country, "common_name", country.name),
            "names": names, "demonyms": [], "capitals": [], "seats": [], "regions": [],
            "variants": [], "ethnic": False,
        }  # fmt: skip
    for code, extra, demonyms, capitals in read_tsv(CURATED / "actors_countries_curated.tsv"):
        bar = split_bar(extra)
        entry = entries.setdefault(
            code,
            {"code": code, "name": bar[0], "names": [], "demonyms": [], "capitals": [],
             "seats": [], "regions": [], "variants": [], "ethnic": False},
        )  # fmt: skip
        entry["name"] = bar[0]
        entry["names"] = unique([*bar, *entry["names"]])
        entry["demonyms"] = unique(d for w in split_bar(demonyms) for d in [w, *plurals(w)])
        entry["capitals"] = unique(split_bar(capitals))
    for group in curated["ethnic_groups"]:
        entries[group["code"]] = {
            "code": group["code"], "name": group["name"], "names": [group["name"], *group["aka"]],
            "demonyms": unique(d for w in group["demonyms"] for d in [w, *plurals(w)]),
            "capitals": [], "seats": [], "regions": [], "variants": [], "ethnic": True,
        }  # fmt: skip
    for people in curated["peoples_of_one_country"]:
        # a people most of whom live in one country names it as its demonym does
        entry = entries[people["country"]]
        entry["demonyms"] = unique(
            [*entry["demonyms"], *(d for w in people["names"] for d in [w, *plurals(w)])]
        )
    seats_by_country: dict[str, list[dict[str, Any]]] = {}
    for seat in curated["seats"]:
        home = "BEL" if seat["country"] == "EUR" else seat["country"]
        item = {"name": seat["name"], "variants": seat["aka"], "sector": seat["sector"]}
        if home != seat["country"]:
            item["country"] = seat["country"]
        seats_by_country.setdefault(home, []).append(item)
    for code, seats in seats_by_country.items():
        entries[code]["seats"] = seats
    for region in curated["partially_recognized"]:
        entries[region["country"]]["regions"].append(
            {"name": region["name"], "variants": region["aka"], "sector": "PRE"}
        )
    # Phoenix country blocks: bare country codes, the current one open-ended. Their synonyms mix
    # name variants, adjectives and places inside the country; a place is never a metonym for
    # the government.
    known = {name_key(n) for e in entries.values() for n in names_of(e)}
    claimed: dict[str, set[str]] = {}
    for block in phoenix:
        current = current_country(block)
        if current is None or current not in entries:
            continue
        for raw in block.names:
            name, acronyms = clean_name(raw)
            for variant in [name, *acronyms]:
                key = name_key(variant)
                if usable(variant) and key and key not in known:
                    claimed.setdefault(key, set()).add(current)
                    entries[current]["variants"].append(variant)
    # ISO 3166-2 subdivisions (states, provinces, regions) are places of their country too.
    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    for sub in pycountry.subdivisions:
        home = alpha3.get(sub.country_code)
        if home is None:
            continue
        code = home
        for variant in unique([sub.name, re.sub(r"\s*\([^)]*\)", "", sub.name)]):
            key = name_key(variant)
            if set(key.split()) <= GENERIC_PLACE_WORDS:
                continue
            if usable(variant) and key and key not in known:
                claimed.setdefault(key, set()).add(code)
                entries[code]["variants"].append(variant)
    # A place claimed by two countries (e.g. a region name on a border) is dropped.
    for entry in entries.values():
        entry["variants"] = unique(
            v for v in entry["variants"] if len(claimed.get(name_key(v), ())) == 1
        )
    return {
        "source": f"pycountry (ISO 3166); {PHOENIX_SOURCE}; {TEAM}",
        "version": VERSION,
        "licence": (
            "ISO 3166 codes and names via pycountry (LGPL-2.1 package; the codes and names are "
            f"facts); Phoenix variants {PHOENIX_LICENCE}; names, demonyms, capitals, seats, "
            "ethnic groups and partially recognised entities written by the team (MIT)"
        ),
        "kind": "countries",
        "notes": (
            "names/demonyms: the country (sector null); capitals and seats: its government "
            "(GOV unless the seat says otherwise, e.g. the Pentagon MIL); regions: partially "
            "recognised entities (PLOVER sector PRE); variants: Phoenix name variants and places "
            "inside the country. ethnic: a CAMEO ethnic-group code, not a state."
        ),
        "not_actors": curated["not_actors"],
        "entries": sorted(entries.values(), key=lambda e: e["code"]),
    }


def country_level(block: Block) -> bool:
    """A block of country names: its codes are bare (historical) country codes."""
    return all(cameo_actor(code)[1] is None for code, _, _ in block.codes) and not any(
        cameo_actor(code)[0] in NON_STATE for code, _, _ in block.codes
    )


def current_country(block: Block) -> str | None:
    """The country an open-ended bare code names ('[UKR >911221]' -> 'UKR'), if any."""
    if not country_level(block):
        return None
    current = [cameo_actor(code)[0] for code, _, end in block.codes if end is None]
    found = [c for c in current if c in ISO3]
    return found[-1] if found and len(set(found)) == 1 else None


def country_names(countries: dict[str, Any]) -> dict[str, str]:
    """Name key of every state's name and demonym -> its code (names shared by two dropped)."""
    found: dict[str, set[str]] = {}
    for entry in countries["entries"]:
        if entry.get("ethnic"):
            continue
        for name in [entry["name"], *entry["names"], *entry["demonyms"]]:
            found.setdefault(name_key(name), set()).add(entry["code"])
    return {key: codes.pop() for key, codes in found.items() if len(codes) == 1}


def country_from_name(actor: Actor, country_words: dict[str, str]) -> None:
    """An organisation without a country whose names name exactly one ("Democratic Forces for
    the Liberation of Rwanda") belongs to that country."""
    if actor.countries() or not actor.roles:
        return
    found = set()
    for name in [actor.name, *actor.variants]:
        keys = [t.key for t in tokenize(name)]
        for size in (3, 2, 1):
            for i in range(len(keys) - size + 1):
                code = country_words.get(" ".join(keys[i : i + size]))
                if code:
                    found.add(code)
    if len(found) == 1:
        code = found.pop()
        for r in actor.roles:
            if r["country"] is None:
                r["country"] = code


def names_of(entry: dict[str, Any]) -> list[str]:
    out = [entry["name"], *entry["names"], *entry["demonyms"], *entry["capitals"]]
    for item in entry["seats"] + entry["regions"]:
        out.extend([item["name"], *item["variants"]])
    return out


def unique(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        key = name_key(item)
        if key and key not in seen:
            seen.add(key)
            out.append(item)
    return out


# ---------------------------------------------------------------------------------------------
# People and organisations


def is_person(block: Block, name: str) -> bool:
    words = {t.key for t in tokenize(name)}
    if words & ORG_WORDS:
        return False
    if any(code.endswith("ELI") or "ELI" in code[3:] for code, _, _ in block.codes):
        return True
    if "CountryInfo" in block.comment or "IGOrulers" in block.comment:
        return True
    dated = any(s or e for _, s, e in block.codes)
    return dated and 2 <= len(words) <= 5


def generic(name: str) -> bool:
    """An ordinary word that names nothing by itself ("The Foundation", `GENERIC_NAMES`)."""
    words = [t.key for t in tokenize(name) if t.key != "the"]
    return len(words) == 1 and words[0] in GENERIC_NAMES


def actor_from_block(block: Block) -> Actor | None:
    names: list[str] = []
    for raw in block.names:
        name, acronyms = clean_name(raw)
        names.extend(n for n in [name, *acronyms] if usable(n) and not generic(n))
    names = unique(names)
    if not names:
        return None
    roles = []
    for code, start, end in block.codes:
        country, sector = cameo_actor(code)
        if country or sector:
            roles.append(role(country, sector, None, start, end, "phoenix"))
    if not roles:
        return None
    kind = "person" if is_person(block, names[0]) else "organisation"
    return Actor(kind, names[0], names[1:], roles, "phoenix")


def curated_people() -> list[Actor]:
    """The team's office holders; a person's rows in both files are one person. (Surnames
    need no variant: the knowledge base indexes every full name by its last name.)"""
    people: dict[str, Actor] = {}
    for filename in PEOPLE_FILES:
        for row in read_tsv(CURATED / filename):
            row = row + [""] * (8 - len(row))
            name, aka, qid, country, sector, title, start, end = row[:8]
            actor = people.get(name)
            if actor is None:
                actor = people[name] = Actor("person", name, [], [], TEAM_SOURCE, qid or None)
            actor.wikidata = actor.wikidata or qid or None
            actor.add_variants(split_bar(aka))
            actor.roles.append(
                role(country, sector, title, start or None, end or None, TEAM_SOURCE)
            )
    return list(people.values())


def congress_people(folder: Path) -> list[Actor]:
    import yaml  # build time only

    out = []
    executive = yaml.safe_load((folder / "executive.yaml").read_text(encoding="utf-8"))
    current = yaml.safe_load((folder / "legislators-current.yaml").read_text(encoding="utf-8"))
    titles = {
        "prez": ("GOV", "President of the United States"),
        "viceprez": ("GOV", "Vice President of the United States"),
        "sen": ("LEG", "U.S. Senator"),
        "rep": ("LEG", "U.S. Representative"),
    }
    for person in [*executive, *current]:
        first, last = person["name"]["first"], person["name"]["last"]
        names = [f"{first} {last}"]
        for extra in (person["name"].get("official_full"), person["name"].get("nickname")):
            if extra and extra != names[0]:
                names.append(extra if " " in extra else f"{extra} {last}")
        if len(last) >= 4:
            names.append(last)
        roles = []
        for term in person.get("terms", []):
            sector, title = titles.get(term["type"], ("LEG", None))
            if term["type"] in ("sen", "rep") and term.get("state"):
                title = f"{title} ({term['state']})"
            roles.append(role("USA", sector, title, str(term["start"]), str(term["end"]),
                              "congress-legislators"))  # fmt: skip
        # Wikidata ids are shipped for team-curated people only (project rule), so the ids of
        # congress-legislators are not copied.
        out.append(Actor("person", names[0], names[1:], roles, "congress-legislators"))
    return out


def curated_organisations(curated: dict[str, Any]) -> list[Actor]:
    """The organisations of actors_curated.json and actors_curated_organisations.json."""
    more = json.loads((CURATED / ORGANISATIONS_FILE).read_text(encoding="utf-8"))
    out = []
    for org in [*curated["organisations"], *more["organisations"]]:
        roles = [role(c, s, None, start, end, TEAM_SOURCE) for c, s, start, end in org["roles"]]
        out.append(Actor("organisation", org["name"], list(org["aka"]), roles, TEAM_SOURCE,
                         org.get("wikidata")))  # fmt: skip
    return out


# ---------------------------------------------------------------------------------------------
# Agents


def parse_agents(path: Path) -> list[dict[str, Any]]:
    macros: dict[str, list[str]] = {}
    entries = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        macro = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
        if macro:
            macros[macro.group(1)] = [w.strip() for w in macro.group(2).split(",")]
            continue
        match = re.match(r"^(.*?)\s*(?:\{([^}]*)\})?\s*\[~?([A-Z]+)\]\s*$", line)
        if not match or "Ã" in line:
            continue
        phrase, explicit, code = match.groups()
        _, sector = cameo_actor(code)
        country = code[:3] if code[:3] in ("NGO", "IGO") else None
        if sector is None and code[:3] in RELIGIONS:
            sector = "REL"
        if sector is None and country is None:
            continue
        forms = []
        for expanded in expand_macros(phrase, macros):
            base = " ".join(expanded.replace("_", " ").split()).lower()
            if not base or not usable(base) or base.split()[-1] in FUNCTION_WORDS:
                continue  # "ambassador to": the preposition belongs to the mention's modifier
            forms.append(base)
            if explicit is None:
                forms.extend(plural_phrase(base))
        for plural in (explicit or "").split(","):
            plural = " ".join(plural.replace("_", " ").split()).lower()
            if plural and "!" not in plural:
                forms.append(plural)
        if forms:
            entry: dict[str, Any] = {"name": forms[0], "forms": unique(forms), "sector": sector}
            if country:
                entry["country"] = country
            entry["source"] = "phoenix"
            entries.append(entry)
    return entries


def expand_macros(phrase: str, macros: dict[str, list[str]]) -> list[str]:
    for macro, words in macros.items():
        if macro in phrase:
            return [p for w in words for p in expand_macros(phrase.replace(macro, w, 1), macros)]
    return [phrase]


def plural_phrase(phrase: str) -> list[str]:
    head, _, last = phrase.rpartition(" ")
    if last.endswith("men") or (last.endswith("s") and not last.endswith("ss")):
        return []
    if last.endswith("man"):
        plural = last[:-3] + "men"
    elif re.search(r"[^aeiou]y$", last):
        plural = last[:-1] + "ies"
    elif last.endswith(("s", "x", "z", "ch", "sh")):
        plural = last + "es"
    else:
        plural = last + "s"
    return [f"{head} {plural}".strip()]


def build_agents(phoenix_agents: list[dict[str, Any]], curated: dict[str, Any]) -> dict[str, Any]:
    entries = []
    claimed: set[str] = set()
    for group in curated["agents"]:
        for form in group["forms"]:
            entry: dict[str, Any] = {"name": form, "forms": [form], "sector": group["sector"]}
            if group.get("country"):
                entry["country"] = group["country"]
            entry["source"] = TEAM_SOURCE
            entries.append(entry)
            claimed.add(name_key(form))
    for entry in phoenix_agents:
        forms = [f for f in entry["forms"] if name_key(f) not in claimed]
        if forms:
            claimed.update(name_key(f) for f in forms)
            entries.append({**entry, "name": forms[0], "forms": forms})
    return {
        "source": f"{PHOENIX_SOURCE}: Phoenix.agents.txt; {TEAM}",
        "version": VERSION,
        "licence": f"Phoenix agents {PHOENIX_LICENCE}; team-written agents MIT",
        "kind": "agents",
        "notes": (
            "Generic agent nouns -> PLOVER sector (CAMEO MED->JRN, HLH->MED, religions->REL). "
            "Team entries override Phoenix: militants and rebels REB, protesters and activists "
            "CVL (PLOVER), men/women UNK, aid workers NGO, inspectors and peacekeepers IGO."
        ),
        "entries": sorted(entries, key=lambda e: e["name"]),
    }


# ---------------------------------------------------------------------------------------------


def write(path: Path, data: dict[str, Any]) -> None:
    """One entry per line: small diffs, still valid JSON."""
    head = {k: v for k, v in data.items() if k != "entries"}
    lines = [json.dumps(e, ensure_ascii=False, separators=(",", ":")) for e in data["entries"]]
    text = json.dumps(head, ensure_ascii=False, indent=1)[:-2]
    text += ',\n "entries": [\n' + ",\n".join(lines) + "\n ]\n}\n"
    json.loads(text)
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    args = parser.parse_args(argv)
    phoenix_dir = args.shared / "kb" / "phoenix"
    curated = json.loads((CURATED / "actors_curated.json").read_text(encoding="utf-8"))

    country_blocks = parse_actor_file(phoenix_dir / "Phoenix.Countries.actors.txt")
    other_blocks = [
        *parse_actor_file(phoenix_dir / "Phoenix.International.actors.txt"),
        *parse_actor_file(phoenix_dir / "Phoenix.MilNonState.actors.txt"),
    ]
    countries = build_countries(country_blocks, curated)

    people, orgs = Registry(), Registry()
    phoenix_people: list[Actor] = []
    for actor in curated_people():
        people.add(actor)
    for actor in congress_people(args.shared / "kb" / "leaders" / "congress-legislators"):
        people.add(actor)
    for actor in curated_organisations(curated):
        orgs.add(actor)
    for block in [*country_blocks, *other_blocks]:
        if country_level(block):
            continue  # country names (current or historical polities): handled above
        found = actor_from_block(block)
        if found is not None:
            if found.kind == "person":
                phoenix_people.append(copy.deepcopy(found))
            (people if found.kind == "person" else orgs).add(found)
    team = curated_people()  # before merging, for the checks
    for actor in [*people.actors, *orgs.actors]:
        finish_roles(actor)
    country_words = country_names(countries)
    for actor in orgs.actors:
        country_from_name(actor, country_words)
    for problem in [*check_office_holders(team), *check_heads(team, CURATED)]:
        print(f"warning: {problem}", file=sys.stderr)
    print(check_against_phoenix(team, phoenix_people), file=sys.stderr)

    def table(kind: str, registry: Registry, what: str) -> dict[str, Any]:
        actors = [a for a in registry.actors if a.roles]
        return {
            "source": f"{TEAM}; {PHOENIX_SOURCE}"
            + ("; unitedstates/congress-legislators (executive.yaml, legislators-current.yaml)"
               if kind == "people" else ""),
            "version": VERSION,
            "licence": f"team-written entries MIT; Phoenix entries {PHOENIX_LICENCE}"
            + ("; congress-legislators CC0 1.0" if kind == "people" else ""),
            "kind": kind,
            "notes": what,
            "entries": sorted((a.as_json() for a in actors), key=lambda e: e["name"]),
        }  # fmt: skip

    OUT.mkdir(parents=True, exist_ok=True)
    outputs = {
        "countries.json": countries,
        "people.json": table(
            "people", people,
            "People with name variants and dated roles (start inclusive, end exclusive; null = "
            "open). Each role names its source; curated and congress roles supersede Phoenix "
            "roles from their first start on. Phoenix roles are stale after about 2016.",
        ),
        "organisations.json": table(
            "organisations", orgs,
            "IGOs (country UNO/EUR/IGO), NGOs, companies (MNC), armed groups, agencies and "
            "institutions with their country and sector, dated where they changed.",
        ),
        "agents.json": build_agents(parse_agents(phoenix_dir / "Phoenix.agents.txt"), curated),
    }  # fmt: skip
    for name, data in outputs.items():
        write(OUT / name, data)
        print(f"{name}: {len(data['entries'])} entries", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
