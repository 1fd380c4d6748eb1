"""Dates for candidate stops whose own sentence names no day: the country's move, else the narrative."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace

from ..model import Place
from ..textnorm import fold, fold_key
from ..timexpr import TimeExpr
from .cues import lexicon, quote
from .order import Cand

#: A date told more than this far from the article's anchor is another story's, not narrative time.
NARRATIVE_DAYS = 31
#: Relations too vague to date a stop by ("la semaine dernière").
_VAGUE = frozenset({"approximate", "clock", "year", "past-year"})
#: Moves of a country that happen at one of its places: leaving it or crossing into it. An
#: arrival or a visit starts a stay, so the places visited later are not on that day.
_AT_ONCE = frozenset({"depart", "cross"})


def borrow_dates(
    cands: Sequence[Cand],
    coarse: Sequence[Cand],
    exprs: Mapping[int, Sequence[TimeExpr]],
    places: Mapping[str, Place],
    notes: list[str],
) -> list[Cand]:
    """Undated candidates dated by what the article told before them.

    First the latest departure from or crossing into the country the place is in ("left
    Poland on Thursday evening … boarded the train at Przemyśl"), else the last day the article
    named before the sentence (narrative time). ``coarse`` are the country/region
    candidates (not stops themselves); ``exprs`` are each article's time expressions.
    """
    out: list[Cand] = []
    for c in cands:
        if c.date is not None:
            out.append(c)
            continue
        if c.cue.stay:
            # "Au cours de son séjour, il a visité X": some day of the stay, not the last one named.
            notes.append(f"{places[c.place_id].name}: told during the stay, no day of its own; left undated")
            out.append(c)
            continue
        country = places[c.place_id].country
        moves = [k for k in coarse if k.article.id == c.article.id and k.order < c.order and k.date is not None
                 and k.cue.type in _AT_ONCE and country is not None and places[k.place_id].country == country]
        source: TimeExpr | None = None
        why = ""
        if moves:
            k = max(moves, key=lambda k: k.order)
            source = k.expr
            why = f"the move it belongs to in {places[k.place_id].name}"
        else:
            told = [x for x in exprs.get(c.order[0], ()) if x.end <= c.order[1] and x.date is not None
                    and x.relation not in _VAGUE and x.confidence >= 0.5
                    and (c.anchor is None or abs((x.date - c.anchor).days) <= NARRATIVE_DAYS)
                    and not _reports(c, x)]
            if told:
                source = told[-1]
                why = "the last day the article named before it"
        if source is None or source.date is None:
            out.append(c)
            continue
        name = places[c.place_id].name
        notes.append(f"{name}: no day in its sentence; dated {source.date.isoformat()} by {why} "
                     f"(“{quote(c.article.text, source.start, source.end)}”)")
        out.append(replace(c, expr=source, borrowed=True))
    return out


def _reports(c: Cand, x: TimeExpr) -> bool:
    """Whether ``x`` dates a report ("the White House said on Monday"), not an event."""
    before = fold(c.article.text[max(0, x.start - 30) : x.start]).text
    return bool(lexicon(c.article.language)["reported"].search(before))


def is_coarse(place: Place, coarse_kinds: Collection[str]) -> bool:
    return fold_key(place.kind) in coarse_kinds
