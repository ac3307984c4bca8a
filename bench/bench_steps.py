"""Where the time goes: CPU seconds of each pipeline step next to a bare spaCy parse.

Usage: python bench/bench_steps.py [--shared ../shared] [--limit N] [--repeats 3] [--json FILE]

In one warm process (models loaded, one warm-up batch run first), each round:
  - parses the corpus texts with the stock pipeline, `nlp.pipe(texts, batch_size=32)`
    (`load_model(stock=True)`: spaCy's own attribute_ruler matcher);
  - runs the newsevents pipeline over the same documents in batches of 32, timing each
    step's `run` with the process CPU clock (`time.process_time`), then serialises the
    analyses as `annotate` does.
Reported per round and as medians over the rounds: seconds per step, the share of each
step relative to the bare parse (issue 3 asks that the event coder, step `events`, add at
most 25% to the parse), and bare parse / whole pipeline (issue 8 asks >= 0.80 end to end;
`bench_scale.py` measures that on `ingest`, with the store). CPU time, not wall time: the
machine is shared, and CPU seconds depend far less on what else runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from bench_store import report as print_report  # noqa: E402
from newsevents.config import load_config  # noqa: E402
from newsevents.ingest.readers import read_sources  # noqa: E402
from newsevents.nlp.model import load_model  # noqa: E402
from newsevents.pipeline import default_pipeline  # noqa: E402

BATCH = 32


def timed_steps(pipeline: Any, seconds: dict[str, float]) -> None:
    """Wrap each step's `run` so that its CPU time adds up in `seconds[step name]`."""
    for step in pipeline.steps:
        run: Callable[[Sequence[Any]], None] = step.run

        def timed(batch: Sequence[Any], run: Callable[..., None] = run, name: str = step.name):
            start = time.process_time()
            run(batch)
            seconds[name] = seconds.get(name, 0.0) + time.process_time() - start

        step.run = timed


def one_round(pipeline: Any, stock: Any, sources: list[Any], texts: list[str]) -> dict[str, Any]:
    start = time.process_time()
    for _ in stock.pipe(texts, batch_size=BATCH):
        pass
    bare = time.process_time() - start
    seconds: dict[str, float] = {}
    timed_steps(pipeline, seconds)
    start = time.process_time()
    for i in range(0, len(sources), BATCH):
        for analysis in pipeline.run(sources[i : i + BATCH]):
            json.dumps(analysis.to_dict(), ensure_ascii=False)
    total = time.process_time() - start
    steps = {name: round(s, 2) for name, s in seconds.items()}
    return {
        "bare_parse_s": round(bare, 2),
        "pipeline_s": round(total, 2),
        "steps_s": steps,
        "step_share_of_bare_parse": {name: round(s / bare, 3) for name, s in seconds.items()},
        "bare_over_pipeline": round(bare / total, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--shared", default=str(REPO.parent / "shared"))
    parser.add_argument("--limit", type=int, default=0, help="first N articles (0: all)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", help="also write the report to this file")
    args = parser.parse_args()
    corpus = str(Path(args.shared) / "corpus" / "news_articles.jsonl")
    sources = list(read_sources([corpus], "jsonl"))
    sources = sources[: args.limit] if args.limit else sources
    texts = [s.raw.decode("utf-8") if isinstance(s.raw, bytes) else str(s.raw) for s in sources]
    stock = load_model(stock=True)
    pipeline = default_pipeline(load_config(workers=1))
    pipeline.run(sources[:BATCH])  # warm up: lazy tables, caches
    rounds = []
    for _ in range(args.repeats):
        rounds.append(one_round(default_pipeline(load_config(workers=1)), stock, sources, texts))
        print(json.dumps(rounds[-1]), file=sys.stderr, flush=True)
    names = list(rounds[0]["steps_s"])
    report = {
        "corpus": f"{corpus} ({len(sources)} documents)",
        "rounds": rounds,
        "median": {
            "bare_parse_s": statistics.median(r["bare_parse_s"] for r in rounds),
            "pipeline_s": statistics.median(r["pipeline_s"] for r in rounds),
            "bare_over_pipeline": statistics.median(r["bare_over_pipeline"] for r in rounds),
            "step_share_of_bare_parse": {
                n: statistics.median(r["step_share_of_bare_parse"][n] for r in rounds)
                for n in names
            },
        },
    }
    print_report(report, args.json)


if __name__ == "__main__":
    main()
