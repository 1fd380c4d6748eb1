"""The airfields' SQLite index (airportsdata): built once, cached, queried by a name's distinctive words or a town served."""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..cachefiles import check_sqlite, set_aside, write_cache
from ..errors import GeocoderError
from ..model import Place
from .base import default_cache_dir, fold_key, fold_signature
from .spelling import respellings

if TYPE_CHECKING:
    from ..discover.lexicon import Lexicon

ID_PREFIX = "airport:"

def name_words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", fold_key(text)))


def _has(words: tuple[str, ...], phrases: Iterable[tuple[str, ...]]) -> bool:
    return any(words[i : i + len(p)] == p for p in phrases for i in range(len(words) - len(p) + 1))


@lru_cache(maxsize=1)
def _lexicon() -> Lexicon:
    # Airfields' words are language knowledge (geomap/data/discover.yaml), read where discovery reads them.
    from ..discover.lexicon import load_lexicon

    return load_lexicon()


@lru_cache(maxsize=1)
def _edge_words() -> frozenset[str]:
    """Glue words at the edges of what is left: "aéroport de X", "the X air base", "the air base at X"."""
    return _lexicon().name_glue | _lexicon().site_glue


@lru_cache(maxsize=1)
def _keys_signature() -> str:
    """What the index's rows depend on besides the dataset: the folding, the generic words and edge
    glue (cut by :func:`core`) and the air base names (its kind), so an edit of any builds the index anew."""
    lex = _lexicon()
    words = [" ".join(sorted(_edge_words())), " ".join(sorted(lex.airfield_generic)),
             "|".join(sorted(" ".join(p) for p in lex.air_base_names))]
    digest = hashlib.sha256("\n".join(words).encode()).hexdigest()[:8]
    return f"{fold_signature()}-{digest}"


def core(text: str) -> str:
    """The distinctive words of an airfield name: generic words and edge glue removed."""
    edges, generic = _edge_words(), _lexicon().airfield_generic
    words = [w for w in name_words(text) if w not in generic]
    while words and words[0] in edges:
        words.pop(0)
    while words and words[-1] in edges:
        words.pop()
    return " ".join(words)


@lru_cache(maxsize=1 << 16)  # a story's rounds ask each of its names again and again
def names_airfield(text: str) -> bool:
    """Whether a name says by itself that it is an airfield ("Ramstein Air Base", "Rzeszów Airport")."""
    words = name_words(text)
    return _has(words, _lexicon().airfield_names)


def _tails(name: str) -> list[str]:
    """The capitalised parts of a hyphened compound after its head, longest first: "Roissy-Charles-de-Gaulle"
    → "Charles-de-Gaulle", "Gaulle"."""
    parts = name.split("-")
    return ["-".join(parts[k:]) for k in range(1, len(parts)) if parts[k][:1].isupper()]


#: Bump when the schema or the name keys change: old cache files are then ignored.
INDEX_FORMAT = 3
_SCHEMA = """
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE airfields (
    icao TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,
    lat REAL NOT NULL, lon REAL NOT NULL, country TEXT, scheduled INTEGER NOT NULL
);
CREATE TABLE keys (ord INTEGER PRIMARY KEY, key TEXT NOT NULL, icao TEXT NOT NULL, named INTEGER NOT NULL);
CREATE INDEX keys_by_key ON keys (key, named DESC, ord);
"""


