"""Time expressions kept in the article cache: their JSON form, and the parses a build keeps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from sys import intern

from .articlecache import ArticleCache, kept
from .model import TimeExpr

#: Shorter texts (a sentence, a title) parse faster than a cache file is read.
_CACHED_FROM = 1000


def kept_time_expressions(text: str, *, anchor: dt.date | None, language: str | None,
                          previous: dt.date | None = None, default_year: int | None = None) -> list[TimeExpr] | None:
    """What :func:`geomap.timexpr.parse_time_expressions` gives, when the running build keeps it; else None (to be
    parsed, maybe by other processes: a warm build then starts none)."""
    path = kept_path(text, anchor, language, previous, default_year)
    return from_record(ArticleCache.read(path)) if path is not None else None


def kept_path(text: str, anchor: dt.date | None, language: str | None, previous: dt.date | None,
              default_year: int | None) -> Path | None:
    """Where the running build keeps the parse of ``text`` with these arguments (None: not kept)."""
    cache = kept("time") if len(text) >= _CACHED_FROM else None
    return cache.path(text, repr((anchor, language, previous, default_year))) if cache is not None else None


def expr_record(x: TimeExpr) -> list:
    """One expression as a JSON list, the form every article-cache record keeps it in."""
    return [x.start, x.end, x.surface, x.date.isoformat() if x.date else None, x.part_of_day, x.relation,
            x.confidence, x.clock, x.year]


def expr_from_record(r: Sequence) -> TimeExpr:
    """The expression an :func:`expr_record` list holds (its words interned: a story's records repeat
    them, and decoded records travel pickled between processes, where an object is sent once)."""
    s, e, surface, d, part, rel, conf, clock, year = r
    return TimeExpr(int(s), int(e), str(surface), dt.date.fromisoformat(d) if d is not None else None, part and intern(part),
                    intern(str(rel)), float(conf), clock, year)


def from_record(data: dict | None) -> list[TimeExpr] | None:
    """The expressions a cache record holds, or None when it holds none readable (then: parsed again)."""
    if data is None:
        return None
    try:
        out = [expr_from_record(r) for r in data["exprs"]]
    except (KeyError, TypeError, ValueError):
        return None
    optional = [((x.part_of_day, str), (x.clock, str), (x.year, int)) for x in out]
    ok = all(v is None or (isinstance(v, kind) and not isinstance(v, bool)) for pairs in optional for v, kind in pairs)
    return out if ok else None
