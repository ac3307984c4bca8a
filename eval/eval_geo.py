"""Evaluate geoparsing on LGL and event locations on Halterman's event-location sentences.

LGL (`shared/gold/geo/lgl.xml`, Lieberman et al. 2010): 588 local news articles, 5088 toponyms
with character offsets, 4462 of them with a GeoNames gaztag (id, coordinates).

- Recognition: predicted places against all gold toponyms. strict = same offsets; relaxed =
  overlapping spans, matched one to one (largest overlap first). P, R, F1 micro-averaged.
- Resolution, on the correctly recognised toponyms (relaxed match) that have a gaztag, as
  Gritta et al. (2018) and mordecai report it: exact GeoNames id accuracy, and accuracy within
  161 km (100 miles): the great-circle distance between the predicted and gold coordinates.
  The same GeoNames id counts as distance 0 (the same place; our gazetteer's point for a
  country or division is not GeoNames' own); `within_161km_coordinates` scores coordinates
  only. A recognised toponym the gazetteer does not know has no coordinates and counts as
  wrong. Also the mean and median error in km over the resolved ones.

Event location (`shared/gold/geo/event_location_train.jsonl`, MIT, ahalterman/event_location):
sentences with one event VERB span and the LOCATION span(s) where it happened, or none. Each
sentence is parsed, its places tagged, and `event_location` asked for the VERB's place.
Correct when both say "no location", or when the chosen place overlaps a gold LOCATION span.
`event_location_accuracy_annotated` leaves out a batch whose annotator marked no locations at
all (`unannotated`).
Some records give token numbers where the character offsets belong, or an empty text; the
span is then taken from `token_offsets` or found by its text (see `_gold_span`). Also
precision and recall of the located answers.

Speed: the place tagger alone, per document, after the parse (timed separately).

Usage: python eval/eval_geo.py [--shared ../shared] [--limit N] [--only lgl|events]
       [--errors lgl|events]
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scoring import one_to_one, prf

DEFAULT_SHARED = Path(__file__).resolve().parents[1].parent / "shared"
LGL = Path("gold") / "geo" / "lgl.xml"
EVENTS = Path("gold") / "geo" / "event_location_train.jsonl"
EARTH_KM = 6371.0088
WITHIN_KM = 161.0


@dataclass(frozen=True)
class Toponym:
    start: int
    end: int
    text: str
    geonameid: int | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class Article:
    docid: str
    text: str
    toponyms: list[Toponym]


def read_lgl(shared_dir: Path, limit: int | None = None) -> list[Article]:
    root = ET.parse(Path(shared_dir) / LGL).getroot()
    articles = []
    for art in root.findall("article")[:limit]:
        toponyms = []
        for t in art.iter("toponym"):
            tag = t.find("gaztag")
            lat = tag.findtext("lat") if tag is not None else None
            lon = tag.findtext("lon") if tag is not None else None
            toponyms.append(Toponym(
                int(t.findtext("start") or 0), int(t.findtext("end") or 0),
                t.findtext("phrase") or "",
                int(tag.get("geonameid") or 0) or None if tag is not None else None,
                float(lat) if lat else None, float(lon) if lon else None,
            ))
        articles.append(Article(art.get("docid", ""), art.findtext("text") or "", toponyms))
    return articles


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(min(1.0, h)))


def pair_overlapping(gold: list[Any], pred: list[dict[str, Any]]) -> list[tuple[Any, Any]]:
    """One-to-one (gold, predicted) pairs of overlapping spans, largest overlap first."""
    options = (
        (-(min(g.end, p["end"]) - max(g.start, p["start"])), i, j)
        for i, g in enumerate(gold)
        for j, p in enumerate(pred)
        if min(g.end, p["end"]) > max(g.start, p["start"])
    )
    return [(gold[i], pred[j]) for i, j in one_to_one(options)]


def _prf(correct: int, predicted: int, gold: int) -> dict[str, float]:
    p, r, f = prf(correct, predicted, gold)
    return {"p": p, "r": r, "f1": f}


def tag_articles(texts: list[str]
                 ) -> tuple[list[Any], list[list[dict[str, Any]]], float, float]:
    """Parse `texts`, then time the place tagger alone over the parsed documents; the
    seconds of tagging and of parsing."""
    from newsevents.geo.gazetteer import default_gazetteer
    from newsevents.geo.step import tag_places
    from newsevents.nlp.model import load_model
    from newsevents.nlp.parse import make_doc

    nlp = load_model()
    start = time.perf_counter()
    docs = list(nlp.pipe(make_doc(nlp, t) for t in texts))
    parse_seconds = time.perf_counter() - start
    default_gazetteer()  # loading is once per process, not per document
    start = time.perf_counter()
    places = [tag_places(doc) for doc in docs]
    return docs, places, time.perf_counter() - start, parse_seconds


def score_lgl(articles: list[Article], predicted: list[list[dict[str, Any]]]
              ) -> dict[str, Any]:
    counts = Counter[str]()
    errors_km: list[float] = []
    for art, pred in zip(articles, predicted, strict=True):
        counts["gold"] += len(art.toponyms)
        counts["predicted"] += len(pred)
        spans = {(t.start, t.end) for t in art.toponyms}
        counts["strict"] += sum((p["start"], p["end"]) in spans for p in pred)
        for g, p in pair_overlapping(art.toponyms, pred):
            counts["relaxed"] += 1
            if g.geonameid is None or g.lat is None or g.lon is None:
                continue
            counts["resolvable"] += 1
            if p["geonameid"] is None:
                continue
            same = p["geonameid"] == g.geonameid
            km = distance_km(g.lat, g.lon, p["lat"], p["lon"])
            errors_km.append(0.0 if same else km)
            counts["exact"] += same
            counts["within"] += same or km <= WITHIN_KM
            counts["within_coordinates"] += km <= WITHIN_KM
    n = counts["resolvable"]
    strict = _prf(counts["strict"], counts["predicted"], counts["gold"])
    relaxed = _prf(counts["relaxed"], counts["predicted"], counts["gold"])
    return {
        "lgl_documents": len(articles),
        "lgl_gold": counts["gold"],
        "lgl_predicted": counts["predicted"],
        "recognition_strict_p": strict["p"],
        "recognition_strict_r": strict["r"],
        "recognition_strict_f1": strict["f1"],
        "recognition_p": relaxed["p"],
        "recognition_r": relaxed["r"],
        "recognition_f1": relaxed["f1"],
        "resolution_toponyms": n,
        "geonameid_accuracy": round(counts["exact"] / n, 4) if n else 0.0,
        "within_161km": round(counts["within"] / n, 4) if n else 0.0,
        "within_161km_coordinates": round(counts["within_coordinates"] / n, 4) if n else 0.0,
        "mean_error_km": round(statistics.fmean(errors_km), 1) if errors_km else 0.0,
        "median_error_km": round(statistics.median(errors_km), 1) if errors_km else 0.0,
    }


def evaluate_lgl(shared_dir: Path, limit: int | None = None) -> dict[str, Any]:
    articles = read_lgl(shared_dir, limit)
    _docs, predicted, seconds, parse_seconds = tag_articles([a.text for a in articles])
    metrics = score_lgl(articles, predicted)
    metrics["tag_ms_per_document"] = round(1000 * seconds / max(len(articles), 1), 2)
    metrics["parse_ms_per_document"] = round(1000 * parse_seconds / max(len(articles), 1), 2)
    return metrics


def lgl_errors(shared_dir: Path, limit: int | None = None) -> list[str]:
    articles = read_lgl(shared_dir, limit)
    _docs, predicted, _, _ = tag_articles([a.text for a in articles])
    lines = []
    for art, pred in zip(articles, predicted, strict=True):
        pairs = pair_overlapping(art.toponyms, pred)
        matched_g = {id(g) for g, _ in pairs}
        matched_p = {id(p) for _, p in pairs}
        for g, p in pairs:
            if g.geonameid is not None and g.lat is not None and g.lon is not None and (
                p["geonameid"] != g.geonameid
            ):
                km = (distance_km(g.lat, g.lon, p["lat"], p["lon"])
                      if p["lat"] is not None else -1)
                lines.append(f"{art.docid}\tWRONG\t{g.text!r}\t{g.geonameid}\t{p['name']}"
                             f"\t{p['country']}\t{p['geonameid']}\t{km:.0f}\t{p['text']!r}")
        lines += [f"{art.docid}\tMISS\t{g.text!r}" for g in art.toponyms
                  if id(g) not in matched_g]
        lines += [f"{art.docid}\tFALSE\t{p['text']!r}\t{p['name']}" for p in pred
                  if id(p) not in matched_p]
    return lines


@dataclass(frozen=True)
class EventSentence:
    text: str
    verb: tuple[int, int]
    locations: list[tuple[int, int]]
    source: str = ""
    record_id: str = ""


def unannotated(sentence: EventSentence) -> bool:
    """A record of the Masdar "kill" batch from number 400 on: its annotator marked no
    location in any of them (0 of ~800, against 93 of the first 400), though most name where
    the killing happened. Scored, and also reported without it."""
    parts = sentence.record_id.split("_")
    return (sentence.source == "Masdar_RA" and len(parts) == 3 and parts[1] == "kill"
            and parts[2].isdigit() and int(parts[2]) >= 400)


def _gold_span(record: dict[str, Any], span: dict[str, Any]) -> tuple[int, int] | None:
    """The character span of a Prodigy span. Some records carry token numbers in `start` and
    `end`, or an empty text: take the tokens then, or find the span's text."""
    text, start, end = record["text"], span["start"], span["end"]
    wanted = span.get("text")
    if start < end and (not wanted or text[start:end] == wanted):
        return start, end
    tokens = record.get("token_offsets") or []
    first, last = span.get("token_start"), span.get("token_end")
    if isinstance(first, int) and isinstance(last, int) and 0 <= first <= last < len(tokens):
        start, end = tokens[first][0], tokens[last][1]
        if not wanted or text[start:end] == wanted:
            return start, end
    if wanted and wanted in text:
        start = text.index(wanted)
        return start, start + len(wanted)
    return None


