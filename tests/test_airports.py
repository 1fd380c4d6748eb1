"""Offline airfields: airportsdata names matched by their distinctive words, asked before GeoNames."""

from __future__ import annotations

from dataclasses import replace

import pytest

from geomap.discover import load_lexicon
from geomap.geocoders import AirportIndex, AirportsGeocoder, Context, GeoNamesIndex, ResolverChain
from geomap.geocoders.airport_index import core, names_airfield

RECORDS = {
    "ETAR": {"name": "Ramstein Air Base", "city": "Ramstein", "country": "DE", "lat": 49.4369, "lon": 7.60028, "iata": "RMS"},
    "EPRZ": {"name": "Rzeszow-Jasionka Airport", "city": "Rzeszow", "country": "PL", "lat": 50.11, "lon": 22.019, "iata": "RZE"},
    "EPRJ": {"name": "Rzeszów Airport", "city": "Rzeszów", "country": "PL", "lat": 50.02, "lon": 22.0, "iata": ""},
    "LFBT": {"name": "Tarbes-Lourdes-Pyrenees Airport", "city": "Tarbes/Lourdes/Pyrenees", "country": "FR",
             "lat": 43.1787, "lon": -0.00644, "iata": "LDE"},
    "BAD1": {"name": "No Coordinates Field", "city": "", "country": "US", "lat": "?", "lon": None},
}


@pytest.fixture(scope="module")
def small() -> AirportsGeocoder:
    return AirportsGeocoder(AirportIndex(RECORDS))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ramstein Air Base", "ramstein"),
        ("base aérienne de Ramstein", "ramstein"),
        ("Joint Base Andrews Airport", "andrews"),
        ("Joint Base Andrews", "andrews"),
        ("aéroport de Tarbes-Lourdes-Pyrénées", "tarbes lourdes pyrenees"),
        ("Vladivostok International Airport", "vladivostok"),
    ],
)
def test_core_keeps_only_the_distinctive_words(text: str, expected: str) -> None:
    assert core(text) == expected


def test_names_airfield_needs_an_airfield_word() -> None:
    assert names_airfield("Joint Base Andrews")
    assert names_airfield("Rzeszów Airport")
    assert names_airfield("base aérienne de Ramstein")
    assert not names_airfield("Ramstein")
    assert not names_airfield("Przemyśl Główny station")


def test_the_lexicons_generic_airfield_words_are_the_ones_cut() -> None:
    generic = load_lexicon().airfield_generic
    assert {"airport", "aeroport", "flughafen"} <= generic
    for word in generic:
        assert core(f"Ramstein {word}") == "ramstein", word


def test_the_lexicons_airfield_names_are_the_ones_that_say_airfield() -> None:
    names = load_lexicon().airfield_names
    assert {("airport",), ("aeroport",), ("air", "base"), ("base", "aerienne")} <= names
    for words in names:
        assert names_airfield("Ramstein " + " ".join(words)), words


def test_the_lexicons_air_base_names_are_the_ones_that_make_an_air_base() -> None:
    names = load_lexicon().air_base_names
    assert {("air", "base"), ("base", "aerienne")} <= names
    records = {f"X{i:03d}": {"name": "Ramstein " + " ".join(words), "lat": 49.4, "lon": 7.6}
               for i, words in enumerate(sorted(names))}
    index = AirportIndex({**records, "EPRJ": RECORDS["EPRJ"]})
    assert {icao: p.kind for icao in records if (p := index.get(f"airport:{icao}"))} == dict.fromkeys(records, "air base")
    assert index.get("airport:EPRJ").kind == "airport"


def test_silent_without_an_airfield_word_or_hint(small: AirportsGeocoder) -> None:
    assert small.candidates("Ramstein", Context()) == []
    assert small.candidates("Ramstein", Context(kind_hint="station")) == []


def test_french_air_base_phrase_finds_the_english_name(small: AirportsGeocoder) -> None:
    found = small.candidates("base aérienne de Ramstein", Context())
    assert [c.place.id for c in found] == ["airport:ETAR"]
    place = found[0].place
    assert place.kind == "air base"
    assert place.resolver == "geonames"
    assert place.source == "airportsdata (ICAO ETAR)"
    assert (place.lat, place.lon) == (49.4369, 7.60028)


def test_kind_hint_lets_the_bare_name_through(small: AirportsGeocoder) -> None:
    found = small.candidates("Tarbes-Lourdes-Pyrénées", Context(kind_hint="airport"))
    assert found[0].place.id == "airport:LFBT"
    # An air base hint is satisfied by an airport too: airfields are named loosely.
    assert "as the text suggests" in small.candidates("Ramstein", Context(kind_hint="airport"))[0].reason


