"""Score: one feature vector per place from all its mentions, and the fitted weights that judge it."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from ..errors import GeomapError
from ..geocoders.base import haversine_km
from ..model import Article, Place
from ..textnorm import fold_key
from .evidence import MENTION_FEATURES, MentionEvidence
from .lexicon import kind_in, kinds

#: Place features: the strongest of each mention feature, plus how much and how widely it is told.
#: Not ``pluperfect``: a tense, not evidence either way (the trip told looking back, or an earlier
#: trip); ``earlier`` says which. Weighed on its own it fitted positive and kept earlier trips
#: (LOSO 124: 4 extra stops out, none found lost). Visits still read it per mention.
#: Not the lede, nor the share of articles naming a place: fitted on other hands' tellings alone
#: their weights took the other sign (lede -0.41 on ours, +0.24 on theirs; articles +1.08, -0.18),
#: so they weighed how we write (LOSO 136, other hands' stops / order .854/.783 -> .860/.790).
PLACE_FEATURES = tuple(f for f in MENTION_FEATURES if f != "pluperfect") + (
    "mentions", "travel_mentions", "headline", "coarse", "hub", "site", "earlier")
_WEIGHED = frozenset(PLACE_FEATURES)
#: The sign a feature's weight may take (+1 for evidence of a stop, -1 against, 0 either): prior
#: knowledge the fit keeps, so a small corpus cannot make "someone else's trip" count for a place.
SIGNS = {
    **{f: 1 for f in ("move", "leave", "doings", "entry", "verb_after", "where_verb", "locative", "acts", "traveller", "vehicle",
                      "dated", "dated_move", "travel_mentions", "headline")},
    **{f: -1 for f in ("verb_other", "verb_past", "other_subject", "past", "past_year", "old_date", "speech",
                       "weapon", "reference", "coarse", "cancelled", "earlier")},
}
#: A hub serves a city whose name it bears within this distance, and any city this close.
NAMED_KM, NEAR_KM = 80.0, 25.0
#: A town told only as an airfield serves a city within NAMED_KM at least this many times as populous.
BIGGER = 2.0
#: What a feature means, for a stop's ``why`` and a rejection's reason.
LABELS = {
    "move": "a travel verb", "leave": "a departure verb", "doings": "the traveller's doings there",
    "entry": "a place in an itinerary",
    "plan": "a plan, not a trip made", "plan_undated": "an undated plan", "verb_other": "someone else's trip",
    "verb_past": "an earlier trip",
    "old_date": "a day long before the story", "dated_move": "a dated move", "verb_after": "the traveller's doings after it",
    "where_verb": "a 'where' clause",
    "locative": "'in/at' with the traveller", "acts": "the traveller's doings told before it",
    "reference": "a landmark for another place", "pluperfect": "told in the pluperfect",
    "traveller": "the traveller named",
    "vehicle": "the traveller's plane or train",
    "other_subject": "someone else's doing", "past": "an earlier event", "past_year": "an earlier year",
    "future": "a plan or a possibility", "dated": "a day in the sentence", "dateline": "the dateline",
    "speech": "named as a speaker or government", "weapon": "a target, not a destination",
    "mentions": "named often", "travel_mentions": "several travel verbs",
    "headline": "in a headline", "hub_word": "named as an airport or station", "coarse": "a country or region",
    "hub": "an airport or station", "site": "a site",
    "cancelled": "a plan called off", "earlier": "told only as an earlier time",
}
#: Mention features that tell someone was at the place: ``earlier`` when all such mentions are told
#: as an earlier time (MentionEvidence.earlier), a place of the past named once, not a stop.
TOLD_THERE = ("move", "leave", "doings", "entry", "plan", "verb_after", "where_verb", "locative", "acts", "dated")


@dataclass(frozen=True)
class Weights:
    """A fitted logistic model: ``p = sigmoid(bias + sum(weights[f] * x[f]))``, kept when p >= threshold."""

    weights: dict[str, float]
    bias: float
    threshold: float = 0.5
    trained_on: str = ""
    fitted: str = ""

    def probability(self, x: Mapping[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in x.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def contributions(self, x: Mapping[str, float]) -> list[tuple[float, str]]:
        """(weight × value, feature) for every feature present, largest first."""
        return sorted(((self.weights.get(k, 0.0) * v, k) for k, v in x.items() if v), reverse=True)


@lru_cache(maxsize=1)
def shipped_weights() -> Weights:
    """The weights in geomap/data/infer_weights.yaml (written by tools/fit_infer.py)."""
    ref = resources.files("geomap").joinpath("data", "infer_weights.yaml")
    try:
        data = yaml.safe_load(ref.read_text(encoding="utf-8"))
        return Weights({str(k): float(v) for k, v in data["weights"].items()}, float(data["bias"]),
                       float(data.get("threshold", 0.5)), str(data.get("trained_on", "")), str(data.get("fitted", "")))
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise GeomapError(f"cannot read the inference weights: {exc}", path=str(ref)) from exc


def is_hub(p: Place) -> bool:
    """An airport, air base or station: it stands for the city it serves."""
    return kind_in(p.kind, "hub_kinds") or (p.source or "").startswith("airportsdata")


def _is_airport(p: Place) -> bool:
    return "airport" in fold_key(p.kind) or (p.source or "").startswith("airportsdata")


def _is_city(p: Place) -> bool:
    kind = fold_key(p.kind)
    return p.has_coords and not is_hub(p) and kind not in kinds("coarse_kinds") and kind not in kinds("passage_kinds")


def hub_cities(evidence: Sequence[MentionEvidence], places: Mapping[str, Place]) -> dict[str, str]:
    """Hub place id -> the city it serves: its ``serves`` (set by the airports resolver), else one named
    in the hub's name nearby, else a city named within NEAR_KM in the same sentence. A hub kept for itself (a visit
    or meeting there) maps to nothing."""
    for_itself = {e.place_id for e in evidence if e.verb in ("visit", "meet")}
    # Each place's kind read once, not once per mention (folding its kind word: ~30 mentions a place).
    named_places = {e.place_id for e in evidence}
    cities = {pid for pid in named_places if _is_city(places[pid])}
    hubs = {pid for pid in named_places if _is_airport(places[pid]) and places[pid].has_coords}
    hub_kind = {pid for pid in named_places if is_hub(places[pid])}
    if hubs:
        # The city an airport is named after serves it even when the text names only the airport
        # (not a station: "X-1" station is a place of its own, often far from X's centre).
        words = {w for h in hubs for n in (places[h].name, *places[h].aliases) for w in fold_key(n).split()}
        cities |= {pid for pid, p in places.items() if _is_city(p) and fold_key(p.name).split()[:1] and
                   fold_key(p.name).split()[0] in words}
    same: dict[tuple[int, int], set[str]] = {}
    for e in evidence:
        same.setdefault((e.article, e.sentence), set()).add(e.place_id)
    beside: dict[str, set[str]] = {}  # hub -> places named in its sentences
    worded = {e.place_id for e in evidence if e.features.get("hub_word")}  # "Rome's X airport": X is a hub here
    for e in evidence:
        # A town worded as a hub is one in those sentences only: "the forest of X, south-east of
        # Bordeaux" names the city Bordeaux, though "Bordeaux-Mérignac airport" is told elsewhere.
        if e.place_id in hub_kind or e.features.get("hub_word"):
            beside.setdefault(e.place_id, set()).update(same[(e.article, e.sentence)])
    out: dict[str, str] = {}
    for hid in beside:  # once per hub
        hub = places[hid]
        if hid in for_itself or not hub.has_coords:
            continue
        if hub.serves in places and hub.serves != hid:
            out[hid] = hub.serves  # the resolver matched the airfield's own town: it knows best
            continue
        served = []
        hub_words = _name_words(hub)  # folded once per hub, not once per city
        for pid in cities:
            city, km = places[pid], haversine_km(hub.latlon, places[pid].latlon)
            named = _bears(hub_words, city)
            if pid != hid and ((named and km <= NAMED_KM) or (km <= NEAR_KM and pid in beside[hid])
                               or (hid in worded and km <= NAMED_KM and pid in beside[hid])):
                served.append((not named, km, pid))
        if served:
            out[hid] = min(served)[2]
    named = {c for h, c in out.items() if _is_airport(places[h]) and _bears(_name_words(places[h]), places[c])}
    towns = _airfield_towns(evidence, places, cities, named)
    return {h: towns.get(c, c) for h, c in out.items()} | towns


def _name_words(hub: Place) -> str:
    """The hub's names, folded, as " words " for :func:`_bears`."""
    return f" {fold_key(' '.join((hub.name, *hub.aliases)))} "


