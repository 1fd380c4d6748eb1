"""Orchestration of the five stages into a Story, and a build that writes the outputs."""

from __future__ import annotations

import math
import os
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path

from .anchored import Occurrence, place_anchored
from .articlecache import keeping, sweep
from .articles import load_articles
from .cachedir import default_cache_dir, using_cache_dir
from .claims import check_story
from .collector import walked_once
from .errors import GeomapError, InputError
from .gazetteer import Gazetteer, load_gazetteer
from .geocoders import Context, ResolverChain
from .geocoders.airports import attach_served
from .geocoders.base import haversine_km
from .journey import build_legs, find_itinerary, keep_inferred_dates, load_itinerary
from .journey.places import ChainFinder
from .mentions import Matcher, find_mentions
from .model import Article, Journey, Mention, Place, Resolution, Story, Unplaced
from .prewarm import ahead
from .results import BuildOptions, BuildResult
from .sources import Fetcher, find_gazetteer, is_url
from .textnorm import fold_key
from .unplaced import find_unplaced, place_online

#: ``progress(stage)`` announces a stage; ``progress(stage, done, total)`` says how far it got.
ProgressFn = Callable[..., None]


def _quiet(*_: object) -> None:
    """Default progress sink: the library never prints."""


def _context(places: Sequence[Place], language: str | None = None) -> Context:
    points = tuple(p.latlon for p in places if p.has_coords and p.kind not in ("country", "region"))
    countries = frozenset(p.country for p in places if p.country)
    return Context(points=points, countries=countries, language=language)


def _nearest(candidates: Sequence[Place], context: Context) -> Place:
    """Among places sharing an alias, the one nearest the story's other places wins."""
    centre = context.centroid
    if centre is None:
        return candidates[0]
    return min(candidates, key=lambda p: haversine_km(p.latlon, centre) if p.has_coords else math.inf)


def _main_language(articles: Sequence[Article]) -> str:
    langs = Counter(a.language for a in articles if a.language)
    return langs.most_common(1)[0][0] if langs else "en"


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


def build_story(
    paths: str | Path | Sequence[str | Path],
    options: BuildOptions | None = None,
    *,
    progress: ProgressFn = _quiet,
    **overrides: object,
) -> BuildResult:
    """Run the five stages on ``paths`` (article files, folders, URLs) and return the story.

    Keyword ``overrides`` replace fields of ``options``: ``build_story("story/", discover=False)``.
    """
    opts = replace(options or BuildOptions(), **overrides)  # type: ignore[arg-type]
    cache = opts.cache_dir or default_cache_dir()
    with using_cache_dir(opts.cache_dir), keeping(cache), walked_once(), ExitStack() as stack:
        # --cache-dir reaches the YAML, basemap and per-article caches too, not just the resolvers'
        result = _build_story(_as_paths(paths), opts, progress, stack)
    sweep(cache)  # records no build has read for a month (at most once a day): edits would grow the cache for ever
    return result


