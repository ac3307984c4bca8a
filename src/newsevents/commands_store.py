"""The store's commands: `ingest`, `query` and `export` (registered in cli.py).

Each command body is a plain function over parsed arguments, so cli.py stays small.
Exit codes follow the CLI: 0 success, 1 some documents or shards failed, 2 bad usage.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import sys
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsevents import __version__
from newsevents.config import Config, load_config
from newsevents.exec.plan import DEFAULT_SHARD_DOCUMENTS, ShardTask, plan_shards
from newsevents.exec.progress import Progress, duration
from newsevents.export import EXPORT_FORMATS, QUERY_FORMATS
from newsevents.ingest.docdate import normalise_date
from newsevents.ingest.readers import FORMATS
from newsevents.store.layout import StoreError, require_store, writer_lock
from newsevents.store.query import AGGREGATIONS, FILTER_NAMES, EventFilter, QueryError

if TYPE_CHECKING:  # the store's libraries (DuckDB, Arrow) load only when a command runs
    from newsevents.exec.local import LocalExecutor
    from newsevents.exec.ray import RayExecutor
    from newsevents.store.reader import Store

    ShardExecutor = LocalExecutor | RayExecutor

COMMANDS = ("ingest", "query", "export")
EXECUTORS = ("local", "ray")
_LISTED = ("id", "date", "type", "mode", "actor_names", "recipient_names")
UNIQUE_TABLE_COLUMNS = (*_LISTED, "location_name", "num_mentions", "num_sources", "trigger_text")
MENTION_TABLE_COLUMNS = (*_LISTED, "doc_id", "source", "trigger_text")
TABLE_PAGE = 50


def add_commands(sub: Any) -> None:
    """Register ingest, query and export on the CLI's subparsers."""
    ingest = sub.add_parser("ingest", help="code articles into an event store (--db DIR)")
    ingest.add_argument(
        "inputs",
        nargs="*",
        default=[],
        help="files, directories, globs or - (none: refresh the store only)",
    )
    ingest.add_argument("--db", required=True, help="store folder (created when absent)")
    ingest.add_argument("--input-format", choices=FORMATS, default="auto")
    ingest.add_argument("--date", help="publication date YYYY-MM-DD for every input document")
    ingest.add_argument(
        "--workers", type=int, help="worker processes or Ray actors (setting: workers)"
    )
    ingest.add_argument("--max-bytes", type=int, help="size limit (setting: max_document_bytes)")
    ingest.add_argument("--config", help="TOML file of settings (default: $NEWSEVENTS_CONFIG)")
    ingest.add_argument(
        "--shard-size",
        type=int,
        default=DEFAULT_SHARD_DOCUMENTS,
        help=f"documents per shard (default {DEFAULT_SHARD_DOCUMENTS}; with several workers "
        "the last shards of an input are smaller)",
    )
    ingest.add_argument("--retries", type=int, default=2, help="tries again for a failed shard")
    ingest.add_argument(
        "--executor",
        choices=EXECUTORS,
        default="local",
        help="local: worker processes on this machine; ray: a Ray cluster "
        '(pip install "newsevents[ray]"; --workers defaults to its CPUs)',
    )
    ingest.add_argument(
        "--ray-address",
        help="address of a running Ray cluster (default: start a local one for the run)",
    )

    query = sub.add_parser("query", help="list, filter and aggregate the events of a store")
    export = sub.add_parser("export", help="write the events of a store in another format")
    for cmd in (query, export):
        cmd.add_argument("--db", required=True, help="store folder")
        cmd.add_argument(
            "--mentions",
            action="store_true",
            help="every coded mention instead of deduplicated events",
        )
        cmd.add_argument("--output", "-o", help="write to this file instead of stdout")
        _add_filters(cmd)
    query.add_argument("--format", choices=QUERY_FORMATS, default="table")
    query.add_argument("--documents", action="store_true", help="list the stored documents")
    query.add_argument(
        "--aggregate",
        choices=AGGREGATIONS,
        help="dyad_month: counts and intensity by actor/recipient country and "
        "month; country_type: by country and event type",
    )
    query.add_argument("--event", help="one event by id, with every mention")
    query.add_argument("--limit", type=int, help=f"rows (table default {TABLE_PAGE}; else all)")
    query.add_argument("--offset", type=int, default=0)
    export.add_argument("--format", choices=EXPORT_FORMATS, required=True)


