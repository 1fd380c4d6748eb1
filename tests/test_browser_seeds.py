"""The seed story built for real and opened in headless Chromium with the network cut."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from seedmap import ROOT, VIEWPORTS, assert_only_tiles_failed, load

from geomap.pipeline import BuildOptions, build
from geomap.render.wording import labels_for

pytestmark = pytest.mark.browser

SUMMIT = "se sont retrouvés mercredi 13 septembre au cosmodrome russe de Vostotchny"
# Desktop, an embed in a 720 px report column (compact mode), a phone, and the plain page
# in a newsroom's 720x450 iframe (a small map beside the list of stops).
LAYOUTS = [((1600, 1000), ""), ((720, 450), "?embed"), ((390, 844), ""), ((720, 450), "")]
LAYOUT_IDS = ["desktop-1600x1000", "embed-720x450", "phone-390x844", "iframe-720x450"]


def popup_heading(page) -> str:
    page.wait_for_function("document.querySelectorAll('.leaflet-popup').length === 1")
    return page.locator(".leaflet-popup-content h2").inner_text()


def stop_marker(page, seq: int):
    """The marker whose aria-label ("#2, #7 · Khasan · …") lists stop ``seq``."""
    icons = page.locator(".leaflet-marker-icon")
    labels = icons.evaluate_all("ns => ns.map(n => n.getAttribute('aria-label') || '')")
    hits = [i for i, label in enumerate(labels) if f"#{seq}" in re.findall(r"#\d+", label.split(" · ")[0])]
    assert len(hits) == 1, labels
    return icons.nth(hits[0])


def test_seed_facts_and_marker_counts(browser, built, repo_root: Path) -> None:
    story, _ = built
    page, seen = load(browser, built)
    journey = story.journey
    assert journey is not None
    # The seed story itself, checked independently of how the page counts.
    assert len(journey.stops) == 8
    assert [s.place_id for s in journey.stops].count("khasan") == 2
    sites = {s.place_id for s in journey.stops if s.role == "site"}
    assert sites == {"vostochny-cosmodrome", "knevichi-air-base"}

    located = {pid for pid, p in story.places.items() if p.has_coords}
    stops = {s.place_id for s in journey.stops if s.role == "stop"} - sites
    on_route = {s.place_id for s in journey.stops}
    mentioned = {m.place_id for m in story.mentions if m.place_id in located} - on_route
    assert page.locator(".leaflet-marker-icon.geomap-stop").count() == len(stops & located) == 5
    assert page.locator(".leaflet-marker-icon.geomap-site").count() == len(sites) == 2
    assert page.locator(".leaflet-marker-icon.geomap-mention").count() == 0  # layer off at first
    assert page.locator("path.geomap-leg").count() == len(journey.legs) >= 6
    assert stop_marker(page, 2).get_attribute("aria-label").startswith("#2, #8 · Khasan")

    # The page speaks the story's language (French) and lists every stop in order.
    labels = labels_for(story.lang)
    assert story.lang == "fr" and page.locator("html").get_attribute("lang") == "fr"
    assert page.locator(".geomap-legend h2").inner_text() == labels["legend"] == "Légende"
    assert page.locator("ol.geomap-stoplist > li").count() == 8
    assert page.locator(".leaflet-control-zoom-in").get_attribute("title") == labels["zoom_in"] == "Zoom avant"

    page.hover(".leaflet-control-layers")
    page.get_by_label(labels["layer_mentions"]).check()
    assert page.locator(".leaflet-marker-icon.geomap-mention").count() == len(mentioned) > 0

    out = repo_root / "test-artifacts"
    out.mkdir(exist_ok=True)
    page.get_by_label(labels["layer_mentions"]).uncheck()
    page.mouse.move(5, 500)  # close the layer control before the picture
    page.screenshot(path=str(out / "seed-map.png"))
    assert_only_tiles_failed(seen)


def test_stop_4_popup_quotes_the_summit_sentence_with_the_mention_marked(browser, built) -> None:
    page, seen = load(browser, built)
    stop_marker(page, 4).click()
    assert popup_heading(page) == "Vostochny Cosmodrome"
    content = page.locator(".leaflet-popup-content")
    # The evidence comes first, under the stop it supports.
    evidence = content.locator(".geomap-evidence blockquote").filter(has_text=SUMMIT)
    assert evidence.count() == 1
    marks = evidence.locator("mark").all_inner_texts()
    assert marks and all("Vostotchny" in m for m in marks)
    # Evidence is not repeated among the other mentions of the place.
    assert content.locator(".geomap-mentions blockquote").filter(has_text=SUMMIT).count() == 0
    assert_only_tiles_failed(seen)


def test_step_through_reaches_every_stop(browser, built) -> None:
    story, _ = built
    page, seen = load(browser, built)
    names = [story.places[s.place_id].name for s in story.journey.stops]
    next_button = page.locator("button.geomap-next")
    visited = []
    for n in range(1, len(names) + 1):
        next_button.click()
        page.wait_for_function(f"location.hash === '#stop-{n}'")
        # The status changes as the page shows the stop (the hash changes before that).
        page.wait_for_function("p => document.querySelector('.geomap-status').textContent.startsWith(p)",
                               arg=f"{n} {labels_for('fr')['of']} ")
        visited.append(popup_heading(page))
    assert visited == names
    assert next_button.is_disabled()
    assert page.locator("#geomap-li-8").get_attribute("aria-current") == "step"
    assert_only_tiles_failed(seen)


def test_stop_7_in_the_address_opens_its_popup(browser, built) -> None:
    page, seen = load(browser, built, hash="#stop-7")
    assert popup_heading(page) == "Artyom-Primorsky-1 Station"
    text = page.locator(".leaflet-popup-content").inner_text()
    assert "gare d’Artiom-Primorsky-1" in text
    assert_only_tiles_failed(seen)


def _overlap(a: dict, b: dict) -> bool:
    return a["x0"] < b["x1"] and b["x0"] < a["x1"] and a["y0"] < b["y1"] and b["y0"] < a["y1"]


BOXES_JS = """() => {
  const box = n => { const r = n.getBoundingClientRect();
    return {x0: r.left, y0: r.top, x1: r.right, y1: r.bottom, w: r.width, h: r.height}; };
  const map = box(document.querySelector('.folium-map'));
  const controls = [...document.querySelectorAll('.leaflet-control')].map(n => ({name: n.className, ...box(n)}))
    .filter(c => c.w > 0 && c.h > 0);
  const stops = [...document.querySelectorAll('.leaflet-marker-icon.geomap-stop, .leaflet-marker-icon.geomap-site')]
    .flatMap(n => [n, n.querySelector('.geomap-badge')].map(e => ({name: n.getAttribute('aria-label'), ...box(e)})));
  return {map, controls, stops};
}"""


@pytest.mark.parametrize(("viewport", "query"), [(v, "") for v in VIEWPORTS] + LAYOUTS[1:],
                         ids=[f"{w}x{h}" for w, h in VIEWPORTS] + LAYOUT_IDS[1:])
def test_every_stop_is_clear_of_the_controls(browser, built, viewport: tuple[int, int], query: str) -> None:
    page, seen = load(browser, built, viewport=viewport, query=query)
    found = page.evaluate(BOXES_JS)
    assert len(found["stops"]) == 2 * 7 and len(found["controls"]) >= 4
    for stop in found["stops"]:
        m = found["map"]
        assert m["x0"] <= stop["x0"] and stop["x1"] <= m["x1"] and m["y0"] <= stop["y0"] and stop["y1"] <= m["y1"], stop
        for control in found["controls"]:
            assert not _overlap(stop, control), (stop["name"], control["name"])
    # Badges never cover one another either (three stops lie within a few km).
    badges = found["stops"][1::2]
    for i, a in enumerate(badges):
        for b in badges[i + 1 :]:
            assert not _overlap(a, b), (a["name"], b["name"])
    assert_only_tiles_failed(seen)


def _inside(inner: dict, outer: dict) -> bool:
    return outer["x0"] <= inner["x0"] and inner["x1"] <= outer["x1"] and outer["y0"] <= inner["y0"] and inner["y1"] <= outer["y1"]


POPUP_JS = """() => {
  const box = n => { const r = n.getBoundingClientRect();
    return {x0: r.left, y0: r.top, x1: r.right, y1: r.bottom}; };
  const popup = document.querySelector('.leaflet-popup-content-wrapper');
  const close = document.querySelector('.leaflet-popup-close-button');
  const c = box(close);
  // The close button is the element a tap at its centre reaches: no control covers it.
  const hit = document.elementFromPoint((c.x0 + c.x1) / 2, (c.y0 + c.y1) / 2);
  const covered = [...document.querySelectorAll('.leaflet-control, .geomap-tiles-notice')]
    .filter(n => n.getBoundingClientRect().width > 0).map(box);
  return {popup: box(popup), close: c, closeReached: close.contains(hit),
          map: box(document.querySelector('.folium-map')), covered,
          viewport: {x0: 0, y0: 0, x1: innerWidth, y1: innerHeight}};
}"""


@pytest.mark.parametrize(("viewport", "query"), LAYOUTS, ids=LAYOUT_IDS)
def test_every_popup_fits_the_screen_clear_of_the_controls(browser, built, viewport, query) -> None:
    story, _ = built
    page, seen = load(browser, built, viewport=viewport, query=query)
    for i, stop in enumerate(story.journey.stops):
        page.evaluate(f"geomap.show({i})")
        page.wait_for_function("document.querySelectorAll('.leaflet-popup').length === 1")
        # The popup pans itself clear of the controls; wait until the map stops moving.
        page.wait_for_function("!geomap.map._panAnim || !geomap.map._panAnim._inProgress")
        page.wait_for_timeout(50)
        found = page.evaluate(POPUP_JS)
        name = story.places[stop.place_id].name
        assert _inside(found["popup"], found["viewport"]) and _inside(found["popup"], found["map"]), (name, found)
        assert found["closeReached"], (name, found["close"])
        for control in found["covered"]:
            assert not _overlap(found["popup"], control), (name, control)
    assert_only_tiles_failed(seen)


@pytest.mark.parametrize(("viewport", "query"), LAYOUTS, ids=LAYOUT_IDS)
def test_tooltips_are_one_line_ish_at_every_size(browser, built, viewport, query) -> None:
    page, seen = load(browser, built, viewport=viewport, query=query)
    stop_marker(page, 4).hover()
    tip = page.locator(".leaflet-tooltip").first
    box = tip.bounding_box()
    assert box is not None and box["width"] > box["height"], box
    assert_only_tiles_failed(seen)


@pytest.mark.parametrize(("viewport", "query"), LAYOUTS, ids=LAYOUT_IDS)
def test_print_fits_every_stop_on_the_map_and_lists_them_all(browser, built, viewport, query) -> None:
    story, _ = built
    page, seen = load(browser, built, viewport=viewport, query=query)
    page.emulate_media(media="print")
    page.wait_for_function("document.documentElement.getAttribute('data-geomap-fitted') === 'print'")
    found = page.evaluate(BOXES_JS)
    assert len(found["stops"]) == 2 * 7
    for stop in found["stops"]:
        assert _inside(stop, found["map"]), stop["name"]
    assert found["controls"] == [] or all(c["name"].find("geomap-legend") >= 0 or "attribution" in c["name"]
                                          or "scale" in c["name"] for c in found["controls"])
    items = page.locator("ol.geomap-stoplist > li")
    assert items.count() == len(story.journey.stops) and items.last.is_visible()
    assert_only_tiles_failed(seen)


# Story data (names, quotes, events, notes, titles) is in whatever language its authors
# wrote; everything else on the page is the interface and must be in one language.
UI_TEXT_JS = """() => {
  const data = 'blockquote, .geomap-li-event, .geomap-popup-stop-head, .geomap-note, #geomap-heading,'
    + ' .geomap-articles, .geomap-popup h2, .geomap-quote-head, .geomap-stoplist a, .geomap-claim-words';
  const texts = [];
  const take = root => { const copy = root.cloneNode(true);
    copy.querySelectorAll(data + ', script, style').forEach(n => n.remove()); texts.push(copy.textContent); };
  take(document.body);
  document.querySelectorAll('[title], [aria-label]').forEach(n =>
    texts.push(n.getAttribute('title') || '', n.getAttribute('aria-label') || ''));
  geomap.legs.forEach(l => texts.push(l.getTooltip().getContent().textContent));
  return texts.join('\\n');
}"""


def _ui_text(page, story) -> str:
    """The interface's words: the page, every stop's popup, every tooltip and control label."""
    texts = [page.evaluate(UI_TEXT_JS)]
    for i in range(len(story.journey.stops)):
        page.evaluate(f"geomap.show({i})")
        page.wait_for_function("document.querySelectorAll('.leaflet-popup').length === 1")
        texts.append(page.evaluate(UI_TEXT_JS))
    return "\n".join(texts)


def _whole(value: str, text: str) -> bool:
    return re.search(r"(?<![\w’'])" + re.escape(value) + r"(?![\w’'])", text) is not None


def _story_words(story) -> str:
    """The story's own words (articles, curated times, events, notes): not the interface's doing."""
    journey = story.journey
    return "\n".join([a.text for a in story.articles] + list(journey.notes) +
                     [f"{s.time or ''} {s.event}" for s in journey.stops])


def _foreign_words(text: str, lang: str, story_words: str = "") -> list[str]:
    """Labels of the other interface language found as whole words in ``text``.

    A word the story's own data uses (a French article quoted on an English page) is the
    story's, not the interface's, and is not counted.
    """
    own, other = labels_for(lang), labels_for("en" if lang == "fr" else "fr")
    own_values = set(own.values())
    found = []
    for key, value in other.items():
        if key in {"thousands", "quote_open", "quote_close", "tiles_attribution", "first_day", "colon"} or value in own_values:
            continue
        if _whole(value, text) and not _whole(value, story_words):
            found.append(f"{key}: {value}")
    return found


def test_french_map_speaks_only_french(browser, built) -> None:
    story, _ = built
    page, seen = load(browser, built)
    assert page.locator("html").get_attribute("lang") == "fr"
    text = _ui_text(page, story)
    assert "Type\u202f: poste-frontière" in text  # kinds translated, French colon spacing
    assert "km · en train" in text and "km · par la route" in text  # each leg says how it was travelled
    assert _foreign_words(text, "fr") == []
    assert_only_tiles_failed(seen)


def test_lang_en_gives_an_english_interface_around_french_articles(browser, tmp_path: Path) -> None:
    result = build([ROOT / "seeds"], tmp_path, BuildOptions(gazetteer=ROOT / "gazetteer.yaml", lang="en"),
                   self_contained=True)
    page, seen = load(browser, (result.story, tmp_path / "map.html"))
    assert page.locator("html").get_attribute("lang") == "en"
    text = _ui_text(page, result.story)
    assert "Kind: border crossing" in text and "Legend" in text and "km · by train" in text
    assert _foreign_words(text, "en", _story_words(result.story)) == []
    # The quotes keep the articles' language for screen readers.
    assert page.locator(".leaflet-popup-content blockquote").first.get_attribute("lang") == "fr"
    assert_only_tiles_failed(seen)


def test_embed_snippet_sizes_the_compact_map_to_the_route(browser, built) -> None:
    page, seen = browser
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 720, "height": 900})
    page.goto("about:blank")
    seen.clear()
    page.goto((built[1].parent / "embed.html").resolve().as_uri())
    wrapper = page.locator("iframe[data-geomap]").locator("xpath=..")
    # The map posts the height its route wants; the snippet gives it to the frame's box.
    page.wait_for_function("document.querySelector('iframe[data-geomap]').parentNode.style.height !== ''",
                           timeout=15_000)
    box = wrapper.bounding_box()
    assert box is not None and 280 <= box["height"] <= box["width"] + 60
    assert box["height"] != pytest.approx(box["width"] * 0.625, abs=2)  # no longer the 16:10 fallback
    frame = page.frame_locator("iframe[data-geomap]")
    assert frame.locator("html.geomap-compact").count() == 1
    assert not frame.locator(".geomap-panel").is_visible()  # compact: no side panel
    assert frame.locator(".geomap-legend-toggle").get_attribute("aria-expanded") == "false"
    assert_only_tiles_failed(seen)


def test_inferred_french_map_speaks_only_french(browser, tmp_path: Path) -> None:
    # Without the curated itinerary every stop, event, time and reason is generated.
    result = build([ROOT / "seeds"], tmp_path, BuildOptions(gazetteer=ROOT / "gazetteer.yaml", curated=False))
    assert result.story.journey is not None and all(s.inferred for s in result.story.journey.stops)
    page, seen = load(browser, (result.story, tmp_path / "map.html"))
    text = _ui_text(page, result.story)
    assert "confiance" in text and page.locator(".geomap-li-event").count() > 0
    events = " ".join(page.locator(".geomap-li-event").all_inner_texts())
    assert _foreign_words(text + "\n" + events, "fr") == []
    assert page.locator("#geomap-heading").inner_text() == "Carte du voyage"
    assert_only_tiles_failed(seen)
