"""Story context for resolvers: where the story is, which countries, what kind of place is meant."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from ..model import Candidate, LatLon, Place
from .base import haversine_km
from .nearest import NearestMemo
from .support import SUPPORT_KM, Support

# Weights of the score terms, in "log units". Distance dominates: a place 10x farther
# from the story loses 2 points, a place 10x more populous gains only 0.5.
W_DISTANCE = 2.0
DISTANCE_SCALE_KM = 50.0  # distances well below this count as "in the story"
W_POPULATION = 0.5
POPULATION_CAP = 3.5  # so a country's population cannot outweigh everything else
W_COUNTRY = 0.75
W_KIND = 1.5
CAPITAL_BONUS = 1.5  # capitals and countries are mentioned from anywhere in the world
# A lone answer scoring this is a coin toss (see ``plausibility``): e.g. a capital on another
# continent, while a village that far away scores well below it.
PLAUSIBLE_SCORE = -1.0
PLAUSIBLE_SLOPE = 1.5

# Our kind vocabulary for inhabited places: a hint of "town" is satisfied by a "city".
SETTLEMENT_KINDS = frozenset(
    {"city", "capital", "town", "village", "hamlet", "settlement", "locality", "suburb", "municipality"}
)
PROMINENT_KINDS = frozenset({"capital", "country"})
# Places that take the name of the town they serve: "Przemyśl station", "Ramstein Air Base".
# When the text says "station" and only the town is known, the town is the right answer, not
# a mismatch. (A spaceport or a palace is not named that way: "Vostochny" villages are not
# the cosmodrome.)
NAMED_AFTER_TOWN_KINDS = frozenset({"station", "air base", "airport", "port", "naval base", "border crossing"})
# Airfields are named loosely ("Joint Base Andrews Airport", "base aérienne" for an airport):
# a hint of one is satisfied by any of them.
AIRFIELD_KINDS = frozenset({"airport", "air base", "airfield"})
# The hint of a name written as a country or a region is ("le Luxembourg", "en Saxe"; see
# discover/forms.py): only a country or a region fits it, a same-named town is a mismatch.
AREA_HINT = "area"
AREA_HINT_KINDS = frozenset({"country", "region"})
# The share of the story's weight near a namesake (support.Support), in log units: a namesake with
# all of the story near it gains about one point over one with none, as much as a hundredfold
# population; a tenth of the story (SUPPORT_SHARE) gains a third of that. A gain, never a loss: a
# place far from the rest of the story (a capital named in passing, the last leg home) is as
# believable as before, only its namesakes beside the story's other names are more so.
W_SUPPORT = 1.0
SUPPORT_SHARE = 0.1
# The story is beside a namesake only when a third of its places lie near it: a passing
# "Washington" (and the "Mount Sinai" it drew there) in a story about Iraq is not the story
# being in New York State, so its "Rome" is still Rome.
NEAR_SHARE = 1 / 3


@dataclass(frozen=True)
class Region:
    """A country the story names, as a centre (its capital) and a typical radius.

    The radius is the square root of its area: a place anywhere within it counts as that far
    from the story, so naming a country says "somewhere there", more weakly the bigger it is.
    """

    country: str  # ISO2, upper case
    center: LatLon
    radius_km: float


def _kinds_match(kind: str, hint: str) -> bool:
    kind, hint = kind.casefold(), hint.casefold()
    if kind == hint:
        return True
    if hint == AREA_HINT:
        return kind in AREA_HINT_KINDS
    if kind in AIRFIELD_KINDS and hint in AIRFIELD_KINDS:
        return True
    return kind in SETTLEMENT_KINDS and hint in SETTLEMENT_KINDS


def _named_after(kind: str, hint: str) -> bool:
    """A settlement when the text names a facility that takes its town's name."""
    return kind.casefold() in SETTLEMENT_KINDS and hint.casefold() in NAMED_AFTER_TOWN_KINDS


