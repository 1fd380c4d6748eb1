"""Border entries: the traveller's dated entry into a country is a passage at the story's one crossing of it."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace

from ..model import Place
from ..textnorm import fold_key
from .evidence import MentionEvidence

#: Verb types that tell an entry into a country ("est arrivé mardi en Russie", "crossed into X on Monday").
ENTRY_VERBS = ("arrive", "cross")


def entries(grouped: Mapping[str, Sequence[MentionEvidence]], kept: Collection[str], crossings: Collection[str],
            places: Mapping[str, Place]) -> dict[str, list[MentionEvidence]]:
    """Kept border crossing id -> the traveller's dated entries into its country, moved onto it.

    A land trip into a country passes a border post; when the story keeps exactly one of that
    country's, an entry told only of the country ("arrivé mardi 12 septembre en Russie") is the
    passage there, on that day. Only for a trip that left somewhere outside the country (an entry,
    not a move within it)."""
    by_country: dict[str, list[str]] = {}
    for pid in crossings:
        if places[pid].country:
            by_country.setdefault(places[pid].country, []).append(pid)
    left_from = {places[pid].country for pid in kept
                 if any(e.verb == "depart" and e.this_trip for e in grouped.get(pid, ()))}
    out: dict[str, list[MentionEvidence]] = {}
    for pid, ms in grouped.items():
        code = places[pid].country
        if fold_key(places[pid].kind) != "country" or not code or len(by_country.get(code, ())) != 1:
            continue
        if not left_from - {code}:
            continue
        crossing = by_country[code][0]
        moved = [replace(e, place_id=crossing) for e in ms
                 if e.verb in ENTRY_VERBS and e.date is not None and e.this_trip]
        if moved:
            out[crossing] = moved
    return out
