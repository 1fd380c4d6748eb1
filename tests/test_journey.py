"""Journey stage: itinerary validation (file:line errors), evidence, legs, route geometry, seed route."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from pathlib import Path

import pytest
from geopy.distance import geodesic
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, Point, shape

from geomap.articles import load_articles
from geomap.errors import GeomapError, ItineraryError
from geomap.gazetteer import load_gazetteer
from geomap.journey import (
    build_legs,
    find_itinerary,
    find_quote,
    load_itinerary,
    path_km,
    route_line,
)
from geomap.model import Article, Journey, Mention, Place, Stop

DATA = Path(__file__).parent / "data"
SEED_001 = "001_4159f345f072ba29"
SEED_004 = "004_dae3dd2aefba3372"

# Reference coordinates of our own (Wikipedia infoboxes, rounded), so the error tests do not
# depend on the curated gazetteer's contents.
REF = {
    "pyongyang": ("Pyongyang", 39.0194, 125.7381),
    "khasan": ("Khasan", 42.4283, 130.6456),
    "tumen-friendship-bridge": ("Korea–Russia Friendship Bridge", 42.4152, 130.6411),
    "razdolnaya-river": ("Razdolnaya River", 43.54, 131.91),
    "vostochny-cosmodrome": ("Vostochny Cosmodrome", 51.8842, 128.3339),
    "vladivostok": ("Vladivostok", 43.1156, 131.8856),
}


def ref_places() -> dict[str, Place]:
    places = {pid: Place(id=pid, name=name, lat=lat, lon=lon) for pid, (name, lat, lon) in REF.items()}
    places["nowhere"] = Place(id="nowhere", name="Somewhere unplaced")
    return places


@pytest.fixture(scope="module")
def seed_articles(seeds_dir: Path) -> list[Article]:
    return load_articles([seeds_dir])


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "journey.yaml"
    path.write_text(textwrap.dedent(body).lstrip("\n"), encoding="utf-8")
    return path


def load(tmp_path: Path, body: str, articles: list[Article], mentions: list[Mention] | None = None) -> Journey:
    return load_itinerary(write(tmp_path, body), ref_places(), articles, mentions or []).journey


VALID = """
    title: Test trip
    stops:
      - place: pyongyang
        date: 2023-09-10
        evidence: []
      - place: khasan
        date: 2023-09-12
        time: 14:30
        evidence:
          - article: 001_4159f345f072ba29
            quote: "L'armée sud-coréenne a évalué le train entré en Russie tôt mardi"
        via:
          - [41.7956, 129.7758]
          - tumen-friendship-bridge
