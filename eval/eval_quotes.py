"""Evaluate quotes and attributions on PolNeAR (dev split), with textacy side by side.

Gold: `shared/gold/quotes/polnear/<split>/{text,attributions}`: brat standoff, one `.ann` per
(article, annotator); T lines are Source/Cue/Content spans (';'-separated fragments), E lines
tie them into attributions. An article annotated by several annotators is scored once, with
the first annotation file in name order. Publication dates come from `metadata.tsv`.

PolNeAR does not mark which attributions are direct quotes, so they are derived:

- the content fragments of an attribution are merged where only spaces (or a paragraph break)
  separate them; a merged piece is a *direct quote* when it opens with a double quotation
  mark and nothing but punctuation follows its last double mark (or it has only the one
  opening mark: a quote left open); two apostrophes or backticks count as a double mark.
  Its speaker is the attribution's source (None for PolNeAR's Attribution-no-source);
- an attribution with content that is not a direct quote ("Cruz said he has had “areas of
  significant disagreement” with Trump", "according to X, ...") is an *indirect* attribution
  with those pieces as its content.

Metrics (micro-averaged over the documents):

- direct quotes: exact P/R/F1 (the same span once quotation marks, spaces and edge
  punctuation are stripped from both), and P/R/F1 with one-to-one matching at >= 50% token
  overlap (shared word tokens at least half of each span). Speaker accuracy: among the
  overlap-matched quotes, those whose predicted source mention overlaps the gold source
  (or both have none). `speaker_resolved_rate`: matched quotes whose speaker is an actor
  with a name or a country. Predicted: `find_quotes` records of kind "direct".
- indirect attributions: content P/R/F1 at >= 50% token overlap (one-to-one), and among the
  matched pairs those whose cue overlaps the gold cue (cue F1), whose source overlaps the gold
  source or both have none (source F1), and both (attribution F1, the headline figure).
- textacy (when importable): `textacy.extract.triples.direct_quotations` run paragraph by
  paragraph (it refuses a text with an odd number of quotation marks), scored as direct
  quotes with its speaker tokens as the source, on the same gold in the same run. As
  textacy only reports quotes whose speaker it found, both systems' speaker accuracy is
  also given on the gold quotes that both matched (`*_speaker_accuracy_common`).
- speed: seconds of `find_quotes` over the parsed documents next to the spaCy parse time.

`--errors` lists the misses and false hits of both kinds (indirect ones prefixed "I-").

Usage: python eval/eval_quotes.py [--shared ../shared] [--split dev] [--limit N] [--errors]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scoring import one_to_one, prf

DEFAULT_SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GOLD = Path("gold") / "quotes" / "polnear"
DOUBLE_MARKS = '"“”„‟«»'
ALL_MARKS = DOUBLE_MARKS + "'‘’‚‛"
EDGE = set(ALL_MARKS + ",.;:!?…—–- \t\n\xa0")
_WORD = re.compile(r"\w+")

Spans = list[tuple[int, int]]


@dataclass
class GoldAttribution:
    source: Spans
    cue: Spans
    content: Spans


@dataclass
class GoldDoc:
    name: str
    text: str
    date: str | None
    direct: list[tuple[int, int, Spans]] = field(default_factory=list)  # start, end, source
    indirect: list[GoldAttribution] = field(default_factory=list)


@dataclass
class Predicted:
    """One predicted quote or attribution, as spans of the document text."""

    content: Spans
    source: Spans
    cue: Spans
    resolved: bool = False


# -- gold ---------------------------------------------------------------------------------
def read_ann(path: Path) -> list[GoldAttribution]:
    spans: dict[str, Spans] = {}
    relations = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            _label, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = [(int(a), int(b)) for a, b in (f.split() for f in offsets.split(";"))]
        elif parts[0].startswith("E"):
            relations.append(parts[1])
    found = []
    for relation in relations:
        roles: dict[str, Spans] = {"Source": [], "Cue": [], "Content": []}
        for item in relation.split():
            role, _, ref = item.partition(":")
            role = role.rstrip("0123456789")  # Content2
            if role in roles and ref in spans:
                roles[role].extend(spans[ref])
        if roles["Content"]:
            found.append(GoldAttribution(roles["Source"], roles["Cue"], sorted(roles["Content"])))
    return found


def merged(text: str, fragments: Spans) -> Spans:
    """Fragments joined where only whitespace separates them."""
    out: Spans = []
    for start, end in sorted(fragments):
        if out and not text[out[-1][1] : start].strip():
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def is_direct(piece: str) -> bool:
    # two apostrophes (or backticks) are a double mark in some of the texts
    piece = piece.strip().replace("''", '"').replace("``", '"')
    marks = [i for i, ch in enumerate(piece) if ch in DOUBLE_MARKS]
    if not marks or marks[0] != 0:
        return False
    return len(marks) == 1 or all(ch in EDGE for ch in piece[marks[-1] :])


def _dates(root: Path) -> dict[str, str]:
    path = root / "metadata.tsv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return {r["filename"]: r["publication_date"] for r in rows}


def gold_documents(shared_dir: Path, split: str = "dev", limit: int | None = None) -> list[GoldDoc]:
    root = Path(shared_dir) / GOLD
    dates = _dates(root)
    chosen: dict[str, Path] = {}
    for path in sorted((root / split / "attributions").glob("*.ann")):
        name = re.sub(r"_[0-9a-f]+$", "", path.stem)
        chosen.setdefault(name, path)
    docs = []
    for name, path in sorted(chosen.items())[:limit]:
        text = (root / split / "text" / f"{name}.txt").read_text(encoding="utf-8")
        doc = GoldDoc(name, text, dates.get(name))
        for attribution in read_ann(path):
            rest: Spans = []
            for start, end in merged(text, attribution.content):
                if is_direct(text[start:end]):
                    doc.direct.append((start, end, attribution.source))
                else:
                    rest.append((start, end))
            if rest:
                doc.indirect.append(GoldAttribution(attribution.source, attribution.cue, rest))
        docs.append(doc)
    return docs


# -- matching -----------------------------------------------------------------------------
def core(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without quotation marks, spaces and punctuation at its edges."""
    while start < end and text[start] in EDGE:
        start += 1
    while end > start and text[end - 1] in EDGE:
        end -= 1
    return start, end


