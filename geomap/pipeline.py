"""Orchestration of the five stages into a Story, and a build that writes the outputs."""

from __future__ import annotations

import math
import os
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path

from .articles import load_articles
from .articlecache import keeping
from .cachedir import default_cache_dir, using_cache_dir
from .claims import check_story, summary_line
from .errors import GeomapError, InputError
from .gazetteer import Gazetteer, load_gazetteer
from .geocoders import Context, ResolverChain
from .geocoders.airports import attach_served
from .geocoders.base import fold_key, haversine_km
from .geocoders.context import AREA_HINT
from .journey import build_legs, find_itinerary, keep_inferred_dates, load_itinerary
from .journey.places import ChainFinder
from .mentions import Matcher, find_mentions
from .sources import Fetcher, find_gazetteer, is_url
from .prewarm import ahead
from .model import LOW_CONFIDENCE, Article, Journey, Mention, Place, Resolution, Story
from .unplaced import find_unplaced, place_online
from .unplaced import report as unplaced_report

#: ``progress(stage)`` announces a stage; ``progress(stage, done, total)`` says how far it got.
ProgressFn = Callable[..., None]


def _quiet(*_: object) -> None:
    """Default progress sink: the library never prints."""


@dataclass(frozen=True)
class BuildOptions:
    """Everything a build does besides the article paths and output folder; defaults are the CLI's."""

    gazetteer: Path | None = None  # None: gazetteer.yaml in the story folder, else here, else none
    itinerary: Path | None = None  # None: journey.yaml beside the articles, if any
    infer: bool = False  # also infer the itinerary when a curated one exists (for a diff)
    curated: bool = True  # read journey.yaml beside the articles (eval turns this off)
    discover: bool = True  # look for places the gazetteer lacks (GeoNames, NER)
    online: bool = False  # allow the online geocoder (network)
    user_agent: str | None = None
    nominatim_domain: str = "nominatim.openstreetmap.org"
    nominatim_scheme: str = "https"
    min_delay_seconds: float = 1.0
    cache_dir: Path | None = None
    title: str | None = None
    offline: bool = False  # never fetch: URLs given as articles come from the cache or fail
    self_contained: bool = True  # map.html inlines every script and style (False: CDN links)
    png: bool = False  # also write map.png, the static graphic (headless Chromium)
    svg: bool = False  # also write map.svg, the same graphic as vector
    pdf: bool = False  # also write map.pdf (headless Chromium)
    size: tuple[int, int] = (1600, 1000)  # static graphic size in CSS pixels
    subtitle: str | None = None  # under the graphic's title
    credit: str | None = None  # the graphic's source line (default: the articles' sources)
    jobs: int = 0  # processes for per-article work (discovery, NER, the cache worker); 0: one per core
    lang: str | None = None  # the map's interface language; None: the articles' majority


