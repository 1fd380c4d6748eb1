"""Scoring a built story against a gold annotation: places found, resolved near the truth, stops and order."""

from __future__ import annotations

import datetime as dt
import operator
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .articlecache import keeping
from .cachedir import default_cache_dir, using_cache_dir
from .geocoders.base import haversine_km
from .gold import Gold, GoldPlace, GoldStop, load_gold
from .model import Place, Story
from .textnorm import fold_key

if TYPE_CHECKING:
    from .infer.fit import Ranking

#: The usual "accuracy at 161 km" (100 miles) of toponym-resolution benchmarks.
NEAR_KM = 161.0
#: Areas, not points: a country's centroid says nothing about resolution quality.
AREA_KINDS = frozenset({"country", "region", "continent", "ocean", "sea"})


@dataclass(frozen=True)
class StoryScore:
    """How a build compares with the gold; shares are 0..1 (1.0 when there is nothing to get)."""

    precision: float  # found point places that are gold places
    recall: float  # gold places that were found
    near_161: float  # gold places found and placed within 161 km of the truth
    stops: float  # gold stops with a journey stop within tolerance
    order: float  # longest common subsequence of stops / gold stops
    found: int = 0
    gold: int = 0
    details: tuple[str, ...] = ()
    # Journey stops that are gold stops: extra stops cost nothing in ``stops`` and ``order``.
    stop_precision: float = 1.0
    # Matched stops whose gold stop has a date and whose inferred date is that date: the map shows it.
    dates: float = 1.0


def _names(story: Story, place: Place) -> frozenset[str]:
    """Every name the build knows a place by: its own, its aliases, and the text's surfaces."""
    names = {place.name, *place.aliases}
    res = story.resolutions.get(place.id)
    if res is not None:
        names.add(res.query)
    names.update(m.surface for m in story.mentions if m.place_id == place.id)
    return frozenset(fold_key(n) for n in names)


def _matches(story: Story, place: Place, gold: GoldPlace, tolerance_km: float) -> bool:
    return bool(_names(story, place) & gold.keys) or haversine_km(place.latlon, (gold.lat, gold.lon)) <= tolerance_km


def _lcs(a: Sequence, b: Sequence, same: Callable[[Any, Any], bool] = operator.eq) -> int:
    prev = [0] * (len(b) + 1)
    for x in a:
        row = [0]
        for j, y in enumerate(b):
            row.append(prev[j] + 1 if same(x, y) else max(prev[j + 1], row[j]))
        prev = row
    return prev[-1]


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def evaluate(story: Story, gold: Gold) -> StoryScore:
    """Score ``story`` against ``gold``: a found place matches a gold place by name or within tolerance."""
    found = [p for p in story.places.values() if p.has_coords and p.kind not in AREA_KINDS]
    golds = list(gold.places)
    details: list[str] = []
    matched_found = 0
    for p in found:
        if any(_matches(story, p, g, gold.tolerance_km) for g in golds):
            matched_found += 1
        else:
            details.append(f"extra: {p.name} ({p.lat:.3f}, {p.lon:.3f})")
    recalled = near = 0
    for g in golds:
        hits = [p for p in found if _matches(story, p, g, gold.tolerance_km)]
        if not hits:
            details.append(f"missed: {g.name}")
            continue
        recalled += 1
        best = min(haversine_km(p.latlon, (g.lat, g.lon)) for p in hits)
        if best <= NEAR_KM:
            near += 1
        else:
            details.append(f"far: {g.name} placed {best:,.0f} km away")

    # Stops become labels of distinct gold locations, so a return to the same town counts.
    labels: list[int] = []
    for s in gold.stops:
        same = [i for i, t in enumerate(gold.stops[: len(labels)]) if haversine_km((s.lat, s.lon), (t.lat, t.lon)) <= gold.tolerance_km]
        labels.append(labels[same[0]] if same else len(labels))
    built: list[int] = []
    built_dates: list[tuple[int, dt.date | None]] = []
    journey_stops = story.journey.stops if story.journey is not None else ()
    placed: list[tuple[Place, int | None]] = []  # each built stop with coordinates, and its gold label
    for stop in journey_stops:
        place = story.places.get(stop.place_id)
        if place is None or not place.has_coords:
            continue
        near_gold = [(haversine_km(place.latlon, (s.lat, s.lon)), labels[i]) for i, s in enumerate(gold.stops)]
        close = [d for d in near_gold if d[0] <= gold.tolerance_km]
        if close:
            built.append(min(close)[1])
            built_dates.append((built[-1], stop.date))
        placed.append((place, built[-1] if close else None))
    hit_stops = sum(1 for lab in labels if lab in built)
    right = _right_stops(gold_sites(story, gold), labels, placed, details)
    for s, lab in zip(gold.stops, labels):
        if lab not in built:
            details.append(f"stop missed: {s.name}")
    dates = _date_share(gold.stops, labels, built_dates, details)
    return StoryScore(
        precision=_share(matched_found, len(found)),
        recall=_share(recalled, len(golds)),
        near_161=_share(near, len(golds)),
        stops=_share(hit_stops, len(gold.stops)),
        order=_share(_lcs(labels, built), len(labels)),
        found=len(found),
        gold=len(golds),
        details=tuple(details),
        stop_precision=_share(right, len(placed)),
        dates=dates,
    )


