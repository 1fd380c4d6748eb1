"""An itinerary's undated stops keep the dates the inference gives the same places."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import replace

from ..model import Journey, Place, Stop


def keep_inferred_dates(
    journey: Journey, undated: Collection[int], inferred: Journey, places: Mapping[str, Place]
) -> Journey:
    """``journey`` with each stop of ``undated`` (seqs that omit ``date:``) dated like the inferred
    stop at the same place — the k-th visit of a place by the k-th inferred visit of it.

    A borrowed date that would put the stops out of order is left out: the file's order is the
    curator's, the inference's date is only a guess. Each borrowed or dropped date gets a note.
    """
    visits: dict[str, list[Stop]] = defaultdict(list)
    for stop in inferred.stops:
        visits[stop.place_id].append(stop)
    seen: dict[str, int] = defaultdict(int)
    stops: list[Stop] = []
    notes = list(journey.notes)
    last: dt.date | None = None
    for stop in journey.stops:
        k = seen[stop.place_id]
        seen[stop.place_id] += 1
        source = visits[stop.place_id][k] if k < len(visits[stop.place_id]) else None
        if stop.seq in undated and source is not None and source.date is not None:
            label = f"stop {stop.seq} ({places[stop.place_id].name})"
            later = next((s.date for s in journey.stops if s.seq > stop.seq and s.date is not None), None)
            if (last is not None and source.date < last) or (later is not None and source.date > later):
                notes.append(f"{label}: the date the articles suggest ({source.date}) does not fit the order "
                             "of the itinerary, so the stop is left undated")
            else:
                stop = replace(stop, date=source.date, approximate=source.approximate,
                               time=stop.time or source.time)
                notes.append(f"{label}: date {source.date} inferred from the articles")
        last = stop.date or last
        stops.append(stop)
    return replace(journey, stops=tuple(stops), notes=tuple(notes))
