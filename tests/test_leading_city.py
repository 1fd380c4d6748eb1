"""A city five times the size of every namesake is what its bare name means, unless the story is at a namesake."""

from __future__ import annotations

from pathlib import Path

import pytest
from storyutil import placed, synthetic_chain

from geomap.geocoders import Context, ResolverChain


def _city(gid: int, name: str, lat: float, lon: float, population: int, country: str = "AA") -> dict:
    return {"geonameid": gid, "name": name, "latitude": lat, "longitude": lon, "countrycode": country,
            "population": population, "alternatenames": []}


# Invented names. The story is at (0, 0) and passes by (10, 20); a Corvello of 9,000 lies 180 km from that
# point, one of 300,000 a thousand kilometres away. A Tessin of 9,000 lies beside a story at (10, 20).
CITIES = {str(c["geonameid"]): c for c in (
    _city(1, "Corvello", 10.0, 30.0, 300_000, "BB"),
    _city(2, "Corvello", 11.6, 20.0, 9_000),
    _city(3, "Tessin", 10.0, 30.0, 300_000, "BB"),
    _city(4, "Tessin", 10.1, 20.1, 9_000),
    _city(5, "Ardley", 10.0, 30.0, 300_000, "BB"),
    _city(6, "Ardley", 10.0, 29.0, 90_000, "BB"),  # a third of its size: no leading city
    _city(7, "Ardley", 11.6, 20.0, 9_000),
)}
COUNTRIES = {code: {"geonameid": gid, "name": name, "iso": code, "capital": "", "population": 9_000_000,
                    "areakm2": 900_000} for code, gid, name in (("AA", 91, "Aland"), ("BB", 92, "Bland"))}
PASSING = Context(points=((0.0, 0.0), (0.3, 0.3), (0.5, 0.1), (10.0, 20.0)))
STORY = Context(points=((10.0, 20.0), (10.3, 20.3)))


@pytest.fixture
def chain(tmp_path: Path) -> ResolverChain:
    return synthetic_chain(tmp_path, CITIES, COUNTRIES, "test-leading")


def test_a_small_namesake_near_the_story_is_no_rival_to_the_leading_city(chain: ResolverChain) -> None:
    res = chain.resolve("Corvello", PASSING)
    assert res is not None and res.place.population == 300_000
    assert all(c.place.population == 300_000 for c in res.candidates)


def test_a_namesake_where_the_story_is_stays_a_rival(chain: ResolverChain) -> None:
    res = chain.resolve("Tessin", STORY)
    assert res is not None and res.place.population == 9_000


def test_no_city_five_times_every_namesake_no_leading_city(chain: ResolverChain) -> None:
    res = chain.resolve("Ardley", PASSING)
    assert res is not None and res.place.population == 9_000


@pytest.mark.parametrize(
    ("text", "name", "country", "lat"),
    [
        # sadat-jerusalem-1977-a (another hand): "a conference at Geneva", in a story in Jerusalem and Cairo
        # that names Washington, was Geneva, New York (13,000; 441 km from Washington), 6,283 km off.
        ("Sadat landed at Ben Gurion on Saturday and drove to Jerusalem. In Washington, Carter welcomed the "
         "visit; in Tripoli, Gaddafi condemned it. On Monday the two leaders said the talks would go on at a "
         "conference at Geneva. Sadat flew home to Cairo that evening.", "Geneva", "CH", 46.2),
        # elizabeth-germany-2015-a/-b and xi-uk-2015-a (other hands): Frankfurt in a story passing by Berlin was
        # Frankfurt (Oder) (57,000; 80 km from Berlin), not Frankfurt am Main (650,000), 478 km off. (In a story
        # all in Berlin, Frankfurt (Oder) is where the story is, and stays the answer.)
        ("The Queen flew from London to Berlin on Tuesday. On Thursday she flew to Frankfurt, where she walked "
         "across the square to the town hall, and on Friday to Celle, before flying home to London.",
         "Frankfurt", "DE", 50.1),
        # akihito-saipan-2005-b (another hand): Nagasaki named from Tokyo was the Tokyo district of 18,000.
        ("The Emperor flew from Tokyo to Saipan on Monday. At the cliffs of Saipan he prayed for the dead of "
         "Saipan, Guam and Tinian, as he had for those of Hiroshima and Nagasaki.", "Nagasaki", "JP", 32.75),
        # biden-europe-2021-a: Windsor in a story in England is Windsor, not Ontario's city of 230,000.
        ("The President flew from Mildenhall to Cornwall for the summit. On Sunday he left London for Windsor, "
         "where he had tea with the Queen.", "Windsor", "GB", 51.48),
    ],
)
def test_a_bare_name_is_its_leading_city(tmp_path: Path, text: str, name: str, country: str, lat: float) -> None:
    places = placed(tmp_path, text)
    assert name in places and places[name].country == country and abs(places[name].lat - lat) < 0.5, places.get(name)
