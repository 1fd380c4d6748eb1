"""Per-article work shared out to forked processes, results in the order asked: the same as a serial run."""

from __future__ import annotations

import signal
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")

#: Fewer items than this are done faster here than processes start.
MIN_ITEMS = 20
#: Items sent to a process at once: few enough that both finish together, enough to amortise the sending.
CHUNKS_PER_PROCESS = 8

_task: Callable[[int], object] | None = None  # what the forked processes run (they inherit it)


def each(task: Callable[[int], T], items: Sequence[int], jobs: int,
         progress: Callable[[int], None] | None = None) -> list[T]:
    """``[task(i) for i in items]``, computed by ``jobs`` forked processes when there are enough items
    (and the platform forks: a spawned process would import and load everything again).

    ``task`` runs in a copy of this process made now: it reads what the caller holds, and what it
    returns comes back pickled; what it changes stays there. ``progress(done)`` hears each result.
    """
    global _task
    import multiprocessing  # here: a small build never forks, and starts sooner without it

    if jobs < 2 or len(items) < MIN_ITEMS or _task is not None or "fork" not in multiprocessing.get_all_start_methods():
        out = []
        for i in items:
            out.append(task(i))
            if progress is not None:
                progress(len(out))
        return out
    _task = task
    pool = multiprocessing.get_context("fork").Pool(jobs, initializer=quiet_signals)
    try:
        out = []
        for result in pool.imap(_run, items, chunksize=max(1, len(items) // (jobs * CHUNKS_PER_PROCESS))):
            out.append(result)
            if progress is not None:
                progress(len(out))
        pool.close()  # the processes end on their own, not by a signal
        return out
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
        _task = None


def quiet_signals() -> None:
    """In a forked process: Ctrl-C is the parent's to handle, and SIGTERM just ends it (the CLI's
    handlers, inherited, would print a traceback from each process)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _run(i: int) -> object:
    assert _task is not None
    return _task(i)
