"""PNG export: screenshot a written map.html with Debian's headless Chromium through Playwright."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from ..atomicio import atomic_write_bytes
from ..errors import BrowserError, GeomapError, OutputError

#: Accepted PNG edge lengths in pixels: smaller is useless, larger exhausts Chromium's memory.
MIN_EDGE, MAX_EDGE = 200, 8000

# Without the background-networking flags Chromium calls Google at start-up, which
# fails noisily (and slowly) on closed networks.
CHROMIUM_ARGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

_APT_HINT = "apt-get install chromium, or set GEOMAP_CHROMIUM"
_PIP_HINT = "pip install geomap[png]"

# Ready when mapview says so, else as soon as the map has drawn something of its own.
_READY_JS = """() => window.geomapReady === true ||
  document.querySelector('.leaflet-overlay-pane path, .leaflet-marker-pane > *') !== null"""


def parse_size(text: str) -> tuple[int, int]:
    """``"1600x1000"`` → ``(1600, 1000)``; each edge must lie within MIN_EDGE..MAX_EDGE."""
    m = re.fullmatch(r"\s*(\d{1,6})\s*[xX×]\s*(\d{1,6})\s*", text)
    if m is None:
        raise GeomapError(f"bad size {text!r}: expected WIDTHxHEIGHT in pixels", hint="e.g. 1600x1000")
    width, height = int(m.group(1)), int(m.group(2))
    for edge in (width, height):
        if not MIN_EDGE <= edge <= MAX_EDGE:
            raise GeomapError(
                f"bad size {text!r}: each side must be {MIN_EDGE} to {MAX_EDGE} pixels", hint="e.g. 1600x1000"
            )
    return width, height


def find_chromium() -> str | None:
    """Debian's chromium (never a downloaded build): $GEOMAP_CHROMIUM, /usr/bin/chromium, or on PATH."""
    for candidate in (
        os.environ.get("GEOMAP_CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def require_browser(chromium: str | None = None) -> str:
    """The Chromium to use (``chromium`` if given), after checking it and Playwright exist."""
    if chromium is None:
        chromium = find_chromium()
        if chromium is None:
            raise BrowserError("no Chromium found for the PNG export", hint=_APT_HINT)
    elif not (Path(chromium).is_file() and os.access(chromium, os.X_OK)):
        raise BrowserError("Chromium is not an executable file", path=chromium, hint=_APT_HINT)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        raise BrowserError("Playwright is not installed; it drives Chromium for the PNG", hint=_PIP_HINT) from exc
    return chromium


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def screenshot(
    html_path: str | Path,
    png_path: str | Path,
    *,
    size: tuple[int, int] = (1600, 1000),
    chromium: str | None = None,
    wait_ms: int = 500,
    timeout_ms: int = 30_000,
) -> Path:
    """Load ``html_path`` at ``size`` (CSS px, scale 1), wait for the map, write ``png_path`` atomically.

    Tiles that fail (offline) are fine; a page whose map never appears is a
    :class:`BrowserError` (a CDN-linked map without network: build --self-contained).
    """
    html_path, png_path = Path(html_path), Path(png_path)
    if not html_path.is_file():
        raise OutputError("map HTML to screenshot does not exist", path=html_path)
    width, height = size
    if not (MIN_EDGE <= width <= MAX_EDGE and MIN_EDGE <= height <= MAX_EDGE):
        raise GeomapError(f"bad PNG size {width}x{height}: each side must be {MIN_EDGE} to {MAX_EDGE} pixels")
    executable = require_browser(chromium)
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=executable, args=list(CHROMIUM_ARGS))
            try:
                page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
                # "load" would wait for every tile; offline those can hang until the timeout.
                page.goto(html_path.resolve().as_uri(), wait_until="domcontentloaded", timeout=timeout_ms)
                # Head scripts have run by DOMContentLoaded: no L now means no Leaflet ever.
                loaded = page.evaluate("() => typeof window.L === 'object'")
                try:
                    if not loaded:
                        raise BrowserError("Leaflet did not load")
                    page.wait_for_selector(".leaflet-container", state="attached", timeout=timeout_ms)
                except (BrowserError, PlaywrightError) as exc:
                    raise BrowserError(
                        "the map did not appear in the page (Leaflet not loaded?)",
                        path=html_path,
                        hint="without network, build with --self-contained",
                    ) from exc
                try:
                    page.wait_for_function(_READY_JS, timeout=min(timeout_ms, 10_000))
                except PlaywrightError:
                    pass  # a map with nothing on it yet is still worth a picture
                page.wait_for_timeout(wait_ms)  # let fly/fit animations settle
                data = page.screenshot(type="png", full_page=False, animations="disabled")
            finally:
                browser.close()
    except BrowserError:
        raise
    except PlaywrightError as exc:
        raise BrowserError(f"headless Chromium failed: {_first_line(exc)}", path=executable) from exc
    return atomic_write_bytes(png_path, data)