def build_index_bytes(records: Mapping[str, Mapping[str, object]], version: str) -> bytes:
    """The airfields of ``records`` (airportsdata's ICAO-keyed dict) as a serialized SQLite database.

    Key rows keep the dataset's order, so namesakes come back in the order they always did.
    """
    conn = sqlite3.connect(":memory:")
    try:
        conn.executescript(_SCHEMA)
        by_name: dict[str, list[str]] = defaultdict(list)
        by_city: dict[str, list[str]] = defaultdict(list)
        rows = []
        for icao, rec in records.items():
            place = _place(str(icao), rec)
            if place is None:
                continue
            rows.append((place.id.removeprefix(ID_PREFIX), place.name, place.kind, place.lat, place.lon,
                         place.country, int(bool(rec.get("iata")))))
            key = core(place.name)
            if len(key) >= 3:
                by_name[key].append(str(icao))
            # "Tarbes/Lourdes/Pyrenees": each town served is a way to name the airfield.
            for town in re.split(r"[/,;]", str(rec.get("city") or "")):
                town_key = core(town)
                if len(town_key) >= 3 and town_key != key:
                    by_city[town_key].append(str(icao))
                # "Mombasa Moi International Airport": the dataset heads the name with the town it
                # serves; the airfield's own name, what news writes, is the rest ("Moi International").
                own = key.removeprefix(town_key + " ") if town_key else key
                if own != key and len(own) >= 3 and str(icao) not in by_name[own]:
                    by_name[own].append(str(icao))
        conn.executemany("INSERT OR REPLACE INTO airfields VALUES (?,?,?,?,?,?,?)", rows)
        key_rows = [(k, i, 1) for k, ids in by_name.items() for i in ids]
        key_rows += [(k, i, 0) for k, ids in by_city.items() for i in ids]
        conn.executemany("INSERT INTO keys (key, icao, named) VALUES (?,?,?)", key_rows)
        conn.executemany(
            "INSERT INTO meta VALUES (?,?)",
            [("format", str(INDEX_FORMAT)), ("source", version), ("fold", _keys_signature())],
        )
        conn.commit()
        return conn.serialize()
    finally:
        conn.close()


class AirportIndex:
    """Distinctive name words → airfields, and served town → airfields, over one dataset (SQLite)."""

    def __init__(self, records: Mapping[str, Mapping[str, object]] | None = None, *, path: Path | None = None) -> None:
        """An index over ``records`` (built in memory), or the cached index file at ``path``."""
        self._path = path
        if path is not None:
            self._open()
        else:
            self._conn = sqlite3.connect(":memory:", check_same_thread=False)
            self._conn.deserialize(build_index_bytes(records or {}, "in-memory"))
            self._lock, self._pid = threading.Lock(), os.getpid()
        self.warnings: list[str] = []  # the cache file was damaged, or could not be written
        if path is not None:
            check_sqlite(self._conn, path)
        meta = dict(self._query("SELECT k, v FROM meta"))
        if meta.get("format") != str(INDEX_FORMAT) or meta.get("fold") != _keys_signature():
            raise sqlite3.DatabaseError("stale airports index format")
        self.source_version = meta.get("source", "")

    def _open(self) -> None:
        """Connect to the index file; a forked process opens its own (a connection must not cross a fork)."""
        self._conn = sqlite3.connect(f"file:{self._path}?mode=ro", uri=True, check_same_thread=False)
        self._lock, self._pid = threading.Lock(), os.getpid()

    @staticmethod
    def cache_file(cache_dir: Path, version: str) -> Path:
        safe = re.sub(r"[^A-Za-z0-9._-]", "_", version)
        return cache_dir / f"airports-{safe}-f{INDEX_FORMAT}-{_keys_signature()}.sqlite"

    @classmethod
    def load(cls, cache_dir: Path | None = None) -> AirportIndex:
        """The index over airportsdata's ICAO-keyed airports, cached like the GeoNames one.

        Built once per airportsdata version, index format, folding and airfield words (the file name says which),
        written atomically; a corrupt or stale file is rebuilt.
        """
        return _cached_index(Path(cache_dir) if cache_dir is not None else default_cache_dir())

    def _query(self, sql: str, args: tuple = ()) -> list[tuple]:
        if self._pid != os.getpid() and self._path is not None:  # an in-memory one was copied whole
            self._open()
        with self._lock:
            return self._conn.execute(sql, args).fetchall()

    def matches(self, name: str) -> list[tuple[Place, bool]]:
        """Airfields for ``name``, each with True when it names the airfield, False the town it serves.

        A compound that hyphens a town's name before the airfield's own ("Roissy-Charles-de-Gaulle",
        "Moscou-Vnoukovo") is looked for by the airfield's name when the whole is not known: only
        airfields so named with scheduled service (news names airports so, and "Jean-Paul" is no
        "Paul Field"), not those serving a town of that name."""
        found = self._matches(name)
        for tail in _tails(name) if not found else ():
            found = [(place, True) for place, named in self._matches(tail) if named and self.scheduled(place)]
            if found:
                break
        return found

    def _matches(self, name: str) -> list[tuple[Place, bool]]:
        key = core(name)
        if len(key) < 3:
            return []
        rows: list[tuple] = []
        # "aéroport de Vnoukovo" is Vnukovo's; "N'Djili" is "Ndjili" (respelt before core() cuts
        # the name at its apostrophe).
        for variant in dict.fromkeys((key, *respellings(key), *map(core, respellings(name)))):
            rows = self._query(
                "SELECT a.icao, a.name, a.kind, a.lat, a.lon, a.country, k.named FROM keys k "
                "JOIN airfields a ON a.icao = k.icao WHERE k.key = ? ORDER BY k.named DESC, k.ord",
                (variant,),
            )
            if rows:
                break
        return [(_row_place(r[:6]), bool(r[6])) for r in rows]

    def scheduled(self, place: Place) -> bool:
        """Whether the airfield has an IATA code (scheduled passenger service)."""
        icao = place.id.removeprefix(ID_PREFIX)
        return bool(self._query("SELECT 1 FROM airfields WHERE icao = ? AND scheduled = 1", (icao,)))

    def lookup(self, name: str) -> list[Place]:
        return [p for p, _ in self.matches(name)]

    def towns_served(self, place: Place) -> tuple[str, ...]:
        """Folded names of the towns an airfield serves (airportsdata's ``city``): its own
        distinctive name when the town is the airfield's namesake ("Monte Real Airport")."""
        icao = place.id.removeprefix(ID_PREFIX)
        rows = self._query("SELECT key FROM keys WHERE icao = ? AND named = 0 ORDER BY ord", (icao,))
        return tuple(r[0] for r in rows) or (core(place.name),)

    def get(self, place_id: str) -> Place | None:
        """The airfield with id ``airport:<ICAO>`` (as ``journey.geojson`` names it), or None."""
        if not place_id.startswith(ID_PREFIX):
            return None
        rows = self._query("SELECT icao, name, kind, lat, lon, country FROM airfields WHERE icao = ?",
                           (place_id.removeprefix(ID_PREFIX).upper(),))
        return _row_place(rows[0]) if rows else None

    def __len__(self) -> int:
        return int(self._query("SELECT count(DISTINCT icao) FROM keys")[0][0])