def _add_filters(cmd: argparse.ArgumentParser) -> None:
    group = cmd.add_argument_group("filters")
    group.add_argument("--actor", help="country code or part of a name in the actor slot")
    group.add_argument("--recipient", help="country code or part of a name in the recipient slot")
    group.add_argument("--country", help="country code in either slot or the location")
    group.add_argument("--sector", help="sector code (GOV, MIL, REB, ...) in either slot")
    group.add_argument("--type", help="PLOVER event type, e.g. ASSAULT")
    group.add_argument("--mode", help="PLOVER mode, e.g. visit")
    group.add_argument("--aux", help="future, historical, hypothetical, negated or reported")
    group.add_argument("--from", dest="date_from", help="first date YYYY-MM-DD")
    group.add_argument("--to", dest="date_to", help="last date YYYY-MM-DD")
    group.add_argument("--bbox", help="location box west,south,east,north (degrees)")
    group.add_argument("--min-sources", type=int, help="events reported by at least N sources")


def run(args: argparse.Namespace) -> int:
    """Run the store command named in `args.command`."""
    try:
        if args.command == "ingest":
            return ingest(args)
        from newsevents.store.reader import Store

        where = EventFilter.parse(**{k: getattr(args, k) for k in FILTER_NAMES})
        with Store(_existing(args.db)) as store:
            return (
                query(store, where, args) if args.command == "query" else export(store, where, args)
            )
    except (QueryError, StoreError, ValueError, OSError) as exc:
        print(f"newsevents {args.command}: {exc}", file=sys.stderr)
        return 2


def _existing(db: str) -> Path:
    root = Path(db)
    require_store(root)
    return root


def versions() -> dict[str, str]:
    """Versions a run codes with: newsevents, the model, spaCy, lexicon, ontology, actors."""
    from newsevents.events.step import provenance
    from newsevents.nlp.model import MODEL_PACKAGE, MODEL_VERSION

    return {
        "newsevents": __version__,
        "model": f"{MODEL_PACKAGE} {MODEL_VERSION}",
        "spacy": metadata.version("spacy"),
        **provenance(),
    }


def _executor(args: argparse.Namespace, config: Config) -> ShardExecutor:
    """The executor named by --executor (Ray is an optional extra, imported only when asked)."""
    if args.executor == "local":
        if args.ray_address:
            raise ValueError("--ray-address needs --executor ray")
        from newsevents.exec.local import LocalExecutor

        return LocalExecutor(config)
    try:
        from newsevents.exec.ray import RayExecutor
    except ImportError as exc:
        raise ValueError(
            f'--executor ray needs Ray: pip install "newsevents[ray]" ({exc})'
        ) from exc
    return RayExecutor(config, address=args.ray_address, workers=args.workers)


