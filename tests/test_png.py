"""Static graphic export: size parsing, finding Debian's chromium, and Chromium drawing an SVG as PNG and PDF."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geomap.errors import BrowserError, GeomapError
from geomap.render.png import MAX_EDGE, MIN_EDGE, find_chromium, parse_size, rasterise

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which the PNG format puts first."""
    assert data[:8] == PNG_SIGNATURE and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


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


SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="640" height="410"><rect width="640" height="410" fill="#d6e4ee"/>'
       '<image href="http://127.0.0.1:9/tile.png" width="10" height="10"/><text x="20" y="40">Map</text></svg>')


def test_bogus_chromium_is_a_one_line_browser_error(tmp_path: Path) -> None:
    with pytest.raises(BrowserError) as err:
        rasterise(SVG, (640, 410), chromium=str(tmp_path / "no-such-chromium"))
    message = str(err.value)
    assert "no-such-chromium" in message and "apt-get install chromium" in message and "\n" not in message


def test_a_file_that_is_not_chromium_is_a_browser_error(tmp_path: Path) -> None:
    fake = tmp_path / "not-chromium"
    fake.write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")
    fake.chmod(0o755)
    with pytest.raises(BrowserError) as err:
        rasterise(SVG, (640, 410), chromium=str(fake))
    assert "\n" not in str(err.value)


def test_bad_size_is_refused_before_starting_a_browser(tmp_path: Path) -> None:
    with pytest.raises(GeomapError):
        rasterise(SVG, (MIN_EDGE - 1, 400), chromium=str(tmp_path / "no-such-chromium"))


# --------------------------------------------------------------------------- rasterising


@pytest.mark.browser
def test_png_has_the_requested_size_and_the_pdf_is_stable(chromium_path: str) -> None:
    # The <image> points at a closed port: requests are refused, the drawing still comes out.
    png, pdf = rasterise(SVG, (640, 410), chromium=chromium_path, pdf=True)
    assert png_size(png) == (640, 410)
    assert pdf is not None and pdf.startswith(b"%PDF")
    again_png, again_pdf = rasterise(SVG, (640, 410), chromium=chromium_path, pdf=True)
    assert (again_png, again_pdf) == (png, pdf)  # no time stamp, nothing random


@pytest.mark.browser
def test_without_pdf_only_the_png_is_made(chromium_path: str) -> None:
    png, pdf = rasterise(SVG, (300, 200), chromium=chromium_path)
    assert png[:8] == PNG_SIGNATURE and pdf is None
