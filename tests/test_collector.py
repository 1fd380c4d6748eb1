"""The build's garbage collector policy: survivors of a full collection frozen, all given back at the end."""

from __future__ import annotations

import gc
import weakref

from geomap.collector import walked_once
from geomap.parallel import shared


class _Node:
    """An object that can be part of a reference cycle (and be weakly referenced)."""

    def __init__(self) -> None:
        self.other: _Node | None = None


def _cycle() -> weakref.ref:
    a, b = _Node(), _Node()
    a.other, b.other = b, a
    return weakref.ref(a)


def test_survivors_of_a_full_collection_are_frozen_within_the_block_and_given_back_after():
    assert gc.get_freeze_count() == 0
    callbacks = list(gc.callbacks)
    with walked_once():
        kept = _Node()
        gc.collect(1)
        assert gc.get_freeze_count() == 0  # a younger collection freezes nothing
        gc.collect()
        assert gc.get_freeze_count() > 0
        assert not any(o is kept for o in gc.get_objects())  # out of the collector's lists
    assert gc.get_freeze_count() == 0
    assert gc.callbacks == callbacks
    assert any(o is kept for o in gc.get_objects())


def test_a_cycle_dropped_after_it_was_frozen_is_collected_once_the_block_ends():
    with walked_once():
        ref = _cycle()
        gc.collect()
        assert ref() is None  # garbage at a full collection is still collected
        node = _Node()
        node.other = _Node()
        node.other.other = node
        ref = weakref.ref(node)
        gc.collect()  # survives: frozen
        del node
        gc.collect()
        assert ref() is not None  # its cycle waits for the block's end
    gc.collect()
    assert ref() is None


def test_nested_blocks_and_an_outer_freeze_keep_the_outer_owner():
    with walked_once():
        with walked_once():
            gc.collect()
        assert gc.get_freeze_count() > 0  # the inner block gave nothing back: the outer one owns it
    assert gc.get_freeze_count() == 0
    with shared():  # an outer freeze (forked workers' shared pages) is not given back by the block
        with walked_once():
            gc.collect()
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
