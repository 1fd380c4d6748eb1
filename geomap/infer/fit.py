"""Fitting the score's weights on annotated stories (training only: needs the ``[train]`` extra)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import yaml

from ..errors import GeomapError
from ..geocoders.base import haversine_km
from ..model import Story
from .score import PLACE_FEATURES, SIGNS, Weights

#: Thresholds tried when fitting: the one with the best mean F-beta per story wins (the figures
#: are means per story too, so a long story's many mentions do not outvote short ones). A wrong
#: stop draws a false route and a missed one only shortens it, so precision weighs more (BETA < 1).
THRESHOLDS = tuple(t / 100 for t in range(20, 76))
#: Each threshold is judged with its neighbours this close: a lone peak on the training stories is
#: luck, and a threshold on a plateau's edge flips stories between folds of one corpus.
STEADY = 0.05
#: L2 regularisation strength (scikit-learn's C) and BETA, chosen by leave-one-trip-out over the 42
#: annotated folders: C 0.5 / BETA 0.9 gave stops 0.88, stop precision 0.87; C 1.0 / BETA 0.8 gives
#: 0.89 and 0.89 (BETA 0.7: 0.86, 0.89; C 0.25 or 2.0: both figures lower).
C = 1.0
BETA = 0.8

Row = tuple[dict[str, float], int]


def labelled_rows(story: Story, stops: Sequence[tuple[float, float]], tolerance_km: float) -> list[Row]:
    """Each candidate place's features, labelled 1 when it is within ``tolerance_km`` of a gold stop."""
    from . import story_features

    features, _, _ = story_features(story.articles, story.mentions, story.places)
    rows = []
    for pid, x in features.items():
        p = story.places[pid]
        gold = p.has_coords and any(haversine_km(p.latlon, s) <= tolerance_km for s in stops)
        rows.append((x, int(gold)))
    return rows


def fit(rows: Sequence[Row], trained_on: str = "", stories: Sequence[int] | None = None) -> Weights:
    """A logistic model over PLACE_FEATURES (scikit-learn) whose weights keep the signs in SIGNS,
    its threshold chosen for the mean F-beta over the stories (``stories[i]``: row i's story;
    default: all rows one story)."""
    try:
        from sklearn.linear_model import LogisticRegression
    except ImportError as exc:
        raise GeomapError("fitting needs scikit-learn", hint="pip install -e '.[train]'") from exc
    if len({y for _, y in rows}) < 2:
        raise GeomapError("fitting needs both stops and non-stops among the training places")
    active = list(PLACE_FEATURES)
    while True:
        # Refit without the feature whose weight most contradicts its sign, until none does.
        X = [[x.get(f, 0.0) for f in active] for x, _ in rows]
        model = LogisticRegression(C=C, max_iter=2000).fit(X, [label for _, label in rows])
        coef = dict(zip(active, (float(c) for c in model.coef_[0])))
        wrong = [(-SIGNS.get(f, 0) * c, f) for f, c in coef.items() if SIGNS.get(f, 0) * c < 0]
        if not wrong:
            break
        active.remove(max(wrong)[1])
    weights = Weights({f: round(coef.get(f, 0.0), 4) for f in PLACE_FEATURES},
                      round(float(model.intercept_[0]), 4), 0.5, trained_on, dt.date.today().isoformat())
    return Weights(weights.weights, weights.bias, _threshold(weights, rows, stories), trained_on, weights.fitted)


def _threshold(w: Weights, rows: Sequence[Row], stories: Sequence[int] | None) -> float:
    """The threshold with the best mean per-story F-beta, each judged with its STEADY neighbours."""
    by_story: dict[int, list[tuple[float, int]]] = {}
    for (x, y), s in zip(rows, stories if stories is not None else [0] * len(rows)):
        by_story.setdefault(s, []).append((w.probability(x), y))
    score = {t: sum(_fbeta(ps, t) for ps in by_story.values()) / len(by_story) for t in THRESHOLDS}
    steady = {t: sum(score[u] for u in THRESHOLDS if abs(u - t) <= STEADY + 1e-9) /
              sum(1 for u in THRESHOLDS if abs(u - t) <= STEADY + 1e-9) for t in THRESHOLDS}
    return max(THRESHOLDS, key=lambda t: (round(steady[t], 4), -abs(t - 0.5)))


def _fbeta(scored: Sequence[tuple[float, int]], threshold: float) -> float:
    kept = [y for p, y in scored if p >= threshold]
    tp, pos = sum(kept), sum(y for _, y in scored)
    b2 = BETA * BETA
    return (1 + b2) * tp / (len(kept) + b2 * pos) if kept or pos else 1.0


def write_weights(w: Weights, path: Path) -> None:
    """The shipped weights file: features, weights, threshold, what it was fitted on and when."""
    head = ("# Weights of geomap.infer's place score (a logistic model), written by tools/fit_infer.py.\n"
            "# p = sigmoid(bias + sum(weight * feature)); a place is a stop when p >= threshold.\n"
            "# Features are described in geomap/infer/score.py (LABELS). Do not edit by hand: refit.\n")
    body = {"fitted": w.fitted, "trained_on": w.trained_on, "threshold": w.threshold, "bias": w.bias,
            "weights": {f: w.weights.get(f, 0.0) for f in PLACE_FEATURES}}
    path.write_text(head + yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")