def read_events(shared_dir: Path, limit: int | None = None) -> list[EventSentence]:
    sentences = []
    with (Path(shared_dir) / EVENTS).open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            spans = {"VERB": [], "LOCATION": []}  # type: dict[str, list[tuple[int, int]]]
            for span in record.get("spans", []):
                found = _gold_span(record, span)
                if found is not None and span.get("label") in spans:
                    spans[span["label"]].append(found)
            if len(spans["VERB"]) == 1:  # one event per sentence; 2 records have two verbs
                sentences.append(EventSentence(record["text"], spans["VERB"][0],
                                               spans["LOCATION"], record.get("source", ""),
                                               str(record.get("_id", "")).strip()))
            if limit is not None and len(sentences) >= limit:
                break
    return sentences


def locate_events(sentences: list[EventSentence]) -> list[dict[str, Any] | None]:
    """Parse each sentence, tag its places and ask `event_location` for the verb's place."""
    from newsevents.geo.location import event_location
    from newsevents.geo.step import tag_places
    from newsevents.nlp.model import load_model
    from newsevents.nlp.parse import make_doc

    nlp = load_model()
    chosen = []
    for sentence, doc in zip(sentences, nlp.pipe(make_doc(nlp, s.text) for s in sentences),
                             strict=True):
        verb = doc.char_span(*sentence.verb, alignment_mode="expand")
        chosen.append(None if verb is None else event_location(doc, verb.root.i,
                                                               tag_places(doc)))
    return chosen