def _build_story(paths: list[str | Path], opts: BuildOptions, progress: ProgressFn, stack: ExitStack) -> BuildResult:
    warnings: list[str] = []
    jobs = opts.jobs or os.cpu_count() or 1

    progress("loading articles")
    fetcher = _fetcher(opts)
    articles = load_articles(paths, fetcher=fetcher)
    itinerary_path = (opts.itinerary or find_itinerary(paths)) if opts.curated else None
    # The other core fills the per-article caches of the steps after discovery meanwhile.
    prewarm = stack.enter_context(ExitStack())  # closed before the inference, the last step it works for
    prewarm.enter_context(ahead(articles, opts.cache_dir or default_cache_dir(), jobs,
                                infer=itinerary_path is None or opts.infer))
    for a in articles:
        warnings.extend(a.warnings)  # each names its file or URL already
    language = _main_language(articles)

    gazetteer_path = opts.gazetteer or find_gazetteer(paths)
    progress(f"loading gazetteer {gazetteer_path or '(none)'}")
    gaz = load_gazetteer(gazetteer_path) if gazetteer_path else Gazetteer(path=None, places={})

    progress(f"finding place names in {len(articles)} articles")
    matcher = Matcher(gaz.names())
    mentions = find_mentions(articles, matcher, lambda done, total: progress("finding place names", done, total))

    # Unambiguous gazetteer mentions first: they give the context for everything else.
    context = _context([gaz.places[m.place_id] for m in mentions if m.place_id in gaz.places], language)
    mentions = _gazetteer_choices(gaz, matcher, mentions, context)
    chain, geonames = _make_chain(gaz, opts, need_geonames=opts.discover or _needs_fill(gaz, mentions))
    places, resolutions, unresolved = _gazetteer_places(gaz, mentions, chain, context, progress)
    lost: tuple[Mention, ...] = ()  # discovered names no resolver placed
    if opts.discover and geonames is not None:
        from .discover.placing import place_discovered

        placed = place_discovered(articles, mentions, places, geonames, chain, _context(list(places.values()), language),
                                  cache_dir=opts.cache_dir, jobs=jobs, progress=progress)
        for pid, p in placed.places.items():
            places.setdefault(pid, p)
            resolutions.setdefault(pid, placed.resolutions[pid])
        mentions.extend(placed.mentions)
        unresolved.extend(placed.unresolved)
        lost = placed.lost
    progress("looking for travelled-to names no resolver placed")
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
        near = {m.key: _context([approx[m.place_id].place], language) for m in anchored if m.place_id in approx}
        found, placed, unplaced = place_online(unplaced, {m.key for m in lost}, chain,
                                               _context(list(places.values()), language), near=near)
        for pid, res in placed.items():
            places.setdefault(pid, res.place)
            resolutions.setdefault(pid, res)
        mentions.extend(found)
        answered = {m.key for m in found}
        anchored = [m for m in anchored if m.key not in answered]
        still = {m.place_id for m in anchored}
        approx = {pid: res for pid, res in approx.items() if pid in still}
    for pid, res in approx.items():
        places[pid] = res.place
        resolutions[pid] = res
    mentions.extend(anchored)
    unplaced = _with_anchored(unplaced, anchored, articles, approx)
    mentions.sort(key=lambda m: (m.article_id, m.start))
    if chain.airports is not None:  # airfields told which story town they serve (Place.serves)
        places = attach_served(places, mentions, chain.airports)
    warnings.extend(chain.warnings)

    # Stops and waypoints may name gazetteer places the text never mentions.
    for place in gaz.places.values():
        if place.id not in places and place.has_coords:
            places[place.id] = place

    journey: Journey | None = None
    inferred: Journey | None = None
    diff: tuple[str, ...] = ()
    undated: frozenset[int] = frozenset()
    if itinerary_path is not None:
        progress(f"loading itinerary {itinerary_path}")
        mentioned = [places[m.place_id] for m in mentions if m.place_id in places]
        finder = ChainFinder(chain, _context(mentioned, language))
        itinerary = load_itinerary(itinerary_path, places, articles, mentions, finder)
        places.update(itinerary.places)
        resolutions.update({k: v for k, v in finder.resolutions.items() if k in itinerary.places})
        journey, undated = itinerary.journey, itinerary.undated
    if itinerary_path is None or opts.infer or undated:
        from .infer import diff_itineraries, infer_journey

        progress("inferring the itinerary from the text")
        prewarm.close()  # a worker still busy (a cold 10,000-article build) would hold ≈ 120 MiB beside it
        inferred = infer_journey(articles, mentions, places, progress=progress, jobs=jobs)
        inferred = replace(inferred, legs=build_legs(inferred.stops, places, {}))
        if journey is None:
            journey = inferred
        else:
            if undated:  # stops that omit 'date:' keep the one the text gives
                journey = keep_inferred_dates(journey, undated, inferred, places)
            if opts.infer:
                diff = tuple(diff_itineraries(journey, inferred, places))

    story_places, resolutions = _story_places(places, resolutions, mentions, journey)

    title = opts.title or (journey.title if journey and journey.title else None) or "Journey map"
    story = Story(
        articles=tuple(articles),
        places=story_places,
        mentions=tuple(mentions),
        resolutions=resolutions,
        journey=journey,
        unresolved=tuple(sorted(set(unresolved), key=str.casefold)),
        unplaced=tuple(unplaced),
        warnings=tuple(warnings),
        title=title,
        lang=opts.lang or language,
    )
    progress("checking the distances the articles state")
    story = check_story(story, jobs)
    sent = chain.online.requests_sent if chain.online is not None else 0
    return BuildResult(story=story, inferred=inferred, itinerary_diff=diff, requests_sent=sent,
                       gazetteer=gazetteer_path, web_requests=fetcher.requests_sent, online=opts.online)


