"""Score the event coder on the PLOVER GSR and the ConfliBERT CAMEO training sentences.

PLOVER GSR (`gold/events/plover_gsr.jsonl`, one coded event per sentence): the coder's main
event of the sentence (highest confidence, then earliest trigger) against the gold record.
  - type accuracy: PLOVER-strict type equal (future CONSULT/SUPPORT/COOPERATE/AID is AGREE,
    as the GSR codes them), after mapping the GSR's 2016 names to PLOVER 2.0
  - actor / recipient accuracy: the country sets overlap (both empty counts as equal)
  - full-record accuracy: type and both country slots right
ConfliBERT (`confli_cameo_train.tsv`, `confli_cameo_ner_train.txt`):
  - penta-class macro-F1: 0 when no event is coded, else the penta class of the main
    event's CAMEO code (the labels are CAMEO penta classes, as Phoenix defines them: 01-02
    statement, 03-05 verbal cooperation, 06-08 material cooperation, 09-13 and 16 verbal
    conflict, 14-15 and 17-20 material conflict)
  - source / target span F1: exact token spans of the main event's actor / recipient
    mentions (gold R = reciprocal counts as both source and target); the overlap variant
    counts a predicted span that overlaps a gold span as right (the gold's spans take in
    appositions and attached phrases that our mention spans leave out). The tagged
    sentences are tokenised; the coder reads the original text of those that are also in
    the classification file (921 of 1,153), and the tokens joined by spaces otherwise

Usage: python eval/eval_events.py [--shared ../shared] [--limit N] [--errors]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsevents.config import load_config  # noqa: E402
from newsevents.export.plover import strict_type  # noqa: E402
from newsevents.pipeline import default_pipeline  # noqa: E402
from newsevents.records import Analysis, Source  # noqa: E402

# PLOVER 0.5 (2016) names of the GSR -> PLOVER 2.0, as the PLOVER manual renamed them
GSR_TYPES = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
# CAMEO's own country codes used by the GSR where ISO 3166 differs; the GSR also codes every
# intergovernmental body IGO, where we keep PLOVER's UNO (United Nations) and EUR (EU)
CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "UNO": "IGO", "EUR": "IGO"}


PENTA_BY_ROOT = {
    **dict.fromkeys(("01", "02"), 0),
    **dict.fromkeys(("03", "04", "05"), 1),
    **dict.fromkeys(("06", "07", "08"), 2),
    **dict.fromkeys(("09", "10", "11", "12", "13", "16"), 3),
    **dict.fromkeys(("14", "15", "17", "18", "19", "20"), 4),
}


def penta(event: dict[str, Any] | None) -> int:
    return 0 if event is None else PENTA_BY_ROOT[event["cameo"][:2]]


def analyse(texts: Iterable[str], dates: Iterable[str | None] | None = None) -> list[Analysis]:
    """Run the default pipeline (no cleaning, no language check) over single sentences,
    each published on its date in `dates` (None: roles resolve as of today)."""
    pipeline = default_pipeline(load_config(language_check=False, clean=False))
    texts = list(texts)
    published = list(dates) if dates is not None else [None] * len(texts)
    sources = [
        Source(id=str(i), raw=t, format="text", published=d)
        for i, (t, d) in enumerate(zip(texts, published, strict=True))
    ]
    results: list[Analysis] = []
    for start in range(0, len(sources), 64):
        results.extend(pipeline.run(sources[start : start + 64]))
    return results


def main_event(events: list[dict[str, Any]]) -> dict[str, Any] | None:
    if not events:
        return None
    return max(events, key=lambda e: (e["confidence"], -e["trigger"]["start"]))


def _countries(actors: Any) -> set[str]:
    if not isinstance(actors, list):
        return set()
    codes = {a.get("code") or a.get("country") for a in actors}
    return {CAMEO_TO_ISO.get(c, c) for c in codes if c}


def _slot_right(gold: set[str], predicted: set[str]) -> bool:
    return gold == predicted if not gold or not predicted else bool(gold & predicted)


def score_gsr(shared: Path, limit: int | None = None) -> dict[str, Any]:
    path = shared / "gold" / "events" / "plover_gsr.jsonl"
    records = [json.loads(line) for line in path.open(encoding="utf-8")][:limit]
    # each record's own date is the document date: the honest input (roles as of then)
    analyses = analyse((r["text"] for r in records), (r.get("date") for r in records))
    counts: Counter[str] = Counter()
    errors = []
    for record, analysis in zip(records, analyses, strict=True):
        gold_type = GSR_TYPES.get(record["event"], record["event"])
        event = main_event(analysis.events) or {"type": None, "actor": [], "recipient": []}
        # the GSR is coded in PLOVER proper: a future CONSULT/SUPPORT/COOPERATE/AID is AGREE
        type_ok = event["type"] is not None and strict_type(event) == gold_type
        actor_ok = _slot_right(_countries(record.get("source")), _countries(event["actor"]))
        recip_ok = _slot_right(_countries(record.get("target")), _countries(event["recipient"]))
        counts.update(
            type=type_ok,
            actor=actor_ok,
            recipient=recip_ok,
            full=type_ok and actor_ok and recip_ok,
            coded=event["type"] is not None,
        )
        if not (type_ok and actor_ok and recip_ok):
            got = strict_type(event) if event["type"] else None
            errors.append(
                {
                    "id": record["id"],
                    "gold": gold_type,
                    "got": got,
                    "text": record["text"][:160],
                    "gold_actor": sorted(_countries(record.get("source"))),
                    "got_actor": sorted(_countries(event["actor"])),
                    "gold_recipient": sorted(_countries(record.get("target"))),
                    "got_recipient": sorted(_countries(event["recipient"])),
                }
            )
    n = len(records)
    return {
        "n": n,
        "type_accuracy": round(counts["type"] / n, 4),
        "actor_accuracy": round(counts["actor"] / n, 4),
        "recipient_accuracy": round(counts["recipient"] / n, 4),
        "full_accuracy": round(counts["full"] / n, 4),
        "coded_share": round(counts["coded"] / n, 4),
        "_errors": errors,
    }


def _macro_f1(gold: list[int], predicted: list[int], labels: range) -> float:
    scores = []
    for label in labels:
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, predicted, strict=True))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores)


def _bio_spans(tags: list[str], roles: set[str]) -> set[tuple[int, int]]:
    spans, start = set(), None
    for i, tag in enumerate([*tags, "O"]):
        inside = tag != "O" and tag[2:] in roles
        if start is not None and (not inside or tag.startswith("B-")):
            spans.add((start, i))
            start = None
        if inside and start is None:
            start = i
    return spans


def _token_spans(
    analysis: Analysis, offsets: list[tuple[int, int]], slot: str
) -> set[tuple[int, int]]:
    """Token spans of the main event's actors (or recipients): the gold marks one event."""
    spans = set()
    event = main_event(analysis.events)
    phrases = event["arguments"][slot] if event else []
    if event and event["reciprocal"]:  # both parties are source and target ("R" in the gold)
        phrases = event["arguments"]["actor"] + event["arguments"]["recipient"]
    for actor in phrases:
        inside = [
            i for i, (s, e) in enumerate(offsets) if s >= actor["start"] and e <= actor["end"]
        ]
        if inside:
            spans.add((inside[0], inside[-1] + 1))
    return spans


