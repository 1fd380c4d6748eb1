"""Future tense in French and English text: where a bare weekday is the coming one, not the last."""

from __future__ import annotations

import re
from functools import lru_cache

from .langdata import alternation, languages_for
from .textnorm import fold
from .timexpr import cue_data

_WB, _WE = r"(?<![\w'])", r"(?![\w])"  # a word's start and end, as in timexpr


@lru_cache(maxsize=8)
def _ahead_pattern(language: str | None) -> re.Pattern[str]:
    """Future markers: listed words ("will"), or a subject pronoun, a clitic, a future ending ("il y sera")."""
    sections = cue_data()["time"]
    words: list[str] = []
    subjects: list[str] = []
    clitics: list[str] = []
    endings: list[str] = []
    for lang in languages_for(sections, language):
        sec = sections[lang]
        words += sec.get("ahead_words", [])
        subjects += sec.get("ahead_subjects", [])
        clitics += sec.get("ahead_clitics", [])
        endings += sec.get("ahead_endings", [])
    tense = rf"{alternation(subjects)} (?:{alternation(clitics)} ?)?\w+{alternation(endings)}"
    return re.compile(_WB + rf"(?:{alternation(words)}|{tense})" + _WE)


@lru_cache(maxsize=64)
def future_marks(text: str, language: str | None) -> tuple[int, ...]:
    """Offsets in ``text`` where a future tense is written (cues.yaml ``ahead_*``): a bare weekday
    told in the future is the coming one."""
    folded = fold(text)
    return tuple(folded.span(m.start(), m.end())[0] for m in _ahead_pattern(language).finditer(folded.text))
