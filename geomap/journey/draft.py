"""``geomap draft``: the inferred itinerary as an editable journey.yaml that builds the same map."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from ..atomicio import atomic_write_text
from ..errors import InputError, OutputError
from ..model import Evidence, Journey, Place, Rejected, Stop, Story, Unplaced
from ..textnorm import fold_key
from ..unplaced import by_name
from .evidence import quote_occurrence

if TYPE_CHECKING:
    from ..pipeline import BuildOptions, BuildResult, ProgressFn

#: The itinerary's file name (also ``journey.ITINERARY_NAME``; repeated to avoid an import cycle).
DRAFT_NAME = "journey.yaml"

HEADER = """\
# Itinerary drafted by `geomap draft` from {articles}: the journey geomap reads in the text.
# `geomap build` draws this file as it is. Review it: correct, reorder or delete stops.
#  - Each stop's comment says how sure geomap is and why. Its `inferred:` line is what the map
#    shows about that; delete the line once you have checked the stop and it counts as curated.
#  - `place:` is an id from journey.geojson, a place name as the articles write it, or any name
#    with `lat:` and `lon:` for a place no resolver knows. A stop without a `date:` line keeps
#    the date geomap reads in the articles; `date:` left empty means undated on purpose.
#  - Places geomap considered and did not keep follow the stops, commented out with the reason,
#    then names the text travels to that no offline data knows: to add one, delete the "# " in
#    front of its lines (give a place not placed its lat/lon) and move it where it belongs.
"""


#: What YAML reads as the end of a line: a scalar holding one is written escaped, double-quoted.
_LINE_BREAKS = "\n\r\x85\u2028\u2029"


def _scalar(value: str) -> str:
    """``value`` as one line of YAML: plain when that reads back the same, else double-quoted."""
    plain = yaml.safe_dump(value, allow_unicode=True, width=1 << 30).removesuffix("\n...\n").rstrip("\n")
    if not any(ch in plain for ch in _LINE_BREAKS):
        return plain
    return _quoted(value)


def _quoted(value: str) -> str:
    """``value`` as a double-quoted YAML scalar on one line (for a flow mapping)."""
    return yaml.safe_dump(value, allow_unicode=True, width=1 << 30, default_style='"').rstrip("\n")


def _comment(text: str) -> str:
    """Free text made safe for a comment line."""
    return " ".join(text.split())


def _place_line(place_id: str, places: Mapping[str, Place]) -> str:
    place = places.get(place_id)
    line = f"- place: {_scalar(place_id)}"
    if place is not None and fold_key(place.name) != fold_key(place_id):
        line += f"  # {_comment(place.name)}"
    return line


def _evidence_lines(evidence: Sequence[Evidence], texts: Mapping[str, str]) -> Iterator[str]:
    if not evidence:
        yield "  evidence: []"
        return
    yield "  evidence:"
    for ev in evidence:
        yield f"    - article: {_scalar(ev.article_id)}"
        yield f"      quote: {_scalar(ev.text)}"
        # A sentence the article repeats word for word reads back as its first telling unless numbered.
        n = quote_occurrence(texts[ev.article_id], ev.text, ev.start) if ev.article_id in texts else 1
        if n > 1:
            yield f"      occurrence: {n}  # these words appear earlier in the article too"


def _stop_notes(stop: Stop, journey: Journey, places: Mapping[str, Place]) -> list[str]:
    """The journey's notes labelled for this stop, as the itinerary reader files a stop's ``note``."""
    name = places[stop.place_id].name if stop.place_id in places else stop.place_id
    label = f"stop {stop.seq} ({name}): "
    return [n[len(label):] for n in journey.notes if n.startswith(label)]


def _inferred_line(stop: Stop) -> str | None:
    if not stop.inferred:
        return None
    parts = []
    if stop.confidence is not None:
        parts.append(f"confidence: {float(stop.confidence)!r}")
    if stop.why:
        parts.append(f"why: {_quoted(stop.why)}")
    return "  inferred: {" + ", ".join(parts) + "}" if parts else "  inferred: true"


def _stop_block(stop: Stop, journey: Journey, places: Mapping[str, Place], texts: Mapping[str, str]) -> list[str]:
    name = places[stop.place_id].name if stop.place_id in places else stop.place_id
    head = f"# {stop.seq}. {_comment(name)}"
    if stop.inferred:
        sure = f"confidence {stop.confidence:.2f}" if stop.confidence is not None else "inferred"
        head += f" — {sure}" + (f": {_comment(stop.why)}" if stop.why else "")
    lines = [head, _place_line(stop.place_id, places), *_approx_lines(places.get(stop.place_id))]
    earlier = max((s.date for s in journey.stops if s.seq < stop.seq and s.date), default=None)
    if stop.date and earlier and stop.date < earlier:
        lines.append(f"  date: {stop.date.isoformat()}  # before an earlier stop's {earlier}: check the order")
    else:
        lines.append(f"  date: {stop.date.isoformat()}" if stop.date else "  date:  # not stated in the articles")
    if stop.date is not None and stop.approximate:
        lines.append("  approximate: true  # borrowed from a nearby event, not stated for this place")
    if stop.time:
        lines.append(f"  time: {_scalar(stop.time)}")
    lines.append(f"  role: {stop.role}")
    if stop.event:
        lines.append(f"  event: {_scalar(stop.event)}")
    notes = _stop_notes(stop, journey, places)
    if len(notes) == 1:
        lines.append(f"  note: {_scalar(notes[0])}")
    elif notes:
        lines.append("  note:")
        lines.extend(f"    - {_scalar(n)}" for n in notes)
    inferred = _inferred_line(stop)
    if inferred:
        lines.append(inferred)
    lines.extend(_evidence_lines(stop.evidence, texts))
    return lines


def _approx_lines(place: Place | None) -> list[str]:
    """A place placed from where the text says it lies: how far off it may be, and the sentence."""
    if place is None or place.approx_km is None:
        return []
    return [f"  # placed approximately (within about {place.approx_km:.0f} km), from: {_comment(place.source or '')}",
            f"  # to place it exactly: `place: {_comment(place.name)}` with its lat: and lon:"]


def _rejected_block(rejected: Rejected, places: Mapping[str, Place], texts: Mapping[str, str]) -> list[str]:
    name = places[rejected.place_id].name if rejected.place_id in places else rejected.place_id
    head = f"## Not kept: {_comment(name)} (score {rejected.score:.2f}): {_comment(rejected.reason)}"
    body = [_place_line(rejected.place_id, places), *_approx_lines(places.get(rejected.place_id)),
            *_evidence_lines(rejected.evidence, texts)]
    return [head, *("# " + line for line in body)]


def _unplaced_block(group: Sequence[Unplaced], places: Mapping[str, Place]) -> list[str]:
    first = group[0]
    near = next((p for p in places.values() if p.approx_km is not None and fold_key(p.name) == fold_key(first.name)),
                None)
    head = (f"## Not placed: {_comment(first.name)}: the text says the traveller went there, no offline data "
            "knows it; give its coordinates")
    if near is not None:
        head = (f"## Placed approximately: {_comment(first.name)} (within about {near.approx_km:.0f} km, from where "
                "the text says it lies); no offline data knows it: give its coordinates")
    body = [f"- place: {_scalar(first.name)}", "  lat:    # decimal degrees, e.g. 48.8566", "  lon:",
            "  evidence:"]
    for u in group:
        body += [f"    - article: {_scalar(u.article_id)}", f"      quote: {_scalar(u.text)}"]
    return [head, *("# " + line for line in body)]


def draft_text(story: Story) -> str:
    """The YAML text of ``story``'s (inferred) journey, in the form ``load_itinerary`` reads back
    to the same stops: loading the untouched draft rebuilds exactly the map the inference made."""
    journey = story.journey
    if journey is None or not journey.stops:
        raise InputError("no itinerary could be inferred from the articles: nothing to draft",
                         hint="write journey.yaml by hand (see docs/journey-example.yaml)")
    n = len(story.articles)
    out = [HEADER.format(articles=f"{n} article{'s' if n != 1 else ''}")]
    # Notes a stop's block or a place-not-kept block already says are not repeated up here.
    said = ("not a stop: ", *(f"stop {s.seq}" for s in journey.stops))
    general = [n for n in journey.notes if not n.startswith(said)]
    if general:
        out.append("#\n# What geomap read in the text:\n")
        out.extend(f"#   {_comment(n)}\n" for n in general)
    out.append("\n")
    if journey.title:
        out.append(f"title: {_scalar(journey.title)}\n")
    else:
        out.append(f"# title: {_scalar(story.title)}  # the map's title: uncomment and edit\n")
    out.append("\nstops:\n")
    texts = {a.id: a.text for a in story.articles}
    blocks = [_stop_block(s, journey, story.places, texts) for s in journey.stops]
    blocks += [_rejected_block(r, story.places, texts) for r in journey.rejected]
    blocks += [_unplaced_block(group, story.places) for group in by_name(story.unplaced).values()]
    out.append("\n".join("\n".join("  " + line for line in block) + "\n" for block in blocks))
    return "".join(out)


@dataclass(frozen=True)
class DraftResult:
    """Where the draft went, what it holds, and the build it came from (for the summary)."""

    path: Path
    text: str
    build: BuildResult

    @property
    def stops(self) -> int:
        journey = self.build.story.journey
        return len(journey.stops) if journey is not None else 0

    @property
    def rejected(self) -> int:
        journey = self.build.story.journey
        return len(journey.rejected) if journey is not None else 0


def draft_path(paths: str | Path | Sequence[str | Path]) -> Path:
    """``journey.yaml`` beside the articles: in the first folder given, or the first file's folder."""
    from ..sources import is_url

    first = paths if isinstance(paths, (str, Path)) else paths[0]
    if is_url(str(first)):
        raise InputError("articles from the web have no folder to put the draft beside", path=str(first),
                         hint="name the draft file with --out")
    first = Path(first)
    return (first if first.is_dir() else first.parent) / DRAFT_NAME


def draft(
    paths: str | Path | Sequence[str | Path],
    options: BuildOptions | None = None,
    *,
    out: str | Path | None = None,
    force: bool = False,
    progress: ProgressFn | None = None,
) -> DraftResult:
    """Infer the itinerary of the articles at ``paths`` and write it as an editable journey.yaml.

    The file goes beside the articles unless ``out`` names one; an existing file is kept unless
    ``force`` (the draft never reads it: it shows what the text alone says).
    """
    from dataclasses import replace

    from ..pipeline import BuildOptions, build_story

    target = Path(out) if out is not None else draft_path(paths)
    if target.exists() and not force:
        raise OutputError("an itinerary is already there; it was left as it is", path=target,
                          hint="use --force to replace it, or --out to write the draft elsewhere")
    if target.is_dir():
        raise OutputError("is a folder, not a file", path=target, hint="name a file such as journey.yaml")
    opts = replace(options or BuildOptions(), curated=False, itinerary=None)
    result = build_story(paths, opts, progress=progress) if progress else build_story(paths, opts)
    text = draft_text(result.story)
    atomic_write_text(target, text)
    return DraftResult(path=target, text=text, build=result)
