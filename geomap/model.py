"""Frozen value types shared by every stage: articles, places, mentions, resolutions, journeys, time expressions.

Coordinates are always ``(lat, lon)`` in decimal degrees (WGS 84) in Python objects;
only GeoJSON output and shapely geometries use ``(lon, lat)`` order.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Literal

LatLon = tuple[float, float]

#: Which resolver supplied a place's coordinates (also the GeoJSON ``resolver`` value); "text" when
#: none did and the text placed it approximately from another place (geomap.anchored).
ResolverName = Literal["gazetteer", "geonames", "geocoder", "text"]
#: Below this confidence a resolver's choice is flagged (summary, mentions.csv).
LOW_CONFIDENCE = 0.5

#: A place's part in the story (the GeoJSON ``role`` value).
Role = Literal["stop", "site", "mention"]


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of an article, as character offsets into ``Article.text``."""

    index: int
    start: int
    end: int


@dataclass(frozen=True)
class Article:
    """One article: the original text (offsets refer to it) plus its metadata."""

    id: str
    path: Path
    text: str = field(repr=False)  # printing an article shows what it is, not all of it
    title: str | None = None
    date: dt.date | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None  # "fr", "en", … or None when unknown
    sentences: tuple[Sentence, ...] = field(default=(), repr=False)
    warnings: tuple[str, ...] = ()  # e.g. "decoded as cp1252"
    # The day it was published when ``date`` is the one the inference reads it as of (a retelling years on).
    published: dt.date | None = None

    def sentence_at(self, offset: int) -> Sentence:
        """The sentence containing character ``offset`` (the last one before it if in a gap)."""
        i = max(bisect_right(self.sentences, offset, key=lambda s: s.start) - 1, 0)  # no list per call
        return self.sentences[i]

    def sentence_text(self, index: int) -> str:
        """The original text of sentence ``index``."""
        s = self.sentences[index]
        return self.text[s.start : s.end]


