"""The store snapshot the server answers from, moved to the newest when the manifest changes.

The writer replaces `manifest.json` by rename, so a change of its inode, time or size means
a new snapshot. A request that notices it loads the new snapshot into a new `Store` while
the other requests go on with the old one, which is released when its last reader is done:
readers never wait for each other nor for a writer.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

from newsevents.store.layout import MANIFEST, require_store
from newsevents.store.reader import Store

log = logging.getLogger("newsevents.api")
_Stamp = tuple[int, int, int] | None


class Snapshot:
    """The current `Store` of the folder `root` (see the module docstring)."""

    def __init__(self, root: str | Path, cache: bool = True) -> None:
        self.root = Path(root)
        require_store(self.root)
        self.cache = cache
        self.error: str | None = None  # why the newest snapshot could not be loaded
        self._lock = threading.Lock()
        self._stamp = self._manifest_stamp()
        self._store = Store(self.root, cache=cache)

    def _manifest_stamp(self) -> _Stamp:
        try:
            stat = os.stat(self.root / MANIFEST)
        except OSError:
            return None
        return (stat.st_ino, stat.st_mtime_ns, stat.st_size)

    def current(self) -> Store:
        """The newest snapshot, loading it first when the manifest changed and nobody else is."""
        stamp = self._manifest_stamp()
        if stamp != self._stamp and self._lock.acquire(blocking=False):
            try:
                self._load(stamp)
            finally:
                self._lock.release()
        return self._store

    def reload(self) -> Store:
        """Load the newest snapshot now (after this process wrote to the store)."""
        with self._lock:
            self._load(self._manifest_stamp())
        return self._store

    def _load(self, stamp: _Stamp) -> None:
        if stamp == self._stamp:
            return
        try:
            store = Store(self.root, cache=self.cache)
        except Exception as exc:  # keep answering from the last good snapshot
            log.error("cannot load the new snapshot of %s: %s", self.root, exc)
            self.error = f"{type(exc).__name__}: {exc}"
        else:
            self._store, self.error = store, None
        self._stamp = stamp  # a broken manifest is tried again only when it changes
