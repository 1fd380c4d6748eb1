"""An article's words as tokens: elisions and possessives cut off, capitals and sentence starts marked."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..langdata import elisions
from ..sentences import ends_no_sentence
from .lexicon import _words

#: A word, possibly hyphenated or glued by apostrophes ("Komsomolsk-sur-l'Amour", "Jong-un").
_TOKEN = re.compile(r"\w+(?:[-\u2010\u2011'\u2019]\w+)*")
#: An English possessive ending a word ("Kyiv's"), which is no part of a name.
_POSSESSIVE = re.compile(r"(?<=\w)['\u2019]s\Z")
_SENTENCE_END = set(".!?:;\n\u2026\u00ab\u00bb\"\u201c\u201d")


@dataclass(frozen=True, slots=True)
class _Tok:
    start: int
    end: int
    key: str  # folded words joined by spaces
    cap: bool
    initial: bool  # first word of a sentence


#: What may stand between a sentence's end and its first word: spaces and opening marks.
_OPENERS = " \t\u00a0\u202f(\u00ab\"\u201c\u2018"


@lru_cache(maxsize=1)
def elision() -> re.Pattern[str]:
    """French elisions before a name (data/elisions.yaml): in "d'Irpin" only "Irpin" is the name."""
    words = "|".join(sorted(map(re.escape, elisions()), key=lambda w: (-len(w), w)))
    return re.compile(rf"(?i)^(?:{words or '(?!)'})['\u2019](?=\w)")


@lru_cache(maxsize=1 << 14)
def _key(word: str) -> str:
    """A token's key: its folded words joined by spaces (remembered: a story repeats its words)."""
    return " ".join(_words(word))


def _tokens(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    elided_word = elision()
    prev = 0  # where the previous word ended
    for m in _TOKEN.finditer(text):
        start, word = m.start(), m.group()
        # A word opens a sentence when only spaces and opening marks stand between it and a sentence's
        # end (or the text's start). The previous word ends in a word character, never an opening mark:
        # the look back stops at its end, so only the gap since it is looked at.
        # An abbreviation's, an initial's or a wire dateline's full stop ends no sentence ("St. Louis",
        # "Mr. Nixon", "ST. PAUL, Minn. (AP) —"): geomap.sentences' rule.
        gap = text[prev:start].rstrip(_OPENERS)
        initial = (gap[-1] in _SENTENCE_END and not (gap[-1] == "." and ends_no_sentence(text, prev + len(gap) - 1))
                   if gap else prev == 0)
        prev = m.end()
        elided = elided_word.match(word) if "'" in word or "\u2019" in word else None
        if elided and word[elided.end()].isupper():
            cut = start + elided.end()
            # A capital elided letter may open a name ("N'Djamena", "L'Aquila"): the scan keeps the
            # whole word when it is a name and drops the elision otherwise ("L'Élysée a dit").
            out.append(_Tok(start, cut, _key(word[: elided.end()]), word[0].isupper(), initial))
            start, word = cut, word[elided.end() :]
        # All-capital short words are acronyms (AFP, ONU, DDG), not names.
        cap = word[0].isupper() and not (word.isupper() and len(word) <= 4)
        owner = _POSSESSIVE.search(word) if cap else None
        if owner:  # "Riyadh's effort", "Rome's Fiumicino airport": the name is the owner's
            out.append(_Tok(start, start + owner.start(), _key(word[: owner.start()]), cap, initial))
            start, word, cap, initial = start + owner.start(), word[owner.start() :], False, False
        out.append(_Tok(start, start + len(word), _key(word), cap, initial))
    return _capital_runs(text, out)


def _capital_runs(text: str, toks: list[_Tok]) -> list[_Tok]:
    """Short words in a run of words all in capitals are no acronyms: a dateline or heading
    ("PORT MORESBY, 22 mai", "HO CHI MINH CITY") writes a whole name so, not "Moresby" alone."""
    loud = [_shouting(text[t.start : t.end]) for t in toks]  # each word asked once, not once per neighbour
    out = list(toks)
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        if loud[k] and loud[k + 1] and text[a.end : b.start] == " ":
            out[k], out[k + 1] = replace(a, cap=True), replace(b, cap=True)
    for k, t in enumerate(out):  # a dateline's short name: "KYIV, Ukraine —", "ROME (AP) -", "LIMA —"
        if loud[k] and not t.cap and _line_start(text, t.start) and _DATELINE_END.match(text, t.end):
            out[k] = replace(t, cap=True)
    return out


def _shouting(word: str) -> bool:
    """Whether a word is written all in capital letters ("MORESBY", "HO-CHI")."""
    return word.isupper() and word.replace("-", "").isalpha()


#: What follows a dateline's place: a comma, a bracketed agency, a dash.
_DATELINE_END = re.compile(r",| \(| [\u2014\u2013-]")


def _line_start(text: str, at: int) -> bool:
    """Whether only spaces stand between the start of a line and ``at``."""
    line = text.rfind("\n", 0, at) + 1
    return not text[line:at].strip()
