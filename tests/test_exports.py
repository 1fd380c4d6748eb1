"""Exports: the GeoJSON contract, the mentions CSV, the embed snippet and atomic write_outputs."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geomap.errors import BrowserError, OutputError
from geomap.model import Article, Journey, Leg, Mention, Place, Resolution, Sentence, Stop, Story
from geomap.render.exports import (
    CSV_HEADER,
    embed_snippet,
    geojson_text,
    iframe_snippet,
    mentions_csv,
    story_geojson,
    write_outputs,
)

POINT_PROPERTIES = ["id", "name", "kind", "role", "resolver", "dates", "articles", "mentions", "forms",
                    "stop", "stops", "event", "time", "approximate", "inferred", "confidence", "uncertainty_km"]

# An invented cycling trip through Portugal: Porto → Coimbra → Lisbon → Belém tower (a
# visit site) → back to Lisbon → back to Coimbra for two nights. Longitudes are negative
# and latitudes positive, so a swapped coordinate pair cannot pass unnoticed.
PLACES = {
    "porto": Place("porto", "Porto", "city", 41.1496, -8.6109, "PT"),
    "coimbra": Place("coimbra", "Coimbra", "city", 40.2033, -8.4103, "PT", resolver="geonames"),
    "lisbon": Place("lisbon", "Lisbon", "city", 38.7223, -9.1393, "PT"),
    "belem": Place("belem", "Torre de Belém", "monument", 38.69157, -9.21598, "PT"),
    "madrid": Place("madrid", "Madrid", "city", 40.4168, -3.7038, "ES", resolver="geocoder"),
    "atlantis": Place("atlantis", "Atlantis", "legend"),  # named but never placed
}


def _article(aid: str, text: str, date: dt.date) -> Article:
    return Article(aid, Path(f"{aid}.txt"), text, title=aid, date=date, language="en",
                   sentences=(Sentence(0, 0, len(text)),))


def _mention(article: Article, surface: str, place_id: str | None, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = article.text.index(surface, start + 1)
    return Mention(article.id, 0, start, start + len(surface), surface, place_id)


def make_story() -> Story:
    a1 = _article("day-1", "Riders left Porto for Coimbra, far from Madrid.", dt.date(2024, 5, 1))
    a2 = _article("day-3", "In LISBON, then at Torre de Belém; back to Lisbon. Atlantis? No.", dt.date(2024, 5, 3))
    a3 = _article("@wrap", 'Coimbra again. =HYPERLINK("x") and "Lisbon, \'white\'\ncity" -Porto', dt.date(2024, 5, 6))
    mentions = (
        _mention(a1, "Porto", "porto"),
        _mention(a1, "Coimbra", "coimbra"),
        _mention(a1, "Madrid", "madrid"),
        _mention(a2, "LISBON", "lisbon"),
        _mention(a2, "Torre de Belém", "belem"),
        _mention(a2, "Lisbon", "lisbon"),
        _mention(a2, "Atlantis", None),
        _mention(a3, "Coimbra", "coimbra"),
        _mention(a3, '=HYPERLINK("x")', "madrid"),
        _mention(a3, "\"Lisbon, 'white'\ncity\"", "lisbon"),
        _mention(a3, "-Porto", "porto"),
    )
    d = dt.date
    stops = (
        Stop(1, "porto", d(2024, 5, 1)),
        Stop(2, "coimbra", d(2024, 5, 2)),
        Stop(3, "lisbon", d(2024, 5, 3)),
        Stop(4, "belem", d(2024, 5, 3), role="site"),
        Stop(5, "lisbon", d(2024, 5, 4)),
        Stop(6, "coimbra", d(2024, 5, 5)),
        Stop(7, "coimbra", d(2024, 5, 6)),  # a second night: a stay, not a return
    )
    P = {k: p.latlon for k, p in PLACES.items() if p.has_coords}
    legs = (
        Leg(1, 2, (P["porto"], (40.64, -8.65), P["coimbra"]), 122.04),
        Leg(2, 3, (P["coimbra"], P["lisbon"]), 173.0),
        Leg(3, 4, (P["lisbon"], (38.70, -9.18), P["belem"]), 7.3),
        Leg(4, 5, (P["belem"], P["lisbon"]), 7.0),
        Leg(5, 6, (P["lisbon"], P["coimbra"]), 173.0),
        Leg(6, 7, (P["coimbra"], P["coimbra"]), 0.0),
    )
    resolutions = {
        "porto": Resolution("Porto", PLACES["porto"], "gazetteer", 1.0),
        "coimbra": Resolution("Coimbra", PLACES["coimbra"], "geonames", 0.8),
        "lisbon": Resolution("Lisbon", PLACES["lisbon"], "gazetteer", 1.0),
        "belem": Resolution("Torre de Belém", PLACES["belem"], "gazetteer", 1.0),
        "madrid": Resolution("Madrid", PLACES["madrid"], "geocoder", 0.4, "only candidate"),
    }
    return Story(
        articles=(a1, a2, a3),
        places=dict(PLACES),
        mentions=mentions,
        resolutions=resolutions,
        journey=Journey(stops, legs, title="Tour"),
        unresolved=("Atlantis",),
        title='Cycling "Portugal" <2024>',
        lang="en",
    )


@pytest.fixture
def story() -> Story:
    return make_story()


def _features(story: Story) -> tuple[dict, dict[str, dict]]:
    features = story_geojson(story)["features"]
    route = features[0]
    points = {f["properties"]["id"]: f for f in features if f["geometry"]["type"] == "Point"}
    return route, points


# --------------------------------------------------------------------------- GeoJSON


def test_geojson_is_a_feature_collection_with_route_first_then_places_by_id(story: Story) -> None:
    data = story_geojson(story)
    assert data["type"] == "FeatureCollection"
    kinds = [f["geometry"]["type"] for f in data["features"]]
    assert kinds == ["LineString"] * 7 + ["Point"] * 5  # the route, its six legs, the places
    assert [f["properties"]["role"] for f in data["features"][:7]] == ["route"] + ["leg"] * 6
    ids = [f["properties"]["id"] for f in data["features"][7:]]
    assert ids == ["belem", "coimbra", "lisbon", "madrid", "porto"]  # atlantis has no coordinates


def test_point_properties_are_exactly_the_contract(story: Story) -> None:
    route, points = _features(story)
    for feature in points.values():
        assert list(feature["properties"]) == POINT_PROPERTIES
        assert feature["type"] == "Feature"
    assert list(route["properties"]) == ["role", "stops", "km"]


def test_points_are_lon_lat_and_rounded_to_six_decimals(story: Story) -> None:
    _, points = _features(story)
    assert points["porto"]["geometry"]["coordinates"] == [-8.6109, 41.1496]
    placed = replace(story, places={**story.places, "porto": replace(PLACES["porto"], lat=41.14961234567, lon=-0.0000001)})
    _, points = _features(placed)
    lon, lat = points["porto"]["geometry"]["coordinates"]
    assert lat == 41.149612
    assert lon == 0.0 and math.copysign(1, lon) == 1.0  # never "-0.0"


def test_roles_resolvers_dates_articles_mentions_forms(story: Story) -> None:
    _, points = _features(story)
    props = {pid: f["properties"] for pid, f in points.items()}
    assert {pid: p["role"] for pid, p in props.items()} == {
        "belem": "site", "coimbra": "stop", "lisbon": "stop", "madrid": "mention", "porto": "stop",
    }
    assert props["coimbra"]["resolver"] == "geonames"
    assert props["madrid"]["resolver"] == "geocoder"
    assert props["coimbra"]["dates"] == ["2024-05-02", "2024-05-05", "2024-05-06"]
    assert props["lisbon"]["dates"] == ["2024-05-03", "2024-05-04"]
    assert props["madrid"]["dates"] == []
    assert props["lisbon"]["articles"] == ["@wrap", "day-3"]
    assert props["lisbon"]["mentions"] == 3
    assert props["lisbon"]["forms"] == ["\"Lisbon, 'white'\ncity\"", "LISBON", "Lisbon"]
    assert props["belem"]["name"] == "Torre de Belém" and props["belem"]["kind"] == "monument"


def test_route_lists_returns_but_not_stays_and_joins_legs_once(story: Story) -> None:
    route, points = _features(story)
    assert route["properties"]["role"] == "route"
    assert route["properties"]["stops"] == ["porto", "coimbra", "lisbon", "belem", "lisbon", "coimbra"]
    assert route["properties"]["km"] == 482.3
    coords = route["geometry"]["coordinates"]
    assert coords[0] == points["porto"]["geometry"]["coordinates"]
    assert coords[-1] == points["coimbra"]["geometry"]["coordinates"]
    assert all(a != b for a, b in zip(coords, coords[1:]))
    # 3 + 2 + 3 + 2 + 2 + 2 leg points, minus the 5 shared joints and the zero-length stay.
    assert len(coords) == 8
    assert [-8.65, 40.64] in coords


def test_no_journey_means_no_route_and_everything_is_a_mention(story: Story) -> None:
    data = story_geojson(replace(story, journey=None))
    assert all(f["geometry"]["type"] == "Point" for f in data["features"])
    assert {f["properties"]["role"] for f in data["features"]} == {"mention"}
    assert all(f["properties"]["dates"] == [] for f in data["features"])


def test_geojson_text_is_byte_identical_whatever_the_input_order(story: Story) -> None:
    text = geojson_text(story)
    shuffled = replace(
        story,
        places=dict(reversed(list(story.places.items()))),
        mentions=tuple(reversed(story.mentions)),
        journey=replace(story.journey, legs=tuple(reversed(story.journey.legs))),
    )
    assert geojson_text(shuffled) == text == geojson_text(make_story())
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert "Torre de Belém" in text  # UTF-8, not \u escapes
    assert json.loads(text) == story_geojson(story)


def test_non_finite_coordinate_is_an_output_error_naming_the_place(story: Story) -> None:
    broken = replace(story, places={**story.places, "lisbon": replace(PLACES["lisbon"], lat=math.nan)})
    with pytest.raises(OutputError, match="lisbon"):
        geojson_text(broken)


# --------------------------------------------------------------------------- CSV


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_csv_has_header_and_one_row_per_mention_in_article_then_text_order(story: Story) -> None:
    rows = _rows(mentions_csv(story))
    assert tuple(rows[0]) == CSV_HEADER
    body = rows[1:]
    assert len(body) == len(story.mentions)
    order = [(r[0], int(r[2])) for r in body]
    ranks = {"day-1": 0, "day-3": 1, "'@wrap": 2}
    assert order == sorted(order, key=lambda t: (ranks[t[0]], t[1]))
    first = dict(zip(CSV_HEADER, body[0]))
    assert first == {
        "article": "day-1", "sentence": "0", "start": "12", "end": "17", "surface": "Porto",
        "place_id": "porto", "lat": "41.149600", "lon": "-8.610900", "resolver": "gazetteer",
        "confidence": "1.00", "low_confidence": "false", "uncertainty_km": "",
    }


def test_csv_flags_low_confidence_and_leaves_unresolved_blank(story: Story) -> None:
    rows = [dict(zip(CSV_HEADER, r)) for r in _rows(mentions_csv(story))[1:]]
    madrid = next(r for r in rows if r["surface"] == "Madrid")
    assert (madrid["confidence"], madrid["low_confidence"], madrid["resolver"]) == ("0.40", "true", "geocoder")
    atlantis = next(r for r in rows if r["surface"] == "Atlantis")
    assert [atlantis[k] for k in ("place_id", "lat", "lon", "resolver", "confidence", "low_confidence")] == [""] * 6


def test_csv_quotes_untrusted_text_and_defuses_formulas(story: Story) -> None:
    rows = [dict(zip(CSV_HEADER, r)) for r in _rows(mentions_csv(story))[1:]]
    surfaces = [r["surface"] for r in rows]
    assert "\"Lisbon, 'white'\ncity\"" in surfaces  # commas, quotes and newline survive
    assert "'=HYPERLINK(\"x\")" in surfaces
    assert "'-Porto" in surfaces
    assert {r["article"] for r in rows} == {"day-1", "day-3", "'@wrap"}
    assert all(not r["lon"].startswith("'") for r in rows)  # our own negative numbers stay numbers


@given(st.text(min_size=1, max_size=40))
def test_any_surface_round_trips_and_never_starts_a_formula(surface: str) -> None:
    text = "x " + surface
    article = Article("a", Path("a.txt"), text, sentences=(Sentence(0, 0, len(text)),))
    story = Story((article,), {}, (Mention("a", 0, 2, len(text), surface, None),), {})
    cell = _rows(mentions_csv(story))[1][4]
    assert cell in (surface, "'" + surface)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


# --------------------------------------------------------------------------- embed


class _Iframes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.iframes: list[dict[str, str | None]] = []
        self.textarea = ""
        self._in_textarea = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "iframe":
            self.iframes.append(dict(attrs))
        self._in_textarea = tag == "textarea"

    def handle_endtag(self, tag: str) -> None:
        self._in_textarea = False

    def handle_data(self, data: str) -> None:
        if self._in_textarea:
            self.textarea += data


def test_embed_snippet_escapes_title_and_shows_the_code_it_embeds() -> None:
    title = 'A "quoted" <script>alert(1)</script> & more'
    page = embed_snippet("my map.html", title)
    parser = _Iframes()
    parser.feed(page)
    assert len(parser.iframes) == 1  # the copyable code is text, not a second live iframe
    frame = parser.iframes[0]
    assert frame["title"] == title
    assert frame["src"] == "my%20map.html?embed"  # compact mode
    assert frame["loading"] == "lazy"
    assert parser.textarea == iframe_snippet("my map.html", title)
    assert "<script>alert" not in page  # the title is text; the one script is the auto-height
    assert page.startswith("<!DOCTYPE html>")


def test_embed_page_speaks_the_interface_language() -> None:
    page = embed_snippet("map.html", "Voyage", lang="fr")
    assert '<html lang="fr">' in page and "Aperçu" in page and "Preview" not in page


def test_iframe_snippet_keeps_a_16_by_10_box() -> None:
    snippet = iframe_snippet()
    assert "padding-bottom:62.5%" in snippet  # 10 / 16
    assert 'src="map.html?embed"' in snippet and 'data-geomap' in snippet
    assert '"geomap:height"' in snippet  # the auto-height listener


# --------------------------------------------------------------------------- write_outputs

OUTPUTS = ["journey.geojson", "mentions.csv", "embed.html", "journey.kml", "journey.gpx", "claims.csv", "map.html"]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_write_outputs_writes_every_file_and_no_temp_files(story: Story, tmp_path: Path) -> None:
    out = tmp_path / "new" / "out"
    written = write_outputs(story, out)
    assert [p.name for p in written] == OUTPUTS
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == sorted(OUTPUTS)
    assert (out / "journey.geojson").read_text(encoding="utf-8") == geojson_text(story)
    assert (out / "mentions.csv").read_bytes() == mentions_csv(story).encode("utf-8")
    assert "<html" in (out / "map.html").read_text(encoding="utf-8")
    parser = _Iframes()
    parser.feed((out / "embed.html").read_text(encoding="utf-8"))
    assert parser.iframes[0]["src"] == "map.html?embed" and parser.iframes[0]["title"] == story.title


def test_unwritable_output_folder_is_an_output_error_and_nothing_is_written(story: Story, tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder", encoding="utf-8")
    out = blocker / "out"
    with pytest.raises(OutputError) as err:
        write_outputs(story, out)
    assert str(out) in str(err.value) and "\n" not in str(err.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"]


def test_failed_render_leaves_previous_outputs_untouched(story: Story, tmp_path: Path) -> None:
    write_outputs(story, tmp_path)
    before = _snapshot(tmp_path)
    broken = replace(story, places={**story.places, "porto": replace(PLACES["porto"], lon=math.inf)})
    with pytest.raises(OutputError):
        write_outputs(broken, tmp_path)
    assert _snapshot(tmp_path) == before


def test_missing_browser_for_png_fails_before_anything_is_written(story: Story, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(BrowserError):
        write_outputs(story, out, png=True, chromium=str(tmp_path / "no-such-chromium"))
    assert not out.exists()


def test_write_outputs_is_deterministic(story: Story, tmp_path: Path) -> None:
    write_outputs(story, tmp_path / "a")
    write_outputs(make_story(), tmp_path / "b")
    assert _snapshot(tmp_path / "a") == _snapshot(tmp_path / "b")


def test_a_place_placed_from_the_text_says_so_in_geojson_and_csv(story: Story) -> None:
    # "Quinta da Serra, 20 km north of Coimbra": no data source knows it, the text places it (geomap.anchored).
    quinta = Place("text:quinta", "Quinta da Serra", "place", 40.3832, -8.4103, "PT", source="Quinta …",
                   resolver="text", approx_km=8.0)
    article = replace(story.articles[0], text=story.articles[0].text + " Quinta da Serra.")
    at = article.text.index("Quinta")
    mention = Mention(article.id, 0, at, at + 15, "Quinta da Serra", quinta.id)
    story = replace(story, articles=(article, *story.articles[1:]), places={**story.places, quinta.id: quinta},
                    mentions=(*story.mentions, mention),
                    resolutions={**story.resolutions, quinta.id: Resolution("Quinta da Serra", quinta, "text", 0.3)})
    points = {f["properties"]["id"]: f["properties"] for f in story_geojson(story)["features"]
              if f["geometry"]["type"] == "Point"}
    assert (points["text:quinta"]["resolver"], points["text:quinta"]["uncertainty_km"]) == ("text", 8.0)
    assert points["porto"]["uncertainty_km"] is None
    rows = [dict(zip(CSV_HEADER, r)) for r in _rows(mentions_csv(story))[1:]]
    [row] = [r for r in rows if r["place_id"] == "text:quinta"]
    assert (row["resolver"], row["low_confidence"], row["uncertainty_km"]) == ("text", "true", "8.0")
