"""Orchestration of the five stages into a Story, and a build that writes the outputs."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path

from .articlecache import keeping, sweep
from .articles import load_articles
from .cachedir import default_cache_dir, using_cache_dir
from .claims import check_story
from .collector import walked_once
from .errors import GeomapError, InputError
from .gazetteer import Gazetteer, load_gazetteer
from .journey import build_legs, find_itinerary, keep_inferred_dates, load_itinerary
from .journey.places import ChainFinder
from .model import Article, Journey, Mention, Place, Resolution, Story
from .prewarm import ahead
from .resolving import ProgressFn, Resolved, resolve_places, story_context
from .results import BuildOptions, BuildResult
from .sources import Fetcher, find_gazetteer, is_url


def _quiet(*_: object) -> None:
    """Default progress sink: the library never prints."""


def _main_language(articles: Sequence[Article]) -> str:
    langs = Counter(a.language for a in articles if a.language)
    return langs.most_common(1)[0][0] if langs else "en"


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

    placed = resolve_places(articles, gaz, opts, language, jobs, progress)
    mentions, places, resolutions, chain = placed.mentions, placed.places, placed.resolutions, placed.chain
    warnings.extend(chain.warnings)

    # Stops and waypoints may name gazetteer places the text never mentions.
    for place in gaz.places.values():
        if place.id not in places and place.has_coords:
            places[place.id] = place

    journey, inferred, diff = _journeys(itinerary_path, articles, placed, opts, language, jobs, progress, prewarm)
    story_places, resolutions = _story_places(places, resolutions, mentions, journey)

    title = opts.title or (journey.title if journey and journey.title else None) or "Journey map"
    story = Story(
        articles=tuple(articles),
        places=story_places,
        mentions=tuple(mentions),
        resolutions=resolutions,
        journey=journey,
        unresolved=tuple(sorted(set(placed.unresolved), key=str.casefold)),
        unplaced=tuple(placed.unplaced),
        warnings=tuple(warnings),
        title=title,
        lang=opts.lang or language,
    )
    progress("checking the distances the articles state")
    story = check_story(story, jobs)
    sent = chain.online.requests_sent if chain.online is not None else 0
    return BuildResult(story=story, inferred=inferred, itinerary_diff=diff, requests_sent=sent,
                       gazetteer=gazetteer_path, web_requests=fetcher.requests_sent, online=opts.online)


def _journeys(itinerary_path: Path | None, articles: Sequence[Article], placed: Resolved, opts: BuildOptions,
              language: str, jobs: int, progress: ProgressFn, prewarm: ExitStack
              ) -> tuple[Journey | None, Journey | None, tuple[str, ...]]:
    """The journey stage: the curated itinerary (its places and their resolutions added to ``placed``'s),
    else or besides (``--infer``, undated stops) the inferred one; the journey told, the inferred one
    and their diff. ``prewarm`` is closed before the inference."""
    places, resolutions, mentions = placed.places, placed.resolutions, placed.mentions
    journey: Journey | None = None
    inferred: Journey | None = None
    diff: tuple[str, ...] = ()
    undated: frozenset[int] = frozenset()
    if itinerary_path is not None:
        progress(f"loading itinerary {itinerary_path}")
        mentioned = [places[m.place_id] for m in mentions if m.place_id in places]
        finder = ChainFinder(placed.chain, story_context(mentioned, language))
        itinerary = load_itinerary(itinerary_path, places, articles, mentions, finder)
        places.update(itinerary.places)
        resolutions.update({k: v for k, v in finder.resolutions.items() if k in itinerary.places})
        journey, undated = itinerary.journey, itinerary.undated
    if itinerary_path is None or opts.infer or undated:
        from .infer import diff_itineraries, infer_journey

        progress("inferring the itinerary from the text")
        prewarm.close()  # a worker still busy (a cold 10,000-article build) would hold ≈ 120 MiB beside it
        inferred = infer_journey(articles, mentions, places, progress=progress, jobs=jobs)
        inferred = replace(inferred, legs=build_legs(inferred.stops, places, {}, jobs=jobs))
        if journey is None:
            journey = inferred
        else:
            if undated:  # stops that omit 'date:' keep the one the text gives
                journey = keep_inferred_dates(journey, undated, inferred, places)
            if opts.infer:
                diff = tuple(diff_itineraries(journey, inferred, places))
    return journey, inferred, diff


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
                                credit=opts.credit, progress=progress, jobs=opts.jobs or os.cpu_count() or 1)
    return replace(result, written=tuple(written))


__all__ = ["BuildOptions", "BuildResult", "GeomapError", "build", "build_story"]
