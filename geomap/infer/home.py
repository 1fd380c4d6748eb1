"""Home: the place a trip leaves at its start and comes back to at its end, told by its moves or by its days alone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING

from .dating import clean, is_travel, stated, told_at
from .evidence import MentionEvidence
from .sequence import LAST, Mark

if TYPE_CHECKING:
    from .visits import Visit

#: A home told with no move is come back to at most this long after the last day another place is
#: told of before it (an overnight flight home); a later day is told of after the trip.
NEXT_DAY = dt.timedelta(days=1)


def told_home(ms: Sequence[MentionEvidence], marks: Mapping[tuple[int, int], Mark]
              ) -> tuple[list[MentionEvidence], list[MentionEvidence]] | None:
    """The mentions of the trip's start and of its end when both are told of one place, the start
    first: left ("quitté X", "from X", "began in X") and come back to ("rentré à X") or told as the
    last leg ("expected to land in X, ending the tour": a told plan counts, the return is the trip's)."""
    def told(e: MentionEvidence, what: str) -> bool:
        m = marks.get(told_at(e))
        if m is None or any(e.features.get(k) for k in ("speech", "verb_other", "past_year", "old_date")):
            return False  # someone else's trip, or an earlier one
        if what == "from":
            return m.origin
        return m.rank == LAST if what == "last" else (m.origin or m.began)

    # Told left: a departure, or where a move came from with no verb reaching it ("a flight of ten hours
    # from X", "four hours out of X"), so a move there later comes back.
    left_at = [told_at(e) for e in ms if e.this_trip and (e.verb == "depart" or told(e, "from"))]
    back = [e for e in ms if (e.verb == "return" and e.this_trip) or told(e, "last") or back_to_left(e, left_at)]
    rest = [e for e in ms if e not in back]
    left = [e for e in rest if (e.verb == "depart" and e.this_trip) or told(e, "origin")]
    if back and left and (min(map(told_at, left)) < min(map(told_at, back)) or _left_first(left, back)):
        return rest, back
    return None


def unmoved_home(ms: Sequence[MentionEvidence], told: Collection[dt.date], places_on: Mapping[dt.date, int],
                 first_left: dt.date | None) -> tuple[list[MentionEvidence], list[MentionEvidence]] | None:
    """The mentions of the trip's start and of its end at a place told with no move to or from it, on
    a first day no later than any other place's and on a last day with others' days between ("Samedi
    2 mai, aéroport d'Avel" … "Vendredi 8 mai, Avel. Retour au pays"; "climbs
    the steps of the aircraft at X's airport on Thursday" … "lifts off for X on Sunday"): the trip's
    home, its mentions stating that last day the end; not when another place is told left by its first
    day (the trip began there: "avait quitté Corin dans la matinée" before Eska). ``told``: the days
    (stated, else narrative) its clean mentions are told of; ``places_on``: how many places' are told
    of each day; ``first_left``: the first day a place is told left (never this one: it has no move)."""
    own = sorted({d for e in ms if clean(e) and (d := stated(e)) is not None})
    if len(own) < 2 or any(map(is_travel, ms)) or (first_left is not None and first_left <= own[0]):
        return None
    others = sorted(d for d, n in places_on.items() if n > (d in told))  # the days another place is told of
    if not others:
        return None
    before = [d for d in others if d <= own[-1]]
    if not (own[0] <= min(others) and any(own[0] < d < own[-1] for d in others) and own[-1] <= max(before) + NEXT_DAY):
        return None
    end = [e for e in ms if clean(e) and stated(e) == own[-1]]
    return [e for e in ms if e not in end], end


def _left_first(left: Sequence[MentionEvidence], back: Sequence[MentionEvidence]) -> bool:
    """Left on a stated day before the one stated for coming back, though told after it: a look back
    opens on the return ("est rentré jeudi 18 à X" … "Parti de X le vendredi 12")."""
    went = [d for e in left if (d := stated(e)) is not None]
    came = [d for e in back if (d := stated(e)) is not None]
    return bool(went and came) and min(went) < max(came)


def back_to_left(e: MentionEvidence, left_at: Sequence[tuple[int, int]]) -> bool:
    """A move to a place told left before it ("a quitté X" … "est arrivé à X"; "a flight from X" … "landed
    in X"): the traveller came back."""
    return (e.verb in ("arrive", "head") and e.this_trip and not e.features.get("pluperfect")
            and any(at < told_at(e) for at in left_at))


def holds_ends(ends: Sequence[Visit], others: tuple[dt.date, dt.date] | None) -> bool:
    """Home starts no later and ends no earlier than every other place's stated day (``others``: the
    first and the last, from :func:`others_span`); else the place is a base, left and come back to
    mid-trip: a visit per return (visits._returns), not two."""
    start, end = ends
    return others is None or ((start.date is None or start.date <= others[0])
                              and (end.date is None or end.date >= others[1]))


def others_span(own: Collection[dt.date], stating: Mapping[dt.date, int], days: Sequence[dt.date]
                ) -> tuple[dt.date, dt.date] | None:
    """The first and the last day a place other than this one states (``own``: its days; ``stating``: how
    many places state each day; ``days``: those days in order), None when none does. Only this place's
    days are stepped over at either end: gathering every other place's days per place grew as the
    square of the story (10,000 articles: 14,000 places)."""
    mine = set(own)
    first = next((d for d in days if stating[d] > (d in mine)), None)
    if first is None:
        return None
    return first, next(d for d in reversed(days) if stating[d] > (d in mine))