_QUOTES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "“": '"', "”": '"'})


def _spaceless(text: str) -> str:
    """`text` without whitespace, with one form of each quote mark: the key under which a
    tokenised sentence and its original text agree."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).translate(_QUOTES))


def _original_text(
    tokens: list[str], originals: dict[str, str]
) -> tuple[str, list[tuple[int, int]]]:
    """The original text of a tokenised sentence with each token's character span in it;
    the tokens joined by spaces when the original is unknown or does not align."""
    original = originals.get(_spaceless("".join(tokens)))
    if original is not None:
        spans, pos = [], 0
        for token in tokens:
            while pos < len(original) and original[pos].isspace():
                pos += 1
            start, wanted, seen = pos, _spaceless(token), ""
            while len(seen) < len(wanted) and pos < len(original):
                seen += _spaceless(original[pos])
                pos += 1
            if seen != wanted:
                break
            spans.append((start, pos))
        else:
            return original, spans
    spans, pos = [], 0
    for token in tokens:
        spans.append((pos, pos + len(token)))
        pos += len(token) + 1
    return " ".join(tokens), spans


def _f1(tp: int, n_pred: int, n_gold: int) -> float:
    return round(2 * tp / (n_pred + n_gold), 4) if n_pred + n_gold else 0.0


def score_confli(shared: Path, limit: int | None = None) -> dict[str, Any]:
    folder = shared / "gold" / "events"
    rows = [
        line.rstrip("\r\n").split("\t")
        for line in (folder / "confli_cameo_train.tsv").open(encoding="utf-8")
        if line.strip()
    ][:limit]
    analyses = analyse(r[0] for r in rows)
    gold = [int(r[1]) for r in rows]
    predicted = [penta(main_event(a.events)) for a in analyses]
    blocks = (
        (folder / "confli_cameo_ner_train.txt").read_text(encoding="utf-8").strip().split("\n\n")
    )
    sentences = [[tuple(t.rsplit(" ", 1)) for t in b.split("\n")] for b in blocks][:limit]
    # the tagged sentences are tokenised ("Baghdad ’ s forces"); where the same sentence is
    # in the classification file, the coder reads its original text, as it reads news
    originals = {_spaceless(r[0]): r[0] for r in rows}
    texts, offsets = [], []
    for sentence in sentences:
        tokens = [t for t, _ in sentence]
        text, spans = _original_text(tokens, originals)
        texts.append(text)
        offsets.append(spans)
    span_analyses = analyse(texts)
    result: dict[str, Any] = {
        "n_sentences": len(rows),
        "n_span_sentences": len(sentences),
        "penta_macro_f1": round(_macro_f1(gold, predicted, range(5)), 4),
    }
    for slot, roles, name in (("actor", {"S", "R"}, "source"), ("recipient", {"T", "R"}, "target")):
        tp = overlap = n_pred = n_gold = 0
        for sentence, analysis, spans in zip(sentences, span_analyses, offsets, strict=True):
            gold_spans = _bio_spans([tag for _, tag in sentence], roles)
            pred_spans = _token_spans(analysis, spans, slot)
            tp += len(gold_spans & pred_spans)
            overlap += sum(any(s < ge and gs < e for gs, ge in gold_spans) for s, e in pred_spans)
            n_pred += len(pred_spans)
            n_gold += len(gold_spans)
        result[f"{name}_span_f1"] = _f1(tp, n_pred, n_gold)
        result[f"{name}_span_overlap_f1"] = _f1(overlap, n_pred, n_gold)
    return result


def evaluate(shared: Path, limit: int | None = None) -> dict[str, Any]:
    gsr = score_gsr(shared, limit)
    gsr.pop("_errors")
    return {"gsr": gsr, "confli": score_confli(shared, limit)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--errors", action="store_true", help="print GSR errors to stderr")
    args = parser.parse_args()
    if args.errors:
        gsr = score_gsr(args.shared, args.limit)
        for error in gsr.pop("_errors"):
            print(json.dumps(error), file=sys.stderr)
        print(json.dumps(gsr, indent=1))
        return
    print(json.dumps(evaluate(args.shared, args.limit), indent=1))


if __name__ == "__main__":
    main()
