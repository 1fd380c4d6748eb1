"""Exports beside the map: GeoJSON contract, mentions CSV, embed snippet, and the atomic writer."""

from __future__ import annotations

import csv
import html
import io
import math
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..errors import OutputError
from ..model import LOW_CONFIDENCE, LatLon, Mention, Place, Stop, Story
from ..outputset import write_set
from .jsonindent import dumps_indented
from .wording import bcp47, labels_for, story_title

#: Below this resolver confidence a mention is flagged ``low_confidence`` in the CSV.
#: GeoJSON coordinate precision: 6 decimals is ~0.1 m, finer than any source we use.
PRECISION = 6

#: From this many mentions (≈ 100 articles) the exports are rendered in another process beside the
#: map: below it, starting the process costs more than it saves.
APART_MENTIONS = 3_000

MAP_NAME = "map.html"
GEOJSON_NAME = "journey.geojson"
CSV_NAME = "mentions.csv"
EMBED_NAME = "embed.html"
PNG_NAME = "map.png"
SVG_NAME = "map.svg"
PDF_NAME = "map.pdf"

CSV_HEADER = (
    "article",
    "sentence",
    "start",
    "end",
    "surface",
    "place_id",
    "lat",
    "lon",
    "resolver",
    "confidence",
    "low_confidence",
    "uncertainty_km",
)

# Spreadsheets execute a cell starting with these as a formula (OWASP "CSV injection").
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


# --------------------------------------------------------------------------- GeoJSON


def _coord(value: float, what: str) -> float:
    if not math.isfinite(value):
        raise OutputError(f"{what} is not a finite number ({value!r}); cannot export it")
    # "+ 0.0" turns -0.0 into 0.0 so the same place never prints two ways.
    return round(value, PRECISION) + 0.0


def _lonlat(point: LatLon, what: str) -> list[float]:
    lat, lon = point
    return [_coord(lon, what), _coord(lat, what)]


def _resolver(story: Story, place: Place) -> str:
    res = story.resolutions.get(place.id)
    return res.resolver if res is not None else place.resolver


def _uncertainty(place: Place) -> str | None:
    """A place placed approximately from the text: within how many km, as written in the CSV."""
    return f"{place.approx_km:.1f}" if place.approx_km is not None else None


def _route_coords(story: Story) -> list[list[float]]:
    """The whole route as one line: the legs joined, else the located stops in order."""
    journey = story.journey
    assert journey is not None
    points: list[tuple[LatLon, str]] = []
    for leg in sorted(journey.legs, key=lambda leg: (leg.from_seq, leg.to_seq)):
        points += [(p, f"route leg {leg.from_seq}->{leg.to_seq}") for p in leg.path]
    if not points:  # a single stop, or stops without legs: the line goes through the stops
        for stop in sorted(journey.stops, key=lambda s: s.seq):
            place = story.places.get(stop.place_id)
            if place is not None and place.has_coords:
                points.append((place.latlon, f"place {place.id!r}"))
    coords: list[list[float]] = []
    for point, what in points:
        lonlat = _lonlat(point, what)
        # Each leg repeats the previous leg's last point: keep one joint.
        if not coords or coords[-1] != lonlat:
            coords.append(lonlat)
    return coords


def _route_feature(story: Story) -> dict[str, Any] | None:
    journey = story.journey
    if journey is None:
        return None
    coords = _route_coords(story)
    if not coords:
        return None  # no stop has coordinates: nothing to draw
    if len(coords) == 1:
        # One place (a single stop, or every stop at one spot): GeoJSON needs two
        # positions for a LineString, and the contract promises the route feature.
        coords = coords * 2
    stops: list[str] = []
    for stop in sorted(journey.stops, key=lambda s: s.seq):
        # Consecutive stops at one place are a stay, not a return: list the place once.
        if not stops or stops[-1] != stop.place_id:
            stops.append(stop.place_id)
    return {
        "type": "Feature",
        "geometry": {"type": "LineString", "coordinates": coords},
        "properties": {"role": "route", "stops": stops, "km": round(journey.total_km, 1) + 0.0},
    }


