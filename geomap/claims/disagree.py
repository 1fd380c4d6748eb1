"""Where articles disagree: one stop given different days, parts of day or hours; one distance, two figures."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..model import Article, Claim, Disagreement, Evidence, Journey, Mention, Stop
from ..timexpr import TimeExpr
from .lexicon import data, tolerance
from .times import evidence_times

# A date read from a bare weekday is only as good as the article's own date: below this
# confidence (timexpr's scale) it is not set against another article's date.
_DATE_CONFIDENCE = 0.8
# Two accounts of one stop put it a day or two apart at most; further apart, it is another event.
_NEAR_DAYS = 2


@dataclass(frozen=True)
class _When:
    evidence: Evidence
    expr: TimeExpr


def _compatible(a: str, b: str) -> bool:
    pairs = {frozenset(p) for p in data()["compatible_parts"]}
    return a == b or frozenset((a, b)) in pairs


def _when(evidence: Evidence, parsed: Sequence[TimeExpr], mentions: Sequence[Mention], stop: Stop) -> _When | None:
    """The one time expression the evidence gives for the stop (of ``parsed``, those its text holds),
    or None if none or unclear.

    When the quote names the stop's place, the expression must sit nearer that name than any
    other place's ("met the mayor in Avel on Thursday while returning from Corin" dates
    Avel, not Corin); a date days away from the stop's is another event (the return).
    """
    exprs = [e for e in parsed
             if e.relation not in ("year", "past-year", "approximate") and (e.date or e.part_of_day or e.clock)]
    inside = [m for m in mentions if m.article_id == evidence.article_id and m.place_id
              and evidence.start <= m.start < evidence.end]
    own = [m.start - evidence.start for m in inside if m.place_id == stop.place_id]
    other = [m.start - evidence.start for m in inside if m.place_id != stop.place_id]
    if own:
        exprs = [min(exprs, key=lambda e: min(abs(e.start - a) for a in own))] if exprs else []
        if exprs and other and min(abs(exprs[0].start - a) for a in other) < min(abs(exprs[0].start - a) for a in own):
            return None
    elif len(exprs) > 1:
        return None  # several times, none tied to the stop's name
    if not exprs:
        return None
    e = exprs[0]
    if e.date and stop.date and abs((e.date - stop.date).days) > _NEAR_DAYS:
        return None
    return _When(evidence, e)


def _conflict(a: TimeExpr, b: TimeExpr) -> tuple[str, str, str] | None:
    """(kind, value a, value b) when two expressions of one stop contradict each other."""
    if a.date and b.date and a.date != b.date:
        if min(a.confidence, b.confidence) >= _DATE_CONFIDENCE and abs((a.date - b.date).days) <= _NEAR_DAYS:
            return "date", _value(a), _value(b)
        return None
    if a.clock and b.clock and a.clock != b.clock:
        return "time", _value(a), _value(b)
    if a.part_of_day and b.part_of_day and not _compatible(a.part_of_day, b.part_of_day):
        return "part of day", _value(a), _value(b)
    return None


def _value(e: TimeExpr) -> str:
    """The resolved date (if any) and the words as written: "2023-09-10 · dimanche soir"."""
    return " · ".join(p for p in (e.date.isoformat() if e.date else "", e.surface) if p)


def value_parts(value: str) -> tuple[str, str]:
    """(resolved date or "", the article's words) of a time disagreement's value."""
    date, sep, words = value.partition(" · ")
    return (date, words) if sep else ("", value)


def stop_disagreements(
    journey: Journey | None, articles: Sequence[Article], mentions: Sequence[Mention], jobs: int = 1
) -> list[Disagreement]:
    """Per stop, the first pair of articles that give it contradicting days or hours (the evidence
    sentences' time expressions parsed by ``jobs`` processes, when the article cache lacks them)."""
    if journey is None:
        return []
    # Each evidence looks only at its own article's mentions, not the story's (linear in size).
    per_article: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        per_article[m.article_id].append(m)
    parsed = evidence_times(journey.stops, articles, jobs)
    out: list[Disagreement] = []
    for stop in journey.stops:
        found = [_when(ev, times, per_article.get(ev.article_id, []), stop)
                 for ev in stop.evidence if (times := parsed.get((ev.article_id, ev.text))) is not None]
        seen = [when for when in found if when is not None]
        reported: set[tuple[str, str]] = set()
        for i, a in enumerate(seen):
            for b in seen[i + 1 :]:
                if a.evidence.article_id == b.evidence.article_id:
                    continue  # one article naming two moments is narration, not disagreement
                found = _conflict(a.expr, b.expr)
                if found is None or (found[0], found[2]) in reported:
                    continue
                reported.add((found[0], found[2]))
                out.append(Disagreement(found[0], stop.place_id, stop.seq, a.evidence, found[1], b.evidence, found[2]))
    return out


def distance_disagreements(claims: Sequence[Claim], articles: Mapping[str, Article]) -> list[Disagreement]:
    """Two articles giving the same pair of places figures that no shared distance fits."""
    out: list[Disagreement] = []
    # Only claims about the same pair of places are compared: grouped first, not all pairs.
    same_pair: dict[frozenset, list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        if c.place_id and c.anchor_id:
            same_pair[frozenset((c.place_id, c.anchor_id))].append(i)
    for i, a in enumerate(claims):
        if not (a.place_id and a.anchor_id):
            continue
        group = same_pair[frozenset((a.place_id, a.anchor_id))]
        for b in (claims[j] for j in group[bisect_right(group, i):]):
            if b.article_id == a.article_id:
                continue
            lo_a, hi_a = _range(a)
            lo_b, hi_b = _range(b)
            if hi_a < lo_b or hi_b < lo_a:
                out.append(Disagreement("distance", a.place_id, None, _evidence(a, articles), a.figure,
                                       _evidence(b, articles), b.figure))
    return out


def _range(c: Claim) -> tuple[float, float]:
    below, above = tolerance(c.hedge)
    return c.claimed_km * (1 - below / 100), c.claimed_km * (1 + above / 100)


def _evidence(c: Claim, articles: Mapping[str, Article]) -> Evidence:
    """The claim's sentence, as evidence whose offsets are that sentence's."""
    article = articles.get(c.article_id)
    if article is not None and 0 <= c.sentence < len(article.sentences):
        s = article.sentences[c.sentence]
        return Evidence(c.article_id, c.sentence, s.start, s.end, article.text[s.start : s.end])
    return Evidence(c.article_id, c.sentence, c.start, c.end, c.quote)
