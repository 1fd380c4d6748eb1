"""Where sentences end in French and English text: one rule for every stage (articles, tenses, clauses)."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from .langdata import is_abbreviation
from .model import Sentence

#: What ends a sentence (when a capital, a digit or an opening mark follows).
TERMINATORS = frozenset(".!?\u2026")
_TERMINATOR = re.compile("[" + re.escape("".join(sorted(TERMINATORS))) + "]")
_CLOSERS = frozenset("\"'\u00bb\u201d\u2019)]}")
_SPACED_CLOSERS = frozenset("\u00bb\u201d)")
_THIN_SPACES = frozenset(" \u00a0\u202f\u2009")
_OPENERS = frozenset("\"'\u00ab\u201c\u2018\u201e([\u00bf\u00a1-\u2013\u2014")
#: What closes a wire dateline after its place and date: the agency's credit in brackets, then a spaced dash.
_DATELINE_END = re.compile(r"[ \t\u00a0]*(?:\([^()\n]{1,40}\)[ \t\u00a0]*)?[\u2014\u2013-]{1,2}\s")


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Split French or English news text into sentences (every line break also ends one).

    Sentence spans exclude surrounding whitespace and together cover all non-blank text.
    """
    spans: list[tuple[int, int]] = []
    line_start = 0
    for line in text.split("\n"):
        start, end = line_start, line_start + len(line)
        line_start = end + 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            _split_line(text, start, end, spans)
    return tuple(Sentence(i, s, e) for i, (s, e) in enumerate(spans))


def _split_line(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    current, i = start, start
    while (found := _TERMINATOR.search(text, i, end)) is not None:  # C jumps over the words between
        i = found.start()
        j = i
        while j < end and text[j] in TERMINATORS:  # "...", "?!"
            j += 1
        k = _skip_closers(text, j, end)
        if k < end and text[k].isspace():
            m = k
            while text[m].isspace():  # the line is trimmed, so a non-space follows
                m += 1
            nxt = text[m]
            starts_sentence = nxt.isupper() or nxt.isdigit() or nxt in _OPENERS
            if starts_sentence and not (text[i:j] == "." and _no_end(text, i, start, current == start)):
                spans.append((current, k))
                current = m
            i = m
        else:
            i = k
    spans.append((current, end))


def _no_end(text: str, dot: int, line: int, first: bool) -> bool:
    """The full stop at ``dot``, in its line's first sentence if ``first`` (``line``: where the line's text
    starts), ends no sentence whatever follows: an abbreviation's or an initial's, or a wire dateline's."""
    return is_abbreviation(text, dot, line) or (first and _dateline(text, line, dot + 1))


def ends_no_sentence(text: str, dot: int) -> bool:
    """The full stop at offset ``dot`` ends no sentence whatever follows (:func:`split_sentences`' rule for
    a word read alone): "Mr.", "M.", "St.", a dateline's "Minn." or "3 sept." before its agency or dash."""
    line = text.rfind("\n", 0, dot) + 1
    while text[line].isspace():
        line += 1
    if is_abbreviation(text, dot, line):
        return True
    if not _dateline(text, line, dot + 1):
        return False
    before: list[tuple[int, int]] = []  # a dateline's full stop past the line's first sentence ends it
    _split_line(text, line, dot, before)
    return len(before) == 1


def _dateline(text: str, start: int, dot_end: int) -> bool:
    """The full stop ending at ``dot_end`` closes a wire dateline's last word, its agency's credit or its
    dash next ("ST. PAUL, Minn. (AP) —", "WASHINGTON, 3 sept. (AFP) -"), on a line a word in capitals
    opens (the place): a state's or a month's abbreviation there ("Minn.", "sept.") ends no sentence,
    whether or not the language's list has it."""
    first = text[start:dot_end].split(None, 1)[0].strip(".,")
    return (sum(c.isalpha() for c in first) > 1 and first.isupper()
            and _DATELINE_END.match(text, dot_end) is not None)


def _skip_closers(text: str, k: int, end: int) -> int:
    """Past closing quotes and brackets, which stay with the sentence they end.

    French sets guillemets apart ("« Non. »"), so a space before an unambiguous closer is skipped too.
    """
    while True:
        while k < end and text[k] in _CLOSERS:
            k += 1
        m = k
        while m < end and text[m] in _THIN_SPACES:
            m += 1
        if m > k and m < end and text[m] in _SPACED_CLOSERS:
            k = m
            continue
        return k


@lru_cache(maxsize=64)  # asked once per time expression of the same few texts
def _sentences(text: str) -> tuple[tuple[int, ...], tuple[Sentence, ...]]:
    found = split_sentences(text)
    return tuple(s.start for s in found), found


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The start of the sentence holding offset ``start`` and the end of the one holding ``end``'s last
    character (:func:`split_sentences`; in a gap between two, the one before it)."""
    starts, found = _sentences(text)
    if not found:
        return 0, len(text)
    first = found[max(bisect_right(starts, start) - 1, 0)]
    last = found[max(bisect_right(starts, max(end - 1, start)) - 1, 0)]
    return first.start, last.end


def ends_sentence(text: str, sentences: tuple[Sentence, ...], at: int) -> bool:
    """The terminator at offset ``at`` ends its sentence (:func:`split_sentences`): only terminators
    and closers stand between it and the sentence's end ("Mr." ends none, nor "3.5", nor "« Non. »
    dit-il")."""
    if not sentences:
        return False
    s = sentences[max(bisect_right(sentences, at, key=lambda s: s.start) - 1, 0)]
    return s.start <= at < s.end and all(c in TERMINATORS or c in _CLOSERS or c in _THIN_SPACES
                                         for c in text[at:s.end])
