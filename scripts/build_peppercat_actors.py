"""Build an opt-in actor table of office holders from a local copy of the Peppercat leader data.

Peppercat (https://peppercat.org, Tony Bowden) publishes Wikidata-derived office holders of
223 countries: heads of state and government, ministers, presiding officers, judges,
ambassadors, with Wikidata ids and dates. Its licence is CC BY-NC 4.0 (non-commercial use
only, attribution required), so newsevents never ships it: the packaged actor tables hold only
MIT, CC0 and team-written facts. A user who may use non-commercial data builds the table
themselves, into a file they name, and loads it through the user-table mechanism:

    python scripts/build_peppercat_actors.py --peppercat PATH/TO/peppercat --out ~/peppercat.json
    export NEWSEVENTS_ACTORS=~/peppercat.json

The file carries the attribution and licence notice in its `source` and `licence` fields; keep
them when you share it. Input files (as published by Peppercat's site-build repository):
`leaders-historic.csv` (spells to January 2023) and, when present,
`observed_2023-01-20_to_2025-01-31.DERIVED.csv` (holders seen on the site's country pages to
January 2025: it closes spells that ended and adds new ones; `gone_by` is an upper bound of the
end date). `legislators-historic.csv` is not used.

Usage: python scripts/build_peppercat_actors.py --peppercat DIR --out FILE [--all-positions]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsevents.actors.kb import name_key, parse_json_table
from newsevents.datafiles import read_table

ATTRIBUTION = "Peppercat.org (Tony Bowden), CC BY-NC 4.0"
LICENCE = (
    "CC BY-NC 4.0 (https://creativecommons.org/licenses/by-nc/4.0/): non-commercial use only, "
    f"attribution required: {ATTRIBUTION}. Derived by newsevents' "
    "scripts/build_peppercat_actors.py (names, offices, dates and Wikidata ids, re-coded)."
)
HISTORIC = "leaders-historic.csv"
OBSERVED = "observed_2023-01-20_to_2025-01-31.DERIVED.csv"
# Catalogs that are not states, and their PLOVER codes.
NON_STATE = {"European Union": "EUR", "World": "IGO"}
# Heads of state and government, ministers: the offices event coding needs by default.
KEY_POSITIONS = re.compile(
    r"^(President|Vice President|Prime Minister|Deputy Prime Minister|Chancellor|King|Queen|"
    r"Emir|Sultan|Supreme Leader|Monarch|Head of State|Head of Government|Premier|Minister|"
    r"Secretary of State|Chief of the General Staff|Chief of Defence)\b"
)
SECTOR_RULES = (  # (pattern in the position, PLOVER sector); the first that matches
    (re.compile(r"Court|Justice|Judge|Attorney General|Prosecutor"), "JUD"),
    (re.compile(r"Speaker|Parliament|Senate|Assembly|Chamber|House of|Congress|Duma"), "LEG"),
    (re.compile(r"General Staff|Chief of Defence|Commander|Army|Navy|Air Force"), "MIL"),
    (re.compile(r"Intelligence"), "SPY"),
    (re.compile(r"Police"), "COP"),
)
TITLED = re.compile(r"^(President|Prime Minister|Vice President|Chancellor|King|Queen|Emir|"
                    r"Sultan|Supreme Leader|Premier|Monarch)$")  # fmt: skip
_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


@dataclass
class Person:
    name: str
    wikidata: str | None
    variants: list[str] = field(default_factory=list)
    roles: dict[tuple[str, str, str], dict[str, Any]] = field(default_factory=dict)


def iso_date(text: str) -> str | None:
    """'2021' -> '2021-01-01', '2021-08' -> '2021-08-01'; anything else -> None."""
    match = _PARTIAL.match(text.strip())
    if not match:
        return None
    return f"{match.group(1)}-{match.group(2) or '01'}-{match.group(3) or '01'}"


def country_codes() -> dict[str, str]:
    """Name key of every country name of the packaged table -> ISO3."""
    table = read_table("actors", "countries.json")
    codes: dict[str, str] = {}
    for entry in table["entries"]:
        if not entry.get("ethnic"):
            for name in [entry["name"], *entry.get("names", [])]:
                codes.setdefault(name_key(name), entry["code"])
    return codes


def sector_of(position: str) -> str:
    return next((sector for rule, sector in SECTOR_RULES if rule.search(position)), "GOV")


def title_of(position: str, catalog: str) -> str:
    """'President' of Kenya -> 'President of Kenya' (the form offices.json expects);
    ministers keep their own title ('Minister of Defence')."""
    return f"{position} of {catalog}" if TITLED.match(position) else position


class Builder:
    def __init__(self, codes: dict[str, str], all_positions: bool) -> None:
        self.codes = codes
        self.all_positions = all_positions
        self.people: dict[str, Person] = {}
        self.skipped: dict[str, int] = {}

    def country(self, catalog: str) -> str | None:
        return NON_STATE.get(catalog) or self.codes.get(name_key(catalog))

    def add(self, row: dict[str, str], start: str | None, end: str | None) -> None:
        catalog, position, name = row["catalog"], row["position"].strip(), row["person"].strip()
        country = self.country(catalog)
        if country is None:
            self.skipped[catalog] = self.skipped.get(catalog, 0) + 1
            return
        if not name or not (self.all_positions or KEY_POSITIONS.match(position)):
            return
        qid = row.get("personID", "").strip() or None
        person = self.people.setdefault(qid or f"name:{name}", Person(name, qid))
        wiki = row.get("enwiki", "").strip()
        if wiki and name_key(wiki) != name_key(person.name) and wiki not in person.variants:
            person.variants.append(re.sub(r"\s*\([^)]*\)$", "", wiki))
        if start and end and end < start:
            end = None
        key = (country, position, start or "")
        known = person.roles.get(key)
        if known is not None:  # the observed pages continue a historic spell: close it
            if known["end"] is None and end is not None:
                known["end"] = end
            return
        if start is None and any(k[:2] == (country, position) for k in person.roles):
            return  # an observation without its start date repeats a known spell
        person.roles[key] = {
            "country": country, "sector": sector_of(position),
            "title": title_of(position, catalog), "start": start, "end": end,
        }  # fmt: skip

    def read_historic(self, path: Path) -> None:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                self.add(row, iso_date(row["start"]), iso_date(row["end"]))

    def read_observed(self, path: Path) -> None:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                start = iso_date(row.get("start", ""))
                if row.get("start_is_for_first_position_only") == "1":
                    start = None
                self.add(row, start or iso_date(row.get("first_seen", "")), iso_date(
                    row.get("gone_by", "")))  # fmt: skip

    def table(self, version: str) -> dict[str, Any]:
        entries = []
        for person in sorted(self.people.values(), key=lambda p: (p.name, p.wikidata or "")):
            roles = sorted(person.roles.values(), key=lambda r: (r["start"] or "", r["title"]))
            if not roles:
                continue
            entry: dict[str, Any] = {"name": person.name, "variants": person.variants}
            if person.wikidata:
                entry["wikidata"] = person.wikidata
            entry["roles"] = roles
            entries.append(entry)
        return {
            "source": f"{ATTRIBUTION}: leader data of https://peppercat.org "
            "(Wikidata-derived), built by scripts/build_peppercat_actors.py",
            "version": version,
            "licence": LICENCE,
            "attribution": ATTRIBUTION,
            "kind": "people",
            "notes": "A user table for NEWSEVENTS_ACTORS. Not part of the newsevents package.",
            "entries": entries,
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--peppercat", type=Path, required=True, help="folder of the CSV files")
    parser.add_argument("--out", type=Path, required=True, help="the JSON table to write")
    parser.add_argument(
        "--all-positions", action="store_true",
        help="every office, not only heads of state and government, ministers, military chiefs",
    )  # fmt: skip
    args = parser.parse_args(argv)
    historic = args.peppercat / HISTORIC
    if not historic.is_file():
        print(f"{historic}: not found", file=sys.stderr)
        return 2
    builder = Builder(country_codes(), args.all_positions)
    builder.read_historic(historic)
    version = "leaders-historic"
    if (args.peppercat / OBSERVED).is_file():
        builder.read_observed(args.peppercat / OBSERVED)
        version += " + observed to 2025-01-31"
    table = builder.table(version)
    text = json.dumps(table, ensure_ascii=False, indent=0)
    parse_json_table(text, str(args.out), packaged=False)  # the loader must accept it
    args.out.write_text(text + "\n", encoding="utf-8")
    skipped = ", ".join(f"{k} ({v})" for k, v in sorted(builder.skipped.items()))
    print(f"{args.out}: {len(table['entries'])} people; load it with NEWSEVENTS_ACTORS",
          file=sys.stderr)  # fmt: skip
    if skipped:
        print(f"catalogs without a country code, skipped: {skipped}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
