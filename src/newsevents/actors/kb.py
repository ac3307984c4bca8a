"""Actor knowledge base: load and validate the actor tables, and index their names.

The packaged tables live in `data/actors/` (built by `scripts/build_actor_kb.py`):
`countries.json`, `people.json`, `organisations.json` and `agents.json`. Each carries
`source`, `version`, `licence`, `kind` and a non-empty `entries` list. Users add tables of their
own, in the same JSON schema or as CSV (see `load_table`), through `NEWSEVENTS_ACTORS` (paths
separated by `os.pathsep`) or the `extra_files` argument; their entries win over packaged ones.

Names are matched as token sequences. `tokenize` is the one tokenizer used both for the names
of the tables and for the mentions to resolve, so the two always agree:

>>> [t.key for t in tokenize("Russia’s Jean-Yves Le Drian, U.S.")]
['russia', 'jean', 'yves', 'le', 'drian', 'us']
>>> name_key("The Élysée Palace")
'elysee palace'
"""

from __future__ import annotations

import csv
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# PLOVER sector codes (manual, table "Sector Codes"), plus the non-state "country" codes.
SECTORS = _words(
    "COP GOV JUD LEG MIL PRM PTY REB SPY UAF UNK AGR BUS CRM CVL EDU ELI JRN LAB MED REF OPP "
    "PRE REL SOC"
)
NON_STATE = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"})
KINDS = ("countries", "people", "organisations", "agents")
PACKAGED = tuple(f"{kind}.json" for kind in KINDS)
ENV_VAR = "NEWSEVENTS_ACTORS"

# Tiers: lower wins when two entries share a name. User tables beat the team's curated facts,
# which beat pycountry and congress-legislators, which beat the (stale) Phoenix dictionaries.
USER_TIER = 0
TEAM_SOURCE = "newsevents team"  # facts the team curated (scripts/data/actors_curated*)
SOURCE_TIERS = {
    TEAM_SOURCE: 1, "curated": 1, "pycountry": 2, "congress-legislators": 2, "phoenix": 3,
}  # fmt: skip

