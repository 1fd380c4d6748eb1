"""An alternate name is a French exonym only where no town of that country bears it as its own."""

from __future__ import annotations

from pathlib import Path

import pytest
from storyutil import synthetic_chain

from geomap.geocoders import Context, GeoNamesIndex, ResolverChain

# Indianapolis and Philadelphia: "Harrisburg" is also listed for Brownsburg, Indiana, 22 km away.
INDIANA_PENNSYLVANIA = Context(points=((39.7684, -86.1581), (39.9526, -75.1652)), countries=frozenset({"US"}),
                               language="fr")


def test_a_local_name_listed_for_a_nearer_town_is_no_exonym() -> None:
    res = ResolverChain(None, GeoNamesIndex.load(), None).resolve("Harrisburg", INDIANA_PENNSYLVANIA)
    assert res is not None and (res.place.name, round(res.place.lon)) == ("Harrisburg", -77)


CITIES = {
    "1": {"geonameid": 1, "name": "Riverton", "latitude": 10.0, "longitude": 21.0, "countrycode": "AA",
          "population": 40_000, "alternatenames": []},
    "2": {"geonameid": 2, "name": "Lakeside", "latitude": 10.1, "longitude": 20.1, "countrycode": "AA",
          "population": 30_000, "alternatenames": ["Riverton", "Bordlac"]},
    "3": {"geonameid": 3, "name": "Bordlac", "latitude": 40.0, "longitude": 60.0, "countrycode": "BB",
          "population": 40_000, "alternatenames": []},
}
COUNTRIES = {"AA": {"geonameid": 91, "name": "Aland", "iso": "AA", "capital": "", "population": 1_000_000,
                    "areakm2": 250_000},
             "BB": {"geonameid": 92, "name": "Beeland", "iso": "BB", "capital": "", "population": 1_000_000,
                    "areakm2": 250_000}}


@pytest.fixture
def chain(tmp_path: Path) -> ResolverChain:
    return synthetic_chain(tmp_path, CITIES, COUNTRIES, "test-alt")


def test_an_alternate_name_is_an_exonym_only_where_no_town_bears_it(chain: ResolverChain) -> None:
    story = Context(points=((10.0, 20.0),), countries=frozenset({"AA"}), language="fr")
    # "Riverton" is a town of Aland 110 km away: Lakeside's listing it, beside the story, is no French name.
    assert chain.resolve("Riverton", story).place.name == "Riverton"
    # "Bordlac" is a town of another country far away: in Aland, Lakeside's French name may be meant.
    assert chain.resolve("Bordlac", story).place.name == "Lakeside"
