"""The event store: Parquet files partitioned by month, queried with DuckDB.

`store.reader.Store` reads a snapshot (the query API); `store.writer.StoreWriter` is the one
writer; `store.layout` says where the files live. See store/layout.py for the folder.
"""
