"""Second held-out set: four more untuned stories, an independent measure guarded by floors below the measured scores."""

from __future__ import annotations

from pathlib import Path

import pytest

from evalfloors import floor_failures

from geomap.evaluate import load_gold

HELDOUT2 = Path(__file__).resolve().parent / "data" / "heldout2"
STORIES = sorted(p for p in HELDOUT2.iterdir() if p.is_dir())
METRICS = ("precision", "recall", "near_161", "stops", "order", "stop_precision")

# Scores measured with `geomap eval tests/data/heldout2/*/`. First recorded at dbc6949 (cue
# rules; means stops 0.65, order 0.53, stop precision 0.65); recorded again at b83180b, after the
# cue rules were replaced by evidence scoring (issue 8): means rose to 0.76 / 0.59 / 0.78, while
# macron-afrique-2023 fell (order 0.75 -> 0.50, stop precision 1.00 -> 0.83) -- reported in the
# README, not fixed by reading the story. The stories and gold were written without reading the
# pipeline and must not be edited to raise these numbers: they measure the tool, not a target.
# At 28197f2 (a refit on 42 folders) charles-france-2023's stop precision fell 0.50 -> 0.20 and the
# set's mean 0.78 -> 0.72, within the mean's floor; per-story itinerary floors were dropped then
# (tests/evalfloors.py says why), not re-recorded: these values stay as measured at b83180b.
MEASURED: dict[str, dict[str, float]] = {
    "charles-france-2023": {"precision": 1.00, "recall": 0.88, "near_161": 0.88, "stops": 0.25, "order": 0.25, "stop_precision": 0.50},
    "macron-afrique-2023": {"precision": 1.00, "recall": 0.92, "near_161": 0.92, "stops": 1.00, "order": 0.50, "stop_precision": 0.83},
    "modi-us-egypt-2023": {"precision": 0.90, "recall": 1.00, "near_161": 1.00, "stops": 1.00, "order": 1.00, "stop_precision": 0.80},
    "zelensky-europe-2023": {"precision": 1.00, "recall": 0.87, "near_161": 0.87, "stops": 0.80, "order": 0.60, "stop_precision": 1.00},
}


def _front_matter(path: Path) -> dict[str, str]:
    parts = path.read_text(encoding="utf-8").split("---", 2)
    assert parts[0] == "" and len(parts) == 3, f"{path.name}: no front matter"
    fields = {}
    for line in parts[1].strip().splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return fields


def test_every_heldout2_story_has_articles_gold_and_a_measurement() -> None:
    assert {p.name for p in STORIES} == set(MEASURED)
    languages: dict[str, int] = {}
    for folder in STORIES:
        articles = sorted(folder.glob("*.txt"))
        assert 2 <= len(articles) <= 4, folder.name
        story_languages = set()
        for article in articles:
            meta = _front_matter(article)
            assert {"title", "date", "source", "language"} <= set(meta), article.name
            assert meta["source"].startswith("synthetic"), article.name
            words = len(article.read_text(encoding="utf-8").split("---", 2)[2].split())
            assert 150 <= words <= 400, f"{folder.name}/{article.name}: {words} words"
            story_languages.add(meta["language"])
        assert len(story_languages) == 1, folder.name
        language = story_languages.pop()
        languages[language] = languages.get(language, 0) + 1
        gold = load_gold(folder / "gold.yaml")
        assert gold.stops and any(p.role == "stop" for p in gold.places), folder.name
        # Every gold stop is a gold place of role stop, so place and stop scores agree on names.
        stop_places = {p.name for p in gold.places if p.role == "stop"}
        assert {s.name for s in gold.stops} <= stop_places, folder.name
    assert languages == {"fr": 2, "en": 2}


def test_heldout2_is_disjoint_from_the_other_story_sets() -> None:
    data = HELDOUT2.parent
    others = {p.name for d in ("stories", "heldout") for p in (data / d).iterdir() if p.is_dir()}
    assert others and not others & {p.name for p in STORIES}


@pytest.mark.slow
def test_heldout2_stories_stay_above_floors() -> None:
    failures, table = floor_failures(STORIES, MEASURED, METRICS)
    assert not failures, "\n".join(failures) + "\n" + table
