"""Fitting the score's weights on annotated stories (training only: needs the ``[train]`` extra)."""

from __future__ import annotations

import datetime as dt
import math
import zlib
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import GeomapError
from ..geocoders.base import haversine_km
from ..model import Story
from ..parallel import one_native_thread
from ..textnorm import fold_key
from .lexicon import kinds
from .score import PLACE_FEATURES, SIGNS, Weights

#: Thresholds tried when fitting: the one with the best mean F-beta per story wins (the figures
#: are means per story too, so a long story's many mentions do not outvote short ones). A wrong
#: stop draws a false route and a missed one only shortens it, so precision weighs more (BETA < 1).
THRESHOLDS = tuple(t / 100 for t in range(20, 76))
#: Each threshold is judged with its neighbours this close: a lone peak is luck.
STEADY = 0.05
#: The curve is flat near its top (0.34-0.42 within 0.01 on 74 folders), and its argmax jumped
#: between bumps as trips came and went: the threshold is the middle of those within PLATEAU of the best.
PLATEAU = 0.005
#: The threshold is judged on out-of-fold probabilities: the trips are dealt into FOLDS groups by a
#: hash of their name (every telling of a trip in one group; adding a trip moves no other), each
#: group scored by weights fitted on the others. In-sample probabilities are overconfident: a
#: model scores the rows it was fitted on too well, and new stories are not those rows.
FOLDS = 5
#: L2 regularisation strength (scikit-learn's C) and BETA, chosen by leave-one-trip-out: C 0.5 or 2,
#: or C chosen out of fold among 0.5/1/2, changed the mean per-story F-beta by < 0.005 (noise).
#: BETA 1.0 (88 folders): stops 0.925 -> 0.933, order 0.872 -> 0.882, but stop precision 0.924 ->
#: 0.920 and dates 0.881 -> 0.875: precision still weighs more.
C = 1.0
BETA = 0.8

#: A probability this close to 0 or 1 counts as this: one sure mistake must not make the log loss infinite.
EPSILON = 1e-9

Row = tuple[dict[str, float], int]


def labelled_rows(story: Story, stops: Sequence[tuple[float, float]], tolerance_km: float,
                  sites: Collection[str] = (), named: Collection[str] = ()) -> list[Row]:
    """Each candidate place's features, labelled as the evaluation judges a stop: each gold stop is
    claimed by one town or point within ``tolerance_km`` (1): one the gold names (``named``: place ids
    known by a gold stop's name), else the nearest; the other points
    within tolerance (a suburb, the airport, a venue beside the city) are repeats (0) unless they are
    gold sites (``sites``: place ids), which the evaluation counts as right (1). A country or region
    within tolerance is 1: the journey shows one kept only through a town of it, never as a repeat.

    The gold's name or distance, not the best evidence, chooses who claims the stop: a label chosen by
    the features (or the weights) being fitted would teach them what they already believe."""
    from . import story_features

    features, _, _ = story_features(story.articles, story.mentions, story.places)
    coarse = kinds("coarse_kinds")
    located = {pid: story.places[pid].latlon for pid in features if story.places[pid].has_coords}
    claimed: set[str] = set()
    near: set[str] = set()
    for s in stops:
        close = sorted((pid not in named, km, pid) for pid, ll in located.items()
                       if (km := haversine_km(ll, s)) <= tolerance_km)
        near.update(pid for *_, pid in close)
        claimed.update(next(([pid] for *_, pid in close if fold_key(story.places[pid].kind) not in coarse), []))
    return [(x, int(pid in claimed or (pid in near and (pid in sites or fold_key(story.places[pid].kind) in coarse))))
            for pid, x in features.items()]


def fit(rows: Sequence[Row], trained_on: str = "", stories: Sequence[int] | None = None,
        trips: Sequence[str] | None = None) -> Weights:
    """A logistic model over PLACE_FEATURES (scikit-learn) whose weights keep the signs in SIGNS, its
    threshold chosen for the mean F-beta over the stories (``stories[i]``: row i's story; default:
    all rows one story) on out-of-fold probabilities, every row of a trip (``trips[i]``; default:
    each story its own trip; without stories, each row) in one fold."""
    if len({y for _, y in rows}) < 2:
        raise GeomapError("fitting needs both stops and non-stops among the training places")
    story = list(stories) if stories is not None else [0] * len(rows)
    if trips is None:
        trips = [str(s) for s in story] if stories is not None else [str(i) for i in range(len(rows))]
    X, y = [[x.get(f, 0.0) for f in PLACE_FEATURES] for x, _ in rows], [label for _, label in rows]
    fold = [fold_of(t) for t in trips]
    _need_sklearn()
    with one_native_thread():
        threshold = _threshold(_out_of_fold(rows, X, y, fold), story)
        w = _weights(X, y)
    return Weights(w.weights, w.bias, threshold, trained_on, dt.date.today().isoformat())


def fold_of(trip: str) -> int:
    """The out-of-fold group a trip's rows are dealt into (stable across runs and machines)."""
    return zlib.crc32(trip.encode("utf-8")) % FOLDS


