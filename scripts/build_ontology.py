"""Build the ontology tables in src/newsevents/data/ontology/ from the reference files in ../shared.

    python scripts/build_ontology.py [--shared ../shared] [--out src/newsevents/data/ontology]

Writes three files, each with its own `source`, `version` and `licence`, because their licences
differ:

- `plover.json`: PLOVER 2.0 event types (quad class, modes), contexts and the PLOVER scores
  (intensity per type and mode), extracted from the manual's LaTeX source. CC BY-SA 4.0.
- `cameo.json`: CAMEO code -> short name, Goldstein score, root and the root's quad class. Only
  these fields: the CAMEO manual's descriptions and examples are CC BY-NC-SA and stay out.
- `cameo_to_plover.json`: CAMEO code -> PLOVER type, mode and contexts, from CAMEO2PLOVER-2021
  (CC BY-SA 4.0), brought in line with the 2.0 manual by the tables below.

The build is deterministic (no dates): `version` is the upstream version plus a hash of the input.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]

# The 16 PLOVER 2.0 types of the output contract (docs/ARCHITECTURE.md), in the manual's order.
TYPES = [
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]  # fmt: skip
QUADS = {
    "VERBAL COOPERATION": 1,
    "MATERIAL COOPERATION": 2,
    "VERBAL CONFLICT": 3,
    "MATERIAL CONFLICT": 4,
}

# The manual gives SANCTION two quad classes: its own section and the "Summary of event
# categories" say MATERIAL CONFLICT, the "Quad categories in PLOVER" table says verbal conflict.
# We read the per-type sections, which agree with CAMEO root 16 (GDELT quad 4).

# Errata in the PLOVER scores table. ACCUSE is printed as +3 although all its modes are negative
# (-2 .. -3.5) and the earlier draft table had -2.0: a lost minus sign.
SCORE_ERRATA = {("ACCUSE", ""): -3.0}

# Older PLOVER names (v0.5 .. 0.8 drafts, the GSR, the quick reference) -> 2.0 types. The 2021
# crosswalk already uses 2.0 names; this keeps the build right for older copies of the table.
OLD_TYPE_NAMES = {
    "DEMAND": "REQUEST",
    "APPEAL": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
    "YIELD": "CONCEDE",
    "ENGAGE": "COOPERATE",
    "THREAT": "THREATEN",
    "REDUCE": "SANCTION",
}

# Crosswalk modes that the 2.0 manual dropped or renamed (the crosswalk follows draft 0.8).
MODE_ALIASES = {
    "ban": "restrict",  # 2.0 "restrict" includes "banning ... from political life"
    "political": "restrict",  # 1321: threaten restrictions on freedom of speech
    "assassinate": "targeted",  # 2.0 "targeted": assassinations and executions
    "massacre": "targeted",  # ... "as well as deliberate mass killings of defenseless actors"
    "cleansing": "",  # commented out of the 2.0 ASSAULT modes
    "return": "",  # "return property" is commented out of the 2.0 RETREAT modes
    "ease": "",  # "'ease' is no longer a mode" (the crosswalk's own note)
}
# Crosswalk contexts that are not 2.0 general contexts.
CONTEXT_ALIASES = {
    "democracy": "pro_democracy",
    "humanitarian": "human_security",  # food, water, housing: what humanitarian aid provides
}

# Rows where the 2.0 manual says otherwise than the 2021 crosswalk: (type, mode, contexts).
CODE_OVERRIDES: dict[str, tuple[str, str, list[str]]] = {
    # "International (political or economic) sanctions are coded as [SANCTION] 'discontinue'".
    "163": ("SANCTION", "discontinue", ["economic"]),
    # The crosswalk put a context in the mode slot; 2.0 has a "repression" context for this.
    "175": ("ASSAULT", "", ["repression"]),
    "1712": ("ASSAULT", "destroy", ["human_security"]),  # "Destroy property": 2.0 mode destroy
    "1721": ("COERCE", "censor", ["rights_freedoms"]),  # restrictions on freedom of speech
    "195": ("ASSAULT", "aerial", ["military"]),  # "Employ aerial weapons": 2.0 mode aerial
    # "Retreat or surrender militarily": 2.0 "withdraw: Retreat from territory or withdraw
    # forces from an area" (the crosswalk said disarm, which 0873 "Demobilize" already is).
    "0874": ("RETREAT", "withdraw", ["military"]),
    # "Find guilty or liable (legally)": 2.0 moved convictions to SANCTION "convict".
    "116": ("SANCTION", "convict", ["legal"]),
    # CONCEDE covers "removing curfews"; "the lifting of a curfew is, effectively, a promise
    # that people will not be arrested for violating the curfew ... We're treating such
    # concessions as verbal rather than material" (the crosswalk's 2017 note made them RETREAT)
    # "RETREAT also covers resignations of government officials" (mode resign); CAMEO's
    # code for a leader stepping down is 0831 (the crosswalk: CONCEDE)
    "0831": ("RETREAT", "resign", ["political_institutions"]),
    "0813": ("CONCEDE", "", ["legal"]),
    "0814": ("CONCEDE", "", ["legal"]),
}
# The crosswalk lists root 08 twice (CONCEDE, then RETREAT): CAMEO 080 "Yield" is CONCEDE.
ROOT_OVERRIDES = {"08": "CONCEDE"}

# CAMEO 01 (MAKE PUBLIC STATEMENT) has no PLOVER event: null, so the coder skips it. CAMEO 02
# (APPEAL) was "dropped" by the draft that the crosswalk follows, when DEMAND excluded requests;
# 2.0 REQUEST covers "all requests, demands, and orders", so 02x is REQUEST with the modes of the
# parallel 10x codes (021 <-> 101, 0231 <-> 1031, ...).
NULL_ROOTS = ("01",)
# The one statement the manual leaves to the coder: "a CAMEO '016: Deny responsibility' might be
# considered REJECT ... carefully document any such decisions". Denying charges or rejecting
# accusations is a REJECT of the accuser ("rejected accusations by the US"), decided here.
STATEMENT_EVENTS: dict[str, tuple[str, str, list[str]]] = {"016": ("REJECT", "", [])}
APPEAL_FROM_DEMAND = ("02", "10")

# GDELT QuadClass of a CAMEO root.
ROOT_QUADS = {
    f"{r:02d}": 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4 for r in range(1, 21)
}


def input_hash(*paths: Path) -> str:
    """Short hash of the inputs (and the builder itself): the build's version."""
    h = hashlib.sha256()
    for p in paths:
        h.update(p.read_bytes())
    return h.hexdigest()[:12]