def _bears(hub_words: str, city: Place) -> bool:
    """The hub's name (``hub_words``, from :func:`_name_words`) holds the city's ("X International Airport")."""
    return any(f" {fold_key(n)} " in hub_words for n in (city.name, *city.aliases) if fold_key(n))


def _airfield_towns(evidence: Sequence[MentionEvidence], places: Mapping[str, Place], cities: set[str],
                    airports: set[str]) -> dict[str, str]:
    """Towns told only as airfields (a plane lands there or takes off, or an airport bearing its name,
    ``airports``, is named; no visit, meeting or stay there) -> the most populous city of its country the story names
    within NAMED_KM, when it is BIGGER: the town's airport serves that city ("wheels down at X
    International Airport" for a capital 40 km inland)."""
    aerial = {e.place_id for e in evidence if e.aerial} | airports
    aerial -= {e.place_id for e in evidence if any(e.features.get(f) for f in ("doings", "verb_after", "where_verb"))}
    # Per country, its cities biggest first: a town's search stops at the first one near it, or at
    # the first too small, not every city of the story for every aerial town.
    biggest: dict[str | None, list[tuple[int, str]]] = {}
    for pid in cities:
        biggest.setdefault(places[pid].country, []).append((places[pid].population or 0, pid))
    for ranked in biggest.values():
        ranked.sort(reverse=True)
    out: dict[str, str] = {}
    for tid in aerial:
        town = places[tid]
        if not _is_city(town) or not town.population:
            continue
        for population, pid in biggest.get(town.country, ()):
            if population < BIGGER * town.population:
                break
            if pid != tid and haversine_km(town.latlon, places[pid].latlon) <= NAMED_KM:
                out[tid] = pid
                break
    return out