@dataclass(frozen=True)
class BuildResult:
    """A built story, what was written, and what the user should be told about it."""

    story: Story
    written: tuple[Path, ...] = ()
    inferred: Journey | None = None
    itinerary_diff: tuple[str, ...] = ()
    requests_sent: int = 0
    gazetteer: Path | None = None  # the curated gazetteer used, None when there was none
    web_requests: int = 0  # HTTP requests sent for URL articles (0 when all came from the cache)
    online: bool = False  # the online geocoder was allowed

    def __repr__(self) -> str:
        written = f", {len(self.written)} files written" if self.written else ""
        return f"<BuildResult {self.story.counts()}{written}>"

    def _repr_html_(self) -> str:
        """Jupyter shows the map itself, isolated in an iframe like folium's own notebook output."""
        import html

        from .render import render_html

        page = render_html(self.story)
        return (
            '<iframe title="' + html.escape(self.story.title) + '" srcdoc="' + html.escape(page)
            + '" style="width:100%;height:600px;border:0" '
            'sandbox="allow-scripts allow-popups" loading="lazy"></iframe>'
        )

    def map_path(self, out_dir: str | Path = "output") -> Path:
        """The map.html written (or, before writing, where it goes in ``out_dir``)."""
        return next((p for p in self.written if p.name == "map.html"), Path(out_dir) / "map.html")

    def summary(self) -> list[str]:
        """Lines for the end-of-build summary."""
        story = self.story
        by_resolver = Counter(r.resolver for r in story.resolutions.values())
        lines = [
            f"articles: {len(story.articles)}"
            + (f" ({self.web_requests} web requests)" if self.web_requests else ""),
            f"mentions: {len(story.mentions)}",
            f"places: {len(story.resolutions)} ("
            + ", ".join(f"{n} from {k}" for k, n in sorted(by_resolver.items()))
            + ")",
            f"gazetteer: {self.gazetteer}" if self.gazetteer else "gazetteer: none (offline resolvers only)",
        ]
        if story.journey is not None:
            j = story.journey
            lines.append(
                f"journey ({j.origin}): {len(j.stops)} stops, {j.total_km:,.0f} km"
            )
        low = sorted(
            (r for r in story.resolutions.values() if r.confidence < LOW_CONFIDENCE),
            key=lambda r: r.query.casefold(),
        )
        if low:
            lines.append(
                "low confidence: "
                + "; ".join(f"{r.query} → {r.place.name} ({r.confidence:.2f}: {r.reason})" for r in low)
            )
        if story.unresolved:
            lines.append("unresolved: " + ", ".join(story.unresolved))
        lines.extend(unplaced_report(story.unplaced, online=self.online))
        if claims := summary_line(story):
            lines.append(claims)
        if self.requests_sent:
            lines.append(f"online geocoder requests: {self.requests_sent}")
        return lines


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
    with using_cache_dir(opts.cache_dir), keeping(opts.cache_dir or default_cache_dir()), ExitStack() as stack:
        # --cache-dir reaches the YAML, basemap and per-article caches too, not just the resolvers'
        return _build_story(_as_paths(paths), opts, progress, stack)


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
    mentioned = [gaz.places[m.place_id] for m in mentions if m.place_id in gaz.places]
    context = _context(mentioned, language)
    resolved_mentions: list[Mention] = []
    for m in mentions:
        ids = matcher.lookup(m.key) if m.place_id is None else ()
        if ids:
            choice = _nearest([gaz.places[i] for i in ids], context)
            m = replace(m, place_id=choice.id)
        resolved_mentions.append(m)
    mentions = resolved_mentions

    chain, geonames = _make_chain(gaz, opts, need_geonames=opts.discover or _needs_fill(gaz, mentions))

    places: dict[str, Place] = {}
    resolutions: dict[str, Resolution] = {}
    unresolved: list[str] = []
    lost: list[Mention] = []  # discovered names no resolver placed
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

    if opts.discover and geonames is not None:
        from .discover import (countries_named, discover_mentions, kind_hints, near, near_points, qualifiers,
                               read_articles_for, states_named)

        progress("discovering places the gazetteer lacks")
        readings = read_articles_for(articles, geonames, cache_dir=opts.cache_dir, progress=progress, jobs=jobs)
        found = discover_mentions(
            articles, mentions, geonames, cache_dir=opts.cache_dir, readings=readings, jobs=jobs, progress=progress
        )
        # A facility cue belongs to the mention beside it: "l'aéroport d'Hiroshima" is the airport,
        # the bare "Hiroshima" of the other sentences the city; so names are grouped by both. (An
        # area form, "le Luxembourg", is how the name is written, not another place: not split.)
        articles_by_id = {a.id: a for a in articles}
        # So is a region named right after it: "Anchorage, Alaska" is looked for in Alaska only.
        by_key: dict[tuple[str, str, tuple[str, ...]], list[Mention]] = defaultdict(list)
        hints: dict[tuple[str, str, tuple[str, ...]], str | None] = {}
        wheres = qualifiers(found, articles_by_id, geonames)
        for m, hint, where in zip(found, kind_hints(found, articles_by_id, jobs), wheres):
            key = (m.key, "" if hint in (None, AREA_HINT) else hint, where)
            by_key[key].append(m)
            hints.setdefault(key, hint)  # the first mention's, as for an unsplit name before
        base_context = _context(list(places.values()), language)
        # Countries the articles name bias every choice (Warsaw, Poland over Warsaw, Indiana).
        named = countries_named(articles, geonames, mentions, places, readings=readings)
        del readings
        base_context = replace(base_context, countries=base_context.countries | frozenset(named),
                               areas=states_named(found, geonames))  # and the US states they name
        groups = sorted(by_key.items())
        # The name as written, unless discovery read it with its article ("au Cap": "le cap").
        requests = [(key[0] if key[0].endswith(" " + fold_key(group[0].surface)) else group[0].surface,
                     replace(base_context, kind_hint=hints[key], within=key[2])) for key, group in groups]
        # Resolved together: the names the chain is sure of place the doubtful ones near them; a name
        # the text puts near a town ("Woodside, près de San Francisco") is looked for there.
        nearby = near_points([key[0] for key, _ in groups], found, near(found, mentions, articles_by_id), places)
        resolved = chain.resolve_near(requests, nearby, lambda done, total: progress("resolving names", done, total))
        for (_, group), res in zip(groups, resolved):
            first = group[0]
            if res is None:
                unresolved.append(first.surface)
                lost.extend(group)
                continue
            pid = res.place.id
            places.setdefault(pid, res.place)
            resolutions.setdefault(pid, res)
            mentions.extend(replace(m, place_id=pid) for m in group)
    progress("looking for travelled-to names no resolver placed")
    people: frozenset[str] = frozenset()
    if opts.discover and geonames is not None:
        from .discover import named_people

        people = named_people(articles, opts.cache_dir)  # NER's, cached by discovery
    unplaced = find_unplaced(articles, mentions, places, lost, known=_known_offline(geonames), people=people)
    if opts.online and unplaced:  # asked near the story; those placed become mentions like any other
        found, placed, unplaced = place_online(unplaced, {m.key for m in lost}, chain,
                                               _context(list(places.values()), language))
        for pid, res in placed.items():
            places.setdefault(pid, res.place)
            resolutions.setdefault(pid, res)
        mentions.extend(found)
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

    # Places only needed as route waypoints stay out of the story unless it uses them.
    used = {m.place_id for m in mentions if m.place_id}
    if journey is not None:
        used |= {s.place_id for s in journey.stops}
    story_places = {pid: p for pid, p in places.items() if pid in used}
    for pid in used - resolutions.keys():
        if pid in story_places:
            p = story_places[pid]
            resolutions[pid] = Resolution(query=p.name, place=p, resolver=p.resolver, reason="curated")

    title = opts.title or (journey.title if journey and journey.title else None) or "Journey map"
    story = Story(
        articles=tuple(articles),
        places=story_places,
        mentions=tuple(mentions),
        resolutions={k: resolutions[k] for k in sorted(resolutions) if k in story_places},
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


def _as_paths(paths: str | Path | Sequence[str | Path]) -> list[str | Path]:
    """One path or many; URLs stay strings (``Path`` would fold their ``//``)."""
    if isinstance(paths, (str, Path)):
        return [paths]
    return [p if isinstance(p, Path) or is_url(str(p)) else Path(p) for p in paths]


def _fetcher(opts: BuildOptions) -> Fetcher:
    from .geocoders.online import default_user_agent

    return Fetcher(opts.user_agent or default_user_agent(), opts.cache_dir or default_cache_dir(), offline=opts.offline)


def _known_offline(geonames: object | None) -> Callable[[str], bool]:
    """Whether offline data has a name (then discovery, not a lack of data, left it out)."""
    if geonames is None:
        return lambda name: False
    from .discover import load_lexicon
    from .textnorm import fold_key

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
    from .render import write_outputs

    opts = replace(options or BuildOptions(), **overrides)  # type: ignore[arg-type]
    result = build_story(paths, opts, progress=progress)
    if not result.story.places:
        raise InputError("no place could be found or resolved in the articles", path=str(_as_paths(paths)[0]))
    progress(f"writing outputs to {out_dir}")
    with using_cache_dir(opts.cache_dir):
        written = write_outputs(result.story, Path(out_dir), self_contained=opts.self_contained, png=opts.png,
                                svg=opts.svg, pdf=opts.pdf, size=opts.size, subtitle=opts.subtitle,
                                credit=opts.credit, progress=progress)
    return replace(result, written=tuple(written))


__all__ = ["BuildOptions", "BuildResult", "GeomapError", "build", "build_story"]
