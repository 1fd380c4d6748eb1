"""Placing the names discovery found: grouped by name, cue and region, resolved together near the story."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..geocoders import Context, ResolverChain
from ..geocoders.base import fold_key
from ..geocoders.context import AREA_HINT
from ..model import Article, Mention, Place, Resolution
from . import (
    countries_named,
    discover_mentions,
    kind_hints,
    near,
    near_points,
    qualifiers,
    read_articles_for,
    states_named,
)
from .finds import NameIndex

#: (name as folded, kind cue, regions named right after it): the mentions resolved as one name.
Key = tuple[str, str, tuple[str, ...]]


@dataclass(frozen=True)
class Placed:
    """What discovery added: its mentions (with place ids), their places and how they were resolved,
    and the names no resolver placed (``unresolved`` surfaces, ``lost`` mentions)."""

    mentions: tuple[Mention, ...]
    places: dict[str, Place]
    resolutions: dict[str, Resolution]
    unresolved: tuple[str, ...]
    lost: tuple[Mention, ...]


def place_discovered(
    articles: Sequence[Article],
    mentions: Sequence[Mention],
    places: Mapping[str, Place],
    geonames: NameIndex,
    chain: ResolverChain,
    context: Context,
    *,
    cache_dir: Path | None,
    jobs: int,
    progress: Callable[..., None],
) -> Placed:
    """Discover the names ``mentions`` (the gazetteer's) missed, and resolve them in ``context`` (the
    story's gazetteer places), biased by the countries and US states the articles name."""
    progress("discovering places the gazetteer lacks")
    readings = read_articles_for(articles, geonames, cache_dir=cache_dir, progress=progress, jobs=jobs)
    found = discover_mentions(articles, mentions, geonames, cache_dir=cache_dir, readings=readings, jobs=jobs,
                              progress=progress)
    by_id = {a.id: a for a in articles}
    groups, hints = _groups(found, by_id, geonames, jobs)
    # Countries the articles name bias every choice (Warsaw, Poland over Warsaw, Indiana).
    named = countries_named(articles, geonames, mentions, places, readings=readings)
    del readings
    context = replace(context, countries=context.countries | frozenset(named),
                      areas=states_named(found, geonames))  # and the US states they name
    # The name as written, unless discovery read it with its article ("au Cap": "le cap").
    requests = [(key[0] if key[0].endswith(" " + fold_key(group[0].surface)) else group[0].surface,
                 replace(context, kind_hint=hints[key], within=key[2])) for key, group in groups]
    # Resolved together: the names the chain is sure of place the doubtful ones near them; a name
    # the text puts near a town ("Woodside, près de San Francisco") is looked for there.
    nearby = near_points([key[0] for key, _ in groups], found, near(found, mentions, by_id), places)
    resolved = chain.resolve_near(requests, nearby, lambda done, total: progress("resolving names", done, total),
                                  [float(len(group)) for _, group in groups])  # a name weighs its mentions
    return _placed(groups, resolved)


def _groups(found: Sequence[Mention], by_id: Mapping[str, Article], geonames: NameIndex,
            jobs: int) -> tuple[list[tuple[Key, list[Mention]]], dict[Key, str | None]]:
    """Found mentions grouped by name, facility cue and the region named after them, sorted by key,
    with each group's cue."""
    # A facility cue belongs to the mention beside it: "l'aéroport d'Hiroshima" is the airport,
    # the bare "Hiroshima" of the other sentences the city; so names are grouped by both. (An
    # area form, "le Luxembourg", is how the name is written, not another place: not split.)
    # So is a region named right after it: "Anchorage, Alaska" is looked for in Alaska only.
    by_key: dict[Key, list[Mention]] = defaultdict(list)
    hints: dict[Key, str | None] = {}
    wheres = qualifiers(found, by_id, geonames)
    for m, hint, where in zip(found, kind_hints(found, by_id, jobs), wheres):
        key = (m.key, "" if hint in (None, AREA_HINT) else hint, where)
        by_key[key].append(m)
        hints.setdefault(key, hint)  # the first mention's, as for an unsplit name before
    return sorted(by_key.items()), hints


def _placed(groups: Sequence[tuple[Key, list[Mention]]], resolved: Sequence[Resolution | None]) -> Placed:
    """Each group's mentions tied to its resolution's place; a group with none is unresolved."""
    mentions: list[Mention] = []
    places: dict[str, Place] = {}
    resolutions: dict[str, Resolution] = {}
    unresolved: list[str] = []
    lost: list[Mention] = []
    for (_, group), res in zip(groups, resolved):
        if res is None:
            unresolved.append(group[0].surface)
            lost.extend(group)
            continue
        pid = res.place.id
        places.setdefault(pid, res.place)
        resolutions.setdefault(pid, res)
        # Built directly: dataclasses.replace looks the fields up anew per call (≈ 60,000 mentions at 2,000 articles).
        mentions.extend(Mention(m.article_id, m.sentence, m.start, m.end, m.surface, pid, m.key) for m in group)
    return Placed(tuple(mentions), places, resolutions, tuple(unresolved), tuple(lost))
