"""Per-article results kept by content in the cache folder: a rebuild reads what an unchanged article gave."""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import TypeVar

#: Bumped when what a cached record holds changes shape.
FORMAT = 1
#: The code and data a per-article result depends on besides its text. Their bytes are part of
#: every key, so an upgrade or an edit of any of them starts afresh instead of reading stale results.
#: Only the data files these modules read: a refit of the inference's weights keeps the records.
_SOURCES = ("discover/*.py", "geocoders/*.py", "textnorm.py", "timexpr.py", "tense.py", "timerecords.py", "langdata.py", "sentences.py",
            "yamlmarks.py",
            "model.py", "data/discover.yaml", "data/stopwords.yaml", "data/cues.yaml", "data/elisions.yaml",
            "data/abbreviations.yaml")
#: The inference's reading of an article's words and mentions.
_READING = ("infer/evidence.py", "infer/mentiontime.py", "infer/records.py", "infer/storytime.py", "infer/clauses.py",
            "infer/subjects.py", "infer/lexicon.py", "infer/pronouns.py", "infer/roles.py", "infer/traveller.py", "tense.py",
            "data/infer.yaml")
#: What kinds run besides: their sources join those kinds' keys only, so an edit of the inference's
#: word reading keeps discovery's records (and a refit of its weights keeps every record).
_KIND_SOURCES = {"words": ("infer/clauses.py", "infer/lexicon.py", "infer/pronouns.py", "infer/roles.py", "tense.py", "data/infer.yaml"),
                 "cues": ("unplaced.py", "data/infer.yaml", "data/unplaced.yaml"),
                 "marks": ("infer/sequence.py", "data/sequence.yaml"),
                 "matches": ("mentions.py", "articles.py", "limits.py", "sources/*.py"),
                 # The inference's names and weighing passes (not its scoring or ordering, so an edit
                 # there keeps them): the modules they run, checked by tests/test_articlecache_key.py.
                 "named": _READING, "evidence": _READING,
                 # The stops' evidence sentences' time expressions (the claims stage's disagreements).
                 "sentence_times": ("claims/times.py",),
                 "claim_figures": ("claims/extract.py", "claims/lexicon.py", "data/claims.yaml")}

T = TypeVar("T")


#: The cache folder of the build running now: per-article steps deep in the stages (time expressions)
#: keep their results there during a build only, never for a caller's one-off call.
_kept: ContextVar[Path | None] = ContextVar("geomap_article_cache", default=None)


@contextmanager
def keeping(cache_dir: Path) -> Iterator[None]:
    """Within the block, :func:`kept` gives per-article caches under ``cache_dir``."""
    token = _kept.set(Path(cache_dir))
    try:
        yield
    finally:
        _kept.reset(token)


def kept(kind: str) -> ArticleCache | None:
    """The ``kind`` cache of the build running now, None outside a build."""
    folder = _kept.get()
    return _opened(folder, kind) if folder is not None else None


def remembered(kind: str, text: str, extra: str, compute: Callable[[], dict], decode: Callable[[dict], T]) -> T:
    """``decode(compute())`` for ``text`` (and ``extra``, e.g. its language), the record kept in the
    running build's ``kind`` cache: read when there and readable, else computed and written."""
    path, value = _recall(kind, text, extra, decode)
    if value is not _MISSING:
        return value  # type: ignore[return-value]
    record = compute()
    if path is not None:
        ArticleCache.write(path, record)
    return decode(record)


def kept_value(kind: str, text: str, extra: str, compute: Callable[[], T], encode: Callable[[T], dict],
               decode: Callable[[dict], T]) -> T:
    """Like :func:`remembered` for a step whose result is no record: ``compute()`` (its ``encode`` kept,
    so a rebuild decodes it) when the running build's ``kind`` cache lacks it; computed, it is used as is."""
    path, value = _recall(kind, text, extra, decode)
    if value is not _MISSING:
        return value  # type: ignore[return-value]
    value = compute()
    if path is not None:
        ArticleCache.write(path, encode(value))
    return value  # type: ignore[return-value]


def recalled(kind: str, text: str, extra: str, decode: Callable[[dict], T]) -> T | None:
    """The running build's ``kind`` record for ``text`` as :func:`remembered` would read it, None
    when it must be computed (so a caller can share out only the missing ones)."""
    value = _recall(kind, text, extra, decode)[1]
    return None if value is _MISSING else value  # type: ignore[return-value]


_MISSING = object()


def _recall(kind: str, text: str, extra: str, decode: Callable[[dict], T]) -> tuple[str | None, object]:
    """Where the record is kept, and its decoded value (``_MISSING`` when absent or unreadable)."""
    cache = kept(kind)
    path = cache.where(text, extra) if cache is not None else None
    record = ArticleCache.read(path) if path is not None else None
    if record is not None:
        try:
            return path, decode(record)
        except (KeyError, IndexError, TypeError, ValueError):
            pass  # a record of another shape: computed again
    return path, _MISSING


def prepare(kind: str, text: str, extra: str, compute: Callable[[], dict]) -> bool:
    """Write the running build's ``kind`` record for ``text`` when it is missing (a worker filling the
    cache ahead of the build's own steps, which then read it); whether one was computed."""
    cache = kept(kind)
    path = cache.where(text, extra) if cache is not None else None
    if path is None or os.path.exists(path):
        return False
    ArticleCache.write(path, compute())
    return True