def gold_sites(story: Story, gold: Gold) -> set[str]:
    """Ids of the built places that are gold sites (by name or within tolerance): real places of the
    trip, right as stops (:func:`evaluate`) and as fit rows (:func:`gold_rows`)."""
    sites = [g for g in gold.places if g.role == "site"]
    return {pid for pid, p in story.places.items()
            if p.has_coords and any(_matches(story, p, g, gold.tolerance_km) for g in sites)}


def _right_stops(sites: set[str], labels: Sequence[int], placed: Sequence[tuple[Place, int | None]],
                 details: list[str]) -> int:
    """How many built stops are right: each gold visit is claimed at most once, so a second stop
    within tolerance of a gold stop already matched (a suburb, the airport, a venue beside the
    city) is wrong, unless the gold lists it as a site the traveller went to.

    A built stop far from every gold stop is right too when it is a gold site: a real place of
    the trip shown at a finer grain than the gold's stop list.
    """
    left = Counter(labels)
    right = 0
    # Places that are gold sites give way, so a site and its city both count when the city is a stop.
    for place, label in sorted(placed, key=lambda item: item[0].id in sites):
        if label is not None and left[label] > 0:
            left[label] -= 1
            right += 1
        elif place.id in sites:
            right += 1
        else:
            details.append(f"extra stop: {place.name}" if label is None else f"repeated stop: {place.name}")
    return right


def _date_share(stops: Sequence[GoldStop], labels: Sequence[int], built: Sequence[tuple[int, dt.date | None]],
                details: list[str]) -> float:
    """Share of built stops, matched to a dated gold stop, that carry its date.

    A built visit of a location takes the gold visit there with its date if one is left, else the
    next one left in order; a built visit with no gold visit left (home shown at both ends of a trip
    the gold ends there) is an extra stop, not judged here.
    """
    left: dict[int, list[GoldStop]] = {}
    for s, lab in zip(stops, labels):
        left.setdefault(lab, []).append(s)
    wanted = [(lab, date) for lab, date in built]
    for lab, date in built:  # first the visits whose day is right, so a wrong one cannot take their gold
        same = next((g for g in left[lab] if date is not None and g.date == date), None)
        if same is not None:
            left[lab].remove(same)
            wanted.remove((lab, date))
    right = len(built) - len(wanted)
    dated = right
    for lab, date in wanted:
        if not left[lab]:
            continue
        gold = left[lab].pop(0)
        if gold.date is not None:
            dated += 1
            details.append(f"date: {gold.name} {date or 'undated'}, gold {gold.date}")
    return _share(right, dated)


