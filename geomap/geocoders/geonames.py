"""Offline GeoNames resolver: namesakes from the index ranked by the story context."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import NamedTuple

from ..model import Candidate, Place, ResolverName
from .base import fold_key, haversine_km
from .context import NEAR_SHARE, Context, rank
from .geonames_index import GeoNamesIndex
from .regions import us_state
from .spelling import respellings
from .support import SUPPORT_KM

ALTERNATE_PENALTY = -1.0  # matching only an alternate spelling is weaker evidence than the name
EXONYM_PENALTY = -0.5  # the same in a story not in English, where exonyms are what writers use
# World-city prior: when no namesake lies within FAR_KM of the story, the story is not where
# the name is, and a capital or a city of WORLD_CITY_POP people is the one a writer means from
# afar ("Rome", "Canton" for Guangzhou, "Calcutta"); its old or foreign names are well known,
# so matching one of them costs nothing. Near the story, proximity decides as before.
FAR_KM = 500.0
WORLD_CITY_POP = 1_000_000
# A city of half a million bearing the name as its own is what a writer means from afar too
# ("San Francisco" from Lima or Rome, "Ulaanbaatar" from Marseille), but only when no namesake
# lies within FAR_KM of any story point: a border town beside a passing point is still meant
# over a namesake province city ("Pingxiang" on the way from Nanning to Hanoi).
KNOWN_CITY_POP = 500_000
WORLD_CITY_BONUS = 2.0
# A US state, or another country's first-level division ("Cornwall", "Mayo"), is named far more
# often than the small towns sharing its name, and its single point (see regions.py, the index's
# divisions) understates how near the story it may be; like a capital's bonus. (A US state has no
# population in the data and gets WORLD_CITY_BONUS too when no namesake is near the story; a
# division counts its towns' people.)
STATE_PRIOR = 1.5
# A town a hundredth the size of a world city bearing its name is no rival to it unless the text
# says it is meant ("Berlin, New Jersey"): a story in Philadelphia recalling a speech in Berlin
# means Germany's capital, though a small Berlin lies beside the story. Nor is a place matching
# the name only by an alternate or the head of its longer name a rival to a place a hundred times
# its size named exactly that: "Marseille" beside Paris is not the village Marseille-en-Beauvaisis.
# (A town named exactly so stays a rival to a bigger one that is no world city: the border town
# Pingxiang beside a story on the Vietnamese border is meant over the province city of 900,000.)
NAMESAKE_SHARE = 0.01
# A city of LEADING_POP bearing the name, LEADING_RATIO times the size of every namesake and no world
# city (those have their own rules, above), is what the unqualified name means: writers qualify the
# small ones ("Geneva, New York", "Frankfurt (Oder)"). So a namesake beside a story point is no rival
# to it ("a conference at Geneva" in a story in Jerusalem that names Washington is not Geneva, New
# York) unless the story is there: a third of its weight beside it (NEAR_SHARE; the border town
# Pingxiang on the way from Nanning to Hanoi, over the province city of 900,000), or beside a story
# point in a story country the leading city is not in (Windsor in a story in England, not Ontario's).
LEADING_POP = 100_000
LEADING_RATIO = 5.0
# The language of the lexicon's country names (discover.yaml ``countries_fr``: those that differ
# from GeoNames' English ones), and so the language in which a country's English name is not it.
EXONYM_LANGUAGE = "fr"


def _matches_or_respelt(index: GeoNamesIndex, query: str) -> list[tuple[Place, bool]]:
    """Places called ``query``; failing those, places called a respelling of it ("Vnoukovo" →
    "Vnukovo"), counted as alternate names."""
    found = index.matches(query)
    for variant in () if found else respellings(query):
        found = [(place, False) for place, _ in index.matches(variant)]
        if found:
            break
    return found


def world_city(place: Place) -> bool:
    """Whether ``place`` is named from anywhere: a capital or a place of WORLD_CITY_POP people."""
    return place.has_coords and (place.kind == "capital" or (place.population or 0) >= WORLD_CITY_POP)


def _outweighed(found: list[tuple[Place, bool]], key: str) -> list[tuple[Place, bool]]:
    """``found`` less the towns a hundredth the size of a world city bearing the name as its own, and
    the places matching ``key`` only by an alternate or the head of a longer name a hundredth the size
    of a place named exactly that."""
    biggest = max((place.population or 0 for place, is_name in found if is_name and world_city(place)), default=0)
    named = [fold_key(place.name) == key for place, _ in found]  # folded once: both passes ask it
    exact = max((place.population or 0 for (place, _), same in zip(found, named) if same), default=0)
    return [(place, is_name) for (place, is_name), same in zip(found, named)
            if world_city(place) or (place.population or 0) >= NAMESAKE_SHARE * (
                biggest if same else max(biggest, exact))]


def _division_outweighed(found: list[tuple[Place, bool]]) -> list[tuple[Place, bool]]:
    """``found`` less the first-level divisions a town bearing their name as its own outnumbers: the
    Gaza Strip's city, not Mozambique's Gaza province, though the story passed by Johannesburg.
    (A town of the division's own country named so left it out of the data already.)"""
    town = max((place.population or 0 for place, is_name in found if is_name and place.kind != "region"), default=0)
    return [(place, is_name) for place, is_name in found if place.kind != "region" or (place.population or 0) > town]


def _leading(found: list[tuple[Place, bool]]) -> Place | None:
    """The city ``found`` names that is what the name means (LEADING_POP, LEADING_RATIO times every
    other namesake), among those bearing the name as their own when any does; else None."""
    own = [place for place, is_name in found if is_name] or [place for place, _ in found]
    best = max(own, key=lambda place: place.population or 0, default=None)
    if (best is None or best.kind in ("region", "country") or world_city(best)  # (its own rules, above)
            or (best.population or 0) < LEADING_POP):
        return None
    if any(place is not best and LEADING_RATIO * (place.population or 0) > (best.population or 0)
           for place, _ in found):
        return None
    return best


def _rival(place: Place, leader: Place, context: Context) -> bool:
    """Whether a namesake of the leading city stays a rival to it: the story is where it is (a third
    of the story's weight within SUPPORT_KM, or of its points when unweighed), or it lies beside a
    story point in a story country the leading city is not in ("Windsor" in a story in England is
    the castle's town, not Ontario's city of 230,000)."""
    if not place.has_coords:
        return False
    if context.support is not None:
        if context.support.share(place.latlon, context.owner) >= NEAR_SHARE:
            return True
    elif context.near_story(place, SUPPORT_KM):
        return True
    countries = context.countries
    if (place.country or "").upper() not in countries or (leader.country or "").upper() in countries:
        return False
    km = [d for d in (context.nearest_km(place.latlon), context.region_km(place)) if d is not None]
    return bool(km) and min(km) <= SUPPORT_KM


class _Qualified(NamedTuple):
    """A name's namesakes as its qualifier leaves them, before the story's points are weighed."""

    key: str  # the name, folded
    found: list[tuple[Place, bool]]
    leader: Place | None  # the city the unqualified name means (``_leading``)
    state: Place | None  # the US state so named
    code: str | None  # the country the lexicon names so, and its entry
    country: Place | None


def _far_from_story(found: list[tuple[Place, bool]], context: Context, measured: list[bool]) -> bool:
    """Whether every namesake in ``found`` lies more than FAR_KM from the story's points; measured
    once (kept in ``measured``), the first time a big city asks."""
    if not measured:
        measured.append(all((context.nearest_km(place.latlon) or 0.0) > FAR_KM for place, _ in found
                            if place.has_coords))
    return measured[0]


class GeoNamesGeocoder:
    """Resolver over a :class:`GeoNamesIndex`, ranking namesakes by the story context."""

    name: ResolverName = "geonames"

    def __init__(
        self, index: GeoNamesIndex, *, max_candidates: int = 200, exonyms: Mapping[str, str] | None = None
    ) -> None:
        self.index = index
        self.max_candidates = max_candidates  # caps work for very common names
        self.warnings: list[str] = []
        self._exonyms = exonyms
        # (query, story language) -> namesakes, fetched once
        self._found: dict[tuple[str, str | None], list[tuple[Place, bool]]] = {}
        # (query, story language, the regions the text puts it in) -> what of it the story's points do not change
        self._qualified_cache: dict[tuple[str, str | None, tuple[str, ...]], _Qualified] = {}

    @property
    def exonyms(self) -> Mapping[str, str]:
        """Folded country names GeoNames lacks ("roumanie") → ISO2, from the packaged lexicon."""
        if self._exonyms is None:
            # GeoNames lists countries under their English names only; the French ones are
            # language knowledge in geomap/data, read where discovery reads them.
            from ..discover.lexicon import load_lexicon

            self._exonyms = load_lexicon().countries
        return self._exonyms

    def _named_otherwise(self, place: Place, key: str, language: str | None) -> bool:
        """Whether ``place`` is a country the lexicon names otherwise in ``language`` (EXONYM_LANGUAGE)
        than ``key``: the English "Mexico" in French text, where the country is "Mexique"."""
        return (language == EXONYM_LANGUAGE and place.kind == "country" and key not in self.exonyms
                and place.country in self._exonym_codes)

    @cached_property
    def _exonym_codes(self) -> frozenset[str | None]:
        """The countries the lexicon has a name for in EXONYM_LANGUAGE."""
        return frozenset(self.exonyms.values())

    def _near_region(self, place: Place, regions: tuple[str, ...]) -> bool:
        """Whether ``place`` is within FAR_KM of a country the text puts it in: "Avel, Eskaria"
        is Eskaria's Avel, but "la résidence Avel, en Corinie" is no town Avel far from Corinie."""
        for code in regions:
            region = self.index.region(code.partition("-")[0])
            if region is not None and place.has_coords and (
                    haversine_km(place.latlon, region.center) - region.radius_km <= FAR_KM):
                return True
        return False

    def _in_area(self, cand: Candidate, context: Context) -> Candidate:
        """``cand`` with what lying in a first-level division the story names is worth to it."""
        for area in context.areas:
            if self.index.within(cand.place, area.country):
                gain, why = context.area_gain(cand.place, area)
                if gain > 0:
                    return Candidate(cand.place, cand.score + gain, "; ".join(p for p in (cand.reason, why) if p))
        return cand

    def _namesakes(self, query: str, language: str | None) -> list[tuple[Place, bool]]:
        """The places called ``query`` that may be meant in a story in ``language``, fetched once."""
        found = self._found.get((query, language))
        if found is None:
            key = fold_key(query)
            # An alternate name that only opens the place's own longer name is a partial match:
            # "Maryland" listed for "Maryland City" does not make the state a town. World cities
            # keep theirs: "New York" is New York City, "Mexico" may be Mexico City. A country the
            # story's language names otherwise is not meant by its English name: French writes
            # "le Mexique", so "à Mexico" is the city.
            found = [
                (place, is_name)
                for place, is_name in _matches_or_respelt(self.index, query)[: self.max_candidates]
                if (is_name or world_city(place) or not fold_key(place.name).startswith(key + " "))
                and not self._named_otherwise(place, key, language)
            ]
            # A world city bearing the name as its own is what the name means wherever the story
            # is: other places listing it among their alternates are no namesakes ("Rome" is no
            # Lomé, "Dili" no Delhi, though the story passed by them).
            if any(is_name and world_city(place) for place, is_name in found):
                found = [(place, is_name) for place, is_name in found if is_name]
            found = _division_outweighed(found)
            self._found[(query, language)] = found
        return found

    def _qualified(self, query: str, context: Context) -> _Qualified:
        """What of ``query``'s namesakes does not depend on the story's points, once per name, language
        and qualifier (``resolve_many`` ranks a name again at every round that brings a point nearer)."""
        known = self._qualified_cache.get((query, context.language, context.within))
        if known is not None:
            return known
        key = fold_key(query)
        found = self._namesakes(query, context.language)
        leader = None
        if context.within:  # "Anchorage, Alaska": only namesakes there; else only near there
            found = ([f for f in found if any(self.index.within(f[0], r) for r in context.within)]
                     or [f for f in found if self._near_region(f[0], context.within)])
        else:  # unqualified, the name is a world city's before a town a hundredth its size
            found = _outweighed(found, key)
            leader = _leading(found)
        code = self.exonyms.get(key)
        known = self._qualified_cache[(query, context.language, context.within)] = _Qualified(
            key, found, leader, us_state(query), code, self.index.country(code) if code else None)
        return known

    def candidates(self, query: str, context: Context) -> list[Candidate]:
        key, found, leader, state, code, country = self._qualified(query, context)
        # (Only once the story has points: before, its countries alone rank the namesakes, and the
        # rivals' margin keeps a first name a town also bears from being settled first.)
        if leader is not None and context.points:  # a leading city's before a namesake the story is not beside
            found = [(place, is_name) for place, is_name in found if place is leader or _rival(place, leader, context)]
        # Whether the story is beside one of these places; asked only when a world city or a US state is
        # to be favoured (the test walks the story's points).
        far = any(world_city(place) for place, _ in found) and not any(
            context.near_story(place, FAR_KM) for place, _ in found if place.has_coords)
        measured: list[bool] = []  # whether no namesake is near the story: asked at most once
        # Countries where a place bears the name as its own: there it is a local name, and
        # another town listing it is no French exonym ("Harrisburg" for Brownsburg, Indiana).
        own = {place.country for place, is_name in found if is_name}
        priors = []
        for place, is_name in found:
            if place.kind == "region":  # its people (its towns') count as a town's would
                priors.append(Candidate(place, STATE_PRIOR, "first-level division"))
            elif (far and world_city(place)) or (place.kind == "city" and (place.population or 0) >= KNOWN_CITY_POP
                                                and _far_from_story(found, context, measured)):
                why = "world city, no namesake near the story" + ("" if is_name else " (alternate name)")
                priors.append(Candidate(place, WORLD_CITY_BONUS, why))
            else:
                # A French story writes French exonyms ("Samarcande"): GeoNames' alternates, as
                # expected there as the main name is in English.
                exonym = context.language not in (None, "en") and place.country not in own
                penalty = EXONYM_PENALTY if exonym else ALTERNATE_PENALTY
                priors.append(Candidate(place, 0.0 if is_name else penalty, "" if is_name else "alternate name"))
        if context.areas:  # "Anchorage" in a story that names Alaska
            priors = [self._in_area(c, context) for c in priors]
        if state is not None:  # a region GeoNames cities lack: "Maryland" is the state
            # Like a world city, named from afar: its namesake towns need the story beside them,
            # and only towns bearing the name as their own count, or world cities ("Alaska", an
            # old name of a West Virginia town, does not make a story near Washington about it;
            # "New York" near Washington is still the city).
            alone = not any(context.near_story(place, FAR_KM) for place, is_name in found
                            if (is_name or world_city(place)) and place.has_coords)
            priors.append(Candidate(state, STATE_PRIOR + (WORLD_CITY_BONUS if alone else 0.0),
                                    "US state" + (", no namesake near the story" if alone else "")))
        # Only when no place of that country bears the name: "Singapour" is the city-state's city.
        if country is not None and all(p.country != country.country for p, _ in found):
            priors.append(Candidate(country, 0.0, f"country name in another language ({code})"))
        return rank(priors, context)
