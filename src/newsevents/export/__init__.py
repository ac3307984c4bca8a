"""Exports of coded events to other formats."""

QUERY_FORMATS = ("table", "csv", "jsonl", "parquet")
EXPORT_FORMATS = ("plover", "gdelt", "icews", "csv", "parquet")