def format_scores(scores: Sequence[tuple[str, StoryScore]]) -> str:
    """A plain-text table, one story per row plus the mean, for ``geomap eval`` and the README."""
    head = ("story", "found", "gold", "precision", "recall", "@161km", "stops", "order", "stop-prec", "dates")
    rows = [
        (name, str(s.found), str(s.gold), f"{s.precision:.2f}", f"{s.recall:.2f}", f"{s.near_161:.2f}",
         f"{s.stops:.2f}", f"{s.order:.2f}", f"{s.stop_precision:.2f}", f"{s.dates:.2f}")
        for name, s in scores
    ]
    if len(scores) > 1:
        n = len(scores)

        def mean(attr: str) -> str:
            return f"{sum(getattr(s, attr) for _, s in scores) / n:.2f}"

        rows.append(("mean", "", "", mean("precision"), mean("recall"), mean("near_161"), mean("stops"),
                     mean("order"), mean("stop_precision"), mean("dates")))
    widths = [max(len(r[i]) for r in (head, *rows)) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))) for r in (head, *rows)]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


# --- building, leave-one-trip-out and paraphrase consistency -----------------------------------


@contextmanager
def _builds_cache(cache_dir: Path | None) -> Iterator[None]:
    """Within the block, the inference reads each article as the build kept it: labelled rows and a
    refit's journey read the story again after its build, and outside the build's cache that was two
    more readings (words, evidence, time expressions) of every article."""
    with using_cache_dir(cache_dir), keeping(cache_dir or default_cache_dir()):
        yield


def _build(folder: Path, gazetteer: Path, cache_dir: Path | None) -> Story:
    from .pipeline import BuildOptions, build_story

    # Eval measures inference: a curated itinerary would hide it, so none is read.
    opts = BuildOptions(gazetteer=gazetteer, cache_dir=cache_dir, curated=False)
    return build_story([folder], opts).story


def _stop_points(story: Story) -> list[tuple[float, float]]:
    stops = story.journey.stops if story.journey is not None else ()
    return [story.places[s.place_id].latlon for s in stops
            if s.place_id in story.places and story.places[s.place_id].has_coords]


def story_rows(folder: Path, gold: Gold, gazetteer: Path, cache_dir: Path | None = None) -> list:
    """Training rows of one story folder: each candidate place's features, labelled by the gold stops."""
    story = _build(folder, gazetteer, cache_dir)
    with _builds_cache(cache_dir):
        return gold_rows(story, gold)


def gold_rows(story: Story, gold: Gold) -> list:
    """A built story's training rows: its places labelled as :func:`evaluate` judges its stops (each gold
    visit claimed once; a gold site counts as right)."""
    from .infer.fit import labelled_rows

    # The places the gold calls a stop by name (or an alias of that name): they claim it before a nearer one.
    stopped = {fold_key(s.name) for s in gold.stops}
    keys = frozenset().union(*(g.keys for g in gold.places if stopped & g.keys), stopped)
    named = {pid for pid, p in story.places.items() if _names(story, p) & keys}
    return labelled_rows(story, [(s.lat, s.lon) for s in gold.stops], gold.tolerance_km, gold_sites(story, gold), named)


def consistency(tellings: Sequence[tuple[Story, Gold]]) -> dict[str, float]:
    """Per trip told at least twice: mean over pairs of tellings of the longest common subsequence of
    their inferred stops (matched within the gold tolerance) over the longer itinerary's length."""
    return _consistency([(_stop_points(story), gold) for story, gold in tellings])


def gold_consistency(golds: Sequence[Gold]) -> dict[str, float]:
    """The same measure on the gold itineraries themselves: the ceiling inference can reach, since
    tellings of one trip by different hands need not name the same stops."""
    return _consistency([([(s.lat, s.lon) for s in gold.stops], gold) for gold in golds])


def _consistency(itineraries: Sequence[tuple[list[tuple[float, float]], Gold]]) -> dict[str, float]:
    trips: dict[str, list[tuple[list[tuple[float, float]], float]]] = {}
    for points, gold in itineraries:
        trips.setdefault(gold.trip, []).append((points, gold.tolerance_km))
    out = {}
    for trip, told in sorted(trips.items()):
        if len(told) < 2:
            continue
        pairs = []
        for i, (a, tol) in enumerate(told):
            for b, _ in told[i + 1 :]:
                same = lambda x, y, tol=tol: haversine_km(x, y) <= tol  # noqa: E731
                pairs.append(_share(_lcs(a, b, same), max(len(a), len(b))))
        out[trip] = sum(pairs) / len(pairs)
    return out


