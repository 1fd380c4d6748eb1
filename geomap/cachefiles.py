"""Cache files that heal: SQLite integrity checks, damaged files set aside, a temporary cache when unwritable."""

from __future__ import annotations

import atexit
import os
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from .atomicio import atomic_write_bytes
from .errors import OutputError

_temporary: list[Path] = []  # this process's stand-in cache folder, removed at exit


def check_sqlite(conn: sqlite3.Connection, path: Path | None = None) -> None:
    """Raise sqlite3.DatabaseError unless SQLite's own page check passes (damaged pages, torn writes).

    The check reads every page (a quarter second for the GeoNames index), so with ``path`` it
    runs once per version of the file: a ``.checked`` note beside it records the size and
    modification time that passed, and any write to the file makes it check again.
    """
    stamp = _stamp(path) if path is not None else None
    note = path.with_name(path.name + ".checked") if path is not None else None
    if note is not None and stamp is not None:
        try:
            if note.read_text(encoding="ascii") == stamp:
                return
        except OSError:
            pass
    rows = conn.execute("PRAGMA quick_check").fetchall()
    if rows != [("ok",)]:
        raise sqlite3.DatabaseError("damaged: " + "; ".join(str(r[0]) for r in rows[:3]))
    if note is not None and stamp is not None:
        try:
            atomic_write_bytes(note, stamp.encode("ascii"))
        except OutputError:
            pass  # an unwritable cache only costs the next build the check


def _stamp(path: Path) -> str | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return f"{st.st_size} {st.st_mtime_ns} {st.st_ino}"


def set_aside(path: Path) -> str:
    """Move a damaged cache file out of the way, kept for inspection; say where it went."""
    aside = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%dT%H%M%S')}")
    try:
        os.replace(path, aside)
        return f"set aside as {aside.name}"
    except OSError:
        try:
            path.unlink()
            return "deleted"
        except OSError:
            return "left in place"


def write_cache(path: Path, data: bytes, warnings: list[str]) -> Path:
    """Write a rebuilt cache file; where the cache folder is unwritable, into a temporary one (one warning)."""
    try:
        return atomic_write_bytes(path, data)
    except OutputError as exc:
        fallback = temporary_cache_dir() / path.name
        warnings.append(f"cache not writable ({exc}); using a temporary cache for this run, "
                        "rebuilt next time (set --cache-dir or GEOMAP_CACHE_DIR)")
        return atomic_write_bytes(fallback, data)


def temporary_cache_dir() -> Path:
    """One temporary cache folder per process, removed when it exits."""
    if not _temporary:
        _temporary.append(Path(tempfile.mkdtemp(prefix="geomap-cache-")))
        atexit.register(shutil.rmtree, _temporary[0], True)
    return _temporary[0]
