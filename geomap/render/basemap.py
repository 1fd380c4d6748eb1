"""Offline basemap: Natural Earth land, borders and place labels clipped and simplified to a story's area."""

from __future__ import annotations

import gzip
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import shapely
from shapely import STRtree
from shapely.geometry import LineString, MultiPolygon, Polygon, box
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

from . import basemapcache

#: Credit line for every map and graphic that draws this basemap.
ATTRIBUTION = "Natural Earth · GeoNames (CC BY 4.0)"
#: The same, short enough for a phone's attribution line.
SHORT_ATTRIBUTION = "Natural Earth · GeoNames"
#: Latitudes beyond these are not on a Web Mercator map.
MAX_LAT = 85.0
#: A country is labelled when this share of the view is that country (smaller ones crowd).
MIN_LABEL_SHARE = 0.003
#: Around the story's own bounds the interactive map gets this much context (× the span, each side).
CONTEXT = 1.0
#: ... and at least this many degrees, so a one-city story still shows its region.
MIN_CONTEXT_DEG = 4.0
#: Widest and tallest map shapes (width / height) the route is fitted to: a wide desktop
#: or embed, a phone in portrait (a 390 × 550 map, its route narrowed by the dates beside it);
#: and how much of the map the route gets (the rest: controls, margins).
VIEW_ASPECTS = (2.0, 0.45)
FIT_ROOM = 1.5

Ring = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Label:
    """A place name to print: a country (large, spaced) or a city (small, with a dot)."""

    text: str
    lon: float
    lat: float
    kind: str  # "country" | "city"


@dataclass(frozen=True)
class Basemap:
    """The basemap inside ``bounds`` (west, south, east, north), in lon/lat."""

    bounds: tuple[float, float, float, float]
    land: tuple[tuple[Ring, ...], ...]  # polygons: exterior ring, then holes
    borders: tuple[Ring, ...]
    labels: tuple[Label, ...]


@dataclass(frozen=True)
class _Country:
    names: dict[str, str]
    outline: BaseGeometry
    area: float


@dataclass(frozen=True)
class _Dataset:
    land: tuple[Polygon, ...]
    land_index: STRtree
    borders: tuple[LineString, ...]
    border_index: STRtree
    countries: tuple[_Country, ...]
    cities: tuple[tuple[str, float, float, int, str], ...]  # name, lon, lat, population, French name


def _pairs(flat: list[float]) -> list[tuple[float, float]]:
    return list(zip(flat[0::2], flat[1::2]))


def _dataset() -> _Dataset:
    """The packaged dataset, loaded once per process (per cache folder) through the build's cache folder."""
    from ..cachedir import default_cache_dir

    return _dataset_in(default_cache_dir())


@lru_cache(maxsize=2)
def _dataset_in(cache_dir: Path) -> _Dataset:
    return load_dataset(cache_dir)


def load_dataset(cache_dir: Path) -> _Dataset:
    """The packaged dataset (see geomap/data/BASEMAP.md), parsed or read back from ``cache_dir``.

    Parsing and repairing the JSON takes ~0.2 s, so the result is kept in the cache folder
    as WKB (:mod:`.basemapcache`), keyed by the packaged file's bytes: later builds load it in ~20 ms.
    """
    raw = resources.files("geomap").joinpath("data", "basemap.json.gz").read_bytes()
    path = basemapcache.cache_file(cache_dir, raw)
    parts = basemapcache.read(path)
    if parts is None:
        parts = _parse(raw)
        basemapcache.write(path, basemapcache.pack(*parts))
    land, borders, countries, cities = parts
    return _Dataset(tuple(land), STRtree(land), tuple(borders), STRtree(borders),
                    tuple(_Country(names, outline, area) for names, outline, area in countries), cities)


def _parse(raw: bytes) -> tuple[list, list, list[tuple[dict, BaseGeometry, float]], tuple]:
    """Land, borders, (names, outline, area) per country and cities from the packaged gzipped JSON."""
    data = json.loads(gzip.decompress(raw))
    shapes = (Polygon(_pairs(p[0]), [_pairs(r) for r in p[1:]]) for p in data["land"] if len(p[0]) >= 8)
    # Rounding the source to 100 m can make a ring touch itself; repair once here.
    land = [g for s in shapes for g in _polygons(s if s.is_valid else s.buffer(0))]
    borders = [LineString(_pairs(b)) for b in data["borders"] if len(b) >= 4]
    countries = []
    for c in data["countries"]:
        parts = [Polygon(_pairs(p[0]), [_pairs(r) for r in p[1:]]) for p in c["outline"] if len(p[0]) >= 8]
        if parts:
            countries.append(({"en": c["en"], "fr": c["fr"]}, MultiPolygon(parts).buffer(0), c["area"]))
    cities = tuple((str(n), float(x), float(y), int(p), str(fr)) for n, x, y, p, fr in data["cities"])
    return land, borders, countries, cities


