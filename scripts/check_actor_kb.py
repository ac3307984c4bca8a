"""Checks of the team's curated office holders, run by scripts/build_actor_kb.py.

- two people holding the same titled office on the same day (a curation error);
- a UN member state (`scripts/data/actors_curated_un_members.txt`) without a head of state or
  government on a checked day from 2022 to mid-2026;
- agreement with the Phoenix dictionaries where both know the person (to mid-2014): Phoenix
  codes offices coarsely (one GOV spell may cover several posts, and it does not know offices
  taken later), so the check counts team roles that start within 45 days of a Phoenix GOV
  spell, that lie inside one, and lists the rest for a human to review.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any, Protocol

from newsevents.actors.kb import name_parts, names_agree, tokenize

UN_MEMBERS_FILE = "actors_curated_un_members.txt"


class Person(Protocol):
    name: str
    variants: list[str]
    roles: list[dict[str, Any]]


OFFICE_TITLES = (
    "President of", "Prime Minister of", "Chancellor of", "King of", "Queen of", "Emir of",
    "Sultan of", "Minister of", "Secretary of", "Foreign Secretary",
)  # fmt: skip


def check_office_holders(people: Sequence[Person]) -> list[str]:
    """Two people holding the same titled office on the same day: a curation error."""
    spells: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for actor in people:
        for r in actor.roles:
            title = r["title"] or ""
            if r["source"] != "phoenix" and r["start"] and title.startswith(OFFICE_TITLES):
                spells.setdefault((r["country"], title), []).append(
                    (r["start"], r["end"] or "9999-12-31", actor.name)
                )
    problems = []
    for (country, title), items in sorted(spells.items()):
        items.sort()
        for (s1, e1, n1), (s2, _, n2) in pairwise(items):
            if s2 < e1 and n1 != n2:
                problems.append(f"{country} {title}: {n1} ({s1}-{e1}) overlaps {n2} (from {s2})")
    return problems


HEAD_TITLES = (
    "President of", "Prime Minister of", "King of", "Queen of", "Emir of", "Sultan of",
    "Chancellor of", "Supreme Leader of", "Chairman of the", "Head of Government of",
    "Head of State of", "Prince of", "Grand Duke of", "Emperor of", "Premier of",
    "Acting President of", "Co-President of", "Member of the Presidency of",
    "General Secretary of", "Chief Adviser", "Secretary of State for Foreign and Political",
)  # fmt: skip
CHECKED_DAYS = tuple(  # quarterly, to the last curation (mid-2026)
    d for y in range(2022, 2027) for m in (1, 4, 7, 10) if (d := f"{y}-{m:02d}-01") <= "2026-07-01"
)


def check_heads(people: Sequence[Person], folder: Path) -> list[str]:
    """UN member states without a head of state or government on a checked day."""
    members = " ".join(
        line for line in (folder / UN_MEMBERS_FILE).read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    ).split()  # fmt: skip
    spells: dict[str, list[tuple[str, str]]] = {}
    for actor in people:
        for r in actor.roles:
            if (
                r["source"] != "phoenix"
                and r["start"]
                and (r["title"] or "").startswith(HEAD_TITLES)
            ):
                spells.setdefault(r["country"], []).append((r["start"], r["end"] or "9999"))
    problems = []
    for code in members:
        missing = [d for d in CHECKED_DAYS if not any(s <= d < e for s, e in spells.get(code, []))]
        if missing:
            problems.append(f"{code}: no head of state or government on {', '.join(missing)}")
    return problems


def _days(a: str, b: str) -> int:
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)


def check_against_phoenix(team: Sequence[Person], phoenix: Sequence[Person]) -> str:
    """A summary line (and the roles Phoenix does not confirm) of team roles before mid-2014
    whose person Phoenix knows in the same country under an agreeing name."""
    index: dict[tuple[str, str], list[tuple[list[str], Person]]] = {}
    for person in phoenix:
        for name in [person.name, *person.variants]:
            parts = name_parts(tokenize(name))
            if len(parts) >= 2:
                index.setdefault((parts[0], parts[-1]), []).append((parts, person))
    counts = {"checked": 0, "same start": 0, "inside": 0}
    unconfirmed = []
    for person in team:
        match = _phoenix_person(person, index)
        if match is None:
            continue
        spells = [r for r in match.roles if r["sector"] == "GOV" and r["start"]]
        for r in person.roles:
            if not r["start"] or not "1990-01-01" <= r["start"] <= "2014-06-01":
                continue
            counts["checked"] += 1
            end = r["end"] or "9999-12-31"
            if any(_days(x["start"], r["start"]) <= 45 for x in spells):
                counts["same start"] += 1
            elif any(x["start"] < end and (x["end"] or "9999-12-31") > r["start"] for x in spells):
                counts["inside"] += 1
            else:
                unconfirmed.append(f"{person.name} ({r['title']} {r['start']})")
    return (
        f"Phoenix check: {counts['checked']} team roles before mid-2014 of people Phoenix knows; "
        f"{counts['same start']} start within 45 days of a Phoenix spell, {counts['inside']} lie "
        f"inside one, {len(unconfirmed)} Phoenix does not cover: {'; '.join(unconfirmed)}"
    )


def _phoenix_person(
    person: Person, index: dict[tuple[str, str], list[tuple[list[str], Person]]]
) -> Person | None:
    countries = {r["country"] for r in person.roles}
    found: list[Person] = []
    for name in [person.name, *person.variants]:
        parts = name_parts(tokenize(name))
        for known, other in index.get((parts[0], parts[-1]), []) if len(parts) >= 2 else ():
            same_country = countries & {r["country"] for r in other.roles}
            if names_agree(parts, known) and same_country and other not in found:
                found.append(other)
    return found[0] if len(found) == 1 else None
