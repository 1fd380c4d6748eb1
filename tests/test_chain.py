"""The resolver chain: gazetteer, then GeoNames, then online; the first acceptable answer wins."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from nominatim_server import NominatimServer, place

from geomap.geocoders import Context, GeoNamesIndex, GeoNamesSource, OnlineGeocoder, ResolverChain
from geomap.model import Place

CITIES = {
    "201": {"geonameid": 201, "name": "Riverton", "latitude": 40.1, "longitude": 100.1, "countrycode": "AA",
            "population": 20_000, "alternatenames": ["Rivertown"]},
    "202": {"geonameid": 202, "name": "Riverton", "latitude": -20.0, "longitude": -50.0, "countrycode": "BB",
            "population": 90_000, "alternatenames": []},
    "203": {"geonameid": 203, "name": "Hilltop", "latitude": 40.5, "longitude": 100.5, "countrycode": "AA",
            "population": 3_000, "alternatenames": []},
    "204": {"geonameid": 204, "name": "Faraway", "latitude": -45.0, "longitude": -70.0, "countrycode": "BB",
            "population": 600, "alternatenames": ["Lakeside"]},
    # Country CC, far from the story: a port city and two villages sharing a name, one beside it.
    "205": {"geonameid": 205, "name": "Harbour City", "latitude": 10.0, "longitude": 10.0, "countrycode": "CC",
            "population": 200_000, "alternatenames": []},
    "206": {"geonameid": 206, "name": "Twinford", "latitude": 10.18, "longitude": 10.0, "countrycode": "CC",
            "population": 900, "alternatenames": []},
    "207": {"geonameid": 207, "name": "Twinford", "latitude": 11.2, "longitude": 10.5, "countrycode": "CC",
            "population": 1_000, "alternatenames": []},
}
COUNTRIES = {"AA": {"geonameid": 1, "name": "Aaland", "iso": "AA", "capital": "", "population": 1},
             "CC": {"geonameid": 3, "name": "Ceeland", "iso": "CC", "capital": "Harbour City", "population": 1,
                    "areakm2": 90_000}}
STORY = Context(points=((40.0, 100.0), (41.0, 101.0)), countries=frozenset({"AA"}))


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> GeoNamesIndex:
    folder = tmp_path_factory.mktemp("src")
    (folder / "c.json").write_text(json.dumps(CITIES), encoding="utf-8")
    (folder / "k.json").write_text(json.dumps(COUNTRIES), encoding="utf-8")
    source = GeoNamesSource(folder / "c.json", folder / "k.json", "chain-test")
    return GeoNamesIndex.load(tmp_path_factory.mktemp("cache"), source=source)


@pytest.fixture
def server() -> Iterator[NominatimServer]:
    srv = NominatimServer().start()
    srv.add("Lakeside", place("Lakeside", 40.3, 100.2, country_code="aa", importance=0.5))
    srv.add("Hilltop", place("Hilltop", 40.6, 100.6, country_code="aa", importance=0.5))
    yield srv
    srv.stop()


def online(server: NominatimServer) -> OnlineGeocoder:
    return OnlineGeocoder("geomap-tests/1 (+https://example.invalid/tests)", domain=server.domain, scheme="http",
                          min_delay_seconds=0.1, cache_path=None)


GAZ = {
    "hilltop": Place(id="hilltop", name="Hill Top", kind="city", lat=40.55, lon=100.55, country="AA",
                     aliases=("Hilltop",)),
    "station": Place(id="station", name="Central Station", kind="station", country="AA", aliases=("Riverton",)),
    "mystery": Place(id="mystery", name="Nowhere Special", kind="place", aliases=("Unknown Spot",)),
    "south": Place(id="south", name="Riverton", kind="city", country="BB"),
}


def test_gazetteer_wins_over_geonames_and_online(index: GeoNamesIndex, server: NominatimServer) -> None:
    res = ResolverChain(GAZ, index, online(server)).resolve("hilltop", STORY)
    assert res is not None
    assert (res.resolver, res.place.id, res.confidence, res.query) == ("gazetteer", "hilltop", 1.0, "hilltop")
    assert server.searches() == []


def test_geonames_when_gazetteer_lacks_the_name(index: GeoNamesIndex, server: NominatimServer) -> None:
    res = ResolverChain(GAZ, index, online(server)).resolve("Rivertown", STORY)
    assert res is not None and res.resolver == "geonames" and res.place.id == "geonames:201"
    assert res.place.resolver == "geonames"
    assert res.candidates and res.candidates[0].place == res.place and res.reason == res.candidates[0].reason
    assert server.searches() == []  # offline answers never touch the network


def test_nearest_namesake_chosen_with_confidence_and_alternatives(index: GeoNamesIndex) -> None:
    res = ResolverChain(None, index, None).resolve("Riverton", STORY)
    assert res is not None and res.place.id == "geonames:201"
    assert [c.place.id for c in res.candidates] == ["geonames:201", "geonames:202"]
    assert res.confidence > 0.8


def test_online_only_when_offline_fails_and_only_when_configured(index: GeoNamesIndex,
                                                                server: NominatimServer) -> None:
    # GeoNames knows "Lakeside" only as a far-away village's alternate name: not acceptable here.
    assert ResolverChain(GAZ, index, None).resolve("Lakeside", STORY) is None
    res = ResolverChain(GAZ, index, online(server)).resolve("Lakeside", STORY)
    assert res is not None and res.resolver == "geocoder" and res.place.resolver == "geocoder"
    assert len(server.searches()) == 1


def test_unknown_everywhere_is_none(index: GeoNamesIndex, server: NominatimServer) -> None:
    chain = ResolverChain(GAZ, index, online(server))
    assert chain.resolve("Atlantis", STORY) is None
    assert len(server.searches()) == 1  # asked once, got an empty answer


def test_resolvers_in_order(index: GeoNamesIndex, server: NominatimServer) -> None:
    chain = ResolverChain(GAZ, index, online(server))
    # Airfields (offline reference data, resolver "geonames") are asked before GeoNames cities.
    assert [type(r).__name__ for r in chain.resolvers] == [
        "GazetteerResolver", "AirportsGeocoder", "GeoNamesGeocoder", "OnlineGeocoder"]
    assert [r.name for r in chain.resolvers] == ["gazetteer", "geonames", "geonames", "geocoder"]
    assert [r.name for r in ResolverChain(None, index, None, airports=False).resolvers] == ["geonames"]
    assert [r.name for r in ResolverChain(GAZ, None, None).resolvers] == ["gazetteer"]


def test_gazetteer_entry_without_coords_filled_by_geonames_via_alias(index: GeoNamesIndex) -> None:
    chain = ResolverChain(GAZ, index, None)
    res = chain.resolve_place(GAZ["station"], STORY)
    assert res is not None and res.resolver == "geonames"
    assert res.query == "Riverton" and res.place.id == "geonames:201"


def test_entry_country_is_a_filter_not_a_preference(index: GeoNamesIndex) -> None:
    # The curated entry says country BB: never the Riverton near the story (in AA).
    res = ResolverChain(GAZ, index, None).resolve_place(GAZ["south"], STORY)
    assert res is not None and res.place.id == "geonames:202"
    assert [c.place.country for c in res.candidates] == ["BB"]
    assert "is a city as the text suggests" in res.reason  # the entry's kind became the hint


def test_entry_that_nothing_places_warns(index: GeoNamesIndex, server: NominatimServer) -> None:
    chain = ResolverChain(GAZ, index, online(server))
    assert chain.resolve_place(GAZ["mystery"], STORY) is None
    assert [r.params["q"] for r in server.searches()] == ["Nowhere Special", "Unknown Spot"]  # name, then alias
    assert any("'mystery'" in w for w in chain.warnings)


def test_gazetteer_places_without_coords_are_not_answers(index: GeoNamesIndex) -> None:
    res = ResolverChain(GAZ, index, None).resolve("Central Station", STORY)
    assert res is None  # only GeoNames could answer, and it does not know the name


def test_shared_gazetteer_alias_goes_to_the_nearest_entry() -> None:
    gaz = {
        "a": Place(id="a", name="Twin North", lat=40.2, lon=100.2, country="AA", aliases=("Twin",)),
        "b": Place(id="b", name="Twin South", lat=-40.0, lon=-100.0, country="BB", aliases=("Twin",)),
    }
    res = ResolverChain(gaz, None, None).resolve("twin", STORY)
    assert res is not None and res.place.id == "a" and 0.5 < res.confidence <= 1.0
    assert {c.place.id for c in res.candidates} == {"a", "b"}


def test_min_confidence_is_the_acceptance_bar(index: GeoNamesIndex) -> None:
    lenient = ResolverChain(None, index, None, min_confidence=0.0).resolve("Lakeside", STORY)
    assert lenient is not None and lenient.place.id == "geonames:204" and lenient.confidence < 0.3
    assert ResolverChain(None, index, None).resolve("Lakeside", STORY) is None


ABROAD = Context(points=STORY.points, countries=frozenset({"AA", "CC"}))  # the story names country CC


def test_names_resolved_together_place_a_doubtful_namesake_beside_a_sure_one(index: GeoNamesIndex) -> None:
    chain = ResolverChain(None, index, None)
    twinford, harbour = chain.resolve_many([("Twinford", ABROAD), ("Harbour City", ABROAD)])
    assert harbour is not None and harbour.place.id == "geonames:205" and harbour.confidence >= 0.8
    assert twinford is not None and twinford.place.id == "geonames:206"  # 20 km from Harbour City
    assert "20 km from nearest story place" in twinford.reason
    # Alone, both villages are just "somewhere in CC" and only population separates them.
    alone = chain.resolve("Twinford", ABROAD)
    assert alone is None or alone.confidence < twinford.confidence
    assert "story country CC" in chain.resolve("Harbour City", ABROAD).reason  # type: ignore[union-attr]


def test_resolve_many_answers_in_request_order_and_keeps_unknown_names_none(index: GeoNamesIndex) -> None:
    chain = ResolverChain(GAZ, index, None)
    results = chain.resolve_many([("Atlantis", STORY), ("hilltop", STORY), ("Rivertown", STORY), ("Lakeside", STORY)])
    assert [r.place.id if r else None for r in results] == [None, "hilltop", "geonames:201", None]
    assert chain.resolve_many([]) == []


def test_resolve_many_asks_online_last_once_per_open_name_with_the_final_context(
        index: GeoNamesIndex, server: NominatimServer) -> None:
    chain = ResolverChain(GAZ, index, online(server))
    lakeside, harbour, atlantis = chain.resolve_many(
        [("Lakeside", ABROAD), ("Harbour City", ABROAD), ("Atlantis", ABROAD)])
    assert harbour is not None and harbour.resolver == "geonames"
    assert lakeside is not None and lakeside.resolver == "geocoder" and atlantis is None
    searches = server.searches()
    assert [r.params["q"] for r in searches] == ["Lakeside", "Atlantis"]
    # The viewbox hint covers Harbour City, settled offline before the online geocoder was asked.
    lon1, lat1, lon2, lat2 = (float(v) for v in searches[0].params["viewbox"].split(","))
    assert min(lon1, lon2) < 10.0 < max(lon1, lon2) and min(lat1, lat2) < 10.0 < max(lat1, lat2)
