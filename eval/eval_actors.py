"""Evaluate the actor resolver on the NGEC actor-resolution cases (development half).

`shared/gold/actors/ngec_actor_cases_dev.jsonl` holds the literal inputs and expected values of
NGEC's pytest functions: `calls` (method, args, kwargs) and `asserts` (lhs, op, value). We score
the calls that resolve an actor string:

- `agent_to_code(text, context?, date?)` (or `query_date=`): `code['country']` and
  `code['code_1']` (the primary sector); `code Is None` means "no actor";
- `short_text_to_agent(text)`: `code['code_1']`, `code['country']`;
- `search_nat(text)`: `cc` (the country);
- `trf_agent_match(text)`: `code Is None`.

`code['wiki']` (the Wikipedia title of the actor, where the gold names one) is scored as
identity: our actor's name is that title (case, accents, punctuation and an "(...)" qualifier
aside), or for a person agrees with it on first and last name.

Not scored: `query_wiki` (Wikipedia titles), `actor_wiki_job`, `code_2` and `pattern`, which
describe NGEC's own intermediate steps. Cases with only such asserts are counted as skipped.

Mapping of NGEC's conventions to ours (PLOVER):
- an empty expected value ("") is null;
- "today"/"" as a date is no date;
- NGEC writes NGO and IGO in the sector field with an empty country; PLOVER puts them in the
  country field, so (country "", sector NGO) is scored as (country NGO, sector null);
- UNO (United Nations) and EUR (European Union) are PLOVER country codes, used as they are;
- one case has its country and sector swapped (country "LEG", sector "COL"): when the expected
  country is a sector code and the expected sector a non-sector code, the two are swapped;
- when a field has several `Eq` asserts (e.g. GRU: MIL and SPY), any of them counts.

Metrics: `country_accuracy` over the cases with an expected country (null included),
`sector_accuracy` over the cases with an expected sector (null included), `none_accuracy` over
the cases that expect no actor at all, `identity_accuracy` over the cases with a Wikipedia
title, with the counts of each.

Usage: python eval/eval_actors.py [--shared ../shared] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsevents.actors import default_resolver
from newsevents.actors.kb import SECTORS, name_key, name_parts, tokenize

DEFAULT_SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CASES = ("gold", "actors", "ngec_actor_cases_dev.jsonl")
METHODS = ("agent_to_code", "short_text_to_agent", "search_nat", "trf_agent_match")
COUNTRY_LHS = {"code['country']", "cc"}
WIKI_LHS = "code['wiki']"
SECTOR_LHS = {"code['code_1']"}
MOVED_TO_COUNTRY = {"NGO", "IGO"}
NO_DATE = {"", "today"}


@dataclass
class Case:
    test: str
    text: str
    context: str | None
    date: str | None
    countries: set[str | None] = field(default_factory=set)  # accepted values
    sectors: set[str | None] = field(default_factory=set)
    expect_none: bool = False
    wiki: str | None = None  # the Wikipedia title of the actor


def load_cases(shared: Path) -> tuple[list[Case], int]:
    cases, skipped = [], 0
    for line in (shared.joinpath(*CASES)).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = parse_case(json.loads(line))
        if case is None:
            skipped += 1
        else:
            cases.append(case)
    return cases, skipped


def parse_case(raw: dict[str, Any]) -> Case | None:
    call = next((c for c in raw["calls"] if c["method"] in METHODS), None)
    if call is None:
        return None
    args = [*call["args"], "", ""]
    text, context, date = args[0], args[1], args[2]
    date = call["kwargs"].get("query_date", date)
    case = Case(
        raw["test"],
        text,
        context.strip() or None,
        None if str(date).strip().lower() in NO_DATE else str(date),
    )
    for check in raw["asserts"]:
        lhs, op, value = check["lhs"], check["op"], check["value"]
        if op == "Is" and value is None and lhs == "code":
            case.expect_none = True
        elif op == "Eq" and lhs in COUNTRY_LHS:
            case.countries.add(value or None)
        elif op == "Eq" and lhs in SECTOR_LHS:
            case.sectors.add(value or None)
        elif op == "Eq" and lhs == WIKI_LHS and value:
            case.wiki = value
    if not (case.expect_none or case.countries or case.sectors):
        return None
    _normalise(case)
    return case


def _normalise(case: Case) -> None:
    if case.sectors & MOVED_TO_COUNTRY and case.countries <= {None}:
        moved = case.sectors & MOVED_TO_COUNTRY
        case.countries = set(moved)
        case.sectors = {None}
    if (
        len(case.countries) == 1
        and len(case.sectors) == 1
        and next(iter(case.countries)) in SECTORS
        and next(iter(case.sectors)) not in SECTORS | {None}
    ):
        case.countries, case.sectors = case.sectors, case.countries


def evaluate(shared_dir: Path, *, verbose: bool = False) -> dict[str, Any]:
    cases, skipped = load_cases(shared_dir)
    resolver = default_resolver()
    counts = {"country": [0, 0], "sector": [0, 0], "none": [0, 0], "identity": [0, 0]}
    misses = []
    for case in cases:
        actor = resolver.resolve(case.text, date=case.date, context=case.context)
        country = actor.country if actor else None
        sector = actor.sector if actor else None
        wrong = []
        if case.expect_none:
            counts["none"][1] += 1
            counts["none"][0] += actor is None
            if actor is not None:
                wrong.append("none")
        if case.countries:
            counts["country"][1] += 1
            counts["country"][0] += country in case.countries
            if country not in case.countries:
                wrong.append(f"country {country} not in {sorted(map(str, case.countries))}")
        if case.sectors:
            counts["sector"][1] += 1
            counts["sector"][0] += sector in case.sectors
            if sector not in case.sectors:
                wrong.append(f"sector {sector} not in {sorted(map(str, case.sectors))}")
        if case.wiki:
            counts["identity"][1] += 1
            same = actor is not None and same_identity(case.wiki, actor.name)
            counts["identity"][0] += same
            if not same:
                wrong.append(f"identity {actor.name if actor else None} is not {case.wiki}")
        if wrong:
            misses.append(
                {"text": case.text, "date": case.date, "wrong": wrong,
                 "explain": actor.explain if actor else None}
            )  # fmt: skip
    metrics: dict[str, Any] = {}
    for name, (right, total) in counts.items():
        metrics[f"{name}_accuracy"] = round(right / total, 4) if total else 0.0
        metrics[f"{name}_cases"] = total
    metrics["cases"] = len(cases)
    metrics["skipped_cases"] = skipped
    if verbose:
        metrics["misses"] = misses
    return metrics


def same_identity(title: str, name: str | None) -> bool:
    """Whether our actor `name` is the Wikipedia article `title` ("Omar al-Bashir" is
    "Omar Hassan Ahmad al-Bashir" by first and last name)."""
    if not name:
        return False
    plain = title.split(" (")[0]
    if name_key(plain) == name_key(name):
        return True
    gold, ours = name_parts(tokenize(plain)), name_parts(tokenize(name))
    return len(gold) > 1 and len(ours) > 1 and (gold[0], gold[-1]) == (ours[0], ours[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--verbose", action="store_true", help="list the cases that miss")
    args = parser.parse_args(argv)
    if not args.shared.joinpath(*CASES).is_file():
        print(f"no evaluation data under {args.shared}", file=sys.stderr)
        return 2
    print(json.dumps(evaluate(args.shared, verbose=args.verbose), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