def ingest(args: argparse.Namespace) -> int:
    from newsevents.store.writer import StoreWriter

    config = load_config(args.config, workers=args.workers, max_document_bytes=args.max_bytes)
    date = normalise_date(args.date)
    if args.shard_size < 1 or args.retries < 0:
        raise ValueError("--shard-size must be at least 1 and --retries at least 0")
    executor = _executor(args, config)
    root = Path(args.db)
    started = datetime.now(UTC)
    run_id = started.strftime("%Y%m%dT%H%M%SZ-") + uuid.uuid4().hex[:6]
    with writer_lock(root):
        writer = StoreWriter(root)
        inputs = [_spool_stdin(root) if i == "-" else i for i in args.inputs]
        # several workers: the last shards are smaller, so that the workers finish together
        taper = args.executor != "local" or config.workers > 1
        specs = plan_shards(
            inputs, args.input_format, args.shard_size, date, config.max_document_bytes, taper
        )
        pending = [s for s in specs if not writer.is_committed(s.id)]
        counts: Counter[str] = Counter(skipped=sum(s.documents for s in specs if s not in pending))
        failures: list[dict[str, Any]] = []
        shard_failures: list[dict[str, Any]] = []
        progress = Progress(sum(s.documents for s in pending))
        known = writer.snapshot_known(run_id) if pending else None
        snapshot = None if known is None else str(known)
        tasks = (ShardTask(s, str(root), config, date, snapshot) for s in pending)
        try:
            for outcome in executor.run_shards(tasks, args.retries):
                spec = outcome.task.spec
                if outcome.marker is None:
                    shard_failures.append(
                        {
                            "shard": spec.id,
                            "error": outcome.error,
                            "attempts": outcome.attempts,
                            "inputs": [s.__repr__() for s in spec.slices],
                        }
                    )
                    counts["failed"] += spec.documents
                    print(
                        f"\nnewsevents ingest: shard {spec.id} failed after {outcome.attempts} "
                        f"tries: {outcome.error}",
                        file=sys.stderr,
                    )
                else:
                    writer.commit_shard(outcome.marker, run_id)
                    for key in ("coded", "failed", "skipped", "events"):
                        counts[key] += int(outcome.marker.get(key, 0))  # type: ignore[call-overload]
                    failures += outcome.marker.get("failures", [])  # type: ignore[arg-type]
                progress.advance(spec.documents)
        finally:
            if known is not None:
                known.unlink(missing_ok=True)
        progress.finish()
        dedup = writer.refresh_dedup()
        report = {
            "run": run_id,
            "started": started.isoformat(),
            "finished": datetime.now(UTC).isoformat(),
            "inputs": args.inputs,
            "versions": versions(),
            "settings": {
                "executor": args.executor,
                # the Ray executor settles its number of actors when the cluster is up
                "workers": getattr(executor, "workers", None) or config.workers,
                "batch_size": config.batch_size,
                "parse_batch_tokens": config.parse_batch_tokens,
                "shard_size": args.shard_size,
                "date": date,
            },
            "shards": {
                "total": len(specs),
                "already_done": len(specs) - len(pending),
                "failed": len(shard_failures),
            },
            "counts": {k: counts[k] for k in ("coded", "failed", "skipped", "events")},
            "failures": failures,
            "shard_failures": shard_failures,
            "unique_events": dedup.get("unique_events", 0),
        }
        path = writer.record_run(run_id, report)
    elapsed = (datetime.now(UTC) - started).total_seconds()
    print(
        f"newsevents ingest: {counts['coded']} coded, {counts['failed']} failed, "
        f"{counts['skipped']} skipped; {counts['events']} events, "
        f"{report['unique_events']} unique events in the store; {duration(elapsed)}; "
        f"report {path}",
        file=sys.stderr,
    )
    _print_failure_reasons(failures)
    return 1 if counts["failed"] else 0


def _print_failure_reasons(failures: list[dict[str, Any]]) -> None:
    reasons = Counter(f["code"] for f in failures)
    if reasons:
        print(
            "newsevents ingest: failures by reason: "
            + ", ".join(f"{code} {n}" for code, n in reasons.most_common()),
            file=sys.stderr,
        )


def _spool_stdin(root: Path) -> str:
    """Keep standard input as a file of the store, so that shards can be re-read from it."""
    folder = root / "inputs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"stdin-{os.getpid()}.jsonl"
    with open(path, "wb") as handle:
        shutil.copyfileobj(sys.stdin.buffer, handle)
    return str(path)


