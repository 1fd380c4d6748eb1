"""The area term weighs the story's names by how often the text names them: a namesake beside the
traveller's home loses to one where the rest of the story is, and a wrong namesake settled early
does not pull its neighbours."""

from __future__ import annotations

import pytest
from storyutil import ROOT

from geomap.geocoders import Context, GeoNamesIndex, ResolverChain
from geomap.pipeline import BuildOptions, build_story

STORIES = ROOT / "tests" / "data" / "stories"
WASHINGTON = (38.8951, -77.0364)  # the traveller's home, the one place the story starts from


@pytest.fixture(scope="module")
def chain() -> ResolverChain:
    return ResolverChain(None, GeoNamesIndex.load(), None)


def _resolve(chain: ResolverChain, names: dict[str, int], countries: set[str]) -> dict[str, str]:
    context = Context(points=(WASHINGTON,), countries=frozenset(countries))
    found = chain.resolve_many([(n, context) for n in names], weights=[float(w) for w in names.values()])
    return {n: res.place.country for n, res in zip(names, found) if res is not None}


def test_a_namesake_where_the_story_names_most_beats_one_beside_the_home(chain: ResolverChain) -> None:
    # "Dundalk" is the Irish town, where Dublin, Belfast and Ballina (named eleven times) are, not
    # Maryland's beside Washington; "Mayo" is the Irish county (a first-level division), not Mayo,
    # Maryland, which was once its only namesake offline.
    found = _resolve(chain, {"Mayo": 2, "Dundalk": 3, "Dublin": 3, "Belfast": 2, "Ballina": 6}, {"IE", "US", "GB"})
    assert found["Mayo"] == "IE"
    assert found["Dundalk"] == "IE"


def test_the_same_name_follows_the_story_home_when_the_story_is_there(chain: ResolverChain) -> None:
    # The weight decides, not a list of names: a story about Maryland keeps Maryland's Dundalk.
    found = _resolve(chain, {"Mayo": 2, "Dundalk": 3, "Annapolis": 4, "Baltimore": 5, "Dublin": 1}, {"IE", "US"})
    assert found["Dundalk"] == "US"


@pytest.mark.parametrize(
    ("story", "surface", "country"),
    [("biden-ireland-2023-a", "Dundalk", "IE"),  # another hand: was Dundalk, Maryland (home beside it)
     ("obama-cuba-argentina-2016-a", "Plata", "AR")],  # "Río de la Plata": was La Plata, Maryland
)
def test_stories_namesakes_are_where_the_story_is(story: str, surface: str, country: str) -> None:
    built = build_story([STORIES / story], BuildOptions(offline=True)).story
    found = {built.places[m.place_id].country for m in built.mentions
             if m.surface.casefold().endswith(surface.casefold()) and m.place_id}
    assert found == {country}
