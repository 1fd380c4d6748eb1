"""Order: cues and dates give a partial order; what stays undated goes where it adds least distance.

Each mention says what the traveller did at its place: left it ("left X", "flew in from X", "the
trip began in X"), came back to it ("flew back to X", "de retour à X", a move to it after it was
left), or another move. A place left at the start and come back to at the end is the trip's home:
two visits, first and last. A return told after a move elsewhere, in the text or in time, makes
another visit. Visits go by day; a leg phrase ("X, the
final stop", "deuxième étape") fixes its visit's rank among the others; undated visits go where
they add the least distance.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import takewhile

from ..geocoders.base import haversine_km
from ..model import Place
from .dating import NOT_THIS_TRIP, narrative, reached, stated
from .detour import cheapest, cheapest_chain
from .evidence import VERB_TYPES, MentionEvidence
from .score import is_hub
from .sequence import LAST, Mark

#: A hub this close to the town stopped at just before or after it is that town's (gold stops are
#: matched within ~25 km; an airport is rarely further from its town's centre).
HUB_KM = 30.0
#: Verb types of a move to a place (a border crossing told with one after a move elsewhere is passed again).
MOVES = ("arrive", "head", "cross", "return")
#: The event a stop is told by, from its commonest verb type.
EVENTS = {"arrive": "arrived", "depart": "departed", "head": "headed to", "cross": "passed through",
          "return": "returned", "visit": "visited", "meet": "met", "stay": "stayed", "": "was there"}
LEAVING = (EVENTS["depart"], EVENTS["head"])  # a stay told "during" it came before these


@dataclass(frozen=True)
class Visit:
    """One stop to be: a place, the day it was reached (if told), and the mentions telling it."""

    place_id: str
    date: dt.date | None
    approximate: bool  # the day is the narrative's, not stated for this place
    event: str
    order: tuple[int, int]  # (article, offset) of its first telling
    evidence: tuple[MentionEvidence, ...]
    home: str = ""  # "start" or "end" of a trip that starts and ends at home
    when: dt.date | None = None  # undated: the time its article is read at (publication, else the story's latest day)
    rank: int = 0  # its leg's rank when a phrase tells it (1 first, …, LAST); 0 when untold
    within: bool = False  # told only as done "during the stay": before the stay's leaving
    day_at: tuple[int, int] = (0, 0)  # (article, offset) of the first telling that states its day


def _clean(e: MentionEvidence) -> bool:
    return not any(e.features.get(k) for k in NOT_THIS_TRIP)


def _visit(pid: str, ms: Sequence[MentionEvidence], home: str = "", marks: Mapping[tuple[int, int], Mark] | None = None
           ) -> Visit:
    told = [e for e in ms if _travel(e)] or [e for e in ms if _clean(e)] or list(ms)
    date, approximate = reached(told, ms, home)
    verbs = [e.verb for e in told if e.verb and e.verb != "plan"]
    first = min(told, key=_at)  # its first telling, not a passing mention
    # Its commonest verb; a return told first wins a tie ("flew back to X … left X the next day": returned).
    main = max(VERB_TYPES, key=lambda t: (verbs.count(t), t == first.verb == "return")) if verbs else ""
    when = date or next((e.now for e in told if e.now is not None), None)
    # "The tour began in X": X is the first leg.
    ranks = [m.rank or 1 for e in ms if (m := (marks or {}).get(_at(e))) is not None and (m.rank or m.began)]
    day_at = min((_at(e) for e in ms if date is not None and _clean(e) and stated(e) == date), default=_at(first))
    return Visit(pid, date, approximate, EVENTS.get(main, "was there"), (first.article, first.start), tuple(told), home,
                 when, min(ranks) if ranks else 0, all(e.whole_stay for e in told), day_at)


def _role(e: MentionEvidence, mark: Mark | None) -> MentionEvidence:
    """The mention with the verb type of what it tells the traveller did there: a cue's return, the
    origin of a move ("flew in from X", "flew home from X": X was left), else its verb's."""
    if mark is not None and mark.back:
        return replace(e, verb="return")
    if mark is not None and mark.origin and e.verb in ("arrive", "head", "cross", "return"):
        return replace(e, verb="depart")  # "flew home from X": X was left
    return e


def _day(e: MentionEvidence) -> dt.date | None:
    """The day a clean travel mention states (None for plans, other times, other people, no day)."""
    return stated(e) if _travel(e) else None


