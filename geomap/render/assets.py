"""Self-contained HTML: inline Leaflet (and jQuery if used) from XStatic packages, plus an offline-tiles notice."""

from __future__ import annotations

import base64
import json
import re
from functools import cache
from html.parser import HTMLParser
from importlib import import_module
from pathlib import Path

from ..errors import OutputError

#: Shown over the map when the basemap tiles fail (no network); everything else is inline,
#: and the offline vector basemap stands in for the tiles: one short line says so.
TILES_NOTICE = "Offline map — simplified basemap"

#: Maps smaller than this (CSS px) get no notice: an overview inset has no room for it.
MIN_NOTICE_BOX = (300, 200)

_MARK = 'data-geomap="offline"'  # marks what we inject, so a second pass changes nothing

_SCRIPT_END = re.compile(r"\s*</script\s*>", re.IGNORECASE)
_VERSION = re.compile(r"(\d+)\.(\d+)(?:\.\d+)?")
_CSS_URL = re.compile(r"""url\(\s*(['"]?)(images/[\w.-]+\.png)\1\s*\)""")
_SOURCEMAP = re.compile(r"^\s*(//[#@] sourceMappingURL=\S*|/\*[#@] sourceMappingURL=.*?\*/)\s*$", re.MULTILINE)


def _package(name: str):
    try:
        return import_module(f"xstatic.pkg.{name}")
    except ImportError as exc:
        raise OutputError(
            f"cannot inline {name}: the XStatic-{name} package is not installed",
            hint=f"pip install xstatic-{name}",
        ) from exc


@cache
def _read(package: str, relpath: str) -> bytes:
    base = Path(_package(package).BASE_DIR)
    return (base / relpath).read_bytes()


def _script_safe(js: str) -> str:
    """JS that cannot end its <script> element early or enter the HTML parser's escaped state."""
    js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)
    return js.replace("<!--", "<\\!--")


def _style_safe(css: str) -> str:
    return re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _check_version(url: str, package: str) -> None:
    """The page asks for one Leaflet/jQuery; we inline another: fail unless major.minor agree."""
    have = str(_package(package).VERSION)
    m = _VERSION.search(url.split("?", 1)[0])
    if m is None:
        return
    wanted = _VERSION.fullmatch(have)
    if wanted and (m.group(1), m.group(2)) != (wanted.group(1), wanted.group(2)):
        raise OutputError(
            f"page asks for {package} {m.group(0)} but XStatic-{package} provides {have}: cannot inline {url}",
            hint="install the matching xstatic package",
        )


def _kind(url: str) -> str | None:
    """Which packaged asset a URL stands for, or None if no package provides it."""
    name = url.split("?", 1)[0].split("#", 1)[0].rsplit("/", 1)[-1].lower()
    if re.fullmatch(r"leaflet(-src)?\.js", name):
        return "leaflet.js"
    if name == "leaflet.css":
        return "leaflet.css"
    if re.fullmatch(r"jquery([-.]\d+(\.\d+)*)?(\.min)?\.js", name):
        return "jquery.js"
    return None


def leaflet_js() -> str:
    return _SOURCEMAP.sub("", _read("leaflet", "leaflet.js").decode("utf-8"))


def leaflet_css() -> str:
    css = _read("leaflet", "leaflet.css").decode("utf-8")
    return _CSS_URL.sub(lambda m: f'url("{_data_uri(_read("leaflet", m.group(2)))}")', css)


def jquery_js() -> str:
    return _SOURCEMAP.sub("", _read("jquery", "jquery.min.js").decode("utf-8"))


