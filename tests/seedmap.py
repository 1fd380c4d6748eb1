"""The seed map built once per module and open in headless Chromium: the fixtures ``built`` and
``browser`` (registered by conftest.py) and the helpers that load and check it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from browserutil import open_page

from geomap.model import Story
from geomap.pipeline import BuildOptions, build

ROOT = Path(__file__).resolve().parent.parent
# Slippy-map tile URLs end in /{z}/{x}/{y}.png (optionally @2x): the only requests allowed to fail.
TILE_URL = re.compile(r"^https?://[^/]+/(?:[^?#]*/)?\d+/\d+/\d+(?:@2x)?\.png(?:[?#].*)?$")
VIEWPORTS = [(1600, 1000), (1280, 800)]


@dataclass
class Seen:
    """Console errors with the URL Chromium blames them on, page errors, requests refused."""

    console: list[tuple[str, str]] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def clear(self) -> None:
        self.console.clear()
        self.page_errors.clear()
        self.blocked.clear()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Story, Path]:
    out = tmp_path_factory.mktemp("seed-map")
    result = build([ROOT / "seeds"], out, BuildOptions(gazetteer=ROOT / "gazetteer.yaml"), self_contained=True)
    return result.story, out / "map.html"


@pytest.fixture(scope="module")
def browser(built, chromium_path: str) -> Iterator[tuple[object, Seen]]:
    _, html = built
    seen = Seen()
    with open_page(html, chromium_path, viewport=VIEWPORTS[0]) as (page, events):
        # open_page's own record keeps only the text; the URL says whether a tile failed.
        page.on("console", lambda m: m.type == "error" and seen.console.append((m.text, m.location.get("url", ""))))
        page.on("pageerror", lambda e: seen.page_errors.append(str(e)))
        page.on("requestfailed", lambda r: seen.blocked.append(r.url))
        yield page, seen


def load(browser, built, *, hash: str = "", viewport: tuple[int, int] = VIEWPORTS[0], query: str = ""):
    """The seed map freshly loaded at ``viewport`` (optionally with a ?query and a #fragment)."""
    page, seen = browser
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    page.goto("about:blank")
    seen.clear()
    page.goto(built[1].resolve().as_uri() + query + hash)
    page.wait_for_function("window.geomapReady === true", timeout=15_000)
    return page, seen


def assert_only_tiles_failed(seen: Seen) -> None:
    assert seen.page_errors == []
    assert seen.blocked, "offline, the basemap tiles should have been tried and refused"
    assert [u for u in seen.blocked if not TILE_URL.match(u)] == []
    others = [(text, url) for text, url in seen.console if not TILE_URL.match(url)]
    assert others == []
