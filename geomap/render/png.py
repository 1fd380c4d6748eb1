"""Static graphic export: Debian's headless Chromium (through Playwright) draws the SVG as PNG and PDF."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from ..errors import BrowserError, GeomapError

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


def _page_html(svg: str) -> str:
    # The SVG alone on a page with no margin; nothing here loads or runs anything.
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>html,body{margin:0;padding:0;"
            "background:#fff}svg{display:block}@page{margin:0}</style></head><body>" + svg + "</body></html>")


def rasterise(
    svg: str,
    size: tuple[int, int],
    *,
    chromium: str | None = None,
    pdf: bool = False,
    timeout_ms: int = 30_000,
) -> tuple[bytes, bytes | None]:
    """The SVG drawn by headless Chromium: PNG bytes of ``size`` (CSS px, scale 1), and a PDF if asked.

    Works offline: the page is given as text, scripts are off and every request is refused.
    Nothing is written; a failure is a one-line :class:`BrowserError`.
    """
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
                context = browser.new_context(
                    viewport={"width": width, "height": height}, device_scale_factor=1, java_script_enabled=False
                )
                context.route("**/*", lambda route: route.abort())
                page = context.new_page()
                page.set_default_timeout(timeout_ms)
                page.set_content(_page_html(svg), wait_until="load")
                png = page.screenshot(type="png", full_page=False, animations="disabled")
                document = None
                if pdf:
                    page.emulate_media(media="screen")
                    document = _stable_pdf(page.pdf(width=f"{width}px", height=f"{height}px",
                                                    print_background=True, page_ranges="1"))
            finally:
                browser.close()
    except PlaywrightError as exc:
        raise BrowserError(f"headless Chromium failed: {_first_line(exc)}", path=executable) from exc
    return png, document


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:[0-9+\-Z']*\)")


def _stable_pdf(data: bytes) -> bytes:
    """Chromium stamps the time into a PDF; a fixed stamp (same length) keeps builds byte-identical."""
    def fixed(m: re.Match[bytes]) -> bytes:
        stamp = m.group(0)
        head = stamp[: stamp.index(b"(D:") + 3]
        return head + b"0" * (len(stamp) - len(head) - 1) + b")"

    return _PDF_DATE.sub(fixed, data)
