"""The places stage of a build: each mentioned name's place (gazetteer, discovery, the text's anchors, online)."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache

from .anchored import Occurrence, place_anchored
from .gazetteer import Gazetteer
from .geocoders import Context, ResolverChain
from .geocoders.airports import attach_served
from .geocoders.base import haversine_km
from .mentions import Matcher, find_mentions
from .model import Article, Mention, Place, Resolution, Unplaced
from .results import BuildOptions
from .textnorm import fold_key
from .unplaced import find_unplaced, place_online

#: ``progress(stage)`` announces a stage; ``progress(stage, done, total)`` says how far it got.
ProgressFn = Callable[..., None]


@dataclass(frozen=True)
class Resolved:
    """What the places stage found: the mentions (sorted), their places and how each was resolved, the
    gazetteer names no resolver placed, the travelled-to names no data knows, and the resolver chain.
    The stage's steps fill its lists and dicts in turn (discovery, then anchors and online answers)."""

    mentions: list[Mention]
    places: dict[str, Place]
    resolutions: dict[str, Resolution]
    unresolved: list[str]
    unplaced: list[Unplaced]
    chain: ResolverChain


def resolve_places(articles: Sequence[Article], gaz: Gazetteer, opts: BuildOptions, language: str, jobs: int,
                   progress: ProgressFn) -> Resolved:
    """Find the gazetteer's names in ``articles``, resolve them, then (as ``opts`` allow) the names
    discovery finds, those the text anchors to a resolved place, and those asked online."""
    progress(f"finding place names in {len(articles)} articles")
    matcher = Matcher(gaz.names())
    mentions = find_mentions(articles, matcher, lambda done, total: progress("finding place names", done, total))

    # Unambiguous gazetteer mentions first: they give the context for everything else.
    context = story_context([gaz.places[m.place_id] for m in mentions if m.place_id in gaz.places], language)
    mentions = _gazetteer_choices(gaz, matcher, mentions, context)
    chain, geonames = _make_chain(gaz, opts, need_geonames=opts.discover or _needs_fill(gaz, mentions))
    places, resolutions, unresolved = _gazetteer_places(gaz, mentions, chain, context, progress)
    found = Resolved(mentions, places, resolutions, unresolved, [], chain)
    lost: tuple[Mention, ...] = ()  # discovered names no resolver placed
    if opts.discover and geonames is not None:
        lost = _discovered(found, articles, geonames, opts, language, jobs, progress)
    progress("looking for travelled-to names no resolver placed")
    found.unplaced.extend(_travelled_to(found, articles, lost, geonames, opts, language))
    mentions.sort(key=lambda m: (m.article_id, m.start))
    if chain.airports is not None:  # airfields told which story town they serve (Place.serves)
        return replace(found, places=attach_served(places, mentions, chain.airports))
    return found


def _discovered(found: Resolved, articles: Sequence[Article], geonames: object, opts: BuildOptions, language: str,
                jobs: int, progress: ProgressFn) -> tuple[Mention, ...]:
    """Add the names discovery finds and places to ``found``; return those it found but could not place."""
    from .discover.placing import place_discovered

    placed = place_discovered(articles, found.mentions, found.places, geonames, found.chain,
                              story_context(list(found.places.values()), language),
                              cache_dir=opts.cache_dir, jobs=jobs, progress=progress)
    for pid, p in placed.places.items():
        found.places.setdefault(pid, p)
        found.resolutions.setdefault(pid, placed.resolutions[pid])
    found.mentions.extend(placed.mentions)
    found.unresolved.extend(placed.unresolved)
    return placed.lost


def _travelled_to(found: Resolved, articles: Sequence[Article], lost: Sequence[Mention], geonames: object | None,
                  opts: BuildOptions, language: str) -> list[Unplaced]:
    """The travelled-to names no offline data knows; those the text anchors to a place ``found`` has
    (with discovery) or Nominatim answers (online) are added to ``found``, and stay listed when only
    placed approximately."""
    mentions, places, resolutions = found.mentions, found.places, found.resolutions
    people: frozenset[str] = frozenset()
    if opts.discover and geonames is not None:
        from .discover import named_people

        people = named_people(articles, opts.cache_dir)  # NER's, cached by discovery
    unplaced = find_unplaced(articles, mentions, places, list(lost), known=_known_offline(geonames), people=people)
    anchored: list[Mention] = []
    approx: dict[str, Resolution] = {}
    if opts.discover and geonames is not None:  # what the text anchors to a place it resolved: approximately
        anchored, approx = place_anchored(articles, mentions, places, _unplaced_names(unplaced, lost))
    if opts.online and unplaced:  # asked near the story, or near where the text puts it; those placed become
        # mentions like any other, and an answer wins over the approximation
        near = {m.key: story_context([approx[m.place_id].place], language) for m in anchored if m.place_id in approx}
        answers, placed, unplaced = place_online(unplaced, {m.key for m in lost}, found.chain,
                                                 story_context(list(places.values()), language), near=near)
        for pid, res in placed.items():
            places.setdefault(pid, res.place)
            resolutions.setdefault(pid, res)
        mentions.extend(answers)
        answered = {m.key for m in answers}
        anchored = [m for m in anchored if m.key not in answered]
        still = {m.place_id for m in anchored}
        approx = {pid: res for pid, res in approx.items() if pid in still}
    for pid, res in approx.items():
        places[pid] = res.place
        resolutions[pid] = res
    mentions.extend(anchored)
    return _with_anchored(unplaced, anchored, articles, approx)


