"""Gold annotations of story folders (``gold.yaml``): the true places, their roles, and the journey's stops."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import InputError
from .textnorm import fold_key

ROLES = ("stop", "site", "mention")


@dataclass(frozen=True)
class GoldPlace:
    """A place the story's articles name, with its true coordinates and role."""

    name: str
    lat: float
    lon: float
    role: str = "mention"
    aliases: tuple[str, ...] = ()

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(fold_key(n) for n in (self.name, *self.aliases))


@dataclass(frozen=True)
class GoldStop:
    """One stop of the true journey, in order."""

    name: str
    lat: float
    lon: float
    date: dt.date | None = None


@dataclass(frozen=True)
class Gold:
    """The gold annotation of one story folder (``gold.yaml``)."""

    places: tuple[GoldPlace, ...]
    stops: tuple[GoldStop, ...]
    tolerance_km: float = 25.0
    title: str | None = None
    path: Path | None = None
    trip: str = ""  # tellings of one trip share it (paraphrase consistency, leave-one-trip-out)


def _number(value: object, what: str, path: Path) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(f"{what} must be a number, not {value!r}", path=path)
    return float(value)


def _entry(item: object, i: int, section: str, path: Path) -> tuple[str, float, float, dict]:
    if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
        raise InputError(f"{section} entry {i + 1} needs a name", path=path, hint="e.g. {name: Our Town, lat: 50.45, lon: 30.52}")
    what = f"{section} entry {i + 1} ({item['name']})"
    lat, lon = _number(item.get("lat"), f"{what} lat", path), _number(item.get("lon"), f"{what} lon", path)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InputError(f"{what} has coordinates out of range", path=path, hint="lat in -90..90, lon in -180..180")
    return item["name"], lat, lon, item


def load_gold(path: str | Path) -> Gold:
    """Read and check a ``gold.yaml``: ``places`` [{name, lat, lon, role, aliases}], ``stops``, ``tolerance_km``."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read gold annotation: {exc.strerror or exc}", path=path) from exc
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise InputError(f"gold annotation is not valid YAML: {getattr(exc, 'problem', exc)}", path=path,
                         line=None if line is None else line + 1) from exc
    if not isinstance(data, dict) or not isinstance(data.get("places"), list):
        raise InputError("gold annotation needs a 'places' list", path=path)
    places = []
    for i, item in enumerate(data["places"]):
        name, lat, lon, raw = _entry(item, i, "places", path)
        role = str(raw.get("role", "mention"))
        if role not in ROLES:
            raise InputError(f"places entry {i + 1} ({name}) has role {role!r}", path=path, hint="stop, site or mention")
        aliases = raw.get("aliases") or []
        if not isinstance(aliases, list):
            raise InputError(f"places entry {i + 1} ({name}) aliases must be a list", path=path)
        places.append(GoldPlace(name, lat, lon, role, tuple(str(a) for a in aliases)))
    stops = []
    for i, item in enumerate(data.get("stops") or []):
        name, lat, lon, raw = _entry(item, i, "stops", path)
        date = raw.get("date")
        if date is not None and not isinstance(date, dt.date):
            raise InputError(f"stops entry {i + 1} ({name}) date must be YYYY-MM-DD", path=path)
        stops.append(GoldStop(name, lat, lon, date))
    tolerance = _number(data.get("tolerance_km", 25.0), "tolerance_km", path)
    if tolerance <= 0:
        raise InputError("tolerance_km must be positive", path=path)
    title = data.get("story")
    trip = str(data.get("trip") or path.parent.name)
    return Gold(tuple(places), tuple(stops), tolerance, str(title) if title else None, path, trip)
