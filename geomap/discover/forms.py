"""How the text writes a name: after an article a town's name does not take ("le Luxembourg", "the Atlantic")."""

from __future__ import annotations

import re

from ..geocoders.context import AREA_HINT
from ..langdata import function_words
from .lexicon import Lexicon, _words

# The word right before a name: an elided article ("l'") or a word and spaces.
_BEFORE = re.compile(r"(?<!\w)(\w+)(['\u2019]?)(\s*)\Z")
# The word right after a name, when it is a plain lower-case word ("the Hanoi summit").
_NEXT = re.compile(r"\s+([^\W\d_][\w\-]*)")

#: The kind hint of a name written in an area's form: satisfied by countries and regions only.
AREA = AREA_HINT


def area_form(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """Whether ``text[start:end]`` is written as a country, region or feature is, not as a town.

    French towns take no article ("à Luxembourg", but "au Luxembourg", "en Saxe", "de
    l'Ontario"), nor do English ones ("in Atlantic", but "in the Atlantic"). An article that is
    part of the name ("Le Havre", "The Hague") is inside the span, so it does not count here.
    English puts a town before the noun it qualifies ("the Hanoi summit"): then the article is
    the noun's, and the name may still be a town.
    """
    m = _BEFORE.search(text[max(0, start - 30) : start])
    if m is None or (not m.group(2) and not m.group(3)):
        return False
    word = _words(m.group(1) + m.group(2))
    if not word or word[-1] not in lex.area_articles:
        return False
    if word[-1] in lex.modified_articles:
        nxt = _NEXT.match(text, end)
        if nxt is not None and nxt.group(1).islower():
            key = _words(nxt.group(1))
            noun = key and key[0] not in function_words() and key[:1] not in lex.person_verbs and (
                key[0] not in lex.locatives or any(cue == key[:1] for cue, _ in lex.kinds_after))
            if noun:
                return False  # "the Hanoi summit", "the Rafah crossing": the article is the noun's
    return True
