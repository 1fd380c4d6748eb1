"""Text folding for matching: case, accents, apostrophes, quotes, dashes and spaces, with an offset map."""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

#: Typographic apostrophes (and the accents people type instead of one) fold to "'".
APOSTROPHES = frozenset("'\u2019\u2018\u02bc\u00b4`\u2032\u02bb")
#: Quotation marks fold to '"'.
QUOTES = frozenset('"\u00ab\u00bb\u201c\u201d\u201e\u201f\u2039\u203a')
#: Hyphens that join the parts of one word ("Jong-un", "Artiom-Primorsky-1").
JOINING_HYPHENS = frozenset("-\u2010\u2011")
#: All hyphens and dashes fold to a space so "Kim-Jong-un" matches "kim jong un".
DASHES = JOINING_HYPHENS | frozenset("\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d")
#: Letters that neither casefold nor NFKD expand, but that people write both ways.
LIGATURES = {"\u0153": "oe", "\u00e6": "ae", "\u0152": "oe", "\u00c6": "ae"}
#: Letters with no decomposition and no "WITH …" in their name that are still written as a
#: base letter in romanised names: dotless i (Turkish), thorn and eth (Icelandic), dotless j.
UNDECOMPOSED = {"\u0131": "i", "\u00fe": "th", "\u00f0": "d", "\u0237": "j"}
# "LATIN SMALL LETTER D WITH STROKE" (đ), "… L WITH STROKE" (ł), "… O WITH STROKE" (ø),
# "… H WITH STROKE" (ħ), "… B WITH HOOK" (ɓ): Unicode gives them no decomposition, yet
# GeoNames and most writers outside the language drop the stroke like an accent.
_MODIFIED_LATIN = re.compile(r"LATIN SMALL LETTER ([A-Z]) WITH ")

# Only the generic diacritic blocks are stripped: dropping every combining mark would also
# delete Indic vowel signs and kana voicing marks, which are letters, not accents.
_DIACRITIC_RANGES = (
    (0x0300, 0x036F),
    (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF),
    (0x20D0, 0x20FF),
    (0xFE20, 0xFE2F),
)


def _is_diacritic(ch: str) -> bool:
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _DIACRITIC_RANGES)


def _base_letter(ch: str) -> str:
    """``ch`` itself, or the plain letter(s) a non-decomposing Latin letter is written as."""
    if ch.isascii():
        return ch
    if ch in UNDECOMPOSED:
        return UNDECOMPOSED[ch]
    found = _MODIFIED_LATIN.match(unicodedata.name(ch, ""))
    return found.group(1).lower() if found else ch


@lru_cache(maxsize=1 << 16)
def _fold_char(ch: str) -> str:
    """Fold one character; "" drops it, " " marks a separator (collapsed by the caller)."""
    if ch in APOSTROPHES:
        return "'"
    if ch in QUOTES:
        return '"'
    if ch in DASHES or ch.isspace():
        return " "
    category = unicodedata.category(ch)
    if category == "Cc":
        # Control characters (NUL, …) separate words rather than glue them together.
        return " "
    if category == "Cf":
        # Soft hyphens, zero-width spaces and joiners are invisible: "Vladi\xadvostok" is one word.
        return ""
    if ch in LIGATURES:
        return LIGATURES[ch]
    # NFKD before casefold too: "𝕬" only becomes an upper-case "A" once decomposed.
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", ch).casefold())
    kept = "".join(_base_letter(c) for c in decomposed if not _is_diacritic(c))
    # NFC puts Hangul syllables (decomposed into jamo by NFKD) and kana back together.
    out = unicodedata.normalize("NFC", kept)
    # NFKD can itself produce spaces or dashes (e.g. "\u2474" -> "(1)"): fold those too.
    return "".join(" " if (c in DASHES or c.isspace()) else c for c in out)


@dataclass(frozen=True, slots=True)
class Folded:
    """A folded string plus, for each folded index (and its length), the original offset.

    ``offsets[j]`` is the index in the original text of the character that produced folded
    character ``j``; ``offsets[len(text)]`` is the original length. A folded span ``[s, e)``
    maps back to the original span ``[offsets[s], offsets[e])``, which includes any dropped
    characters (combining accents, soft hyphens, extra spaces) after its last character.
    ``offsets`` is an ``array("q")``: 8 bytes an offset, not a tuple's pointer and int object
    (~36 bytes), since the inference keeps the folds of every article at once.
    """

    text: str
    offsets: Sequence[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original ``(start, end)`` of folded span ``[start, end)``."""
        return self.offsets[start], self.offsets[end]


_SPACE_RUNS = re.compile(" {2,}")


def fold(text: str) -> Folded:
    """Fold ``text`` for matching and keep a map from every folded index to the original.

    Each distinct character is folded once; ``str.translate`` folds the text and the offset
    map is built from runs of one-to-one characters, so the cost per character is C's.
    """
    table = {ord(ch): _fold_char(ch) for ch in set(text)}
    folded = text.translate(table)
    odd = [chr(code) for code, out in table.items() if len(out) != 1]
    if odd:
        # Characters that fold to several ("œ" -> "oe") or none (soft hyphen) shift offsets.
        offsets: list[int] = []
        done = 0
        for m in re.finditer("[" + re.escape("".join(odd)) + "]", text):
            i = m.start()
            offsets.extend(range(done, i))
            offsets.extend([i] * len(table[ord(text[i])]))
            done = i + 1
        offsets.extend(range(done, len(text)))
    else:
        offsets = list(range(len(text)))
    # One space per run of separators (spaces, dashes, NBSP, newlines): keep each run's first.
    runs = [(m.start() + 1, m.end()) for m in _SPACE_RUNS.finditer(folded)]
    if runs:
        parts: list[str] = []
        kept: list[int] = []
        done = 0
        for a, b in runs:
            parts.append(folded[done:a])
            kept.extend(offsets[done:a])
            done = b
        parts.append(folded[done:])
        kept.extend(offsets[done:])
        folded, offsets = "".join(parts), kept
    offsets.append(len(text))
    return Folded(folded, array("q", offsets))


# ASCII fast path for fold_key (a million GeoNames names are mostly ASCII): the same result
# as fold() — lower case, "`" is an apostrophe, "-" and control characters separate words.
_ASCII_TABLE = str.maketrans(
    {"`": "'", "-": " ", **{chr(c): " " for c in (*range(0x20), 0x7F)}}
)


def fold_key(name: str) -> str:
    """The folded form of a place name, as used for dictionary and automaton keys."""
    if name.isascii():
        return " ".join(name.lower().translate(_ASCII_TABLE).split())
    # Same characters as fold(); split/join collapses and strips the separators it emits.
    return " ".join("".join(map(_fold_char, name)).split())