def place_features(evidence: Sequence[MentionEvidence], places: Mapping[str, Place],
                   articles: Sequence[Article]) -> dict[str, dict[str, float]]:
    """One feature vector per place (hubs already moved to their cities), from all its mentions."""
    grouped: dict[str, list[MentionEvidence]] = {}
    for e in evidence:
        grouped.setdefault(e.place_id, []).append(e)
    headlines = _Headlines(articles)
    out: dict[str, dict[str, float]] = {}
    for pid, ms in grouped.items():
        p = places[pid]
        x: dict[str, float] = {}
        for e in ms:
            for k, v in e.features.items():
                if k in _WEIGHED:
                    x[k] = max(x.get(k, 0.0), v)
        travel = sum(1 for e in ms if any(e.features.get(t) for t in ("move", "leave", "doings")))
        x["mentions"] = min(len(ms), 6) / 6
        x["travel_mentions"] = min(travel, 4) / 4
        there = [e for e in ms if any(e.features.get(k) for k in TOLD_THERE)]
        x["earlier"] = float(bool(there) and all(e.earlier for e in there))
        if any(headlines.name(re.findall(r"\w+", fold_key(n))) for n in (p.name, *p.aliases)):
            x["headline"] = 1.0
        kind = fold_key(p.kind)
        x["coarse"] = float(kind in kinds("coarse_kinds"))
        x["hub"] = float(is_hub(p))
        x["site"] = float(kind in kinds("site_kinds"))
        out[pid] = {k: v for k, v in x.items() if v}
    return out


class _Headlines:
    """The articles' titles as words, indexed by word: whether a name's words are a run of one title's
    is looked up, not searched for in every title (places × articles grew with the square)."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self.titles = [re.findall(r"\w+", fold_key(a.title or "")) for a in articles]
        self.at: dict[str, list[tuple[int, int]]] = {}  # word -> (title, position) of each occurrence
        for t, words in enumerate(self.titles):
            for k, word in enumerate(words):
                self.at.setdefault(word, []).append((t, k))

    def name(self, words: list[str]) -> bool:
        """Whether ``words`` (a name's) are consecutive words of a title."""
        return bool(words) and any(self.titles[t][k : k + len(words)] == words for t, k in self.at.get(words[0], ()))


def why(weights: Weights, x: Mapping[str, float], keep: bool) -> str:
    """One short phrase: the strongest evidence for a kept place, against a rejected one."""
    parts = weights.contributions(x)
    if keep:
        return ", ".join(LABELS.get(k, k) for c, k in parts[:3] if c > 0) or "weak evidence"
    against = [LABELS.get(k, k) for c, k in reversed(parts) if c < 0][:2]
    return ", ".join(against) if against else "too little travel evidence"