def _strip_comments(tex: str) -> str:
    # Commented-out rows (%return, %execute, the old scores table) are not part of 2.0.
    return "\n".join(line for line in tex.splitlines() if not line.lstrip().startswith("%"))


def _between(text: str, start: str, end: str) -> str:
    i = text.index(start)
    return text[i : text.index(end, i)]


def _cell(s: str) -> str:
    s = re.sub(r"\\cellcolor\{[^}]*\}|\\hline|\\end(?:last)?(?:head|foot)", "", s)
    s = re.sub(r"\\hyperref\[[^\]]*\]\{([^}]*)\}", r"\1", s)
    return s.replace(r"\_", "_").replace("\\\\", "").strip()


def parse_plover(tex: str) -> dict[str, Any]:
    tex = _strip_comments(tex)
    chapter = _between(tex, r"\chapter{Event Categories}", r"\chapter{Contexts}")
    sections = re.split(r"\\section\{([A-Z]+)\}", chapter)[1:]
    types: dict[str, Any] = {}
    for name, body in zip(sections[::2], sections[1::2], strict=True):
        quad = re.search(r"Quad category:\s*([A-Z ]+?)\s*\}", body)
        if quad is None:
            raise ValueError(f"{name}: no quad category in the manual")
        modes: list[str] = []
        for table in re.findall(r"\\begin\{tabular\}(.*?)\\end\{tabular\}", body, re.S):
            for row in table.split("\\\\"):
                first = _cell(row.split("&")[0])
                if "&" in row and re.fullmatch(r"[a-z][a-z_\-]*", first):
                    modes.append(first)
        types[name] = {"quad": QUADS[quad.group(1)], "modes": modes}
    if list(types) != TYPES:
        raise ValueError(f"manual types {list(types)} are not the 16 of the contract")

    table = _between(tex, r"\label{tab:general-contexts}", r"\end{longtable}")
    contexts = []
    for row in table.split("\\\\"):
        first = _cell(row.split("&")[0]) if "&" in row else ""
        if re.fullmatch(r"[a-z][a-z_]*", first):
            contexts.append(first)

    scores_tex = _between(tex, r"\caption{PLOVER conflict--cooperation scores}", r"\end{tabular}")
    intensity: dict[str, dict[str, float]] = {t: {} for t in TYPES}
    for row in scores_tex.split("\\\\"):
        if r"\textbf" in row:  # the caption and the header row
            continue
        cells = [_cell(c) for c in row.split("&")]
        for label, score in zip(cells[::2], cells[1::2], strict=False):
            if not label:
                continue
            type_, _, mode = label.partition(":")
            intensity[type_.strip()][mode.strip().lower()] = float(score)
    for (type_, mode), value in SCORE_ERRATA.items():
        intensity[type_][mode] = value
    for type_, scores in intensity.items():
        if "" not in scores:
            raise ValueError(f"no PLOVER score for {type_}")
        unknown = set(scores) - {""} - set(types[type_]["modes"])
        if unknown:
            raise ValueError(f"PLOVER scores for unknown {type_} modes {sorted(unknown)}")
    return {"types": types, "contexts": contexts, "intensity": intensity}


