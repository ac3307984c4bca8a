"""The per-document time limit (setting document_timeout) is enforced, not only measured."""

from __future__ import annotations

import re
import signal
import threading
import time

import pytest

from newsevents.config import load_config
from newsevents.pipeline import default_pipeline
from newsevents.records import Source
from newsevents.timelimit import TimeLimitExceeded, can_limit_time, time_limit

# written for this test
REPORT = (
    "The foreign ministers of Chile and Peru met in Lima on Monday to discuss a dispute over "
    "fishing rights. Chile's minister said the talks had been useful and that both governments "
    "would meet again next month. Peru has accused Chilean trawlers of entering its waters."
)


def test_reliability_time_limit_stops_a_catastrophic_regex() -> None:
    started = time.monotonic()
    with pytest.raises(TimeLimitExceeded), time_limit(0.3):
        re.match(r"(a+)+$", "a" * 60 + "b")  # years of backtracking
    assert time.monotonic() - started < 5


def test_reliability_time_limit_gives_an_outer_timer_back() -> None:
    before, _ = signal.getitimer(signal.ITIMER_REAL)  # pytest-timeout's, when it runs one
    started = time.monotonic()
    with pytest.raises(TimeLimitExceeded), time_limit(1.0):
        with time_limit(0.2):
            pass  # ends well inside its limit
        while True:  # the outer limit still fires
            time.sleep(0.01)
    assert 0.9 < time.monotonic() - started < 5
    after, _ = signal.getitimer(signal.ITIMER_REAL)
    if before:  # the timer that ran before is running again, less the time spent
        assert before - 6 < after < before
    else:
        assert after == 0.0, "no timer is left running"


def test_reliability_time_limit_does_nothing_outside_the_main_thread() -> None:
    outcome: list[object] = []

    def worker() -> None:
        outcome.append(can_limit_time())
        with time_limit(0.01):
            time.sleep(0.1)
        outcome.append("finished")

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert outcome == [False, "finished"]


def test_reliability_document_timeout_setting_is_checked() -> None:
    assert load_config().document_timeout > 0
    with pytest.raises(ValueError, match="document_timeout"):
        load_config(document_timeout=-1)


def test_reliability_document_timeout_fails_one_document_and_the_batch_goes_on() -> None:
    # a long made-up report: its parse alone takes far longer than the one second allowed
    long_text = "\n\n".join(REPORT.replace("Monday", f"day {i}") for i in range(700))
    sources = [
        Source("long", long_text, "text", published="2024-05-06", origin="long"),
        Source("short", REPORT, "text", published="2024-05-06", origin="short"),
    ]
    # load the models and tables first: the first document of a process pays for that
    assert default_pipeline(load_config()).run(sources[1:])[0].error is None
    pipeline = default_pipeline(load_config(document_timeout=1))
    started = time.monotonic()
    long, short = pipeline.run(sources)
    elapsed = time.monotonic() - started
    assert long.error is not None and long.error.code == "timeout", long.error
    assert "document_timeout" in long.error.message
    assert short.error is None and short.events, "the other document is coded"
    assert elapsed < 30, f"the long document was stopped, not waited for ({elapsed:.0f} s)"
    # with the limit off, the same pipeline codes it (a bounded slice, to stay quick)
    unlimited = default_pipeline(load_config(document_timeout=0))
    (sliced,) = unlimited.run([Source("slice", long_text[:3000], "text", origin="slice")])
    assert sliced.error is None
