"""The map page without a browser: HTML structure, JSON payload, determinism, hostile text."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geomap.model import Article, Evidence, Journey, Leg, Mention, Place, Sentence, Stop, Story
from geomap.render.assets import TILES_NOTICE
from geomap.render.mapview import build_map, render_html
from geomap.render.payload import MAX_QUOTES
from geomap.render.safe import excerpt, excerpt_marks, safe_url
from geomap.render.wording import _label_table, labels_for

TESTS = Path(__file__).resolve().parent
STATIC = TESTS.parent / "geomap" / "render" / "static"

# ---- story builders (also used by the browser tests) ------------------------------


def make_article(
    aid: str,
    text: str,
    names: dict[str, str],
    *,
    title: str | None = None,
    date: dt.date | None = None,
    url: str | None = None,
    source: str | None = None,
) -> tuple[Article, list[Mention]]:
    """An article split into sentences at '. ' with a mention for every occurrence of ``names``."""
    sentences: list[Sentence] = []
    start = 0
    for m in re.finditer(r"\. |\n\n|$", text):
        end = m.end()
        if end > start:
            sentences.append(Sentence(len(sentences), start, end))
        start = end
    article = Article(
        id=aid, path=Path(f"{aid}.txt"), text=text, title=title, date=date, url=url,
        source=source, language="en", sentences=tuple(sentences),
    )
    mentions = []
    for surface, place_id in names.items():
        for m in re.finditer(re.escape(surface), text):
            sentence = article.sentence_at(m.start()).index
            mentions.append(Mention(aid, sentence, m.start(), m.end(), surface, place_id, surface.casefold()))
    return article, mentions


def trip_story() -> Story:
    """A four-stop rail trip (one site, one repeated place) told by two short articles."""
    places = {
        "oslo": Place("oslo", "Oslo", "city", 59.9111, 10.7528, "NO"),
        "bergen": Place("bergen", "Bergen", "city", 60.3913, 5.3221, "NO"),
        "bryggen": Place("bryggen", "Bryggen", "wharf", 60.3975, 5.3240, "NO"),
        "myrdal": Place("myrdal", "Myrdal", "station", 60.7352, 7.1226, "NO"),
        "finse": Place("finse", "Finse", "station", 60.6019, 7.5039, "NO"),
    }
    names = {"Oslo": "oslo", "Bergen": "bergen", "Bryggen": "bryggen", "Myrdal": "myrdal", "Finse": "finse"}
    a1, m1 = make_article(
        "rail-1",
        "The night train left Oslo on Thursday. It crossed the plateau at Finse before dawn. "
        "The delegation reached Bergen at noon.",
        names, title="Across the mountains", date=dt.date(2024, 5, 3), url="https://example.org/rail-1",
        source="Example Daily",
    )
    a2, m2 = make_article(
        "rail-2",
        "On Saturday the guests toured the old wharf of Bryggen with the mayor. "
        "Passengers changed trains at Myrdal. The return journey ended in Oslo on Monday.",
        names, title=None, date=dt.date(2024, 5, 6), url="javascript:alert(1)",
    )
    stops = (
        Stop(1, "oslo", dt.date(2024, 5, 2), time="evening", event="departure"),
        Stop(2, "bergen", dt.date(2024, 5, 3), event="arrival"),
        Stop(3, "bryggen", dt.date(2024, 5, 4), role="site", event="guided visit"),
        Stop(4, "oslo", dt.date(2024, 5, 6), event="return"),
    )
    legs = (
        Leg(1, 2, ((59.9111, 10.7528), (60.6019, 7.5039), (60.3913, 5.3221)), 371.4),
        Leg(2, 3, ((60.3913, 5.3221), (60.3975, 5.3240)), 0.7),
        Leg(3, 4, ((60.3975, 5.3240), (60.7352, 7.1226), (59.9111, 10.7528)), 372.0),
    )
    return Story(
        articles=(a1, a2), places=places, mentions=tuple(m1 + m2), resolutions={},
        journey=Journey(stops, legs, title="Rail trip"), title="Rail trip across Norway", lang="en",
    )


HOSTILE = (
    "<script>alert(1)</script>",
    "</script><script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    "`${window.__pwned=1}`",
    "\"'quoted' \"double\"",
    "{{ 7*7 }} {% raw %} <!-- -->",
)
EVIL_URL = "javascript:window.__pwned=1"


def hostile(i: int) -> str:
    return " ".join(HOSTILE[i:] + HOSTILE[:i])


def hostile_story() -> Story:
    """Every text field full of markup, template syntax, quotes, long and multi-line values."""
    long_tail = "\n" + "x" * 10_000
    name_a, name_b, name_c = hostile(0), hostile(1) + "\nsecond line", hostile(2) + long_tail
    places = {
        "p<a>": Place("p<a>", name_a, hostile(3), 48.85, 2.35, "FR", aliases=(hostile(4),), source=EVIL_URL),
        "p`b`": Place("p`b`", name_b, hostile(4), 45.76, 4.83, "FR", aliases=(hostile(5),)),
        "p'c'": Place("p'c'", name_c, hostile(5) + long_tail, 43.30, 5.37, "FR"),
        'p"d"': Place('p"d"', hostile(1), hostile(2), 44.84, -0.58, "FR"),
    }
    text = (
        f"First {name_a} was seen. " + hostile(0) + long_tail + f" then {name_b} came. "
        f"Later {name_c} and {hostile(1)} too."
    )
    a1, m1 = make_article(
        hostile(0), text, {name_a: "p<a>", name_b: "p`b`", name_c: "p'c'", hostile(1): 'p"d"'},
        title=hostile(2), date=dt.date(2024, 1, 1), url=EVIL_URL, source=hostile(3),
    )
    a2, m2 = make_article(
        "b2", f"Only {name_a} here.", {name_a: "p<a>"}, title=None, url=" JaVaScRiPt:window.__pwned=1",
    )
    first = a1.sentences[0]
    evidence = (Evidence(a1.id, 0, first.start, first.end, a1.text[first.start : first.end]),)
    stops = (
        Stop(1, "p<a>", dt.date(2024, 1, 1), time=hostile(3), event=hostile(4) + long_tail, evidence=evidence),
        Stop(2, "p`b`", dt.date(2024, 1, 2), role="site", event=hostile(5)),
        Stop(3, "p<a>", dt.date(2024, 1, 3), event=hostile(0)),
    )
    legs = (
        Leg(1, 2, ((48.85, 2.35), (45.76, 4.83)), 392.0),
        Leg(2, 3, ((45.76, 4.83), (46.5, 1.0), (48.85, 2.35)), 480.0),
    )
    return Story(
        articles=(a1, a2), places=places, mentions=tuple(m1 + m2), resolutions={},
        journey=Journey(stops, legs, title=hostile(1), notes=(f"stop 1 ({name_a}): " + hostile(5),)),
        title=hostile(0) + "\n" + hostile(3), lang="en",
    )


def payload_of(html: str) -> dict:
    """The JSON blob the page hands to geomapStart (tojson output is strict JSON)."""
    m = re.search(r"geomapStart\((\{.*\})\);", html)
    assert m is not None, "no geomapStart(...) call in the page"
    return json.loads(m.group(1))


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags_of(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


@pytest.fixture(scope="module")
def trip_html() -> str:
    return render_html(trip_story(), self_contained=False)


# ---- structure ---------------------------------------------------------------------


def test_page_has_title_lang_and_zoomable_viewport(trip_html: str) -> None:
    assert trip_html.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in trip_html
    assert "<title>Rail trip across Norway</title>" in trip_html
    viewports = [a for t, a in tags_of(trip_html) if t == "meta" and a.get("name") == "viewport"]
    assert len(viewports) == 1
    content = viewports[0]["content"] or ""
    assert "width=device-width" in content
    assert "user-scalable" not in content and "maximum-scale" not in content


def test_page_loads_only_leaflet(trip_html: str) -> None:
    tags = tags_of(trip_html)
    scripts = [a["src"] for t, a in tags if t == "script" and a.get("src")]
    styles = [a["href"] for t, a in tags if t == "link" and a.get("rel") == "stylesheet"]
    assert [s.rsplit("/", 1)[-1] for s in scripts] == ["leaflet.js"]
    assert [s.rsplit("/", 1)[-1] for s in styles] == ["leaflet.css"]
    for gone in ("jquery", "bootstrap", "awesome", "fontawesome"):
        assert gone not in trip_html.lower()


def test_lang_follows_story_and_bad_lang_is_undetermined() -> None:
    story = trip_story()
    fr = Story(story.articles, story.places, story.mentions, {}, story.journey, title="Voyage", lang="fr")
    assert '<html lang="fr">' in render_html(fr)
    bad = Story(story.articles, story.places, story.mentions, {}, story.journey, lang='en" onload="x')
    html = render_html(bad, self_contained=False)
    assert '<html lang="und">' in html and "onload" not in html


def test_layers_and_fit_bounds_cover_the_route() -> None:
    m = build_map(trip_story())
    html = m.get_root().render()
    for name in ("Route", "Journey stops", "Visit sites", "Mentioned places"):
        assert json.dumps(name) in html  # listed in folium's layer control
    # The page script fits the view to these bounds (after its controls are measured).
    data = payload_of(html)
    (south, west), (north, east) = data["bounds"]
    assert (south, west, north, east) == (59.9111, 5.3221, 60.7352, 10.7528)
    # Mentioned places start hidden: their group is never added to the map by folium.
    assert f"{data['names']['mentions']}.addTo(" not in html
    assert f"{data['names']['stops']}.addTo(" in html


def test_payload_has_stops_in_order_with_places_and_dates(trip_html: str) -> None:
    data = payload_of(trip_html)
    stops = data["stops"]
    assert [(s["seq"], s["name"], s["date"], s["role"]) for s in stops] == [
        (1, "Oslo", "2024-05-02", "stop"),
        (2, "Bergen", "2024-05-03", "stop"),
        (3, "Bryggen", "2024-05-04", "site"),
        (4, "Oslo", "2024-05-06", "stop"),
    ]
    places = data["places"]
    # One marker per place: Oslo carries both of its visits.
    assert stops[0]["place"] == stops[3]["place"]
    oslo = places[stops[0]["place"]]
    assert oslo["stops"] == [1, 4] and oslo["role"] == "stop"
    assert places[stops[2]["place"]]["role"] == "site"
    assert sorted(p["name"] for p in places if p["role"] == "mention") == ["Finse", "Myrdal"]
    assert data["dates"] == ["2024-05-02", "2024-05-03", "2024-05-04", "2024-05-06"]


def test_legs_carry_path_km_and_label(trip_html: str) -> None:
    data = payload_of(trip_html)
    assert [leg["label"] for leg in data["legs"]] == [
        "Leg 1 · Oslo → Bergen · 371 km",
        "Leg 2 · Bergen → Bryggen · 1 km",
        "Leg 3 · Bryggen → Oslo · 372 km",
    ]
    assert data["legs"][0]["path"][1] == [60.6019, 7.5039]
    assert data["total_km"] == pytest.approx(744.1)


def test_popup_quotes_locate_the_mention(trip_html: str) -> None:
    data = payload_of(trip_html)
    by_name = {p["name"]: p for p in data["places"]}
    (quote,) = by_name["Bryggen"]["quotes"]
    assert quote["text"][quote["start"] : quote["end"]] == "Bryggen"
    assert quote["text"].startswith("On Saturday the guests toured")
    # Untitled article: its opening words in quotes, never its file id; a javascript:
    # source is dropped.
    assert quote["title"] == "“On Saturday the guests toured the old wharf…”" and quote["url"] is None
    oslo = by_name["Oslo"]["quotes"]
    assert [(q["title"], q["text"][q["start"] : q["end"]]) for q in oslo] == [
        ("Across the mountains", "Oslo"),
        ("“On Saturday the guests toured the old wharf…”", "Oslo"),
    ]
    assert oslo[0]["url"] == "https://example.org/rail-1" and oslo[0]["date"] == "2024-05-03"


def test_long_mention_lists_are_capped() -> None:
    text = "Oslo again. " * (MAX_QUOTES + 18)
    article, mentions = make_article("many", text, {"Oslo": "oslo"})
    story = Story((article,), {"oslo": Place("oslo", "Oslo", lat=59.9, lon=10.7)}, tuple(mentions), {})
    (place,) = payload_of(render_html(story))["places"]
    assert len(place["quotes"]) == MAX_QUOTES and place["more"] == 18


def test_without_journey_the_view_fits_all_places() -> None:
    story = trip_story()
    loose = Story(story.articles, story.places, story.mentions, {}, None, title="No route")
    html = render_html(loose)
    data = payload_of(html)
    assert data["stops"] == [] and data["legs"] == []
    assert {p["role"] for p in data["places"]} == {"mention"}
    assert data["bounds"] == [[59.9111, 5.3221], [60.7352, 10.7528]]


def test_empty_story_renders_a_world_map() -> None:
    html = render_html(Story((), {}, (), {}, title="Nothing yet"))
    data = payload_of(html)
    assert data["places"] == [] and data["bounds"] is None


def test_undated_stop_is_filtered_with_the_previous_date() -> None:
    story = trip_story()
    assert story.journey is not None
    stops = list(story.journey.stops)
    stops[2] = Stop(3, "bryggen", None, role="site")
    journey = Journey(tuple(stops), story.journey.legs)
    data = payload_of(render_html(Story(story.articles, story.places, story.mentions, {}, journey)))
    assert [s["filter_date"] for s in data["stops"]] == ["2024-05-02", "2024-05-03", "2024-05-03", "2024-05-06"]
    assert data["stops"][2]["date"] is None


def test_approximate_date_is_shown_as_approximate_and_filtered_as_a_date() -> None:
    story = trip_story()
    assert story.journey is not None
    stops = list(story.journey.stops)
    stops[1] = Stop(2, stops[1].place_id, stops[1].date, role=stops[1].role, approximate=True)
    journey = Journey(tuple(stops), story.journey.legs)
    data = payload_of(render_html(Story(story.articles, story.places, story.mentions, {}, journey)))
    iso = stops[1].date.isoformat()
    assert data["stops"][1]["date"] == f"≈ {iso}"
    assert data["stops"][1]["filter_date"] == iso
    assert data["stops"][0]["date"] == stops[0].date.isoformat()  # stated dates stay plain


# ---- reproducibility ---------------------------------------------------------------


def test_same_story_gives_identical_html(trip_html: str) -> None:
    assert render_html(trip_story(), self_contained=False) == trip_html
    # No folium uuid survives: every generated JS name comes from the counter.
    assert not re.search(r"_[0-9a-f]{32}\b", trip_html)


def _digest_in_subprocess() -> str:
    code = (
        "import sys, hashlib; sys.path.insert(0, sys.argv[1]);"
        "from test_mapview import trip_story; from geomap.render.mapview import render_html;"
        "print(hashlib.sha256(render_html(trip_story(), self_contained=False).encode()).hexdigest())"
    )
    out = subprocess.run([sys.executable, "-c", code, str(TESTS)], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def test_identical_html_across_processes(trip_html: str) -> None:
    here = hashlib.sha256(trip_html.encode()).hexdigest()
    assert _digest_in_subprocess() == _digest_in_subprocess() == here


def _kept_templates_in_subprocess(cache: Path) -> tuple[int, str]:
    """How many templates Jinja compiled while the map module was imported with kept templates, and
    the digest of the page then rendered."""
    code = (
        "import sys, hashlib, jinja2\nfrom pathlib import Path\nsys.path.insert(0, sys.argv[1])\n"
        "compiled = [0]\nreal = jinja2.Environment._compile\n"
        "def counted(env, source, filename):\n    compiled[0] += 1\n    return real(env, source, filename)\n"
        "jinja2.Environment._compile = counted\n"
        "from geomap.render.templatecache import compiled_once\n"
        "with compiled_once(Path(sys.argv[2])):\n    from geomap.render.mapview import render_html\n"
        "imported = compiled[0]\n"
        "from test_mapview import trip_story\n"
        "print(imported, hashlib.sha256(render_html(trip_story(), self_contained=False).encode()).hexdigest())"
    )
    out = subprocess.run([sys.executable, "-c", code, str(TESTS), str(cache)], capture_output=True, text=True,
                         check=True)
    compiled, digest = out.stdout.split()
    return int(compiled), digest


def test_templates_compiled_once_are_kept_and_render_the_same_page(trip_html: str, tmp_path: Path) -> None:
    first, cold = _kept_templates_in_subprocess(tmp_path)
    again, warm = _kept_templates_in_subprocess(tmp_path)
    assert first > 20 and again == 0  # folium's and branca's templates, compiled at import the first time only
    assert cold == warm == hashlib.sha256(trip_html.encode()).hexdigest()


def test_a_spoilt_template_cache_is_compiled_anew(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    for spoilt in (b"", b"not marshal", b"\xfb"):
        for f in (tmp_path / "templates").iterdir():
            f.write_bytes(spoilt)
        compiled, _ = _kept_templates_in_subprocess(tmp_path)
        assert compiled > 20


# ---- hostile text ------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_html() -> str:
    return render_html(hostile_story(), self_contained=False)


def test_hostile_text_never_appears_raw(hostile_html: str) -> None:
    assert "window.__pwned" not in hostile_html.split("geomapStart(")[0].split("<title>")[0]
    for raw in ("</script><script>", "<img src=x", "<script>alert", "<!-- -->"):
        assert raw not in hostile_html
    tags = [t for t, _ in tags_of(hostile_html)]
    assert "img" not in tags
    # Exactly the page's own scripts: Leaflet, folium's switches and the one big block.
    assert tags.count("script") == 3
    assert hostile_html.count("</script>") == 3


def test_hostile_title_is_escaped_in_head(hostile_html: str) -> None:
    head = hostile_html.split("</head>")[0]
    title = re.search(r"<title>(.*?)</title>", head, re.S)
    assert title is not None
    assert "<" not in title.group(1) and "&lt;script&gt;alert(1)&lt;/script&gt;" in title.group(1)


def test_template_syntax_in_data_is_not_evaluated(hostile_html: str) -> None:
    # folium re-parses macro output as Jinja; ours must come through verbatim.
    data = payload_of(hostile_html)
    assert "{{ 7*7 }} {% raw %}" in data["places"][0]["name"]


def test_hostile_values_survive_the_json_round_trip(hostile_html: str) -> None:
    data = payload_of(hostile_html)
    names = [p["name"] for p in data["places"]]
    assert hostile(0) in names
    assert hostile(1) + "\nsecond line" in names
    assert any(n.startswith(hostile(2) + "\nxxx") and n.endswith("…") for n in names)
    quotes = [q for p in data["places"] for q in p["quotes"]]
    assert all(q["text"][q["start"] : q["end"]] for q in quotes)
    assert data["stops"][0]["time"] == hostile(3)
    # Long display values are clipped, never altered.
    assert data["title"].endswith("…")
    assert (hostile(0) + "\n" + hostile(3)).startswith(data["title"][:-1])


def test_javascript_urls_are_dropped(hostile_html: str) -> None:
    data = payload_of(hostile_html)
    assert [a["url"] for a in data["articles"]] == [None, None]
    assert all(q["url"] is None for p in data["places"] for q in p["quotes"])
    assert "javascript:" not in hostile_html.lower()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a?b=1#c", "https://example.org/a?b=1#c"),
        ("  http://example.org/  ", "http://example.org/"),
        ("HTTPS://EXAMPLE.ORG/", "HTTPS://EXAMPLE.ORG/"),
        ("javascript:alert(1)", None),
        (" JaVaScRiPt:alert(1)", None),
        ("java\tscript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("vbscript:msgbox(1)", None),
        ("//example.org/x", None),
        ("/relative/path", None),
        ("https://", None),
        ("https://exa mple.org/", None),
        ("http://[::1", None),
        ("", None),
        (None, None),
    ],
)
def test_safe_url(url: str | None, expected: str | None) -> None:
    assert safe_url(url) == expected


@given(st.text())
def test_safe_url_only_ever_returns_http_links(url: str) -> None:
    out = safe_url(url)
    assert out is None or re.match(r"(?i)https?://[^\s/]", out)


@given(st.text(min_size=1), st.data())
def test_excerpt_keeps_the_highlight(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    cut, a, b = excerpt(text, start, end, radius=20)
    assert cut[a:b] == text[start:end]
    assert len(cut) <= (end - start) + 2 * 20 + 2


def test_page_scripts_never_use_html_sinks() -> None:
    scripts = sorted(STATIC.glob("*.js"))
    assert [p.name for p in scripts] == ["geomap-basemap.js", "geomap-claims.js", "geomap-labels.js", "geomap-layout.js",
                                         "geomap-view.js", "geomap.js"]
    for path in scripts:
        js = path.read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "Function("):
            assert sink not in js, (path.name, sink)
        assert js in render_html(trip_story())  # all are inlined into the page


@given(st.text(min_size=1), st.lists(st.tuples(st.integers(-5, 400), st.integers(-5, 400)), max_size=6))
def test_excerpt_marks_keep_their_text_in_order(text: str, marks: list[tuple[int, int]]) -> None:
    cut, kept = excerpt_marks(text, marks, radius=20)
    clamped = sorted((max(0, min(a, len(text))), max(0, min(b, len(text)))) for a, b in marks)
    wanted = [(a, b) for a, b in clamped if b > a]
    assert all(b > a for a, b in kept)
    assert all(x[1] <= y[0] for x, y in zip(kept, kept[1:]))  # sorted, disjoint
    assert {cut[a:b] for a, b in kept} <= {text[a:b] for a, b in wanted}
    if wanted:  # the first highlight always survives the cut
        assert kept and cut[kept[0][0] : kept[0][1]] == text[wanted[0][0] : wanted[0][1]]
    else:
        assert kept == [] and len(cut) <= 2 * 20 + 1


# ---- stop evidence and notes -------------------------------------------------------


def evidence_story() -> Story:
    """The trip with curated evidence for stop 1 and notes about stops 1 and 2."""
    story = trip_story()
    a1, a2 = story.articles
    first = a1.sentences[0]  # "The night train left Oslo on Thursday. "
    stops = list(story.journey.stops)
    stops[0] = Stop(1, "oslo", dt.date(2024, 5, 2), time="evening", event="departure", evidence=(
        Evidence(a1.id, 0, first.start, first.end, a1.text[first.start : first.end]),
        Evidence("lost-article", 3, 0, 9, "Not found"),  # article not in the story
        Evidence(a2.id, 0, 0, 5, "typed"),  # text that is not the article's slice
    ))
    notes = ("The whole trip by rail.", "stop 1 (Oslo): Hour from the timetable.",
             "route to stop 2 (Bergen): Via Finse.", "stop 12 (Oslo): another stop")
    journey = Journey(tuple(stops), story.journey.legs, title="Rail trip", notes=notes)
    return Story(story.articles, story.places, story.mentions, {}, journey, title=story.title, lang="en")


def test_stop_evidence_carries_sentence_source_and_marks() -> None:
    data = payload_of(render_html(evidence_story()))
    found, lost, typed = data["stops"][0]["evidence"]
    assert found["text"] == "The night train left Oslo on Thursday. "
    assert [found["text"][a:b] for a, b in found["marks"]] == ["Oslo"]
    assert (found["title"], found["date"], found["url"]) == ("Across the mountains", "2024-05-03", "https://example.org/rail-1")
    # The mention in that sentence points inside the evidence span, so the page skips it.
    oslo = data["places"][data["stops"][0]["place"]]
    start, end = found["span"]
    assert [q["id"] for q in oslo["quotes"] if start <= q["at"] < end] == ["rail-1"]
    assert (lost["title"], lost["text"], lost["marks"], lost["url"]) == ("lost-article", "Not found", [], None)
    assert typed["text"] == "typed" and typed["marks"] == []
    assert all(s["evidence"] == [] for s in data["stops"][1:])


def test_stop_notes_reach_their_stop_only() -> None:
    data = payload_of(render_html(evidence_story()))
    assert data["stops"][0]["notes"] == [{"kind": "stop", "text": "Hour from the timetable."}]
    assert data["stops"][1]["notes"] == [{"kind": "route", "text": "Via Finse."}]
    assert data["stops"][2]["notes"] == data["stops"][3]["notes"] == []


# ---- labels per language -----------------------------------------------------------


def test_every_language_has_every_label() -> None:
    table = _label_table()
    assert {"en", "fr"} <= set(table)
    for lang, labels in table.items():
        assert set(labels) == set(table["en"]), lang
        assert "{n}" in labels["more"], lang
    assert labels_for("en")["tiles_notice"] == TILES_NOTICE


@pytest.mark.parametrize(("lang", "legend"), [("fr", "Légende"), ("fr-CA", "Légende"), ("FR", "Légende"),
                                               ("en", "Legend"), ("de", "Legend"), ("", "Legend"), (None, "Legend")])
def test_labels_follow_the_language_with_english_fallback(lang: str | None, legend: str) -> None:
    assert labels_for(lang)["legend"] == legend


def test_french_story_gets_a_french_page() -> None:
    story = trip_story()
    legs = (Leg(1, 2, story.journey.legs[0].path, 1234.5),) + story.journey.legs[1:]
    fr = Story(story.articles, story.places, story.mentions, {}, Journey(story.journey.stops, legs),
               title="Voyage", lang="fr")
    html = render_html(fr, self_contained=True)
    data = payload_of(html)
    assert data["labels"]["prev"] == "Étape précédente"
    assert data["legs"][0]["label"] == "Tronçon 1 · Oslo → Bergen · 1\u202f234 km"
    for name in ("Itinéraire", "Étapes du voyage", "Lieux visités", "Lieux mentionnés"):
        assert json.dumps(name) in html  # folium's layer control
    assert json.dumps(labels_for("fr")["tiles_notice"]) in html
    assert json.dumps(TILES_NOTICE) not in html
