"""Per-article work in forked processes: results in order, as a serial run's; the indexes answer there too."""

from __future__ import annotations

import contextvars
import gc
import os
import signal
import time
from pathlib import Path

import pytest

from geomap.geocoders import GeoNamesIndex
from geomap.geocoders.airport_index import AirportIndex
from geomap.parallel import (
    CHUNKS_PER_PROCESS,
    MIN_ITEMS,
    each,
    elsewhere,
    kept_or_each,
    meanwhile,
    one_native_thread,
    progress_after,
    shared,
)

NAMES = ["Paris", "Lyon", "Kyiv", "Vladivostok", "Springfield", "Nowhere-at-all", "Hanoi", "Lima", "Rome", "Doha"]


def test_results_come_in_order_from_other_processes() -> None:
    items = list(range(3 * MIN_ITEMS))[::-1]
    seen: list[int] = []
    out = each(lambda i: (i * i, os.getpid()), items, jobs=2, progress=seen.append)
    assert [r for r, _ in out] == [i * i for i in items]
    assert {pid for _, pid in out} - {os.getpid()}  # the work left this process
    assert seen == list(range(1, len(items) + 1))


FOLDER: contextvars.ContextVar[str] = contextvars.ContextVar("folder", default="unset")


def test_renewed_processes_take_a_share_each_and_see_the_callers_context() -> None:
    items = list(range(4 * MIN_ITEMS * CHUNKS_PER_PROCESS))
    token = FOLDER.set("this build's cache")  # as the build's cache folder is (articlecache.keeping)
    try:
        out = each(lambda i: (i, os.getpid(), FOLDER.get()), items, jobs=2, renew=True)
    finally:
        FOLDER.reset(token)
    assert [i for i, _, _ in out] == items
    # A process per share, not two for the run; the later ones are forked by the pool's own thread.
    assert len({pid for _, pid, _ in out}) > 2
    assert {folder for _, _, folder in out} == {"this build's cache"}


def test_while_processes_share_this_ones_pages_the_collector_leaves_them_alone() -> None:
    assert gc.get_freeze_count() == 0
    frozen = each(lambda i: gc.get_freeze_count(), list(range(2 * MIN_ITEMS)), jobs=2)
    assert min(frozen) > 0  # the objects they inherited are never scanned (and so never copied) there
    assert gc.get_freeze_count() == 0  # given back here once they are done
    with shared():
        inner = gc.get_freeze_count()
        with shared():
            pass
        assert gc.get_freeze_count() >= inner > 0  # only the outermost block gives them back
    assert gc.get_freeze_count() == 0


def test_few_items_or_one_job_stay_here() -> None:
    for items, jobs in ((list(range(MIN_ITEMS - 1)), 2), (list(range(MIN_ITEMS)), 1)):
        assert each(lambda i: os.getpid(), items, jobs=jobs) == [os.getpid()] * len(items)


def test_work_elsewhere_runs_in_another_process_which_may_share_it_out() -> None:
    loaded: list[str] = []

    def task(tell):
        loaded.append("model")  # what the task loads stays in the other process
        out = each(lambda i: (i, os.getpid()), list(range(2 * MIN_ITEMS)), jobs=2, progress=tell)
        return os.getpid(), out

    seen: list[int] = []
    there, out = elsewhere(task, seen.append)
    assert there != os.getpid() and loaded == []
    assert [i for i, _ in out] == list(range(2 * MIN_ITEMS))
    assert {pid for _, pid in out} - {there, os.getpid()}  # its own processes did the work
    assert seen == list(range(1, 2 * MIN_ITEMS + 1))  # their progress reached this process


def test_an_error_elsewhere_is_raised_here() -> None:
    def task(tell):
        raise ValueError("no model")

    with pytest.raises(ValueError, match="no model"):
        elsewhere(task)


def test_interrupted_here_the_work_elsewhere_ends_with_all_its_processes(tmp_path) -> None:
    pids = tmp_path / "pids"

    def task(tell):
        def slow(i: int) -> int:
            with pids.open("a") as f:
                f.write(f"{os.getpid()}\n")
            time.sleep(5)  # a chunk of these outlasts the wait below
            return i
        return each(slow, list(range(2 * MIN_ITEMS)), jobs=2, progress=tell)

    def interrupt(*_: object) -> None:
        raise KeyboardInterrupt  # Ctrl-C here while the work goes on elsewhere

    previous = signal.signal(signal.SIGALRM, interrupt)
    try:
        signal.setitimer(signal.ITIMER_REAL, 1.5)
        with pytest.raises(KeyboardInterrupt):
            elsewhere(task)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    started = {int(p) for p in pids.read_text().split()}
    assert len(started) == 2
    deadline = time.monotonic() + 4
    while time.monotonic() < deadline and any(_running(p) for p in started):
        time.sleep(0.1)
    assert not any(_running(p) for p in started)  # no process left working or waiting for work