def _hits(sentence: EventSentence, place: dict[str, Any] | None) -> bool:
    if place is None:
        return not sentence.locations
    return any(place["start"] < end and start < place["end"] for start, end in sentence.locations)


def score_events(sentences: list[EventSentence], chosen: list[dict[str, Any] | None]
                 ) -> dict[str, Any]:
    """Accuracy, precision and recall on all sentences; accuracy also without the unannotated
    batch."""
    metrics = _event_metrics(sentences, chosen)
    for name, keep in (("annotated", lambda s: not unannotated(s)),):
        part = [(s, p) for s, p in zip(sentences, chosen, strict=True) if keep(s)]
        metrics[f"event_location_accuracy_{name}"] = _event_metrics(
            [s for s, _ in part], [p for _, p in part])["event_location_accuracy"]
        metrics[f"event_sentences_{name}"] = len(part)
    return metrics


def _event_metrics(sentences: list[EventSentence], chosen: list[dict[str, Any] | None]
                   ) -> dict[str, Any]:
    correct = sum(_hits(s, p) for s, p in zip(sentences, chosen, strict=True))
    located = [(s, p) for s, p in zip(sentences, chosen, strict=True) if p is not None]
    right = sum(_hits(s, p) for s, p in located)
    with_gold = sum(bool(s.locations) for s in sentences)
    n = len(sentences)
    return {
        "event_sentences": n,
        "event_with_location": with_gold,
        "event_location_accuracy": round(correct / n, 4) if n else 0.0,
        "event_location_p": round(right / len(located), 4) if located else 0.0,
        "event_location_r": round(right / with_gold, 4) if with_gold else 0.0,
        "event_none_baseline": round((n - with_gold) / n, 4) if n else 0.0,
    }


