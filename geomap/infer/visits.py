"""Visits: what the traveller did at each place, and a place's mentions shared out into stays.

Each mention says what the traveller did at its place: left it ("left X", "flew in from X", "the
trip began in X"), came back to it ("flew back to X", "de retour à X", a move to it after it was
left), or another move. A place left at the start and come back to at the end is the trip's home
(home.py finds it): two visits, first and last. A return told after a move elsewhere, in the text or
in time, makes another visit; so does a day told there after a day the traveller moved on elsewhere.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial

from .dating import clean, is_travel, narrative, reached, stated, told_at
from .evidence import VERB_TYPES, MentionEvidence
from .home import back_to_left, holds_ends, others_span, told_home, unmoved_home
from .sequence import LAST, Mark

MOVES = ("arrive", "head", "cross", "return")
#: The event a stop is told by, from its commonest verb type.
EVENTS = {"arrive": "arrived", "depart": "departed", "head": "headed to", "cross": "passed through",
          "return": "returned", "visit": "visited", "meet": "met", "stay": "stayed", "": "was there"}
LEAVING = (EVENTS["depart"], EVENTS["head"])  # a stay told "during" it came before these
#: A sentence naming this many of the stops lists the trip, rather than telling one day of it.
RECAP = 3


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
    nightly: tuple[MentionEvidence, ...] = ()  # the tellings of a base come back to each night (day trips out of it)
    opens: dt.date | None = None  # the trip's first day, when the story opens at its place then (``_opening``)


def _visit(pid: str, ms: Sequence[MentionEvidence], home: str = "", marks: Mapping[tuple[int, int], Mark] | None = None
           ) -> Visit:
    told = [e for e in ms if is_travel(e)] or [e for e in ms if e.this_trip] or list(ms)
    date, approximate = reached(_dating(told, ms), [e for e in ms if not e.other_leg] or ms, home)
    verbs = [e.verb for e in told if e.verb and e.verb != "plan"]
    first = min(told, key=told_at)  # its first telling, not a passing mention
    # Its commonest verb; a return told first wins a tie ("flew back to X … left X the next day": returned).
    main = max(VERB_TYPES, key=lambda t: (verbs.count(t), t == first.verb == "return")) if verbs else ""
    when = date or next((e.now for e in told if e.now is not None), None)
    # "The tour began in X": X is the first leg.
    ranks = [m.rank or 1 for e in ms if (m := (marks or {}).get(told_at(e))) is not None and (m.rank or m.began)]
    # The first telling of its day, stated or the narrative's ("We're in X" the day a later article dates it).
    day_at = min((told_at(e) for e in ms if date is not None and e.this_trip and (stated(e) or narrative(e)) == date),
                 default=told_at(first))
    nightly = tuple(e for e in ms if (m := (marks or {}).get(told_at(e))) is not None and m.nightly)
    return Visit(pid, date, approximate, EVENTS.get(main, "was there"), (first.article, first.start), tuple(told), home,
                 when, min(ranks) if ranks else 0, all(e.whole_stay for e in told), day_at, nightly)


def _dating(told: Sequence[MentionEvidence], ms: Sequence[MentionEvidence]) -> Sequence[MentionEvidence]:
    """The tellings that date a visit: a telling whose day is another leg's ("ce mardi à Y, puis X") says only
    "that day or later"; the others, else the place's clean mentions told of that day or later ("Hours later,
    in X, …"), else it. A return is that day's ("then back in X for the rosary": a day trip's end)."""
    own = [e for e in told if not e.other_leg or e.verb == "return"]
    if own or not told:
        return own or told
    floor = min((d for e in told if (d := _when(e)) is not None), default=None)
    later = [e for e in ms if clean(e) and not e.other_leg and (d := _when(e)) is not None and (floor is None or d >= floor)]
    return later or told


def _role(e: MentionEvidence, mark: Mark | None) -> MentionEvidence:
    """The mention with the verb type of what it tells the traveller did there: a cue's return, the
    origin of a move ("flew in from X", "flew home from X": X was left), else its verb's. A base come back
    to each night ("returning each night to X") tells no one move, nor the day its sentence names."""
    if mark is not None and mark.nightly:
        return replace(e, verb="", date=None)
    if mark is not None and mark.back:
        return replace(e, verb="return")
    if mark is not None and mark.origin and e.verb in ("arrive", "head", "cross", "return"):
        return replace(e, verb="depart")  # "flew home from X": X was left
    return e


