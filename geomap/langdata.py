"""Language knowledge shipped in geomap/data (stop words, abbreviations, elisions, …), loaded once."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources
from itertools import product
from typing import Any

import yaml

from . import yamlmarks
from .errors import GeomapError
from .textnorm import fold, fold_key


def package_yaml(name: str, what: str, sections: Iterable[str]) -> dict[str, Any]:
    """geomap/data/``name`` parsed, with every one of ``sections``; else one line naming the file.

    Packaged data: failing here means a broken installation, said as ``cannot read <what>``.
    """
    ref = resources.files("geomap").joinpath("data", name)
    try:
        data = yamlmarks.load(ref.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise GeomapError(f"cannot read {what}: {exc}", path=str(ref)) from exc
    missing = [k for k in sections if not isinstance(data, dict) or k not in data]
    if missing:
        raise GeomapError(f"{what} lack the {missing[0]!r} section", path=str(ref))
    return data  # type: ignore[return-value]


def _load(name: str) -> Any:
    # Packaged data: a failure here is a broken installation, not a user error.
    return yamlmarks.load(resources.files("geomap").joinpath("data", name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """Every folded stop word of every language, shared ones included ("la", "en", "des", "a")."""
    raw: dict[str, list[str]] = _load("stopwords.yaml")
    return frozenset(fold_key(str(w)) for words in raw.values() for w in words)


@lru_cache(maxsize=1)  # read per article (language guessing): parse the file once
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
    return frozenset(str(w).casefold() for w in _load("abbreviations.yaml")["always"])


@lru_cache(maxsize=1)
def number_abbreviations() -> frozenset[str]:
    """Case-folded words whose full stop ends no sentence before a number only ("Sept. 3", "3 sept. 1959"):
    they are words that end sentences too ("Ils étaient sept.")."""
    return frozenset(str(w).casefold() for w in _load("abbreviations.yaml")["before_number"])


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


# --- cue phrases: how every stage turns a list of phrases into one pattern ---------------------


def languages_for(section: Mapping[str, Any], language: str | None) -> list[str]:
    """The languages of ``section`` to use: the article's own, else all of them."""
    if language and language in section:
        return [language]
    return sorted(section)


def section_phrases(section: Mapping[str, Any], language: str | None) -> list[str]:
    """The phrases a per-language ``section`` lists for ``language`` (every language's when it has none)."""
    return [str(w) for lang in languages_for(section, language) for w in section[lang]]


def _pieces(phrase: str) -> list[tuple[str, bool]]:
    """A cue phrase's folded pieces, each with whether it is optional (written "(x)")."""
    out = []
    for piece in re.split(r"(\([^)]*\))", str(phrase)):
        if piece.startswith("(") and piece.endswith(")"):
            out.append((fold(piece[1:-1]).text, True))
        elif piece:
            out.append((fold(piece).text, False))
    return out


def phrase_pattern(phrase: str) -> str:
    """Regex for a folded cue phrase; "(x)" parts are optional."""
    return "".join("(?:" + re.escape(text) + ")?" if optional else re.escape(text)
                   for text, optional in _pieces(phrase)).strip()


def _ordered(phrases: Iterable[str]) -> list[tuple[str, str]]:
    """(pattern, phrase) of each distinct phrase pattern, in :func:`alternation`'s order."""
    listed = [p for p in phrases if str(p).strip()]
    first: dict[str, str] = {}
    for p in listed:
        first.setdefault(phrase_pattern(p), p)
    return [(pat, first[pat]) for pat in sorted({phrase_pattern(p) for p in listed}, key=len, reverse=True)]


def alternation(phrases: Iterable[str]) -> str:
    """A non-capturing alternation, longest phrases first so the longest one wins."""
    pats = [pat for pat, _ in _ordered(phrases)]
    return "(?:" + "|".join(pats) + ")" if pats else "(?!x)x"


def word_alternation(phrases: Iterable[str], not_after: str) -> str:
    """``(?<![not_after])`` + :func:`alternation`: the same matches, found faster.

    Each phrase is written out as the plain strings its optional parts make (in the order the regex
    tries them) and these are grouped by their first character, the assertion moved after it: the
    engine then skips to the characters a phrase can start with, instead of testing the assertion
    and every phrase at every character (an article's ~40 cue scans were half its word analysis).
    Strings with different first characters never match at the same place, so grouping keeps
    which one wins. ``not_after`` is the inside of a character class (``\\w``, ``\\w'``).
    """
    groups: dict[str, list[str]] = {}
    for pat, phrase in _ordered(phrases):
        pieces = _pieces(phrase)
        if "".join(("(?:" + re.escape(t) + ")?") if o else re.escape(t) for t, o in pieces) != pat:
            return rf"(?<![{not_after}])" + alternation(phrases)  # trimmed by strip(): kept as it was
        for written in product(*[(text, "") if optional else (text,) for text, optional in pieces]):
            whole = "".join(written)
            if not whole:
                return rf"(?<![{not_after}])" + alternation(phrases)  # matches nothing written
            groups.setdefault(whole[0], []).append(whole[1:])
    if not groups:
        return "(?!x)x"
    return "(?:" + "|".join(
        f"{re.escape(c)}(?<![{not_after}]{re.escape(c)})(?:" + "|".join(map(re.escape, rests)) + ")"
        for c, rests in groups.items()) + ")"


#: Characters looked at before a full stop for the word it ends (longer words are walked back to).
_WORD_WINDOW = 40
#: A number after a full stop, on the same line: "Sept. 3", "sept. 1959".
_NUMBER = re.compile(r"[ \t\u00a0\u202f]+\d")


def is_abbreviation(text: str, dot: int, start: int = 0) -> bool:
    """Whether the word before the full stop at ``dot`` (read from ``start`` on) is an abbreviation
    (data/abbreviations.yaml; some only before a number: "Sept. 3") or an initial: "Mr. Nixon", "M. Kim",
    "St. Louis" open no sentence."""
    if dot == start or text[dot - 1].isspace():
        return False
    # The run of non-spaces before the dot, split off in C from a window before it; walked back a
    # character at a time only when the window holds no space (a window, not the whole sentence:
    # a line of many abbreviations would be read again at each).
    lo = max(start, dot - _WORD_WINDOW)
    window = text[lo:dot]
    word = window.rsplit(None, 1)[-1]
    if lo > start and len(word) == len(window):
        while lo > start and not text[lo - 1].isspace():
            lo -= 1
        word = text[lo:dot]
    word = word.lstrip("\"'(\u00ab\u201c[")
    if not word:
        return False
    if "." in word:  # "U.S.", "J.-C.", "e.g."
        return True
    if len(word) == 1 and word.isalpha() and word.isupper():  # an initial: "J. Smith", "M. Kim"
        return True
    folded = word.casefold()
    return folded in abbreviations() or (folded in number_abbreviations() and _NUMBER.match(text, dot + 1) is not None)