def _at(e: MentionEvidence) -> tuple[int, int]:
    return (e.article, e.start)


def _travel(e: MentionEvidence) -> bool:
    return bool(e.verb) and e.verb != "plan" and _clean(e)


def visits(evidence: Mapping[str, Sequence[MentionEvidence]], marks: Mapping[tuple[int, int], Mark] | None = None,
           crossings: Collection[str] = ()) -> list[Visit]:
    """A visit per kept place, and another each time the text brings the traveller back to it after
    being elsewhere: a later day with another place's day between, a return after leaving home, or a
    return told after the traveller's move to another place ("flew back to X", "de retour à X"); at a
    border crossing (``crossings``), any move to it told after one elsewhere: the way out passes it again.
    ``marks`` are the sequence cues of the mentions (sequence.marks)."""
    marks = _origin_legs(evidence, marks or {})
    evidence = {pid: [_role(e, marks.get(_at(e))) for e in ms] for pid, ms in evidence.items()}
    days = {pid: sorted({d for e in ms if (d := _day(e)) is not None}) for pid, ms in evidence.items()}
    every = sorted(d for ds in days.values() for d in ds)
    moves = sorted((_at(e), pid) for pid, ms in evidence.items() for e in ms if _travel(e))
    moved = sorted((d, pid) for pid, ms in evidence.items() for e in ms if _travel(e) and (d := _when(e)) is not None)
    out = []
    for pid, ms in evidence.items():
        own = days[pid]

        def elsewhere(a: dt.date, b: dt.date, own: list[dt.date] = own) -> bool:
            """Another place has a day strictly between ``a`` and ``b`` (counted by bisection)."""
            return (bisect_left(every, b) - bisect_right(every, a)) > (bisect_left(own, b) - bisect_right(own, a))

        groups = _split(ms, elsewhere)
        home = _home(ms, marks) if len(groups) == 1 else None
        ends = [_visit(pid, home[0], "start", marks), _visit(pid, home[1], "end", marks)] if home else []
        if ends and _holds_ends(ends, [d for other, ds in days.items() if other != pid for d in ds]):
            out += ends
            continue
        for g in groups:
            out += [_visit(pid, part, marks=marks) for part in _returns(pid, g, (moves, moved), pid in crossings)]
    return out


def _origin_legs(evidence: Mapping[str, Sequence[MentionEvidence]], marks: Mapping[tuple[int, int], Mark]
                 ) -> dict[tuple[int, int], Mark]:
    """``marks`` with the legs of the places told as where a move came from: none when the move ends
    elsewhere ("pulled into the station after a ride from X, ending a journey", "the last leg, from X
    to the capital"); left itself ("flew out of X, ending a tour"), X keeps its rank; left for home
    ("flew home from X", "rentré vendredi de X"), X is the trip's last leg."""
    out = dict(marks)
    for ms in evidence.values():
        for e in ms:
            m = marks.get(_at(e))
            if m is None or not m.origin:
                continue
            if e.verb == "return" and _clean(e):
                out[_at(e)] = replace(m, rank=LAST)
            elif m.rank and e.verb != "depart":
                out[_at(e)] = replace(m, rank=0)
    return out


def _home(ms: Sequence[MentionEvidence], marks: Mapping[tuple[int, int], Mark]
          ) -> tuple[list[MentionEvidence], list[MentionEvidence]] | None:
    """The mentions of the trip's start and of its end when both are told of one place, the start
    first: left ("quitté X", "from X", "began in X") and come back to ("rentré à X") or told as the
    last leg ("expected to land in X, ending the tour": a told plan counts, the return is the trip's)."""
    def told(e: MentionEvidence, what: str) -> bool:
        m = marks.get(_at(e))
        if m is None or any(e.features.get(k) for k in ("speech", "verb_other", "past_year", "old_date")):
            return False  # someone else's trip, or an earlier one
        return m.rank == LAST if what == "last" else (m.origin or m.began)

    left_at = [_at(e) for e in ms if e.verb == "depart" and _clean(e)]
    back = [e for e in ms if (e.verb == "return" and _clean(e)) or told(e, "last") or _back_to_left(e, left_at)]
    rest = [e for e in ms if e not in back]
    left = [e for e in rest if (e.verb == "depart" and _clean(e)) or told(e, "origin")]
    if back and left and min(map(_at, left)) < min(map(_at, back)):
        return rest, back
    return None


