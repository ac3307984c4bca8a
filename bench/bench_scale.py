"""Scale: `newsevents ingest` end to end against a bare spaCy parse, over 1 and 2 workers,
on the local and the Ray executor; and the peak memory per worker as the input grows.

Usage:
  python bench/bench_scale.py [--shared ../shared] [--limit N] [--repeats 3] [--json FILE]
  python bench/bench_scale.py --memory 1000 20000 [--workers 2] [--json FILE]

Throughput. Each round runs, each in a fresh process, on the corpus
../shared/corpus/news_articles.jsonl (model loading included, as a user's command does):
  spacy_1  `nlp.pipe(texts, batch_size=32)` in one process with the stock pipeline (the floor:
           parsing only; newsevents' own parse finds the attribute_ruler's matches with an
           index, nlp/attributes.py, the same annotations faster, so its parse is cheaper);
  ingest_1 `newsevents ingest CORPUS --db NEW --workers 1`: plan shards, code, write Parquet,
           commit, deduplicate, write the run report;
  local_2  the same with `--workers 2`;
  ray_2    the same with `--executor ray --workers 2 --ray-address ADDR`, on a local cluster
           started once before the rounds (`ray start --head`): the cluster is up.
Rounds are interleaved; the machine is shared, so we report per-round ratios and their
medians, with the load average before and after:
  ingest_1 / spacy_1   = spacy_1 seconds / ingest_1 seconds (target >= 0.80)
  local_2 / ingest_1   = ingest_1 seconds / local_2 seconds (target >= 1.7)
  ray_2 / local_2      = local_2 seconds / ray_2 seconds   (target >= 0.85)
CPU seconds (all processes of a run, polled) are reported too: unlike wall time they do not
depend on the load others put on the machine. Peak memory is the largest resident set of
one worker process (the calling process when there is one worker; the pool's processes, or
Ray's `ShardWorker` actors, otherwise), polled every 50 ms, and of the calling process (the
store's writer) separately.

Memory: `--memory N ...` ingests the corpus replicated to N documents (copy k of an article
gets the id `<id>~k`, so every copy is coded) with `--workers`, and reports the same peaks
for each N: flat memory means the same peak for 1,000 and for 20,000 documents. Worker
processes are replaced after a number of documents (exec/workers.py): `worker_processes`
counts those seen (the multiprocessing resource tracker, a small process, among them), and
`median_peak_rss_mb_worker` is the median of their peaks (the tracker left out): a run of
many workers shows a higher largest peak than a run of a few by chance alone.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psutil

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
RAY_WORKER_TITLE = "ray::ShardWorker"


def spacy_child(corpus: str) -> None:
    """The bare parse, in a fresh process (timed from outside, like the ingest command)."""
    sys.path.insert(0, str(REPO / "src"))
    from newsevents.nlp.model import load_model

    with open(corpus, encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle]
    parsed = sum(1 for _ in load_model(stock=True).pipe(texts, batch_size=32))
    print(f"{parsed} documents parsed", file=sys.stderr)


class PeakMemory:
    """Polls resident memory: the calling process, its descendants and Ray's shard workers."""

    def __init__(self, pid: int, ray_workers: bool) -> None:
        self.root = psutil.Process(pid)
        self.ray_workers = ray_workers
        self.driver = 0
        self.worker = 0
        self.cpu: dict[int, float] = {}  # CPU seconds of each process, last seen
        self.worker_pids: set[int] = set()  # replaced workers count (exec/workers.py)
        self.peaks: dict[int, int] = {}  # peak of each worker process (not the tracker)
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()

    def _workers(self) -> list[psutil.Process]:
        if self.ray_workers:
            return [
                p
                for p in psutil.process_iter(["cmdline"])
                if (p.info["cmdline"] or [""])[0].startswith(RAY_WORKER_TITLE)
            ]
        return self.root.children(recursive=True)

    def _poll(self) -> None:
        while not self._done.is_set():
            try:
                self.driver = max(self.driver, self.root.memory_info().rss)
                self._cpu(self.root)
                for proc in self._workers():
                    self.worker_pids.add(proc.pid)
                    rss = proc.memory_info().rss
                    self.worker = max(self.worker, rss)
                    if "resource_tracker" not in " ".join(proc.cmdline()):
                        self.peaks[proc.pid] = max(self.peaks.get(proc.pid, 0), rss)
                    self._cpu(proc)
            except psutil.Error:
                pass
            time.sleep(0.05)

    def _cpu(self, proc: psutil.Process) -> None:
        times = proc.cpu_times()
        self.cpu[proc.pid] = times.user + times.system

    def stop(self) -> dict[str, Any]:
        self._done.set()
        self._thread.join()
        # with one worker the calling process does the work itself
        worker = self.worker or self.driver
        return {
            "peak_rss_mb_worker": worker // 2**20,
            "peak_rss_mb_driver": self.driver // 2**20,
            "worker_processes": len(self.worker_pids),
            # the largest of many workers' peaks is higher than the largest of a few: the
            # median tells whether a typical worker's peak grows with the input
            "median_peak_rss_mb_worker": int(statistics.median(self.peaks.values())) // 2**20
            if self.peaks
            else worker // 2**20,
            "cpu_seconds": round(sum(self.cpu.values()), 1),
        }


