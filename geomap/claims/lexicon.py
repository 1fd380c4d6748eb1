"""The language data of geomap/data/claims.yaml, compiled once per language into patterns."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from .. import yamlmarks
from ..langdata import alternation, languages_for, phrase_pattern, section_phrases
from ..model import Note
from ..textnorm import fold_key


@lru_cache(maxsize=1)
def data() -> dict[str, Any]:
    """The parsed geomap/data/claims.yaml (packaged: a failure is a broken installation)."""
    return yamlmarks.load(resources.files("geomap").joinpath("data", "claims.yaml").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Lexicon:
    """One language's (or all languages') claim words; tables are keyed by the regex of each phrase."""

    figure: re.Pattern[str]  # hedge? number unit (direction link? | link), on folded text
    units: dict[str, float]
    hedges: dict[str, str]
    number_words: dict[str, int]
    directions: dict[str, float]
    antecedents: dict[str, tuple[str, ...]]
    antecedent: re.Pattern[str]
    determiners: frozenset[str]
    position_gap: re.Pattern[str]  # what may stand between a place and its figure (folded)


def _lookup(section: dict[str, Any], language: str | None) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for lang in languages_for(section, language):
        merged.update(section[lang])
    return merged


def _keyed(phrases: dict[str, Any]) -> dict[str, Any]:
    """Phrase -> value, keyed by the phrase's regex on folded text ("kilomètre(s)" matches both)."""
    return {phrase_pattern(str(phrase)): value for phrase, value in phrases.items()}


def lookup(table: dict[str, Any], folded: str) -> Any:
    """The value of the phrase whose pattern matches ``folded`` in full."""
    for pattern, value in table.items():
        if re.fullmatch(pattern, folded):
            return value
    raise KeyError(folded)


@lru_cache(maxsize=8)
def lexicon(language: str | None) -> Lexicon:
    """The claim words of ``language``; None (or a language without data) merges them all."""
    d = data()
    units = dict(d["units"])
    hedges = _lookup(d["hedges"], language)
    words = _lookup(d["number_words"], language)
    directions = _lookup(d["directions"], language)
    antecedents = _lookup(d["antecedents"], language)
    number = r"\d{1,3}(?:[ .,]\d{3})+(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)?"
    link = alternation(section_phrases(d["anchor_links"], language))
    dlink = alternation(section_phrases(d["direction_links"], language))
    # A link ends at a space, or right after an elided "d'".
    end_link = r"(?:(?<=')|(?= )|$)"
    figure = (
        rf"(?<![\w'])(?:(?P<hedge>{alternation(hedges)}) )?"
        rf"(?:(?P<num>{number})|(?P<word>{alternation(words)})) ?(?P<unit>{alternation(units)})(?!\w)"
        rf"(?: (?P<dir>{alternation(directions)})(?: (?P<dlink>{dlink}){end_link})?(?![\w])"
        rf"| (?P<link>{link}){end_link})"
    )
    return Lexicon(
        figure=re.compile(figure),
        units=_keyed(units),
        hedges=_keyed(hedges),
        number_words=_keyed(words),
        directions=_keyed(directions),
        antecedents={k: tuple(v or ()) for k, v in _keyed(antecedents).items()},
        antecedent=re.compile(rf"(?<![\w'])(?:{alternation(antecedents)})(?!\w)"),
        determiners=frozenset(fold_key(w) for w in section_phrases(d["anchor_determiners"], language)),
        position_gap=re.compile(rf"(?:[ ,]|{alternation(section_phrases(d['position_words'], language))}(?![\w']))*"),
    )


def parse_number(text: str, language: str | None) -> float | None:
    """ "8 000", "8,000", "1,5", "1.5" as the number the writer meant, by the language's habits."""
    s = text.replace(" ", "")
    if language == "fr" or (language is None and "," in s and not re.search(r",\d{3}(?!\d)", s)):
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", s):
            s = s.replace(".", "")
        s = s.replace(",", ".")
    else:
        s = re.sub(r",(?=\d{3}(?!\d))", "", s)
    try:
        return float(s)
    except ValueError:
        return None


def tolerance(hedge: str) -> tuple[float, float]:
    """(below, above) in percent of the stated figure for a hedge kind."""
    below, above = data()["tolerance"][hedge]
    return float(below), float(above)


def note(key: str, **values: str | float) -> Note:
    """A note with template ``key`` of claims.yaml's ``notes`` (checked here: a typo fails at once)."""
    if key not in data()["notes"]["en"]:
        raise KeyError(f"claims.yaml has no note {key!r}")
    return Note(key, tuple(sorted(values.items())))


def compass_point(bearing: float, language: str = "en") -> str:
    """The nearest of the 8 compass points, in ``language`` (English if not in the data)."""
    names = data()["compass"].get(language) or data()["compass"]["en"]
    return str(names[int((bearing % 360 + 22.5) // 45) % 8])


def say_parts(n: Note, language: str = "en") -> list[tuple[str, bool]]:
    """The note worded in ``language`` (English if the data lacks it), as (text, is the
    article's own words) pieces: a page marks the quoted words as such."""
    templates = data()["notes"]
    template = str(templates.get(language, {}).get(n.key) or templates["en"][n.key])
    thousands = data()["labels"].get(language, data()["labels"]["en"]).get("thousands", ",")
    values = dict(n.values)
    out: list[tuple[str, bool]] = []
    for piece in re.split(r"(\{\w+\})", template):
        name = piece[1:-1] if piece.startswith("{") and piece.endswith("}") else None
        if name is None or name not in values:
            out.append((piece, False))
            continue
        value = values[name]
        if name.endswith("_point") and isinstance(value, (int, float)):
            out.append((compass_point(float(value), language), False))
        elif isinstance(value, (int, float)):
            out.append((f"{value:,.0f}".replace(",", thousands), False))
        else:
            out.append((str(value), name == "words"))
    return [p for p in out if p[0]]


def say(n: Note, language: str = "en") -> str:
    """The note worded in ``language`` (English if the data lacks it); numbers grouped its way."""
    return "".join(text for text, _ in say_parts(n, language))