def test_town_served_prefers_the_scheduled_airport(small: AirportsGeocoder) -> None:
    found = small.candidates("Rzeszów", Context(kind_hint="airport"))
    assert [c.place.id for c in found][:2] == ["airport:EPRZ", "airport:EPRJ"]


def test_malformed_records_are_skipped() -> None:
    index = AirportIndex(RECORDS)
    assert index.lookup("No Coordinates Field") == []
    assert len(index) == 4


@pytest.mark.parametrize(
    ("query", "hint", "icao"),
    [
        ("Ramstein Air Base", None, "ETAR"),
        ("Joint Base Andrews", None, "KADW"),
        ("Tarbes-Lourdes-Pyrénées", "airport", "LFBT"),
        ("Vladivostok International Airport", None, "UHWW"),
        ("Rzeszow-Jasionka Airport", None, "EPRZ"),
        ("Rzeszów", "airport", "EPRZ"),
        ("Ramstein", "air base", "ETAR"),
    ],
)
def test_chain_resolves_airfields_from_the_packaged_data(query: str, hint: str | None, icao: str) -> None:
    chain = ResolverChain(None, GeoNamesIndex.load(), None)
    res = chain.resolve(query, Context(kind_hint=hint))
    assert res is not None
    assert res.place.id == f"airport:{icao}"
    assert res.resolver == "geonames"


# Near Washington: Joint Base Andrews, not the towns called Andrews nor a private Andrews Airport.
WASHINGTON = (38.8951, -77.0364)


@pytest.mark.parametrize("written", ["Andrews", "Joint Base Andrews"])
def test_a_joint_base_is_found_by_its_distinctive_name(written: str) -> None:
    chain = ResolverChain(None, GeoNamesIndex.load(), None)
    res = chain.resolve(written, Context(points=[WASHINGTON], kind_hint="air base"))
    assert res is not None and res.place.id == "airport:KADW"


def _french_story(tmp_path, title: str, date: str, text: str):
    """The story built from one French article, with an empty gazetteer (offline data only)."""
    from geomap.pipeline import BuildOptions, build_story

    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "01.txt").write_text(f"---\ntitle: {title}\ndate: {date}\nlanguage: fr\n---\n{text}\n", encoding="utf-8")
    (folder / "gazetteer.yaml").write_text("places: []\n", encoding="utf-8")
    return build_story([folder], BuildOptions()).story


def test_french_base_cue_makes_the_named_air_base_a_stop_site(tmp_path) -> None:
    """"la base d'Andrews" (two French tellings say it so): the air base, not Andrews, South Carolina."""
    story = _french_story(tmp_path, "Visite", "2022-12-21",
                          "Le président est arrivé à Washington mercredi. Il avait atterri à la base d'Andrews, "
                          "dans le Maryland, vers midi.")
    assert "airport:KADW" in story.places
    assert not any(p.name == "Andrews" for p in story.places.values())


def test_an_airport_cue_makes_only_its_own_mention_the_airport(tmp_path) -> None:
    """"l'aéroport de Rzeszów" once, "Rzeszów" bare elsewhere: the airport and the town, not the
    airport for every mention (the cue of the first mention used to decide them all)."""
    story = _french_story(tmp_path, "Voyage", "2023-02-20",
                          "L'avion s'est posé à l'aéroport de Rzeszów dimanche soir. Le président a dormi à Rzeszów, "
                          "puis a pris le train pour Kiev. Rzeszów, ville de l'est de la Pologne, accueille les "
                          "convois.")
    said = {(m.surface, m.place_id) for m in story.mentions}
    towns = {pid for surface, pid in said if surface == "Rzeszów" and pid and pid.startswith("geonames:")}
    airfields = {pid for surface, pid in said if surface == "Rzeszów" and pid and pid.startswith("airport:")}
    assert len(towns) == 1 and story.places[towns.pop()].kind == "city"
    assert airfields == {"airport:EPRZ"}


def test_chain_without_airfield_words_still_gives_the_town() -> None:
    chain = ResolverChain(None, GeoNamesIndex.load(), None)
    res = chain.resolve("Vladivostok", Context())
    assert res is not None and res.place.id.startswith("geonames:")


def test_chain_can_leave_airfields_out() -> None:
    chain = ResolverChain(None, GeoNamesIndex.load(), None, airports=False)
    assert chain.resolve("Joint Base Andrews", Context()) is None