@dataclass(frozen=True)
class Context:
    """What the story already tells about where a name probably is."""

    points: tuple[LatLon, ...] = ()  # places already resolved in the story
    countries: frozenset[str] = field(default_factory=frozenset)  # ISO2 codes named/implied
    kind_hint: str | None = None  # e.g. "spaceport" when the sentence says "cosmodrome"
    language: str | None = None  # preferred answer language, e.g. "fr"
    regions: tuple[Region, ...] = ()  # where the story countries are (see ResolverChain)
    within: tuple[str, ...] = ()  # "US-AK": the text puts the name there ("Anchorage, Alaska")
    areas: tuple[Region, ...] = ()  # first-level divisions the story names ("US-AK" for "Alaska")
    # Remembered nearest distances; when set, its points are this context's points.
    memo: NearestMemo | None = field(default=None, compare=False, repr=False)
    # The story's names weighed where they may be (ResolverChain.resolve_many), and which of them
    # asks (its own weight does not support its own namesakes).
    support: Support | None = field(default=None, compare=False, repr=False)
    owner: int = -1

    def __post_init__(self) -> None:
        # Accept any iterables from callers but store canonical, hashable values. A memo's points are
        # so already (and converting them again for each request of a big story grew with its square).
        if self.memo is None or self.points is not self.memo.points:
            object.__setattr__(self, "points", tuple((float(lat), float(lon)) for lat, lon in self.points))
        object.__setattr__(self, "countries", frozenset(c.upper() for c in self.countries))
        object.__setattr__(self, "regions", tuple(self.regions))
        object.__setattr__(self, "areas", tuple(self.areas))

    def at(self, memo: NearestMemo) -> Context:
        """This context at ``memo``'s points, remembered there (``replace`` would make its other fields
        canonical again: they are already, and a big story's rounds ask thousands of times)."""
        at = object.__new__(Context)
        at.__dict__.update(self.__dict__, points=memo.points, memo=memo)
        return at

    def with_points(self, points: Iterable[LatLon]) -> Context:
        """This context with more story points (duplicates are not added twice)."""
        extra = tuple(p for p in dict.fromkeys(points) if p not in self.points)
        return replace(self, points=self.points + extra) if extra else self

    def region_km(self, place: Place) -> float | None:
        """How far ``place`` counts as being from the story because it lies in a story country."""
        if not place.has_coords or not place.country or place.country.upper() not in self.countries:
            return None
        code = place.country.upper()
        for region in self.regions:
            if region.country == code:
                return max(haversine_km(place.latlon, region.center), region.radius_km)
        return None

    @classmethod
    def from_places(
        cls,
        places: Iterable[Place],
        *,
        countries: Iterable[str] = (),
        kind_hint: str | None = None,
        language: str | None = None,
    ) -> Context:
        """A context from resolved places (those without coordinates are skipped)."""
        places = list(places)
        points = tuple(p.latlon for p in places if p.has_coords)
        codes = {c for c in countries} | {p.country for p in places if p.country}
        return cls(points=points, countries=frozenset(codes), kind_hint=kind_hint, language=language)

    def with_kind(self, kind_hint: str | None) -> Context:
        return replace(self, kind_hint=kind_hint)

    @property
    def centroid(self) -> LatLon | None:
        """Mean of the points on the sphere (correct across the antimeridian), or None."""
        if not self.points:
            return None
        x = y = z = 0.0
        for lat, lon in self.points:
            la, lo = math.radians(lat), math.radians(lon)
            x += math.cos(la) * math.cos(lo)
            y += math.cos(la) * math.sin(lo)
            z += math.sin(la)
        n = len(self.points)
        x, y, z = x / n, y / n, z / n
        if math.hypot(x, y, z) < 1e-9:  # antipodal points: no meaningful centre
            return self.points[0]
        return (math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x)))

    def viewbox(self, pad_km: float = 150.0) -> tuple[LatLon, LatLon] | None:
        """``((south, west), (north, east))`` around the points, padded by ``pad_km``; None if none.

        Boxes are clamped to valid latitudes/longitudes; Nominatim uses it only as a hint. A story
        across the 180° meridian (Chukotka and Alaska, Fiji) would span the whole globe from its
        westmost to its eastmost longitude, and Nominatim cannot take a box that wraps: the box
        covers the side of the meridian holding most of the story instead.
        """
        if not self.points:
            return None
        lats = [p[0] for p in self.points]
        lons = _one_side(sorted(p[1] for p in self.points))
        dlat = pad_km / 111.32
        mid = math.radians(max(abs(min(lats)), abs(max(lats))))
        dlon = pad_km / max(111.32 * math.cos(mid), 1.0)
        south, north = max(min(lats) - dlat, -90.0), min(max(lats) + dlat, 90.0)
        west, east = max(min(lons) - dlon, -180.0), min(max(lons) + dlon, 180.0)
        return ((south, west), (north, east))

    def nearest_km(self, latlon: LatLon) -> float | None:
        """Distance to the nearest story point, or None when the story has no points yet."""
        if self.memo is not None:
            return self.memo.nearest_km(latlon)
        if not self.points:
            return None
        return min(haversine_km(latlon, p) for p in self.points)

    def near_story(self, place: Place, far_km: float) -> bool:
        """Whether the story is where ``place`` is: within ``far_km`` of two of its places that are
        not one (a town and its airfield are one), unless the story is all in one place. One passing
        mention is not the story being there: a "Washington" named in passing (with Andrews beside it)
        leaves "Rome" Rome, "Canton" Guangzhou and "Florida" the state, not the towns near it; nor do
        a few passing places when most of the story is elsewhere (NEAR_SHARE)."""
        km = self.nearest_km(place.latlon)
        if km is None or km > far_km:
            return False
        near = (self.memo.within(place.latlon, far_km) if self.memo is not None
                else [p for p in self.points if haversine_km(place.latlon, p) <= far_km])
        if len(near) < NEAR_SHARE * len(self.points):
            return False
        return _spread(near) or not _spread(self.points)

    def area_gain(self, place: Place, area: Region) -> tuple[float, str]:
        """What lying in ``area``, a division the story names, is worth to ``place``: it counts as
        far from the story as from the area's centre, at least its radius, when that is nearer
        than its own distance (as a place in a story country does, at the division's scale)."""
        km = self.nearest_km(place.latlon) if place.has_coords else None
        if km is None:
            return 0.0, ""
        km = min(km, self.region_km(place) or km)
        inside = max(haversine_km(place.latlon, area.center), area.radius_km)
        if inside >= km:
            return 0.0, ""
        gain = W_DISTANCE * (math.log10(1.0 + km / DISTANCE_SCALE_KM) - math.log10(1.0 + inside / DISTANCE_SCALE_KM))
        return gain, f"in {area.country}, which the story names (counts as {inside:,.0f} km)"

    def score(self, place: Place) -> tuple[float, str]:
        """How well ``place`` fits the story, higher is better, with a human-readable reason."""
        total = 0.0
        reasons: list[str] = []
        if place.has_coords and self.points:
            km = self.nearest_km(place.latlon)
            assert km is not None
            reasons.append(f"{km:,.0f} km from nearest story place")
            # A country the story names is part of the story too, however far its other places.
            region_km = self.region_km(place)
            if region_km is not None and region_km < km:
                km = region_km
                reasons[-1] += f" but in story country {place.country} (counts as {km:,.0f} km)"
            total -= W_DISTANCE * math.log10(1.0 + km / DISTANCE_SCALE_KM)
        elif place.has_coords and self.regions and self.region_km(place) is None:
            # No place settled yet: the countries the story names are where it is, or a lone
            # namesake on another continent ("Brandenburg", Kentucky) would pass unopposed. It
            # counts as far as from their nearest edge (a centre less a radius); a place inside
            # them is anywhere there, so no distance tells its namesakes apart.
            km = min(max(haversine_km(place.latlon, r.center) - r.radius_km, 0.0) for r in self.regions)
            reasons.append(f"{km:,.0f} km from the story's countries")
            total -= W_DISTANCE * math.log10(1.0 + km / DISTANCE_SCALE_KM)
        elif not place.has_coords:
            total -= W_DISTANCE * 2  # cannot be placed on the map at all
            reasons.append("no coordinates")
        if place.has_coords and self.support is not None and place.kind not in PROMINENT_KINDS:
            share = self.support.share(place.latlon, self.owner)
            total += W_SUPPORT * math.log10(1.0 + share / SUPPORT_SHARE)
            reasons.append(f"{share:.0%} of the story within {SUPPORT_KM:,.0f} km")
        if place.country:
            if self.countries:
                inside = place.country.upper() in self.countries
                total += W_COUNTRY if inside else -W_COUNTRY
                reasons.append(("in " if inside else "outside story countries, in ") + place.country.upper())
            else:
                reasons.append(f"in {place.country.upper()}")
        if self.kind_hint:
            if _kinds_match(place.kind, self.kind_hint):
                total += W_KIND
                reasons.append(f"is a {place.kind} as the text suggests")
            elif _named_after(place.kind, self.kind_hint):
                reasons.append(f"is a {place.kind}; the {self.kind_hint} in the text may be named after it")
            else:
                total -= W_KIND
                reasons.append(f"is a {place.kind}, text suggests {self.kind_hint}")
        if place.kind in PROMINENT_KINDS:
            total += CAPITAL_BONUS
            reasons.append(place.kind)
        if place.population:
            total += min(W_POPULATION * math.log10(1.0 + place.population), POPULATION_CAP)
            reasons.append(f"pop {place.population:,}")
        return total, "; ".join(reasons)


