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
    """Future markers: listed words ("will"), a subject pronoun, a clitic, a future ending ("il y sera"), a
    reflexive clitic and a future ending ("s'envolera"), a schedule in the present ("leaves", "s'achève"),
    or a word opening its sentence that tells what is still to come ("Reste …")."""
    sections = cue_data()["time"]
    lists: dict[str, list[str]] = {}
    for lang in languages_for(sections, language):
        for key in ("words", "subjects", "clitics", "reflexive", "endings", "present", "openers"):
            lists.setdefault(key, []).extend(sections[lang].get(f"ahead_{key}", []))
    ending = alternation(lists["endings"])
    tense = rf"{alternation(lists['subjects'])} (?:{alternation(lists['clitics'])} ?)?\w+{ending}"
    reflexive = rf"{alternation(lists['reflexive'])} ?\w+{ending}"
    opener = rf"(?:^|(?<=[.!?:] )){alternation(lists['openers'])}"
    marks = "|".join((alternation(lists["words"] + lists["present"]), tense, reflexive, opener))
    return re.compile(_WB + f"(?:{marks})" + _WE, re.MULTILINE)


@lru_cache(maxsize=64)
def future_marks(text: str, language: str | None) -> tuple[int, ...]:
    """Offsets in ``text`` where a future tense, or a schedule in the present, is written (cues.yaml
    ``ahead_*``): a bare weekday told so is the coming one."""
    folded = fold(text)
    return tuple(folded.span(m.start(), m.end())[0] for m in _ahead_pattern(language).finditer(folded.text))