_CODE = re.compile(r"^[A-Z]{3}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_QID = re.compile(r"^Q\d+$")
_SPLIT = re.compile(r"[\s\-‐‑‒–—―/\\,;:()\[\]{}\"“”«»!?*+|&]+")
_FOLD = str.maketrans(
    {"ı": "i", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss", "æ": "ae", "Æ": "AE",
     "đ": "d", "Đ": "D", "œ": "oe", "Œ": "OE", "þ": "th", "ð": "d", "’": "'", "‘": "'",
     "ʼ": "'", "`": "'", "´": "'"}
)  # fmt: skip
_LEADING = frozenset({"the", "a", "an"})
# Arabic-style name particles ("al-Bashir", "El Bashir", "bin Salman", "Ould Ghazouani"): a
# name matches with or without them.
PARTICLES = frozenset({"al", "el", "ad", "ash", "az", "ar", "ath", "bin", "ibn", "bint", "ould"})
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Honorifics written before a name ("Sheikh Tamim bin Hamad Al Thani", "King Mohammed VI"):
# not part of the first name.
HONORIFICS = _words(
    "sheikh shaikh sheik king queen prince princess crown emir sultan mr mrs ms dr sir dame "
    "lord lady ayatollah sayyed sayyid mullah imam president"
)


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # the surface form without dots and possessive ending, original case
    key: str  # lower case, accents folded: what the index is keyed on


def fold(text: str) -> str:
    """Fold accents and typographic apostrophes: 'Erdoğan' -> 'Erdogan'."""
    if text.isascii():
        return text.replace("`", "'")
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def tokenize(text: str) -> list[Token]:
    """Split a name or mention into tokens: hyphens and punctuation separate, dots vanish.

    A possessive ending ('s, s') is dropped: "Russia's" is the token "Russia".
    """
    tokens = []
    for piece in _SPLIT.split(fold(text)):
        word = piece.replace(".", "").strip("'")
        if word.lower().endswith("'s"):
            word = word[:-2]
        word = word.strip("'")
        if word:
            tokens.append(Token(word, word.lower()))
    return tokens


def name_parts(tokens: Sequence[Token]) -> list[str]:
    """The token keys of a person's name without particles and generational suffixes:
    "Omar Hassan al-Bashir" -> ['omar', 'hassan', 'bashir']."""
    keys = [t.key for t in tokens if t.key not in PARTICLES and t.key not in NAME_SUFFIXES]
    while len(keys) > 2 and keys[0] in HONORIFICS:
        keys = keys[1:]
    return keys


def middles_agree(mention: Iterable[str], known: frozenset[str]) -> bool:
    """Every middle name of a mention is one of the known middle names (an initial matches
    the names it begins): "Omar Hassan Bashir" fits "Omar Hassan Ahmad Bashir"."""
    for word in mention:
        if word in known:
            continue
        if not any(
            (len(word) == 1 and k.startswith(word)) or (len(k) == 1 and word.startswith(k))
            for k in known
        ):
            return False
    return True


def names_agree(one: Sequence[str], other: Sequence[str]) -> bool:
    """Two full names (`name_parts`) of one person: same first and last name, the middle
    names of the shorter among those of the longer."""
    if len(one) < 2 or len(other) < 2 or one[0] != other[0] or one[-1] != other[-1]:
        return False
    short, long = sorted((one[1:-1], other[1:-1]), key=len)
    return middles_agree(short, frozenset(long))


def name_key(text: str) -> str:
    """The index key of a name: its token keys joined by spaces, without a leading article."""
    keys = [t.key for t in tokenize(text)]
    while keys and keys[0] in _LEADING:
        keys = keys[1:]
    return " ".join(keys)


@dataclass(frozen=True, slots=True)
class Role:
    country: str | None
    sector: str | None
    title: str | None
    start: str | None  # ISO date, inclusive
    end: str | None  # ISO date, exclusive (the successor's first day)
    tier: int

    def active(self, date: str) -> bool:
        return (self.start is None or self.start <= date) and (self.end is None or date < self.end)

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass(frozen=True, slots=True)
class Entity:
    """A person or an organisation, with its roles over time."""

    kind: str  # "person" | "organisation"
    name: str
    wikidata: str | None
    roles: tuple[Role, ...]
    tier: int

    def role_at(self, date: str | None) -> tuple[Role | None, str]:
        """The role that applies at `date` (None: the most recent), and how it was chosen."""
        dated = [r for r in self.roles if r.dated]
        undated = [r for r in self.roles if not r.dated]
        if date is None:
            if not dated:
                return (min(undated, key=_role_rank) if undated else None), "undated role"
            open_ended = [r for r in dated if r.end is None]
            pool = open_ended or dated
            best = min(pool, key=lambda r: (r.tier, _neg(r.start or r.end or "")))
            return best, "current role" if best.end is None else "latest role"
        active = [r for r in dated if r.active(date)]
        if active:
            best = min(active, key=lambda r: (r.tier, _neg(r.start or "")))
            return best, f"role at {date}"
        if undated:
            best = min(undated, key=_role_rank)
            if best.country is None and dated:
                # a person does not lose the country of a past office ("Kofi Annan": an elite
                # without a dated role now, the United Nations before)
                country = max(dated, key=lambda r: r.end or r.start or "").country
                best = Role(country, best.sector, best.title, None, None, best.tier)
            return best, f"undated role (none dated at {date})"
        if not dated:
            return None, "no role"
        ended = [r for r in dated if r.end is not None and r.end <= date]
        if ended:
            last = max(ended, key=lambda r: r.end or "")
            if self.kind == "person":
                former = Role(last.country, "ELI", last.title, last.start, last.end, last.tier)
                return former, f"former office (ended {last.end})"
            return last, f"latest role before {date}"
        first = min(dated, key=lambda r: r.start or "")
        if self.kind == "person":
            return Role(first.country, None, None, None, None, first.tier), "before first office"
        return first, f"earliest role after {date}"


def _role_rank(role: Role) -> tuple[int, int]:
    return role.tier, 0 if role.sector else 1


def _neg(iso: str) -> str:
    """Sort key that orders ISO dates descending under min()."""
    return "".join(chr(0x10FFFF - ord(c)) for c in iso)


@dataclass(frozen=True, slots=True)
class Entry:
    """What an index key points at."""

    kind: str  # country demonym capital seat region place person organisation agent ignore
    name: str  # canonical display name
    country: str | None
    sector: str | None
    tier: int
    case: str = "any"  # "any" | "cap": some capital letter needed | "upper": exact acronym
    entity: Entity | None = None
    ethnic: bool = False
    surface: str = ""  # the acronym as written, for case "upper"


@dataclass(frozen=True, slots=True)
class NameForm:
    """One written form of a person's name, indexed by its first and last name."""

    middle: frozenset[str]
    entry: Entry


@dataclass(slots=True)
class KnowledgeBase:
    index: dict[str, list[Entry]] = field(default_factory=dict)
    surnames: dict[str, list[Entry]] = field(default_factory=dict)
    # (first, last) name -> the forms of people's names: "Omar El Bashir" finds
    # "Omar Hassan Ahmad Al Bashir" (see `people_named`)
    people: dict[tuple[str, str], list[NameForm]] = field(default_factory=dict)
    max_len: int = 1
    given_names: set[str] = field(default_factory=set)  # first words of people's full names
    versions: dict[str, str] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, entry: Entry, *, surname_ok: bool = False) -> None:
        """Index `entry` under `name`. A one-word person name goes to the surname index."""
        tokens = tokenize(name)
        while tokens and tokens[0].key in _LEADING and len(tokens) > 1:
            tokens = tokens[1:]
        if not tokens or not any(ch.isalpha() for t in tokens for ch in t.key):
            return
        key = " ".join(t.key for t in tokens)
        if len(tokens) == 1 and entry.kind != "agent":
            word = tokens[0].text
            letters = sum(ch.isalpha() for ch in word)
            phoenix = entry.tier == SOURCE_TIERS["phoenix"]  # upper case, acronym or not
            if (word.isupper() and letters <= 5 and not phoenix) or (phoenix and letters <= 2):
                entry = _with_case(entry, "upper", word.upper())  # an acronym: "UN", "ISIS"
            elif letters <= 5 or entry.kind == "organisation":
                # a short word ("Xi", "Chad") or a one-word organisation ("Labour"): capitalised
                entry = _with_case(entry, "cap", "")
            if surname_ok and entry.kind == "person":
                _append(self.surnames, key, entry)
                return
        elif entry.kind != "agent" and entry.case == "any":
            entry = _with_case(entry, "cap", "")
        _append(self.index, key, entry)
        self.max_len = max(self.max_len, len(tokens))
        if entry.kind == "person":
            self._add_name_form(tokens, entry)

    def _add_name_form(self, tokens: list[Token], entry: Entry) -> None:
        parts = name_parts(tokens)
        if len(parts) < 2:
            return
        form = NameForm(frozenset(parts[1:-1]), entry)
        bucket = self.people.setdefault((parts[0], parts[-1]), [])
        if form not in bucket:
            bucket.append(form)
        last = parts[-1]
        if len(last) >= 3 and last.isalpha() and entry not in self.surnames.get(last, ()):
            # the last name alone: used only for office holders at the date and in coreference
            self.surnames.setdefault(last, []).append(entry)

    def people_named(self, tokens: Sequence[Token]) -> list[Entry]:
        """People whose name agrees with `tokens` on the first and last name, the mention's
        middle names being among theirs (particles and suffixes ignored)."""
        parts = name_parts(tokens)
        if len(parts) < 2:
            return []
        forms = self.people.get((parts[0], parts[-1]), ())
        found: list[Entry] = []
        for form in forms:
            if middles_agree(parts[1:-1], form.middle) and form.entry not in found:
                found.append(form.entry)
        return found