def parse_cameo(path: Path) -> dict[str, dict[str, Any]]:
    codes: dict[str, dict[str, Any]] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            code = row["code"]
            if not re.fullmatch(r"\d{2,4}", code) or row["root_code"] != code[:2]:
                raise ValueError(f"malformed CAMEO row {code!r}")
            # Only the code, the short name and the Goldstein score: no descriptions.
            codes[code] = {
                "name": row["name"].strip(),
                "goldstein": float(row["goldstein"]),
                "root": code[:2],
                "quad": ROOT_QUADS[code[:2]],
            }
    return codes


def parse_crosswalk(text: str, plover: dict[str, Any]) -> dict[str, dict[str, Any] | None]:
    types, contexts = plover["types"], set(plover["contexts"])
    out: dict[str, dict[str, Any] | None] = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or ":" not in line:
            continue
        code, _, rest = (s.strip() for s in line.partition(":"))
        fields = [f.strip() for f in rest.split(",")] + ["", ""]
        type_ = OLD_TYPE_NAMES.get(fields[0], fields[0])
        mode = MODE_ALIASES.get(fields[1], fields[1])
        ctx = [CONTEXT_ALIASES.get(c.strip(), c.strip()) for c in fields[2].split(";")]
        if code in ROOT_OVERRIDES:
            type_ = ROOT_OVERRIDES[code]
        if code in CODE_OVERRIDES:
            type_, mode, ctx = CODE_OVERRIDES[code]
        entry = {"type": type_, "mode": mode, "context": [c for c in ctx if c]}
        if code in out and out[code] != entry and code not in ROOT_OVERRIDES:
            raise ValueError(f"crosswalk lists {code} twice with different codings")
        out.setdefault(code, entry)
    for root in NULL_ROOTS:
        out[root] = None
    new, old = APPEAL_FROM_DEMAND
    for code, entry in list(out.items()):
        if code.startswith(old) and entry is not None:
            out[new + code[len(old) :]] = dict(entry, type="REQUEST")
    for code, entry in out.items():
        if entry is None:
            continue
        if entry["type"] not in types:
            raise ValueError(f"{code}: unknown PLOVER type {entry['type']}")
        if entry["mode"] and entry["mode"] not in types[entry["type"]]["modes"]:
            raise ValueError(f"{code}: {entry['type']} has no mode {entry['mode']!r}")
        if not set(entry["context"]) <= contexts:
            raise ValueError(f"{code}: unknown contexts {entry['context']}")
    return dict(sorted(out.items()))


def dump_json(data: dict[str, Any]) -> str:
    """JSON with one line per entry of each top-level table, so that diffs stay readable."""
    out = []
    for key, value in data.items():
        if isinstance(value, dict) and value:
            rows = (
                f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in value.items()
            )
            body = "{\n" + ",\n".join(rows) + "\n }"
        else:
            body = json.dumps(value, ensure_ascii=False)
        out.append(f" {json.dumps(key)}: {body}")
    return "{\n" + ",\n".join(out) + "\n}\n"


