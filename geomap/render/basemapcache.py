"""The parsed and repaired basemap geometry kept in the cache folder as WKB, so a build loads it in milliseconds."""

from __future__ import annotations

import hashlib
import json
import os
import struct
from pathlib import Path
from typing import TYPE_CHECKING

import shapely

from ..atomicio import atomic_write_bytes
from ..errors import OutputError

if TYPE_CHECKING:
    from .basemap import Basemap

#: Bump when the layout below changes; old files are then simply not read.
CACHE_FORMAT = 1
_MAGIC = b"GEOMAPBM"
_HEAD = struct.Struct("<8sQ32s")  # magic, length of the JSON part, sha256 of everything after the head
#: Clipped basemaps kept (one per story area and size); the least recently used go first.
MAX_CLIPS = 64


def cache_file(cache_dir: Path, source: bytes) -> Path:
    """One file per packaged dataset, cache layout and GEOS version (repairs may differ between GEOS versions)."""
    key = hashlib.sha256(source + shapely.geos_version_string.encode("ascii")).hexdigest()[:16]
    return cache_dir / f"basemap-{key}-f{CACHE_FORMAT}.bin"


def pack(land: list, borders: list, countries: list[tuple[dict, object, float]], cities: tuple) -> bytes:
    """Geometries as WKB, names and cities as JSON; ``countries`` is (names, outline, area)."""
    blobs = [*shapely.to_wkb(land), *shapely.to_wkb(borders), *shapely.to_wkb([c[1] for c in countries])]
    meta = {
        "land": len(land), "borders": len(borders),
        "countries": [[names, area] for names, _outline, area in countries],
        "cities": [list(c) for c in cities],
        "sizes": [len(b) for b in blobs],
    }
    head = json.dumps(meta, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    body = head + b"".join(blobs)
    return _HEAD.pack(_MAGIC, len(head), hashlib.sha256(body).digest()) + body


def unpack(data: bytes) -> tuple[list, list, list[tuple[dict, object, float]], tuple] | None:
    """What :func:`pack` stored, or None for a file that is not whole (torn, damaged, another layout)."""
    if len(data) < _HEAD.size:
        return None
    magic, meta_len, digest = _HEAD.unpack_from(data)
    body = memoryview(data)[_HEAD.size:]
    if magic != _MAGIC or hashlib.sha256(body).digest() != digest:
        return None
    try:
        meta = json.loads(bytes(body[:meta_len]).decode("utf-8"))
        blobs, at = [], meta_len
        for size in meta["sizes"]:
            blobs.append(bytes(body[at:at + size]))
            at += size
        geoms = list(shapely.from_wkb(blobs)) if blobs else []
        n_land, n_borders = meta["land"], meta["borders"]
        outlines = geoms[n_land + n_borders:]
        countries = [(names, outline, area) for (names, area), outline in zip(meta["countries"], outlines, strict=True)]
        cities = tuple((str(n), float(x), float(y), int(p), str(fr)) for n, x, y, p, fr in meta["cities"])
        return geoms[:n_land], geoms[n_land:n_land + n_borders], countries, cities
    except (ValueError, KeyError, TypeError, shapely.errors.GEOSException):
        return None


def read(path: Path) -> tuple[list, list, list[tuple[dict, object, float]], tuple] | None:
    """The cached dataset, or None when it is missing or unusable (then it is rebuilt and rewritten)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return unpack(data)


def write(path: Path, data: bytes) -> None:
    """Store the file atomically; an unwritable cache folder only costs the next build the parse."""
    try:
        atomic_write_bytes(path, data)
    except OutputError:
        pass


def clip_file(cache_dir: Path, code: bytes, args: str) -> Path:
    """Where the clip for ``args`` (the arguments' repr) under ``code`` (data + code it depends on) is kept."""
    key = hashlib.sha256(code + b"\0" + args.encode("utf-8")).hexdigest()[:24]
    return cache_dir / f"basemap-clip-{key}-f{CACHE_FORMAT}.json"


def read_clip(path: Path, args: str) -> Basemap | None:
    """The kept clip, or None when missing, damaged or for other arguments; a hit marks it recently used."""
    from .basemap import Basemap, Label

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["args"] != args:
            return None
        base = Basemap(
            tuple(data["bounds"]),
            tuple(tuple(tuple(tuple(p) for p in ring) for ring in poly) for poly in data["land"]),
            tuple(tuple(tuple(p) for p in line) for line in data["borders"]),
            tuple(Label(str(t), lon, lat, str(k)) for t, lon, lat, k in data["labels"]),
        )
        os.utime(path)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return base


def write_clip(path: Path, args: str, base: Basemap) -> None:
    """Keep the clip (atomically), and only the MAX_CLIPS most recently used ones."""
    data = {"args": args, "bounds": base.bounds, "land": base.land, "borders": base.borders,
            "labels": [(lab.text, lab.lon, lab.lat, lab.kind) for lab in base.labels]}
    write(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    try:
        clips = sorted(path.parent.glob("basemap-clip-*.json"), key=lambda p: p.stat().st_mtime_ns)
        for old in clips[:-MAX_CLIPS]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # another build pruning at the same time