def _out_of_fold(rows: Sequence[Row], X: Sequence[Sequence[float]], y: Sequence[int],
                 fold: Sequence[int]) -> list[tuple[float, int]]:
    """(probability, label) of each row from weights fitted on the other folds' rows."""
    scored = [(0.0, label) for label in y]
    for k in sorted(set(fold)):
        inside = [i for i, f in enumerate(fold) if f != k]
        if len({y[i] for i in inside}) < 2:
            raise GeomapError("too few stories to choose the threshold out of fold",
                              hint="fit on more annotated stories, with stops and non-stops in several")
        w = _weights([X[i] for i in inside], [y[i] for i in inside])
        for i, f in enumerate(fold):
            if f == k:
                scored[i] = (w.probability(rows[i][0]), y[i])
    return scored


def _need_sklearn() -> None:
    """Say what to install before any fitting starts (scikit-learn brings threadpoolctl too)."""
    try:
        import sklearn  # noqa: F401
    except ImportError as exc:
        raise GeomapError("fitting needs scikit-learn", hint="pip install -e '.[train]'") from exc


def _weights(X: Sequence[Sequence[float]], y: Sequence[int]) -> Weights:
    """Logistic weights over PLACE_FEATURES, refitted without the feature whose weight most
    contradicts its sign until none does (a dropped feature's column is zeroed: L2 keeps its weight 0)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    signs = np.array([SIGNS.get(f, 0) for f in PLACE_FEATURES], dtype=float)
    kept, X = np.ones(len(PLACE_FEATURES)), np.asarray(X, dtype=float)
    while True:
        # Newton steps suit a few dozen features over a thousand rows: exact and fast.
        model = LogisticRegression(C=C, solver="newton-cholesky", max_iter=200).fit(X * kept, y)
        against = model.coef_[0] * signs
        if against.min() >= 0:
            break
        kept[int(against.argmin())] = 0.0
    return Weights({f: round(float(c), 4) for f, c in zip(PLACE_FEATURES, model.coef_[0] * kept)},
                   round(float(model.intercept_[0]), 4))


def _threshold(scored: Sequence[tuple[float, int]], stories: Sequence[int]) -> float:
    """The middle of the thresholds whose mean per-story F-beta over (probability, label) rows, each
    judged with its STEADY neighbours, is within PLATEAU of the best."""
    by_story: dict[int, list[tuple[float, int]]] = {}
    for py, s in zip(scored, stories):
        by_story.setdefault(s, []).append(py)
    score = {t: sum(_fbeta(ps, t) for ps in by_story.values()) / len(by_story) for t in THRESHOLDS}
    steady = {t: sum(score[u] for u in THRESHOLDS if abs(u - t) <= STEADY + 1e-9) /
              sum(1 for u in THRESHOLDS if abs(u - t) <= STEADY + 1e-9) for t in THRESHOLDS}
    near = [t for t in THRESHOLDS if steady[t] >= max(steady.values()) - PLATEAU]
    return near[len(near) // 2]


def _fbeta(scored: Sequence[tuple[float, int]], threshold: float) -> float:
    kept = [y for p, y in scored if p >= threshold]
    tp, pos = sum(kept), sum(y for _, y in scored)
    b2 = BETA * BETA
    return (1 + b2) * tp / (len(kept) + b2 * pos) if kept or pos else 1.0


@dataclass(frozen=True)
class Ranking:
    """How well probabilities rank stops above other places, whatever the threshold: their mean log
    loss, and the chance a stop scores above a non-stop (AUC, ties counted half). A change of features
    moves a few stops across the threshold in each refit (per story ±0.15); these move with the
    whole ranking, so they show what a change does beside the thresholded figures."""

    places: int
    log_loss: float
    auc: float

    def line(self) -> str:
        return (f"place ranking (each trip's places scored by weights fitted without it): log loss "
                f"{self.log_loss:.4f}, AUC {self.auc:.4f} over {self.places} places")


def ranking(scored: Sequence[tuple[float, int]]) -> Ranking:
    """The Ranking of (probability, label) pairs; AUC is NaN without both stops and non-stops."""
    loss = -sum(math.log(max(p if y else 1.0 - p, EPSILON)) for p, y in scored) / max(1, len(scored))
    stops, others = [p for p, y in scored if y], sorted(p for p, y in scored if not y)
    if not stops or not others:
        return Ranking(len(scored), loss, math.nan)
    # Per stop: the non-stops below it, and half those tied with it (one sort, then bisection).
    above = sum(bisect_left(others, p) + (bisect_right(others, p) - bisect_left(others, p)) / 2 for p in stops)
    return Ranking(len(scored), loss, above / (len(stops) * len(others)))


def write_weights(w: Weights, path: Path) -> None:
    """The shipped weights file: features, weights, threshold, what it was fitted on and when."""
    head = ("# Weights of geomap.infer's place score (a logistic model), written by tools/fit_infer.py.\n"
            "# p = sigmoid(bias + sum(weight * feature)); a place is a stop when p >= threshold.\n"
            "# Features are described in geomap/infer/score.py (LABELS). Do not edit by hand: refit.\n")
    body = {"fitted": w.fitted, "trained_on": w.trained_on, "threshold": w.threshold, "bias": w.bias,
            "weights": {f: w.weights.get(f, 0.0) for f in PLACE_FEATURES}}
    path.write_text(head + yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")