def _round_ring(coords, digits: int, shift: float = 0.0) -> Ring:
    out: list[tuple[float, float]] = []
    for x, y in coords:
        point = (round(x + shift, digits) + 0.0, round(y, digits) + 0.0)
        if not out or out[-1] != point:
            out.append(point)
    return tuple(out)


def _polygons(geom: BaseGeometry) -> list[Polygon]:
    if geom.is_empty:
        return []
    if geom.geom_type == "Polygon":
        return [geom]  # type: ignore[list-item]
    return [g for part in getattr(geom, "geoms", []) for g in _polygons(part)]


def _lines(geom: BaseGeometry) -> list[LineString]:
    if geom.is_empty:
        return []
    if geom.geom_type == "LineString":
        return [geom]  # type: ignore[list-item]
    return [g for part in getattr(geom, "geoms", []) for g in _lines(part)]


def _digits(tolerance: float) -> int:
    """Decimals that keep rounding well under the simplification tolerance."""
    digits = 1
    while 10.0**-digits > tolerance / 4 and digits < 5:
        digits += 1
    return digits


def clip_basemap(
    west: float, south: float, east: float, north: float, *, lang: str | None, tolerance: float, cities: int,
    label_box: tuple[float, float, float, float] | None = None,
) -> Basemap:
    """The basemap inside the box, simplified to ``tolerance`` degrees, with up to ``cities`` city labels.

    Labels are placed inside ``label_box`` (west, south, east, north; default: the box), so
    a country is named where the reader looks, not at its own far-away centre.
    Deterministic: the same arguments give the same result, so it is kept in the cache folder
    (a story rebuilt skips the clipping, ~25 ms a call), keyed by the arguments, the data and this code.
    """
    from ..cachedir import default_cache_dir

    args = (west, south, east, north, lang, tolerance, cities, label_box)
    path = basemapcache.clip_file(default_cache_dir(), _code_key(), repr(args))
    cached = basemapcache.read_clip(path, repr(args))
    if cached is not None:
        return cached
    base = _clip(west, south, east, north, lang=lang, tolerance=tolerance, cities=cities, label_box=label_box)
    basemapcache.write_clip(path, repr(args), base)
    return base


@lru_cache(maxsize=1)
def _code_key() -> bytes:
    """What a clip depends on besides its arguments: the packaged data, GEOS and this module's code."""
    raw = resources.files("geomap").joinpath("data", "basemap.json.gz").read_bytes()
    return raw + shapely.geos_version_string.encode("ascii") + Path(__file__).read_bytes()


def _clip(
    west: float, south: float, east: float, north: float, *, lang: str | None, tolerance: float, cities: int,
    label_box: tuple[float, float, float, float] | None,
) -> Basemap:
    if east - west >= 360.0:  # the whole world once, centred where the story is
        middle = (west + east) / 2
        west, east = middle - 180.0, middle + 180.0
    south, north = max(-MAX_LAT, south), min(MAX_LAT, north)
    key = "fr" if (lang or "").lower().startswith("fr") else "en"
    land: list[tuple[Ring, ...]] = []
    borders: list[Ring] = []
    labels: list[Label] = []
    # A box beyond ±180° (a journey drawn over the antimeridian) shows the copy of the world
    # on each side of it: each part clipped from the data, moved by 360° into place.
    for shift in (0.0, -360.0, 360.0):
        if west - shift < 180.0 and east - shift > -180.0:
            area = (max(-180.0, west - shift), south, min(180.0, east - shift), north)
            lw, ls, le, ln = label_box or (west, south, east, north)
            view = (max(lw - shift, area[0]), max(ls, south), min(le - shift, area[2]), min(ln, north))
            _clip_copy(area, view, shift, tolerance, land, borders)
            if view[0] < view[2] and view[1] < view[3]:
                labels += _labels(view, shift, key, tolerance, cities - sum(lab.kind == "city" for lab in labels))
    return Basemap((west, south, east, north), tuple(land), tuple(borders), tuple(labels))