def _story_places(places: Mapping[str, Place], resolutions: Mapping[str, Resolution], mentions: Sequence[Mention],
                  journey: Journey | None) -> tuple[dict[str, Place], dict[str, Resolution]]:
    """The places the story uses (mentioned or stops) and how each was resolved, sorted by id: places
    only needed as route waypoints stay out of the story."""
    used = {m.place_id for m in mentions if m.place_id}
    if journey is not None:
        used |= {s.place_id for s in journey.stops}
    kept = {pid: p for pid, p in places.items() if pid in used}
    how = dict(resolutions)
    for pid in used - how.keys():
        if pid in kept:
            p = kept[pid]
            how[pid] = Resolution(query=p.name, place=p, resolver=p.resolver, reason="curated")
    return kept, {k: how[k] for k in sorted(how) if k in kept}


def _as_paths(paths: str | Path | Sequence[str | Path]) -> list[str | Path]:
    """One path or many; URLs stay strings (``Path`` would fold their ``//``)."""
    if isinstance(paths, (str, Path)):
        return [paths]
    return [p if isinstance(p, Path) or is_url(str(p)) else Path(p) for p in paths]


def _fetcher(opts: BuildOptions) -> Fetcher:
    from .geocoders.online import default_user_agent

    return Fetcher(opts.user_agent or default_user_agent(), opts.cache_dir or default_cache_dir(), offline=opts.offline)


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
    return lambda name: fold_key(name) in countries or name in geonames  # type: ignore[operator]


def _needs_fill(gaz: Gazetteer, mentions: Sequence[Mention]) -> bool:
    return any(m.place_id and not gaz.places[m.place_id].has_coords for m in mentions)


def build(
    paths: str | Path | Sequence[str | Path],
    out_dir: str | Path = "output",
    options: BuildOptions | None = None,
    *,
    progress: ProgressFn = _quiet,
    **overrides: object,
) -> BuildResult:
    """Build the story and write map.html, journey.geojson, mentions.csv, embed.html (and the graphic).

    Keyword ``overrides`` replace fields of ``options``: ``build("story/", "out", png=True)``;
    ``self_contained=False`` links Leaflet from its CDN instead of inlining it.
    """
    opts = replace(options or BuildOptions(), **overrides)  # type: ignore[arg-type]
    with walked_once():  # the story's objects stay frozen while the outputs are written
        return _build(paths, Path(out_dir), opts, progress)


def _build(paths: str | Path | Sequence[str | Path], out_dir: Path, opts: BuildOptions, progress: ProgressFn
           ) -> BuildResult:
    from .render import write_outputs

    result = build_story(paths, opts, progress=progress)
    if not result.story.places:
        raise InputError("no place could be found or resolved in the articles", path=str(_as_paths(paths)[0]))
    progress(f"writing outputs to {out_dir}")
    with using_cache_dir(opts.cache_dir):
        written = write_outputs(result.story, out_dir, self_contained=opts.self_contained, png=opts.png,
                                svg=opts.svg, pdf=opts.pdf, size=opts.size, subtitle=opts.subtitle,
                                credit=opts.credit, progress=progress)
    return replace(result, written=tuple(written))


__all__ = ["BuildOptions", "BuildResult", "GeomapError", "build", "build_story"]
