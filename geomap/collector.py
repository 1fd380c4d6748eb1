"""The cyclic garbage collector during a build: each long-lived object walked once, not at every full collection."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def walked_once() -> Iterator[None]:
    """Within the block, what survives a full collection is frozen (``gc.freeze``): the next one walks
    only what was made since. A build keeps millions of objects to its end (articles, mentions,
    evidence, visits) and CPython collects the oldest generation each time it grew by a quarter,
    walking all of it again: a warm 10,000-article build made 38 full collections, ≈ 40 % of its
    main process's time. Objects freed by their count go as before; cycles among frozen ones wait
    for the block's end, which gives them all back to the collector (unless an outer freeze owns
    them: ``parallel.shared``). Nested blocks are the outermost one's."""
    if _freeze_survivors in gc.callbacks:
        yield
        return
    outermost = gc.get_freeze_count() == 0
    gc.callbacks.append(_freeze_survivors)
    try:
        yield
    finally:
        gc.callbacks.remove(_freeze_survivors)
        if outermost:
            gc.unfreeze()


def _freeze_survivors(phase: str, info: dict[str, int]) -> None:
    if phase == "stop" and info["generation"] == 2:
        gc.freeze()