def word_starts(text: str, spans: Spans) -> set[int]:
    return {m.start() + s for s, e in spans for m in _WORD.finditer(text[s:e])}


def overlaps(a: Spans, b: Spans) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def match(text: str, gold: list[Spans], pred: list[Spans]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs sharing at least half of the word
    tokens of each, largest overlap first."""
    gold_words = [word_starts(text, g) for g in gold]
    pred_words = [word_starts(text, p) for p in pred]
    options = []
    for i, g in enumerate(gold_words):
        for j, p in enumerate(pred_words):
            shared = len(g & p)
            if shared and 2 * shared >= len(g) and 2 * shared >= len(p):
                options.append((-shared, i, j))
    return one_to_one(options)


def _same_source(gold: Spans, pred: Spans) -> bool:
    return overlaps(gold, pred) if gold else not pred


def speakers_right(
    docs: list[GoldDoc], predicted: list[list[Predicted]]
) -> dict[tuple[int, int], bool]:
    """(document, gold quote) -> whether the matched prediction has the right source."""
    right = {}
    for d, (doc, preds) in enumerate(zip(docs, predicted, strict=True)):
        gold_spans = [[(s, e)] for s, e, _ in doc.direct]
        for i, j in match(doc.text, gold_spans, [p.content for p in preds]):
            right[(d, i)] = _same_source(doc.direct[i][2], preds[j].source)
    return right


def common_speaker_accuracy(
    docs: list[GoldDoc], ours: list[list[Predicted]], theirs: list[list[Predicted]]
) -> dict[str, Any]:
    """Speaker accuracy of both systems on the gold quotes that both of them found."""
    mine, reference = speakers_right(docs, ours), speakers_right(docs, theirs)
    common = mine.keys() & reference.keys()
    n = len(common)
    return {
        "common_matched": n,
        "direct_speaker_accuracy_common": round(sum(mine[k] for k in common) / n, 4) if n else 0.0,
        "textacy_direct_speaker_accuracy_common": (
            round(sum(reference[k] for k in common) / n, 4) if n else 0.0
        ),
    }


def score_direct(docs: list[GoldDoc], predicted: list[list[Predicted]]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for doc, preds in zip(docs, predicted, strict=True):
        text = doc.text
        counts["gold"] += len(doc.direct)
        counts["predicted"] += len(preds)
        gold_cores = {core(text, s, e) for s, e, _ in doc.direct}
        counts["exact"] += sum(core(text, *p.content[0]) in gold_cores for p in preds)
        gold_spans = [[(s, e)] for s, e, _ in doc.direct]
        for i, j in match(text, gold_spans, [p.content for p in preds]):
            counts["matched"] += 1
            counts["speaker"] += _same_source(doc.direct[i][2], preds[j].source)
            counts["resolved"] += preds[j].resolved
    return counts


def direct_metrics(counts: Counter[str], prefix: str = "direct") -> dict[str, Any]:
    exact = prf(counts["exact"], counts["predicted"], counts["gold"])
    overlap = prf(counts["matched"], counts["predicted"], counts["gold"])
    matched = counts["matched"]
    return {
        f"{prefix}_gold": counts["gold"],
        f"{prefix}_predicted": counts["predicted"],
        f"{prefix}_exact_p": exact[0],
        f"{prefix}_exact_r": exact[1],
        f"{prefix}_exact_f1": exact[2],
        f"{prefix}_p": overlap[0],
        f"{prefix}_r": overlap[1],
        f"{prefix}_f1": overlap[2],
        f"{prefix}_speaker_accuracy": round(counts["speaker"] / matched, 4) if matched else 0.0,
    }


def score_indirect(docs: list[GoldDoc], predicted: list[list[Predicted]]) -> dict[str, Any]:
    counts: Counter[str] = Counter()
    for doc, preds in zip(docs, predicted, strict=True):
        counts["gold"] += len(doc.indirect)
        counts["predicted"] += len(preds)
        pairs = match(doc.text, [g.content for g in doc.indirect], [p.content for p in preds])
        for i, j in pairs:
            gold, pred = doc.indirect[i], preds[j]
            cue = overlaps(gold.cue, pred.cue)
            source = _same_source(gold.source, pred.source)
            counts["content"] += 1
            counts["cue"] += cue
            counts["source"] += source
            counts["all"] += cue and source
    metrics: dict[str, Any] = {
        "indirect_gold": counts["gold"],
        "indirect_predicted": counts["predicted"],
    }
    for key, name in (("content", "content"), ("cue", "cue"), ("source", "source"),
                      ("all", "attribution")):  # fmt: skip
        p, r, f = prf(counts[key], counts["predicted"], counts["gold"])
        metrics[f"indirect_{name}_p"] = p
        metrics[f"indirect_{name}_r"] = r
        metrics[f"indirect_{name}_f1"] = f
    return metrics


# -- systems ------------------------------------------------------------------------------
def _spans(record: dict[str, Any] | None) -> Spans:
    return [(record["start"], record["end"])] if record else []


def ours(docs: list[GoldDoc]) -> tuple[list[list[dict[str, Any]]], dict[str, float]]:
    """`find_quotes` on each document (parsed first; the finder is timed alone)."""
    from newsevents.nlp.model import load_model
    from newsevents.nlp.parse import make_doc
    from newsevents.quotes import find_quotes

    nlp = load_model()
    start = time.perf_counter()
    parsed = list(nlp.pipe(make_doc(nlp, d.text) for d in docs))
    parse_seconds = time.perf_counter() - start
    if parsed:
        find_quotes(parsed[0], docs[0].text, docs[0].date)  # warm up: tables, resolver
    start = time.perf_counter()
    records = [find_quotes(p, d.text, d.date) for p, d in zip(parsed, docs, strict=True)]
    seconds = time.perf_counter() - start
    speed = {
        "quotes_seconds": round(seconds, 3),
        "parse_seconds": round(parse_seconds, 3),
        "quotes_to_parse_ratio": round(seconds / parse_seconds, 4) if parse_seconds else 0.0,
    }
    return records, speed


def as_predicted(records: list[dict[str, Any]], kind: str) -> list[Predicted]:
    found = []
    for r in records:
        if r["kind"] != kind:
            continue
        speaker = r["speaker"] or {}
        resolved = bool(speaker.get("name") or speaker.get("country"))
        found.append(Predicted(_spans(r), _spans(r["source"]), _spans(r["cue_span"]), resolved))
    return found


def textacy_quotes(docs: list[GoldDoc]) -> list[list[Predicted]] | None:
    """textacy's direct quotations, paragraph by paragraph; None when textacy is absent."""
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:
        return None
    from newsevents.nlp.model import load_model
    from newsevents.quotes.marks import paragraphs

    nlp = load_model()
    results = []
    for doc in docs:
        paras = paragraphs(doc.text)
        found = []
        parsed = nlp.pipe(doc.text[s:e] for s, e in paras)
        for (offset, _), para in zip(paras, parsed, strict=True):
            try:
                triples = list(direct_quotations(para))
            except ValueError:  # an odd number of quotation marks: textacy bails out
                continue
            for speaker, cue, content in triples:
                found.append(
                    Predicted(
                        [(offset + content.start_char, offset + content.end_char)],
                        [(offset + t.idx, offset + t.idx + len(t.text)) for t in speaker],
                        [(offset + t.idx, offset + t.idx + len(t.text)) for t in cue],
                    )
                )
        results.append(found)
    return results


def evaluate(
    shared_dir: Path = DEFAULT_SHARED, split: str = "dev", limit: int | None = None
) -> dict[str, Any]:
    """Score `find_quotes` (and textacy, when importable) on PolNeAR `split`."""
    docs = gold_documents(shared_dir, split, limit)
    records, speed = ours(docs)
    direct = [as_predicted(r, "direct") for r in records]
    counts = score_direct(docs, direct)
    metrics: dict[str, Any] = {"documents": len(docs), **direct_metrics(counts)}
    matched = counts["matched"]
    metrics["speaker_resolved_rate"] = round(counts["resolved"] / matched, 4) if matched else 0.0
    metrics.update(score_indirect(docs, [as_predicted(r, "indirect") for r in records]))
    reference = textacy_quotes(docs)
    if reference is not None:
        metrics.update(direct_metrics(score_direct(docs, reference), "textacy_direct"))
        metrics.update(common_speaker_accuracy(docs, direct, reference))
    else:
        metrics["textacy_note"] = "textacy is not installed: no reference run"
    metrics.update(speed)
    return metrics


def errors(shared_dir: Path, split: str = "dev", limit: int | None = None) -> list[str]:
    """Lines describing missed, spurious and wrongly attributed quotes, for inspection."""
    docs = gold_documents(shared_dir, split, limit)
    records, _ = ours(docs)
    lines = []
    for doc, recs in zip(docs, records, strict=True):
        text = doc.text
        preds = [r for r in recs if r["kind"] == "direct"]
        pairs = match(text, [[(s, e)] for s, e, _ in doc.direct], [_spans(r) for r in preds])
        seen_g = {i for i, _ in pairs}
        seen_p = {j for _, j in pairs}
        for i, j in pairs:
            source = doc.direct[i][2]
            if not _same_source(source, _spans(preds[j]["source"])):
                gold_source = " ".join(text[s:e] for s, e in source) or "-"
                got = (preds[j]["source"] or {}).get("text", "-")
                lines.append(f"{doc.name}\tSPEAKER\t{gold_source!r}\t{got!r}\t"
                             f"{text[doc.direct[i][0]:doc.direct[i][1]][:80]!r}")  # fmt: skip
        lines += [
            f"{doc.name}\tMISS\t{text[s:e][:120]!r}"
            for i, (s, e, _) in enumerate(doc.direct)
            if i not in seen_g
        ]
        lines += [
            f"{doc.name}\tFALSE\t{r['text'][:120]!r}"
            for j, r in enumerate(preds)
            if j not in seen_p
        ]
        lines += indirect_errors(doc, [r for r in recs if r["kind"] == "indirect"])
    return lines


def indirect_errors(doc: GoldDoc, records: list[dict[str, Any]]) -> list[str]:
    """Lines for the indirect attributions of one document: I-MISS (no prediction shares
    half of the gold content's words), I-FALSE (a prediction matches no gold one), I-CUE and
    I-SOURCE (matched content, wrong cue or source); each with gold | predicted parts."""
    text = doc.text
    preds = as_predicted(records, "indirect")
    pairs = match(text, [g.content for g in doc.indirect], [p.content for p in preds])

    def show(spans: Spans) -> str:
        return " ".join(text[s:e] for s, e in spans)[:100] or "-"

    lines = []
    for i, j in pairs:
        gold, pred = doc.indirect[i], preds[j]
        wrong = [("I-CUE", gold.cue, pred.cue)] if not overlaps(gold.cue, pred.cue) else []
        if not _same_source(gold.source, pred.source):
            wrong.append(("I-SOURCE", gold.source, pred.source))
        lines += [
            f"{doc.name}\t{kind}\t{show(g)!r}\t{show(p)!r}\t{show(gold.content)!r}"
            for kind, g, p in wrong
        ]
    seen_g, seen_p = {i for i, _ in pairs}, {j for _, j in pairs}
    lines += [
        f"{doc.name}\tI-MISS\t{show(g.cue)!r}\t{show(g.content)!r}"
        for i, g in enumerate(doc.indirect)
        if i not in seen_g
    ]
    lines += [
        f"{doc.name}\tI-FALSE\t{show(p.cue)!r}\t{show(p.content)!r}"
        for j, p in enumerate(preds)
        if j not in seen_p
    ]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--split", default="dev", choices=("train", "dev"))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--errors", action="store_true", help="list the errors on stderr")
    args = parser.parse_args(argv)
    if args.errors:
        print("\n".join(errors(args.shared, args.split, args.limit)), file=sys.stderr)
        return 0
    json.dump(evaluate(args.shared, args.split, args.limit), sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