def _day(e: MentionEvidence) -> dt.date | None:
    """The day a clean travel mention states (None for plans, other times, other people, no day)."""
    return stated(e) if is_travel(e) else None


def visits(evidence: Mapping[str, Sequence[MentionEvidence]], marks: Mapping[tuple[int, int], Mark] | None = None,
           crossings: Collection[str] = ()) -> list[Visit]:
    """A visit per kept place, and another each time the text brings the traveller back to it after
    being elsewhere: a later day with another place's day between, a return after leaving home, or a
    return told after the traveller's move to another place ("flew back to X", "de retour à X"); at a
    border crossing (``crossings``), any move to it told after one elsewhere: the way out passes it again.
    ``marks`` are the sequence cues of the mentions (sequence.marks)."""
    marks = _origin_legs(evidence, marks or {})
    came = _came_to_dateline(evidence, marks)
    evidence = _recaps({pid: [*(_role(e, marks.get(told_at(e))) for e in ms), *came.get(pid, ())]
                        for pid, ms in evidence.items()})
    days, told, first_left, moves, moved = _story_days(evidence)
    later = _moves_on_days(evidence)
    every = sorted(d for ds in days.values() for d in ds)
    stating = Counter(every)  # how many places state each day
    stated_days = sorted(stating)
    places_on = Counter(d for ds in told.values() for d in ds)  # how many places are told of each day
    # The days each place is told as the traveller's (a move's, or an itinerary's or caption's line: "X, lundi 21").
    been = {pid: sorted({*days[pid], *(d for e in ms if (d := _entry_day(e)) is not None)})
            for pid, ms in evidence.items()}
    every_been = sorted(d for ds in been.values() for d in ds)
    out = []
    for pid, ms in evidence.items():
        own = days[pid]

        def moved_on(day: dt.date, at: tuple[int, int], pid: str = pid) -> bool:
            """Another place is moved to on ``day``, told after ``at`` in its article."""
            lo = bisect_right(later, (day, at, "\uffff"))
            hi = bisect_left(later, (day, (at[0] + 1, -1), ""))
            return any(later[i][2] != pid for i in range(lo, hi))

        groups = _split(ms, partial(_others_between, every, own))
        home = (told_home(ms, marks) or unmoved_home(ms, told[pid], places_on, first_left)) if len(groups) == 1 else None
        ends = [_visit(pid, home[0], "start", marks), _visit(pid, home[1], "end", marks)] if home else []
        if ends and holds_ends(ends, others_span(own, stating, stated_days)):
            out += ends
            continue
        # No home: a day after the traveller moved on elsewhere, once told here, starts another stay too
        # (a home's start and end already are two).
        # Here a day counts once told as the traveller's at a place (a move's, or a diary's or caption's line).
        for g in _split(ms, partial(_others_between, every_been, been[pid]), moved_on):
            out += [_visit(pid, part, marks=marks) for part in _returns(pid, g, (moves, moved), pid in crossings)]
    # A visit told first after the opening comes back to where the story opened (not the opening telling itself).
    opening = _opening(evidence, every)
    return [replace(v, opens=opening[2]) if opening and v.place_id == opening[1] and v.order > opening[0] else v
            for v in out]


def _came_to_dateline(evidence: Mapping[str, Sequence[MentionEvidence]], marks: Mapping[tuple[int, int], Mark]
                      ) -> dict[str, list[MentionEvidence]]:
    """Per place, the arrivals there its article tells only by where they came from, on a stated day, in a
    sentence naming no other place ("AVEL — …. Le ministre, arrivé jeudi soir de Corin, …"; "She flew in from
    Corin on Sunday"): the traveller came that day to the place the article is filed from (its dateline)."""
    filed: dict[int, tuple[int, str]] = {}  # article -> (offset, place) of its dateline
    named: dict[tuple[int, int], set[str]] = {}
    for pid, ms in evidence.items():
        for e in ms:
            named.setdefault((e.article, e.sentence), set()).add(pid)
            if e.features.get("dateline"):
                filed[e.article] = min(filed.get(e.article, (e.start, pid)), (e.start, pid))
    came: dict[str, list[MentionEvidence]] = {}
    for pid, ms in evidence.items():
        for e in ms:
            here = filed.get(e.article, (0, pid))[1]
            if (here != pid and e.verb == "arrive" and _day(e) is not None and named[(e.article, e.sentence)] == {pid}
                    and (m := marks.get(told_at(e))) is not None and m.origin):
                came.setdefault(here, []).append(replace(e, place_id=here))
    return came


