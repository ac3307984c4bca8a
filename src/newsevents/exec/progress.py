"""A progress line for long runs: done/total, rate and ETA, on stderr.

On a terminal the line is redrawn in place; in a log file a line is written at most every
`interval` seconds, so a long ingest neither floods a log nor stays silent.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


def duration(seconds: float) -> str:
    """'1h02m', '3m05s' or '12s'.

    >>> duration(3725), duration(185), duration(12.4)
    ('1h02m', '3m05s', '12s')
    """
    s = round(seconds)
    if s >= 3600:
        return f"{s // 3600}h{s % 3600 // 60:02d}m"
    return f"{s // 60}m{s % 60:02d}s" if s >= 60 else f"{s}s"


class Progress:
    def __init__(
        self,
        total: int,
        label: str = "documents",
        stream: TextIO | None = None,
        interval: float = 10.0,
    ) -> None:
        self.total = total
        self.label = label
        self.stream = stream or sys.stderr
        self.interval = interval
        self.done = 0
        self.started = time.monotonic()
        self._last_line = 0.0
        self._tty = self.stream.isatty()

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = self.done / elapsed
        left = self.total - self.done
        eta = duration(left / rate) if rate > 0 and left > 0 else "-"
        percent = 100 * self.done / self.total if self.total else 100.0
        return (
            f"{self.done}/{self.total} {self.label} ({percent:.0f}%)  "
            f"{rate:.2f}/s  elapsed {duration(elapsed)}  ETA {eta}"
        )

    def advance(self, n: int) -> None:
        self.done += n
        now = time.monotonic()
        if self._tty:
            self.stream.write("\r" + self.line() + "\033[K")
            self.stream.flush()
        elif now - self._last_line >= self.interval or self.done >= self.total:
            self._last_line = now
            self.stream.write(self.line() + "\n")
            self.stream.flush()

    def finish(self) -> None:
        if self._tty:
            self.stream.write("\n")
            self.stream.flush()
