"""Shared pieces of the resolvers: the Resolver protocol, name folding, cache dir, distances."""

from __future__ import annotations

import hashlib
import math
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from ..cachedir import default_cache_dir
from ..model import Candidate, LatLon, ResolverName
from ..textnorm import fold_key

if TYPE_CHECKING:
    from .context import Context

EARTH_RADIUS_KM = 6371.0088


# Where folding rules live: Latin letters and their extensions, IPA, spacing modifiers and
# combining marks, Greek and Cyrillic, general punctuation, letter-like symbols, Latin
# Extended-C/D and the alphabetic presentation forms (ligatures).
SIGNATURE_RANGES = (
    (0x0000, 0x052F),
    (0x1AB0, 0x1AFF),
    (0x1D00, 0x1FFF),
    (0x2000, 0x218F),
    (0x2C60, 0x2C7F),
    (0xA720, 0xA7FF),
    (0xFB00, 0xFB4F),
    (0xFE20, 0xFE2F),
    (0xFF00, 0xFF5E),
)
# Strings for what single characters cannot show: collapsing runs of separators, stripping.
SIGNATURE_PROBES = ("Élan-Vital", "l\u2019Été", "ÆON  Straße", "a\u2014b", "Ōmega's", "x\u2011y", " \u00a0ÇA\t- ")


def fold_signature(key: Callable[[str], str] = fold_key) -> str:
    """A short fingerprint of the folding in use, so caches keyed by folded names notice a change.

    Every character of the blocks where folding rules apply is folded, so changing how any
    one of them folds (say "đ" becoming "d") changes the fingerprint and the cache file name.
    """
    if key is fold_key:
        return _fold_key_signature()
    return _signature(key)


@lru_cache(maxsize=1)
def _fold_key_signature() -> str:
    """The signature of :func:`fold_key`, remembered in the cache folder (folding 5,800 characters takes ~80 ms).

    The note is named after what folding depends on (textnorm.py's bytes, the Unicode
    version, the probes above), so any edit there computes the signature afresh.
    """
    code = _fold_code_key()
    note = default_cache_dir() / f"fold-{code}.sig" if code else None
    if note is not None:
        try:
            known = note.read_text(encoding="ascii")
            if len(known) == 12 and all(c in "0123456789abcdef" for c in known):
                return known
        except (OSError, UnicodeDecodeError):
            pass
    signature = _signature(fold_key)
    if note is not None:
        from ..atomicio import atomic_write_bytes
        from ..errors import OutputError

        try:
            atomic_write_bytes(note, signature.encode("ascii"))
        except OutputError:
            pass  # an unwritable cache folder only costs the next build the 80 ms
    return signature


def _fold_code_key() -> str | None:
    """A digest of everything fold_key's behaviour comes from, or None when its source cannot be read."""
    from .. import textnorm

    try:
        source = Path(textnorm.__file__).read_bytes()
    except (OSError, TypeError):
        return None
    extra = repr((SIGNATURE_RANGES, SIGNATURE_PROBES, unicodedata.unidata_version)).encode("utf-8")
    return hashlib.sha256(source + b"\0" + extra).hexdigest()[:16]


def _signature(key: Callable[[str], str]) -> str:
    digest = hashlib.sha256()
    for lo, hi in SIGNATURE_RANGES:
        for code in range(lo, hi + 1):
            digest.update(key(chr(code)).encode("utf-8", "surrogatepass"))
            digest.update(b"\x1f")
    for probe in SIGNATURE_PROBES:
        digest.update(key(probe).encode("utf-8"))
        digest.update(b"\x1e")
    return digest.hexdigest()[:12]


def haversine_km(a: LatLon, b: LatLon) -> float:
    """Great-circle distance; fast enough to score thousands of candidates per query."""
    lat1, lon1 = math.radians(a[0]), math.radians(a[1])
    lat2, lon2 = math.radians(b[0]), math.radians(b[1])
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


@runtime_checkable
class Resolver(Protocol):
    """Anything that turns a name into ranked candidates (modelled on geopy's geocoders)."""

    name: ResolverName

    def candidates(self, query: str, context: Context) -> list[Candidate]:
        """Possible places for ``query``, best first, scored against the story ``context``."""
        ...
