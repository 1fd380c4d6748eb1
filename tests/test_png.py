"""PNG export: size parsing, finding Debian's chromium, and an atomic screenshot of the requested size."""

from __future__ import annotations

import struct
from pathlib import Path

import folium
import pytest
from hypothesis import given
from hypothesis import strategies as st

from geomap.errors import BrowserError, GeomapError
from geomap.render.assets import inline_assets
from geomap.render.png import MAX_EDGE, MIN_EDGE, find_chromium, parse_size, screenshot

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which the PNG format puts first."""
    head = path.read_bytes()[:24]
    assert head[:8] == PNG_SIGNATURE and head[12:16] == b"IHDR"
    return struct.unpack(">II", head[16:24])


def offline_map(folder: Path) -> Path:
    m = folium.Map(location=(46.8, 8.2), zoom_start=7)
    m.default_js = [pair for pair in m.default_js if pair[0] == "leaflet"]
    m.default_css = [pair for pair in m.default_css if pair[0] == "leaflet_css"]
    folium.PolyLine([(47.37, 8.54), (46.95, 7.45)]).add_to(m)
    path = folder / "map.html"
    path.write_text(inline_assets(m.get_root().render()), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- parse_size


@pytest.mark.parametrize("text, size", [("1600x1000", (1600, 1000)), (" 800X600 ", (800, 600)), ("200×8000", (200, 8000))])
def test_parse_size_accepts_width_x_height(text: str, size: tuple[int, int]) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "1600", "1600x", "x1000", "16OOx1000", "1600x1000x3", "-800x600", "199x600",
                                  "800x8001", "0x0", "1e3x800"])
def test_parse_size_rejects_bad_input_with_one_line(text: str) -> None:
    with pytest.raises(GeomapError) as err:
        parse_size(text)
    assert "\n" not in str(err.value) and "1600x1000" in str(err.value)


@given(st.integers(MIN_EDGE, MAX_EDGE), st.integers(MIN_EDGE, MAX_EDGE))
def test_parse_size_round_trips_every_allowed_size(width: int, height: int) -> None:
    assert parse_size(f"{width}x{height}") == (width, height)


# --------------------------------------------------------------------------- finding chromium


def test_find_chromium_prefers_geomap_chromium(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = tmp_path / "my-chromium"
    fake.write_text("#!/bin/sh\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("GEOMAP_CHROMIUM", str(fake))
    assert find_chromium() == str(fake)


def test_find_chromium_ignores_a_missing_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GEOMAP_CHROMIUM", str(tmp_path / "missing"))
    found = find_chromium()
    assert found is None or (Path(found).is_file() and found != str(tmp_path / "missing"))


def test_bogus_chromium_is_a_one_line_browser_error_and_keeps_the_old_png(tmp_path: Path) -> None:
    html = offline_map(tmp_path)
    png = tmp_path / "map.png"
    png.write_bytes(b"previous")
    with pytest.raises(BrowserError) as err:
        screenshot(html, png, chromium=str(tmp_path / "no-such-chromium"))
    message = str(err.value)
    assert "no-such-chromium" in message and "apt-get install chromium" in message and "\n" not in message
    assert png.read_bytes() == b"previous"


def test_a_file_that_is_not_chromium_is_a_browser_error(tmp_path: Path) -> None:
    fake = tmp_path / "not-chromium"
    fake.write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")
    fake.chmod(0o755)
    with pytest.raises(BrowserError) as err:
        screenshot(offline_map(tmp_path), tmp_path / "map.png", chromium=str(fake))
    assert "\n" not in str(err.value)
    assert not (tmp_path / "map.png").exists()


# --------------------------------------------------------------------------- screenshots


@pytest.mark.browser
def test_screenshot_has_the_requested_size_and_replaces_atomically(tmp_path: Path, chromium_path: str) -> None:
    html = offline_map(tmp_path)
    png = tmp_path / "map.png"
    png.write_bytes(b"previous")
    result = screenshot(html, png, size=(640, 410), chromium=chromium_path, wait_ms=100)
    assert result == png
    assert png_size(png) == (640, 410)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html", "map.png"]  # no temp file left
    assert png.stat().st_mode & 0o777 == 0o644


@pytest.mark.browser
def test_page_without_leaflet_is_a_browser_error_not_a_blank_png(tmp_path: Path, chromium_path: str) -> None:
    # A CDN-linked map with no network: Leaflet never arrives (port 9 on loopback refuses).
    html = tmp_path / "map.html"
    html.write_text('<!DOCTYPE html><html><head><script src="http://127.0.0.1:9/leaflet.js"></script></head>'
                    '<body><div id="m"></div><script>L.map("m")</script></body></html>', encoding="utf-8")
    with pytest.raises(BrowserError, match="self-contained"):
        screenshot(html, tmp_path / "map.png", chromium=chromium_path, timeout_ms=5_000)
    assert not (tmp_path / "map.png").exists()
