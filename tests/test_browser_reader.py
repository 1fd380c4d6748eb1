"""What a reader of the published seed map meets offline: the tiles notice, the overview map."""

from __future__ import annotations

import pytest
from test_browser_seeds import (  # noqa: F401  (fixtures)
    BOXES_JS,
    LAYOUT_IDS,
    LAYOUTS,
    _overlap,
    assert_only_tiles_failed,
    browser,
    built,
    load,
)

pytestmark = pytest.mark.browser

NOTICE_JS = """() => {
  const n = document.querySelector('.geomap-tiles-notice');
  const r = n.getBoundingClientRect();
  return {x0: r.left, y0: r.top, x1: r.right, y1: r.bottom, h: r.height,
          line: parseFloat(getComputedStyle(n).lineHeight), cut: n.scrollWidth > n.clientWidth,
          text: n.textContent};
}"""


@pytest.mark.parametrize(("viewport", "query"), LAYOUTS, ids=LAYOUT_IDS)
def test_offline_notice_is_one_whole_line_covering_no_stop(browser, built, viewport, query) -> None:
    page, seen = load(browser, built, viewport=viewport, query=query)
    page.wait_for_selector(".geomap-tiles-notice", state="visible", timeout=10_000)
    # Badges under the notice move aside on the next frame (geomap-layout.js).
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    notice = page.evaluate(NOTICE_JS)
    assert notice["h"] < 1.5 * notice["line"] + 8, notice  # one line (plus its padding)
    assert not notice["cut"], notice  # and all of it shown, even on a phone
    # Neither a stop's true spot nor its badge lies under it.
    for stop in page.evaluate(BOXES_JS)["stops"]:
        assert not _overlap(stop, notice), (stop["name"], notice)
    assert_only_tiles_failed(seen)
