"""Stops told without a motion verb (a locative with a day), listed places, clauses, plan dates."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from ..model import Article, Mention
from ..textnorm import fold, fold_key
from ..timexpr import TimeExpr
from .cues import Cue, lead_subject

#: Punctuation that ends a clause (commas included: "…, sixty years after his father").
_CLAUSE_MARK = re.compile(r"[,;:.!?()«»\n]")
_WORD = re.compile(r"[^\W\d_][\w'\u2019\-]*|\d+|[^\w\s]")
#: Relations too vague to make a locative a stop ("la semaine dernière", a bare clock time).
_NO_DAY = frozenset({"approximate", "clock", "year", "past-year"})
#: A day this far from the article's date is another story's, not this trip's.
NEAR_DAYS = 31
#: At most this many characters of sentence opener before the comma of "In Baghdad, the pope met".
OPENER = 60


def clause_span(text: str, sentence: tuple[int, int], span: tuple[int, int], lex: dict[str, Any]) -> tuple[int, int]:
    """The clause around ``span`` (cue to place): from the mark before it to the mark after it.

    A clause opened by a subordinator ("…, où Kim était arrivé") takes in the clause before it,
    whose time it shares.
    """
    lo, hi = sentence
    before = [m.end() for m in _CLAUSE_MARK.finditer(text, lo, span[0])]
    while before:
        first = next(_WORD.finditer(text, before[-1], span[0]), None)
        if first is None or not _subordinator(first.group(), lex):
            break
        before.pop()
    if len(before) == 1 and text[before[0] - 1] == ",":
        before.pop()  # "Il y a vingt ans, son père …": the sentence's opener is part of its clause
    after = _CLAUSE_MARK.search(text, span[1], hi)
    return (before[-1] if before else lo), (after.start() if after else hi)


def _subordinator(word: str, lex: dict[str, Any]) -> bool:
    key = fold_key(word)
    return key in lex["subordinators"] or ("'" in key and key.split("'")[0] + "'" in lex["subordinators"])


def listed_after(text: str, m: Mention, ments: Sequence[Mention], hi: int, lex: dict[str, Any]) -> list[Mention]:
    """Places listed after ``m`` ("X, Y et Z", "à X puis à Y"): gaps of only commas and joiners."""
    out: list[Mention] = []
    prev = m
    for nxt in ments:
        if nxt.start < prev.end:
            continue
        if nxt.start >= hi:
            break
        words = [fold_key(w) for w in _WORD.findall(text[prev.end : nxt.start])]
        if not words or not all(w == "," or w.strip("'\u2019") in lex["joiners"] or w in lex["joiners"]
                                for w in words):
            break
        out.append(nxt)
        prev = nxt
    return out


def plan_date(expr: TimeExpr | None, anchor: dt.date | None) -> TimeExpr | None:
    """A schedule's bare weekday is the coming one ("On Sunday the pope heads north"), not the last."""
    if expr is None or anchor is None or expr.date is None or expr.relation != "weekday-past":
        return expr
    if expr.date >= anchor:
        return expr
    return replace(expr, date=expr.date + dt.timedelta(days=7), relation="weekday-next")


def planned_day(text: str, end: int, hi: int, exprs: Sequence[TimeExpr], lex: dict[str, Any]) -> TimeExpr | None:
    """The day of a plan told right after a destination ("…, où il doit rencontrer samedi", "where he
    will meet … on Saturday"): a future marker in the clause that follows, then a day."""
    first = next(_WORD.finditer(text, end, hi), None)
    if first is not None and first.group() == ",":
        first = next(_WORD.finditer(text, first.end(), hi), None)
    # Only a clause about the place itself ("…, où", "…, where"), not "and is due to leave for Rome".
    if first is None or fold_key(first.group()) not in lex["place_relatives"]:
        return None
    folded = fold(text[end:hi])
    marker = lex["future"].search(folded.text)
    if marker is None:
        return None
    at = end + folded.span(marker.start(), marker.end())[0]
    return next((x for x in exprs if at <= x.start < hi and x.date is not None and x.relation not in _NO_DAY), None)


def destination_after(text: str, m: Mention, ments: Sequence[Mention], hi: int, exprs: Sequence[TimeExpr],
                      lex: dict[str, Any]) -> Mention | None:
    """The place a departure from ``m`` heads for ("quitté X mercredi pour Y", "flew from X to Y"):
    the next place, with only a destination word (and days) between."""
    nxt = next((n for n in ments if n.start >= m.end), None)
    if nxt is None or nxt.start >= hi:
        return None
    gap = "".join(ch for i, ch in enumerate(text[m.end : nxt.start], start=m.end)
                  if not any(x.start <= i < x.end for x in exprs))
    return nxt if lex["destination"].match(fold(gap).text) else None