def _fresh(monkeypatch: pytest.MonkeyPatch, version: str) -> None:
    """airportsdata as a small dataset of a given version (a third-party package, not our code)."""
    import airportsdata

    from geomap.geocoders.airport_index import _cached_index

    monkeypatch.setattr(airportsdata, "__version__", version)
    monkeypatch.setattr(airportsdata, "load", lambda key="ICAO": RECORDS)
    _cached_index.cache_clear()


def test_index_cache_is_built_once_and_reused(tmp_path, monkeypatch) -> None:
    _fresh(monkeypatch, "1.0")
    first = AirportIndex.load(tmp_path)
    files = list(tmp_path.glob("airports-*.sqlite"))
    assert len(files) == 1 and "1.0" in files[0].name
    stamp = files[0].stat().st_mtime_ns
    _fresh(monkeypatch, "1.0")
    again = AirportIndex.load(tmp_path)
    assert again is not first
    assert files[0].stat().st_mtime_ns == stamp
    assert [p.id for p in again.lookup("Ramstein Air Base")] == ["airport:ETAR"]
    assert [p.id for p in again.lookup("Rzeszów airport")] == [p.id for p in AirportIndex(RECORDS).lookup("Rzeszów airport")]


def test_index_cache_is_rebuilt_when_airportsdata_changes(tmp_path, monkeypatch) -> None:
    _fresh(monkeypatch, "1.0")
    AirportIndex.load(tmp_path)
    _fresh(monkeypatch, "2.0")
    index = AirportIndex.load(tmp_path)
    assert index.source_version == "2.0"
    assert sorted(p.name for p in tmp_path.glob("airports-*.sqlite")) == sorted(
        [AirportIndex.cache_file(tmp_path, "1.0").name, AirportIndex.cache_file(tmp_path, "2.0").name]
    )


def test_index_cache_is_rebuilt_when_our_format_changes(tmp_path, monkeypatch) -> None:
    from geomap.geocoders import airport_index

    _fresh(monkeypatch, "1.0")
    path = AirportIndex.cache_file(tmp_path, "1.0")
    AirportIndex.load(tmp_path)
    # A file of the right name but another index version inside is not trusted.
    monkeypatch.setattr(airport_index, "INDEX_FORMAT", airport_index.INDEX_FORMAT + 1)
    stale = airport_index.build_index_bytes(RECORDS, "1.0")
    monkeypatch.undo()
    _fresh(monkeypatch, "1.0")
    path.write_bytes(stale)
    index = AirportIndex.load(tmp_path)
    assert index.lookup("Ramstein Air Base")
    assert path.read_bytes() != stale


def test_corrupt_index_cache_is_rebuilt(tmp_path, monkeypatch) -> None:
    _fresh(monkeypatch, "1.0")
    path = AirportIndex.cache_file(tmp_path, "1.0")
    path.write_bytes(b"not a database")
    assert AirportIndex.load(tmp_path).lookup("Ramstein Air Base")
    assert not list(tmp_path.glob(".*.tmp"))


def test_an_airfield_serves_the_story_town_named_by_its_city() -> None:
    from geomap.geocoders.airports import attach_served
    from geomap.model import Mention, Place

    index = AirportIndex(RECORDS)
    base = index.get("airport:ETAR")
    rzeszow = index.get("airport:EPRZ")
    assert base is not None and rzeszow is not None
    town = Place("geonames:1", "Ramstein-Miesenbach", kind="city", lat=49.445, lon=7.555, country="DE")
    far = Place("geonames:2", "Rzeszow", kind="city", lat=40.0, lon=-75.0, country="US")  # a namesake an ocean away
    places = {p.id: p for p in (base, rzeszow, town, far)}
    # The text calls the town "Ramstein" (a mention's surface), the dataset's city for the base.
    said = Mention("a", 0, 0, 8, "Ramstein", "geonames:1", "ramstein")
    out = attach_served(places, [said], AirportsGeocoder(index))
    assert out["airport:ETAR"].serves == "geonames:1"
    assert out["airport:EPRZ"].serves is None
    assert out["geonames:1"] == town and places["airport:ETAR"].serves is None  # a new mapping


def test_a_build_tells_the_airfield_which_story_town_it_serves(tmp_path) -> None:
    from geomap.pipeline import BuildOptions, build_story

    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "01.txt").write_text(
        "---\ntitle: Envoy\ndate: 2024-07-08\nlanguage: en\n---\n"
        "The envoy landed at Vnukovo airport on Monday and was driven to Moscow for talks.\n",
        encoding="utf-8",
    )
    (folder / "gazetteer.yaml").write_text("places: []\n", encoding="utf-8")
    story = build_story([folder], BuildOptions()).story
    airfield = next(p for p in story.places.values() if p.id.startswith("airport:"))
    assert airfield.serves is not None and story.places[airfield.serves].name == "Moscow"