#: Records not used for this long are removed: an edited article's old ones, an older version's,
#: a story no longer built. A record read is used: its access time says when (Linux's default
#: relatime updates it on a read at least once a day; where a file system never does, a record
#: still read is computed again once it is this old, which costs time, never a wrong result).
MAX_AGE_DAYS = 30
#: How often a build looks for them (a look is a stat per record: ≈ 100,000 for 10,000 articles).
SWEEP_EVERY_DAYS = 1
_SWEPT = ".swept"


def sweep(cache_dir: Path, now: float | None = None) -> int:
    """Remove the per-article records (and stray temporary files) under ``cache_dir`` unused for
    MAX_AGE_DAYS, unless a sweep ran in the last SWEEP_EVERY_DAYS; how many were removed."""
    root = Path(cache_dir) / "articles"
    now = time.time() if now is None else now
    stamp = root / _SWEPT
    try:
        if now - stamp.stat().st_mtime < SWEEP_EVERY_DAYS * 86400:
            return 0
    except FileNotFoundError:
        pass
    except OSError:
        return 0
    if not root.is_dir():
        return 0
    removed = 0
    for kind in _folders(root):
        for bucket in _folders(kind):
            for entry in _entries(bucket):
                try:
                    st = entry.stat(follow_symlinks=False)
                    if entry.is_file(follow_symlinks=False) and now - max(st.st_atime, st.st_mtime) > MAX_AGE_DAYS * 86400:
                        os.unlink(entry.path)
                        removed += 1
                except OSError:
                    pass  # gone meanwhile (another build's sweep), or not ours to remove
    try:
        stamp.touch()
        os.utime(stamp, (now, now))
    except OSError:
        pass  # an unwritable cache is swept again next time
    return removed


def _entries(folder: str | Path) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as it:
            return list(it)
    except OSError:
        return []


def _folders(folder: str | Path) -> list[str]:
    return [e.path for e in _entries(folder) if e.is_dir(follow_symlinks=False)]


@lru_cache(maxsize=16)
def _opened(folder: Path, kind: str) -> ArticleCache:
    return ArticleCache.open(folder, kind)


@lru_cache(maxsize=16)
def code_version(kind: str = "") -> str:
    """A digest of the sources in ``_SOURCES`` and ``kind``'s own (once per process and kind)."""
    return _digest(_shared_version(), _KIND_SOURCES.get(kind, ()))


@lru_cache(maxsize=1)
def _shared_version() -> str:
    """The digest of ``_SOURCES``, read once: a build opens half a dozen kinds of records."""
    return _digest(str(FORMAT), _SOURCES)


def _digest(start: str, patterns: Sequence[str]) -> str:
    root = resources.files("geomap")
    digest = hashlib.sha256(start.encode())
    for pattern in patterns:
        folder, _, glob = pattern.rpartition("/")
        for path in sorted(Path(str(root.joinpath(folder) if folder else root)).glob(glob)):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class ArticleCache:
    """JSON records under ``folder``, one per article text and ``salt`` (what else they depend on)."""

    folder: Path
    salt: str

    @classmethod
    def open(cls, cache_dir: Path, kind: str, *depends: str) -> ArticleCache:
        """The cache of ``kind`` results, keyed also by the code's version and ``depends``."""
        salt = "\x1f".join((code_version(kind), kind, *depends))
        return cls(Path(cache_dir) / "articles" / kind, salt)

    def path(self, text: str, *extra: str) -> Path:
        """Where the record for ``text`` (and ``extra``, e.g. the article's language) lives."""
        return Path(self.where(text, *extra))

    def where(self, text: str, *extra: str) -> str:
        """:meth:`path` as a string: a warm 10,000-article build looks up ≈ 100,000 records, and
        pathlib's joins and opens cost about as much as reading them."""
        key = "\x1f".join((self.salt, *extra, text))
        digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
        return f"{self._root}{digest[:2]}{os.sep}{digest[2:]}.json"

    @cached_property
    def _root(self) -> str:
        return os.path.join(self.folder, "")

    @staticmethod
    def read(path: str | os.PathLike[str]) -> dict | None:
        """The record, or None when absent or unreadable (then it is computed again)."""
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        except OSError:
            return None
        try:
            chunks = []
            while chunk := os.read(fd, 1 << 16):
                chunks.append(chunk)
            data = json.loads(b"".join(chunks))
        except (OSError, ValueError):
            return None
        finally:
            os.close(fd)
        return data if isinstance(data, dict) else None

    @staticmethod
    def write(path: str | os.PathLike[str], record: dict) -> None:
        """Write the record in place, with no temporary file renamed over it: a JSON object cut short
        (by a crash, or read while a process writes it) is never valid JSON, so it reads as absent and
        is computed again, and whoever writes a record writes the same one. A cold 10,000-article
        build writes ≈ 115,000 records; the temporary file's creation, mode and rename were a quarter
        of the kernel's time per record. No fsync: a record lost to a crash is computed again."""
        try:
            data = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
            _write_in_place(path, data)
        except (OSError, ValueError, TypeError):
            pass  # an unwritable cache only costs the next build the work


def _write_in_place(path: str | os.PathLike[str], data: bytes) -> None:
    """``data`` as the file ``path`` (its folder made when missing), written from its start."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags, 0o644)
    except FileNotFoundError:  # the first record of its folder: one look per folder, not one per record
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd = os.open(path, flags, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)