def _leg_features(story: Story) -> list[dict[str, Any]]:
    """One LineString per leg, numbered in travel order, with its length and stop numbers."""
    if story.journey is None:
        return []
    inferred = {s.seq: s.inferred for s in story.journey.stops}
    features = []
    legs = sorted(story.journey.legs, key=lambda leg: (leg.from_seq, leg.to_seq))
    for n, leg in enumerate(legs, start=1):
        coords = [_lonlat(p, f"route leg {leg.from_seq}->{leg.to_seq}") for p in leg.path]
        if len(coords) < 2:
            continue
        features.append({
            "type": "Feature",
            "geometry": {"type": "LineString", "coordinates": coords},
            "properties": {"role": "leg", "leg": n, "from": leg.from_seq, "to": leg.to_seq,
                           "km": round(leg.km, 1) + 0.0, "mode": leg.mode,
                           "inferred": inferred.get(leg.to_seq, False)},
        })
    return features


def _visit_properties(stop: Stop | None, seqs: list[int]) -> dict[str, Any]:
    """A place's first visit (number, event, time, how sure) and the numbers of all its visits."""
    if stop is None:
        return {"stop": None, "stops": [], "event": None, "time": None, "approximate": False,
                "inferred": False, "confidence": None}
    confidence = round(stop.confidence, 2) + 0.0 if stop.confidence is not None else None
    return {"stop": stop.seq, "stops": seqs, "event": stop.event or None, "time": stop.time,
            "approximate": stop.approximate, "inferred": stop.inferred, "confidence": confidence}


