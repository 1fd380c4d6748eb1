"""Regression floors for story sets: build each story as `geomap eval` does and compare to recorded scores."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from geomap.evaluate import StoryScore, evaluate, format_scores, load_gold

ROOT = Path(__file__).resolve().parent.parent

#: Room for honest changes elsewhere to move a score without the test flapping.
MARGIN = 0.15

#: Itinerary scores move in steps of one stop: on a story with four gold stops, one stop more or
#: less moves them by 0.17-0.25, so a per-story floor closer than one stop would fail on a change
#: no bigger than refitting noise. The set's mean keeps the plain margin.
STOP_METRICS = frozenset({"stops", "order", "stop_precision"})


def floor(value: float, step: float = 0.0) -> float:
    return max(0.0, round(value - max(MARGIN, step), 2))


def floor_failures(
    stories: Sequence[Path], measured: Mapping[str, Mapping[str, float]], metrics: Sequence[str]
) -> tuple[list[str], str]:
    """Scores under their floors (per story and for the mean), and the table of all scores."""
    from geomap.pipeline import BuildOptions, build_story

    scores: list[tuple[str, StoryScore]] = []
    steps: dict[str, float] = {}
    for folder in stories:
        # Same as `geomap eval`: no curated itinerary, so the journey is inferred.
        result = build_story([folder], BuildOptions(gazetteer=ROOT / "gazetteer.yaml", curated=False))
        gold = load_gold(folder / "gold.yaml")
        scores.append((folder.name, evaluate(result.story, gold)))
        steps[folder.name] = 1 / max(1, len(gold.stops))
    failures = []
    for name, score in scores:
        for metric in metrics:
            bound = floor(measured[name][metric], steps[name] if metric in STOP_METRICS else 0.0)
            # A zero floor cannot fail, so only real floors are checked (the mean covers the rest).
            if bound > 0 and getattr(score, metric) < bound:
                failures.append(f"{name} {metric} {getattr(score, metric):.2f} < {bound:.2f}")
    for metric in metrics:
        measured_mean = sum(m[metric] for m in measured.values()) / len(measured)
        mean = sum(getattr(s, metric) for _, s in scores) / len(scores)
        if mean < floor(measured_mean):
            failures.append(f"mean {metric} {mean:.2f} < {floor(measured_mean):.2f}")
    return failures, format_scores(scores)