def query(store: Store, where: EventFilter, args: argparse.Namespace) -> int:
    from newsevents.store.reader import DOCUMENT_COLUMNS
    from newsevents.store.uniques import UNIQUE_SCHEMA

    dedup = not args.mentions
    if dedup and not store.dedup_is_current():
        print(
            "newsevents query: the deduplicated events are older than the last ingest; "
            "run `newsevents ingest --db DIR` to refresh them",
            file=sys.stderr,
        )
    limit = (
        args.limit if args.limit is not None else (TABLE_PAGE if args.format == "table" else None)
    )
    if args.event:
        event = store.event(args.event)
        if event is None:
            raise QueryError(f"no event {args.event!r} in the store")
        print(json.dumps(event, ensure_ascii=False, indent=1, default=str))
        return 0
    if args.documents:
        rows = store.documents(limit, args.offset)
        columns: tuple[str, ...] = DOCUMENT_COLUMNS
    elif args.aggregate:
        rows = store.aggregate(args.aggregate, where, dedup)
        columns = tuple(rows[0]) if rows else ("events",)
    else:
        total = store.count(where, dedup)
        rows = store.events(where, limit or max(total, 1), args.offset, dedup)
        columns = UNIQUE_TABLE_COLUMNS if dedup else MENTION_TABLE_COLUMNS
        if args.format == "table" and total > args.offset + len(rows):
            print(
                f"newsevents query: showing {len(rows)} of {total} events "
                "(use --limit and --offset)",
                file=sys.stderr,
            )
    if args.format != "table" and not args.documents and not args.aggregate:
        columns = tuple(rows[0]) if rows else tuple(UNIQUE_SCHEMA.names)
    _emit(rows, columns, args.format, args.output)
    return 0


def _emit(
    rows: list[dict[str, Any]], columns: tuple[str, ...], fmt: str, output: str | None
) -> None:
    from newsevents.export.formats import TEXT_WRITERS, format_table, write_csv, write_parquet

    if fmt == "parquet":
        import pyarrow as pa

        with _output(output, binary=True) as out:
            write_parquet(pa.Table.from_pylist(rows), out)
        return
    with _output(output) as out:
        if fmt == "table":
            out.write(format_table(rows, columns) + "\n")
        elif fmt == "csv":
            write_csv(rows, out, columns)
        else:
            TEXT_WRITERS["jsonl"](rows, out)


def export(store: Store, where: EventFilter, args: argparse.Namespace) -> int:
    from newsevents.export.formats import BINARY_FORMATS, TEXT_WRITERS, write_csv, write_parquet
    from newsevents.store.uniques import UNIQUE_SCHEMA

    dedup = not args.mentions
    if args.format in BINARY_FORMATS:
        with _output(args.output, binary=True) as out:
            n = write_parquet(store.events_table(where, dedup), out)
    else:
        rows = store.iter_events(where, dedup, with_evidence=args.format != "csv")
        with _output(args.output) as out:
            if args.format == "csv":
                first = next(rows, None)
                columns = [c for c in first if c != "event_json"] if first else UNIQUE_SCHEMA.names
                n = write_csv(itertools.chain([first] if first else [], rows), out, columns)
            else:
                n = TEXT_WRITERS[args.format](rows, out)
    print(
        f"newsevents export: {n} {'events' if dedup else 'mentions'} as {args.format}",
        file=sys.stderr,
    )
    return 0


@contextmanager
def _output(path: str | None, binary: bool = False) -> Iterator[Any]:
    """The file to write to, or stdout; binary output is refused on a terminal."""
    if path is None:
        if binary and sys.stdout.isatty():
            raise ValueError("Parquet is binary: give --output FILE or redirect stdout")
        yield sys.stdout.buffer if binary else sys.stdout
    elif binary:
        with open(path, "wb") as handle:
            yield handle
    else:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            yield handle
