"""The default build opened with the network cut: the map and its offline basemap show; the static graphic is complete."""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import pytest
from browserutil import open_page

from geomap.errors import BrowserError
from geomap.pipeline import BuildOptions, build
from geomap.render.payload import labels_for

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
TILE_URL = re.compile(r"^https?://[^/]+/(?:[^?#]*/)?\d+/\d+/\d+(?:@2x)?\.png(?:[?#].*)?$")
MAX_SELF_CONTAINED = 1_500_000
# Inland China / Russia, and the open Sea of Japan: far from the seed route and its labels.
LAND = [(46.0, 128.5), (49.0, 131.0), (44.0, 124.5)]
SEA = [(41.0, 134.0), (39.5, 132.0), (42.5, 137.0)]
NS = "{http://www.w3.org/2000/svg}"


def pixel(png: bytes) -> tuple[int, int, int]:
    """The colour of a 1×1 PNG (any filter on a lone pixel leaves its bytes as they are)."""
    assert png[12:16] == b"IHDR" and struct.unpack(">II", png[16:24]) == (1, 1)
    pos, data = 8, b""
    while pos < len(png):
        length = struct.unpack(">I", png[pos:pos + 4])[0]
        kind = png[pos + 4:pos + 8]
        if kind == b"IDAT":
            data += png[pos + 8:pos + 8 + length]
        pos += 12 + length
    raw = zlib.decompress(data)
    return raw[1], raw[2], raw[3]


def seeds(out: Path, **kwargs) -> list[Path]:
    return list(build([ROOT / "seeds"], out, BuildOptions(gazetteer=ROOT / "gazetteer.yaml"), **kwargs).written)


@pytest.fixture(scope="module")
def default_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("default")
    seeds(out)  # what `make map` does: no option at all
    return out


def test_default_build_is_self_contained_and_small(default_build: Path) -> None:
    html = (default_build / "map.html").read_text(encoding="utf-8")
    assert "cdn.jsdelivr" not in html and "<script src=" not in html
    assert (default_build / "map.html").stat().st_size <= MAX_SELF_CONTAINED


def test_default_build_shows_map_and_basemap_offline(default_build: Path, chromium_path: str) -> None:
    with open_page(default_build / "map.html", chromium_path, viewport=(1600, 1000)) as (page, events):
        page.wait_for_function("window.geomapReady === true", timeout=15_000)
        assert page.evaluate("() => typeof window.L") == "object"
        # The main map's own basemap (the overview map draws coarse land of its own).
        main = ".folium-map > .leaflet-map-pane > .leaflet-geomap-basemap-pane"
        assert page.locator(f"{main} path.geomap-bm-land").count() == 1
        assert page.locator(f"{main} path.geomap-bm-border").count() == 1
        # Under the tiles: with the network there, tiles cover the offline basemap.
        z = page.evaluate("() => ['.leaflet-geomap-basemap-pane', '.leaflet-geomap-basemap-labels-pane',"
                          " '.leaflet-tile-pane'].map(s => Number(getComputedStyle(document.querySelector(s)).zIndex))")
        assert max(z[0], z[1]) < z[2], z
        labels = page.locator(".geomap-bm-country").all_inner_texts()
        assert "CORÉE DU NORD" in [t.upper() for t in labels]  # the articles are French
        assert page.locator(".geomap-stop, .geomap-site").count() >= 6
        assert events.page_errors == [] and events.dialogs == []
        assert all(TILE_URL.match(url) for url in events.blocked_requests), events.blocked_requests
        # Only the geography left on screen: sample what lies under sea and land points.
        page.add_style_tag(content=".leaflet-marker-pane, .leaflet-overlay-pane, .leaflet-control-container,"
                           " .leaflet-geomap-basemap-labels-pane, .geomap-tiles-notice { visibility: hidden }")
        page.wait_for_timeout(100)

        def colour(lat: float, lon: float) -> tuple[int, int, int]:
            x, y = page.evaluate(f"() => {{ var p = geomap.map.latLngToContainerPoint([{lat}, {lon}]);"
                                 " var r = geomap.map.getContainer().getBoundingClientRect();"
                                 " return [Math.round(p.x + r.left), Math.round(p.y + r.top)]; }")
            return pixel(page.screenshot(clip={"x": x, "y": y, "width": 1, "height": 1}))

        land = {colour(*p) for p in LAND}
        sea = {colour(*p) for p in SEA}
    assert len(land) == 1 and len(sea) == 1, (land, sea)
    (lr, lg, lb), (sr, sg, sb) = land.pop(), sea.pop()
    assert sb > sr and abs(lr - sr) + abs(lg - sg) + abs(lb - sb) > 40  # bluish sea, clearly not land


@pytest.fixture(scope="module")
def graphic_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("graphic")
    seeds(out, png=True, svg=True, pdf=True, size=(800, 450), subtitle="Sept. 2023", credit="Test Wire")
    return out


def test_graphic_files_are_complete(graphic_build: Path) -> None:
    png = (graphic_build / "map.png").read_bytes()
    assert struct.unpack(">II", png[16:24]) == (800, 450)
    assert (graphic_build / "map.pdf").read_bytes().startswith(b"%PDF")
    root = ET.fromstring((graphic_build / "map.svg").read_text(encoding="utf-8"))
    words = ["".join(t.itertext()) for t in root.iter(NS + "text")]
    T = labels_for("fr")
    assert "Sept. 2023" in words and T["stops"] in words and T["stop"] in words
    assert any("Test Wire" in w for w in words)
    assert [w for w in words if re.fullmatch(r"\d+\.", w)] == [f"{n}." for n in range(1, len(
        [w for w in words if re.fullmatch(r"\d+\.", w)]) + 1)]


def test_graphic_shows_title_and_stops_and_no_controls(graphic_build: Path, chromium_path: str) -> None:
    with open_page(graphic_build / "map.svg", chromium_path, viewport=(800, 450)) as (page, events):
        shown = page.evaluate("() => [...document.querySelectorAll('text')].map(t => t.textContent)")
        assert any("Kim Jong-un" in t for t in shown)  # the seeds title (French since 22:00)
        assert {"1", "4"} <= set(shown)  # numbered stop markers
        assert page.locator("button, input, .leaflet-control, script").count() == 0
        assert events.blocked_requests == [] and events.page_errors == []


def test_every_output_is_byte_for_byte_reproducible(graphic_build: Path, tmp_path: Path) -> None:
    seeds(tmp_path, png=True, svg=True, pdf=True, size=(800, 450), subtitle="Sept. 2023", credit="Test Wire")
    names = sorted(p.name for p in graphic_build.iterdir() if p.is_file())
    assert names == sorted(p.name for p in tmp_path.iterdir() if p.is_file())
    for name in names:
        assert (graphic_build / name).read_bytes() == (tmp_path / name).read_bytes(), name


def test_browser_failure_writes_nothing_at_all(tmp_path: Path) -> None:
    fake = tmp_path / "broken-chromium"
    fake.write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")
    fake.chmod(0o755)
    out = tmp_path / "out"
    out.mkdir()
    (out / "map.html").write_text("previous", encoding="utf-8")
    from geomap.pipeline import build_story
    from geomap.render import write_outputs

    story = build_story([ROOT / "seeds"], BuildOptions(gazetteer=ROOT / "gazetteer.yaml")).story
    with pytest.raises(BrowserError):
        write_outputs(story, out, png=True, chromium=str(fake))
    assert sorted(p.name for p in out.iterdir() if p.is_file()) == ["map.html"]
    assert (out / "map.html").read_text(encoding="utf-8") == "previous"
