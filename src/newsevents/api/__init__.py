"""The REST API and the dashboard of an event store (`newsevents serve --db DIR`).

`app.create_app(db, ...)` builds the FastAPI application; `command` registers the CLI verb
without importing FastAPI, so other commands start as fast as before. The API only reads
through `store.reader.Store` and writes through the `ingest` command's one writer.
"""