def story_folders(paths: Sequence[Path]) -> tuple[list[Path], list[str]]:
    """The story folders ``paths`` name and a warning per path skipped.

    A path holding ``gold.yaml`` is a story; a set folder (no gold.yaml, subfolders that hold one)
    stands for its stories, in name order. A file — a README.md a shell glob picked up — or a folder
    with no story is skipped with a warning rather than failing the whole evaluation.
    """
    folders: list[Path] = []
    warnings: list[str] = []
    for path in paths:
        if (path / "gold.yaml").is_file():
            folders.append(path)
            continue
        inside = sorted(p for p in path.iterdir() if (p / "gold.yaml").is_file()) if path.is_dir() else []
        if inside:
            folders += inside
        elif not path.exists():
            warnings.append(f"{path}: skipped, no such folder")
        else:
            why = "no gold.yaml in it or its subfolders" if path.is_dir() else "not a folder"
            warnings.append(f"{path}: skipped, {why}")
    return folders, warnings


def evaluate_folders(folders: Sequence[Path], gazetteer: Path, cache_dir: Path | None = None, *,
                     loso: bool = False, golds: Sequence[Gold] | None = None,
                     ) -> tuple[list[tuple[str, StoryScore]], dict[str, float], Ranking | None]:
    """Scores of every folder, the paraphrase consistency per trip and, with ``loso``, how well the
    refitted weights rank each held-out trip's places (None without). ``golds``: the folders' gold
    annotations when the caller has read them already (read here otherwise).

    With ``loso`` the score's weights are refitted for each trip on the other trips' folders only
    (every telling of the held-out trip left out), so a telling is never judged by weights that saw
    its own trip told in other words.
    """
    golds = list(golds) if golds is not None else [load_gold(f / "gold.yaml") for f in folders]
    stories = [_build(f, gazetteer, cache_dir) for f in folders]
    ranked = None
    if loso:
        with _builds_cache(cache_dir):
            stories, ranked = _refit_per_trip(stories, golds)
    scores = [(f.name, evaluate(s, g)) for f, s, g in zip(folders, stories, golds)]
    return scores, consistency(list(zip(stories, golds))), ranked


def _refit_per_trip(stories: list[Story], golds: list[Gold]) -> tuple[list[Story], Ranking]:
    from dataclasses import replace

    from .infer import infer_journey
    from .infer.fit import fit, ranking
    from .infer.score import Weights

    rows = [gold_rows(s, g) for s, g in zip(stories, golds)]
    fitted: dict[str, Weights] = {}
    for trip in dict.fromkeys(g.trip for g in golds):
        others = [i for i, g in enumerate(golds) if g.trip != trip]
        told = [i for i in others for _ in rows[i]]
        # The whole fit, its threshold chosen out of fold within these trips: what ships, nested.
        fitted[trip] = fit([r for i in others for r in rows[i]], f"all trips but {trip}", told,
                           [golds[i].trip for i in told])
    # Every place of every trip, scored by its trip's weights and labelled as they were fitted.
    scored = [(fitted[g.trip].probability(x), y) for g, told in zip(golds, rows) for x, y in told]
    return [replace(s, journey=infer_journey(s.articles, s.mentions, s.places, weights=fitted[g.trip]))
            for s, g in zip(stories, golds)], ranking(scored)


def format_consistency(trips: dict[str, float], ceiling: dict[str, float] | None = None) -> str:
    """One line: the mean paraphrase consistency and each trip's, and the gold itineraries' own mean."""
    if not trips:
        return "paraphrase consistency: no trip is told twice (give tellings of one trip the same 'trip:' in gold.yaml)"
    mean = sum(trips.values()) / len(trips)
    each = ", ".join(f"{t} {v:.2f}" for t, v in trips.items())
    own = ""
    if ceiling:
        own = f"; gold itineraries' own: {sum(ceiling.values()) / len(ceiling):.2f}"
    return f"paraphrase consistency: {mean:.2f} over {len(trips)} trips{own} ({each})"
