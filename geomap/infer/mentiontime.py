"""When a mention is told: the day its sentence names, the narrative day before it, an earlier time."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import replace

from ..model import Mention, TimeExpr
from .clauses import BREAKS, REACH, Words, clause_start, heading

#: A day this far from the article's date is another story's, not narrative time.
NARRATIVE_DAYS = 31
#: Time expressions too vague to date a stop.
VAGUE = frozenset({"approximate", "clock", "year", "past-year"})


def narrative_days(w: Words, days: Sequence[TimeExpr]) -> list[TimeExpr]:
    """The days the narrative moves to, in text order: not a flashback told in a relative clause ("Friday
    morning … The minister, who landed on Thursday evening, …"), the story goes on at Friday; nor one
    counted back from the day told before ("la veille", "the night before": a look back by its words,
    "many had waited since the previous night"). A bare weekday told in the future is the coming one, as
    a place's own day is (:func:`named_day`): "où il séjournera jusqu'à lundi" in a preview moves the
    narrative to next Monday, not the one before."""
    out: list[TimeExpr] = []
    for x in map(lambda x: _coming(w, x), days):
        if out and out[-1].date is not None and x.date is not None and x.date < out[-1].date and (
                x.relation == "relative-previous" or _relative_clause(w, x)):
            continue
        out.append(x)
    return out


def _coming(w: Words, x: TimeExpr) -> TimeExpr:
    """``x``, a bare weekday read as past, moved a week on when a future tense comes before it in its
    sentence (not a pluperfect's day: "où il avait atterri mercredi")."""
    anchor = w.article.date
    if x.relation != "weekday-past" or x.date is None or anchor is None or x.date >= anchor or not w.article.sentences:
        return x
    since = w.article.sentence_at(x.start).start
    if bisect_left(w.future, x.end) == bisect_left(w.future, since) or w.told_before(x):
        return x
    return replace(x, date=x.date + dt.timedelta(days=7), relation="weekday-next")


def _relative_clause(w: Words, x: TimeExpr) -> bool:
    """The day is told inside a relative clause: a relative pronoun ("qui", "who") comes before it in its
    clause, with no comma or clause break between them."""
    for i in range(w.index(x.start) - 1, max(w.index(x.start) - REACH, 0) - 1, -1):
        word = w.words[i]
        if word in w.lex.words["relative"]:
            return True
        if word in BREAKS or word == "," or (word == "." and not w.abbreviated(i)):
            return False
    return False


def narrative_day(last: TimeExpr | None, entries: list[tuple[int, str]], at: int, day: dt.date | None,
                  text: str = "") -> TimeExpr | None:
    """The narrative day at offset ``at``: the last day named before it, unless a live blog's entry
    (posted at its hour) opens between them: then the entry's day, the one heading the blog's entries
    above it ("Friday 3 December" alone on its line), else the article's ``day``."""
    k = bisect_right(entries, (at, "\uffff"))
    if not k or day is None or (last is not None and last.start >= entries[k - 1][0]):
        return last
    start, clock = entries[k - 1]
    posted = last.date if last is not None and last.date is not None and heading(text, last) else day
    return TimeExpr(start, start, "", posted, relation="entry", clock=clock)


def told_earlier(w: Words, f: dict[str, float], at: tuple[int, int | None], lo: int, exprs: Sequence[TimeExpr],
                 anchor: dt.date | None) -> bool:
    """The place at word ``at[0]`` (its verb at ``at[1]``) is told as an earlier time: a mark of one
    (``f``), or a pluperfect in its clause before it, in a sentence naming no day of the trip's time.
    A pluperfect alone says little (a trip told in reported speech uses it: "la veille, il avait
    quitté X"); without a day of the trip it looks back before the story ("Le ministre s'était alors
    rendu à X", "Rolan was back from a tour of X"), unless the verb reaching the place
    is another one joined by "and" ("He had spent the weekend at Y and flew back to X"). The score
    asks whether every mention telling a place is such."""
    if any(f.get(k) for k in ("past", "past_year", "old_date")):
        return True
    if any(x.date is not None and (anchor is None or abs((x.date - anchor).days) <= NARRATIVE_DAYS) for x in exprs):
        return False
    a, verb_at = at
    start = clause_start(w, a, lo)
    aux = next((i for i in range(a - 1, start - 1, -1) if i in w.ends["pluperfect"]), None)
    if aux is None:
        return False
    # "… at Y and flew back to X": a verb of its own between the pluperfect and the place.
    return verb_at is None or not aux < verb_at < a or not any(
        w.words[i] in w.lex.words["and_words"] for i in range(aux + 1, verb_at))


def word_distance(lo: int, hi: int, a: int, b: int) -> int:
    """Words between the span [lo, hi) and the place's words [a, b)."""
    return a - hi if hi <= a else max(lo - b, 0)


def trip_day_distance(w: Words, a: int, b: int, exprs: Sequence[TimeExpr], anchor: dt.date | None) -> float:
    """How far from the place the sentence's nearest day of the trip's time lies (inf when none): an
    earlier time's mark ("in 1861", "il y a un an") further away than it is another clause's ("set off for
    X on Saturday, … the route Lincoln travelled in 1861"). A day counted from the one told before ("le
    lendemain") is in the time of whatever was told before, an earlier time's too: it says nothing."""
    days = [x for x in exprs if x.date is not None and x.relation not in VAGUE and x.relation != "relative-previous"
            and (anchor is None or abs((x.date - anchor).days) <= NARRATIVE_DAYS)]
    return min((word_distance(w.index(x.start), w.index(x.end), a, b) for x in days), default=float("inf"))


def other_clause(w: Words, x: TimeExpr, m: Mention) -> bool:
    """A relative pronoun lies between the day and the place: the day is another clause's ("landed in
    X after a journey which had started on Sunday at Y")."""
    lo, hi = (m.end, x.start) if m.end <= x.start else (x.end, m.start)
    return any(w.words[i] in w.lex.words["relative"] for i in range(w.index(lo), w.index(hi)))


def across_leg(w: Words, lo: int, hi: int, first: int, before: bool = True) -> bool:
    """A cue of the trip's next leg lies between original offsets ``lo`` and ``hi`` (``first``: the
    sentence's first word): a day on one side may be another leg's than a place on the other ("ce mardi
    à X, puis Y et Z"; "à X, avant de rentrer à Y vendredi"). "then"/"puis" counts after a comma, a
    dash, "and" or at the sentence's start, not as an adverb within a clause ("Vendredi, il s'est
    ensuite rendu à X"); "before"/"avant de" only with ``before``."""
    for i in range(w.index(lo), w.index(hi)):
        if before and i in w.begins["before_leg"]:
            return True
        if i in w.begins["then_words"] and (i <= first or not w.words[i - 1].isalnum()
                                            or w.words[i - 1] in w.lex.words["and_words"]):
            return True
    return False


def named_day(f: dict[str, float], m: Mention, inside: Sequence[TimeExpr], anchor: dt.date | None,
              ahead: bool, future: tuple[Sequence[int], int] = ((), 0),
              past: Callable[[TimeExpr], bool] = lambda x: False) -> TimeExpr | None:
    """The day the sentence names nearest the place, unless it is another time (flagged in ``f``).
    In a sentence that tells a plan (``ahead``), or with a future tense or a schedule in the present
    before the later of the place and the day (``future``: the marks' offsets, the sentence's start;
    "mardi, il recevra à X", "the tour closes on Friday in X"), a bare weekday is the coming one, not
    the last; a future told after both ("Mardi, il était à X, où il prononcera …") leaves it past, and so
    does a day told in the pluperfect (``past``: "où il avait atterri mercredi")."""
    if any(x.is_past_year for x in inside):
        f["past_year"] = 1.0
    if anchor is not None and any(x.relation == "year" and x.year and x.year > anchor.year for x in inside):
        f["future"] = 1.0  # "the next meeting takes place in X in 2031": a later year is a plan
    # A day counted from the one told before ("le lendemain") in a clause of another time is that time's.
    dated = [x for x in inside if x.date is not None and x.relation not in VAGUE
             and not (f.get("past") and x.relation == "relative-previous")]
    if not dated:
        return None
    x = min(dated, key=lambda x: abs(x.start - m.start))
    marks, since = future
    ahead = ahead or bisect_left(marks, max(x.end, m.end)) > bisect_left(marks, since)
    if (ahead and x.relation == "weekday-past" and x.date is not None and anchor is not None and x.date < anchor
            and not past(x)):
        x = replace(x, date=x.date + dt.timedelta(days=7), relation="weekday-next")
    if anchor is not None and x.date is not None and abs((x.date - anchor).days) > NARRATIVE_DAYS:
        f["old_date"] = 1.0
        return None
    f["dated"] = 1.0
    return x