def _others_between(every: Sequence[dt.date], own: Sequence[dt.date], a: dt.date, b: dt.date) -> bool:
    """Another place has a day strictly between ``a`` and ``b``: more of all places' sorted days ``every``
    fall between than of this place's own (counted by bisection)."""
    return (bisect_left(every, b) - bisect_right(every, a)) > (bisect_left(own, b) - bisect_right(own, a))


def _opening(evidence: Mapping[str, Sequence[MentionEvidence]], every: Sequence[dt.date]
             ) -> tuple[tuple[int, int], str, dt.date] | None:
    """The story's first clean telling, the place it names and the day it states, when no later than any move's:
    where the traveller stood as the trip began ("Aéroport de Haneda, Tokyo, lundi matin."; "wave from
    the steps of the plane at X airport on Wednesday morning before leaving for Y")."""
    tellings = [(told_at(e), pid, stated(e)) for pid, ms in evidence.items() for e in ms if clean(e)]
    if not tellings:
        return None
    at, pid, day = min(tellings, key=lambda t: t[0])
    if day is None or (every and day > every[0]):
        return None
    return at, pid, day


def _story_days(evidence: Mapping[str, Sequence[MentionEvidence]]) -> tuple[
        dict[str, list[dt.date]], dict[str, set[dt.date]], dt.date | None,
        list[tuple[tuple[int, int], str]], list[tuple[dt.date, str]]]:
    """Per place, the days its travel mentions state (sorted) and the days its clean mentions are told
    of (stated, else the narrative's); the first day a place is told left (a trip begun there has its
    home there); the travel mentions' tellings and days, sorted, with their places. One pass over the
    story's mentions, each mention's day read once (five passes read them ≈ 300,000 times each)."""
    days: dict[str, list[dt.date]] = {}
    told: dict[str, set[dt.date]] = {}
    first_left: dt.date | None = None
    moves: list[tuple[tuple[int, int], str]] = []
    moved: list[tuple[dt.date, str]] = []
    for pid, ms in evidence.items():
        own: set[dt.date] = set()
        heard: set[dt.date] = set()
        for e in ms:
            if not e.this_trip:  # neither clean, nor travel, nor the traveller leaving
                continue
            when = _when(e)
            if is_travel(e):
                moves.append((told_at(e), pid))
                if e.date is not None and e.date.date is not None:  # _day(e)
                    own.add(e.date.date)
                if when is not None:
                    moved.append((when, pid))
            if when is not None:
                if clean(e):
                    heard.add(when)
                if e.verb == "depart" and (first_left is None or when < first_left):
                    first_left = when
        days[pid] = sorted(own)
        told[pid] = heard
    moves.sort()
    moved.sort()
    return days, told, first_left, moves, moved


def _moves_on_days(evidence: Mapping[str, Sequence[MentionEvidence]]) -> list[tuple[dt.date, tuple[int, int], str]]:
    """The traveller's moves to a place with the day they are told of (stated, else the narrative's):
    (day, telling, place), sorted."""
    return sorted((d, told_at(e), pid) for pid, ms in evidence.items() for e in ms
                  if e.verb in MOVES and is_travel(e) and (d := _when(e)) is not None)


def _recaps(evidence: dict[str, list[MentionEvidence]]) -> dict[str, list[MentionEvidence]]:
    """``evidence`` without the day of a mention no travel verb reaches in a sentence naming RECAP or more
    of the stops: a list sums the trip up or lays out its plan ("the tour, which took in X, Y and Z, ended
    on Monday"; "leaves A on Monday, with stops planned in X, Y and Z"), and its day is the sentence's."""
    named: dict[tuple[int, int], set[str]] = {}
    for pid, ms in evidence.items():
        for e in ms:
            named.setdefault((e.article, e.sentence), set()).add(pid)
    lists = {k for k, pids in named.items() if len(pids) >= RECAP}
    return {pid: [replace(e, date=None) if not e.verb and e.date is not None and (e.article, e.sentence) in lists else e
                  for e in ms] for pid, ms in evidence.items()}


