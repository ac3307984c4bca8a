"""The store: ingest through the real pipeline, idempotence, snapshots, queries, filters."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from store_fixtures import build_store, document, sample_documents

from newsevents.cli import main
from newsevents.dedup import deduplicate
from newsevents.records import Analysis
from newsevents.store import uniques
from newsevents.store.known import read_known, write_known
from newsevents.store.layout import StoreError, atomic_write_json, read_manifest, writer_lock
from newsevents.store.query import EventFilter, QueryError
from newsevents.store.reader import Store
from newsevents.store.rows import EVENT_SCHEMA, SCHEMA_ID

# Reports written by the team for these tests (no news text from ../shared).
ARTICLES = [
    {
        "id": "fish-1",
        "source": "Daily Planet",
        "published": "2024-03-12",
        "text": "Chile and Peru signed a fisheries agreement in Lima on Monday. The foreign "
        "ministers of both countries said the accord ends a long dispute.",
    },
    {
        "id": "fish-2",
        "source": "Morning Courier",
        "published": "2024-03-12",
        "text": "Peru and Chile signed an agreement on fisheries in Lima on Monday, ending a "
        "dispute over fishing rights.",
    },
    {
        "id": "strike-1",
        "source": "Daily Planet",
        "published": "2024-03-13",
        "text": "Russian forces attacked the Ukrainian city of Kharkiv on Tuesday, officials in "
        "Kyiv said.",
    },
    {
        "id": "ru-1",
        "source": "Evening Ledger",
        "text": "Министры иностранных дел Чили и Перу встретились в понедельник в Лиме, чтобы "
        "обсудить спор о правах на рыболовство. Министр Чили заявил, что переговоры "
        "были полезными и что оба правительства встретятся снова в следующем месяце.",
    },
]


def _write(path: Path, articles: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), "utf-8")
    return path


def _last_run(db: Path) -> dict:
    run_id = read_manifest(db)["runs"][-1]
    return json.loads((db / "runs" / f"{run_id}.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ingest")
    source = _write(folder / "articles.jsonl", ARTICLES)
    assert main(["ingest", str(source), "--db", str(folder / "db"), "--shard-size", "2"]) == 1
    return folder


def test_store_ingest_stores_documents_failures_and_a_run_report(ingested: Path) -> None:
    db = ingested / "db"
    with Store(db) as store:
        docs = {d["id"]: d for d in store.documents()}
        assert set(docs) == {a["id"] for a in ARTICLES}
        assert docs["ru-1"]["error_code"] == "not_english" and docs["ru-1"]["event_count"] == 0
        assert (
            docs["fish-2"]["source"] == "Morning Courier"
            and len(docs["fish-1"]["content_hash"]) == 64
        )
        assert store.count(deduplicated=False) == sum(d["event_count"] for d in docs.values()) > 0
    report = _last_run(db)
    assert report["counts"] == {
        "coded": 3,
        "failed": 1,
        "skipped": 0,
        "events": report["counts"]["events"],
    }
    assert report["failures"] == [
        {"id": "ru-1", "code": "not_english", "message": docs["ru-1"]["error_message"]}
    ]
    assert {"newsevents", "model", "lexicon", "ontology", "actors"} <= set(report["versions"])


def test_store_reingest_skips_unchanged_and_replaces_changed_documents(ingested: Path) -> None:
    db = ingested / "db"
    assert main(["ingest", str(ingested / "articles.jsonl"), "--db", str(db)]) == 0
    assert _last_run(db)["counts"]["skipped"] == len(ARTICLES)
    with Store(db) as store:
        before = {e["id"] for e in store.events(EventFilter(), 1000, deduplicated=False)}
    changed = [
        *ARTICLES[:2],
        {
            **ARTICLES[2],
            "text": "Russian forces attacked the Ukrainian "
            "city of Kharkiv on Tuesday and shelled Kyiv.",
        },
        ARTICLES[3],
    ]
    assert main(["ingest", str(_write(ingested / "v2.jsonl", changed)), "--db", str(db)]) == 0
    assert _last_run(db)["counts"]["coded"] == 1
    with Store(db) as store:
        after = store.events(EventFilter(), 1000, deduplicated=False)
        strike = [e for e in after if e["doc_id"] == "strike-1"]
        assert strike and all("shelled Kyiv" in e["sentence_text"] for e in strike)
        assert {e["id"] for e in after if e["doc_id"] != "strike-1"} == {
            i for i in before if not i.startswith("strike-1")
        }
        versions = store.rows("SELECT count(*) AS n FROM documents_all WHERE id = 'strike-1'")
        assert versions[0]["n"] == 2 and len(store.documents()) == len(ARTICLES)


def test_store_reader_keeps_its_snapshot_while_the_writer_commits(tmp_path: Path) -> None:
    build_store(tmp_path)
    with Store(tmp_path) as reader:
        count = reader.count()
        extra = document(
            "s9",
            "2024-05-01",
            "Iran rejected the new sanctions.",
            type_="REJECT",
            cameo="120",
            quad=3,
            intensity=-4.0,
            actors=[],
            recipients=[],
            trigger="rejected",
        )
        build_store(tmp_path, [(extra, "Daily Planet")], shard="handmade0002")
        assert reader.count() == count, "an open snapshot does not change under the reader"
        assert reader.refresh() and reader.count() == count + 1


def test_store_allows_one_writer_at_a_time(tmp_path: Path) -> None:
    with (
        writer_lock(tmp_path),
        pytest.raises(StoreError, match="another process"),
        writer_lock(tmp_path),
    ):
        pass


def test_store_filters_select_the_expected_events(tmp_path: Path) -> None:
    with Store(build_store(tmp_path)) as store:

        def ids(**raw: object) -> set[str]:
            return {e["representative"] for e in store.events(EventFilter.parse(**raw), 100)}

        assert ids(type="assault") == {"k1:15", "o1:15"}
        assert ids(actor="RUS", min_sources=2) == {"k1:15"}
        assert ids(recipient="chile") == {"f1:15"}, "names match case-insensitively"
        assert ids(country="IRN") == ids(aux="reported") == {"s1:18"}
        assert ids(sector="MIL", bbox="30,45,31,47") == {"o1:15"}
        assert ids(date_from="2024-02-01", date_to="2024-02-29") == {"s1:18"}
        assert ids(mode="visit") == set()
        assert ids(actor="x' OR 1=1 --") == set(), "values are bound, never pasted into SQL"


def test_store_filters_reject_bad_values_with_a_clear_message() -> None:
    for raw, message in (
        ({"type": "INVADE"}, "PLOVER type"),
        ({"bbox": "1,2,3"}, "four"),
        ({"date_from": "12/03/2024"}, "YYYY-MM-DD"),
        ({"country": "R"}, "three"),
        ({"min_sources": "0"}, "at least 1"),
        ({"colour": "red"}, "unknown"),
    ):
        with pytest.raises(QueryError, match=message):
            EventFilter.parse(**raw)


def test_store_aggregates_count_and_sum_intensity(tmp_path: Path) -> None:
    with Store(build_store(tmp_path)) as store:
        dyads = {
            (r["actor_country"], r["recipient_country"], r["month"]): (r["events"], r["intensity"])
            for r in store.aggregate("dyad_month")
        }
        assert dyads[("RUS", "UKR", "2024-03")] == (2, -18.0)
        assert dyads[("CHL", "PER", "2024-01")] == dyads[("PER", "CHL", "2024-01")] == (1, 5.0)
        by_type = {(r["country"], r["type"]): r["events"] for r in store.aggregate("country_type")}
        assert by_type[("UKR", "ASSAULT")] == 2 and by_type[("IRN", "SANCTION")] == 1
        mentions = store.aggregate("dyad_month", EventFilter(type="ASSAULT"), deduplicated=False)
        assert [(r["events"], r["intensity"]) for r in mentions] == [(4, -36.0)]


def test_store_event_lists_every_mention_with_its_provenance(tmp_path: Path) -> None:
    with Store(build_store(tmp_path)) as store:
        (unique,) = store.events(EventFilter(type="ASSAULT", min_sources=2))
        event = store.event(unique["id"])
        assert event is not None and event["num_mentions"] == len(event["mentions"]) == 3
        assert {m["doc_id"] for m in event["mentions"]} == {"k1", "k2", "k3"}
        assert all(json.loads(m["provenance_json"])["lexicon"] == "test" for m in event["mentions"])
        assert store.event("ev-none") is None
        page = store.events(limit=2, offset=2)
        assert [e["id"] for e in page] == [e["id"] for e in store.events(limit=10)][2:4]


def test_store_query_command_prints_every_format(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    db = str(build_store(tmp_path / "db"))
    assert main(["query", "--db", db, "--type", "ASSAULT", "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsysbinary.readouterr().out.splitlines()]
    assert sorted(r["num_mentions"] for r in rows) == [1, 3]
    assert main(["query", "--db", db, "--documents", "--format", "csv"]) == 0
    lines = capsysbinary.readouterr().out.decode().splitlines()
    assert lines[0].startswith("id,content_hash,published,source,event_count") and len(lines) == 8
    assert (
        main(
            [
                "query",
                "--db",
                db,
                "--aggregate",
                "country_type",
                "--output",
                str(tmp_path / "a.parquet"),
                "--format",
                "parquet",
            ]
        )
        == 0
    )
    assert (tmp_path / "a.parquet").read_bytes()[:4] == b"PAR1"
    assert main(["query", "--db", db, "--type", "nonsense"]) == 2
    assert main(["query", "--db", str(tmp_path / "nowhere")]) == 2


def _copies(n: int) -> list[tuple[Analysis, str]]:
    """`n` copies of the sample documents, each with its own document and event ids."""
    return [
        (replace(a, id=f"{a.id}~{k}", events=[{**e, "id": f"{e['id']}~{k}"} for e in a.events]),
         source)
        for k in range(n)
        for a, source in sample_documents()
    ]  # fmt: skip


def test_store_dedup_streamed_equals_deduplicating_the_rows_in_memory(tmp_path: Path) -> None:
    with Store(build_store(tmp_path, _copies(25))) as store:
        rows = store.rows(f"SELECT {', '.join(EVENT_SCHEMA.names)} FROM events ORDER BY id")
        expected_events, expected_links = deduplicate(rows)
        stored = store.rows("SELECT * FROM unique_events")
        links = store.rows("SELECT * FROM mention_links")
    assert stored == expected_events and links == expected_links
    assert sorted(e["num_mentions"] for e in stored if e["type"] == "ASSAULT") == [25, 75]


def test_store_dedup_under_a_memory_bound_too_small_still_completes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # DuckDB cannot run the join in 1 MB: the computation runs again without the bound
    monkeypatch.setattr(uniques, "_DUCKDB_MEMORY", "1MB")
    with Store(build_store(tmp_path, _copies(25))) as store:
        rows = store.rows(f"SELECT {', '.join(EVENT_SCHEMA.names)} FROM events ORDER BY id")
        expected_events, _ = deduplicate(rows)
        assert store.rows("SELECT * FROM unique_events") == expected_events
        with pytest.raises(duckdb.OutOfMemoryException):
            store.limit_memory("1MB")
            store.rows("SELECT id, sentence_text FROM events ORDER BY sentence_text, id")
    assert not (tmp_path / uniques._SPILL).exists()


def test_store_reads_shards_of_an_older_schema_beside_current_ones(tmp_path: Path) -> None:
    docs = sample_documents()
    build_store(tmp_path, docs[:3])
    build_store(tmp_path, docs[3:], shard="handmade0002")
    # an older version's shard: its event files lack a column and its entry a schema id
    manifest = read_manifest(tmp_path)
    old_id, old = next(iter(manifest["shards"].items()))
    for name in old["files"]["events"]:
        table = pq.read_table(tmp_path / name)
        pq.write_table(table.drop_columns(["geonameid"]), tmp_path / name)
    del old["schema"]
    atomic_write_json(tmp_path / "manifest.json", manifest)
    assert all(s.get("schema") == SCHEMA_ID for k, s in manifest["shards"].items() if k != old_id)
    with Store(tmp_path) as store:
        rows = store.rows("SELECT shard, geonameid FROM events_all")
    assert {r["shard"] for r in rows} == set(manifest["shards"])
    assert all(r["geonameid"] is None for r in rows if r["shard"] == old_id)


def test_store_known_documents_snapshot_holds_each_live_version(tmp_path: Path) -> None:
    build_store(tmp_path)
    with Store(tmp_path) as store:
        live = {d["id"]: d["content_hash"] for d in store.documents()}
        assert write_known(store, tmp_path / "known.parquet") == len(live)
    found = read_known(tmp_path / "known.parquet", ["k1", "f2", "never-stored"])
    assert found == {"k1": (live["k1"], None), "f2": (live["f2"], None)}


def test_store_ingest_removes_its_snapshot_and_a_killed_runs(ingested: Path) -> None:
    db = ingested / "db"
    stale = db / "runs" / "20240101T000000Z-dead00.known.parquet"
    stale.write_bytes(b"left by a killed ingest")
    assert main(["ingest", str(ingested / "articles.jsonl"), "--db", str(db)]) == 0
    assert not list((db / "runs").glob("*.known.parquet"))
    assert _last_run(db)["counts"]["skipped"] == len(ARTICLES)


def test_store_an_abandoned_dedup_table_leaves_no_file_when_closing_fails_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a full disk fails the write, then the footer that closing the writer would write: the
    # partial file must still go (found by the disk-full test on a real tmpfs)
    rows = uniques._ParquetRows(tmp_path / "links.parquet", uniques.LINK_SCHEMA)
    rows.add([{"unique_id": "u1", "event_id": "e1"}])

    def no_space() -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(rows._writer, "close", no_space)
    rows.abandon()
    assert list(tmp_path.iterdir()) == []


def test_store_a_dedup_table_that_cannot_start_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a full disk lets the file be created and fails its header
    def full_disk(path: Path, *args: object, **kwargs: object) -> None:
        Path(path).write_bytes(b"PA")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(uniques.pq, "ParquetWriter", full_disk)
    with pytest.raises(OSError):
        uniques._ParquetRows(tmp_path / "links.parquet", uniques.LINK_SCHEMA)
    assert list(tmp_path.iterdir()) == []
