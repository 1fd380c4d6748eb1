"""Language knowledge shipped in geomap/data (stop words, abbreviations, elisions), loaded once."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

from . import yamlmarks
from .textnorm import fold_key


def _load(name: str) -> Any:
    # Packaged data: a failure here is a broken installation, not a user error.
    return yamlmarks.load(resources.files("geomap").joinpath("data", name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def stopwords() -> dict[str, frozenset[str]]:
    """Folded stop words per language code, without the words two languages share."""
    raw: dict[str, list[str]] = _load("stopwords.yaml")
    folded = {lang: frozenset(fold_key(str(w)) for w in words) for lang, words in raw.items()}
    shared: set[str] = set()
    for lang, words in folded.items():
        for other, other_words in folded.items():
            if other != lang:
                shared |= words & other_words
    return {lang: words - shared for lang, words in folded.items()}


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Case-folded words that a full stop follows without ending the sentence."""
    return frozenset(str(w).casefold() for w in _load("abbreviations.yaml"))


@lru_cache(maxsize=1)
def elisions() -> frozenset[str]:
    """Folded elided words ("d", "l", "qu", …) that an apostrophe separates from a name."""
    return frozenset(fold_key(str(w)) for w in _load("elisions.yaml"))