def _row_place(row: tuple) -> Place:
    icao, name, kind, lat, lon, country = row
    return Place(
        id=f"{ID_PREFIX}{icao}",
        name=name,
        kind=kind,
        lat=lat,
        lon=lon,
        country=country,
        source=f"airportsdata (ICAO {icao})",
        resolver="geonames",
    )


def _place(icao: str, rec: Mapping[str, object]) -> Place | None:
    try:
        name = str(rec["name"])
        lat, lon = float(rec["lat"]), float(rec["lon"])  # type: ignore[arg-type]
    except (KeyError, TypeError, ValueError):
        return None  # a malformed record is skipped, not fatal
    kind = "air base" if _has(name_words(name), _lexicon().air_base_names) else "airport"
    country = str(rec.get("country") or "").upper() or None
    return _row_place((icao, name, kind, lat, lon, country))


@lru_cache(maxsize=4)
def _cached_index(cache_dir: Path) -> AirportIndex:
    try:
        import airportsdata
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise GeocoderError("airportsdata is not installed", hint="pip install airportsdata") from exc
    version = str(getattr(airportsdata, "__version__", "unknown"))
    path = AirportIndex.cache_file(cache_dir, version)
    warnings: list[str] = []
    if path.exists():
        try:
            index = AirportIndex(path=path)
            if index.source_version == version:
                return index
        except sqlite3.DatabaseError as exc:
            warnings.append(f"{path}: airports index unusable ({exc}); {set_aside(path)} and rebuilt")
    index = AirportIndex(path=write_cache(path, build_index_bytes(airportsdata.load("ICAO"), version), warnings))
    index.warnings.extend(warnings)
    return index
