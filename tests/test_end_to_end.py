"""End to end on the seed story: stop order, positions, popups quoting the right sentences."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from geopy.distance import geodesic

from geomap.pipeline import BuildOptions, build
from geomap.textnorm import fold_key

ROOT = Path(__file__).resolve().parent.parent

# Reference positions taken independently of gazetteer.yaml (Wikipedia infobox
# coordinates of each facility), with the tolerance each deserves.
TRUTH = {
    "pyongyang": ((39.0194, 125.7381), 10.0),
    "khasan": ((42.4311, 130.6439), 3.0),  # Khasan station, on the Tumen
    "razdolnaya-river": ((43.54, 131.91), 40.0),  # where the railway crosses it
    "vostochny-cosmodrome": ((51.8844, 128.3339), 5.0),
    "knevichi-air-base": ((43.3990, 132.1480), 3.0),  # the Knevichi airfield
    "artyom-primorsky-1": ((43.3540, 132.1870), 5.0),  # in Artyom
    "vladivostok": ((43.1155, 131.8855), 10.0),
}
EXPECTED_ORDER = [
    "pyongyang",
    "khasan",
    "razdolnaya-river",
    "vostochny-cosmodrome",
    "knevichi-air-base",
    "vladivostok",  # the articles: "était à Vladivostok", students, the oceanarium
    "artyom-primorsky-1",
    "khasan",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("seed-out")
    result = build([ROOT / "seeds"], out, BuildOptions(gazetteer=ROOT / "gazetteer.yaml"))
    return result, out


def payload(html: str) -> dict:
    match = re.search(r"geomapStart\((\{.*\})\);", html)
    assert match, "the map page carries its data as one JSON blob"
    return json.loads(match.group(1))


def test_stops_in_travel_order_with_dates(built) -> None:
    result, _ = built
    journey = result.story.journey
    assert journey is not None and journey.origin == "curated"
    assert [s.place_id for s in journey.stops] == EXPECTED_ORDER
    dates = [s.date.isoformat() if s.date else None for s in journey.stops]
    assert dates[:4] == ["2023-09-10", "2023-09-12", "2023-09-12", "2023-09-13"]
    assert dates == sorted(d for d in dates if d)  # never out of order
    roles = {s.place_id: s.role for s in journey.stops}
    assert roles["vostochny-cosmodrome"] == roles["knevichi-air-base"] == "site"
    assert roles["pyongyang"] == "stop"


@pytest.mark.parametrize("place_id", sorted(TRUTH))
def test_each_stop_within_tolerance_of_its_true_position(built, place_id: str) -> None:
    result, _ = built
    (lat, lon), tolerance = TRUTH[place_id]
    place = result.story.places[place_id]
    assert geodesic((lat, lon), place.latlon).km <= tolerance


def test_route_is_longer_than_straight_lines_and_plausible(built) -> None:
    result, _ = built
    journey = result.story.journey
    straight = sum(
        geodesic(result.story.places[a.place_id].latlon, result.story.places[b.place_id].latlon).km
        for a, b in zip(journey.stops, journey.stops[1:])
    )
    assert straight < journey.total_km < 3 * straight
    assert 3000 < journey.total_km < 12000


def test_every_stop_carries_evidence_from_the_articles(built) -> None:
    result, _ = built
    story = result.story
    for stop in story.journey.stops:
        assert stop.evidence, f"stop {stop.seq} has no supporting sentence"
        for ev in stop.evidence:
            assert story.article(ev.article_id).text[ev.start : ev.end] == ev.text


def test_popups_quote_the_right_sentences_with_the_mention_highlighted(built) -> None:
    result, out = built
    data = payload((out / "map.html").read_text(encoding="utf-8"))
    places = {p["id"]: p for p in data["places"]}
    quotes = places["vostochny-cosmodrome"]["quotes"]
    sentence = "se sont retrouvés mercredi 13 septembre au cosmodrome russe de Vostotchny"
    hits = [q for q in quotes if sentence in q["text"]]
    assert hits, [q["text"] for q in quotes]
    assert "Vostotchny" in hits[0]["text"][hits[0]["start"] : hits[0]["end"]]
    for q in quotes:  # every highlight is a form of the place's name
        assert fold_key(q["text"][q["start"] : q["end"]]) in {
            fold_key(m.surface) for m in result.story.mentions if m.place_id == "vostochny-cosmodrome"
        }
    knevichi = places["knevichi-air-base"]["quotes"]
    assert any("base aérienne de Kniévitchi" in q["text"] for q in knevichi)


def test_geojson_contract(built) -> None:
    result, out = built
    doc = json.loads((out / "journey.geojson").read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection"
    routes = [f for f in doc["features"] if f["properties"].get("role") == "route"]
    assert len(routes) == 1 and routes[0]["geometry"]["type"] == "LineString"
    assert routes[0]["properties"]["stops"] == EXPECTED_ORDER
    points = {f["properties"]["id"]: f for f in doc["features"] if f["geometry"]["type"] == "Point"}
    keys = {"id", "name", "kind", "role", "resolver", "dates", "articles", "mentions", "forms"}
    for feature in points.values():
        assert keys <= set(feature["properties"])
        assert feature["properties"]["role"] in {"stop", "site", "mention"}
        assert feature["properties"]["resolver"] in {"gazetteer", "geonames", "geocoder"}
    cosmo = points["vostochny-cosmodrome"]
    assert cosmo["properties"]["role"] == "site"
    assert cosmo["properties"]["dates"] == ["2023-09-13"]
    lon, lat = cosmo["geometry"]["coordinates"]
    assert geodesic((lat, lon), TRUTH["vostochny-cosmodrome"][0]).km < 5
    assert points["moscow"]["properties"]["role"] == "mention"


def test_mentions_csv_one_row_per_mention(built) -> None:
    result, out = built
    rows = list(csv.DictReader(io.StringIO((out / "mentions.csv").read_text(encoding="utf-8"))))
    assert len(rows) == len(result.story.mentions)
    for row in rows:
        article = result.story.article(row["article"])
        surface = row["surface"].lstrip("'")  # formula guard may prefix an apostrophe
        assert article.text[int(row["start"]) : int(row["end"])] == surface


def test_same_inputs_give_byte_identical_outputs(built, tmp_path: Path) -> None:
    _, first = built
    build([ROOT / "seeds"], tmp_path, BuildOptions(gazetteer=ROOT / "gazetteer.yaml"))
    for name in ("map.html", "journey.geojson", "mentions.csv", "embed.html"):
        assert (tmp_path / name).read_bytes() == (first / name).read_bytes(), name