def _back_to_left(e: MentionEvidence, left_at: Sequence[tuple[int, int]]) -> bool:
    """A move to a place told left before it ("a quitté X" … "est arrivé à X"): the traveller came back."""
    return (e.verb in ("arrive", "head") and _clean(e) and not e.features.get("pluperfect")
            and any(at < _at(e) for at in left_at))


def _holds_ends(ends: Sequence[Visit], others: Sequence[dt.date]) -> bool:
    """Home starts no later and ends no earlier than every other place's stated day; else the place is
    a base, left and come back to mid-trip: a visit per return (_returns), not two."""
    start, end = ends
    return not others or ((start.date is None or start.date <= min(others))
                          and (end.date is None or end.date >= max(others)))


def _when(e: MentionEvidence) -> dt.date | None:
    """The day a mention is told of: the one it states, else the narrative's."""
    return stated(e) or narrative(e)


def _returns(pid: str, ms: list[MentionEvidence],
             moves: tuple[Sequence[tuple[tuple[int, int], str]], Sequence[tuple[dt.date, str]]],
             crossing: bool = False) -> list[list[MentionEvidence]]:
    """A stay split at each return verb told after a move to another place since the place's last
    telling, in the text or in time (a live blog's entries need not follow the clock): the traveller
    came back (the day's excursion ends where it began); so does a move to a place its stay was told
    left ("Arrivé de Londres" … "a repris l'avion pour Londres"). At a border ``crossing`` any move
    to it counts, unless it states a day already told (the entry told again)."""
    parts: list[list[MentionEvidence]] = [[]]
    last: tuple[int, int] | None = None
    since: dt.date | None = None
    told, timed = moves
    for e in sorted(ms, key=_at):
        again = (e.verb == "return" or (crossing and e.verb in MOVES and not _retold(e, parts[-1]))
                 or _back_to_left(e, [_at(m) for m in parts[-1] if m.verb == "depart" and _clean(m)]))
        # A part told with no verb ("farther still from X") is no visit of its own: it joins the next.
        # A plan ("expected in X tonight") or a move of another subject (the convoy's) tells a stay.
        if (again and _clean(e) and last is not None and any(m.verb for m in parts[-1])
                and (_moved_between(pid, last, _at(e), told) or _moved_since(pid, since, _when(e), timed))):
            parts.append([])
        parts[-1].append(e)
        if _travel(e) or last is None:
            last, since = _at(e), _when(e)
    return parts


def _retold(e: MentionEvidence, part: Sequence[MentionEvidence]) -> bool:
    """``e`` states a day no later than one its part states: the same passage told again."""
    day, days = stated(e), [d for m in part if (d := stated(m)) is not None]
    return day is not None and bool(days) and day <= max(days)


def _moved_between(pid: str, a: tuple[int, int], b: tuple[int, int], moves: Sequence[tuple[tuple[int, int], str]]
                   ) -> bool:
    lo, hi = bisect_right(moves, (a, "\uffff")), bisect_left(moves, (b, ""))
    return any(other != pid for _, other in moves[lo:hi])


def _moved_since(pid: str, a: dt.date | None, b: dt.date | None, moved: Sequence[tuple[dt.date, str]]) -> bool:
    """Another place was moved to on a day strictly between ``a`` and ``b``."""
    if a is None or b is None:
        return False
    lo, hi = bisect_right(moved, (a, "\uffff")), bisect_left(moved, (b, ""))
    return any(other != pid for _, other in moved[lo:hi])


def _split(ms: Sequence[MentionEvidence], elsewhere: Callable[[dt.date, dt.date], bool]) -> list[list[MentionEvidence]]:
    """Mentions grouped by stay: a new stay starts at a day with another place's day before it."""
    dated = sorted((e for e in ms if _day(e) is not None), key=lambda e: (_day(e), e.article, e.start))
    groups: list[list[MentionEvidence]] = [[]]
    last: dt.date | None = None
    for e in dated:
        day = _day(e)
        if last is not None and day is not None and elsewhere(last, day):
            groups.append([])
        groups[-1].append(e)
        last = day
    rest = [e for e in ms if _day(e) is None]
    groups[0] += rest
    return groups


