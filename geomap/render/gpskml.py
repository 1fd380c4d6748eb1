"""KML (Google Earth, My Maps) and GPX (GPS tools) exports of the journey, as deterministic XML text."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from ..model import Place, Stop, Story
from .wording import (
    article_label,
    kind_label,
    labels_for,
    story_title,
    translate_event,
    translate_time,
    translate_why,
)

KML_NAME = "journey.kml"
GPX_NAME = "journey.gpx"
KML_NS = "http://www.opengis.net/kml/2.2"
GPX_NS = "http://www.topografix.com/GPX/1/1"
#: Coordinates to 6 decimals (~0.1 m), as in the GeoJSON.
PRECISION = 6
INDENT = "  "

# XML 1.0 forbids most control characters even escaped; untrusted text loses them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n'
# What text and attribute values escape, in this order (as xml.etree.ElementTree writes them).
_TEXT_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
_ATTR_ESCAPES = (*_TEXT_ESCAPES, ('"', "&quot;"), ("\r", "&#13;"), ("\n", "&#10;"), ("\t", "&#09;"))

#: An element: tag, attributes, text, children. Plain tuples written straight to text: a
#: 10,000-article story's KML and GPX hold ~200,000 elements each, and ElementTree's tree, indent
#: and serialiser took most of their time.
Node = tuple[str, dict[str, str], str | None, list["Node"]]


def _clean(text: str | None) -> str:
    return _NOT_XML.sub("", text or "")


def _el(tag: str, text: str | None = None, children: list[Node] | None = None, **attrs: str) -> Node:
    return tag, attrs, text, children if children is not None else []


def _escaped(text: str, escapes: tuple[tuple[str, str], ...]) -> str:
    for char, entity in escapes:
        if char in text:  # most text has none: a look is cheaper than a replace
            text = text.replace(char, entity)
    return text


def _sub(parent: Node, tag: str, text: str | None = None, **attrs: str) -> Node:
    node = _el(tag, text, None, **attrs)
    parent[3].append(node)
    return node


def _write(node: Node, pad: str, out: list[str]) -> None:
    """``node`` as ElementTree writes it once indented: children on lines of their own, two spaces
    deeper (``pad`` is the line break and indentation of ``node``'s own line); an element with
    neither text nor children as ``<tag />``."""
    tag, attrs, text, children = node
    out.append("<" + tag + "".join(f' {k}="{_escaped(_clean(v), _ATTR_ESCAPES)}"' for k, v in attrs.items()))
    if children:
        inner = pad + INDENT
        out.append(">")
        for child in children:
            out.append(inner)
            _write(child, inner, out)
        out.append(f"{pad}</{tag}>")
    elif text and (text := _clean(text)):
        out.append(f">{_escaped(text, _TEXT_ESCAPES)}</{tag}>")
    else:
        out.append(" />")


def _num(value: float) -> str:
    return f"{round(value, PRECISION) + 0.0:.{PRECISION}f}".rstrip("0").rstrip(".")


def _xml(root: Node) -> str:
    out = [_HEADER]
    _write(root, "\n", out)
    out.append("\n")
    return "".join(out)


def _located(story: Story) -> list[tuple[Stop, Place]]:
    if story.journey is None:
        return []
    found = []
    for stop in sorted(story.journey.stops, key=lambda s: s.seq):
        place = story.places.get(stop.place_id)
        if place is not None and place.has_coords:
            found.append((stop, place))
    return found


def _route(story: Story) -> list[tuple[float, float]]:
    """The route's (lat, lon) points in travel order, joints kept once."""
    points: list[tuple[float, float]] = []
    legs = sorted(story.journey.legs, key=lambda leg: (leg.from_seq, leg.to_seq)) if story.journey else []
    for leg in legs:
        for point in leg.path:
            if not points or points[-1] != point:
                points.append(point)
    if not points:
        points = [place.latlon for _, place in _located(story)]
    return points


def _describer(story: Story, labels: Mapping[str, str]) -> Callable[[Stop], str]:
    """:func:`_describe` for the story's stops, each article's label and each reason worded once: a
    10,000-article story's 33,000 stops quote 130,000 sentences of 10,000 articles."""
    articles = {a.id: a for a in story.articles}  # once: every stop quotes some (a scan per stop is quadratic)
    names: dict[str, str] = {}
    whys: dict[str, str] = {}

    def name(article_id: str) -> str:
        if article_id not in names:
            source = articles.get(article_id)
            names[article_id] = article_label(source, labels) if source else article_id
        return names[article_id]

    def why(text: str) -> str:
        if text not in whys:
            whys[text] = translate_why(text, labels)
        return whys[text]

    return lambda stop: _describe(stop, labels, name, why)


def _describe(stop: Stop, labels: Mapping[str, str], name: Callable[[str], str], why: Callable[[str], str]) -> str:
    """A stop's description: date and time, event, how sure the inference is, first evidence (``name``:
    an article's label by id, ``why``: a reason worded)."""
    when = stop.date.isoformat() if stop.date else labels["no_date"]
    if stop.date and stop.approximate:
        when = "≈ " + when
    time = translate_time(stop, labels)
    lines = [when + (f" ({time})" if time else "")]
    if stop.event:
        lines.append(translate_event(stop, labels))
    if stop.inferred:
        sure = f" · {labels['confidence']} {stop.confidence:.0%}" if stop.confidence is not None else ""
        lines.append(labels["inferred"] + sure + (f" · {why(stop.why)}" if stop.why else ""))
    for ev in stop.evidence[:3]:
        lines.append(f"{labels['quote_open']}{ev.text}{labels['quote_close']} — {name(ev.article_id)}")
    return "\n".join(lines)


def _coords_text(points: Iterable[tuple[float, float]]) -> str:
    return " ".join(f"{_num(lon)},{_num(lat)}" for lat, lon in points)


def journey_kml(story: Story) -> str:
    """The journey as KML 2.2: the route, then folders of stops, sites and mentioned places."""
    labels = labels_for(story.lang)
    describe = _describer(story, labels)
    root = _el("kml", xmlns=KML_NS)
    doc = _sub(root, "Document")
    _sub(doc, "name", story_title(story))
    style = _sub(doc, "Style", id="route")
    line = _sub(style, "LineStyle")
    _sub(line, "color", "ff914f1d")  # aabbggrr: the map's route blue
    _sub(line, "width", "4")
    points = _route(story)
    if points:
        mark = _sub(doc, "Placemark")
        _sub(mark, "name", labels["route"])
        _sub(mark, "styleUrl", "#route")
        geometry = _sub(mark, "LineString")
        _sub(geometry, "tessellate", "1")
        _sub(geometry, "coordinates", _coords_text(points if len(points) > 1 else points * 2))
    folders = {role: _sub(doc, "Folder") for role in ("stop", "site", "mention")}
    for role, key in (("stop", "layer_stops"), ("site", "layer_sites"), ("mention", "layer_mentions")):
        _sub(folders[role], "name", labels[key])
    for stop, place in _located(story):
        mark = _sub(folders[stop.role], "Placemark", id=f"stop-{stop.seq}")
        _sub(mark, "name", f"{stop.seq}. {place.name}")
        if stop.date is not None:
            _sub(_sub(mark, "TimeStamp"), "when", stop.date.isoformat())
        _sub(mark, "description", describe(stop))
        _sub(_sub(mark, "Point"), "coordinates", _coords_text([place.latlon]))
    for pid in sorted(story.places):
        place = story.places[pid]
        if place.has_coords and story.role_of(pid) == "mention":
            mark = _sub(folders["mention"], "Placemark")
            _sub(mark, "name", place.name)
            _sub(mark, "description", f"{labels['kind']}: {kind_label(place.kind, labels)}")
            _sub(_sub(mark, "Point"), "coordinates", _coords_text([place.latlon]))
    return _xml(root)


def journey_gpx(story: Story) -> str:
    """The journey as GPX 1.1: one waypoint per stop or site, and the route as a track."""
    labels = labels_for(story.lang)
    describe = _describer(story, labels)
    root = _el("gpx", version="1.1", creator="geomap", xmlns=GPX_NS)
    meta = _sub(root, "metadata")
    _sub(meta, "name", story_title(story))
    for stop, place in _located(story):
        lat, lon = place.latlon
        wpt = _sub(root, "wpt", lat=_num(lat), lon=_num(lon))
        # GPX times are instants; only a date the articles state is given, at 00:00 UTC.
        if stop.date is not None and not stop.approximate:
            _sub(wpt, "time", stop.date.isoformat() + "T00:00:00Z")
        _sub(wpt, "name", f"{stop.seq}. {place.name}")
        _sub(wpt, "desc", describe(stop))
        _sub(wpt, "type", labels[stop.role])
    points = _route(story)
    if points:
        track = _sub(root, "trk")
        _sub(track, "name", labels["route"])
        segment = _sub(track, "trkseg")
        for lat, lon in points:
            _sub(segment, "trkpt", lat=_num(lat), lon=_num(lon))
    return _xml(root)
