"""A US state the story names anywhere pulls its towns' namesakes: "Anchorage" in a story naming Alaska."""

from __future__ import annotations

from pathlib import Path

import pytest
from storyutil import placed as placed_in

from geomap.discover import states_named
from geomap.geocoders import Context, GeoNamesIndex, ResolverChain
from geomap.geocoders.regions import us_state_area
from geomap.model import Mention
from geomap.textnorm import fold_key

WASHINGTON_HANOI = Context(points=((38.9072, -77.0369), (21.0285, 105.8542)), countries=frozenset({"US", "VN"}))
BOSTON_NEW_YORK = Context(points=((42.3601, -71.0589), (40.7128, -74.0060)), countries=frozenset({"US"}))


@pytest.fixture(scope="module")
def index() -> GeoNamesIndex:
    return GeoNamesIndex.load()


@pytest.mark.parametrize(
    ("query", "context", "state", "lat", "lon"),
    [
        # (no city here is five times every namesake: geonames._leading leaves the choice to the story)
        ("Columbus", BOSTON_NEW_YORK, "Georgia", 32.46, -84.99),  # not the New Jersey village near New York
        ("Portland", BOSTON_NEW_YORK, "Oregon", 45.52, -122.68),  # not the Maine city near Boston
    ],
)
def test_a_state_the_story_names_pulls_its_namesake(index: GeoNamesIndex, query: str, context: Context,
                                                    state: str, lat: float, lon: float) -> None:
    chain = ResolverChain(None, index, None)
    unnamed = chain.resolve(query, context)
    assert unnamed is not None and abs(unnamed.place.lon - lon) > 5  # the nearer namesake, without the state
    area = us_state_area(state)
    assert area is not None
    res = chain.resolve(query, Context(points=context.points, countries=context.countries, areas=(area,)))
    assert res is not None and abs(res.place.lat - lat) < 0.5 and abs(res.place.lon - lon) < 0.5


def test_a_leading_city_needs_no_state_named(index: GeoNamesIndex) -> None:
    # Anchorage, Alaska is over five times every namesake: a story passing by Washington means it even
    # before the story names Alaska (until 227f60f this was the Kentucky village nearer Washington).
    res = ResolverChain(None, index, None).resolve("Anchorage", WASHINGTON_HANOI)
    assert res is not None and abs(res.place.lat - 61.22) < 0.5 and abs(res.place.lon + 149.90) < 0.5


def _mentions(text: str, *names: str) -> list[Mention]:
    out = []
    for name in names:
        start = text.index(name)
        out.append(Mention(article_id="a", start=start, end=start + len(name), surface=name, key=fold_key(name),
                           sentence=0, place_id=None))
    return out


def test_states_named_leave_out_countries_and_capitals(index: GeoNamesIndex) -> None:
    text = "From Washington to Georgia, Alaska and New York, then Ohio."
    found = _mentions(text, "Washington", "Georgia", "Alaska", "New York", "Ohio")
    # "Washington" is the capital, "New York" the city, "Georgia" also a country: none says where the story is.
    assert [a.country for a in states_named(found, index)] == ["US-AK", "US-OH"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (("Air Force One left Hanoi for Anchorage on Monday. At the base, the president thanked the troops "
          "stationed in Alaska before flying home to Washington."), "en"),
        (("L'avion présidentiel a quitté Hanoï pour Anchorage lundi. Sur la base, le président a salué les "
          "militaires en poste en Alaska, puis il a regagné Washington."), "fr"),
    ],
)
def test_a_story_naming_a_state_puts_its_town_there(tmp_path: Path, text: str, language: str) -> None:
    placed = placed_in(tmp_path, text)
    assert placed["Anchorage"].latlon[0] > 55  # Alaska, not Kentucky