def _with_case(entry: Entry, case: str, surface: str) -> Entry:
    return Entry(
        entry.kind, entry.name, entry.country, entry.sector, entry.tier, case, entry.entity,
        entry.ethnic, surface,
    )  # fmt: skip


def _append(index: dict[str, list[Entry]], key: str, entry: Entry) -> None:
    bucket = index.setdefault(key, [])
    if entry not in bucket:
        bucket.append(entry)


# ---------------------------------------------------------------------------------------------
# Loading and validation


def load_kb(extra_files: Sequence[str | Path] = (), *, use_env: bool = True) -> KnowledgeBase:
    """Load the packaged tables, then the user's (`NEWSEVENTS_ACTORS`, `extra_files`)."""
    tables = []
    package = resources.files("newsevents").joinpath("data", "actors")
    for name in PACKAGED:
        text = package.joinpath(name).read_text(encoding="utf-8")
        tables.append(parse_json_table(text, f"data/actors/{name}", packaged=True))
    paths = [Path(p) for p in extra_files]
    if use_env and os.environ.get(ENV_VAR):
        paths.extend(Path(p) for p in os.environ[ENV_VAR].split(os.pathsep) if p.strip())
    tables.extend(load_table(path) for path in paths)
    return build_index(tables)


@dataclass(frozen=True, slots=True)
class Table:
    kind: str
    where: str
    meta: dict[str, str]
    entries: list[dict[str, Any]]
    user: bool
    not_actors: tuple[str, ...] = ()


