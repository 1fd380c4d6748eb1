"""Per-article work in forked processes: results in order, as a serial run's; the indexes answer there too."""

from __future__ import annotations

import os

import pytest

from geomap.geocoders import GeoNamesIndex
from geomap.geocoders.airports import AirportIndex
from geomap.parallel import MIN_ITEMS, each, elsewhere

NAMES = ["Paris", "Lyon", "Kyiv", "Vladivostok", "Springfield", "Nowhere-at-all", "Hanoi", "Lima", "Rome", "Doha"]


def test_results_come_in_order_from_other_processes() -> None:
    items = list(range(3 * MIN_ITEMS))[::-1]
    seen: list[int] = []
    out = each(lambda i: (i * i, os.getpid()), items, jobs=2, progress=seen.append)
    assert [r for r, _ in out] == [i * i for i in items]
    assert {pid for _, pid in out} - {os.getpid()}  # the work left this process
    assert seen == list(range(1, len(items) + 1))


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


def test_the_indexes_answer_in_a_forked_process_as_here() -> None:
    geonames, airports = GeoNamesIndex.load(), AirportIndex.load()
    names = NAMES * 3
    here = [([p.id for p in geonames.lookup(n)], [p.id for p in airports.lookup(n)]) for n in names]
    there = each(lambda i: ([p.id for p in geonames.lookup(names[i])], [p.id for p in airports.lookup(names[i])]),
                 list(range(len(names))), jobs=2)
    assert there == here
    assert geonames.lookup("Paris") == GeoNamesIndex.load().lookup("Paris")  # this process's connection still works
