"""The resolver chain: curated gazetteer, then offline GeoNames, then (if allowed) online."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from ..model import Candidate, LatLon, Place, Resolution, ResolverName
from .airports import AirportsGeocoder
from .base import Resolver, fold_key, haversine_km
from .context import AIRFIELD_KINDS, Context, Region, confidence, rank
from .geonames import GeoNamesGeocoder
from .geonames_index import GeoNamesIndex
from .nearest import NearestMemo, NearestTable
from .online import OnlineGeocoder
from .rounds import Rounds
from .support import Support

#: Below this a resolver's best candidate is not accepted and the next resolver is asked.
MIN_CONFIDENCE = 0.3
#: How far from a town a place the text puts near it may lie ("près de", "à 80 km de", "near").
NEAR_KM = 200.0
#: Kinds whose point says nothing about where the story happens (a country's is its capital).
AREA_KINDS = frozenset({"country", "region"})
GENERIC_KINDS = frozenset({"place", ""})
#: A town whose name heads the compound name of an airfield no resolver knows ("l'aéroport de
#: Rome-Fiumicino", "Pékin-Capitale") stands for it when it is a city big enough to have one: not
#: a small namesake of a first name ("aéroport Félix-Houphouët-Boigny").
HUB_TOWN_POPULATION = 100_000


class GazetteerResolver:
    """Exact folded name or alias → curated places that have coordinates."""

    name: ResolverName = "gazetteer"

    def __init__(self, places: Mapping[str, Place]) -> None:
        self._by_key: dict[str, list[Place]] = defaultdict(list)
        for place in places.values():
            if not place.has_coords:
                continue
            for label in (place.name, *place.aliases):
                bucket = self._by_key[fold_key(label)]
                if place not in bucket:
                    bucket.append(place)

    def candidates(self, query: str, context: Context) -> list[Candidate]:
        found = self._by_key.get(fold_key(query), [])
        return rank((Candidate(p, 0.0, "curated") for p in found), context)

    @staticmethod
    def confidence(ranked: Sequence[Candidate]) -> float:
        # Curated entries are trusted; only a shared alias leaves doubt, measured by the margin.
        if len(ranked) < 2:
            return 1.0 if ranked else 0.0
        return 1.0 / (1.0 + math.exp(-(ranked[0].score - ranked[1].score)))


class ResolverChain:
    """Asks each configured resolver in turn; the first acceptable candidate wins."""

    def __init__(
        self,
        gazetteer_places: Mapping[str, Place] | None,
        geonames: GeoNamesIndex | None,
        online: OnlineGeocoder | None,
        *,
        min_confidence: float = MIN_CONFIDENCE,
        keep_candidates: int = 5,
        airports: AirportsGeocoder | None | bool = True,
    ) -> None:
        self.gazetteer = GazetteerResolver(gazetteer_places) if gazetteer_places else None
        self.geonames = GeoNamesGeocoder(geonames) if geonames is not None else None
        # Airfields are offline reference data too: asked with GeoNames (True: the packaged
        # airportsdata, loaded only when a name or its kind hint says airport/air base).
        if airports is True:
            # The airfields' index is cached beside the GeoNames one.
            where = getattr(geonames, "path", None)
            airports = AirportsGeocoder(cache_dir=where.parent if where else None) if geonames is not None else None
        self.airports: AirportsGeocoder | None = airports or None
        self.index = geonames
        self.online = online
        self.min_confidence = min_confidence
        self.keep_candidates = keep_candidates
        self._warnings: list[str] = []
        self._regions: dict[str, Region | None] = {}
        self._regions_of: dict[frozenset[str], tuple[Region, ...]] = {}

    @property
    def resolvers(self) -> list[Resolver]:
        """The configured resolvers, in the order they are asked."""
        chain: list[Resolver] = []
        # Airfields before GeoNames: when the text says "airport", the town it serves is the
        # fallback, not the answer. (The airfield resolver stays silent for other names.)
        for resolver in (self.gazetteer, self.airports, self.geonames, self.online):
            if resolver is not None:
                chain.append(resolver)
        return chain

    @property
    def warnings(self) -> list[str]:
        """Warnings of the chain and its resolvers (index rebuilt, online failures, cache set aside)."""
        merged: list[str] = []
        sources = [self._warnings, getattr(self.index, "warnings", []), getattr(self.online, "warnings", []),
                   getattr(getattr(self.airports, "_index", None), "warnings", [])]
        for source in sources:
            merged.extend(w for w in source if w not in merged)
        return merged

    def with_regions(self, context: Context) -> Context:
        """``context`` plus where its countries lie (from GeoNames), unless it already says."""
        if context.regions or not context.countries or self.index is None:
            return context
        regions = self._regions_of.get(context.countries)
        if regions is None:  # once per set of countries: each of a story's names asks it
            for code in context.countries - self._regions.keys():
                self._regions[code] = self.index.region(code)
            regions = self._regions_of[context.countries] = tuple(
                r for c in sorted(context.countries) if (r := self._regions[c]) is not None)
        return replace(context, regions=regions)

    def _try(self, resolver: Resolver, query: str, context: Context, country: str | None = None) -> Resolution | None:
        return self._attempt(resolver, query, context, country)[0]

    def _attempt(
        self, resolver: Resolver, query: str, context: Context, country: str | None = None
    ) -> tuple[Resolution | None, bool]:
        """The resolver's acceptable answer (or None) and whether it had any candidate at all."""
        ranked = resolver.candidates(query, context)
        if country:  # a curated country is a fact, not a preference: namesakes elsewhere are out
            ranked = [c for c in ranked if c.place.country in (None, country)]
        if not ranked:
            return None, False
        if not ranked[0].place.has_coords:
            return None, True
        conf = resolver.confidence(ranked) if isinstance(resolver, GazetteerResolver) else confidence(ranked)
        if conf < self.min_confidence:
            return None, True
        best = ranked[0]
        return Resolution(
            query=query,
            place=best.place,
            resolver=resolver.name,
            confidence=round(conf, 3),
            reason=best.reason,
            candidates=tuple(ranked[: self.keep_candidates]),
        ), True

    def resolve(self, query: str, context: Context) -> Resolution | None:
        """The first acceptable answer for ``query``, or None when no resolver places it."""
        context = self.with_regions(context)
        for resolver in self.resolvers:
            found = self._try(resolver, query, context)
            if found is not None:
                return found
        return self._hub_town([r for r in self.resolvers if r is not self.online], query, context)

    def _hub_town(self, offline: Sequence[Resolver], query: str, context: Context) -> Resolution | None:
        """The city heading an airfield's compound name that no resolver placed ("l'aéroport de
        Rome-Fiumicino" is Rome's airport): the airport stands for its city, which the journey keeps
        as the stop anyway. None unless the text says airfield and the head is a big enough city."""
        head, dash, rest = query.partition("-")
        if not (dash and head[:1].isupper() and rest[:1].isupper()
                and (context.kind_hint or "").casefold() in AIRFIELD_KINDS):
            return None
        town = replace(context, kind_hint=None)
        for resolver in offline:
            res = self._try(resolver, head, town)
            if res is None:
                continue
            big = res.resolver == "gazetteer" or res.place.kind == "capital" or (
                res.place.population or 0) >= HUB_TOWN_POPULATION
            return replace(res, query=query, reason=f"{res.reason}; the city of the airfield {query!r}") if big else None
        return None

    def resolve_many(
        self, requests: Sequence[tuple[str, Context]], progress: Callable[[int, int], None] | None = None,
        weights: Sequence[float] | None = None,
    ) -> list[Resolution | None]:
        """Resolve several names of one story, each with its own context, letting them help each other.

        Offline resolvers go first, in rounds: every still-open name is ranked against its context
        plus the places settled so far; the sure answers (and, failing those, the single best one)
        are settled and their points join the context. So a doubtful namesake ("Mihail Kogălniceanu",
        five villages in one country) is decided next to the surer name beside it in the text
        ("Constanța"). The online geocoder is asked last, once per name still open, with the final
        context (a changing context would change its cached request). ``progress(settled, total)``
        is told after each round. Each name also weighs where the story is (:class:`Support`: its
        ``weights``, how often the text names it, 1 each by default; the context's points 1 each).
        """
        results: list[Resolution | None] = [None] * len(requests)
        offline = [r for r in self.resolvers if r is not self.online]
        support = self._support(offline, requests, weights or [1.0] * len(requests))
        requests = [(query, replace(context, support=support, owner=i)) for i, (query, context) in enumerate(requests)]
        # Each request's context with its regions, made once: a round swaps in only the points.
        asked = [self.with_regions(context) for _, context in requests]
        found_points: list[tuple[float, float]] = []
        # Per name: its nearest-distance memo, and its last answer, asked again only when a new point
        # comes nearer to one of its candidates (else its ranking cannot have changed). Names that
        # start from the same points share one table of distances (a story's all do).
        tables: dict[tuple[LatLon, ...], tuple[NearestTable, list[int]]] = {}
        memos: list[NearestMemo] = []
        for i, (_, context) in enumerate(requests):
            table, owners = tables.setdefault(context.points, (NearestTable(context.points), []))
            owners.append(i)
            memos.append(NearestMemo(table, i))
        rounds = Rounds(len(requests))
        ask: set[int] = set(rounds.open)  # at first, every name
        while rounds.open:
            for i in sorted(ask & rounds.open):
                res, hopeful = self._ask(offline, requests[i][0], asked[i].at(memos[i]))
                rounds.answer(i, res, hopeful)
            settled = rounds.settle()
            if not settled:
                break
            start = len(found_points)
            for i, res in settled:
                results[i] = res
                if res.place.has_coords and res.place.kind not in AREA_KINDS:
                    found_points.append(res.place.latlon)
            ask = set()
            for table, owners in tables.values():
                nearer = table.add(found_points[start:])
                ask |= set(owners) if nearer is None else table.asked_by(nearer)  # None: its first points
            if progress is not None:
                progress(len(requests) - len(rounds.open), len(requests))
        if self.online is not None:
            for i in range(len(requests)):
                if results[i] is None:
                    query, context = requests[i]
                    context = self.with_regions(context.with_points(found_points))
                    results[i] = self._try(self.online, query, context)
        return results

    def _support(self, offline: Sequence[Resolver], requests: Sequence[tuple[str, Context]],
                 weights: Sequence[float]) -> Support:
        """The story's names weighed where they may be, before any is settled: each name's weight
        shared among its namesakes by how they rank on the story's countries alone (no other name's
        answer, so no namesake vouches for another), and the context's points (1 each)."""
        points: list[tuple[LatLon, float, int]] = []
        for i, ((query, context), weight) in enumerate(zip(requests, weights)):
            alone = self.with_regions(replace(context, points=(), memo=None, support=None))
            ranked: list[Candidate] = []
            for resolver in offline:
                ranked = resolver.candidates(query, alone)[: self.keep_candidates]
                if ranked:
                    break
            ranked = [c for c in ranked if c.place.has_coords and c.place.kind not in AREA_KINDS]
            if ranked:
                top = ranked[0].score
                odds = [math.exp(c.score - top) for c in ranked]
                points += [(c.place.latlon, weight * o / sum(odds), i) for c, o in zip(ranked, odds)]
        points += [(p, 1.0, -1) for p in dict.fromkeys(p for _, context in requests for p in context.points)]
        return Support(points)

    def resolve_near(
        self, requests: Sequence[tuple[str, Context]], nearby: Sequence[int | LatLon | None],
        progress: Callable[[int, int], None] | None = None, weights: Sequence[float] | None = None,
    ) -> list[Resolution | None]:
        """:meth:`resolve_many`, except for names the text puts near a town ("Woodside, près de San
        Francisco"; ``nearby``: that town's point, or the index of the request naming it): those are
        resolved afterwards as if the story were at that town, and only a namesake within NEAR_KM
        of it is taken (the story's other points would pick Woodside, New York)."""
        free = [i for i, n in enumerate(nearby) if n is None]
        results: list[Resolution | None] = [None] * len(requests)
        free_weights = [weights[i] for i in free] if weights is not None else None
        for i, res in zip(free, self.resolve_many([requests[i] for i in free], progress, free_weights)):
            results[i] = res
        for i, n in enumerate(nearby):
            if n is None:
                continue
            query, context = requests[i]
            town = results[n] if isinstance(n, int) else None
            point = n if not isinstance(n, int) else (
                town.place.latlon if town is not None and town.place.has_coords and town.place.kind not in AREA_KINDS
                else None)
            if point is None:
                results[i] = self.resolve(query, context)
                continue
            res = self.resolve(query, replace(context, points=(point,), memo=None))
            close = res is not None and res.place.has_coords and haversine_km(res.place.latlon, point) <= NEAR_KM
            results[i] = res if close else None
        return results

    def _ask(self, offline: Sequence[Resolver], query: str, context: Context) -> tuple[Resolution | None, bool]:
        """The first offline answer for one request (or None) and whether any resolver had candidates."""
        hopeful = False
        for resolver in offline:
            res, had = self._attempt(resolver, query, context)
            hopeful = hopeful or had
            if res is not None:
                return res, True
        town = self._hub_town(offline, query, context)
        return (town, True) if town is not None else (None, hopeful)

    def resolve_place(self, place: Place, context: Context) -> Resolution | None:
        """Coordinates for a curated entry lacking them: its name, then its aliases, offline first.

        The entry's country is a filter and, with its kind (unless generic), sharpens the context.
        """
        if place.country:
            context = replace(context, countries=frozenset({place.country.upper()}), regions=())
        if place.kind not in GENERIC_KINDS and context.kind_hint is None:
            context = replace(context, kind_hint=place.kind)
        context = self.with_regions(context)
        names = list(dict.fromkeys((place.name, *place.aliases)))
        for resolver in (self.airports, self.geonames, self.online):
            if resolver is None:
                continue
            for name in names:
                found = self._try(resolver, name, context, place.country.upper() if place.country else None)
                if found is not None:
                    return found
        self._warnings.append(
            f"gazetteer place {place.id!r} has no coordinates and no resolver placed it confidently"
        )
        return None
