"""Respellings of a name by a language's transliteration habits: French "ou" for the "u" of Russian names."""

from __future__ import annotations

from functools import lru_cache

from .base import fold_key


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[str, str], ...]:
    # Language knowledge lives in geomap/data/discover.yaml, read where discovery reads it.
    from ..discover.lexicon import load_lexicon

    return load_lexicon().respellings


@lru_cache(maxsize=4096)
def respellings(name: str) -> tuple[str, ...]:
    """Folded forms of ``name`` with each rule applied everywhere it fits (one rule at a time,
    then all together), without ``name`` itself: tried only when the name as written finds nothing.
    """
    key = fold_key(name)
    out: list[str] = []
    every = key
    for written, meant in _rules():
        if written in key:
            out.append(key.replace(written, meant))
            every = every.replace(written, meant)
    out.append(every)
    return tuple(v for v in dict.fromkeys(out) if v != key)