def timed(command: list[str], ray_workers: bool = False) -> dict[str, Any]:
    load = os.getloadavg()[0]
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    memory = PeakMemory(proc.pid, ray_workers)
    _, err = proc.communicate()
    seconds = time.perf_counter() - start
    peaks = memory.stop()
    if proc.returncode not in (0, 1):  # 1: some documents failed, which the corpus may have
        raise RuntimeError(f"{' '.join(command)} failed:\n{err[-3000:]}")
    summary = err.strip().splitlines()[-2:]
    return {"seconds": round(seconds, 2), **peaks, "load_at_start": load, "summary": summary}


def ingest(corpus: str, workers: int, ray_address: str | None = None) -> dict[str, Any]:
    db = tempfile.mkdtemp(prefix="bench-scale-")
    command = [str(BIN / "newsevents"), "ingest", corpus, "--db", db, "--workers", str(workers)]
    if ray_address:
        command += ["--executor", "ray", "--ray-address", ray_address]
    try:
        return timed(command, ray_workers=ray_address is not None)
    finally:
        shutil.rmtree(db, ignore_errors=True)


def start_ray(cpus: int) -> str:
    """Start a local Ray cluster of our own in the background; returns its temp folder."""
    temp = tempfile.mkdtemp(prefix="bench-ray-")
    subprocess.run(
        [
            str(BIN / "ray"),
            "start",
            "--head",
            f"--num-cpus={cpus}",
            "--include-dashboard=false",
            f"--temp-dir={temp}",
            "--object-store-memory=134217728",
            "--disable-usage-stats",
        ],
        check=True,
        capture_output=True,
    )
    return temp


def stop_ray(temp: str) -> None:
    """Stop the processes of the cluster `start_ray` started, by id (`ray stop` would stop
    every cluster on the machine)."""
    heads = [
        p for p in psutil.process_iter(["cmdline"]) if temp in " ".join(p.info["cmdline"] or [])
    ]
    ours = {p for head in heads for p in [head, *head.children(recursive=True)]}  # + agents
    for proc in ours:
        with contextlib.suppress(psutil.Error):
            proc.terminate()
    _, alive = psutil.wait_procs(ours, timeout=30)
    for proc in alive:
        with contextlib.suppress(psutil.Error):
            proc.kill()
    shutil.rmtree(temp, ignore_errors=True)


