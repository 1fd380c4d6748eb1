"""Sanitisers for untrusted story text on its way into the map's JSON: URLs and excerpts."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from urllib.parse import urlsplit

# Browsers silently drop these inside URLs ("java\tscript:"), so a URL containing
# any of them is refused rather than second-guessed.
_URL_FORBIDDEN = re.compile(r"[\x00-\x20\x7f\\]")
_SAFE_SCHEMES = frozenset({"http", "https"})


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an absolute http(s) URL with a host, else ``None``.

    Anything else (``javascript:``, ``data:``, relative paths, whitespace tricks)
    is dropped so no link in the page can run code.
    """
    if not url:
        return None
    candidate = url.strip()
    if not candidate or _URL_FORBIDDEN.search(candidate):
        return None
    try:
        parts = urlsplit(candidate)
    except ValueError:  # e.g. an unbalanced IPv6 bracket
        return None
    if parts.scheme.lower() not in _SAFE_SCHEMES or not parts.netloc:
        return None
    return candidate


def finite_latlon(lat: float | None, lon: float | None, *, copies: bool = False) -> bool:
    """True when both coordinates are present, finite and on the globe (with ``copies``: on it or on
    the copy of the world each side, where a journey drawn over the antimeridian puts them, wrap.py)."""
    if lat is None or lon is None:
        return False
    try:
        flat, flon = float(lat), float(lon)
    except (TypeError, ValueError):
        return False
    edge = 540 if copies else 180
    return math.isfinite(flat) and math.isfinite(flon) and -90 <= flat <= 90 and -edge <= flon <= edge


def excerpt(text: str, start: int, end: int, *, radius: int = 240) -> tuple[str, int, int]:
    """Cut ``text`` to about ``radius`` characters either side of ``[start, end)``.

    Returns the excerpt and the highlight's offsets inside it. A sentence can be a
    whole unpunctuated article (10k characters); a popup should show the context,
    not the article. Ellipses mark the cuts.
    """
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    lo = max(0, start - radius)
    hi = min(len(text), end + radius)
    head = "…" if lo > 0 else ""
    tail = "…" if hi < len(text) else ""
    cut = head + text[lo:hi] + tail
    return cut, start - lo + len(head), end - lo + len(head)


def clip(text: str, limit: int = 400) -> str:
    """``text`` shortened to ``limit`` characters with an ellipsis (labels, names)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def excerpt_marks(
    text: str, marks: Sequence[tuple[int, int]], *, radius: int = 240
) -> tuple[str, list[tuple[int, int]]]:
    """Like :func:`excerpt` for several highlights: cut around the first, keep those inside.

    Marks are clamped to ``text``; empty and overlapping ones are dropped, the rest
    returned sorted with offsets into the excerpt. Without marks the excerpt is the
    start of ``text`` (up to ``2 * radius`` characters).
    """
    n = len(text)
    clean: list[tuple[int, int]] = []
    for start, end in sorted((max(0, min(s, n)), max(0, min(e, n))) for s, e in marks):
        if end > start and (not clean or start >= clean[-1][1]):
            clean.append((start, end))
    if clean:
        first_start, first_end = clean[0]
        lo, hi = max(0, first_start - radius), min(n, first_end + radius)
    else:
        lo, hi = 0, min(n, 2 * radius)
    head = "…" if lo > 0 else ""
    tail = "…" if hi < n else ""
    shift = len(head) - lo
    kept = [(s + shift, e + shift) for s, e in clean if s >= lo and e <= hi]
    return head + text[lo:hi] + tail, kept
