"""Throughput and peak memory of `annotate` next to a bare spaCy parse of the same texts.

Usage: python bench/bench_annotate.py [--shared ../shared] [--limit N] [--repeats 3] [--workers 1 2]

For each worker count W, one round runs, each in a fresh child process:
  spacy  - `nlp.pipe(texts, n_process=W)` over the corpus texts with the stock pipeline (the
           floor: parsing only; our parse uses the indexed attribute_ruler, nlp/attributes.py);
  ours   - the newsevents pipeline with the local executor and W workers, from the JSON Lines
           file to serialised JSON Lines (what `newsevents annotate` does, minus the terminal).
Both include loading the model, as a user's command does. Rounds are interleaved and repeated;
we report medians and the ratio ours/spacy per round (the machine is shared and noisy, so
only ratios measured side by side mean much). Peak memory is the largest resident set of
any single process of the run (the per-worker figure), polled every 50 ms.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]


def child(mode: str, corpus: str, workers: int) -> None:
    """Run one workload and print its wall time as JSON (called in a fresh process)."""
    sys.path.insert(0, str(REPO / "src"))
    with open(corpus, encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle]
    start = time.perf_counter()
    if mode == "spacy":
        from newsevents.nlp.model import load_model

        n = sum(1 for _ in load_model(stock=True).pipe(texts, batch_size=32, n_process=workers))
    else:
        from newsevents.config import load_config
        from newsevents.exec.local import LocalExecutor
        from newsevents.ingest.readers import read_sources

        config = load_config(workers=workers)
        n = 0
        with open("/dev/null", "w", encoding="utf-8") as sink:
            for analysis in LocalExecutor(config).run(read_sources([corpus], "jsonl")):
                sink.write(json.dumps(analysis.to_dict(), ensure_ascii=False) + "\n")
                n += 1
    elapsed = time.perf_counter() - start
    print(json.dumps({"docs": n, "seconds": elapsed}))


def measure(mode: str, corpus: str, workers: int) -> dict[str, float]:
    proc = subprocess.Popen(
        [sys.executable, __file__, "--child", mode, corpus, str(workers)],
        stdout=subprocess.PIPE,
        text=True,
    )
    peak = {"rss": 0}
    done = threading.Event()

    def poll() -> None:
        root = psutil.Process(proc.pid)
        while not done.is_set():
            try:
                procs = [root, *root.children(recursive=True)]
                peak["rss"] = max([peak["rss"]] + [p.memory_info().rss for p in procs])
            except psutil.Error:
                pass
            time.sleep(0.05)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    out, _ = proc.communicate()
    done.set()
    poller.join()
    if proc.returncode != 0:
        raise RuntimeError(f"{mode} with {workers} workers failed")
    result = json.loads(out.strip().splitlines()[-1])
    result["peak_rss_mb"] = peak["rss"] / 2**20
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", default=str(REPO.parent / "shared"))
    parser.add_argument("--limit", type=int, default=0, help="first N articles (0: all)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], int(args.child[2]))
        return
    source = Path(args.shared) / "corpus" / "news_articles.jsonl"
    lines = source.read_text(encoding="utf-8").splitlines()
    if args.limit:
        lines = lines[: args.limit]
    words = sum(len(json.loads(line)["text"].split()) for line in lines)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as corpus:
        corpus.write("\n".join(lines) + "\n")
    report = {"documents": len(lines), "words": words, "repeats": args.repeats, "runs": {}}
    for workers in args.workers:
        rounds = []
        for _ in range(args.repeats):
            spacy = measure("spacy", corpus.name, workers)
            ours = measure("ours", corpus.name, workers)
            rounds.append(
                {"spacy": spacy, "ours": ours, "ratio": spacy["seconds"] / ours["seconds"]}
            )
        report["runs"][workers] = summarise(rounds, len(lines), words)
        print(json.dumps({workers: report["runs"][workers]}, indent=1), file=sys.stderr)
    print(json.dumps(report, indent=1))
    Path(corpus.name).unlink()


def summarise(rounds: list[dict], docs: int, words: int) -> dict[str, float]:
    def med(mode: str, key: str) -> float:
        return statistics.median(r[mode][key] for r in rounds)

    return {
        "ours_docs_per_s": round(docs / med("ours", "seconds"), 2),
        "ours_words_per_s": round(words / med("ours", "seconds")),
        "spacy_docs_per_s": round(docs / med("spacy", "seconds"), 2),
        "spacy_words_per_s": round(words / med("spacy", "seconds")),
        "ratio_ours_to_spacy_median": round(statistics.median(r["ratio"] for r in rounds), 3),
        "ratios": [round(r["ratio"], 3) for r in rounds],
        "ours_peak_rss_mb_per_process": round(med("ours", "peak_rss_mb")),
        "spacy_peak_rss_mb_per_process": round(med("spacy", "peak_rss_mb")),
    }


if __name__ == "__main__":
    main()