def test_meanwhile_the_task_runs_in_another_process_while_the_block_runs_here(tmp_path) -> None:
    mark = tmp_path / "here"

    def task():
        while not mark.exists():  # it waits for the block: both run at once
            time.sleep(0.01)
        return os.getpid()

    with meanwhile(task) as wait:
        mark.touch()
        there = wait()
    assert there != os.getpid()


def test_meanwhile_its_error_is_raised_when_waited_for() -> None:
    def task():
        raise ValueError("no disk")

    with pytest.raises(ValueError, match="no disk"), meanwhile(task) as wait:
        wait()


def test_meanwhile_left_early_the_task_is_ended(tmp_path) -> None:
    pid = tmp_path / "pid"

    def task():
        pid.write_text(str(os.getpid()))
        time.sleep(30)

    with pytest.raises(KeyboardInterrupt), meanwhile(task):
        while not pid.exists() or not pid.read_text():
            time.sleep(0.01)
        raise KeyboardInterrupt
    assert not _running(int(pid.read_text()))


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False  # gone (or no /proc: nothing to check)
    return state not in ("Z", "X")


def test_the_indexes_answer_in_a_forked_process_as_here() -> None:
    geonames, airports = GeoNamesIndex.load(), AirportIndex.load()
    names = NAMES * 3
    here = [([p.id for p in geonames.lookup(n)], [p.id for p in airports.lookup(n)]) for n in names]
    there = each(lambda i: ([p.id for p in geonames.lookup(names[i])], [p.id for p in airports.lookup(names[i])]),
                 list(range(len(names))), jobs=2)
    assert there == here
    assert geonames.lookup("Paris") == GeoNamesIndex.load().lookup("Paris")  # this process's connection still works


def test_progress_after_tells_the_cached_items_first_then_each_computed_one() -> None:
    heard: list[tuple[str, int, int]] = []
    told = progress_after(lambda stage, n, total: heard.append((stage, n, total)), "reading", 2, 5)
    assert heard == [("reading", 1, 5), ("reading", 2, 5)]
    assert told is not None
    told(1)
    told(3)
    assert heard[2:] == [("reading", 3, 5), ("reading", 5, 5)]
    assert progress_after(None, "reading", 2, 5) is None


def test_kept_or_each_computes_only_the_missing_ones_and_tells_the_kept_first() -> None:
    kept: list[tuple[int, int] | None] = [None if i % 3 else (i, 0) for i in range(3 * MIN_ITEMS)]
    heard: list[tuple[str, int, int]] = []
    out = kept_or_each(kept, lambda i: (i, os.getpid()), 2, lambda *told: heard.append(told), "reading")
    assert [i for i, _ in out] == list(range(len(kept)))
    assert {pid for i, pid in out if i % 3 == 0} == {0}  # the kept ones are not computed again
    assert {pid for i, pid in out if i % 3} - {os.getpid(), 0}  # the missing ones in other processes
    cached = len(kept) - sum(k is None for k in kept)
    assert heard[:cached] == [("reading", n, len(kept)) for n in range(1, cached + 1)]
    assert heard[-1] == ("reading", len(kept), len(kept))
    assert kept_or_each([(1, 1), (2, 2)], lambda i: (0, 0), 2) == [(1, 1), (2, 2)]  # nothing missing: nothing run


def test_native_pools_run_one_thread_in_the_block_and_its_processes_and_get_their_threads_back() -> None:
    threadpoolctl = pytest.importorskip("threadpoolctl")
    import numpy  # noqa: F401  (its BLAS loaded)

    def blas_threads(_: int = 0) -> list[int]:
        return [lib["num_threads"] for lib in threadpoolctl.threadpool_info() if lib["user_api"] == "blas"]

    before = blas_threads()
    with one_native_thread():
        assert blas_threads() and set(blas_threads()) == {1}
        # NER's processes are forked inside the block: each must inherit the one thread.
        assert all(set(n) == {1} for n in each(blas_threads, range(MIN_ITEMS), jobs=2))
    assert blas_threads() == before