def evaluate_events(shared_dir: Path, limit: int | None = None) -> dict[str, Any]:
    sentences = read_events(shared_dir, limit)
    return score_events(sentences, locate_events(sentences))


def event_error_kind(sentence: EventSentence, chosen: dict[str, Any] | None,
                     places: list[dict[str, Any]]) -> str:
    """An error's category: `missed` (no answer, gold has a place), `false` (an answer, gold
    has none) or `wrong` (another place); for missed and wrong, whether the tagger found the
    gold place at all (`tagged`) or not (`untagged`)."""
    if chosen is not None and not sentence.locations:
        return "false"
    tagged = any(_hits(sentence, place) for place in places)
    return f"{'missed' if chosen is None else 'wrong'}_{'tagged' if tagged else 'untagged'}"


def event_errors(shared_dir: Path, limit: int | None = None) -> list[str]:
    """One line per error (category, verb, gold, chosen, text), then the count of each
    category."""
    from newsevents.geo.location import places_and_sites
    from newsevents.geo.step import tag_places
    from newsevents.nlp.model import load_model
    from newsevents.nlp.parse import make_doc

    sentences = read_events(shared_dir, limit)
    nlp = load_model()
    docs = nlp.pipe(make_doc(nlp, s.text) for s in sentences)
    lines, kinds = [], Counter[str]()
    for s, p, doc in zip(sentences, locate_events(sentences), docs, strict=True):
        if not _hits(s, p):
            # a named site counts as tagged too
            kind = event_error_kind(s, p, places_and_sites(doc, tag_places(doc)))
            kinds[kind] += 1
            gold = [s.text[a:b] for a, b in s.locations]
            lines.append(f"{kind}\t{s.text[slice(*s.verb)]!r}\tgold={gold}\tchosen="
                         f"{p and p['text']!r}\t{s.text}")
    return lines + [f"{count}\t{kind}" for kind, count in kinds.most_common()]


def evaluate(shared_dir: Path = DEFAULT_SHARED, limit: int | None = None,
             only: str | None = None) -> dict[str, Any]:
    """Both evaluations (see the module docstring), or `only` "lgl" or "events"; `limit` caps
    documents and sentences."""
    metrics: dict[str, Any] = {}
    if only in (None, "lgl"):
        metrics.update(evaluate_lgl(shared_dir, limit))
    if only in (None, "events"):
        metrics.update(evaluate_events(shared_dir, limit))
    return metrics


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--only", choices=["lgl", "events"], help="run one of the two parts")
    parser.add_argument("--errors", choices=["lgl", "events"], help="list errors on stderr")
    args = parser.parse_args(argv)
    if args.errors:
        found = (lgl_errors if args.errors == "lgl" else event_errors)(args.shared, args.limit)
        print("\n".join(found), file=sys.stderr)
        return 0
    json.dump(evaluate(args.shared, args.limit, args.only), sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
