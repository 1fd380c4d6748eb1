"""Candidate stops into an ordered itinerary: dates, undated moves and visits, repeats."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..model import Article, Evidence, Place, Stop
from ..textnorm import fold_key
from ..timexpr import TimeExpr
from .cues import MOVES, Cue, sentence_spans

@dataclass(frozen=True)
class Cand:
    place_id: str
    order: tuple[int, int]  # (article index, offset): the text order
    article: Article
    sentence: int
    cue: Cue
    expr: TimeExpr | None
    anchor: dt.date | None
    borrowed: bool = False  # ``expr`` is from elsewhere in the article (see infer.dating)

    @property
    def date(self) -> dt.date | None:
        return self.expr.date if self.expr is not None and self.expr.relation != "clock" else None


@dataclass
class Group:
    place_id: str
    cands: list[Cand]
    key: tuple[Any, ...] = ()
    floating: bool = False

    @property
    def first(self) -> Cand:
        return min(self.cands, key=lambda c: c.order)


def nearest_expr(exprs: list[TimeExpr], lo: int, hi: int, span: tuple[int, int]) -> TimeExpr | None:
    """The time expression of the sentence closest to the cue–place span (inside it first)."""
    best: tuple[tuple[bool, int], TimeExpr] | None = None
    for x in exprs:
        if x.start < lo or x.end > hi or x.relation == "year":
            continue
        # A day beats a bare clock time further away; then the closest wins.
        key = (x.relation == "clock", max(0, span[0] - x.end, x.start - span[1]))
        if best is None or key < best[0]:
            best = (key, x)
    return best[1] if best else None


def order_stops(cands: list[Cand], rank: dict[str, int], notes: list[str], places: Mapping[str, Place]) -> list[Group]:
    """Dated stops by (date, event type, text order); undated moves by their article's date;
    undated visits between the arrival and the departure; repeats merged."""
    dated: dict[tuple[str, dt.date], Group] = {}
    for c in sorted(cands, key=lambda c: c.order):
        if c.date is not None:
            dated.setdefault((c.place_id, c.date), Group(c.place_id, [])).cands.append(c)
    last_dated: dict[str, dt.date] = {}
    first_group: dict[str, Group] = {}
    for (pid, day), g in sorted(dated.items(), key=lambda kv: kv[0][1]):
        last_dated[pid] = day
        first_group.setdefault(pid, g)
        g.key = (day, 0, min(rank.get(c.cue.type, 9) for c in g.cands), g.first.order)
    groups = list(dated.values())
    loose: dict[str, Group] = {}
    for c in sorted(cands, key=lambda c: c.order):
        if c.date is not None:
            continue
        returning = (c.cue.type in ("arrive", "head-to") and c.place_id in last_dated
                     and c.anchor is not None and c.anchor > last_dated[c.place_id])
        if c.place_id in first_group and not returning:
            first_group[c.place_id].cands.append(c)
            continue
        g = loose.setdefault(c.place_id, Group(c.place_id, []))
        g.cands.append(c)
    floats: list[Group] = []
    for g in loose.values():
        moves = [c for c in g.cands if c.cue.type in MOVES and c.anchor is not None]
        if moves:
            mv = min(moves, key=lambda c: c.order)
            g.key = (mv.anchor, 1, 0, mv.order)
            groups.append(g)
        else:
            g.floating = True
            floats.append(g)
    groups.sort(key=lambda g: g.key)
    if floats:
        place_floats(groups, sorted(floats, key=lambda g: g.first.order), rank, notes, places)
    merged: list[Group] = []
    seen: dict[str, int] = {}
    for g in groups:
        if merged and merged[-1].place_id == g.place_id:
            merged[-1].cands.extend(g.cands)
            continue
        if g.place_id in seen:
            # A second visit needs a return: going (back) there after leaving somewhere, or on a
            # later day than the first visit (the leaving may be told of a country, not a stop).
            left = any(c.cue.type == "depart" for x in merged[seen[g.place_id] + 1 :] for c in x.cands)
            first_day, day = day_of(merged[seen[g.place_id]]), day_of(g)
            later = first_day is not None and day is not None and day > first_day
            if not ((left or later) and main_type(g, rank) in ("arrive", "head-to")):
                merged[seen[g.place_id]].cands.extend(g.cands)
                notes.append(f"{places[g.place_id].name}: named again without a return, merged into its first stop")
                continue
            notes.append(f"{places[g.place_id].name}: appears twice — the text tells a return ({g.first.cue.event})")
        seen.setdefault(g.place_id, len(merged))
        merged.append(g)
    return merged


def day_of(g: Group) -> dt.date | None:
    return next((c.date for c in sorted(g.cands, key=lambda c: c.order) if c.date is not None), None)


def main_type(g: Group, rank: dict[str, int]) -> str:
    counts = Counter(c.cue.type for c in g.cands)
    # Ties go to the more telling event: being there ("arrived", "met") over leaving it,
    # and "met" over "was in".
    return max(counts, key=lambda t: (counts[t], t not in ("depart", "head-to"), t != "stay", -rank.get(t, 9)))


def place_floats(
    groups: list[Group], floats: list[Group], rank: dict[str, int], notes: list[str], places: Mapping[str, Place]
) -> None:
    """Put undated visits where the text puts them, else between the arrival and the departure.

    A visit told after an arrival in the same article ("arrived in Kyiv … visited the palace")
    follows that arrival; otherwise it goes before the departure that ends the stay (the first
    departure after the first arrival), or at the end.
    """
    def arrival(g: Group) -> bool:
        return main_type(g, rank) not in ("depart", "head-to")

    arrived = next((i for i, g in enumerate(groups) if arrival(g)), None)
    leave = None
    if arrived is not None:
        leave = next((i for i in range(arrived + 1, len(groups)) if main_type(groups[i], rank) == "depart"), None)
    default = len(groups) if leave is None else leave
    placed = []
    for f in floats:
        art = f.first.order[0]
        told = [i for i, g in enumerate(groups) if not g.floating and arrival(g)
                and any(c.order[0] == art and c.order < f.first.order for c in g.cands)]
        if told:
            at = max(told, key=lambda i: max(c.order for c in groups[i].cands if c.order[0] == art)) + 1
            while at < len(groups) and groups[at].floating:
                at += 1  # after the visits already placed there
            where = f"after {places[groups[max(told, key=lambda i: max(c.order for c in groups[i].cands if c.order[0] == art))].place_id].name}, as the text tells it"
        else:
            at = default
            where = "between the arrival and the departure" if leave is not None else "after the dated stops"
        groups.insert(at, f)
        if at <= default:
            default += 1
        placed.append(f"{places[f.place_id].name} ({where})")
    notes.append("undated visits: " + "; ".join(placed))


def make_stop(seq: int, g: Group, rank: dict[str, int], places: Mapping[str, Place], site_kinds: set[str]) -> Stop:
    """The stop a group of candidates makes: its commonest event, first date, evidence sentences."""
    main = main_type(g, rank)
    cands = sorted(g.cands, key=lambda c: c.order)
    event = next(c.cue.event for c in cands if c.cue.type == main)
    # A date stated for the place beats a borrowed one or a schedule's; those are approximate.
    dated = sorted((c for c in cands if c.date is not None), key=lambda c: (c.borrowed or c.cue.planned, c.order))
    date = dated[0].date if dated else None
    approximate = bool(dated) and (dated[0].borrowed or dated[0].cue.planned)
    # A borrowed date says the day, not the hour: "Thursday evening" was the country's move.
    time = next((c.expr.clock or c.expr.part_of_day for c in cands
                 if c.expr is not None and not c.borrowed and c.date == date
                 and (c.expr.clock or c.expr.part_of_day)), None)
    evidence: dict[tuple[str, int], Evidence] = {}
    for c in cands:
        lo, hi = sentence_spans(c.article)[c.sentence]
        evidence.setdefault((c.article.id, c.sentence),
                            Evidence(c.article.id, c.sentence, lo, hi, c.article.text[lo:hi].strip()))
    role = "site" if fold_key(places[g.place_id].kind) in site_kinds else "stop"
    return Stop(seq=seq, place_id=g.place_id, date=date, time=time, role=role, event=event,
                evidence=tuple(evidence.values()), approximate=approximate)