def throughput(corpus: str, repeats: int) -> dict[str, Any]:
    temp = start_ray(2)
    address = "auto"  # the cluster just started
    runs: dict[str, Callable[[], dict[str, Any]]] = {
        "spacy_1": lambda: timed([sys.executable, __file__, "--spacy-child", corpus]),
        "ingest_1": lambda: ingest(corpus, 1),
        "local_2": lambda: ingest(corpus, 2),
        "ray_2": lambda: ingest(corpus, 2, address),
    }
    rounds: list[dict[str, dict[str, Any]]] = []
    try:
        for i in range(repeats):
            rounds.append({name: run() for name, run in runs.items()})
            print(json.dumps({"round": i + 1, **rounds[-1]}), file=sys.stderr, flush=True)
    finally:
        stop_ray(temp)

    def ratios(numerator: str, denominator: str) -> list[float]:
        # throughput of `numerator` over that of `denominator` = inverse ratio of seconds
        return [round(r[denominator]["seconds"] / r[numerator]["seconds"], 3) for r in rounds]

    figures = {
        "ingest_1_over_spacy_1": ratios("ingest_1", "spacy_1"),
        "local_2_over_ingest_1": ratios("local_2", "ingest_1"),
        "ray_2_over_local_2": ratios("ray_2", "local_2"),
    }
    return {
        "ratios": figures,
        "ratio_medians": {k: statistics.median(v) for k, v in figures.items()},
        "median_seconds": {n: statistics.median(r[n]["seconds"] for r in rounds) for n in runs},
        # CPU seconds do not depend on what else the machine runs: the work each one does
        "median_cpu_seconds": {
            n: statistics.median(r[n]["cpu_seconds"] for r in rounds) for n in runs
        },
        "peak_rss_mb_worker": {n: max(r[n]["peak_rss_mb_worker"] for r in rounds) for n in runs},
        "peak_rss_mb_driver": {n: max(r[n]["peak_rss_mb_driver"] for r in rounds) for n in runs},
        "rounds": rounds,
    }


def replicate(lines: list[str], n: int, path: str) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            record = json.loads(lines[i % len(lines)])
            record["id"] = f"{record.get('id', i)}~{i // len(lines)}"
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def memory(lines: list[str], sizes: list[int], workers: int) -> dict[str, Any]:
    results = {}
    for n in sizes:
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as corpus:
            replicate(lines, n, corpus.name)
        try:
            result = ingest(corpus.name, workers)
        finally:
            os.unlink(corpus.name)
        result["docs_per_s"] = round(n / result["seconds"], 2)
        results[n] = result
        print(json.dumps({"documents": n, **result}), file=sys.stderr, flush=True)
    return {"workers": workers, "by_documents": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--shared", default=str(REPO.parent / "shared"))
    parser.add_argument("--limit", type=int, default=0, help="first N articles (0: all)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--memory", type=int, nargs="+", help="replicate the corpus to N docs")
    parser.add_argument("--workers", type=int, default=2, help="workers of the --memory runs")
    parser.add_argument("--json", help="also write the report to this file")
    parser.add_argument("--spacy-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.spacy_child:
        spacy_child(args.spacy_child)
        return
    lines = (Path(args.shared) / "corpus" / "news_articles.jsonl").read_text("utf-8").splitlines()
    lines = lines[: args.limit] if args.limit else lines
    report: dict[str, Any] = {"documents": len(lines), "load_before": os.getloadavg()}
    if args.memory:
        report["memory"] = memory(lines, args.memory, args.workers)
    else:
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as corpus:
            corpus.write("\n".join(lines) + "\n")
        try:
            report["throughput"] = throughput(corpus.name, args.repeats)
        finally:
            os.unlink(corpus.name)
    report["load_after"] = os.getloadavg()
    # imported here: the --spacy-child process must not load the store's libraries
    sys.path.insert(0, str(REPO / "bench"))
    from bench_store import report as print_report

    print_report(report, args.json)


if __name__ == "__main__":
    main()
