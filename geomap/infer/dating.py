"""Dating a visit: the day its mentions say the traveller reached the place and how sure that is; the mention tests it shares."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from itertools import chain

from .evidence import MentionEvidence

#: A day named this long before its article's date is background ("the attack of October 7", told
#: eleven days on), not the time the article's narrative has reached.
BACKGROUND_DAYS = 7


def reached(told: Sequence[MentionEvidence], ms: Sequence[MentionEvidence], home: str) -> tuple[dt.date | None, bool]:
    """The visit's day (the last one for a home return) and whether it is only approximate: a stated
    day of reaching or being there, else the earliest of its dateline's day, the narrative's day at its
    first telling and the day it was left ("a quitté X samedi": reached by then, maybe before). An
    arrival told or a move planned on an earlier day than any stated there began the visit then."""
    dated = [d for e in told if (d := stated(e)) is not None]
    if home == "end" and dated:
        return max(dated), False
    left = [d for e in told if e.verb == "depart" and (d := stated(e)) is not None]
    if home == "start" and dated:
        # The trip starts the first day told there, or the day the first dispatch filed there tells ("AVEL — Rolan
        # est arrivé mercredi"), not the day one was filed at home before the trip ("SÉOUL — Texte du communiqué
        # publié samedi").
        return min(dated + _filed(ms, told=True)[:1]), False
    if not dated or len(left) == len(dated):  # only the day it was left is stated
        return _earliest(told, ms, left)
    came = [d for e in told if e.verb in ("arrive", "return") and e.date is None and (d := narrative(e)) is not None]
    came += _planned(ms)
    if came and min(came) < min(dated):
        return min(came), True
    return min(dated), False


def _planned(ms: Sequence[MentionEvidence]) -> list[dt.date]:
    """The days a move to the place was planned for, told before them ("will fly to X on Saturday", "doit
    s'envoler pour X dimanche": a move verb told as a plan)."""
    return [e.date.date for e in ms if (e.verb == "plan" or e.features.get("plan")) and e.date is not None and e.date.date is not None
            and e.now is not None and e.now <= e.date.date
            and not any(e.features.get(k) for k in ("speech", "verb_other", "past_year", "old_date"))]


def _filed(ms: Sequence[MentionEvidence], told: bool = False) -> list[dt.date]:
    """The days of the dispatches filed at the place, in telling order: the days they were filed, or with
    ``told`` the days they tell there (one that names none gives none)."""
    return [d for e in ms if e.features.get("dateline") and (d := stated(e) if told else e.now) is not None]


def stated(e: MentionEvidence) -> dt.date | None:
    return e.date.date if e.date is not None else None


def narrative(e: MentionEvidence) -> dt.date | None:
    """The day the article's narrative has reached at ``e`` (the last day named before it), unless
    that day is background, named more than BACKGROUND_DAYS before the article's date, or one after
    the article's date: what an article tells as done happened by the day it was written, so a later
    day named before it ("the summit on June 24") is a plan's, not the narrative's."""
    day = e.told.date if e.told is not None else None
    return day if day is not None and _recent(e, day) and (e.now is None or day <= e.now) else None


def _recent(e: MentionEvidence, day: dt.date) -> bool:
    return e.now is None or (e.now - day).days <= BACKGROUND_DAYS


def clean(e: MentionEvidence) -> bool:
    """A clean mention that is no landmark (not "250 km from X"): the traveller's trip, now, there."""
    return e.this_trip and not e.features.get("reference")


def is_travel(e: MentionEvidence) -> bool:
    """A move of the traveller's, this trip, now (not a plan)."""
    return bool(e.verb) and e.verb != "plan" and e.this_trip


def told_at(e: MentionEvidence) -> tuple[int, int]:
    """Where a mention is told: (article, offset)."""
    return (e.article, e.start)


def _looked_back(ms: Sequence[MentionEvidence]) -> list[dt.date]:
    """The narrative days of the clean mentions told after them (their article written later) and whose
    sentence names no later day (not a preview's "is to see X on Friday")."""
    return [d for e in ms if clean(e) and (d := narrative(e)) is not None and e.now is not None and d < e.now
            and (stated(e) or d) <= d]


def _earliest(told: Sequence[MentionEvidence], ms: Sequence[MentionEvidence], left: list[dt.date]
              ) -> tuple[dt.date | None, bool]:
    """With no stated day of being there: a wire dateline ("CITY, July 9 —") tells where its article was
    filed, and the narrative day when the story got there; an article is often filed the day after,
    so the earliest wins, never after a stated day of leaving. The narrative day is its first travel
    mention's, else its first clean one's that is no landmark ("Air Force One has taken off from X"
    after the day's entries; not "250 km from X"); told with no travel verb at all, the day most of
    its mentions are told on (a preview's passing "the X Corridor" is not the day it was reached).
    A recent day a clean mention's own sentence names counts too ("À X, vendredi et samedi, …" beside
    "son voyage l'a conduit à X"; "La veille, à X, …" before "Arrivé samedi de X"); so does the day a
    move there was planned for ("s'envolera dimanche soir pour X" before "arrivé lundi soir de X"). A place
    only told left ("arrivé de X" on Wednesday) was there by the narrative day of its first clean mention
    an article tells after that day ("Le même jour, base aérienne de Palam, X" of Saturday, written later)."""
    near = _filed(ms)[:1]
    if any(e.verb for e in told):
        # The first one only: listing every clean mention's day read a place's mentions whole per visit.
        first = next((d for e in chain(told[:1], filter(clean, ms)) if (d := narrative(e)) is not None), None)
        near += [first] if first is not None else []
        if all(e.verb == "depart" for e in told):  # only told left: there by the day a look back first tells it
            near += _looked_back(ms)[:1]
    elif days := [d for e in told if (d := narrative(e)) is not None]:
        told_on = Counter(days)  # counted once, not once per mention (the square of a place's mentions)
        near.append(max(days, key=lambda d: (told_on[d], -d.toordinal())))  # ties: the earliest
    near += [d for e in ms if (d := stated(e)) is not None and _recent(e, d) and clean(e) and e.verb != "depart"][:1]
    near += _planned(ms)[:1]
    before = [d for d in near if not left or d <= min(left)]
    if before:
        return min(before), True
    return (min(left), False) if left else (None, False)
