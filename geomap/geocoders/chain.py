"""The resolver chain: curated gazetteer, then offline GeoNames, then (if allowed) online."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace

from ..model import Candidate, Place, Resolution, ResolverName
from .base import Resolver, fold_key
from .context import Context, confidence, rank
from .geonames import GeoNamesGeocoder, GeoNamesIndex
from .online import OnlineGeocoder

#: Below this a resolver's best candidate is not accepted and the next resolver is asked.
MIN_CONFIDENCE = 0.3
GENERIC_KINDS = frozenset({"place", ""})


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
    ) -> None:
        self.gazetteer = GazetteerResolver(gazetteer_places) if gazetteer_places else None
        self.geonames = GeoNamesGeocoder(geonames) if geonames is not None else None
        self.index = geonames
        self.online = online
        self.min_confidence = min_confidence
        self.keep_candidates = keep_candidates
        self._warnings: list[str] = []

    @property
    def resolvers(self) -> list[Resolver]:
        """The configured resolvers, in the order they are asked."""
        chain: list[Resolver] = []
        for resolver in (self.gazetteer, self.geonames, self.online):
            if resolver is not None:
                chain.append(resolver)
        return chain

    @property
    def warnings(self) -> list[str]:
        """Warnings of the chain and its resolvers (index rebuilt, online failures, cache set aside)."""
        merged: list[str] = []
        sources = [self._warnings, getattr(self.index, "warnings", []), getattr(self.online, "warnings", [])]
        for source in sources:
            merged.extend(w for w in source if w not in merged)
        return merged

    def _try(self, resolver: Resolver, query: str, context: Context, country: str | None = None) -> Resolution | None:
        ranked = resolver.candidates(query, context)
        if country:  # a curated country is a fact, not a preference: namesakes elsewhere are out
            ranked = [c for c in ranked if c.place.country in (None, country)]
        if not ranked or not ranked[0].place.has_coords:
            return None
        if isinstance(resolver, GazetteerResolver):
            conf = resolver.confidence(ranked)
        else:
            conf = confidence(ranked)
        if conf < self.min_confidence:
            return None
        best = ranked[0]
        return Resolution(
            query=query,
            place=best.place,
            resolver=resolver.name,
            confidence=round(conf, 3),
            reason=best.reason,
            candidates=tuple(ranked[: self.keep_candidates]),
        )

    def resolve(self, query: str, context: Context) -> Resolution | None:
        """The first acceptable answer for ``query``, or None when no resolver places it."""
        for resolver in self.resolvers:
            found = self._try(resolver, query, context)
            if found is not None:
                return found
        return None

    def resolve_place(self, place: Place, context: Context) -> Resolution | None:
        """Coordinates for a curated entry lacking them: its name, then its aliases, offline first.

        The entry's country is a filter and, with its kind (unless generic), sharpens the context.
        """
        if place.country:
            context = replace(context, countries=frozenset({place.country.upper()}))
        if place.kind not in GENERIC_KINDS and context.kind_hint is None:
            context = replace(context, kind_hint=place.kind)
        names = list(dict.fromkeys((place.name, *place.aliases)))
        for resolver in (self.geonames, self.online):
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
