"""Offline GeoNames index: lookups, junk filtering, the on-disk cache, and real-data namesake traps."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geomap.errors import GeocoderError
from geomap.geocoders import (
    Context,
    GeoNamesGeocoder,
    GeoNamesIndex,
    GeoNamesSource,
    Region,
    ResolverChain,
    confidence,
    default_cache_dir,
    haversine_km,
)
from geomap.geocoders.base import fold_signature
from geomap.textnorm import fold_key

CITIES = {
    "101": {"geonameid": 101, "name": "Portbourg", "latitude": 10.0, "longitude": 20.0, "countrycode": "AA",
            "population": 50_000, "alternatenames": ["Port-Bourg", "PBG", "Pb", "12345", "Pörtbourg",
                                                     "https://en.wikipedia.org/wiki/Portbourg", "UXYZ"]},
    "102": {"geonameid": 102, "name": "Capitalia", "latitude": 11.0, "longitude": 21.0, "countrycode": "AA",
            "population": 900_000, "alternatenames": ["Kapitalia"]},
    "103": {"geonameid": 103, "name": "Portbourg", "latitude": -30.0, "longitude": -60.0, "countrycode": "BB",
            "population": 700, "alternatenames": []},
    "104": {"geonameid": 104, "name": "Élan", "latitude": -31.0, "longitude": -61.0, "countrycode": "BB",
            "population": 80_000, "alternatenames": ["Elan City"]},
    "105": {"geonameid": 105, "name": "Broken", "latitude": "north"},  # malformed: skipped
}
COUNTRIES = {
    "AA": {"geonameid": 1, "name": "Aland Republic", "iso": "AA", "capital": "Capitalia", "population": 3_000_000,
           "areakm2": 250_000},
    "BB": {"geonameid": 2, "name": "Beeland", "iso": "BB", "capital": "Nowhere", "population": 1_000_000},
    "CC": {"geonameid": 3, "name": "Ceeland", "iso": "CC", "capital": "", "population": 0},
}


def write_source(folder: Path, version: str = "test-1", cities: dict | None = None) -> GeoNamesSource:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "cities.json").write_text(json.dumps(cities if cities is not None else CITIES), encoding="utf-8")
    (folder / "countries.json").write_text(json.dumps(COUNTRIES), encoding="utf-8")
    return GeoNamesSource(folder / "cities.json", folder / "countries.json", version)


@pytest.fixture
def source(tmp_path: Path) -> GeoNamesSource:
    return write_source(tmp_path / "src")


@pytest.fixture
def index(tmp_path: Path, source: GeoNamesSource) -> GeoNamesIndex:
    return GeoNamesIndex.load(tmp_path / "cache", source=source)


def test_lookup_by_name_alternate_and_accents(index: GeoNamesIndex) -> None:
    assert [p.id for p in index.lookup("portbourg")] == ["geonames:101", "geonames:103"]  # most populous first
    assert [p.id for p in index.lookup("PORT BOURG")] == ["geonames:101"]  # hyphen folds like a space
    assert [p.id for p in index.lookup("Portbourg".replace("o", "ö", 1))] == ["geonames:101", "geonames:103"]
    assert [p.id for p in index.lookup("elan")] == ["geonames:104"]
    assert index.lookup("Atlantis") == []


def test_places_carry_kind_country_population_and_resolver(index: GeoNamesIndex) -> None:
    (capital,) = index.lookup("Capitalia")
    assert (capital.kind, capital.country, capital.population, capital.resolver) == ("capital", "AA", 900_000,
                                                                                     "geonames")
    assert capital.latlon == (11.0, 21.0)
    assert capital.source == "https://www.geonames.org/102"
    (city,) = index.lookup("Elan City")
    assert city.kind == "city" and city.name == "Élan"


def test_countries_take_their_capital_or_biggest_city_point(index: GeoNamesIndex) -> None:
    (aa,) = index.lookup("Aland Republic")
    assert (aa.id, aa.kind, aa.country, aa.latlon) == ("geonames:1", "country", "AA", (11.0, 21.0))
    (bb,) = index.lookup("Beeland")  # its capital is not in the data: the biggest city stands in
    assert bb.latlon == (-31.0, -61.0)
    (cc,) = index.lookup("Ceeland")  # no city at all: listed, but cannot be placed
    assert not cc.has_coords


def test_country_and_its_region_by_iso_code(index: GeoNamesIndex) -> None:
    aa = index.country("aa")
    assert aa is not None and (aa.id, aa.kind, aa.latlon) == ("geonames:1", "country", (11.0, 21.0))
    assert index.region("AA") == Region("AA", (11.0, 21.0), 500.0)  # centre: the capital; radius: √area
    assert index.region("BB") is None  # no area in the data
    assert index.region("CC") is None and index.country("ZZ") is None  # no point / unknown code


def test_country_names_in_another_language_resolve_to_the_country(index: GeoNamesIndex) -> None:
    geocoder = GeoNamesGeocoder(index, exonyms={"republique d'aland": "AA", "capitalia": "AA", "nulle part": "ZZ"})
    (aa,) = geocoder.candidates("République d’Aland", Context())
    assert aa.place.id == "geonames:1" and "country name in another language (AA)" in aa.reason
    assert geocoder.candidates("Nulle Part", Context()) == []  # a code GeoNames does not have
    # A place of that country already bears the name (a city-state's city): no country added.
    assert [c.place.id for c in geocoder.candidates("Capitalia", Context())] == ["geonames:102"]


@pytest.mark.parametrize("junk", ["PBG", "UXYZ", "Pb", "12345", "https://en.wikipedia.org/wiki/Portbourg"])
def test_junk_alternate_names_are_not_indexed(index: GeoNamesIndex, junk: str) -> None:
    assert junk not in index
    assert index.lookup(junk) == []


def test_contains_get_len_and_names(index: GeoNamesIndex) -> None:
    assert "Kapitalia" in index and "Atlantis" not in index and 42 not in index
    assert index.get("geonames:104").name == "Élan"  # type: ignore[union-attr]
    assert index.get("geonames:999") is None and index.get("gazetteer:x") is None and index.get("geonames:x") is None
    assert len(index) == 4 + 3  # malformed record skipped
    pairs = set(index.names())
    assert ("kapitalia", "geonames:102") in pairs
    assert ("portbourg", "geonames:103") in pairs
    assert all(len(key) >= 3 for key, _ in pairs)


def test_warm_load_reads_the_cache_not_the_source(tmp_path: Path, source: GeoNamesSource) -> None:
    first = GeoNamesIndex.load(tmp_path / "cache", source=source)
    built = first.path.stat().st_mtime_ns
    source.cities.write_text("this is not JSON", encoding="utf-8")  # a re-parse would now fail
    second = GeoNamesIndex.load(tmp_path / "cache", source=source)
    assert len(second) == len(first) and second.warnings == []
    assert second.path == first.path and second.path.stat().st_mtime_ns == built
    # No temp files left; the note beside the index says which version passed the page check.
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == [first.path.name, first.path.name + ".checked"]


@pytest.mark.parametrize("damage", ["garbage", "truncate", "empty", "stale-format"])
def test_damaged_cache_is_rebuilt_with_a_warning(tmp_path: Path, source: GeoNamesSource, damage: str) -> None:
    path = GeoNamesIndex.load(tmp_path / "cache", source=source).path
    if damage == "garbage":
        path.write_bytes(b"definitely not sqlite" * 100)
    elif damage == "truncate":
        path.write_bytes(path.read_bytes()[:2048])
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        with sqlite3.connect(path) as conn:
            conn.execute("UPDATE meta SET v = '0' WHERE k = 'format'")
        conn.close()
    index = GeoNamesIndex.load(tmp_path / "cache", source=source)
    assert [p.id for p in index.lookup("Capitalia")] == ["geonames:102"]
    assert len(index.warnings) == 1 and "rebuilt" in index.warnings[0]


def test_new_source_version_builds_a_new_cache_file(tmp_path: Path) -> None:
    old = GeoNamesIndex.load(tmp_path / "cache", source=write_source(tmp_path / "v1", "1.0"))
    cities = dict(CITIES, **{"106": {"geonameid": 106, "name": "Newtown", "latitude": 1.0, "longitude": 2.0,
                                     "countrycode": "AA", "population": 600, "alternatenames": []}})
    new = GeoNamesIndex.load(tmp_path / "cache", source=write_source(tmp_path / "v2", "2.0", cities))
    assert new.path != old.path
    assert "Newtown" in new and "Newtown" not in old


def _folding_that_differs_at(ch: str) -> Callable[[str], str]:
    """fold_key, except that ``ch`` is kept as it is (like a folding that lacks one rule)."""
    return lambda name: "\x00".join(fold_key(part) for part in name.split(ch)) if ch in name else fold_key(name)


@pytest.mark.parametrize("letter", ["đ", "Đ", "ł", "ø", "ħ", "ı", "þ", "ð", "’", "\u00ad"])
def test_fold_signature_notices_a_change_to_any_single_letter(letter: str) -> None:
    assert fold_signature(_folding_that_differs_at(letter)) != fold_signature()


@settings(max_examples=30, deadline=None)
@given(st.characters(min_codepoint=0x21, max_codepoint=0x24F))
def test_fold_signature_covers_latin_letters_and_punctuation(letter: str) -> None:
    assert fold_signature(_folding_that_differs_at(letter)) != fold_signature()


@pytest.mark.parametrize("note", [None, "not a signature", "\xff\xfe"])
def test_fold_signature_remembered_in_the_cache_is_the_computed_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, note: str | None
) -> None:
    # The build reads the signature from a note instead of folding 5,800 characters;
    # a missing or damaged note is computed again and rewritten.
    from geomap.geocoders import base

    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(tmp_path))
    expected = base._signature(fold_key)
    if note is not None:
        (tmp_path / f"fold-{base._fold_code_key()}.sig").write_bytes(note.encode("latin-1"))
    base._fold_key_signature.cache_clear()
    try:
        assert fold_signature() == expected
        (written,) = tmp_path.glob("fold-*.sig")
        assert written.read_text() == expected
        base._fold_key_signature.cache_clear()
        assert fold_signature() == expected
    finally:
        base._fold_key_signature.cache_clear()


def test_index_cache_file_is_named_after_the_folding(tmp_path: Path, source: GeoNamesSource) -> None:
    # Index keys are folded names: an index built under another folding must not be opened.
    index = GeoNamesIndex.load(tmp_path / "cache", source=source)
    assert index.path.name.endswith(f"-{fold_signature()}.sqlite")
    assert fold_key("Đồng Đăng") == "dong dang"  # the folding this file was built with


def test_missing_or_invalid_source_is_a_geocoder_error(tmp_path: Path) -> None:
    src = GeoNamesSource(tmp_path / "nope.json", tmp_path / "nope2.json", "x")
    with pytest.raises(GeocoderError) as err:
        GeoNamesIndex.load(tmp_path / "cache", source=src)
    assert "nope.json" in str(err.value)
    (tmp_path / "bad.json").write_text("[1, 2", encoding="utf-8")
    with pytest.raises(GeocoderError, match="not valid JSON"):
        GeoNamesIndex.load(tmp_path / "cache", source=GeoNamesSource(tmp_path / "bad.json", src.countries, "y"))


def test_cache_dir_follows_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(tmp_path / "explicit"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "explicit"
    monkeypatch.delenv("GEOMAP_CACHE_DIR")
    assert default_cache_dir() == tmp_path / "xdg" / "geomap"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_cache_dir() == tmp_path / "home" / ".cache" / "geomap"


def test_load_without_cache_dir_uses_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                      source: GeoNamesSource) -> None:
    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(tmp_path / "envcache"))
    index = GeoNamesIndex.load(source=source)
    assert index.path.parent == tmp_path / "envcache"


def test_geocoder_ranks_namesakes_by_context(index: GeoNamesIndex) -> None:
    geocoder = GeoNamesGeocoder(index)
    near_bb = Context(points=((-30.5, -60.5),), countries=frozenset({"BB"}))
    ranked = geocoder.candidates("Portbourg", near_bb)
    assert ranked[0].place.id == "geonames:103"  # the village near the story, not the big namesake
    assert all(c.place.resolver == "geonames" for c in ranked)
    assert "km from nearest story place" in ranked[0].reason
    alt = geocoder.candidates("Kapitalia", Context())
    assert "alternate name" in alt[0].reason


# --- the real GeoNames data (cities500: ~235k places) -------------------------------------------

PRIMORYE = Context(points=((43.12, 131.89), (43.80, 131.95), (43.35, 132.19)), countries=frozenset({"RU", "KP"}))
AMUR_SPACEPORT = Context(points=((43.12, 131.89), (51.38, 128.13), (50.26, 127.54)),
                         countries=frozenset({"RU", "KP"}), kind_hint="spaceport")


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> GeoNamesIndex:
    cache = Path(os.environ["GEOMAP_TEST_GEONAMES_CACHE"]) if "GEOMAP_TEST_GEONAMES_CACHE" in os.environ \
        else tmp_path_factory.mktemp("geonames")
    return GeoNamesIndex.load(cache)


@pytest.mark.slow
def test_real_index_size_and_junk(real: GeoNamesIndex) -> None:
    assert len(real) > 200_000
    assert "FNJ" not in real  # an airport code listed as alternate name of a capital
    assert any(p.kind == "capital" and p.country == "KP" for p in real.lookup("Pyongyang"))
    assert any(p.kind == "country" and p.has_coords for p in real.lookup("Russia"))


@pytest.mark.slow
def test_real_khasan_is_not_resolved_to_a_namesake_in_india(real: GeoNamesIndex) -> None:
    ranked = GeoNamesGeocoder(real).candidates("Khasan", PRIMORYE)
    assert ranked, "GeoNames lists Hassan (India) under the alternate name Khasan"
    res = ResolverChain(None, real, None).resolve("Khasan", PRIMORYE)
    if res is not None:  # the nearest plausible one, or none
        assert haversine_km(res.place.latlon, PRIMORYE.points[0]) < 300
    else:
        assert confidence(ranked) < 0.3


@pytest.mark.slow
def test_real_vostochny_villages_get_low_confidence_as_spaceport(real: GeoNamesIndex) -> None:
    geocoder = GeoNamesGeocoder(real)
    chain = ResolverChain(None, real, None)
    for spelling in ("Vostochny", "Vostochnyy"):
        ranked = geocoder.candidates(spelling, AMUR_SPACEPORT)
        assert ranked and all(c.place.kind in ("city", "capital") for c in ranked)
        assert confidence(ranked) < 0.5
        assert chain.resolve(spelling, AMUR_SPACEPORT) is None


@pytest.mark.slow
def test_real_near_small_namesake_beats_far_big_one(real: GeoNamesIndex) -> None:
    ranked = GeoNamesGeocoder(real).candidates("Tumen", PRIMORYE)
    assert ranked[0].place.country == "CN"
    assert haversine_km(ranked[0].place.latlon, PRIMORYE.points[0]) < 200
    assert any(c.place.population and c.place.population > ranked[0].place.population for c in ranked[1:])  # type: ignore[operator]


@pytest.mark.slow
def test_real_far_capital_still_resolves(real: GeoNamesIndex) -> None:
    res = ResolverChain(None, real, None).resolve("Moscow", PRIMORYE)
    assert res is not None and res.place.kind == "capital" and res.place.country == "RU"
    assert res.resolver == "geonames" and res.confidence > 0.5


# Names the articles of tests/data/stories use, in the context the pipeline gives them: the
# curated gazetteer's places (another story's, far away) and the countries the articles name.
KYIV_TRIP = Context(points=((55.75, 37.62), (38.90, -77.04)), countries=frozenset({"DE", "PL", "RU", "UA", "US"}))
HANOI_TRIP = Context(points=((39.03, 125.75), (39.90, 116.41), (38.90, -77.04)),
                     countries=frozenset({"CN", "KP", "SG", "US", "VN"}))
ROMANIA_TRIP = Context(points=((55.75, 37.62),), countries=frozenset({"FR", "MD", "PL", "RO", "RU", "UA"}))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("query", "context", "hint", "truth"),
    [
        ("Ramstein", KYIV_TRIP, "air base", (49.4369, 7.6003)),  # GeoNames: "Ramstein-Miesenbach"
        ("Đồng Đăng", HANOI_TRIP, "station", (21.9511, 106.6977)),  # GeoNames: "Thị Trấn Đồng Đăng"
        ("Medyka", KYIV_TRIP, None, (49.8053, 22.9223)),
    ],
)
def test_real_town_in_a_named_country_far_from_the_other_places(
    real: GeoNamesIndex, query: str, context: Context, hint: str | None, truth: tuple[float, float]
) -> None:
    res = ResolverChain(None, real, None).resolve(query, context.with_kind(hint))
    assert res is not None, "in a country the story names, with a facility named after the town"
    assert haversine_km(res.place.latlon, truth) < 10


@pytest.mark.slow
def test_real_namesake_villages_decided_by_the_town_named_beside_them(real: GeoNamesIndex) -> None:
    # Five villages called Mihail Kogălniceanu in Romania; the air base is the one near Constanța.
    # (Without airfield data: with it, the air base itself answers, see the next test.)
    chain = ResolverChain(None, real, None, airports=False)
    requests = [("Mihail-Kogălniceanu", ROMANIA_TRIP.with_kind("air base")), ("Constanța", ROMANIA_TRIP),
                ("Chișinău", ROMANIA_TRIP)]
    base, constanta, chisinau = chain.resolve_many(requests)
    assert constanta is not None and chisinau is not None
    assert base is not None and haversine_km(base.place.latlon, (44.3622, 28.4883)) < 10
    assert "km from nearest story place" in base.reason and base.confidence > 0.5
    alone = chain.resolve(*requests[0])
    assert alone is None or alone.confidence < base.confidence  # alone, only population told them apart


@pytest.mark.slow
def test_real_air_base_is_the_airfield_itself_when_airfield_data_is_on(real: GeoNamesIndex) -> None:
    base = ResolverChain(None, real, None).resolve("Mihail-Kogălniceanu", ROMANIA_TRIP.with_kind("air base"))
    assert base is not None and base.place.id == "airport:LRCK" and base.resolver == "geonames"
    assert haversine_km(base.place.latlon, (44.3622, 28.4883)) < 10


@pytest.mark.slow
def test_real_french_country_names_resolve_but_singapour_stays_the_city(real: GeoNamesIndex) -> None:
    chain = ResolverChain(None, real, None)
    for french, code in (("Roumanie", "RO"), ("Pologne", "PL"), ("Moldavie", "MD")):
        res = chain.resolve(french, ROMANIA_TRIP)
        assert res is not None and res.place.kind == "country" and res.place.country == code
    singapore = chain.resolve("Singapour", HANOI_TRIP)
    assert singapore is not None and singapore.place.kind == "capital"


def test_a_damaged_page_is_found_on_open_set_aside_and_rebuilt(tmp_path: Path, source: GeoNamesSource) -> None:
    path = GeoNamesIndex.load(tmp_path / "cache", source=source).path
    data = bytearray(path.read_bytes())
    page = 4096 if len(data) > 2 * 4096 else 1024
    # The last page (an index's b-tree): 'meta' and the row count still read, lookups would fail.
    data[-page + 8:] = b"\xa5" * (page - 8)
    path.write_bytes(bytes(data))
    index = GeoNamesIndex.load(tmp_path / "cache", source=source)
    assert [p.id for p in index.lookup("Capitalia")] == ["geonames:102"]
    assert len(index.warnings) == 1 and "set aside as" in index.warnings[0] and "rebuilt" in index.warnings[0]
    assert len(list((tmp_path / "cache").glob("*.corrupt-*"))) == 1


def test_an_unwritable_cache_means_a_warning_and_a_temporary_cache(tmp_path: Path, source: GeoNamesSource) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    index = GeoNamesIndex.load(blocker / "cache", source=source)
    assert [p.id for p in index.lookup("Capitalia")] == ["geonames:102"]
    assert len(index.warnings) == 1 and "temporary cache" in index.warnings[0]
    assert not index.path.is_relative_to(blocker)
