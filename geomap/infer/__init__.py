"""Infer the journey (dated stops in travel order) from the articles' text and place mentions."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace

from ..model import Article, Journey, Mention, Place
from ..textnorm import fold, fold_key
from ..timexpr import cue_data, parse_time_expressions
from ..timexpr import TimeExpr
from .cues import MOVES, find_cues, lexicon, name_tokens, people_of, quote, sentence_spans, traveller_of
from .dating import borrow_dates, is_coarse
from .diff import diff_itineraries
from .hubs import hubs_to_cities
from .locative import (arrival_day, clause_span, destination_after, listed_after, locative_cues, plan_date,
                       planned_day)
from .order import Cand, Cue, make_stop, nearest_expr, order_stops

__all__ = ["diff_itineraries", "infer_journey"]

#: At most this many characters between a country a cue binds and the town that follows it.
FINER_GAP = 12


def _story_time(articles: Sequence[Article]) -> tuple[int | None, dt.date | None]:
    """The story's default year and the date an article without one is read from.

    The default year is the commonest publication year, else the commonest year of explicit
    dates, else the latest year named ("en 2019" … "en 2023": news looks back, not forward).
    The story anchor is the latest publication date or explicit date anywhere in the story.
    """
    known = [a.date for a in articles if a.date]
    years: Counter[int] = Counter(d.year for d in known)
    named: list[int] = []
    if not years:
        for a in articles:
            for x in parse_time_expressions(a.text, anchor=None, language=a.language):
                if x.relation == "explicit" and x.date:
                    years[x.date.year] += 1
                elif x.year:
                    named.append(x.year)
    default_year = max(years, key=lambda y: (years[y], y)) if years else max(named, default=None)
    explicit = [
        x.date
        for a in articles
        for x in parse_time_expressions(a.text, anchor=a.date, language=a.language, default_year=default_year)
        if x.relation == "explicit" and x.date and x.confidence >= 0.9
    ]
    dates = known + explicit
    return default_year, (max(dates) if dates else None)


def infer_journey(
    articles: Sequence[Article],
    mentions: Sequence[Mention],
    places: Mapping[str, Place],
    *,
    kinds: Collection[str] | None = None,
    traveller: str | None = None,
) -> Journey:
    """The journey the text tells: travel cues bound to place mentions, dated and ordered.

    ``kinds`` are the place kinds shown as sites (default: ``site_kinds`` in cues.yaml);
    ``traveller`` forces whose journey it is (default: the most frequent subject of travel cues).
    ``Journey.notes`` says what was decided and why.
    """
    data = cue_data()
    site_kinds = {fold_key(k) for k in (kinds if kinds is not None else data["site_kinds"])}
    coarse_kinds = {fold_key(k) for k in data["coarse_kinds"]}
    rank = {str(k): int(v) for k, v in data["type_rank"].items()}
    notes: list[str] = []
    default_year, story_anchor = _story_time(articles)
    undated = [a.id for a in articles if a.date is None]
    if undated and story_anchor:
        notes.append(f"no publication date for {', '.join(undated)}: their weekdays are counted back from "
                     f"{story_anchor.isoformat()}, the latest date the story gives")

    by_article: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.place_id is not None and m.place_id in places:
            by_article.setdefault(m.article_id, []).append(m)

    cands: list[tuple[Cand, Mention]] = []
    all_cues: list[Cue] = []
    places_at: list[tuple[Cue, Mention, int, int, tuple[int, int]]] = []  # locative: (cue, m, ai, si, span)
    exprs_of: dict[int, list] = {}
    for ai, article in enumerate(articles):
        lex = lexicon(article.language)
        anchor = article.date or story_anchor
        exprs = parse_time_expressions(article.text, anchor=anchor, language=article.language,
                                       default_year=default_year)
        exprs_of[ai] = exprs
        ments = sorted(by_article.get(article.id, []), key=lambda m: m.start)
        skip = [(m.start, m.end) for m in ments] + [(x.start, x.end) for x in exprs]
        for si, (lo, hi) in enumerate(sentence_spans(article)):
            cues = find_cues(article, lo, hi, skip, lex)
            all_cues.extend(cues)
            bound: dict[int, tuple[Cue, Mention]] = {}
            for cue in cues:
                after = [m for m in ments if m.start >= cue.start and m.end > cue.end and m.start < hi
                         and m.start - cue.end <= cue.window]
                if after:
                    m = after[0]
                    # The closest cue wins a place named after two cues.
                    if m.start not in bound or bound[m.start][0].start < cue.start:
                        bound[m.start] = (cue, m)
            for cue, m in list(bound.values()):
                finer = _finer_after(article.text, m, ments, hi, places, coarse_kinds)
                if finer is not None and finer.start not in bound:
                    bound[finer.start] = (cue, finer)  # "entré en Chine par Dandong": Dandong too
                if cue.type == "depart" and not cue.planned:
                    # "quitté X mercredi pour Y", "flew from X to Y": Y is reached, told by the same sentence.
                    dest = destination_after(article.text, m, ments, hi, exprs, lex)
                    if dest is not None:
                        bound.setdefault(dest.start, (replace(cue, type="arrive", event="arrived"), dest))
                if cue.type != "depart":
                    # "heads north, to Erbil, Mosul and Qaraqosh": every listed place, in order.
                    for nxt in listed_after(article.text, m, ments, hi, lex):
                        bound.setdefault(nxt.start, (cue, nxt))
            for cue, m in bound.values():
                span = (min(cue.start, m.start), max(cue.end, m.end))
                expr = nearest_expr(exprs, lo, hi, span)
                if cue.planned:
                    expr = plan_date(expr, anchor)
                elif cue.type in ("head-to", "arrive"):
                    # "en route vers X, où il arrive le jour même": reached, on that clause's day.
                    reached = arrival_day(article.text, m.end, hi, exprs, lex)
                    if reached is not None:
                        cue, expr = replace(cue, type="arrive", event="arrived"), reached
                if cue.type == "head-to" and not cue.planned:
                    # "en route vers X, où il doit rencontrer samedi …": the destination's planned day.
                    planned = planned_day(article.text, m.end, hi, exprs, lex)
                    if planned is not None:
                        cue, expr = replace(cue, planned=True), plan_date(planned, anchor)
                cands.append((Cand(m.place_id or "", (ai, m.start), article, si, cue, expr, anchor), m))
            taken = {m.start for _, m in bound.values()}
            for cue, m in locative_cues(article, lo, hi, [m for m in ments if m.start not in taken
                                                          and not is_coarse(places[m.place_id or ""], coarse_kinds)],
                                        exprs, skip, lex, anchor):
                places_at.append((cue, m, ai, si, (lo, hi)))

    who = traveller_of(all_cues, traveller)
    if who:
        notes.append(f"traveller: {who[0]} (subject of {who[1]} travel cues)")
    for cue, m, ai, si, (lo, hi) in places_at:
        # A city where the traveller's own doings are told with a day, without a motion verb.
        if who and (not cue.subjects or any(name_tokens(s) & name_tokens(who[0]) for s in cue.subjects)):
            article = articles[ai]
            expr = nearest_expr(exprs_of[ai], lo, hi, (cue.start, m.end))
            cands.append((Cand(m.place_id or "", (ai, m.start), article, si, cue, expr,
                               article.date or story_anchor), m))
    kept: list[Cand] = []
    people = people_of(all_cues)
    for cand, m in cands:
        if cand.cue.lead and not any(name_tokens(s) & people for s in cand.cue.subjects):
            # "Le Kremlin", "Peu après son arrivée": a clause's opening word, not a person.
            cand = replace(cand, cue=replace(cand.cue, subjects=(), lead=False))
        reason = _rejection(cand, m, who[0] if who else None, exprs_of[cand.order[0]])
        name = places[cand.place_id].name
        if reason:
            notes.append(f"not a stop: {name} — {reason}: “{quote(cand.article.text, cand.cue.start, m.end)}”")
        else:
            kept.append(cand)
    # A schedule counts only in an article written during the trip: one that tells a move made.
    told = {c.article.id for c in kept if not c.cue.planned and c.cue.type in MOVES | {"visit", "meet"}}
    for c in [c for c in kept if c.cue.planned and c.article.id not in told]:
        kept.remove(c)
        notes.append(f"not a stop: {places[c.place_id].name} — a plan in an article that tells no move made: "
                     f"“{quote(c.article.text, c.cue.start, c.order[1] + 20)}”")

    hub_kinds = {fold_key(k) for k in data["hub_kinds"]}
    kept = hubs_to_cities(kept, by_article, places, hub_kinds, coarse_kinds, notes)
    coarse = [c for c in kept if is_coarse(places[c.place_id], coarse_kinds)]
    fine = [c for c in kept if c not in coarse]
    # A country or region is a stop only in a story told at that scale: any finer stop
    # (in any country) makes it a mention, and its dated moves date the places in it.
    any_fine = any(places[c.place_id].has_coords for c in fine)
    if any_fine:
        fine = borrow_dates(fine, coarse, exprs_of, places, notes)
    else:
        fine = borrow_dates(kept, [], exprs_of, places, notes)
    final = []
    for c in (fine if any_fine else []) + (coarse if any_fine else fine):
        p = places[c.place_id]
        if any_fine and is_coarse(p, coarse_kinds):
            notes.append(f"not a stop: {p.name} — a {p.kind}; the story has finer stops")
        elif not p.has_coords:
            notes.append(f"not a stop: {p.name} — no coordinates")
        else:
            final.append(c)

    rejected = {n.split(" — ")[0].removeprefix("not a stop: ") for n in notes if n.startswith("not a stop: ")}
    for p in dict.fromkeys(places[c.place_id].name for c in final if places[c.place_id].name in rejected):
        own = next(c for c in final if places[c.place_id].name == p)
        notes.append(f"kept {p}: the traveller's own cue supports it: “{quote(own.article.text, own.cue.start, own.order[1] + len(p))}”")
    stops = order_stops(final, rank, notes, places)
    out: list[Stop] = []
    for i, g in enumerate(stops, start=1):
        out.append(make_stop(i, g, rank, places, site_kinds))
        first = out[-1]
        when = first.date.isoformat() if first.date else "undated"
        notes.append(f"stop {i}: {places[g.place_id].name}, {when}, {first.event} "
                     f"({len(first.evidence)} sentence{'s' if len(first.evidence) != 1 else ''})")
    return Journey(stops=tuple(out), origin="inferred", notes=tuple(dict.fromkeys(notes)))


def _rejection(c: Cand, m: Mention, traveller: str | None, exprs: list[TimeExpr]) -> str | None:
    text = c.article.text
    lex = lexicon(c.article.language)
    if c.cue.possible:
        return "a plan or a possibility, not a trip made"
    # A plan told afterwards ("was expected there later that day") may fall just before the anchor.
    if c.cue.planned and (c.date is None or c.anchor is None
                          or not -lex["plan_days"] <= (c.date - c.anchor).days <= lex["plan_days"]):
        return "a plan, not a trip made (no day of its own in the next days)"
    if c.cue.earlier:
        return "an earlier trip, told for comparison"
    # Only being somewhere: "son train avait traversé la rivière", "he had boarded the train at X"
    # tell this trip's earlier moves; "avait visité X", "had travelled to X" tell an earlier trip.
    if c.cue.pluperfect and c.cue.type not in MOVES - {"arrive"}:
        return "an earlier event, told in the pluperfect"
    if c.cue.relative == "whose":
        return "someone else's trip, told in a relative clause"
    if traveller and c.cue.subjects:
        mine = name_tokens(traveller)
        # "Poutine a rencontré Kim à Vladivostok": the traveller named between the cue and the
        # place; a meeting is the host's and the guest's alike, so for one the sentence will do.
        lo, hi = (c.cue.end, m.start) if c.cue.type != "meet" else sentence_spans(c.article)[c.sentence]
        named = name_tokens(" ".join(w for w in text[lo:hi].split() if w[:1].isupper()))
        if not any(name_tokens(s) & mine for s in c.cue.subjects) and not named & mine:
            return f"{' and '.join(c.cue.subjects)}'s trip, not {traveller}'s"
    after = fold(text[m.end : m.end + 40]).text
    before = fold(text[max(0, m.start - 30) : m.start]).text
    if lex["gov_after"].match(after) or lex["gov_before"].search(before):
        return "named for its government"
    if c.expr is not None and c.expr.is_past_year:
        return f"a past event ({c.expr.surface})"
    # Only the cue's own clause: "arrived in Hanoi on Tuesday, sixty years after his grandfather"
    # is this trip; "first meeting" says nothing of time by itself.
    span = (min(c.cue.start, m.start), max(c.cue.end, m.end))
    lo, hi = clause_span(text, sentence_spans(c.article)[c.sentence], span, lex)
    if lex["past"].search(fold(text[lo:hi]).text):
        return "a past event"
    past = next((x for x in exprs if x.is_past_year and lo <= x.start and x.end <= hi), None)
    if past is not None:
        return f"a past event ({past.surface})"
    return None


def _finer_after(text: str, m: Mention, ments: Sequence[Mention], hi: int, places: Mapping[str, Place],
                 coarse_kinds: Collection[str]) -> Mention | None:
    """The finer place named right after a country or region a cue binds ("into Poland at Rzeszów")."""
    if m.place_id is None or not is_coarse(places[m.place_id], coarse_kinds):
        return None
    nxt = next((n for n in ments if n.start >= m.end and n.start < hi), None)
    if nxt is None or nxt.place_id is None or is_coarse(places[nxt.place_id], coarse_kinds):
        return None
    gap = text[m.end : nxt.start]
    # Only a few words, inside one clause: "par Dandong", ", at Rzeszów", not "… where Putin met him in".
    if len(gap) > FINER_GAP or any(ch in gap for ch in ".;:!?()«»\n"):
        return None
    return nxt
