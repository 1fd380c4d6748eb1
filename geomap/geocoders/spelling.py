"""How else a name is written: transliteration habits (French "ou" for a Russian "u"), a long name's usual head."""

from __future__ import annotations

from functools import lru_cache

from .base import fold_key


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[str, str], ...]:
    # Language knowledge lives in geomap/data/discover.yaml, read where discovery reads it.
    from ..discover.lexicon import load_lexicon

    return load_lexicon().respellings


@lru_cache(maxsize=1)
def _tails() -> frozenset[str]:
    from ..discover.lexicon import load_lexicon

    return load_lexicon().name_tails


@lru_cache(maxsize=65536)
def usual_name(name: str) -> str:
    """The folded name a place goes by in running text: a long official name's head, before the
    qualifier a tail word or a bracket opens ("frankfurt" for "Frankfurt am Main", "evian" for
    "Évian-les-Bains", "halle" for "Halle (Saale)"); else the whole folded name."""
    words = fold_key(name.split("(", 1)[0]).split()
    tails = _tails()
    cut = next((i for i, w in enumerate(words[1:], 1) if w in tails), len(words))
    return " ".join(words[:cut])


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