"""


# --- finding the itinerary --------------------------------------------------------------------


def test_find_itinerary_beside_articles(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "x.txt").write_text("text", encoding="utf-8")
    assert find_itinerary([a]) is None
    assert find_itinerary([a / "x.txt"]) is None
    (b / "journey.yaml").write_text("stops: []\n", encoding="utf-8")
    assert find_itinerary([a, b]) == b / "journey.yaml"
    (a / "journey.yaml").write_text("stops: []\n", encoding="utf-8")
    assert find_itinerary([a / "x.txt", b]) == a / "journey.yaml"


# --- a valid itinerary --------------------------------------------------------------------------


def test_valid_itinerary_loads(tmp_path: Path, seed_articles: list[Article]) -> None:
    j = load(tmp_path, VALID, seed_articles)
    assert j.title == "Test trip"
    assert j.origin == "curated"
    assert [s.place_id for s in j.stops] == ["pyongyang", "khasan"]
    assert [s.seq for s in j.stops] == [1, 2]
    assert j.stops[0].evidence == ()  # "evidence: []" means none, on purpose
    # YAML 1.1 would read 14:30 as the sexagesimal integer 870; the raw text is kept.
    assert j.stops[1].time == "14:30"
    (leg,) = j.legs
    assert leg.path == ((39.0194, 125.7381), (41.7956, 129.7758), (42.4152, 130.6411), (42.4283, 130.6456))


def test_quote_becomes_its_whole_sentence(tmp_path: Path, seed_articles: list[Article]) -> None:
    j = load(tmp_path, VALID, seed_articles)
    (ev,) = j.stops[1].evidence
    article = next(a for a in seed_articles if a.id == SEED_001)
    assert ev.article_id == SEED_001
    assert article.text[ev.start : ev.end] == ev.text
    assert (ev.start, ev.end) == (article.sentences[ev.sentence].start, article.sentences[ev.sentence].end)
    # The YAML quote uses a straight apostrophe; the article a typographic one.
    assert ev.text.startswith("L’armée sud-coréenne a évalué le train entré en Russie tôt mardi")
    assert ev.text.endswith("l’information.")


def test_find_quote_tolerates_apostrophes_and_spacing() -> None:
    text = "Il a dit :  « l’armée\n est  là ». Fin."
    start, end = find_quote(text, "l'armée est là") or (0, 0)
    assert text[start:end] == "l’armée\n est  là"
    assert find_quote(text, "l'armée est partie") is None
    assert find_quote(text, "   ") is None


def test_find_quote_counts_a_repeated_quote() -> None:
    text = "Départ pour Avel. Visite. Depart pour Avel. Départ pour Avel."
    assert find_quote(text, "Départ pour Avel.", 1) == (0, 17)
    start, _ = find_quote(text, "Départ pour Avel.", 2) or (0, 0)
    assert start == 44  # exact matches first: the unaccented copy is not counted while exact ones remain
    start, _ = find_quote(text, "depart pour avel", 3) or (0, 0)
    assert start == 44  # folded: all three count
    assert find_quote(text, "Départ pour Avel.", 4) is None
    assert find_quote(text, "Départ pour Avel.", 0) is None


def test_stop_without_evidence_uses_sentences_mentioning_its_place(
    tmp_path: Path, seed_articles: list[Article]
) -> None:
    article = next(a for a in seed_articles if a.id == SEED_004)
    at = article.text.index("Khassan")
    mentions = [
        Mention(SEED_004, article.sentence_at(at).index, at, at + 7, "Khassan", "khasan"),
        Mention(SEED_004, article.sentence_at(at).index, at, at + 7, "Khassan", "khasan"),  # same sentence
        Mention(SEED_004, 0, 0, 3, "Kim", "pyongyang"),  # another place: ignored
    ]
    body = """
        stops:
          - place: khasan
    """
    j = load(tmp_path, body, seed_articles, mentions)
    (ev,) = j.stops[0].evidence
    assert "poste-frontière de Khassan" in ev.text
    assert ev.text == article.sentence_text(ev.sentence)


def test_repeated_place_and_undated_stop_between_dated_ones(
    tmp_path: Path, seed_articles: list[Article]
) -> None:
    body = """
        stops:
          - {place: khasan, date: 2023-09-12, evidence: []}
          - {place: vladivostok, evidence: []}
          - {place: khasan, date: 2023-09-17, role: stop, evidence: []}
    """
    j = load(tmp_path, body, seed_articles)
    assert [s.place_id for s in j.stops] == ["khasan", "vladivostok", "khasan"]
    assert [s.date for s in j.stops] == [dt.date(2023, 9, 12), None, dt.date(2023, 9, 17)]
    assert [(leg.from_seq, leg.to_seq) for leg in j.legs] == [(1, 2), (2, 3)]


def test_mode_says_how_the_leg_to_a_stop_was_travelled(tmp_path: Path, seed_articles: list[Article]) -> None:
    body = """
        stops:
          - {place: pyongyang, evidence: []}
          - {place: khasan, mode: train, evidence: []}
          - {place: vladivostok, evidence: []}
    """
    j = load(tmp_path, body, seed_articles)
    assert [(leg.to_seq, leg.mode) for leg in j.legs] == [(2, "train"), (3, None)]


def test_external_date_and_notes_are_kept(tmp_path: Path, seed_articles: list[Article]) -> None:
    body = """
        notes: Curated by hand.
        stops:
          - place: vladivostok
            date: 2023-09-16
            date_source: external
            note: reported by TASS
            evidence: []
    """
    j = load(tmp_path, body, seed_articles)
    assert j.notes[0] == "Curated by hand."
    assert "not stated in the articles" in j.notes[1] and "reported by TASS" in j.notes[1]


# --- every error names file and line -------------------------------------------------------------

ERRORS = [
    ("not yaml", "stops:\n  - place: khasan\n\tdate: 2023-09-12\n", 3, "not valid YAML"),
    ("bad indentation", "stops:\n  - place: khasan\n   date: 2023-09-12\n", 3, "not valid YAML"),
    ("top-level list", "- place: khasan\n", 1, "mapping"),
    ("no stops", "title: x\n", 1, "no 'stops:'"),
    ("empty stops", "title: x\nstops: []\n", 2, "'stops' is empty"),
    ("stop not a mapping", "stops:\n  - khasan\n", 2, "must be a mapping"),
    ("unknown top key", "title: x\nstop:\n  - place: khasan\n", 2, "unknown key 'stop'"),
    ("unknown stop key", "stops:\n  - place: khasan\n    evidense: []\n", 3, "unknown key 'evidense'"),
    ("unknown place", "stops:\n  - place: Ramstein\n", 2, "'Ramstein' is not a known place; give lat/lon"),
    ("no coordinates", "stops:\n  - place: nowhere\n", 2, "has no coordinates"),
    ("missing place", "stops:\n  - date: 2023-09-10\n", 2, "has no 'place'"),
    ("bad date", "stops:\n  - place: khasan\n    date: 12/09/2023\n", 3, "unparseable date '12/09/2023'"),
    ("impossible date", "stops:\n  - place: khasan\n    date: 2023-02-30\n", 3, "unparseable date"),
    (
        "out of order",
        "stops:\n  - {place: khasan, date: 2023-09-12}\n  - {place: vladivostok}\n"
        "  - place: pyongyang\n    date: 2023-09-10\n",
        5,
        "comes before stop 1",
    ),
    ("bad role", "stops:\n  - place: khasan\n    role: stopp\n", 3, "role must be one of"),
    (
        "external without note",
        "stops:\n  - place: khasan\n    date: 2023-09-12\n    date_source: external\n",
        4,
        "needs a note",
    ),
    (
        "unknown article",
        "stops:\n  - place: khasan\n    evidence:\n      - article: 001_4159f345\n        quote: tôt mardi\n",
        4,
        "unknown article '001_4159f345'",
    ),
    (
        "quote not found",
        "stops:\n  - place: khasan\n    evidence:\n      - article: 001_4159f345f072ba29\n"
        "        quote: le train est arrivé à Moscou\n",
        5,
        "quote not found",
    ),
    (
        "evidence without quote",
        "stops:\n  - place: khasan\n    evidence:\n      - article: 001_4159f345f072ba29\n",
        4,
        "needs 'quote'",
    ),
    ("via on first stop", "stops:\n  - place: khasan\n    via: [vladivostok]\n", 3, "first stop"),
    (
        "via unknown id",
        "stops:\n  - place: pyongyang\n  - place: khasan\n    via:\n      - vladivostokk\n",
        5,
        "neither a known place nor [lat, lon]",
    ),
    (
        "via out of range",
        "stops:\n  - place: pyongyang\n  - place: khasan\n    via:\n      - [42.0, 130.0]\n      - [95.0, 130.0]\n",
        6,
        "valid [lat, lon]",
    ),
    (
        "via wrong length",
        "stops:\n  - place: pyongyang\n  - place: khasan\n    via:\n      - [42.0, 130.0, 5]\n",
        5,
        "valid [lat, lon]",
    ),
    (
        "via text pair",
        "stops:\n  - place: pyongyang\n  - place: khasan\n    via:\n      - [north, east]\n",
        5,
        "valid [lat, lon]",
    ),
    ("duplicate key", "stops:\n  - place: khasan\n    place: pyongyang\n", 3, "duplicate key 'place'"),
    (
        "occurrence not a number",
        "stops:\n  - place: khasan\n    evidence:\n      - article: 001_4159f345f072ba29\n"
        "        quote: mardi\n        occurrence: deux\n",
        6,
        "occurrence must be a whole number from 1",
    ),
    (
        "occurrence beyond the quote's count",
        "stops:\n  - place: khasan\n    evidence:\n      - article: 001_4159f345f072ba29\n"
        "        quote: Khassan\n        occurrence: 999\n",
        5,
        "quote not found 999 times",
    ),
    ("unknown mode", "stops:\n  - place: pyongyang\n  - place: khasan\n    mode: trian\n", 4, "did you mean 'train'"),
    ("empty file", "# nothing\n", 1, "empty"),
]


@pytest.mark.parametrize(("name", "body", "line", "words"), ERRORS, ids=[e[0] for e in ERRORS])
def test_errors_name_file_and_line(
    tmp_path: Path, seed_articles: list[Article], name: str, body: str, line: int, words: str
) -> None:
    path = tmp_path / "journey.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ItineraryError) as info:
        load_itinerary(path, ref_places(), seed_articles, [])
    message = str(info.value)
    assert message.startswith(f"{path}:{line}: "), message
    assert words in message
    assert "\n" not in message
    assert isinstance(info.value, GeomapError)


@pytest.mark.parametrize(
    ("body", "hint"),
    [
        ("stops:\n  - place: khassan\n", "did you mean 'khasan'?"),
        ("stops:\n  - place: khasan\n    evidense: []\n", "did you mean 'evidence'?"),
        ("titel: x\nstops: [{place: khasan}]\n", "did you mean 'title'?"),
        ("stops:\n  - place: khasan\n    evidence:\n      - {article: 001_4159f345f072ba2, quote: x}\n",
         "did you mean '001_4159f345f072ba29'?"),
    ],
)
def test_errors_suggest_the_nearest_name(
    tmp_path: Path, seed_articles: list[Article], body: str, hint: str
) -> None:
    path = tmp_path / "journey.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ItineraryError, match=hint.replace("?", r"\?")):
        load_itinerary(path, ref_places(), seed_articles, [])


def test_not_utf8_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "journey.yaml"
    path.write_bytes(b"stops:\n  - place: \xff\xfe\n")
    with pytest.raises(ItineraryError, match="not UTF-8"):
        load_itinerary(path, ref_places(), [], [])
    with pytest.raises(ItineraryError, match="cannot read"):
        load_itinerary(tmp_path / "absent.yaml", ref_places(), [], [])


# --- legs and the route line ----------------------------------------------------------------------


def test_build_legs_skips_unplaced_stops_and_keeps_their_waypoints() -> None:
    places = ref_places()
    stops = [Stop(1, "pyongyang"), Stop(2, "nowhere"), Stop(3, "khasan")]
    legs = build_legs(stops, places, {2: [(40.0, 128.0)], 3: ["tumen-friendship-bridge"]})
    (leg,) = legs
    assert (leg.from_seq, leg.to_seq) == (1, 3)
    assert leg.path == (places["pyongyang"].latlon, (40.0, 128.0), places["tumen-friendship-bridge"].latlon,
                        places["khasan"].latlon)
    expected = sum(geodesic(a, b).km for a, b in zip(leg.path, leg.path[1:]))
    assert leg.km == pytest.approx(expected)


def test_route_line_joins_legs_without_duplicate_joints(tmp_path: Path, seed_articles: list[Article]) -> None:
    body = """
        stops:
          - {place: pyongyang, evidence: []}
          - {place: khasan, evidence: [], via: [[41.0, 129.0]]}
          - {place: vladivostok, evidence: []}
    """
    j = load(tmp_path, body, seed_articles)
    line = route_line(j)
    coords = list(line.coords)
    assert len(coords) == 4
    assert coords[0] == (125.7381, 39.0194)  # (lon, lat)
    assert coords[-1] == (131.8856, 43.1156)
    assert j.total_km == pytest.approx(sum(leg.km for leg in j.legs))
    assert route_line(Journey(stops=())).is_empty


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(-80, 80), st.floats(-179, 179)),
        min_size=0,
        max_size=6,
    )
)
def test_leg_is_never_shorter_than_the_straight_line(waypoints: list[tuple[float, float]]) -> None:
    places = ref_places()
    (leg,) = build_legs([Stop(1, "pyongyang"), Stop(2, "vostochny-cosmodrome")], places, {2: waypoints})
    straight = geodesic(places["pyongyang"].latlon, places["vostochny-cosmodrome"].latlon).km
    assert leg.km >= straight - 1e-6
    assert leg.path[0] == places["pyongyang"].latlon
    assert leg.path[-1] == places["vostochny-cosmodrome"].latlon
    assert len(leg.path) == len(waypoints) + 2


# --- the seed itinerary against the curated gazetteer ---------------------------------------------


@pytest.fixture(scope="module")
def seed_journey(seeds_dir: Path, gazetteer_path: Path, seed_articles: list[Article]) -> Journey:
    gazetteer = load_gazetteer(gazetteer_path)
    itinerary = find_itinerary([seeds_dir])
    assert itinerary == seeds_dir / "journey.yaml"
    return load_itinerary(itinerary, gazetteer.places, seed_articles, []).journey


def test_seed_stops_in_order(seed_journey: Journey) -> None:
    stops = [(s.place_id, s.date, s.role) for s in seed_journey.stops]
    assert stops == [
        ("pyongyang", dt.date(2023, 9, 10), "stop"),
        ("khasan", dt.date(2023, 9, 12), "stop"),
        ("razdolnaya-river", dt.date(2023, 9, 12), "stop"),
        ("vostochny-cosmodrome", dt.date(2023, 9, 13), "site"),
        ("knevichi-air-base", dt.date(2023, 9, 16), "site"),
        ("vladivostok", dt.date(2023, 9, 17), "stop"),
        ("artyom-primorsky-1", dt.date(2023, 9, 17), "stop"),
        ("khasan", dt.date(2023, 9, 17), "stop"),
    ]
    assert seed_journey.title and "2023" in seed_journey.title
    assert seed_journey.stops[1].time == "tôt le matin"  # the curated texts are French, like the articles
    # Every stop is pinned to the articles, and each piece of evidence is real article text.
    assert all(s.evidence for s in seed_journey.stops)
    # The dates the articles do not give are flagged as such, each with its stop.
    external = [n for n in seed_journey.notes if "not stated in the articles" in n]
    assert [n.split(":")[0] for n in external] == [
        "stop 5 (Knevichi Air Base)", "stop 6 (Vladivostok)", "stop 7 (Artyom-Primorsky-1 Station)", "stop 8 (Khasan)"]


def test_seed_evidence_is_article_text(seed_journey: Journey, seed_articles: list[Article]) -> None:
    texts = {a.id: a.text for a in seed_articles}
    for stop in seed_journey.stops:
        for ev in stop.evidence:
            assert texts[ev.article_id][ev.start : ev.end] == ev.text


def test_seed_leg_distances_are_plausible(seed_journey: Journey, gazetteer_path: Path) -> None:
    places = load_gazetteer(gazetteer_path).places
    legs = seed_journey.legs
    assert len(legs) == len(seed_journey.stops) - 1
    # The real line is ~870 km (P'yŏngra Line 819 km + Rajin–Khasan); coarse waypoints cut
    # the mountain curves, so the drawn route is somewhat shorter.
    assert 650 <= legs[0].km <= 900
    # Round trip by rail is ~5,000 km (the order of magnitude of "10,000 km" is a sanity bound).
    assert 3_000 <= seed_journey.total_km <= 12_000
    straight = 0.0
    for leg, (a, b) in zip(legs, zip(seed_journey.stops, seed_journey.stops[1:])):
        assert leg.path[0] == places[a.place_id].latlon
        assert leg.path[-1] == places[b.place_id].latlon
        assert leg.km == pytest.approx(path_km(leg.path))
        straight += geodesic(leg.path[0], leg.path[-1]).km
    assert seed_journey.total_km > straight * 1.1


def test_seed_route_never_enters_china(seed_journey: Journey, gazetteer_path: Path) -> None:
    geojson = json.loads((DATA / "northeast_china.geojson").read_text(encoding="utf-8"))
    china = shape(geojson["features"][0]["geometry"])
    assert china.is_valid
    bridge = load_gazetteer(gazetteer_path).places["tumen-friendship-bridge"]
    # 1 km around the bridge in degrees of latitude (narrower east-west: a stricter test).
    near_bridge = Point(bridge.lon, bridge.lat).buffer(1 / 111, quad_segs=32)
    route = route_line(seed_journey)
    assert not route.is_empty
    outside = route.intersection(china).difference(near_bridge)
    assert outside.is_empty, f"route enters China at {outside}"
    # The fixture can fail: straight lines between the stops cut across China.
    stops = [(p.lon, p.lat) for p in (load_gazetteer(gazetteer_path).places[s.place_id]
                                       for s in seed_journey.stops)]
    assert LineString(stops).intersects(china)


# --- another journey, elsewhere ---------------------------------------------------------------------


def test_other_trip_loads_and_produces_legs() -> None:
    folder = DATA / "india_trip"
    places = load_gazetteer(folder / "gazetteer.yaml").places
    articles = load_articles([folder])
    itinerary = find_itinerary([folder])
    assert itinerary is not None
    j = load_itinerary(itinerary, places, articles, []).journey
    assert [s.place_id for s in j.stops] == ["new-delhi", "agra-cantt", "taj-mahal", "jaipur"]
    assert j.stops[0].time == "08:00"
    assert j.stops[2].role == "site"
    assert [len(s.evidence) for s in j.stops] == [1, 1, 0, 1]
    assert len(j.legs) == 3
    delhi_agra, _, agra_jaipur = j.legs
    assert 170 <= delhi_agra.km <= 230  # ~195 km by rail
    assert 200 <= agra_jaipur.km <= 280  # ~240 km by rail
    assert any("Bharatpur" in n for n in j.notes)
    # Two joints shared by consecutive legs are drawn once.
    assert len(route_line(j).coords) == sum(len(leg.path) for leg in j.legs) - 2


def test_path_km_is_geopys_geodesic_to_the_last_bit() -> None:
    # One ellipsoid object serves every distance (geopy builds one per call): the same numbers.
    import random
    from itertools import pairwise

    rng = random.Random(7)
    points = [(rng.uniform(-89.9, 89.9), rng.uniform(-180, 180)) for _ in range(200)]
    points += [(10.0, 190.0), (10.0, -170.5), (45, 7)]  # geopy wraps such a longitude; whole degrees
    for a, b in pairwise(points):
        assert path_km([a, b]) == geodesic(a, b).km
    assert path_km(points) == sum(geodesic(a, b).km for a, b in pairwise(points))


def test_a_long_routes_legs_measured_by_two_processes_are_those_measured_here(monkeypatch) -> None:
    import random

    from geomap.journey import legs as legs_module
    from geomap.parallel import MIN_ITEMS

    monkeypatch.setattr(legs_module, "MIN_STEPS_APART", MIN_ITEMS)  # a short route, shared out all the same
    rng = random.Random(3)
    places = {f"p{i}": Place(id=f"p{i}", name=f"P{i}", kind="city", lat=rng.uniform(-60, 60), lon=rng.uniform(-180, 180))
              for i in range(15)}
    stops = [Stop(seq, f"p{rng.randrange(15)}") for seq in range(1, 120)]  # places come back: steps repeat
    vias = {5: [(1.0, 2.0), (1.0, 2.0)]}  # a waypoint repeated: a step of no length
    here = build_legs(stops, places, vias, jobs=1)
    assert build_legs(stops, places, vias, jobs=2) == here
    assert [leg.km for leg in here] == [path_km(leg.path) for leg in here]