def order(vs: Sequence[Visit], places: Mapping[str, Place]) -> list[Visit]:
    """Home first and last where the days allow; the dated visits by day (a departure first on its
    day, the others an article tells in its order, where they add least distance between the day
    before and the day after); the
    undated ones an article tells, in its order, where they add the least distance among the visits
    of that article's time; then the told legs in their rank, unless that breaks a stated day."""
    start, inner, end = _ends(vs)
    route = start + _by_day([v for v in inner if v.date is not None], places, start[-1] if start else None)
    route = _undated(route, len(start), [v for v in inner if v.date is None], places)
    ranked = start + _by_rank(route[len(start):])
    if _in_day_order(ranked):  # a told leg never overrides a stated day ("last stop on Chinese soil")
        route = ranked
    return _left_home(_home_start(_merge_repeats(route + end, places)))


def _ends(vs: Sequence[Visit]) -> tuple[list[Visit], list[Visit], list[Visit]]:
    """The home start, the visits between and the home end. Home holds both ends unless a day says
    otherwise: then it is a base, left and come back to mid-trip."""
    days = [v.date for v in vs if v.date is not None and not v.home]

    def fits(v: Visit) -> bool:
        if v.date is None or not days:
            return True
        return v.date <= min(days) if v.home == "start" else v.date >= max(days)

    based = {v.place_id for v in vs if v.home and not fits(v)}
    start = [v for v in vs if v.home == "start" and v.place_id not in based]
    end = [v for v in vs if v.home == "end" and v.place_id not in based]
    return start, [v for v in vs if v not in start and v not in end], end


def _undated(route: list[Visit], first: int, undated: Sequence[Visit], places: Mapping[str, Place]) -> list[Visit]:
    """``route`` with the undated visits put in after ``route[:first]``, each article's in its telling
    order, between the visits dated before and after the time its article is read at."""
    route = list(route)
    for chain in map(_stay_first, _by_article(sorted(undated, key=lambda v: v.order))):
        lo, hi = first, len(route)
        when = chain[0].when
        if when is not None:
            lo = max([lo] + [i + 1 for i, r in enumerate(route) if r.date is not None and r.date <= when])
            hi = min([hi] + [i for i, r in enumerate(route) if r.date is not None and r.date > when])
        at = cheapest_chain(route, chain, places, lo, max(lo, hi))
        route[at:at] = chain
    return route


def _by_article(vs: Iterable[Visit], article: Callable[[Visit], int] = lambda v: v.order[0]) -> list[list[Visit]]:
    """``vs`` grouped by the article that first tells each (or by ``article``), groups and their visits
    in the order met."""
    chains: dict[int, list[Visit]] = {}
    for v in vs:
        chains.setdefault(article(v), []).append(v)
    return list(chains.values())


def _stay_first(chain: list[Visit]) -> list[Visit]:
    """An article's undated visits with those told "during the stay" before its first leaving: an
    article that opens on the departure and then looks back tells the stay after its end."""
    after = chain[next((i for i, v in enumerate(chain) if v.event in LEAVING and not v.within), len(chain)):]
    return chain[: len(chain) - len(after)] + [v for v in after if v.within] + [v for v in after if not v.within]


def _home_start(route: list[Visit]) -> list[Visit]:
    """A trip that ends coming back ("flew back to X", "a regagné X") to a place not stopped at before
    began there, unless the text tells where it began: its first stop left on a stated day ("left X
    on Monday"). A place it is only told to have come from ("flew in from X, where he spent the
    weekend") was a stop on the way, after home."""
    first = route[0] if route else None
    if (first is None or len(route) < 2 or route[-1].event != EVENTS["return"]
            or (first.event == EVENTS["depart"] and first.date is not None and not first.approximate)):
        return route
    home = route[-1]
    if any(v.place_id == home.place_id for v in route[:-1]):
        return route
    return [replace(home, date=None, approximate=False, event=EVENTS["depart"], home="start")] + route


def _left_home(route: list[Visit]) -> list[Visit]:
    """Home left on no stated day was left about the day the first stop was reached (an overnight
    flight makes it the day before, which no text says)."""
    if len(route) < 2 or route[0].home != "start" or route[0].date is not None or route[1].date is None:
        return route
    return [replace(route[0], date=route[1].date, approximate=True)] + route[1:]


def _in_day_order(route: Sequence[Visit]) -> bool:
    days = [v.date for v in route if v.date is not None and not v.approximate]
    return all(a <= b for a, b in zip(days, days[1:]))


