"""Self-contained pages: Leaflet (and jQuery when used) inlined from XStatic, images as data URIs."""

from __future__ import annotations

import base64
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import folium
import pytest
import xstatic.pkg.leaflet
from hypothesis import given
from hypothesis import strategies as st

from geomap.errors import OutputError
from geomap.render.assets import TILES_NOTICE, _script_safe, inline_assets

LEAFLET_JS = '<script src="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"></script>'
LEAFLET_CSS = '<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css"/>'
JQUERY_JS = '<script src="https://code.jquery.com/jquery-3.7.1.min.js"></script>'


def leaflet_only_map(*, keep: tuple[str, ...] = ("leaflet",), keep_css: tuple[str, ...] = ("leaflet_css",)) -> str:
    """A folium page trimmed the way mapview trims it: Leaflet's JS and CSS only."""
    m = folium.Map(location=(47.0, 8.0), zoom_start=6)
    m.default_js = [pair for pair in m.default_js if pair[0] in keep]
    m.default_css = [pair for pair in m.default_css if pair[0] in keep_css]
    folium.Marker((47.37, 8.54), tooltip="Zürich").add_to(m)
    folium.PolyLine([(47.37, 8.54), (46.95, 7.45)]).add_to(m)
    html = m.get_root().render()
    # folium names elements with random ids; make two renders comparable.
    return re.sub(r"_[0-9a-f]{32}", "_x", html)


class _Page(HTMLParser):
    """What a browser would fetch or run: external refs and each script's text."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.external: list[str] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._in: str | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.external.append(a["src"] or "")
        if tag == "link" and a.get("href"):
            self.external.append(a["href"] or "")
        if tag in ("script", "style"):
            self._in = tag
            (self.scripts if tag == "script" else self.styles).append("")

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            self.scripts[-1] += data
        elif self._in == "style":
            self.styles[-1] += data


def test_trimmed_folium_page_has_no_external_script_or_style() -> None:
    html = leaflet_only_map()
    assert LEAFLET_JS in html and LEAFLET_CSS in html
    page = _Page(inline_assets(html))
    assert page.external == []
    assert any("Leaflet 1.9.3" in s for s in page.scripts)
    assert any(".leaflet-container" in s for s in page.styles)


def test_inlined_leaflet_is_whole_and_cannot_close_its_script_early() -> None:
    page = _Page(inline_assets(leaflet_only_map()))
    leaflet = next(s for s in page.scripts if "Leaflet 1.9.3" in s)
    # Cut short by a stray "</script>", the script would differ from the packaged file.
    packaged = (Path(xstatic.pkg.leaflet.BASE_DIR) / "leaflet.js").read_text(encoding="utf-8")
    assert leaflet.strip() == packaged.replace("//# sourceMappingURL=leaflet.js.map", "").strip()
    assert "sourceMappingURL" not in leaflet  # would make dev tools fetch a missing file
    for script in page.scripts:
        assert not re.search(r"</script", script, re.I)


def test_leaflet_images_become_png_data_uris() -> None:
    out = inline_assets(leaflet_only_map())
    assert "url(images/" not in out
    uris = re.findall(r"data:image/png;base64,([A-Za-z0-9+/=]+)", out)
    assert len(uris) >= 5  # layers, layers-2x, default icon path, and the three marker icons
    for uri in uris:
        assert base64.b64decode(uri).startswith(b"\x89PNG\r\n\x1a\n")


def test_output_is_deterministic_and_a_second_pass_changes_nothing() -> None:
    once = inline_assets(leaflet_only_map())
    assert inline_assets(leaflet_only_map()) == once
    assert inline_assets(once) == once
    assert once.count(json.dumps(TILES_NOTICE)) == 1  # as the script holds it


def test_offline_support_runs_after_leaflet_and_before_the_map_script() -> None:
    out = inline_assets(leaflet_only_map())
    leaflet = out.index("Leaflet 1.9.3")
    hook = out.index("L.TileLayer.addInitHook")
    map_script = out.index("L.map(")
    assert leaflet < hook < map_script
    # Our background must come after Leaflet's own ".leaflet-container { background: #ddd }".
    assert out.index("background: #ddd") < out.index("background-color: #eef0f3")


def test_jquery_is_inlined_only_when_the_page_uses_it() -> None:
    plain = inline_assets(leaflet_only_map())
    assert "jQuery v3" not in plain and "jquery" not in plain.lower()
    with_jquery = leaflet_only_map(keep=("leaflet", "jquery"))
    assert JQUERY_JS in with_jquery
    out = inline_assets(with_jquery)
    assert _Page(out).external == []
    assert "jQuery v3.7.1" in out


def test_folium_default_extras_cannot_be_inlined_and_are_named() -> None:
    m = folium.Map(location=(0, 0))
    with pytest.raises(OutputError, match="bootstrap") as err:
        inline_assets(m.get_root().render())
    assert "\n" not in str(err.value)


@pytest.mark.parametrize(
    "tag",
    [
        '<script src="https://example.org/plugin.js"></script>',
        '<script src="local.js"></script>',
        '<link href="https://example.org/x.css" rel="stylesheet">',
    ],
)
def test_any_other_external_asset_is_an_error_naming_it(tag: str) -> None:
    url = re.search(r'(?:src|href)="([^"]+)"', tag).group(1)
    with pytest.raises(OutputError, match=re.escape(url)):
        inline_assets(f"<html><head>{LEAFLET_JS}{tag}</head><body></body></html>")


def test_other_leaflet_version_is_refused() -> None:
    old = LEAFLET_JS.replace("1.9.3", "1.7.1")
    with pytest.raises(OutputError, match="1.7.1"):
        inline_assets(f"<html><head>{old}</head></html>")


def test_look_alike_tags_inside_scripts_are_left_alone() -> None:
    lure = '<script>var s = \'<link rel="stylesheet" href="https://evil.example/x.css">\';</script>'
    icon = '<link rel="icon" href="data:,">'
    html = f"<html><head>{LEAFLET_JS}{icon}</head><body>{lure}<!-- <script src=\"x.js\"></script> --></body></html>"
    out = inline_assets(html)
    assert lure in out and icon in out
    assert "<!-- <script src=\"x.js\"></script> -->" in out


@given(st.text(alphabet=st.sampled_from(list("<!-/scrSCRIPTipt >'\"x")), max_size=60))
def test_script_safe_text_never_ends_or_escapes_the_script(js: str) -> None:
    safe = _script_safe(js)
    assert not re.search(r"</script", safe, re.I)
    assert "<!--" not in safe
    # Only "/" and "!" gain a backslash, which JS strings and regexes read as themselves.
    assert safe.replace("<\\/", "</").replace("<\\!--", "<!--") == js
