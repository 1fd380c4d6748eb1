"""Language knowledge shipped in geomap/data (stop words, abbreviations, elisions, …), loaded once."""

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
@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """Every folded stop word of every language, shared ones included ("la", "en", "des", "a")."""
    raw: dict[str, list[str]] = _load("stopwords.yaml")
    return frozenset(fold_key(str(w)) for words in raw.values() for w in words)


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


@lru_cache(maxsize=1)
def unplaced_words() -> dict[str, frozenset[str]]:
    """Folded word lists of ``unplaced.yaml`` (``agents``, ``adjective_of``), every language merged."""
    raw: dict[str, dict[str, list[str]]] = _load("unplaced.yaml")
    return {section: frozenset(fold_key(str(w)) for words in langs.values() for w in words or ())
            for section, langs in raw.items()}


def travel_cues(language: str | None) -> list[tuple[str, list[str]]]:
    """The inference's travel verbs and nouns (``infer.yaml`` ``verbs``) as (kind, phrases) for
    ``language``, every language's when it has none of its own."""
    verbs = _load("infer.yaml")["verbs"]
    langs = [language] if language in verbs else sorted(verbs)
    return [(str(kind), [str(p) for p in phrases]) for lang in langs for kind, phrases in verbs[lang].items()]
