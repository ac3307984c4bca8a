"""A time limit on a block of code, for the per-document limit (setting `document_timeout`).

The limit is a real-time interval timer (SIGALRM) whose handler raises `TimeLimitExceeded`
in the code that overran: CPython checks for signals between bytecodes and inside long
regular-expression matches, so a catastrophic regex or a runaway loop is stopped, not only
noticed afterwards. `TimeLimitExceeded` derives from BaseException so that the many
`except Exception` blocks of the libraries we call (trafilatura, for one) cannot swallow it.

Signals reach only the main thread, so the limit applies where the executors run documents
(the CLI process, and the main thread of every worker process); called from another thread
(the API's write route runs `ingest` in a thread), it does nothing. A timer already running
(pytest-timeout uses one) is saved and re-armed with what is left of it.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class TimeLimitExceeded(BaseException):  # BaseException, as KeyboardInterrupt: see above
    """The block ran longer than its time limit."""


def can_limit_time() -> bool:
    """Whether `time_limit` is enforced in the calling thread."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise `TimeLimitExceeded` inside the block once it has run for `seconds`.

    None means no limit; so does a thread other than the main thread (see the module doc).

    >>> with time_limit(5):
    ...     sum(range(10))
    45
    """
    if seconds is None or not can_limit_time():
        yield
        return
    if seconds <= 0:
        raise TimeLimitExceeded()
    armed = [True]

    def expire(signum: int, frame: FrameType | None) -> None:
        if armed[0]:  # a signal delivered just after the block ended is ignored
            raise TimeLimitExceeded()

    started = time.monotonic()
    previous_handler = signal.signal(signal.SIGALRM, expire)
    previous_delay, previous_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        armed[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_delay:  # give the outer timer back what is left of it (at least a tick)
            left = max(previous_delay - (time.monotonic() - started), 1e-3)
            signal.setitimer(signal.ITIMER_REAL, left, previous_interval)
