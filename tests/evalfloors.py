"""Regression floors for story sets: build each story as `geomap eval` does and compare to recorded scores."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from geomap.evaluate import StoryScore, evaluate, format_scores, load_gold

ROOT = Path(__file__).resolve().parent.parent

#: Room for honest changes elsewhere to move a score without the test flapping.
MARGIN = 0.15


def floor(value: float) -> float:
    return max(0.0, round(value - MARGIN, 2))


def floor_failures(
    stories: Sequence[Path], measured: Mapping[str, Mapping[str, float]], metrics: Sequence[str]
) -> tuple[list[str], str]:
    """Scores under their floors (per story and for the mean), and the table of all scores."""
    from geomap.pipeline import BuildOptions, build_story

    scores: list[tuple[str, StoryScore]] = []
    for folder in stories:
        # Same as `geomap eval`: no curated itinerary, so the journey is inferred.
        result = build_story([folder], BuildOptions(gazetteer=ROOT / "gazetteer.yaml", curated=False))
        scores.append((folder.name, evaluate(result.story, load_gold(folder / "gold.yaml"))))
    failures = []
    for name, score in scores:
        for metric in metrics:
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
