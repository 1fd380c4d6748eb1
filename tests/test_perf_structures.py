"""The incremental structures behind linear discovery and resolution agree with brute force."""

from __future__ import annotations

import random

from geomap.discover import _Spans
from geomap.geocoders.base import haversine_km
from geomap.geocoders.context import Context, NearestMemo


def test_spans_overlap_matches_brute_force() -> None:
    rng = random.Random(3)
    for _ in range(2000):
        spans, kept = _Spans(), []
        for _ in range(rng.randrange(1, 12)):
            a = rng.randrange(0, 40)
            b = a + rng.randrange(0, 8)
            if rng.random() < 0.5:
                spans.add(a, b)
                kept.append((a, b))
            q = rng.randrange(0, 45)
            r = q + rng.randrange(0, 6)
            assert spans.overlaps(q, r) == any(q < e and s < r for s, e in kept)


def test_nearest_memo_is_brute_force_min_and_reports_nearer_points() -> None:
    rng = random.Random(5)
    points = [(rng.uniform(-60, 60), rng.uniform(-170, 170)) for _ in range(40)]
    places = [(rng.uniform(-60, 60), rng.uniform(-170, 170)) for _ in range(15)]
    memo = NearestMemo(points[:3])
    context = Context(points=points[:3], memo=memo)
    for p in places:
        assert context.nearest_km(p) == min(haversine_km(p, q) for q in points[:3])
    for k in range(3, 40, 4):
        before = {p: memo.nearest_km(p) for p in places}
        changed = memo.add(points[k : k + 4])
        after = {p: memo.nearest_km(p) for p in places}
        assert after == {p: min(haversine_km(p, q) for q in points[: k + 4]) for p in places}
        assert changed == any(after[p] < before[p] for p in places)


def test_first_points_count_as_a_change() -> None:
    memo = NearestMemo()
    assert memo.nearest_km((0.0, 0.0)) is None
    assert memo.add([(1.0, 1.0)]) is True
    assert memo.add([(1.0, 1.0)]) is False  # a point already known adds nothing