def _spread(points: Sequence[LatLon]) -> bool:
    """Whether the points are in more than one place: one lies DISTANCE_SCALE_KM from the first
    (linear in the points: a 10,000-article story has hundreds)."""
    return any(haversine_km(points[0], p) > DISTANCE_SCALE_KM for p in points[1:])


def _one_side(lons: list[float]) -> list[float]:
    """Sorted longitudes, or those on one side of the 180° meridian when the shortest arc holding
    them all crosses it (the side with more of them; the eastern hemisphere's on a tie)."""
    if len(lons) < 2:
        return lons
    gaps = [(b - a, i) for i, (a, b) in enumerate(zip(lons, lons[1:]))]
    widest, at = max(gaps)
    if widest <= lons[0] + 360.0 - lons[-1]:
        return lons  # the widest gap is across the meridian: the arc does not cross it
    west_side, east_side = lons[: at + 1], lons[at + 1 :]  # east_side: just west of 180°
    return east_side if len(east_side) >= len(west_side) else west_side


def plausibility(score: float) -> float:
    """0..1: how believable a single answer with this score is, ignoring its rivals."""
    return 1.0 / (1.0 + math.exp(-PLAUSIBLE_SLOPE * (score - PLAUSIBLE_SCORE)))


def rank(candidates: Iterable[Candidate], context: Context) -> list[Candidate]:
    """Candidates re-scored against ``context``, best first.

    Each input ``score`` is the resolver's prior (0 when it has none, negative for a weak name
    match) and is added to the context score; the reason keeps both parts. Ties keep input order.
    """
    scored: list[Candidate] = []
    for cand in candidates:
        value, why = context.score(cand.place)
        reason = "; ".join(part for part in (why, cand.reason) if part)
        scored.append(Candidate(place=cand.place, score=cand.score + value, reason=reason))
    scored.sort(key=lambda c: -c.score)
    return scored


def confidence(ranked: Sequence[Candidate]) -> float:
    """0..1 confidence in ``ranked[0]``: the logistic of its margin over the runner-up times its
    own plausibility, so both a clear margin and a believable score are needed.
    """
    if not ranked:
        return 0.0
    best = ranked[0].score
    margin_share = 1.0 if len(ranked) == 1 else 1.0 / (1.0 + math.exp(-(best - ranked[1].score)))
    return margin_share * plausibility(best)
