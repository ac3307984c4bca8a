"""Evaluate the temporal tagger on TimeBank + AQUAINT (TBAQ-cleaned, TempEval-3 TimeML).

Gold: `shared/gold/time/tbaq/{TimeBank,AQUAINT}/*.tml`. The document text is the text content
of the <TEXT> element; gold offsets are computed by walking its XML. The document creation time
(<DCT><TIMEX3 functionInDocument="CREATION_TIME">) is the anchor; the DCT TIMEX3 itself is
excluded from the gold, and a prediction overlapping a CREATION_TIME expression would be too.

Metrics (TempEval-3 style, micro-averaged over all documents):

- strict extent P/R/F1: predicted and gold expressions with exactly the same offsets;
- relaxed extent P/R/F1: pairs that overlap, matched one to one (largest overlap first);
- value: among relaxed-matched pairs, those with the same TIMEX3 value. value P = correct /
  predicted, value R = correct / gold, value F1 their harmonic mean; value accuracy = correct /
  matched. Type accuracy = same TIMEX3 type / matched.
- speed: documents per second of `tag_times` only. The spaCy parse is excluded: documents are
  parsed first (nlp.pipe), then the tagger is timed over the parsed documents.

Usage: python eval/eval_time.py [--shared ../shared] [--limit N] [--errors]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GOLD = Path("gold") / "time" / "tbaq"


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    type: str
    value: str
    mod: str | None
    text: str


@dataclass(frozen=True)
class GoldDoc:
    name: str
    anchor: str
    text: str
    timexes: list[Gold]
    excluded: list[tuple[int, int]]  # CREATION_TIME expressions inside <TEXT>, if any


def read_tml(path: Path) -> GoldDoc:
    """The <TEXT> content of a TimeML file with its TIMEX3 offsets, and the DCT as anchor."""
    root = ET.parse(path).getroot()
    dct = root.find("DCT/TIMEX3")
    if dct is None or not dct.get("value"):
        raise ValueError(f"{path}: no DCT")
    anchor = str(dct.get("value"))[:10]
    text_el = root.find("TEXT")
    if text_el is None:
        raise ValueError(f"{path}: no TEXT")
    parts: list[str] = []
    length = 0
    timexes: list[Gold] = []
    excluded: list[tuple[int, int]] = []

    def emit(piece: str | None) -> None:
        nonlocal length
        if piece:
            parts.append(piece)
            length += len(piece)

    def walk(el: ET.Element) -> None:
        if el.tag == "TIMEX3":
            inner = "".join(el.itertext())
            span = (length, length + len(inner))
            if el.get("functionInDocument") == "CREATION_TIME":
                excluded.append(span)
            else:
                timexes.append(
                    Gold(*span, el.get("type", ""), el.get("value", ""), el.get("mod"), inner)
                )
            emit(inner)
            return
        emit(el.text)
        for child in el:
            walk(child)
            emit(child.tail)

    walk(text_el)
    return GoldDoc(path.stem, anchor, "".join(parts), timexes, excluded)


def gold_documents(shared_dir: Path, limit: int | None = None) -> list[GoldDoc]:
    paths = sorted((Path(shared_dir) / GOLD).glob("*/*.tml"))
    if limit is not None:
        paths = paths[:limit]
    return [read_tml(path) for path in paths]


def match(gold: list[Any], pred: list[Any]) -> list[tuple[Any, Any]]:
    """One-to-one pairs of overlapping gold and predicted spans, largest overlap first."""
    options = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                options.append((-overlap, i, j))
    options.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, i, j in options:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        pairs.append((gold[i], pred[j]))
    return pairs


def _prf(correct: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = correct / predicted if predicted else 0.0
    r = correct / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 4), round(r, 4), round(f, 4)


def score(pairs_of_docs: list[tuple[GoldDoc, list[Any]]]) -> dict[str, Any]:
    counts = Counter[str]()
    for doc, predicted in pairs_of_docs:
        predicted = [
            p for p in predicted if not any(p.start < e and s < p.end for s, e in doc.excluded)
        ]
        counts["gold"] += len(doc.timexes)
        counts["predicted"] += len(predicted)
        gold_spans = {(g.start, g.end) for g in doc.timexes}
        counts["strict"] += sum((p.start, p.end) in gold_spans for p in predicted)
        for g, p in match(doc.timexes, predicted):
            counts["relaxed"] += 1
            counts["value"] += g.value == p.value
            counts["type"] += g.type == p.type
    strict = _prf(counts["strict"], counts["predicted"], counts["gold"])
    relaxed = _prf(counts["relaxed"], counts["predicted"], counts["gold"])
    value = _prf(counts["value"], counts["predicted"], counts["gold"])
    matched = counts["relaxed"]
    return {
        "documents": len(pairs_of_docs),
        "gold": counts["gold"],
        "predicted": counts["predicted"],
        "strict_p": strict[0],
        "strict_r": strict[1],
        "strict_f1": strict[2],
        "relaxed_p": relaxed[0],
        "relaxed_r": relaxed[1],
        "relaxed_f1": relaxed[2],
        "value_p": value[0],
        "value_r": value[1],
        "value_f1": value[2],
        "value_accuracy": round(counts["value"] / matched, 4) if matched else 0.0,
        "type_accuracy": round(counts["type"] / matched, 4) if matched else 0.0,
    }


def tag_documents(docs: list[GoldDoc]) -> tuple[list[list[Any]], dict[str, float]]:
    """Parse every document, then time `tag_times` alone over the parsed documents."""
    from newsevents.nlp.model import load_model
    from newsevents.nlp.parse import make_doc
    from newsevents.time import tag_times

    nlp = load_model()
    start = time.perf_counter()
    parsed = list(nlp.pipe(make_doc(nlp, d.text) for d in docs))
    parse_seconds = time.perf_counter() - start
    tag_times(parsed[0], docs[0].anchor) if parsed else None  # warm up (word lists, grammar)
    start = time.perf_counter()
    predicted = [tag_times(doc, d.anchor) for doc, d in zip(parsed, docs, strict=True)]
    tag_seconds = time.perf_counter() - start
    speed = {
        "tag_seconds": round(tag_seconds, 3),
        "tag_docs_per_second": round(len(docs) / tag_seconds, 1) if tag_seconds else 0.0,
        "parse_seconds": round(parse_seconds, 3),
    }
    return predicted, speed


def evaluate(shared_dir: Path = DEFAULT_SHARED, limit: int | None = None) -> dict[str, Any]:
    """Score the tagger on TBAQ under `shared_dir` (see the module docstring)."""
    docs = gold_documents(shared_dir, limit)
    predicted, speed = tag_documents(docs)
    metrics = score(list(zip(docs, predicted, strict=True)))
    metrics.update(speed)
    metrics["speed_note"] = "tag_times only; the spaCy parse is excluded (parse_seconds)"
    return metrics


def errors(shared_dir: Path, limit: int | None = None) -> list[str]:
    """Lines describing misses, false alarms and wrong values, for inspection."""
    docs = gold_documents(shared_dir, limit)
    predicted, _ = tag_documents(docs)
    lines = []
    for doc, pred in zip(docs, predicted, strict=True):
        pairs = match(doc.timexes, pred)
        matched_g = {id(g) for g, _ in pairs}
        matched_p = {id(p) for _, p in pairs}
        for g, p in pairs:
            if g.value != p.value or (g.start, g.end) != (p.start, p.end):
                lines.append(
                    f"{doc.name}\t{doc.anchor}\tWRONG\t{g.text!r}\t{g.value}\t{p.text!r}\t{p.value}"
                )
        lines += [
            f"{doc.name}\t{doc.anchor}\tMISS\t{g.text!r}\t{g.value}"
            for g in doc.timexes
            if id(g) not in matched_g
        ]
        lines += [
            f"{doc.name}\t{doc.anchor}\tFALSE\t{p.text!r}\t{p.value}"
            for p in pred
            if id(p) not in matched_p
        ]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--errors", action="store_true", help="list the errors on stderr")
    args = parser.parse_args(argv)
    if args.errors:
        print("\n".join(errors(args.shared, args.limit)), file=sys.stderr)
        return 0
    json.dump(evaluate(args.shared, args.limit), sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