def _by_rank(route: list[Visit]) -> list[Visit]:
    """The told legs in their rank: the first leg leads, the last one closes, the others hold the
    slots their visits took and take them in rank order."""
    origin = list(takewhile(lambda v: v.event == "departed" and not v.rank, route))  # left, not reached: before any leg
    closing = list(takewhile(lambda v: v.event == "returned" and not v.rank, reversed(route[len(origin):])))[::-1]
    rest = route[len(origin) : len(route) - len(closing)]
    first = [v for v in rest if v.rank == 1]
    last = [v for v in rest if v.rank == LAST]
    middle = [v for v in rest if v.rank not in (1, LAST)]
    slots = [i for i, v in enumerate(middle) if v.rank]
    for i, v in zip(slots, sorted((middle[i] for i in slots), key=lambda v: v.rank)):
        middle[i] = v
    return origin + first + middle + last + closing


def _merge_repeats(route: list[Visit], places: Mapping[str, Place]) -> list[Visit]:
    """One visit where two of the same place follow each other (no move lies between them), or a hub
    and the town it serves (within HUB_KM): landing at a town's airport is arriving in the town."""
    out: list[Visit] = []
    for v in route:
        if out and _same_stop(places[out[-1].place_id], places[v.place_id]):
            a, b = out[-1], v
            keep = b if is_hub(places[a.place_id]) and not is_hub(places[b.place_id]) else a
            out[-1] = replace(keep, evidence=a.evidence + b.evidence, date=a.date or b.date,
                              approximate=a.approximate if a.date else b.approximate)
            continue
        out.append(v)
    return out


def _same_stop(a: Place, b: Place) -> bool:
    if a.id == b.id:
        return True
    return (is_hub(a) != is_hub(b)) and haversine_km(a.latlon, b.latlon) <= HUB_KM


def _by_day(dated: Sequence[Visit], places: Mapping[str, Place], before: Visit | None) -> list[Visit]:
    days: dict[dt.date, list[Visit]] = {}
    for v in sorted(dated, key=lambda v: (v.date, v.order)):
        days.setdefault(v.date, []).append(v)  # type: ignore[arg-type]
    route: list[Visit] = [before] if before is not None else []
    order = sorted(days)
    for i, day in enumerate(order):
        block = days[day]
        nxt = days[order[i + 1]][0] if i + 1 < len(order) else None
        tail = [nxt] if nxt is not None else []
        first = len(route)
        for v in (v for v in block if _left_only(v)):  # the day's departures first, shortest way
            route.insert(cheapest(route + tail, v, places, first, len(route)), v)
        lo = len(route)  # the others after the day's departures
        back = [v for v in block if v.event == "returned"]  # a return ends the day's moves, told in order
        rest = [v for v in block if not _left_only(v) and v.event != "returned"]
        # Stated for the day: an article's in the order it tells that day ("On Friday he flew to X.
        # Later on Friday he was in Y"), each article's where they add the least distance.
        for chain in _by_article(sorted((v for v in rest if not v.approximate), key=lambda v: v.day_at),
                                 lambda v: v.day_at[0]):
            at = cheapest_chain(route + tail, chain, places, lo, len(route))
            route[at:at] = chain
        # A narrative day ("the last day named before it") means that day or later: after the stated
        # ones; an article's visits of that day in the order it tells them.
        lo = len(route) if any(v.approximate for v in rest) else lo
        for chain in _by_article(v for v in rest if v.approximate):
            clocks = [_posted(v) for v in chain]
            if all(clocks):  # a live blog's entries by the hour they were posted, newest first or not
                chain = [v for _, v in sorted(zip(clocks, chain), key=lambda cv: cv[0])]
            at = cheapest_chain(route + tail, chain, places, lo, len(route))
            route[at:at] = chain
        route += sorted(back, key=lambda v: v.order)
    return route[1:] if before is not None else route


def _left_only(v: Visit) -> bool:
    """Told only as left: where the traveller was when the day began. A place also told reached or
    visited ("took her to X" … "took off from X airport") was left at the end of its stay."""
    return v.event == EVENTS["depart"] and all(e.verb == "depart" for e in v.evidence if _travel(e))


def _posted(v: Visit) -> str:
    """The hour of the live blog's entry that first tells the visit ("" when not told in one)."""
    e = min(v.evidence, key=_at) if v.evidence else None
    return e.told.clock or "" if e is not None and e.told is not None and e.told.relation == "entry" else ""
