"""An airport, air base or station standing for the city it serves: one stop at the city."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace

from geopy.distance import geodesic

from ..model import Mention, Place
from ..textnorm import fold_key
from .cues import quote, sentence_spans
from .order import Cand

#: A hub serves a city whose name it bears within this distance ("Vladivostok International Airport").
NAMED_KM = 80.0
#: … and any city this close ("Orly, au sud de Paris", "Kennedy Airport in New York").
NEAR_KM = 25.0
#: Cue types that make the hub itself the purpose of the visit ("inspected aircraft at the air base").
_FOR_ITSELF = frozenset({"visit", "meet"})


def is_hub(place: Place, hub_kinds: Collection[str]) -> bool:
    return fold_key(place.kind) in hub_kinds or (place.source or "").startswith("airportsdata")


def hubs_to_cities(cands: Sequence[Cand], mentions: Mapping[str, Sequence[Mention]], places: Mapping[str, Place],
                   hub_kinds: Collection[str], coarse_kinds: Collection[str], notes: list[str]) -> list[Cand]:
    """Candidates at a hub moved to the city it serves, when that city is named in the same sentence
    or is itself a stop; a hub the traveller visits or meets someone at keeps its own stop."""
    def city(p: Place) -> bool:
        return p.has_coords and not is_hub(p, hub_kinds) and fold_key(p.kind) not in coarse_kinds

    stop_cities = {c.place_id for c in cands if city(places[c.place_id])}
    for_itself = {c.place_id for c in cands if c.cue.type in _FOR_ITSELF}
    out: list[Cand] = []
    for c in cands:
        hub = places[c.place_id]
        if not is_hub(hub, hub_kinds) or not hub.has_coords or c.place_id in for_itself:
            out.append(c)
            continue
        lo, hi = sentence_spans(c.article)[c.sentence]
        ments = mentions.get(c.article.id, ())
        near = {m.place_id for m in ments if lo <= m.start < hi and m.place_id in places}
        if "airport" in fold_key(hub.kind) or (hub.source or "").startswith("airportsdata"):
            # "l'aéroport de Vladivostok": an airport named after its city names the city. (Not a
            # station: "Artyom-Primorsky-1" is a place of its own.)
            own = next((m for m in ments if m.start == c.order[1]), None)
            words = f" {fold_key(c.article.text[own.start:own.end])} " if own is not None else ""
            near |= {pid for pid, p in places.items() if city(p) and f" {fold_key(p.name)} " in words}
        served = [p for pid in (near | stop_cities) if pid in places and city(p := places[pid]) and _serves(hub, p)]
        if not served:
            out.append(c)
            continue
        # The city named in the sentence first, then the closest.
        best = min(served, key=lambda p: (p.id not in near, _km(hub, p)))
        notes.append(f"{hub.name} stands for {best.name}, the city it serves: "
                     f"“{quote(c.article.text, c.cue.start, c.order[1] + len(hub.name))}”")
        out.append(replace(c, place_id=best.id))
    return out


def _km(a: Place, b: Place) -> float:
    return float(geodesic((a.lat, a.lon), (b.lat, b.lon)).km)


def _serves(hub: Place, city: Place) -> bool:
    km = _km(hub, city)
    named = any(fold_key(n) and fold_key(n) in fold_key(" ".join((hub.name, *hub.aliases))).split()
                or fold_key(n) in fold_key(hub.name) for n in (city.name, *city.aliases))
    return km <= NEAR_KM or (named and km <= NAMED_KM)