def test_a_french_spelling_finds_the_airfield() -> None:
    # French writes the Russian "u" as "ou": "aéroport de Vnoukovo".
    index = AirportIndex({"UUWW": {"name": "Vnukovo International Airport", "city": "Moscow", "country": "RU",
                                   "lat": 55.5915, "lon": 37.2615, "iata": "VKO"}})
    assert [p.id for p in index.lookup("Vnoukovo")] == ["airport:UUWW"]
    assert index.lookup("Vnoukovoz") == []


@pytest.mark.parametrize(
    ("query", "icao"),
    [("Roissy-Charles-de-Gaulle", "LFPG"), ("Moscou-Vnoukovo", "UUWW"), ("Paris-Orly", "LFPO"),
     ("Washington-Dulles", "KIAD")],
)
def test_a_town_hyphened_before_the_airfield_name_finds_the_airfield(query: str, icao: str) -> None:
    # "l'aéroport Roissy-Charles-de-Gaulle": the airfield's own name after its town's.
    chain = ResolverChain(None, GeoNamesIndex.load(), None)
    res = chain.resolve(query, Context(kind_hint="airport"))
    assert res is not None and res.place.id == f"airport:{icao}"


def test_a_compound_tail_finds_only_scheduled_airfields_so_named() -> None:
    index = AirportIndex({"PAUL": {"name": "Paul Field", "city": "Paul", "country": "US", "lat": 44.0, "lon": -90.0,
                                   "iata": ""}})
    assert index.lookup("Jean-Paul") == []


@pytest.mark.parametrize(
    ("query", "country"),
    [("Rome-Fiumicino", "IT"), ("Pyongyang-Sunan", "KP"), ("Bordeaux-Mérignac", "FR")],
)
def test_an_unknown_airfield_compound_stands_for_the_city_heading_it(query: str, country: str) -> None:
    # The airport stands for its city: a departure from "l'aéroport de Rome-Fiumicino" is one from Rome.
    chain = ResolverChain(None, GeoNamesIndex.load(), None)
    res = chain.resolve(query, Context(kind_hint="airport"))
    assert res is not None and res.place.country == country and res.place.kind in ("city", "capital")
    assert res.query == query
    assert chain.resolve(query, Context()) is None  # without the airfield cue, no town is guessed


def test_a_person_named_airfield_is_not_a_small_town_of_the_first_name() -> None:
    # "l'aéroport Félix-Éboué" (Cayenne's, unknown under that name): not Félix, a village in Spain.
    chain = ResolverChain(None, GeoNamesIndex.load(), None)
    assert chain.resolve("Félix-Éboué", Context(kind_hint="airport")) is None


@pytest.mark.parametrize(
    ("story", "surface", "city"),
    [("pope-congo-southsudan-2023-b", "Rome-Fiumicino", "Rome"),  # another hand
     ("pope-asia-2024", "Rome-Fiumicino", "Rome"),
     ("putin-korea-vietnam-2024-b", "Pyongyang-Sunan", "Pyongyang")],
)
def test_stories_airfield_compounds_are_their_cities(story: str, surface: str, city: str) -> None:
    from storyutil import ROOT

    from geomap.pipeline import BuildOptions, build_story

    built = build_story([ROOT / "tests" / "data" / "stories" / story], BuildOptions(offline=True)).story
    assert {built.places[m.place_id].name for m in built.mentions if m.surface == surface and m.place_id} == {city}


def test_an_airfield_named_after_its_town_is_found_by_its_own_name() -> None:
    # airportsdata heads some names with the town served ("Mombasa Moi International Airport");
    # news writes the airfield's own name, "Moi International Airport", which was only Nairobi's
    # Moi Air Base, 430 km away.
    index = AirportIndex({
        "HKMO": {"name": "Mombasa Moi International Airport", "city": "Mombasa", "country": "KE",
                 "lat": -4.03483, "lon": 39.5942, "iata": "MBA"},
        "HKRE": {"name": "Moi Air Base", "city": "Nairobi", "country": "KE", "lat": -1.2772, "lon": 36.8623,
                 "iata": ""},
    })
    ranked = AirportsGeocoder(index).candidates("Moi International Airport", Context())
    assert [c.place.id for c in ranked] == ["airport:HKMO", "airport:HKRE"]
    assert [p.id for p in index.lookup("Mombasa")] == ["airport:HKMO"]  # the town still names it