def load_table(path: Path) -> Table:
    """Read a user table: JSON in the packaged schema, or CSV with one row per role.

    CSV columns: `kind` (person, organisation or agent), `name`, and optionally `variants`
    (separated by `|`), `country`, `sector`, `title`, `start`, `end`, `wikidata`. Rows with the
    same kind and name are one actor with several roles.
    """
    if not path.is_file():
        raise ValueError(f"{path}: actor table not found")
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() == ".csv":
        return _parse_csv_table(text, str(path))
    return parse_json_table(text, str(path), packaged=False)


def parse_json_table(text: str, where: str, *, packaged: bool) -> Table:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{where}: not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise ValueError(f"{where}: expected a JSON object with 'kind' and 'entries'")
    meta: dict[str, str] = {}
    for key in ("source", "version", "licence"):
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"{where}: missing or empty '{key}' field")
        meta[key] = value
    kind = data.get("kind")
    if kind not in KINDS:
        raise ValueError(f"{where}: 'kind' must be one of {', '.join(KINDS)}, got {kind!r}")
    entries = data.get("entries")
    if not isinstance(entries, list) or not entries:
        raise ValueError(f"{where}: 'entries' must be a non-empty list")
    not_actors = data.get("not_actors", [])
    _check_strings(not_actors, f"{where}: not_actors")
    for number, entry in enumerate(entries):
        _validate(kind, entry, f"{where}: entries[{number}]")
    return Table(kind, where, meta, entries, not packaged, tuple(not_actors))


def _parse_csv_table(text: str, where: str) -> Table:
    rows = list(csv.DictReader(text.splitlines()))
    if not rows:
        raise ValueError(f"{where}: the CSV table has no rows")
    missing = {"kind", "name"} - set(rows[0])
    if missing:
        raise ValueError(f"{where}: missing CSV column(s) {', '.join(sorted(missing))}")
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for number, row in enumerate(rows, start=2):
        kind = (row.get("kind") or "").strip().lower()
        name = (row.get("name") or "").strip()
        if kind not in ("person", "organisation", "agent") or not name:
            raise ValueError(
                f"{where}: line {number}: needs kind person/organisation/agent and name"
            )
        variants = [v.strip() for v in (row.get("variants") or "").split("|") if v.strip()]
        item = merged.setdefault((kind, name), {"name": name, "variants": [], "roles": []})
        item["variants"].extend(v for v in variants if v not in item["variants"])
        country = (row.get("country") or "").strip() or None
        sector = (row.get("sector") or "").strip() or None
        if kind == "agent":
            item.update(forms=[name, *item["variants"]], sector=sector, country=country)
            continue
        if row.get("wikidata", "").strip():
            item["wikidata"] = row["wikidata"].strip()
        item["roles"].append(
            {
                "country": country,
                "sector": sector,
                "title": (row.get("title") or "").strip() or None,
                "start": (row.get("start") or "").strip() or None,
                "end": (row.get("end") or "").strip() or None,
            }
        )
    tables: dict[str, list[dict[str, Any]]] = {}
    for (kind, _), item in merged.items():
        tables.setdefault(kind, []).append(item)
    # One CSV may hold several kinds: split into per-kind tables, validated like JSON ones.
    kinds = {"person": "people", "organisation": "organisations", "agent": "agents"}
    parts = [(kinds[k], items) for k, items in tables.items()]
    for kind, items in parts:
        for number, entry in enumerate(items):
            _validate(kind, entry, f"{where}: {kind}[{number}]")
    meta = {"source": where, "version": "user", "licence": "user-supplied"}
    entries = [{"__kind__": kind, **item} for kind, items in parts for item in items]
    return Table("mixed", where, meta, entries, True)


