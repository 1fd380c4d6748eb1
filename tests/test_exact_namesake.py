"""A place matching a name only by an alternate or its head is no rival to one a hundred times its size named so."""

from __future__ import annotations

from pathlib import Path

import pytest
from storyutil import ROOT, synthetic_chain

from geomap.geocoders import Context, ResolverChain
from geomap.pipeline import BuildOptions, build_story

STORIES = ROOT / "tests" / "data" / "stories"


def _city(gid: int, name: str, lat: float, lon: float, population: int, *alternates: str) -> dict:
    return {"geonameid": gid, "name": name, "latitude": lat, "longitude": lon, "countrycode": "AA",
            "population": population, "alternatenames": list(alternates)}


# Invented names. The story is at (10, 20); each small namesake lies beside it, the big one 1,100 km away.
CITIES = {str(c["geonameid"]): c for c in (
    _city(1, "Velmora", 10.0, 30.0, 600_000),
    _city(2, "Velmora-sur-Lune", 10.2, 20.1, 900, "Velmora"),  # the head of its name, listed
    _city(3, "Cardell", 10.0, 30.1, 300_000),
    _city(4, "Ostbrook", 10.1, 20.2, 1_200, "Cardell"),  # an alternate name
    _city(5, "Pingel", 10.0, 29.9, 800_000),
    _city(6, "Pingel", 10.1, 19.9, 6_000),  # named exactly so: still a rival
)}
COUNTRIES = {"AA": {"geonameid": 91, "name": "Aland", "iso": "AA", "capital": "", "population": 9_000_000,
                    "areakm2": 900_000}}
STORY = Context(points=((10.0, 20.0), (10.3, 20.3)), countries=frozenset({"AA"}))


@pytest.fixture
def chain(tmp_path: Path) -> ResolverChain:
    return synthetic_chain(tmp_path, CITIES, COUNTRIES, "test-exact")


@pytest.mark.parametrize("query", ["Velmora", "Cardell"])
def test_a_small_partial_namesake_beside_the_story_is_no_rival(chain: ResolverChain, query: str) -> None:
    res = chain.resolve(query, STORY)
    assert res is not None and res.place.name == query and res.place.lon > 29
    assert all(c.place.lon > 29 for c in res.candidates)


def test_a_town_named_exactly_so_beside_the_story_still_wins(chain: ResolverChain) -> None:
    res = chain.resolve("Pingel", STORY)
    assert res is not None and res.place.lon < 21


def test_the_text_can_still_mean_the_partial_namesake(chain: ResolverChain) -> None:
    res = chain.resolve("Velmora-sur-Lune", STORY)
    assert res is not None and res.place.lon < 21


# modi-france-uae-2023-b (held-out 4): "a new Indian consulate in Marseille", told from Paris, was the
# village of 990 listing "Marseille" among its names, Marseille-en-Beauvaisis, 85 km from Paris.
def test_marseille_told_from_paris_is_marseille() -> None:
    story = build_story([STORIES / "modi-france-uae-2023-b"], BuildOptions(gazetteer=ROOT / "gazetteer.yaml",
                                                                         curated=False)).story
    marseilles = [p for p in story.places.values() if p.name.startswith("Marseille")]
    assert marseilles and all(p.name == "Marseille" and abs(p.lat - 43.3) < 0.2 for p in marseilles), marseilles
