"""Tenses in French and English text: where a bare weekday is the coming one, and where a past one."""

from __future__ import annotations

import re
from functools import lru_cache

from .langdata import alternation, languages_for
from .textnorm import fold
from .timexpr import cue_data

_WB, _WE = r"(?<![\w'])", r"(?![\w])"  # a word's start and end, as in timexpr
#: Characters at most between a day opening its clause and its verb: a comma and a pronoun or short name.
_SUBJECT_GAP = 12


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


@lru_cache(maxsize=8)
def _pluperfect_pattern(language: str | None) -> re.Pattern[str]:
    """The pluperfect: an auxiliary, maybe one adverb ("avait déjà", "had just"), then a lower-case word with
    a participle's ending (cues.yaml ``pluperfect_auxiliaries``, ``past_*``). Read in the text as written,
    not folded: a folded "à" is the auxiliary "a", and a capital opens a name."""
    sections = cue_data()["time"]
    aux: list[str] = []
    between: list[str] = []
    endings: list[str] = []
    for lang in languages_for(sections, language):
        aux += sections[lang].get("pluperfect_auxiliaries", [])
        between += sections[lang].get("past_between", [])
        endings += sections[lang].get("past_endings", [])
    auxes, betweens, ends = ("|".join(re.escape(a).replace("'", "['’]") for a in sorted(set(words), key=len, reverse=True))
                             for words in (aux, between, endings))
    if not auxes or not ends:
        return re.compile(r"(?!x)x")
    adverb = rf"(?:(?i:{betweens})\s+)?" if betweens else ""
    return re.compile(rf"{_WB}(?i:{auxes})\s+{adverb}[a-zß-ÿœ][^\W\d_A-Z]*(?:{ends}){_WE}")


@lru_cache(maxsize=64)
def pluperfect_marks(text: str, language: str | None) -> tuple[int, ...]:
    """Offsets in ``text`` where a pluperfect is written."""
    return tuple(m.start() for m in _pluperfect_pattern(language).finditer(text))


def told_before(text: str, language: str | None, start: int, end: int) -> bool:
    """The day at ``[start, end)`` is told in the pluperfect, a day before the narration's: the tense nearest
    before it in its sentence is one ("où il avait atterri mercredi"; a future in between wins: "had agreed
    that he will go on Monday"), or, with none before, one right after it, its subject between ("Wednesday,
    he had flown to …"; not a later clause's: "Vendredi, le ministre sera …, qu'il avait reçu")."""
    lo = max(text.rfind(ch, 0, start) for ch in ".!?\n") + 1
    hi = min((i for i in (text.find(ch, end) for ch in ".!?\n") if i >= 0), default=len(text))
    marks = sorted([(p, True) for p in pluperfect_marks(text, language) if lo <= p < hi]
                   + [(p, False) for p in future_marks(text, language) if lo <= p < hi])
    before = [past for p, past in marks if p < start]
    after = [(p, past) for p, past in marks if p >= end]
    return before[-1] if before else bool(after) and after[0][1] and after[0][0] - end <= _SUBJECT_GAP
