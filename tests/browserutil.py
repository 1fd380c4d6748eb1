"""Headless Debian Chromium via Playwright for browser tests: network blocked, events recorded."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

# The same flags the PNG export uses (no calls home on a closed network).
from geomap.render.png import CHROMIUM_ARGS


@dataclass
class PageEvents:
    """What the page did that a test may want to assert never happened."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    blocked_requests: list[str] = field(default_factory=list)


@contextlib.contextmanager
def open_page(
    html_path: Path,
    chromium_path: str,
    *,
    viewport: tuple[int, int] = (1280, 800),
    route_cdn: dict[str, bytes] | None = None,
) -> Iterator[tuple[object, PageEvents]]:
    """Load ``html_path`` in headless Chromium with every non-file request aborted.

    ``route_cdn`` maps URL substrings to bytes served instead (e.g. Leaflet from the
    XStatic package), so a CDN-linked map can be tested with the network cut.
    """
    from playwright.sync_api import sync_playwright

    events = PageEvents()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path, args=list(CHROMIUM_ARGS))
        try:
            page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
            page.on("console", lambda m: m.type == "error" and events.console_errors.append(m.text))
            page.on("pageerror", lambda e: events.page_errors.append(str(e)))

            def on_dialog(dialog) -> None:  # any alert/confirm/prompt means script ran
                events.dialogs.append(dialog.message)
                dialog.dismiss()

            page.on("dialog", on_dialog)

            def on_route(route) -> None:
                url = route.request.url
                if url.startswith("file:") or url.startswith("data:"):
                    route.continue_()
                    return
                for needle, body in (route_cdn or {}).items():
                    if needle in url:
                        ctype = "text/css" if url.endswith(".css") else "application/javascript"
                        route.fulfill(status=200, body=body, content_type=ctype)
                        return
                events.blocked_requests.append(url)
                route.abort()

            page.route("**/*", on_route)
            page.goto(Path(html_path).resolve().as_uri())
            yield page, events
        finally:
            browser.close()
