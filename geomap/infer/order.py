"""Order: dates and told legs give a partial order; what stays undated goes where it adds least distance.

Visits (``visits.py``) go by day; a leg phrase ("X, the final stop", "deuxième étape") fixes its
visit's rank among the others; undated visits go where they add the least distance; home, where
the days allow, is first and last; a base told come back to each night follows each day trip out of it.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import replace
from itertools import accumulate, takewhile

from ..model import Place
from .dating import is_travel, told_at
from .detour import Legs, cheapest, cheapest_chain
from .lexicon import kind_in
from .samestop import Stood, merge_repeats, same_stop
from .sequence import LAST
from .visits import EVENTS, LEAVING, MOVES, Visit


def order(vs: Sequence[Visit], places: Mapping[str, Place], left: Collection[str] = ()) -> list[Visit]:
    """Home first and last where the days allow; the dated visits by day (a departure from where an
    earlier day stood first on its day, the others an article tells in its order, where they add least
    distance between the day before and the day after); the undated ones an article tells, in its
    order, where they add the least distance among the visits of that article's time; then the told
    legs in their rank, unless that breaks a stated day; a return home told on no day of its own last
    (``_homecoming``).
    ``left``: the places (stops or not) the traveller is told to leave, which a home start needs."""
    start, inner, end = _ends(vs)
    inner, back = _homecoming(inner, places)
    end = back + end
    legs = Legs(places)  # one ordering's searches share their measured distances
    route = start + _by_day([v for v in inner if v.date is not None], places, start[-1] if start else None, legs)
    route = _undated(route, len(start), [v for v in inner if v.date is None], places, legs)
    ranked = start + _by_rank(route[len(start):])
    if _in_day_order(ranked):  # a told leg never overrides a stated day ("last stop on Chinese soil")
        route = ranked
    return _left_home(_home_start(merge_repeats(_nightly(route + end, places), places), places, left))


def _nightly(route: list[Visit], places: Mapping[str, Place]) -> list[Visit]:
    """``route`` with the traveller back at a base told as come back to each night ("returning each night
    to X", "X est son port d'attache") after each stop made from it: one in its country on a day after its
    first visit's, followed by another stop that is not the base (a stop on the way in shares its day)."""
    for pid, told in {v.place_id: v.nightly for v in route if v.nightly}.items():
        base = places[pid]
        first = next(i for i, v in enumerate(route) if same_stop(places[v.place_id], base))
        since = route[first].date
        out = route[: first + 1]
        for v, after in zip(route[first + 1 :], route[first + 2 :] + [None]):
            out.append(v)
            here = places[v.place_id]
            if (after is not None and v.date is not None and (since is None or v.date > since) and not v.home
                    and here.country == base.country and not same_stop(here, base)
                    and not same_stop(places[after.place_id], base)):
                out.append(replace(route[first], date=v.date, approximate=True, event=EVENTS["return"], home="",
                                   rank=0, evidence=told, nightly=()))
        route = out
    return route


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


def _homecoming(inner: Sequence[Visit], places: Mapping[str, Place]) -> tuple[list[Visit], list[Visit]]:
    """``inner`` without the returns home told on no day of their own, and those returns: coming back,
    on no visit before, to a country the trip stops in nowhere else (a recap opening "le ministre est
    revenu à Avel vendredi") ends the trip, though the day its telling is read at is
    an early one (a narrative day only says "that day or later"). A base come back to mid-trip lies
    among the trip's other stops ("back in Santiago" after Temuco)."""
    towns: dict[str, set[str]] = {}  # the places stopped at in each country
    at: dict[str, list[Visit]] = {}  # the visits to each place (asking all of them per return grew as the square)
    for w in inner:
        at.setdefault(w.place_id, []).append(w)
        if (country := places[w.place_id].country) is not None:
            towns.setdefault(country, set()).add(w.place_id)

    def home(v: Visit) -> bool:
        here = places[v.place_id]
        return (v.event == EVENTS["return"] and v.approximate and here.country is not None
                and all(same_stop(here, places[pid]) for pid in towns[here.country])
                and not any(w is not v and (w.order < v.order or (w.date is not None and w.date < v.date))
                            for w in at[v.place_id]))

    back = [v for v in inner if home(v)]
    kept = set(map(id, back))
    rest = [v for v in inner if id(v) not in kept]
    # Come back no sooner than the last day of the trip before it.
    last = max((v.date for v in rest if v.date is not None), default=None)
    return rest, [replace(v, date=max(v.date, last)) if last and v.date else v for v in sorted(back, key=lambda v: v.order)]


def _undated(route: list[Visit], first: int, undated: Sequence[Visit], places: Mapping[str, Place],
             legs: Legs | None = None) -> list[Visit]:
    """``route`` with the undated visits put in after ``route[:first]``, each article's in its telling
    order, between the visits dated before and after the time its article is read at (anywhere when
    that is after a return that closes the dated trip)."""
    route = list(route)
    # Only undated visits go in, so the dated ones keep their order: the last one dated no later than
    # a time and the first one dated after it are found by bisection (a scan of the route per article
    # grew as the square of the story), then where they stand now by their tag (-1: undated).
    dated = [r for r in route if r.date is not None]
    days = [r.date for r in dated]
    home = bool(dated) and dated[-1].event == EVENTS["return"]  # the dated trip ends coming back
    earliest = list(accumulate(reversed(days), min))[::-1]  # earliest[j]: the first day from the j-th on
    latest = list(accumulate(days, max))  # latest[j]: the last day up to the j-th
    tags: list[int] = []
    n = 0
    for r in route:
        tags.append(n if r.date is not None else -1)
        n += r.date is not None
    for chain in map(_stay_first, _by_article(sorted(undated, key=lambda v: v.order))):
        lo, hi = first, len(route)
        when = chain[0].when
        # An article written after the trip came home looks back on all of it: its date says nothing of
        # where its undated stops lie (as a lower bound it put them after the way home). Without a
        # return told, a later article may tell where the trip went on to.
        if when is not None and not (home and when > max(days)):
            before = bisect_right(earliest, when) - 1  # the last dated no later than ``when``
            after = bisect_right(latest, when)  # the first dated after it
            if before >= 0:
                lo = max(lo, tags.index(before) + 1)
            if after < len(days):
                hi = min(hi, tags.index(after))
        at = cheapest_chain(route, chain, places, lo, max(lo, hi), None, legs)
        route[at:at] = chain
        tags[at:at] = [-1] * len(chain)
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


def _home_start(route: list[Visit], places: Mapping[str, Place], left: Collection[str]) -> list[Visit]:
    """A trip that ends coming back ("flew back to X", "a regagné X") to a place not stopped at before
    began there when the text tells it was left (from the town or a hub of it: "took off from X's
    airport"), even if that telling did not make it a stop, or when the story opens there on the trip's
    first day ("Aéroport de X, lundi matin." … "retour à X"; then the trip's last leg will do: "Rolan
    reached X on Friday, wrapping up his tour"). Leaving a country or region is not leaving its town
    ("quitter l'Irlande": GeoNames puts a country at its capital). Coming back alone says nothing of
    where the trip began ("back in Tokyo" after a stop in New Delhi on the way), nor does a place it is
    only told to have come from; nor when its first stop is left on a stated day ("left X on Monday")."""
    first = route[0] if route else None
    if first is None or len(route) < 2 or (first.event == EVENTS["depart"] and first.date is not None and not first.approximate):
        return route
    home = route[-1]
    if any(v.place_id == home.place_id for v in route[:-1]):
        return route
    if home.event == EVENTS["return"] and any(pid in places and not kind_in(places[pid].kind, "coarse_kinds")
                                              and same_stop(places[home.place_id], places[pid]) for pid in left):
        return [replace(home, date=None, approximate=False, event=EVENTS["depart"], home="start")] + route
    if home.opens is not None and (home.event == EVENTS["return"] or home.rank == LAST):
        return [replace(home, date=home.opens, approximate=False, event=EVENTS["depart"], home="start")] + route
    return route


def _left_home(route: list[Visit]) -> list[Visit]:
    """Home left on no stated day was left about the day the first stop was reached (an overnight
    flight makes it the day before, which no text says)."""
    if len(route) < 2 or route[0].home != "start" or route[0].date is not None or route[1].date is None:
        return route
    return [replace(route[0], date=route[1].date, approximate=True)] + route[1:]


def _in_day_order(route: Sequence[Visit]) -> bool:
    """No stated day has a later day, stated or borrowed, before it or an earlier one after it: a told leg
    may move a visit among the undated and the borrowed days, never across a stated day ("dernière étape"
    said of a stop stated on the first day, before the borrowed days of the stops after it)."""
    days = [v.date for v in route]
    before = list(accumulate((d or dt.date.min for d in days), max))  # before[i]: the latest day up to i
    after = list(accumulate((d or dt.date.max for d in reversed(days)), min))[::-1]  # the earliest from i on
    return all(before[i] <= v.date <= after[i] for i, v in enumerate(route) if v.date is not None and not v.approximate)


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


def _by_day(dated: Sequence[Visit], places: Mapping[str, Place], before: Visit | None,
            legs: Legs | None = None) -> list[Visit]:
    legs = legs or Legs(places)
    days: dict[dt.date, list[Visit]] = {}
    for v in sorted(dated, key=lambda v: (v.date, v.order)):
        days.setdefault(v.date, []).append(v)  # type: ignore[arg-type]
    route: list[Visit] = [before] if before is not None else []
    been = Stood(places)  # where the route stood before the day at hand
    been.add(v.place_id for v in route)
    order = sorted(days)
    for i, day in enumerate(order):
        block = days[day]
        nxt = days[order[i + 1]][0] if i + 1 < len(order) else None
        first = len(route)
        # The day's departures from where an earlier day stood first, shortest way; a place first met on
        # the day it is left was reached that day ("a cérémonie d'adieu at X's airport"): among the others.
        # So is a place left on a move its sentence tells reaching another of the day ("had arrived in Y on
        # 12 July from X"): the move's origin, whichever of the two the sentence names first.
        reached = {(e.article, e.sentence) for v in block for e in v.evidence if e.verb in MOVES}
        starts = [v for v in block if _left_only(v) and (not been or been.holds(v) or _origin_of(v, reached))]
        for v in starts:
            route.insert(cheapest(route, v, places, first, len(route), nxt, legs), v)
        lo = len(route)  # the others after the day's departures
        back = [v for v in block if v.event == "returned"]  # a return ends the day's moves, told in order
        begun = set(map(id, starts))
        rest = [v for v in block if id(v) not in begun and v.event != "returned"]
        # The day's visits, each article's in the order it tells them ("On Friday he flew to X. Later he
        # was in Y"), where they add the least distance. A narrative day ("the last day named before
        # it") means that day or later: such a visit goes among the stated ones only when an article
        # told no later than theirs tells it (a halt at Corin told before "samedi soir, le cortège
        # atteint Avel"); else after them. A place only headed to that day ("set off for X on Saturday",
        # "en route vers X") is reached after the day's others.
        heads = [v for v in rest if v.event == EVENTS["head"] and not _previewed(v)]
        # Told apart by identity: "v not in heads" compared visits field by field, a day's visits squared.
        # Both lists pick from ``rest`` by the visits' own fields: a visit equal to one picked is picked too.
        headed = set(map(id, heads))
        stated = [v for v in rest if not v.approximate and id(v) not in headed]
        last = max((v.day_at[0] for v in stated), default=-1)
        # (A place first met the day it is left is told with its day's events: not after them.) With no stop
        # stating the day there is nothing to go after: all of them in the order told, else the place left
        # went first, as if where the day began ("This is X airport" after the morning's Y and Z).
        later = [v for v in rest if stated and v.approximate and id(v) not in headed and v.order[0] > last
                 and not _left_only(v)]
        put = headed | set(map(id, later))
        _told_in_order(route, [v for v in rest if id(v) not in put], nxt, places, lo, legs)
        _told_in_order(route, later, nxt, places, len(route), legs)
        _told_in_order(route, heads, nxt, places, len(route), legs)
        route += sorted(back, key=lambda v: v.order)
        been.add(v.place_id for v in block)
    return route[1:] if before is not None else route


def _told_in_order(route: list[Visit], vs: Sequence[Visit], nxt: Visit | None, places: Mapping[str, Place],
                   lo: int, legs: Legs | None = None) -> None:
    """Put ``vs`` into ``route`` after ``lo``: each article's in its telling order (a live blog's by the
    hour of their entries), where they add the least distance before ``nxt`` (the next day's first)."""
    def at(v: Visit) -> tuple[int, int]:
        return v.order if v.approximate else v.day_at

    for chain in _by_article(sorted(vs, key=at), lambda v: at(v)[0]):
        clocks = [_posted(v) for v in chain]
        if all(clocks):  # a live blog's entries by the hour they were posted, newest first or not
            chain = [v for _, v in sorted(zip(clocks, chain), key=lambda cv: cv[0])]
        spot = cheapest_chain(route, chain, places, lo, len(route), nxt, legs)
        route[spot:spot] = chain


def _left_only(v: Visit) -> bool:
    """Told only as left: where the traveller was when the day began. A place also told reached or
    visited ("took her to X" … "took off from X airport") was left at the end of its stay."""
    return v.event == EVENTS["depart"] and all(e.verb == "depart" for e in v.evidence if is_travel(e))


def _origin_of(v: Visit, reached: Collection[tuple[int, int]]) -> bool:
    """``v`` is told left in a sentence that tells a move reaching a place (``reached``: their article and
    sentence)."""
    return any(e.verb == "depart" and (e.article, e.sentence) in reached for e in v.evidence)


def _posted(v: Visit) -> str:
    """The hour of the live blog's entry that first tells the visit ("" when not told in one)."""
    e = min(v.evidence, key=told_at) if v.evidence else None
    return e.told.clock or "" if e is not None and e.told is not None and e.told.relation == "entry" else ""


def _previewed(v: Visit) -> bool:
    """Its day is after the day the article first telling it was written: a preview's move ("demain, il
    quitte X pour Y"), so the day it was to be reached, not a set-off told after the fact."""
    first = min(v.evidence, key=told_at) if v.evidence else None
    return first is not None and first.now is not None and v.date is not None and first.now < v.date