def story_geojson(story: Story) -> dict[str, Any]:
    """The story as a GeoJSON FeatureCollection: the route, its legs, then one Point per placed place.

    This is a stable contract (see ARCHITECTURE.md): property names and order, roles
    and feature order do not change between builds of the same input.
    """
    dates: dict[str, set[str]] = defaultdict(set)
    visits: dict[str, list[Stop]] = defaultdict(list)
    if story.journey is not None:
        for stop in sorted(story.journey.stops, key=lambda s: s.seq):
            visits[stop.place_id].append(stop)
            if stop.date is not None:
                dates[stop.place_id].add(stop.date.isoformat())
    articles: dict[str, set[str]] = defaultdict(set)
    forms: dict[str, set[str]] = defaultdict(set)
    counts: dict[str, int] = defaultdict(int)
    for m in story.mentions:
        if m.place_id is None:
            continue
        articles[m.place_id].add(m.article_id)
        forms[m.place_id].add(m.surface)
        counts[m.place_id] += 1

    features: list[dict[str, Any]] = []
    route = _route_feature(story)
    if route is not None:
        features.append(route)
    features += _leg_features(story)
    for pid in sorted(story.places):
        place = story.places[pid]
        if not place.has_coords:
            continue
        stops = visits.get(pid, [])
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": _lonlat(place.latlon, f"place {pid!r}")},
                "properties": {
                    "id": place.id,
                    "name": place.name,
                    "kind": place.kind,
                    "role": story.role_of(pid),
                    "resolver": _resolver(story, place),
                    "dates": sorted(dates.get(pid, ())),
                    "articles": sorted(articles.get(pid, ())),
                    "mentions": counts.get(pid, 0),
                    "forms": sorted(forms.get(pid, ())),
                    **_visit_properties(stops[0] if stops else None, [s.seq for s in stops]),
                    # A place the text placed from another one ("X, 30 km north of Y"): how far off it may be.
                    "uncertainty_km": place.approx_km,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def geojson_text(story: Story) -> str:
    """:func:`story_geojson` serialised deterministically (UTF-8 text, 2-space indent, final newline)."""
    return dumps_indented(story_geojson(story)) + "\n"


# --------------------------------------------------------------------------- CSV


def _cell(text: str) -> str:
    """Untrusted text for a spreadsheet: a leading apostrophe defuses formula syntax."""
    return "'" + text if text.startswith(_FORMULA_PREFIXES) else text


def _mention_order(story: Story):
    rank = {a.id: i for i, a in enumerate(story.articles)}

    def key(m: Mention) -> tuple[int, str, int, int, str, str]:
        return (rank.get(m.article_id, len(rank)), m.article_id, m.start, m.end, m.surface, m.place_id or "")

    return key


def mentions_csv(story: Story) -> str:
    """One CSV row per mention (header first), in article then text order; formula-safe cells."""
    buf = io.StringIO()
    # QUOTE_MINIMAL quotes any cell holding a comma, quote or newline; RFC 4180 line ends.
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    # A place's cells, written once: a big story's mentions name the same few places again and again.
    cells: dict[str, tuple[object, ...]] = {}
    for m in sorted(story.mentions, key=_mention_order(story)):
        pid = m.place_id or ""
        of_place = cells.get(pid)
        if of_place is None:
            of_place = cells[pid] = _place_cells(story, pid)
        writer.writerow((_cell(m.article_id), m.sentence, m.start, m.end, _cell(m.surface), *of_place))
    return buf.getvalue()


def _place_cells(story: Story, pid: str) -> tuple[object, ...]:
    """The CSV cells of a mention's place (``pid`` empty: none): id, lat, lon, resolver, confidence, low, uncertainty."""
    place = story.places.get(pid) if pid else None
    res = story.resolutions.get(pid) if pid else None
    lat = lon = resolver = confidence = low = uncertain = ""
    if place is not None:
        resolver = _resolver(story, place)
        uncertain = _uncertainty(place) or ""
        if place.has_coords:
            lat = f"{_coord(place.lat, f'place {place.id!r}'):.{PRECISION}f}"  # type: ignore[arg-type]
            lon = f"{_coord(place.lon, f'place {place.id!r}'):.{PRECISION}f}"  # type: ignore[arg-type]
    if res is not None:
        confidence = f"{res.confidence:.2f}"
        low = "true" if res.confidence < LOW_CONFIDENCE else "false"
    return _cell(pid), lat, lon, resolver, confidence, low, uncertain


# --------------------------------------------------------------------------- embed


# The embedding page's half of the auto-height: the map (opened with ?embed) posts the
# height its route wants for the frame's width; the box keeps 16:10 until then, and
# forever where scripts do not run. Only a number from the frame's own window is used.
_AUTO_HEIGHT = """<script>
addEventListener("message", function (e) {
  var d = e.data, h = d && d.type === "geomap:height" ? Number(d.height) : NaN;
  if (!(h >= 100 && h <= 4000)) return;
  document.querySelectorAll("iframe[data-geomap]").forEach(function (f) {
    if (f.contentWindow !== e.source) return;
    f.parentNode.style.paddingBottom = "0";
    f.parentNode.style.height = Math.round(h) + "px";
  });
});
</script>"""


def iframe_snippet(map_filename: str = MAP_NAME, title: str = "Journey map") -> str:
    """The map in compact mode (``?embed``) in a 16:10 box that grows to the route's height."""
    src = html.escape(quote(map_filename, safe="/#?=&") + "?embed", quote=True)
    return (
        '<div style="position:relative;width:100%;height:0;padding-bottom:62.5%;">\n'
        f'  <iframe data-geomap src="{src}" title="{html.escape(title, quote=True)}" loading="lazy"'
        ' style="position:absolute;top:0;left:0;width:100%;height:100%;border:0;"'
        " allowfullscreen></iframe>\n"
        "</div>\n" + _AUTO_HEIGHT
    )


def embed_snippet(map_filename: str = MAP_NAME, title: str = "Journey map", *, lang: str = "en") -> str:
    """``embed.html``: the iframe snippet shown live and as copyable code, worded in ``lang``."""
    labels = labels_for(lang)
    snippet = iframe_snippet(map_filename, title)
    file = f"<code>{html.escape(map_filename)}</code>"
    intro = html.escape(labels["embed_intro"]).replace("{file}", file)
    return f"""<!DOCTYPE html>
<html lang="{html.escape(bcp47(lang) or "und", quote=True)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(labels["embed_title"].replace("{title}", title))}</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }}
textarea {{ width: 100%; height: 12rem; font: 13px/1.4 ui-monospace, monospace; }}
</style>
</head>
<body>
<h1>{html.escape(title)}</h1>
<p>{intro}</p>
<textarea readonly aria-label="{html.escape(labels["embed_code"], quote=True)}" onfocus="this.select()">{html.escape(snippet)}</textarea>
<h2>{html.escape(labels["embed_preview"])}</h2>
{snippet}
</body>
</html>
"""


# --------------------------------------------------------------------------- writing


def write_outputs(
    story: Story,
    out_dir: str | Path,
    *,
    self_contained: bool = True,
    png: bool = False,
    svg: bool = False,
    pdf: bool = False,
    size: tuple[int, int] = (1600, 1000),
    subtitle: str | None = None,
    credit: str | None = None,
    chromium: str | None = None,
    progress: Callable[..., None] | None = None,
    jobs: int = 1,
) -> list[Path]:
    """Render every output (the graphic first, then each text as its file is staged) and replace the set as one unit.

    ``png``/``svg``/``pdf`` add the static graphic (``map.png``, ``map.svg``, ``map.pdf``:
    an SVG drawn in Python, rasterised and printed by Chromium) of ``size`` pixels.
    If anything fails, the browser included, nothing is written and a previous build's
    files stay as they were; the set is swapped in by :func:`geomap.outputset.write_set`
    (staged, journalled, locked). With ``jobs`` > 1, a big story's exports are rendered by another
    process while this one renders the map. Returns the written paths in write order.
    """
    from ..cachedir import default_cache_dir
    from .claimsview import CLAIMS_CSV_NAME, claims_csv
    from .gpskml import GPX_NAME, KML_NAME, journey_gpx, journey_kml
    from .templatecache import compiled_once
    with compiled_once(default_cache_dir()):  # folium's templates, compiled as it is imported
        from .mapview import render_page

    out = Path(out_dir)
    # Each output is made when its file is staged and dropped once written: a 10,000-article
    # story's outputs are ~110 MB, and holding them all while map.html was rendered raised the peak.
    blobs: dict[str, bytes | Callable[[], bytes]] = {
        GEOJSON_NAME: lambda: geojson_text(story).encode("utf-8"),
        CSV_NAME: lambda: mentions_csv(story).encode("utf-8"),
        EMBED_NAME: lambda: embed_snippet(MAP_NAME, story_title(story), lang=story.lang).encode("utf-8"),
        KML_NAME: lambda: journey_kml(story).encode("utf-8"),
        GPX_NAME: lambda: journey_gpx(story).encode("utf-8"),
        CLAIMS_CSV_NAME: lambda: claims_csv(story).encode("utf-8"),
        MAP_NAME: lambda: render_page(story, self_contained=self_contained),
    }
    if png or svg or pdf:
        from .graphic import GraphicOptions, render_svg

        drawing = render_svg(story, GraphicOptions(size=size, subtitle=subtitle, credit=credit))
        if svg:
            blobs[SVG_NAME] = drawing.encode("utf-8")
        if png or pdf:
            from .png import rasterise

            # Drawn before anything is staged: a browser failure leaves the folder as it was.
            image, document = rasterise(drawing, size, chromium=chromium, pdf=pdf)
            if png:
                blobs[PNG_NAME] = image
            if pdf and document is not None:
                blobs[PDF_NAME] = document
    apart = (GEOJSON_NAME, CSV_NAME, KML_NAME, GPX_NAME) if jobs > 1 and len(story.mentions) >= APART_MENTIONS else ()
    return write_set(out, blobs, progress=progress or (lambda *_: None), apart=apart)