def _clip_copy(area: tuple[float, float, float, float], view: tuple[float, float, float, float], shift: float,
               tolerance: float, land: list[tuple[Ring, ...]], borders: list[Ring]) -> None:
    """Land and borders inside ``area`` (in the data's longitudes), moved by ``shift``, added to the lists."""
    data = _dataset()
    region = box(*area)
    digits = _digits(tolerance)
    for i in sorted(data.land_index.query(region)):
        for poly in _polygons(data.land[i].intersection(region).simplify(tolerance, preserve_topology=True)):
            if poly.area < tolerance * tolerance * 4:
                continue  # an islet smaller than a pixel or two
            rings = (_round_ring(poly.exterior.coords, digits, shift),
                     *(_round_ring(r.coords, digits, shift) for r in poly.interiors))
            if len(rings[0]) >= 4:
                land.append(rings)
    for i in sorted(data.border_index.query(region)):
        for line in _lines(data.borders[i].intersection(region).simplify(tolerance)):
            ring = _round_ring(line.coords, digits, shift)
            if len(ring) >= 2:
                borders.append(ring)


def _labels(view_box: tuple[float, float, float, float], shift: float, key: str, tolerance: float,
            cities: int) -> list[Label]:
    """Country names (where a country is a fair share of the view) and up to ``cities`` city names
    inside ``view_box`` (in the data's longitudes), moved by ``shift``."""
    data = _dataset()
    view = box(*view_box)
    labels = []
    for country in data.countries:
        part = country.outline.intersection(view)
        if part.is_empty or part.area < MIN_LABEL_SHARE * view.area:
            continue
        largest = max(_polygons(part), key=lambda p: p.area)
        point = polylabel(largest, tolerance=max(tolerance, 0.01))
        labels.append(Label(country.names[key], round(point.x + shift, 3) + 0.0, round(point.y, 3) + 0.0, "country"))
    shown = 0
    for name, lon, lat, _pop, name_fr in data.cities:
        if shown >= cities:
            break
        if view_box[0] <= lon <= view_box[2] and view_box[1] <= lat <= view_box[3]:
            labels.append(Label(name_fr if key == "fr" else name, lon + shift, lat, "city"))
            shown += 1
    return labels


def story_area(bounds: list[list[float]] | None) -> tuple[float, float, float, float]:
    """The box the interactive map's basemap covers: the story's bounds with context around them."""
    if not bounds:
        return (-180.0, -MAX_LAT, 180.0, MAX_LAT)
    (south, west), (north, east) = bounds
    # The page fits the route to maps of any shape: a wide map shows far more longitude
    # than a tall route spans, a phone far more latitude than a long route does. Cover
    # what the widest and the tallest of them show, measured as the map draws them (Web
    # Mercator: the same height of map is more degrees of latitude towards the equator),
    # or the land ends in a straight cut.
    lat = max(min((south + north) / 2, MAX_LAT), -MAX_LAT)
    stretch = 1.0 / max(math.cos(math.radians(lat)), 0.2)
    span_x, span_y = math.radians(east - west), _mercator_y(north) - _mercator_y(south)
    wide, tall = VIEW_ASPECTS
    least = math.radians(MIN_CONTEXT_DEG)
    pad_x = max(span_x * CONTEXT, (wide * span_y * FIT_ROOM - span_x) / 2, least)
    pad_y = max(span_y * CONTEXT, (span_x * FIT_ROOM / tall - span_y) / 2, least * stretch)
    return (west - math.degrees(pad_x), _latitude(_mercator_y(south) - pad_y),
            east + math.degrees(pad_x), _latitude(_mercator_y(north) + pad_y))


def _mercator_y(lat: float) -> float:
    """Web Mercator's y (radians of longitude) of a latitude, within the map's ±MAX_LAT."""
    lat = max(min(lat, MAX_LAT), -MAX_LAT)
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _latitude(y: float) -> float:
    """The latitude at Web Mercator's ``y``, held within ±MAX_LAT."""
    return max(min(math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2), MAX_LAT), -MAX_LAT)


def basemap_payload(bounds: list[list[float]] | None, lang: str | None) -> dict:
    """The interactive map's basemap as JSON-ready values: flat [lon, lat, …] arrays, labels."""
    west, south, east, north = story_area(bounds)
    span = max(east - west, north - south)
    if bounds:
        (s, w), (n, e) = bounds
        pad = max(e - w, n - s) * 0.15
        label_box = (w - pad, s - pad, e + pad, n + pad)
    else:
        label_box = None
    base = clip_basemap(west, south, east, north, lang=lang, tolerance=span / 6000, cities=25, label_box=label_box)
    return {
        "bounds": [base.bounds[1], base.bounds[0], base.bounds[3], base.bounds[2]],
        "land": [[[c for p in ring for c in p] for ring in poly] for poly in base.land],
        "borders": [[c for p in line for c in p] for line in base.borders],
        "labels": [[lab.kind, lab.text, lab.lon, lab.lat] for lab in base.labels],
        "attribution": SHORT_ATTRIBUTION,
    }