def story_context(places: Sequence[Place], language: str | None = None) -> Context:
    """Where the story is: ``places``' points (not countries or regions) and countries, in ``language``."""
    points = tuple(p.latlon for p in places if p.has_coords and p.kind not in ("country", "region"))
    countries = frozenset(p.country for p in places if p.country)
    return Context(points=points, countries=countries, language=language)


def _nearest(candidates: Sequence[Place], context: Context) -> Place:
    """Among places sharing an alias, the one nearest the story's other places wins."""
    centre = context.centroid
    if centre is None:
        return candidates[0]
    return min(candidates, key=lambda p: haversine_km(p.latlon, centre) if p.has_coords else math.inf)


def _gazetteer_choices(gaz: Gazetteer, matcher: Matcher, mentions: Sequence[Mention], context: Context) -> list[Mention]:
    """Mentions of a name several gazetteer places share, tied to the one nearest ``context``."""
    chosen = []
    for m in mentions:
        ids = matcher.lookup(m.key) if m.place_id is None else ()
        if ids:
            m = replace(m, place_id=_nearest([gaz.places[i] for i in ids], context).id)
        chosen.append(m)
    return chosen


def _gazetteer_places(gaz: Gazetteer, mentions: Sequence[Mention], chain: ResolverChain, context: Context,
                      progress: ProgressFn) -> tuple[dict[str, Place], dict[str, Resolution], list[str]]:
    """The mentioned gazetteer places, those without coordinates resolved by ``chain``; and the
    names of those it could not place."""
    places: dict[str, Place] = {}
    resolutions: dict[str, Resolution] = {}
    unresolved: list[str] = []
    for pid in sorted({m.place_id for m in mentions if m.place_id}):
        place = gaz.places[pid]
        if place.has_coords:
            places[pid] = place
            resolutions[pid] = Resolution(query=place.name, place=place, resolver="gazetteer", reason="curated")
            continue
        progress(f"resolving {place.name}")
        res = chain.resolve_place(place, context)
        if res is None:
            unresolved.append(place.name)
            continue
        filled = replace(place, lat=res.place.lat, lon=res.place.lon, resolver=res.resolver)
        places[pid] = filled
        resolutions[pid] = replace(res, place=filled)
    return places, resolutions, unresolved


def _make_chain(gaz: Gazetteer, opts: BuildOptions, need_geonames: bool) -> tuple[ResolverChain, object | None]:
    geonames = None
    if need_geonames:
        from .geocoders import GeoNamesIndex

        geonames = GeoNamesIndex.load(opts.cache_dir)
    online = None
    if opts.online:
        from .geocoders import OnlineGeocoder
        from .geocoders.online import default_user_agent

        kwargs: dict[str, object] = {
            "domain": opts.nominatim_domain,
            "scheme": opts.nominatim_scheme,
            "min_delay_seconds": opts.min_delay_seconds,
        }
        if opts.cache_dir is not None:
            kwargs["cache_path"] = opts.cache_dir / "nominatim.json"
        online = OnlineGeocoder(opts.user_agent or default_user_agent(), **kwargs)  # type: ignore[arg-type]
    return ResolverChain(gaz.places, geonames, online), geonames


def _unplaced_names(unplaced: Sequence[Unplaced], lost: Sequence[Mention]) -> list[Occurrence]:
    """Where the names no resolver placed are written: the travelled-to ones, and those discovery found."""
    return ([Occurrence(u.article_id, u.start, u.end, u.name, u.kind) for u in unplaced]
            + [Occurrence(m.article_id, m.start, m.end, m.surface) for m in lost])


def _with_anchored(unplaced: list[Unplaced], anchored: Sequence[Mention], articles: Sequence[Article],
                   approx: Mapping[str, Resolution]) -> list[Unplaced]:
    """``unplaced`` plus the first mention of each name placed approximately that it lacks: the
    summary still reports it (with its stub), since only a curated or geocoded place is sure."""
    have = {fold_key(u.name) for u in unplaced}
    by_id = {a.id: a for a in articles}
    out = list(unplaced)
    for m in anchored:
        if m.key in have:
            continue
        have.add(m.key)
        article = by_id[m.article_id]
        s = article.sentences[m.sentence] if article.sentences else None
        out.append(Unplaced(name=m.surface, article_id=m.article_id, sentence=m.sentence, start=m.start, end=m.end,
                            text=" ".join(article.text[s.start:s.end].split()) if s else article.text,
                            kind=approx[m.place_id].place.kind if m.place_id else "place",
                            country=approx[m.place_id].place.country if m.place_id else None))
    return out


def _known_offline(geonames: object | None) -> Callable[[str], bool]:
    """Whether offline data has a name (then discovery, not a lack of data, left it out)."""
    if geonames is None:
        return lambda name: False
    from .discover import load_lexicon

    countries = load_lexicon().countries

    @cache  # a story names its places again and again, and each look-up is a database query
    def known(name: str) -> bool:
        return fold_key(name) in countries or name in geonames  # type: ignore[operator]

    return known


def _needs_fill(gaz: Gazetteer, mentions: Sequence[Mention]) -> bool:
    return any(m.place_id and not gaz.places[m.place_id].has_coords for m in mentions)