def _origin_legs(evidence: Mapping[str, Sequence[MentionEvidence]], marks: Mapping[tuple[int, int], Mark]
                 ) -> dict[tuple[int, int], Mark]:
    """``marks`` with the legs of the places told as where a move came from: none when the move ends
    elsewhere ("pulled into the station after a ride from X, ending a journey", "the last leg, from X
    to the capital"); left itself ("flew out of X, ending a tour"), X keeps its rank; left for home
    ("flew home from X", "rentré vendredi de X"), X is the trip's last leg."""
    out = dict(marks)
    for ms in evidence.values():
        for e in ms:
            m = marks.get(told_at(e))
            if m is None or not m.origin:
                continue
            if e.verb == "return" and e.this_trip:
                out[told_at(e)] = replace(m, rank=LAST)
            elif m.rank and e.verb != "depart":
                out[told_at(e)] = replace(m, rank=0)
    return out


def _entry_day(e: MentionEvidence) -> dt.date | None:
    """The day a clean mention read as a line of the traveller's days states (a diary's or a caption's: "X,
    dimanche 27 février."), unless after its article's date: a programme's, or a weekday misread ahead."""
    day = stated(e) if clean(e) and e.features.get("entry") else None
    return day if day is not None and (e.now is None or day <= e.now) else None


def _when(e: MentionEvidence) -> dt.date | None:
    """The day a mention is told of: the one it states, else the narrative's."""
    return stated(e) or narrative(e)


def _returns(pid: str, ms: list[MentionEvidence],
             moves: tuple[Sequence[tuple[tuple[int, int], str]], Sequence[tuple[dt.date, str]]],
             crossing: bool = False) -> list[list[MentionEvidence]]:
    """A stay split at each return verb told after a move to another place since the place's last
    telling, in the text or in time (a live blog's entries need not follow the clock): the traveller
    came back (the day's excursion ends where it began); so does a move to a place its stay was told
    left ("Arrivé de Londres" … "a repris l'avion pour Londres"), and so does leaving it on a day after
    a move elsewhere ("flew to Y on Saturday" … "left X for home on Sunday"), and so does an arrival told on a day
    after such a move (``_arrived_again``). At a border ``crossing`` any move to it counts, unless it states a day
    already told (the entry told again)."""
    parts: list[list[MentionEvidence]] = [[]]
    last: tuple[int, int] | None = None
    since: dt.date | None = None
    told, timed = moves
    left: list[tuple[int, int]] = []  # where the last part tells the place left, kept as it grows (not rebuilt per mention)
    for e in sorted(ms, key=told_at):
        again = (e.verb == "return" or (crossing and e.verb in MOVES and not _retold(e, parts[-1]))
                 or back_to_left(e, left))
        # A part told with no verb ("farther still from X") is no visit of its own: it joins the next.
        # A plan ("expected in X tonight") or a move of another subject (the convoy's) tells a stay.
        # Left on a day after a move elsewhere since its last telling: the traveller had come back (a
        # base left for a day trip, then left for good), however the way back was told, or if it was not.
        # By time only: a departure told late in the text is often a look back ("who left X on Tuesday").
        left_again = e.verb == "depart" and e.this_trip and last is not None and _moved_since(pid, since, _when(e), timed)
        if left_again or (again and e.this_trip and last is not None and any(m.verb for m in parts[-1])
                          and (_moved_between(pid, last, told_at(e), told) or _moved_since(pid, since, _when(e), timed))) \
                or (e.verb == "return" and e.this_trip and _stayed_before(parts[-1], _when(e))
                    and _moved_since(pid, _when(e), dt.date.max, timed)) \
                or _arrived_again(e, parts[-1], pid, (last, since), moves):
            parts.append([])
            left = []
        parts[-1].append(e)
        if e.verb == "depart" and e.this_trip:
            left.append(told_at(e))
        if is_travel(e) or last is None:
            last, since = told_at(e), _when(e)
    return parts


