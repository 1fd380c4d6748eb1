"""Per-article work shared out to forked processes, results in the order asked: the same as a serial run."""

from __future__ import annotations

import contextvars
import gc
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from functools import partial
from typing import TypeVar

T = TypeVar("T")

#: Fewer items than this are done faster here than processes start.
MIN_ITEMS = 20
#: Items sent to a process at once: few enough that both finish together, enough to amortise the sending.
CHUNKS_PER_PROCESS = 8

_task: Callable[[int], object] | None = None  # what the forked processes run (they inherit it)


def one_native_thread() -> AbstractContextManager:
    """Native thread pools (numpy's BLAS, OpenMP) on one thread within the block: the processes are the
    parallelism, and those pools' threads spin-wait (NER on a busy 2-core machine: 23 -> 75 ms a text with
    two; a small fit of the inference's weights 20x slower). Forked processes inherit the limit. Without
    threadpoolctl (the [nlp] and [train] extras bring it) nothing is limited: slower, the same results."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return nullcontext()
    return threadpool_limits(limits=1)


def progress_after(progress: Callable[[str, int, int], None] | None, stage: str, cached: int, total: int
                   ) -> Callable[[int], None] | None:
    """``each``'s ``progress`` for a ``stage`` whose first ``cached`` of ``total`` items came from a cache:
    those are told at once, first (the bar runs the same on a rebuild), then each one computed after them."""
    if progress is None:
        return None
    for n in range(1, cached + 1):
        progress(stage, n, total)
    return lambda n: progress(stage, cached + n, total)


def kept_or_each(kept: Sequence[T | None], task: Callable[[int], T], jobs: int,
                 progress: Callable[[str, int, int], None] | None = None, stage: str = "", renew: bool = False
                 ) -> list[T]:
    """``kept`` (each item's result as the build keeps it, None when missing) with the missing ones
    computed by ``task``, shared out to ``jobs`` processes by :func:`each` (``renew`` as there): a rebuild
    forks for none (sending 10,000 articles' evidence back pickled cost this process more than reading
    their records here). ``progress(stage, done, total)`` hears the kept ones first, then each computed one."""
    todo = [i for i, found in enumerate(kept) if found is None]
    out = list(kept)
    told = progress_after(progress, stage, len(kept) - len(todo), len(kept))
    for i, found in zip(todo, each(task, todo, jobs, told, renew=renew)):
        out[i] = found
    return out  # type: ignore[return-value]


def each(task: Callable[[int], T], items: Sequence[int], jobs: int,
         progress: Callable[[int], None] | None = None, renew: bool = False) -> list[T]:
    """``[task(i) for i in items]``, computed by ``jobs`` forked processes when there are enough items
    (and the platform forks: a spawned process would import and load everything again).

    ``task`` runs in a copy of this process made now: it reads what the caller holds, and what it
    returns comes back pickled; what it changes stays there. ``progress(done)`` hears each result.
    With ``renew``, each share of the items gets a new copy: a process writes into the pages it shares
    with this one as it goes (a page copied for each object it touches, each hole it fills), so one kept
    for the whole run ends up owning most of them; a new one per share owns a share's worth (2,000
    articles, the inference's processes: 55 → 22 MiB each). That costs a start per share: for tasks
    that load nothing the caller has not loaded already.
    """
    global _task
    if jobs < 2 or len(items) < MIN_ITEMS or _task is not None or not forks():
        out = []
        for i in items:
            out.append(task(i))
            if progress is not None:
                progress(len(out))
        return out
    import multiprocessing

    # A process renewed mid-run is forked by the pool's own thread, which lacks this one's context
    # variables (the build's cache folder): the task runs in a copy of them.
    _task = partial(contextvars.copy_context().run, task)
    with shared():
        pool = multiprocessing.get_context("fork").Pool(jobs, initializer=quiet_signals,
                                                         maxtasksperchild=1 if renew else None)
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


def elsewhere(task: Callable[[Callable[[int], None]], T], progress: Callable[[int], None] | None = None) -> T:
    """``task(tell)`` run in a forked process, its result returned here (pickled); ``tell(done)``
    there is ``progress(done)`` here. What the task loads (a model) never stays in this process's
    memory; the task may share its work out with :func:`each`, whose processes then share what it
    loaded. Run here where processes do not fork."""
    if _task is not None or not forks():
        return task(progress or _ignore)
    import multiprocessing

    context = multiprocessing.get_context("fork")
    inbox, outbox = context.Pipe(duplex=False)
    # Not a daemon: a daemon may not start the processes of each().
    worker = context.Process(target=_away, args=(task, outbox))
    with shared():  # the worker's processes share this one's pages as long as it lives
        worker.start()
        outbox.close()  # this end is the worker's: the inbox sees EOF when the worker ends
        answered = False
        try:
            while True:
                try:
                    kind, value = inbox.recv()
                except EOFError:
                    raise RuntimeError("a worker process ended without an answer") from None
                if kind == "done" and progress is not None:
                    progress(value)
                elif kind == "error":
                    raise value
                elif kind == "result":
                    answered = True
                    return value  # type: ignore[no-any-return]
        finally:
            if not answered:
                worker.terminate()  # interrupted here: the worker's own processes end when it does
            worker.join()
            inbox.close()


@contextmanager
def meanwhile(task: Callable[[], T]) -> Iterator[Callable[[], T]]:
    """``task()`` started in a forked process while the block runs here; the block's ``wait()`` (what
    the block is given) returns its result (pickled), or raises its error. Left early (an error here,
    an interrupt), the process is ended. Where processes do not fork, ``wait()`` runs the task here."""
    if _task is not None or not forks():
        yield task
        return
    import multiprocessing

    context = multiprocessing.get_context("fork")
    inbox, outbox = context.Pipe(duplex=False)
    worker = context.Process(target=_away, args=(lambda _tell: task(), outbox))
    answered = False

    def wait() -> T:
        nonlocal answered
        try:
            kind, value = inbox.recv()
        except EOFError:
            raise RuntimeError("a worker process ended without an answer") from None
        answered = True
        if kind == "error":
            raise value
        return value  # type: ignore[no-any-return]

    with shared():  # the worker shares this one's pages as long as it lives
        worker.start()
        outbox.close()
        try:
            yield wait
        finally:
            if not answered:
                worker.terminate()
            worker.join()
            inbox.close()


@contextmanager
def shared() -> Iterator[None]:
    """Within the block, the objects this process holds now are out of the cyclic garbage collector's
    reach (``gc.freeze``): a process forked in it that collects its garbage then leaves their pages
    alone, and they stay shared instead of copied into it (1,000 articles: discovery's processes own
    17 MiB each instead of 34). The outermost block gives them back."""
    outermost = gc.get_freeze_count() == 0
    gc.freeze()
    try:
        yield
    finally:
        if outermost:
            gc.unfreeze()


def _away(task: Callable[[Callable[[int], None]], object], outbox: object) -> None:
    """The process :func:`elsewhere` started: runs the task, sends progress and the answer back."""
    send = outbox.send  # type: ignore[attr-defined]
    try:
        quiet_signals()
        # Ended by the caller (interrupted): through each()'s handler, which ends the processes it
        # started; they would otherwise wait for work forever, holding what they loaded.
        signal.signal(signal.SIGTERM, _stop)
        try:
            send(("result", task(lambda done: send(("done", done)))))
        except Exception as exc:  # noqa: BLE001 - re-raised by the caller, in its process
            send(("error", exc))
    finally:
        os._exit(0)  # no atexit handlers or flushing of the parent's inherited buffers


def _stop(*_: object) -> None:
    raise SystemExit(1)


def _ignore(_: int) -> None:
    """No one listens to the progress."""


def forks() -> bool:
    """Whether processes can be forked here (a spawned one would import and load everything again)."""
    import multiprocessing  # here: a small build never forks, and starts sooner without it

    return "fork" in multiprocessing.get_all_start_methods()


def quiet_signals() -> None:
    """In a forked process: Ctrl-C is the parent's to handle, and SIGTERM just ends it (the CLI's
    handlers, inherited, would print a traceback from each process)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _run(i: int) -> object:
    assert _task is not None
    return _task(i)
