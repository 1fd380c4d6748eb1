"""The library entry points: BuildResult for notebooks, summary lines, options."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from geomap.pipeline import BuildOptions, build_story
from geomap.render import render_html

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def result():
    return build_story([ROOT / "seeds"], BuildOptions(gazetteer=ROOT / "gazetteer.yaml", discover=False))


def test_notebook_display_is_the_map_in_a_sandboxed_iframe(result) -> None:
    shown = result._repr_html_()
    match = re.fullmatch(r'<iframe title="[^"]*" srcdoc="([^"]*)" [^>]*></iframe>', shown)
    assert match, shown[:200]
    page = html.unescape(match.group(1))
    assert page == render_html(result.story)
    # The notebook may be read offline or exported: the map needs no CDN.
    assert "<script src=" not in page and "Leaflet" in page
    assert 'sandbox="allow-scripts' in shown  # scripts run, but not with the notebook's origin


def test_summary_counts_articles_mentions_and_resolvers(result) -> None:
    lines = result.summary()
    assert lines[0] == "articles: 5"
    assert lines[1] == f"mentions: {len(result.story.mentions)}"
    assert lines[2].startswith(f"places: {len(result.story.resolutions)} (")
    assert "from gazetteer" in lines[2]
    assert any(line.startswith("journey (curated): 8 stops") for line in lines)


def test_no_curated_itinerary_means_inference(result) -> None:
    inferred = build_story(
        [ROOT / "seeds"], BuildOptions(gazetteer=ROOT / "gazetteer.yaml", discover=False, curated=False)
    )
    assert inferred.story.journey is not None
    assert inferred.story.journey.origin == "inferred"
    assert result.story.journey.origin == "curated"


def test_top_level_entry_points_are_the_pipeline_ones() -> None:
    import geomap
    from geomap import pipeline

    assert geomap.build is pipeline.build and geomap.build_story is pipeline.build_story
    assert geomap.BuildOptions is pipeline.BuildOptions
    with pytest.raises(AttributeError):
        geomap.no_such_thing  # noqa: B018
