"""A second process fills the per-article caches that need only each article while the build discovers places."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from .articlecache import keeping, prepare
from .model import Article
from .parallel import forks, quiet_signals

#: Fewer articles than this are read faster than a process starts.
MIN_ARTICLES = 20
#: Seconds the worker is given to notice it is told to stop before it is ended.
STOP_WAIT = 1.0


@contextmanager
def ahead(articles: Sequence[Article], cache_dir: Path, jobs: int, infer: bool) -> Iterator[None]:
    """Within the block, a forked process writes the records the build's later steps would compute
    one article at a time (travel cues; with ``infer``, time expressions, word analyses, sequence
    cues), those steps then read them. Records are the same whoever computes them (the steps still
    compute any the worker has not reached), so the outputs are too. Only with ``jobs`` > 1, and
    where processes fork (a spawned one would import everything again)."""
    if jobs < 2 or len(articles) < MIN_ARTICLES or not forks():
        yield
        return
    import multiprocessing

    context = multiprocessing.get_context("fork")
    stop = context.Event()
    worker = context.Process(target=_fill, args=(articles, cache_dir, infer, stop), daemon=True)
    worker.start()
    try:
        yield
    finally:
        stop.set()  # a cold build's worker is done long before; a rebuild's only looked
        worker.join(STOP_WAIT)
        if worker.is_alive():  # within one long step (the story's time expressions): its work is redone anyway
            worker.terminate()
            worker.join()


def _fill(articles: Sequence[Article], cache_dir: Path, infer: bool, stop: object) -> None:
    """The worker: every missing record, until done or told to stop."""
    try:
        quiet_signals()
        signal.signal(signal.SIGTERM, _ended)  # ended mid-record: the record's temporary file is removed
        # Behind every other process of the build: discovery's own processes and NER keep both cores
        # busy; this one should take a core only when one would idle (the build's serial steps).
        os.nice(10)
        from .discover import load_lexicon
        from .infer.clauses import analysis_key
        from .infer.sequence import marks_key
        from .infer.storytime import story_time
        from .unplaced import cues_key

        with keeping(cache_dir):
            lex = load_lexicon()
            fresh = False
            for a in articles:
                if stop.is_set():  # type: ignore[attr-defined]
                    return
                prepare("cues", *cues_key(a, lex))
            for a in articles if infer else ():
                if stop.is_set():  # type: ignore[attr-defined]
                    return
                fresh |= prepare("words", *analysis_key(a))
                fresh |= prepare("marks", *marks_key(a))
            if fresh:  # a rebuild finds every record there and reads none of them
                story_time(articles)  # writes each article's time expressions, as the inference parses them
    finally:
        os._exit(0)  # no atexit handlers or flushing of the parent's inherited buffers


def _ended(*_: object) -> None:
    raise SystemExit(0)