@pytest.mark.parametrize(
    ("story", "surface", "icao"),
    [("charles-kenya-2023-a", "Moi International Airport", "HKMO"),  # another hand
     ("pope-asia-2024", "Jacksons", "AYPY"),
     ("trump-singapore-2018-a", "Changi", "WSSS")],  # another hand
)
def test_stories_airfields_named_after_their_towns(story: str, surface: str, icao: str) -> None:
    from storyutil import ROOT

    from geomap.pipeline import BuildOptions, build_story

    built = build_story([ROOT / "tests" / "data" / "stories" / story], BuildOptions(offline=True)).story
    assert {m.place_id for m in built.mentions if m.surface == surface and m.place_id} == {f"airport:{icao}"}


def test_the_country_the_text_names_beats_a_nearer_namesake_airfield() -> None:
    """"l'aéroport de Shannon, dans l'ouest de l'Irlande" on the way home from Washington: the Irish
    airport, not Shannon Airport in Virginia beside the story; an airfield the text puts in a country
    that has none so named is no answer (the town is asked for)."""
    chain = ResolverChain(None, GeoNamesIndex.load(), None)
    story = Context(points=[WASHINGTON, (47.61, -122.33)], countries=frozenset({"US", "IE"}), kind_hint="airport")
    assert chain.airports is not None
    assert chain.airports.candidates("Shannon", story)[0].place.id == "airport:KEZF"
    ireland = chain.airports.candidates("Shannon", replace(story, within=("IE",)))
    assert [c.place.id for c in ireland] == ["airport:EINN"]
    assert chain.airports.candidates("Shannon", replace(story, within=("FR",))) == []


def test_a_bare_name_is_no_far_airfield_without_scheduled_service() -> None:
    """"l'aéroport international X" in a story far from any field so named: a strip of that name on
    another continent (no scheduled service) is not meant, while one beside the story, a scheduled
    one, or one the name itself says is an airfield ("X Airport") still is."""
    index = AirportIndex({
        "FAR1": {"name": "Tern Airport", "city": "", "country": "AU", "lat": -27.6, "lon": 142.4, "iata": ""},
        "NEAR": {"name": "Heron Airport", "city": "", "country": "PG", "lat": -9.5, "lon": 147.3, "iata": ""},
        "FAR2": {"name": "Plover International Airport", "city": "", "country": "AU", "lat": -27.4,
                 "lon": 153.1, "iata": "PLV"},
    })
    geocoder = AirportsGeocoder(index)
    story = Context(points=[(-9.44, 147.18), (14.6, 121.0)], kind_hint="airport")
    assert geocoder.candidates("Tern", story) == []
    assert [c.place.id for c in geocoder.candidates("Tern Airport", story)] == ["airport:FAR1"]
    assert [c.place.id for c in geocoder.candidates("Heron", story)] == ["airport:NEAR"]
    assert [c.place.id for c in geocoder.candidates("Plover", story)] == ["airport:FAR2"]
    # With no story place settled yet, nothing tells near from far.
    assert [c.place.id for c in geocoder.candidates("Tern", replace(story, points=()))] == ["airport:FAR1"]


@pytest.mark.parametrize(
    ("story", "surface", "wrong", "right"),
    [("jpii-asia-oceania-1995-a", "Jackson", "airport:YJAK", None),  # held-out 15's hand
     ("amlo-washington-2020-b", "Mexico", "airport:NY96", "geonames:3530597"),  # held-out 13's hand
     ("paulvi-colombia-1968-b", "El Dorado", "geonames:3733434", "airport:SKBO"),  # held-out 13's hand
     ("bush-baghdad-2003-a", "Andrews", "geonames:5516288", "airport:KADW")],  # another hand
)
def test_stories_airfields_the_text_names_are_near_the_story(story: str, surface: str, wrong: str,
                                                             right: str | None) -> None:
    """An airfield named by a bare name after an airport or landing word ("aéroport international
    Jackson" at Port Moresby, "aéroport international de Mexico", "On landing at El Dorado", "He landed at
    Andrews") is not a far strip of that name, nor the town so named."""
    from storyutil import ROOT

    from geomap.pipeline import BuildOptions, build_story

    built = build_story([ROOT / "tests" / "data" / "stories" / story], BuildOptions(offline=True)).story
    ids = {m.place_id for m in built.mentions if m.surface == surface and m.place_id}
    assert wrong not in ids
    assert right is None or right in ids