def _check_strings(value: Any, where: str) -> None:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"{where}: expected a list of non-empty strings")


def _check_code(value: Any, where: str, *, sector: bool = False) -> None:
    if value is None:
        return
    if not isinstance(value, str) or not _CODE.match(value):
        raise ValueError(f"{where}: expected a 3-letter upper-case code or null, got {value!r}")
    if sector and value not in SECTORS:
        raise ValueError(f"{where}: unknown sector code {value!r}")


def _validate(kind: str, entry: Any, where: str) -> None:
    if not isinstance(entry, dict):
        raise ValueError(f"{where}: expected an object")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"{where}: missing 'name'")
    if kind == "countries":
        _check_code(entry.get("code"), f"{where}.code")
        if entry.get("code") is None:
            raise ValueError(f"{where}: missing 'code'")
        for key in ("names", "demonyms", "capitals", "variants"):
            _check_strings(entry.get(key, []), f"{where}.{key}")
        for key in ("seats", "regions"):
            items = entry.get(key, [])
            if not isinstance(items, list):
                raise ValueError(f"{where}.{key}: expected a list")
            for number, item in enumerate(items):
                sub = f"{where}.{key}[{number}]"
                if not isinstance(item, dict) or not isinstance(item.get("name"), str):
                    raise ValueError(f"{sub}: expected an object with a 'name'")
                _check_strings(item.get("variants", []), f"{sub}.variants")
                _check_code(item.get("sector"), f"{sub}.sector", sector=True)
                _check_code(item.get("country"), f"{sub}.country")
        if not isinstance(entry.get("ethnic", False), bool):
            raise ValueError(f"{where}.ethnic: expected true or false")
    elif kind == "agents":
        _check_strings(entry.get("forms"), f"{where}.forms")
        _check_code(entry.get("sector"), f"{where}.sector", sector=True)
        _check_code(entry.get("country"), f"{where}.country")
        if entry.get("sector") is None and entry.get("country") is None:
            raise ValueError(f"{where}: an agent needs a sector or a country")
    else:
        _check_strings(entry.get("variants", []), f"{where}.variants")
        qid = entry.get("wikidata")
        if qid is not None and (not isinstance(qid, str) or not _QID.match(qid)):
            raise ValueError(f"{where}.wikidata: expected a QID like 'Q7747', got {qid!r}")
        roles = entry.get("roles")
        if not isinstance(roles, list) or not roles:
            raise ValueError(f"{where}: 'roles' must be a non-empty list")
        for number, role in enumerate(roles):
            sub = f"{where}.roles[{number}]"
            if not isinstance(role, dict):
                raise ValueError(f"{sub}: expected an object")
            _check_code(role.get("country"), f"{sub}.country")
            _check_code(role.get("sector"), f"{sub}.sector", sector=True)
            for key in ("start", "end"):
                value = role.get(key)
                if value is not None and (not isinstance(value, str) or not _DATE.match(value)):
                    raise ValueError(f"{sub}.{key}: expected YYYY-MM-DD or null, got {value!r}")
            if role.get("start") and role.get("end") and role["start"] > role["end"]:
                raise ValueError(f"{sub}: start {role['start']} is after end {role['end']}")
            if role.get("country") is None and role.get("sector") is None:
                raise ValueError(f"{sub}: a role needs a country or a sector")


# ---------------------------------------------------------------------------------------------
# Indexing


