"""Evaluate deduplication: are reports of the same event clustered together, and only them?

The set, `eval/data/dedup_reports.jsonl`, was written by the team (no news text from
../shared): 54 short reports of 20 made-up events, each told two to four times by different
outlets on the day or the days after, reworded (active and passive voice, nominalisations,
other names for the same actor: "Russia", "Moscow", "Russian artillery"). Hard negatives sit
beside them: the same attacker and target a day apart (Kharkiv vs Odesa), a week apart (the
same city shelled twice), the same two governments meeting twice in one week on other topics,
and accusations between the same countries in both directions.

Each report runs through the real pipeline; the coded events go through the store's row
builder and `newsevents.dedup` exactly as in an ingest. A report's mentions of its gold type
are its scored mentions (a report whose coder output lacks the gold type counts in
`coverage` only). Metrics over pairs of scored mentions from different reports:
- pair_precision: pairs put together that are the same gold event / pairs put together;
- pair_recall: pairs of the same gold event that are put together / such pairs;
- events_exact: share of gold events whose scored mentions form exactly one cluster
  holding nothing else scored.

Usage: python eval/eval_dedup.py [--errors] [--sweep]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from itertools import combinations
from pathlib import Path
from typing import Any

from newsevents.config import load_config
from newsevents.dedup import DedupParams, deduplicate
from newsevents.ingest.readers import source_from_record
from newsevents.pipeline import default_pipeline
from newsevents.store.rows import event_row

REPORTS = Path(__file__).resolve().parent / "data" / "dedup_reports.jsonl"


def load_reports(path: Path = REPORTS) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def coded_rows(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Event rows of the reports, as the store would hold them, each tagged with its report."""
    sources = [source_from_record(r, f"{REPORTS.name}:{r['id']}") for r in reports]
    analyses = default_pipeline(load_config()).run(sources)
    rows = []
    for report, analysis in zip(reports, analyses, strict=True):
        for event in analysis.events:
            row = event_row(analysis, event, "eval", "", report["source"])
            row["report"] = report
            rows.append(row)
    return rows


def score(rows: list[dict[str, Any]], params: DedupParams) -> dict[str, Any]:
    _, links = deduplicate(rows, params)
    cluster_of = {link["event_id"]: link["unique_id"] for link in links}
    scored = [r for r in rows if r["type"] == r["report"]["type"]]
    together = same = both = 0
    errors: list[tuple[str, str, str]] = []
    for a, b in combinations(scored, 2):
        if a["doc_id"] == b["doc_id"]:
            continue
        gold = a["report"]["event"] == b["report"]["event"]
        merged = cluster_of[a["id"]] == cluster_of[b["id"]]
        together += merged
        same += gold
        both += gold and merged
        if gold != merged:
            errors.append(("split" if gold else "merged", a["id"], b["id"]))
    by_event: dict[str, set[str]] = {}
    for r in scored:
        by_event.setdefault(r["report"]["event"], set()).add(cluster_of[r["id"]])
    exact = sum(
        len(clusters) == 1
        and all(r["report"]["event"] == event for r in scored if cluster_of[r["id"]] in clusters)
        for event, clusters in by_event.items()
    )
    reports = {r["report"]["id"] for r in scored}
    total_reports = len({r["report"]["id"] for r in rows} | reports)
    precision = both / together if together else 1.0
    recall = both / same if same else 1.0
    return {
        "pair_precision": round(precision, 3),
        "pair_recall": round(recall, 3),
        "pair_f1": round(2 * precision * recall / (precision + recall), 3)
        if precision + recall
        else 0.0,
        "events_exact": round(exact / len(by_event), 3) if by_event else 0.0,
        "gold_pairs": same,
        "scored_mentions": len(scored),
        "coverage": round(len(reports) / total_reports, 3) if total_reports else 0.0,
        "errors": errors,
    }


def evaluate(params: DedupParams | None = None) -> dict[str, Any]:
    """The metrics with the default (or given) parameters; `errors` lists wrong pairs."""
    reports = load_reports()
    metrics = score(coded_rows(reports), params or DedupParams())
    metrics["reports"] = len(reports)
    metrics["events"] = len({r["event"] for r in reports})
    return metrics


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", action="store_true", help="list the wrong pairs")
    parser.add_argument("--sweep", action="store_true", help="scores over thresholds")
    args = parser.parse_args()
    rows = coded_rows(load_reports())
    metrics = score(rows, DedupParams())
    errors = metrics.pop("errors")
    print(json.dumps(metrics, indent=1))
    if args.errors:
        for kind, a, b in errors:
            print(kind, a, b, file=sys.stderr)
    if args.sweep:
        for window in (1, 3, 7):
            for threshold in (0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5):
                params = replace(DedupParams(), window_days=window, min_similarity=threshold)
                m = score(rows, params)
                print(
                    f"window {window} min_similarity {threshold:.2f}: "
                    f"P {m['pair_precision']:.3f} R {m['pair_recall']:.3f} "
                    f"F1 {m['pair_f1']:.3f} exact {m['events_exact']:.3f}"
                )


if __name__ == "__main__":
    main()