@dataclass(frozen=True)
class Place:
    """A named place: curated in the gazetteer or found by a resolver."""

    id: str
    name: str
    kind: str = "place"
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO 3166-1 alpha-2, upper case
    aliases: tuple[str, ...] = ()
    source: str | None = None  # where the coordinate comes from (URL or description)
    line: tuple[LatLon, ...] = ()  # optional polyline for rivers, borders, …
    population: int | None = None
    resolver: ResolverName = "gazetteer"
    # An airfield's: the id of the story's place for the town it serves (Vnukovo → Moscow), so
    # that a landing there can count as arriving in that town. Set by geocoders.airports.
    serves: str | None = None
    # Set when the coordinates are a guess from the text ("X, 30 km north of Y": placed from Y by
    # geomap.anchored): how far, in km, the place may lie from them. None for a resolver's answer.
    approx_km: float | None = None

    @property
    def has_coords(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def latlon(self) -> LatLon:
        if self.lat is None or self.lon is None:
            raise ValueError(f"place {self.id!r} has no coordinates")
        return (self.lat, self.lon)


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a place name in an article, with offsets into the original text."""

    article_id: str
    sentence: int
    start: int
    end: int
    surface: str  # exactly ``article.text[start:end]``
    place_id: str | None  # None for a discovered name not (yet) resolved
    key: str = ""  # the normalised name that matched


@dataclass(frozen=True)
class Candidate:
    """One possible answer for a name, with the score the resolver gave it."""

    place: Place
    score: float
    reason: str = ""


@dataclass(frozen=True)
class Resolution:
    """The chosen answer for a name, the resolver that gave it and why."""

    query: str
    place: Place
    resolver: ResolverName
    confidence: float = 1.0  # 0..1; below ~0.5 is reported as low confidence
    reason: str = ""
    candidates: tuple[Candidate, ...] = ()


@dataclass(frozen=True, slots=True)
class Evidence:
    """A sentence supporting a stop."""

    article_id: str
    sentence: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Stop:
    """One stop of the journey, in travel order (``seq`` starts at 1)."""

    seq: int
    place_id: str
    date: dt.date | None = None
    time: str | None = None  # "evening", "14:30", … as known
    role: Role = "stop"  # "stop" or "site"
    event: str = ""
    evidence: tuple[Evidence, ...] = ()
    # True when the date is not stated for this stop but borrowed (from the previous event,
    # the article's date, …): the map shows it as approximate rather than as a fact.
    approximate: bool = False
    # Inferred stops say how sure the inference is (0..1) and why, in one short phrase
    # ("arrival verb + date in 3 articles"); curated stops leave both empty.
    confidence: float | None = None
    why: str = ""
    inferred: bool = False  # True when this stop (not just its date) comes from the inference


@dataclass(frozen=True)
class Rejected:
    """A place the inference considered as a stop and did not keep, with the reason."""

    place_id: str
    reason: str
    score: float = 0.0
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Leg:
    """The route between two consecutive stops, as (lat, lon) points including both ends."""

    from_seq: int
    to_seq: int
    path: tuple[LatLon, ...]
    km: float
    mode: str | None = None  # "train", "road", … when the itinerary says; None when unknown


@dataclass(frozen=True)
class Journey:
    """Dated stops in order plus the route geometry between them."""

    stops: tuple[Stop, ...]
    legs: tuple[Leg, ...] = ()
    title: str | None = None
    origin: Literal["curated", "inferred"] = "curated"
    notes: tuple[str, ...] = field(default=())
    rejected: tuple[Rejected, ...] = ()  # inferred journeys only: candidates not kept

    @property
    def total_km(self) -> float:
        return sum(leg.km for leg in self.legs)

    def __repr__(self) -> str:
        return f"<Journey {self.origin}: {len(self.stops)} stops, {self.total_km:,.0f} km>"


@dataclass(frozen=True)
class Unplaced:
    """A name the text shows the traveller going to (a travel cue points at it) that no resolver placed."""

    name: str
    article_id: str
    sentence: int
    start: int  # the name's offsets in ``Article.text``
    end: int
    text: str  # the sentence it is in
    kind: str = "place"  # what the text calls it ("station", "airport", …) when it says
    country: str | None = None  # ISO2 of the places named beside it, when they agree


@dataclass(frozen=True)
class Note:
    """One thing said about a claim, as a template key of geomap/data/claims.yaml and its values.

    Values are names and numbers; a value whose name ends in ``_point`` is a bearing, said as a
    compass point. :func:`geomap.claims.say` words it in a language.
    """

    key: str
    values: tuple[tuple[str, str | float], ...] = ()


@dataclass(frozen=True)
class Claim:
    """A distance (and maybe direction) an article states between a place and an anchor, checked.

    ``start``/``end`` span the claim's words in the article (place or antecedent to anchor);
    figures are None when they could not be computed (an unresolved place or anchor).
    """

    article_id: str
    sentence: int
    start: int
    end: int
    quote: str  # the whole sentence
    place_id: str | None
    place_text: str  # the words naming the place ("la ville" for an antecedent)
    anchor_id: str | None
    anchor_text: str  # "" when the text names no anchor ("60 miles to the east")
    claimed_km: float
    figure: str  # "680 kilomètres", as written
    hedge: str  # "none", "about", "nearly", "over", "under" (geomap/data/claims.yaml)
    direction: float | None = None  # stated bearing from the anchor, degrees
    direction_text: str = ""
    geodesic_km: float | None = None
    bearing: float | None = None  # initial geodesic bearing from the anchor to the place
    route_km: float | None = None  # along the journey's route, when it passes both
    verdict: str = "unchecked"  # consistent, route-only, direction-off, distance-off, both-off, unchecked
    uncertain: bool = False  # a place resolved with low confidence, an antecedent, …
    notes: tuple[Note, ...] = ()  # what was compared, and why the verdict may be doubtful

    @property
    def deviation_pct(self) -> float | None:
        """How far the geodesic distance is from the stated one, in percent of the stated one."""
        if self.geodesic_km is None or not self.claimed_km:
            return None
        return (self.geodesic_km - self.claimed_km) / self.claimed_km * 100


@dataclass(frozen=True)
class Disagreement:
    """Two articles stating one fact differently (a stop's day or hour, a distance)."""

    kind: str  # "date", "part of day", "time", "distance"
    place_id: str
    stop: int | None  # the stop's seq for dates and times
    first: Evidence
    first_value: str
    second: Evidence
    second_value: str


@dataclass(frozen=True)
class Story:
    """Everything one build knows: the input to the renderer and to every export."""

    articles: tuple[Article, ...]
    places: dict[str, Place]  # every place referenced, by id (resolved ones have coords)
    mentions: tuple[Mention, ...]
    resolutions: dict[str, Resolution]  # place id -> how its coordinates were found
    journey: Journey | None = None
    unresolved: tuple[str, ...] = ()  # names found in the text that no resolver placed
    unplaced: tuple[Unplaced, ...] = ()  # of those and of names no resolver knows, the travelled-to ones
    warnings: tuple[str, ...] = ()
    title: str = "Journey map"
    lang: str = "en"  # the page's lang attribute: the articles' main language
    claims: tuple[Claim, ...] = ()  # geomap.claims: distances and directions the text states
    disagreements: tuple[Disagreement, ...] = ()

    def role_of(self, place_id: str) -> Role:
        """``site`` or ``stop`` when the journey visits the place, else ``mention``."""
        return self._roles.get(place_id, "mention")

    @cached_property
    def _roles(self) -> dict[str, Role]:
        """Every journey place's role, read once (renderers ask per place: per stop each time was quadratic)."""
        roles: dict[str, Role] = {}
        for s in self.journey.stops if self.journey is not None else ():
            if roles.get(s.place_id) != "site":
                roles[s.place_id] = "site" if s.role == "site" else "stop"
        return roles

    def place_of(self, item: Stop | Mention | Rejected | str) -> Place:
        """The Place a stop, mention or rejected candidate (or a place id) refers to.

        Stops and mentions are frozen values that name their place by id, so the same stop
        compares equal across builds; the story, which holds the places, resolves the id.
        """
        place_id = item if isinstance(item, str) else item.place_id
        if place_id is None or place_id not in self.places:
            raise KeyError(f"no place {place_id!r} in this story")
        return self.places[place_id]

    def __repr__(self) -> str:
        return f"<Story {self.counts()}>"

    def counts(self) -> str:
        """One line saying what the story holds: title, articles, mentions, places, journey."""
        j = self.journey
        journey = f", {len(j.stops)} stops ({j.origin}), {j.total_km:,.0f} km" if j is not None else ""
        return (f"{self.title!r}: {len(self.articles)} articles, {len(self.mentions)} mentions, "
                f"{len(self.places)} places{journey}")

    def article(self, article_id: str) -> Article:
        return self._articles_by_id[article_id]  # KeyError when there is none

    @cached_property
    def _articles_by_id(self) -> dict[str, Article]:
        by_id: dict[str, Article] = {}
        for a in self.articles:
            by_id.setdefault(a.id, a)  # the first of equal ids, as a scan finds it
        return by_id


#: Relations a TimeExpr can have (how its date was obtained).
RELATIONS = (
    "explicit",  # a day and month written out (year given or chosen near the anchor)
    "weekday-past",  # "mardi": the latest such day on or before the anchor
    "weekday-this",  # "ce mardi": the nearest such day
    "weekday-last",  # "samedi dernier": strictly before the anchor
    "weekday-next",  # "mardi prochain": strictly after the anchor
    "relative",  # "hier", "today": days from the anchor
    "relative-previous",  # "la veille", "the next day": days from the date mentioned before
    "approximate",  # "la semaine dernière": a week, not a day
    "clock",  # "à 20 heures" alone: a time of day, no date
    "year",  # "en 2023": a year only
    "past-year",  # "en 2019" before the anchor's year: a past event, not this story
)


@dataclass(frozen=True)
class TimeExpr:
    """One time expression: offsets into the original text and what it resolves to."""

    start: int
    end: int
    surface: str
    date: dt.date | None
    part_of_day: str | None = None  # "morning", "afternoon", "evening", "night", "early morning"
    relation: str = "explicit"
    confidence: float = 1.0
    clock: str | None = None  # "20:00" when a time of day is written
    year: int | None = None  # the year of a year-only reference ("en 2019")

    @property
    def is_past_year(self) -> bool:
        return self.relation == "past-year"