def build_index(tables: Iterable[Table]) -> KnowledgeBase:
    kb = KnowledgeBase()
    people: list[Entity] = []
    for table in tables:
        if not table.user:
            kb.versions[table.kind] = table.meta["version"]
        for phrase in table.not_actors:
            kb.add(phrase, Entry("ignore", phrase, None, None, USER_TIER if table.user else 1))
        for entry in table.entries:
            kind = entry.get("__kind__", table.kind)
            kb.sizes[kind] = kb.sizes.get(kind, 0) + 1
            if kind == "countries":
                _index_country(kb, entry, table.user)
            elif kind == "agents":
                _index_agent(kb, entry, table.user)
            else:
                entity = _entity(kind, entry, table.user)
                if entity.kind == "person":
                    people.append(entity)
                names = [entity.name, *entry.get("variants", [])]
                for name in names:
                    kb.add(name, Entry(entity.kind, entity.name, None, None, entity.tier,
                                       entity=entity), surname_ok=True)  # fmt: skip
    _drop_given_names(kb, people)
    return kb


def _tier(entry: dict[str, Any], user: bool) -> int:
    if user:
        return USER_TIER
    return SOURCE_TIERS.get(str(entry.get("source", "")), SOURCE_TIERS["phoenix"])


def _entity(kind: str, entry: dict[str, Any], user: bool) -> Entity:
    tier = _tier(entry, user)
    roles = tuple(
        Role(r.get("country"), r.get("sector"), r.get("title"), r.get("start"), r.get("end"),
             _tier(r, user) if "source" in r else tier)
        for r in entry["roles"]
    )  # fmt: skip
    singular = "person" if kind == "people" else "organisation"
    return Entity(singular, entry["name"], entry.get("wikidata"), roles, tier)


def _index_country(kb: KnowledgeBase, entry: dict[str, Any], user: bool) -> None:
    code, name = entry["code"], entry["name"]
    ethnic = bool(entry.get("ethnic", False))
    trusted = USER_TIER if user else 1
    loose = USER_TIER if user else SOURCE_TIERS["phoenix"]
    for text in [name, *entry.get("names", [])]:
        kb.add(text, Entry("country", name, code, None, trusted, ethnic=ethnic))
    for text in entry.get("demonyms", []):
        kb.add(text, Entry("demonym", name, code, None, trusted, ethnic=ethnic))
    for text in entry.get("capitals", []):
        kb.add(text, Entry("capital", text, code, "GOV", trusted))
    for kind, key in (("seat", "seats"), ("region", "regions")):
        for item in entry.get(key, []):
            country = item.get("country") or code
            for text in [item["name"], *item.get("variants", [])]:
                kb.add(text, Entry(kind, item["name"], country, item.get("sector"), trusted))
    for text in entry.get("variants", []):
        kb.add(text, Entry("place", name, code, None, loose, ethnic=ethnic))


def _index_agent(kb: KnowledgeBase, entry: dict[str, Any], user: bool) -> None:
    tier = _tier(entry, user)
    for form in entry["forms"]:
        kb.add(form, Entry("agent", entry["name"], entry.get("country"), entry.get("sector"), tier))


def _drop_given_names(kb: KnowledgeBase, people: list[Entity]) -> None:
    """A word that starts somebody's full name ('Vladimir', 'Frank') is a given name: it does
    not stand alone for a person (surname index) or for a place of the Phoenix dictionaries."""
    given: dict[str, set[str]] = {}
    for person in people:
        tokens = tokenize(person.name)
        if len(tokens) > 1:
            given.setdefault(tokens[0].key, set()).add(person.name)
    kb.given_names = set(given)
    for key in list(kb.surnames):
        owners = given.get(key)
        if owners and not owners <= {e.name for e in kb.surnames[key]}:
            del kb.surnames[key]
    for key, entries in list(kb.index.items()):
        if key in given and " " not in key:
            kept = [e for e in entries if e.kind != "place"]
            if kept:
                kb.index[key] = kept
            else:
                del kb.index[key]


def iter_entries(kb: KnowledgeBase) -> Iterator[tuple[str, Entry]]:
    for key, entries in kb.index.items():
        for entry in entries:
            yield key, entry