def _write(path: Path, data: dict[str, Any]) -> None:
    json.loads(text := dump_json(data))  # the formatter must round-trip
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--out", type=Path, default=REPO / "src/newsevents/data/ontology")
    args = ap.parse_args(argv)
    tex_path = args.shared / "reference/plover/plover_manual.tex"
    walk_path = args.shared / "reference/plover/CAMEO2PLOVER-2021.txt"
    cameo_path = args.shared / "reference/cameo/cameo_codes.csv"

    plover = parse_plover(tex_path.read_text(encoding="utf-8"))
    cameo = parse_cameo(cameo_path)
    walk = parse_crosswalk(walk_path.read_text(encoding="utf-8"), plover)
    # Every statement code is explicitly null (not just by falling back to 01), so that a reader
    # of the table sees the decision.
    walk.update({code: None for code in cameo if code.startswith(NULL_ROOTS)})
    for code, (type_, mode, contexts) in STATEMENT_EVENTS.items():
        walk[code] = {"type": type_, "mode": mode, "context": contexts}
    walk = dict(sorted(walk.items()))
    missing_roots = sorted({c[:2] for c in cameo} - set(walk))
    if missing_roots:
        raise ValueError(f"crosswalk has no entry for CAMEO roots {missing_roots}")
    # The crosswalk has codes that CAMEO does not (1214 "Reject intelligence cooperation", made
    # by analogy with 0214/1014): a coder can never emit them, so they are left out.
    unknown = sorted(set(walk) - set(cameo))
    for code in unknown:
        del walk[code]
    if unknown:
        print(f"dropped crosswalk codes that are not CAMEO codes: {unknown}", file=sys.stderr)

    oeda = "Copyright (c) 2021 Open Event Data Alliance"
    args.out.mkdir(parents=True, exist_ok=True)
    _write(
        args.out / "plover.json",
        {
            "source": "PLOVER manual, draft version 2.0 (openeventdata/PLOVER "
            "PLOVER_MANUAL.tex, commit 5e0c24fba623f2d8df5ae3c7de7a94dba90d5b6f): event types, "
            "modes, general contexts, quad classes and the PLOVER scores table; extracted by "
            "scripts/build_ontology.py (errata: ACCUSE base score -3, not +3)",
            "version": f"2.0-draft+{input_hash(tex_path, Path(__file__))}",
            "licence": f"CC BY-SA 4.0, {oeda}; adapted (tables extracted) by the newsevents "
            "team and shared under the same licence",
            **plover,
        },
    )
    _write(
        args.out / "cameo.json",
        {
            "source": "andybega/icews data-raw/cameo-codes.csv (commit "
            "3746c729551f5fcb5a49f643f82638011a5fcfec): code, short name and Goldstein score "
            "only; root and quad class (GDELT QuadClass of the root) added by "
            "scripts/build_ontology.py",
            "version": f"CAMEO-1.1b3+{input_hash(cameo_path, Path(__file__))}",
            "licence": "MIT, Copyright (c) Andreas Beger (andybega/icews); the short event "
            "names are the category labels of the CAMEO manual 1.1b3 (Schrodt et al. 2012, "
            "CC BY-NC-SA 3.0): no descriptions, usage notes or examples are included",
            "codes": cameo,
        },
    )
    _write(
        args.out / "cameo_to_plover.json",
        {
            "source": "CAMEO2PLOVER-2021.txt (openeventdata/PLOVER, commit "
            "5e0c24fba623f2d8df5ae3c7de7a94dba90d5b6f), aligned with the PLOVER 2.0 manual by "
            "scripts/build_ontology.py: 2.0 modes and contexts, 01x null but 016 REJECT, "
            "02x REQUEST",
            "version": f"2021-09-17+{input_hash(walk_path, tex_path, Path(__file__))}",
            "licence": f"CC BY-SA 4.0, {oeda}; adapted by the newsevents team and shared "
            "under the same licence",
            "codes": walk,
        },
    )
    print(
        f"plover.json: {len(plover['types'])} types, {len(plover['contexts'])} contexts, "
        f"{sum(len(v) for v in plover['intensity'].values())} scores; cameo.json: {len(cameo)} "
        f"codes; cameo_to_plover.json: {len(walk)} codes",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
