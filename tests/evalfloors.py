"""Regression floors for story sets: build each story as `geomap eval` does and compare to recorded scores."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from geomap.evaluate import StoryScore, evaluate, format_scores
from geomap.gold import load_gold

ROOT = Path(__file__).resolve().parent.parent

#: Room for honest changes elsewhere to move a score without the test flapping.
MARGIN = 0.15

#: Itinerary scores move in steps of one stop or more: on a story with four gold stops, one false
#: stop in and one true stop out moves stop precision 0.50 -> 0.20, a change no bigger than refitting
#: noise (it happened twice in 0.2, each time on a different story). They are floored on the set's
#: mean only; place scores, which move by one name in ten, keep per-story floors.
STOP_METRICS = frozenset({"stops", "order", "stop_precision"})


def floor(value: float) -> float:
    return max(0.0, round(value - MARGIN, 2))


def floor_failures(
    stories: Sequence[Path], measured: Mapping[str, Mapping[str, float]], metrics: Sequence[str]
) -> tuple[list[str], str]:
    """Scores under their floors (place scores per story, every score on the mean), and the table of all scores."""
    from geomap.pipeline import BuildOptions, build_story

    scores: list[tuple[str, StoryScore]] = []
    for folder in stories:
        # Same as `geomap eval`: no curated itinerary, so the journey is inferred.
        result = build_story([folder], BuildOptions(gazetteer=ROOT / "gazetteer.yaml", curated=False))
        scores.append((folder.name, evaluate(result.story, load_gold(folder / "gold.yaml"))))
    failures = []
    for name, score in scores:
        for metric in (m for m in metrics if m not in STOP_METRICS):
            bound = floor(measured[name][metric])
            # A zero floor cannot fail, so only real floors are checked (the mean covers the rest).
            if bound > 0 and getattr(score, metric) < bound:
                failures.append(f"{name} {metric} {getattr(score, metric):.2f} < {bound:.2f}")
    for metric in metrics:
        measured_mean = sum(m[metric] for m in measured.values()) / len(measured)
        mean = sum(getattr(s, metric) for _, s in scores) / len(scores)
        if mean < floor(measured_mean):
            failures.append(f"mean {metric} {mean:.2f} < {floor(measured_mean):.2f}")
    return failures, format_scores(scores)