def _stayed_before(part: Sequence[MentionEvidence], day: dt.date | None) -> bool:
    """The part tells the traveller there, with no move, on a day before ``day``: a return that day
    came back to it."""
    days = [d for m in part if clean(m) and (d := _when(m)) is not None]
    return day is not None and bool(days) and not any(m.verb for m in part) and max(days) < day


def _arrived_again(e: MentionEvidence, part: Sequence[MentionEvidence], pid: str,
                   since: tuple[tuple[int, int] | None, dt.date | None],
                   moves: tuple[Sequence[tuple[tuple[int, int], str]], Sequence[tuple[dt.date, str]]]) -> bool:
    """``e`` tells an arrival at a place its ``part`` already tells reached, on a day after a move elsewhere
    since the part's last move (``since``: where it is told and its day): on a day between, or told in
    between on a day before ``e``'s: the traveller came back, though no return is told ("landed at X" on
    Tuesday, Kyiv on Wednesday, "drove straight to X airport" on Thursday; "arrived in X" … "then went to
    Y" … "on Wednesday he went to the memorial in X"). Not one told as an earlier time ("it came at the
    end of a week in which he went from X to Y"): a look back."""
    day, (at, last) = _when(e), since
    told, timed = moves
    return (e.verb == "arrive" and e.this_trip and day is not None and not e.earlier
            and any(m.verb in MOVES and m.this_trip for m in part)
            and (_moved_since(pid, last, day, timed)
                 or (at is not None and last is not None and day > last and _moved_between(pid, at, told_at(e), told))))


def _retold(e: MentionEvidence, part: Sequence[MentionEvidence]) -> bool:
    """``e`` states a day no later than one its part states: the same passage told again."""
    day, days = stated(e), [d for m in part if (d := stated(m)) is not None]
    return day is not None and bool(days) and day <= max(days)


def _moved_between(pid: str, a: tuple[int, int], b: tuple[int, int], moves: Sequence[tuple[tuple[int, int], str]]
                   ) -> bool:
    lo, hi = bisect_right(moves, (a, "\uffff")), bisect_left(moves, (b, ""))
    return any(moves[i][1] != pid for i in range(lo, hi))  # no slice: the range can span the story


def _moved_since(pid: str, a: dt.date | None, b: dt.date | None, moved: Sequence[tuple[dt.date, str]]) -> bool:
    """Another place was moved to on a day strictly between ``a`` and ``b``."""
    if a is None or b is None:
        return False
    lo, hi = bisect_right(moved, (a, "\uffff")), bisect_left(moved, (b, ""))
    return any(moved[i][1] != pid for i in range(lo, hi))  # no slice: the range can span the story


def _split(ms: Sequence[MentionEvidence], elsewhere: Callable[[dt.date, dt.date], bool],
           moved_on: Callable[[dt.date, tuple[int, int]], bool] | None = None) -> list[list[MentionEvidence]]:
    """Mentions grouped by stay: a new stay starts at a day with another place's day before it. With
    ``moved_on`` (no home: the place's stays are asked for), also at a day after one the traveller is told
    to move on elsewhere after his last telling here, and the days the traveller is told here with no
    move count too ("landed at X on Tuesday before heading into Y" … "on Wednesday he toured X's
    factory"; "On Thursday, in X, he addressed parliament": he came back), and so do a diary's or a
    caption's lines ("Photo 15. X, dimanche 27 février.", after Y's of Saturday)."""
    def day_of(e: MentionEvidence) -> dt.date | None:
        if moved_on is not None and not is_travel(e) and clean(e) and e.features.get("traveller") and e.features.get("locative"):
            return stated(e)
        if moved_on is not None and not is_travel(e):
            return _entry_day(e)
        return _day(e)

    days = [(day_of(e), e) for e in ms]  # once per mention, not once per use
    dated = sorted(((day, e) for day, e in days if day is not None), key=lambda de: (de[0], de[1].article, de[1].start))
    groups: list[list[MentionEvidence]] = [[]]
    last: tuple[dt.date, MentionEvidence] | None = None
    for day, e in dated:
        if last is not None and day > last[0] and (elsewhere(last[0], day)
                                                   or (moved_on is not None and moved_on(last[0], told_at(last[1])))):
            groups.append([])
        groups[-1].append(e)
        last = (day, e)
    groups[0] += [e for day, e in days if day is None]
    return groups
