"""Command line: `newsevents annotate | code | settings`.

Exit codes: 0 every document analysed, 1 at least one document failed (each failure is
in the output with its reason and summarised on stderr), 2 bad usage or configuration.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TextIO

from newsevents import __version__, commands_store
from newsevents.api import command as serve_command
from newsevents.config import SETTINGS, Config, load_config
from newsevents.exec.local import LocalExecutor
from newsevents.export.plover import plover_record
from newsevents.ingest.docdate import normalise_date
from newsevents.ingest.readers import FORMATS, read_sources
from newsevents.nlp.model import ModelError
from newsevents.records import Analysis

EVENT_COLUMNS = ("doc", "date", "type", "mode", "actor", "recipient", "cameo", "trigger", "aux")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command in commands_store.COMMANDS:
        return commands_store.run(args)
    if args.command == "serve":
        return serve_command.run(args)
    if args.command == "settings":
        for s in SETTINGS:
            print(f"{s.name} = {s.default!r}\n    {s.help}")
        return 0
    if args.command == "actors":
        return _actors(args.text, normalise_date(args.date), args.context, args.format)
    if args.command == "explain":
        from newsevents.explain import explain

        print(explain(args.sentence, normalise_date(args.date)))
        return 0
    try:
        config = load_config(args.config, workers=args.workers, max_document_bytes=args.max_bytes)
        date = normalise_date(args.date)
    except (OSError, ValueError) as exc:
        parser.error(str(exc))
    results = _analyse(args.inputs, args.input_format, date, config)
    counts: Counter[str] = Counter()
    out = sys.stdout
    try:
        if args.command == "annotate":
            write_jsonl(_counted(results, counts), out)
        elif args.command == "quotes":
            write_quotes(_counted(results, counts), out)
        else:
            write_events(_counted(results, counts), out, args.format)
    except ModelError as exc:
        print(f"newsevents: {exc}", file=sys.stderr)
        return 2
    _summary(counts)
    return 1 if any(code != "ok" for code in counts) else 0


ACTOR_FIELDS = ("name", "country", "sector", "wikidata", "role", "explain")


def _actors(text: str, date: str | None, context: str | None, fmt: str) -> int:
    """Print what `text` resolves to; every field null when nothing matches (exit 0 either way)."""
    from newsevents.actors import default_resolver

    found = default_resolver().resolve(text, date, context)
    record = found.as_dict() if found else dict.fromkeys(ACTOR_FIELDS)
    if fmt == "json":
        print(json.dumps({"text": text, **record}, ensure_ascii=False))
    else:
        print(
            "\n".join(f"{k:9} {record[k] if record[k] is not None else '-'}" for k in ACTOR_FIELDS)
        )
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsevents", description=__doc__)
    parser.add_argument("--version", action="version", version=f"newsevents {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    annotate = sub.add_parser("annotate", help="print the document analysis as JSON Lines")
    code = sub.add_parser("code", help="print the events as a table")
    quotes = sub.add_parser("quotes", help="print speaker, cue and quote as a table")
    # annotate's --format names the input format (the output contract); code's names the output
    for cmd, input_flags in (
        (annotate, ["--format", "--input-format"]),
        (code, ["--input-format"]),
        (quotes, ["--input-format"]),
    ):
        cmd.add_argument(
            "inputs",
            nargs="*",
            default=["-"],
            help="files, directories, globs, or - for stdin (default)",
        )
        cmd.add_argument(
            *input_flags,
            dest="input_format",
            choices=FORMATS,
            default="auto",
            help="input format (default: detect from extension and content)",
        )
        cmd.add_argument("--date", help="publication date YYYY-MM-DD for every input document")
        cmd.add_argument("--workers", type=int, help="worker processes (setting: workers)")
        cmd.add_argument("--max-bytes", type=int, help="size limit (setting: max_document_bytes)")
        cmd.add_argument("--config", help="TOML file of settings (default: $NEWSEVENTS_CONFIG)")
    code.add_argument(
        "--format",
        choices=("table", "jsonl", "csv", "plover"),
        default="table",
        help="output format of the events (plover: PLOVER-strict JSON Lines)",
    )
    actors = sub.add_parser("actors", help="resolve one actor mention and explain how")
    actors.add_argument("text", help='the mention, e.g. "Iranian President Ebrahim Raisi"')
    actors.add_argument("--date", help="date YYYY-MM-DD at which roles are taken")
    actors.add_argument("--context", help="the sentence the mention comes from")
    actors.add_argument("--format", choices=("json", "text"), default="text")
    explain = sub.add_parser("explain", help="show how one sentence is parsed and coded")
    explain.add_argument("sentence", help="the sentence (or short text) to explain")
    explain.add_argument("--date", help="document date YYYY-MM-DD for resolving times and roles")
    sub.add_parser("settings", help="list the settings with their defaults")
    commands_store.add_commands(sub)
    serve_command.add_command(sub)
    return parser


def _analyse(inputs: list[str], fmt: str, date: str | None, config: Config) -> Iterator[Analysis]:
    sources = read_sources(inputs, fmt, date, config.max_document_bytes)
    return LocalExecutor(config).run(sources)


def _counted(results: Iterable[Analysis], counts: Counter[str]) -> Iterator[Analysis]:
    for analysis in results:
        if analysis.error is None:
            counts["ok"] += 1
        else:
            counts[analysis.error.code] += 1
            print(
                f"newsevents: {analysis.id}: {analysis.error.code}: {analysis.error.message}",
                file=sys.stderr,
            )
        yield analysis


def _summary(counts: Counter[str]) -> None:
    failed = sum(n for code, n in counts.items() if code != "ok")
    reasons = ", ".join(f"{code} {n}" for code, n in sorted(counts.items()) if code != "ok")
    print(
        f"newsevents: {sum(counts.values())} documents, {counts['ok']} analysed, {failed} failed"
        + (f" ({reasons})" if reasons else ""),
        file=sys.stderr,
    )


def write_jsonl(results: Iterable[Analysis], out: TextIO) -> None:
    for analysis in results:
        out.write(json.dumps(analysis.to_dict(), ensure_ascii=False) + "\n")
        out.flush()


def event_row(analysis: Analysis, event: dict[str, Any]) -> dict[str, str]:
    def names(actors: list[dict[str, Any]]) -> str:
        return "; ".join(a.get("name") or a.get("text") or "" for a in actors)

    return {
        "doc": analysis.id,
        "date": event.get("date") or "",
        "type": event.get("type") or "",
        "mode": event.get("mode") or "",
        "actor": names(event.get("actor", [])),
        "recipient": names(event.get("recipient", [])),
        "cameo": event.get("cameo") or "",
        "trigger": (event.get("trigger") or {}).get("text", ""),
        "aux": ",".join(event.get("aux", [])),
    }


def write_events(results: Iterable[Analysis], out: TextIO, fmt: str) -> None:
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=EVENT_COLUMNS)
        writer.writeheader()
    for analysis in results:
        rows = [event_row(analysis, e) for e in analysis.events]
        if fmt == "csv":
            writer.writerows(rows)
        elif fmt == "jsonl":
            for event in analysis.events:
                out.write(json.dumps({"doc": analysis.id, **event}, ensure_ascii=False) + "\n")
        elif fmt == "plover":
            for event in analysis.events:
                out.write(json.dumps(plover_record(analysis, event), ensure_ascii=False) + "\n")
        else:
            out.write(document_heading(analysis) + "\n")
            out.write(format_table(rows) + "\n\n")


def document_heading(analysis: Analysis) -> str:
    if analysis.error is not None:
        return f"== {analysis.id}: FAILED {analysis.error.code}: {analysis.error.message}"
    date = analysis.published or "unknown date"
    if analysis.published_inferred:
        date += " (inferred)"
    return (
        f"== {analysis.id} | {date} | {len(analysis.sentences)} sentences | "
        f"{len(analysis.entities)} entities | {len(analysis.removed)} noise lines removed | "
        f"{len(analysis.events)} events"
    )


QUOTE_COLUMNS = ("kind", "speaker", "cue", "quote")


def write_quotes(results: Iterable[Analysis], out: TextIO) -> None:
    """Each document's quotes and attributions: who (the resolved speaker, else the source
    mention), by which cue, and what, in one line each."""
    for analysis in results:
        rows = []
        for quote in analysis.quotes:
            speaker = quote.get("speaker") or {}
            source = quote.get("source") or {}
            rows.append({
                "kind": quote.get("kind") or "",
                "speaker": speaker.get("name") or speaker.get("text") or source.get("text") or "-",
                "cue": quote.get("cue") or "-",
                "quote": " ".join(quote["text"].split()),
            })  # fmt: skip
        out.write(document_heading(analysis) + "\n")
        out.write(format_table(rows, QUOTE_COLUMNS, "(no quotes)") + "\n\n")


def format_table(
    rows: list[dict[str, str]],
    columns: Sequence[str] = EVENT_COLUMNS[1:],
    empty: str = "(no events)",
) -> str:
    """Aligned text columns; an explicit `empty` line rather than an empty body."""
    widths = {c: max([len(c)] + [len(r[c]) for r in rows]) for c in columns}
    lines = ["  ".join(c.upper().ljust(widths[c]) for c in columns).rstrip()]
    lines += ["  ".join(r[c].ljust(widths[c]) for c in columns).rstrip() for r in rows]
    if not rows:
        lines.append(empty)
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
