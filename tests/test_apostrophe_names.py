"""Names whose apostrophe reference data drops: "N'Zérékoré" is GeoNames' "Nzérékoré", "N'Djili" airport "Ndjili"."""

from __future__ import annotations

from pathlib import Path

import pytest
from storyutil import ROOT, discovered, placed

from geomap.geocoders import Context, GeoNamesIndex, ResolverChain
from geomap.pipeline import BuildOptions, build_story

# A story in Guinea and the Congos (Conakry, Brazzaville).
WEST_CENTRAL_AFRICA = Context(points=((9.5092, -13.7122), (-4.2634, 15.2429)), countries=frozenset({"GN", "CG"}))


@pytest.fixture(scope="module")
def index() -> GeoNamesIndex:
    return GeoNamesIndex.load()


@pytest.mark.parametrize(
    ("query", "hint", "name"),
    [
        ("N'Zérékoré", None, "Nzérékoré"),  # a town, typewriter apostrophe
        ("N\u2019Djili", "airport", "Ndjili International Airport"),  # an airfield, typographic apostrophe
        ("aéroport de N'Djili", None, "Ndjili International Airport"),
    ],
)
def test_a_name_is_found_without_its_apostrophe(index: GeoNamesIndex, query: str, hint: str | None,
                                                name: str) -> None:
    res = ResolverChain(None, index, None).resolve(query, WEST_CENTRAL_AFRICA.with_kind(hint))
    assert res is not None and res.place.name == name


@pytest.mark.parametrize(
    ("language", "text", "names"),
    [
        ("fr", "Le convoi a quitté Conakry pour N'Zérékoré, puis a gagné Kankan.", {"N'Zérékoré"}),
        ("en", "The convoy left Conakry for N\u2019Zérékoré, then drove on to Kankan.", {"N\u2019Zérékoré"}),
    ],
)
def test_discovery_keeps_a_capital_glued_by_an_apostrophe(index: GeoNamesIndex, language: str, text: str,
                                                          names: set[str]) -> None:
    assert names <= set(discovered(index, text, language))


@pytest.mark.parametrize(
    "text",
    [
        "L'avion présidentiel s'est posé vendredi à l'aéroport de N'Djili, à Kinshasa, après Libreville.",
        "The president's plane landed at N'Djili airport in Kinshasa on Friday, after Libreville.",
    ],
)
def test_a_story_places_an_airport_written_with_an_apostrophe(tmp_path: Path, text: str) -> None:
    assert placed(tmp_path, text, "Kinshasa")["N'Djili"].name == "Ndjili International Airport"


def test_a_live_blog_places_ndjili_airport() -> None:
    # "L'avion présidentiel s'est posé à l'aéroport de N'Djili, à Kinshasa" (Macron in Central Africa).
    story = build_story([ROOT / "tests" / "data" / "stories" / "macron-central-africa-2023"],
                        BuildOptions(gazetteer=ROOT / "gazetteer.yaml", curated=False)).story
    assert any(story.places[m.place_id].name == "Ndjili International Airport"
               for m in story.mentions if m.surface == "N'Djili" and m.place_id)