def arrival_day(text: str, end: int, hi: int, exprs: Sequence[TimeExpr], lex: dict[str, Any]) -> TimeExpr | None:
    """The day of an arrival told in a clause about a destination just named ("…, où il arrive le
    jour même", "where he arrives on Friday"); None when no such clause follows."""
    first = next(_WORD.finditer(text, end, hi), None)
    if first is not None and first.group() == ",":
        first = next(_WORD.finditer(text, first.end(), hi), None)
    if first is None or fold_key(first.group()) not in lex["place_relatives"]:
        return None
    close = _CLAUSE_MARK.search(text, first.end(), hi)
    stop = close.start() if close else hi
    if not lex["arrival_verbs"].search(fold(text[first.end() : stop]).text):
        return None
    return next((x for x in exprs if first.end() <= x.start < stop and x.date is not None
                 and x.relation not in _NO_DAY), None)


def _locative_before(text: str, lo: int, start: int, lex: dict[str, Any]) -> int | None:
    """Where the locative word before a place starts ("à", "in", "à l'aéroport de"), else None."""
    toks = list(_WORD.finditer(text, max(lo, start - 60), start))
    for n, tok in enumerate(reversed(toks)):
        word = tok.group()
        key = fold_key(word)
        if key in lex["locative"]:
            return tok.start()
        # Only a few lower-case words between: "à l'aéroport international de Paris".
        if n >= lex["locative_words"] or not word[:1].islower():
            return None
    return None


def _subjects(article: Article, lo: int, hi: int, skip: list[tuple[int, int]],
              lex: dict[str, Any]) -> tuple[tuple[str, ...], int] | None:
    """Who the sentence is about (its opening names, () for a pronoun) and where that clause
    starts; None when it opens with no one."""
    text = article.text
    start = lo
    comma = text.find(",", lo, min(hi, lo + OPENER))
    if comma >= 0:
        opener = text[lo:comma]
        # "In Baghdad, the pope met …", "Lundi, Kim a …": an opening place or day, then the clause.
        if any(lo <= s < comma for s, _ in skip) or len(opener.split()) <= 3:
            start = comma + 1
    first = next(_WORD.finditer(text, start, hi), None)
    if first is None:
        return None
    if fold_key(first.group()) in lex["pronouns"]:
        return (), start
    names = lead_subject(text, start, hi, skip, lex)
    return (names, start) if names else None


def locative_cues(article: Article, lo: int, hi: int, ments: Sequence[Mention], exprs: Sequence[TimeExpr],
                  skip: list[tuple[int, int]], lex: dict[str, Any], anchor: dt.date | None) -> list[tuple[Cue, Mention]]:
    """Places after "à"/"in" in a sentence that names a day and opens with a person or a pronoun.

    The cue's subjects are the sentence's opening names (() for a pronoun); infer keeps the
    ones whose subject is the traveller. Places already bound to a travel cue are not passed in.
    """
    days = [x for x in exprs if lo <= x.start and x.end <= hi and x.date is not None and x.relation not in _NO_DAY
            and (anchor is None or abs((x.date - anchor).days) <= NEAR_DAYS)]
    if not days or any(x.is_past_year for x in exprs if lo <= x.start and x.end <= hi):
        return []
    who: tuple[str, ...] | None = None
    start = lo
    out = []
    for m in ments:
        if not lo <= m.start < hi:
            continue
        at = _locative_before(article.text, lo, m.start, lex)
        if at is None:
            continue
        if who is None:
            got = _subjects(article, lo, hi, skip, lex)
            if got is None:
                return []
            who, start = got
        # The traveller's own clause only: no comma or subordinator between its start and the
        # place ("… a trip that officials in New Delhi described"), unless the place opens it.
        between = article.text[start : m.start]
        if m.start >= start and (_CLAUSE_MARK.search(between)
                                 or any(_subordinator(w, lex) for w in _WORD.findall(between))):
            continue
        told = fold(article.text[start : m.start]).text
        out.append((Cue(at, at + 1, "stay", "was in", 60, who, planned=bool(lex["future"].search(told)),
                        possible=bool(lex["possible"].search(told))), m))
    return out