def _offline_script(notice: str) -> str:
    """Runs right after Leaflet, before any map is built: inline marker icons, tiles notice."""
    icons = {
        key: _data_uri(_read("leaflet", f"images/{name}"))
        for key, name in (
            ("iconUrl", "marker-icon.png"),
            ("iconRetinaUrl", "marker-icon-2x.png"),
            ("shadowUrl", "marker-shadow.png"),
        )
    }
    script = f"""(function () {{
  "use strict";
  // Leaflet guesses its marker image folder from a CSS URL; inlined, there is none.
  L.Icon.Default.imagePath = "";
  L.Util.extend(L.Icon.Default.prototype.options, {json.dumps(icons, sort_keys=True)});
  var text = {json.dumps(notice)};
  // Every tile layer, whoever creates it, reports failed tiles once per map; a layer
  // created with {{geomapNotice: false}} (e.g. an overview inset) stays quiet.
  L.TileLayer.addInitHook(function () {{
    if (this.options.geomapNotice === false) {{ return; }}
    // Credit the tiles only while some are shown: offline, the map a reader sees (or a
    // --png graphic) holds no tile data, and its credit line must not claim it does.
    var shown = false, credited = true;
    this.on("add", function () {{ credited = true; }});  // Leaflet credits a layer as it is added
    this.on("tileload", function () {{
      shown = true;
      if (!credited && this._map && this._map.attributionControl) {{
        this._map.attributionControl.addAttribution(this.getAttribution());
        credited = true;
      }}
    }});
    this.on("tileerror", function () {{
      var map = this._map;
      if (!map) {{ return; }}
      if (!shown && credited && map.attributionControl) {{
        map.attributionControl.removeAttribution(this.getAttribution());
        credited = false;
      }}
      var box = map.getContainer();
      // A small inset has no room for the sentence; the main map shows it.
      if (box.clientWidth < {MIN_NOTICE_BOX[0]} || box.clientHeight < {MIN_NOTICE_BOX[1]}) {{ return; }}
      if (box.querySelector(".geomap-tiles-notice")) {{ return; }}
      var note = document.createElement("div");
      note.className = "geomap-tiles-notice";
      note.setAttribute("role", "status");
      note.textContent = text;
      box.appendChild(note);
    }});
  }});
}})();"""
    return f"<script {_MARK}>\n{_script_safe(script)}\n</script>"


def _offline_style() -> str:
    """A light grid instead of a grey box where tiles are missing, and the notice's look."""
    style = """.leaflet-container {
  background-color: #eef0f3;
  background-image: linear-gradient(#dfe3e8 1px, transparent 1px),
    linear-gradient(90deg, #dfe3e8 1px, transparent 1px);
  background-size: 32px 32px;
}
.geomap-tiles-notice {
  position: absolute; z-index: 1000; top: 10px; left: 50%; transform: translateX(-50%);
  max-width: calc(100% - 130px); padding: 2px 8px; border-radius: 3px;
  background: rgba(255, 255, 255, 0.92); color: #333; box-shadow: 0 1px 3px rgba(0, 0, 0, 0.3);
  font: 12px/1.4 system-ui, sans-serif; pointer-events: none;
  /* One line, whatever the width: a badge, not a banner over the map's top labels. */
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
}"""
    return f"<style {_MARK}>\n{style}\n</style>"


class _Tags(HTMLParser):
    """Finds real <script src> and <link> tags (not look-alikes inside scripts or strings)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.html = html
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", html)]
        self.found: list[tuple[int, int, str, dict[str, str]]] = []  # start, end, tag, attrs
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ("script", "link"):
            return
        values = {k: v or "" for k, v in attrs}
        if tag == "script" and "src" not in values:
            return
        line, col = self.getpos()
        start = self.line_starts[line - 1] + col
        end = start + len(self.get_starttag_text() or "")
        if tag == "script":
            close = _SCRIPT_END.match(self.html, end)
            if close is None:
                raise OutputError(f"script {values['src']} has content or no end tag; cannot inline it")
            end = close.end()
        self.found.append((start, end, tag, values))


def inline_assets(html: str, *, notice: str = TILES_NOTICE) -> str:
    """Replace CDN Leaflet/jQuery tags with inline copies so the page needs no network but tiles.

    Raises :class:`OutputError` naming any external script or stylesheet that no
    installed package provides. Deterministic, and a second pass changes nothing.
    """
    inject = _MARK not in html
    script_done = style_done = False
    parts: list[str] = []
    pos = 0
    for start, end, tag, attrs in _Tags(html).found:
        if tag == "script":
            url = attrs["src"]
            kind = _kind(url)
            if kind == "leaflet.js":
                _check_version(url, "leaflet")
                out = f"<script>\n{_script_safe(leaflet_js())}\n</script>"
                if inject and not script_done:
                    # Right after Leaflet, before any map script creates a tile layer.
                    out += "\n" + _offline_script(notice)
                    script_done = True
            elif kind == "jquery.js":
                _check_version(url, "jquery")
                out = f"<script>\n{_script_safe(jquery_js())}\n</script>"
            else:
                raise OutputError(
                    f"cannot inline script {url}: no installed package provides it", hint="drop it from the page"
                )
        else:
            url = attrs.get("href", "")
            if "stylesheet" not in attrs.get("rel", "").lower().split() or not url:
                continue
            if _kind(url) != "leaflet.css":
                raise OutputError(
                    f"cannot inline stylesheet {url}: no installed package provides it", hint="drop it from the page"
                )
            _check_version(url, "leaflet")
            out = f"<style>\n{_style_safe(leaflet_css())}\n</style>"
            if inject and not style_done:
                # After Leaflet's CSS so our map background wins over its grey #ddd.
                out += "\n" + _offline_style()
                style_done = True
        parts.append(html[pos:start])
        parts.append(out)
        pos = end
    parts.append(html[pos:])
    return "".join(parts)
