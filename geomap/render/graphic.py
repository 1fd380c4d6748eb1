"""The static graphic: an SVG of the story (basemap, route, numbered stops, title, legend, credit)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from ..model import Story
from .basemap import ATTRIBUTION, clip_basemap
from .layout import Box, Placer, text_width
from .payload import group_km, labels_for, view_bounds
from .wording import reader_date, spans_years, story_title
from .wrap import unwrapped

FONT = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif"
SEA, LAND, COAST, BORDER = "#d6e4ee", "#f5f2ea", "#8fa8bb", "#a89a8e"
INK, MUTED, ROUTE, STOP, SITE = "#1b1b1b", "#4a4a4a", "#1d4f91", "#1d4f91", "#9b1c1c"
#: Longest story text drawn before an ellipsis (names, title).
MAX_CHARS = 90


@dataclass(frozen=True)
class GraphicOptions:
    """What the static graphic shows besides the story: size in pixels, subtitle, credit line."""

    size: tuple[int, int] = (1600, 1000)
    subtitle: str | None = None
    credit: str | None = None


@dataclass(frozen=True)
class _Marker:
    seqs: tuple[int, ...]
    name: str
    role: str
    lat: float
    lon: float


def _fmt(value: float) -> str:
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def _clip(text: str, limit: int = MAX_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fit_text(text: str, size: float, width: float, *, bold: bool = False) -> str:
    """``text`` cut with an ellipsis so that it fits ``width`` pixels at ``size``."""
    text = _clip(text)
    while text and text_width(text, size, bold=bold) > width:
        text = text[:-2] + "…" if len(text) > 2 else ""
    return text


def _markers(story: Story) -> list[_Marker]:
    """One marker per located journey place, numbered with every stop made there."""
    journey = story.journey
    found: dict[str, _Marker] = {}
    for stop in journey.stops if journey is not None else ():
        place = story.places.get(stop.place_id)
        if place is None or not place.has_coords:
            continue
        old = found.get(stop.place_id)
        role = "site" if stop.role == "site" or (old and old.role == "site") else "stop"
        seqs = (old.seqs if old else ()) + (stop.seq,)
        found[stop.place_id] = _Marker(seqs, place.name, role, float(place.lat), float(place.lon))  # type: ignore[arg-type]
    return list(found.values())


class _Projection:
    """Web Mercator fitted to ``bounds`` inside ``box`` with ``margin`` pixels kept free."""

    def __init__(self, bounds: list[list[float]], box: Box, margin: float) -> None:
        (south, west), (north, east) = bounds
        # A story in one town still gets a region around it.
        if east - west < 1.0:
            west, east = (west + east) / 2 - 0.5, (west + east) / 2 + 0.5
        if north - south < 0.6:
            south, north = (south + north) / 2 - 0.3, (south + north) / 2 + 0.3
        x0, x1 = math.radians(west), math.radians(east)
        y0, y1 = self._y(south), self._y(north)
        self.k = min((box.w - 2 * margin) / (x1 - x0), (box.h - 2 * margin) / (y1 - y0))
        self.cx, self.cy = (x0 + x1) / 2, (y0 + y1) / 2
        self.box = box

    @staticmethod
    def _y(lat: float) -> float:
        lat = max(-85.0, min(85.0, lat))
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        b = self.box
        return (b.x + b.w / 2 + (math.radians(lon) - self.cx) * self.k,
                b.y + b.h / 2 - (self._y(lat) - self.cy) * self.k)

    def lonlat(self, x: float, y: float) -> tuple[float, float]:
        b = self.box
        lon = math.degrees(self.cx + (x - b.x - b.w / 2) / self.k)
        lat = math.degrees(2 * math.atan(math.exp(self.cy - (y - b.y - b.h / 2) / self.k)) - math.pi / 2)
        return lon, lat


def _path(points: list[tuple[float, float]], close: bool) -> str:
    return "M" + "L".join(f"{_fmt(x)} {_fmt(y)}" for x, y in points) + ("Z" if close else "")


def _text(x: float, y: float, text: str, size: float, *, fill: str = INK, weight: str = "normal",
          anchor: str = "start", halo: bool = False, extra: str = "") -> str:
    halo_attr = ' stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"' if halo else ""
    return (f'<text x="{_fmt(x)}" y="{_fmt(y)}" font-size="{_fmt(size)}" fill="{fill}" font-weight="{weight}"'
            f' text-anchor="{anchor}"{halo_attr}{extra}>{escape(text)}</text>')


def _badge_text(m: _Marker, r: float) -> tuple[str, float]:
    """The numbers a marker shows and their font size."""
    label = ",".join(str(s) for s in m.seqs)
    return label, r * (1.05 if len(label) < 3 else 0.9)


def _half_width(m: _Marker, r: float) -> float:
    """Half a badge's width: its radius, or more (a pill) where its numbers need it ("1,10")."""
    label, size = _badge_text(m, r)
    return max(r, text_width(label, size, bold=True) / 2 + size * 0.35)


def _marker_shape(m: _Marker, x: float, y: float, r: float) -> str:
    label, size = _badge_text(m, r)
    hw = _half_width(m, r)
    if m.role == "site" or hw > r:
        rx = r / 3 if m.role == "site" else r
        shape = (f'<rect x="{_fmt(x - hw)}" y="{_fmt(y - r)}" width="{_fmt(2 * hw)}" height="{_fmt(2 * r)}"'
                 f' rx="{_fmt(rx)}" fill="{SITE if m.role == "site" else STOP}" stroke="#ffffff" stroke-width="2"/>')
    else:
        shape = f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="{_fmt(r)}" fill="{STOP}" stroke="#ffffff" stroke-width="2"/>'
    return shape + _text(x, y + size * 0.36, label, size, fill="#ffffff", weight="bold", anchor="middle")


def _free(m: _Marker, x: float, y: float, placed: list[tuple[_Marker, float, float]], r: float) -> bool:
    """Whether marker ``m`` at (x, y) keeps clear of every one placed."""
    def core(n: _Marker) -> float:
        return _half_width(n, r) - r

    # A pill is a circle drawn along a short line: the gap is kept between those lines.
    return all(math.hypot(max(0.0, abs(x - qx) - core(m) - core(q)), y - qy) >= 2 * r + 3 for q, qx, qy in placed)


def _spread(points: list[tuple[_Marker, float, float]], r: float) -> list[tuple[_Marker, float, float]]:
    """Markers that would cover each other are moved, in travel order, to the nearest free spot around."""
    placed: list[tuple[_Marker, float, float]] = []
    gap = 2 * r + 3
    for m, x, y in points:
        if not _free(m, x, y, placed, r):
            spots = [(x + d * math.cos(math.radians(a)), y - d * math.sin(math.radians(a)))
                     for d in (gap * 1.2, gap * 1.9, gap * 2.6, gap * 3.3) for a in range(0, 360, 30)]
            x, y = next((p for p in spots if _free(m, *p, placed, r)), (x, y))
        placed.append((m, x, y))
    return placed


def _credit(story: Story, options: GraphicOptions) -> str:
    if options.credit:
        return _clip(options.credit, 200)
    sources = sorted({a.source for a in story.articles if a.source}, key=str.casefold)
    return ", ".join(sources[:4]) + (" …" if len(sources) > 4 else "") if sources else ""


def render_svg(story: Story, options: GraphicOptions = GraphicOptions()) -> str:
    """The story as a standalone SVG document of ``options.size`` pixels; deterministic."""
    story = unwrapped(story)  # drawn over the antimeridian where its legs cross it
    W, H = options.size
    T = labels_for(story.lang)
    u = min(W / 1600, H / 1000)
    pad = max(12.0, 28 * u)
    fs_title, fs_sub = max(17.0, 34 * u), max(12.0, 20 * u)
    fs_body, fs_small = max(11.0, 16 * u), max(9.5, 12.5 * u)
    r = max(9.0, 14 * u)

    out: list[str] = []
    y = pad + fs_title * 0.8
    title = _fit_text(story_title(story), fs_title, W - 2 * pad, bold=True)
    out.append(_text(pad, y, title, fs_title, weight="bold"))
    if options.subtitle:
        y += fs_sub * 1.45
        out.append(_text(pad, y, _fit_text(options.subtitle, fs_sub, W - 2 * pad), fs_sub, fill=MUTED))
    top = y + pad * 0.6
    footer = fs_small * 2.2
    bottom = H - footer

    markers = _markers(story)
    journey = story.journey
    stops = list(journey.stops) if journey is not None else []
    side = W >= H * 1.15
    panel_w = min(max(W * 0.26, 190.0), 420.0) if side else W - 2 * pad
    if side:
        map_box = Box(pad, top, W - 3 * pad - panel_w, bottom - top)
        panel = Box(map_box.x + map_box.w + pad, top, panel_w, bottom - top)
    else:
        list_h = min(H * 0.4, (len(stops) + 4) * fs_body * 1.5)
        map_box = Box(pad, top, W - 2 * pad, bottom - top - list_h - pad * 0.5)
        panel = Box(pad, map_box.y + map_box.h + pad * 0.5, W - 2 * pad, list_h)

    bounds = view_bounds(story) or [[-60.0, -170.0], [75.0, 170.0]]
    proj = _Projection(bounds, map_box, margin=r * 2 + fs_body * 1.5)
    west, north = proj.lonlat(map_box.x, map_box.y)
    east, south = proj.lonlat(map_box.x + map_box.w, map_box.y + map_box.h)
    tolerance = math.degrees(0.6 / proj.k)
    n_cities = max(4, int(map_box.w * map_box.h / 40000))
    base = clip_basemap(west - tolerance * 4, south - tolerance * 4, east + tolerance * 4, north + tolerance * 4,
                        lang=story.lang, tolerance=tolerance, cities=n_cities)

    # Map frame, sea, land, borders, all clipped to the frame.
    frame = f'x="{_fmt(map_box.x)}" y="{_fmt(map_box.y)}" width="{_fmt(map_box.w)}" height="{_fmt(map_box.h)}"'
    out.append(f'<clipPath id="map-clip"><rect {frame}/></clipPath>')
    out.append(f'<rect {frame} fill="{SEA}"/>')
    out.append('<g clip-path="url(#map-clip)">')
    land_d = "".join(_path([proj(x, y) for x, y in ring], True) for poly in base.land for ring in poly)
    if land_d:
        out.append(f'<path d="{land_d}" fill="{LAND}" fill-rule="evenodd" stroke="{COAST}" stroke-width="0.8"/>')
    border_d = "".join(_path([proj(x, y) for x, y in line], False) for line in base.borders)
    if border_d:
        out.append(f'<path d="{border_d}" fill="none" stroke="{BORDER}" stroke-width="1" stroke-dasharray="4 3"/>')

    # Route under the markers: a white casing keeps it readable over borders and coast.
    legs = [[proj(lon, lat) for lat, lon in leg.path] for leg in (journey.legs if journey else ())]
    route_d = "".join(_path(points, False) for points in legs if len(points) >= 2)
    if route_d:
        width = max(2.5, 4 * u)
        out.append(f'<path d="{route_d}" fill="none" stroke="#ffffff" stroke-width="{_fmt(width + 3)}"'
                   ' stroke-linejoin="round" stroke-linecap="round"/>')
        out.append(f'<path d="{route_d}" fill="none" stroke="{ROUTE}" stroke-width="{_fmt(width)}"'
                   ' stroke-linejoin="round" stroke-linecap="round"/>')

    # Labels: stops first (they must show), then cities and countries where room is left.
    placer = Placer(map_box)
    for points_ in legs:  # names keep off the route too
        for (x0, y0), (x1, y1) in zip(points_, points_[1:]):
            steps = max(1, int(math.hypot(x1 - x0, y1 - y0) / 6))
            for i in range(steps + 1):
                x, y = x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps
                placer.block(Box(x - 2, y - 2, 4, 4))
    points = _spread([(m, *proj(m.lon, m.lat)) for m in markers], r)
    for m, x, y in points:
        tx, ty = proj(m.lon, m.lat)
        if (tx, ty) != (x, y):  # moved off a crowded spot: a leader line shows where it belongs
            out.append(f'<line x1="{_fmt(tx)}" y1="{_fmt(ty)}" x2="{_fmt(x)}" y2="{_fmt(y)}" stroke="{INK}"'
                       ' stroke-width="1.2"/>'
                       f'<circle cx="{_fmt(tx)}" cy="{_fmt(ty)}" r="2.5" fill="{INK}"/>')
    for m, x, y in points:
        hw = _half_width(m, r)
        placer.block(Box(x - hw - 2, y - r - 2, 2 * hw + 4, 2 * r + 4))
    stop_labels = []
    for m, x, y in points:
        text = _fit_text(m.name, fs_body, map_box.w / 2.5, bold=True)
        spot = placer.place(x, y, _half_width(m, r) + 4, text, fs_body, force=True, bold=True)
        label = placer.taken[-1]
        # A name pushed away from its marker by its neighbours gets a thin line to it.
        nx, ny = min(max(x, label.x), label.x + label.w), min(max(y, label.y), label.y + label.h)
        if math.hypot(nx - x, ny - y) > r + 10:
            out.append(f'<line x1="{_fmt(x)}" y1="{_fmt(y)}" x2="{_fmt(nx)}" y2="{_fmt(ny)}" stroke="{MUTED}"'
                       ' stroke-width="1"/>')
        stop_labels.append(_text(spot[0], spot[1], text, fs_body, weight="bold", halo=True))
    base_labels = []
    for label in base.labels:
        x, y = proj(label.lon, label.lat)
        if label.kind == "country":
            text = label.text.upper()
            size = fs_small * 1.05
            spot = placer.centred(x, y, text, size, spacing=1.5)
            if spot:
                base_labels.append(_text(spot[0], spot[1], text, size, fill="#7a6e64", anchor="middle",
                                         extra=' letter-spacing="1.5"'))
        else:
            dot = Box(x - 3, y - 3, 6, 6)
            spot = placer.place(x, y, 4, label.text, fs_small, force=False) if placer.free(dot) else None
            if spot:
                placer.block(dot)
                base_labels.append(f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="2.2" fill="{MUTED}"/>'
                                   + _text(spot[0], spot[1], label.text, fs_small, fill=MUTED, halo=True))
    out.extend(base_labels)
    out.append("</g>")
    out.extend(_marker_shape(m, x, y, r) for m, x, y in points)
    out.extend(stop_labels)
    out.append(f'<rect {frame} fill="none" stroke="#9a9a9a" stroke-width="1"/>')

    listed, used = _panel(story, stops, markers, panel, T, fs_body, fs_small, r)
    out.extend(listed)
    room = Box(panel.x, used + fs_body, panel.w, panel.y + panel.h - used - fs_body)
    if side and room.h >= max(90.0, panel.w * 0.45):
        out.extend(_locator((west, south, east, north), Box(room.x, room.y + room.h - min(room.h, panel.w * 0.6),
                                                            room.w, min(room.h, panel.w * 0.6))))
    credit = _credit(story, options)
    source = (T["source"].capitalize() + ": " + credit + " · ") if credit else ""
    line = _fit_text(source + ATTRIBUTION, fs_small, W - 2 * pad)
    out.append(_text(pad, H - fs_small * 0.9, line, fs_small, fill=MUTED))

    body = "\n".join(out)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}"'
        f' font-family={quoteattr(FONT)}>\n<title>{escape(_clip(story_title(story)))}</title>\n'
        f'<rect width="{W}" height="{H}" fill="#ffffff"/>\n{body}\n</svg>\n'
    )


def _locator(view: tuple[float, float, float, float], box: Box) -> list[str]:
    """A small overview map where the panel has room: the main map's extent as a red frame on its region."""
    west, south, east, north = view
    # Four times the main map's extent, kept between 60° S and 80° N; east-west scaled by
    # the cosine of the latitude so that shapes look right.
    half_h = min(max(north - south, 8.0) * 2, 70.0)
    cy = max(-60 + half_h, min(80 - half_h, (south + north) / 2))
    half_w = min(half_h * box.w / box.h / math.cos(math.radians(cy)), 180.0)
    # Centred on the main map's middle even past ±180° (a route over the Pacific is drawn
    # there, and the basemap beyond the antimeridian is the world beside it).
    cx = (west + east) / 2
    lw, ls, le, ln = cx - half_w, cy - half_h, cx + half_w, cy + half_h
    span = 2 * half_w
    area = clip_basemap(lw, ls, le, ln, lang=None, tolerance=span / 250, cities=0)

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return box.x + (lon - lw) / (le - lw) * box.w, box.y + (ln - lat) / (ln - ls) * box.h

    frame = f'x="{_fmt(box.x)}" y="{_fmt(box.y)}" width="{_fmt(box.w)}" height="{_fmt(box.h)}"'
    land = "".join(_path([xy(x, y) for x, y in ring], True) for poly in area.land for ring in poly)
    (x0, y0), (x1, y1) = xy(west, north), xy(east, south)
    return [f'<clipPath id="locator-clip"><rect {frame}/></clipPath>', f'<rect {frame} fill="{SEA}"/>',
            f'<g clip-path="url(#locator-clip)"><path d="{land}" fill="{LAND}" fill-rule="evenodd"'
            f' stroke="{COAST}" stroke-width="0.5"/>'
            f'<rect x="{_fmt(x0)}" y="{_fmt(y0)}" width="{_fmt(max(x1 - x0, 3))}" height="{_fmt(max(y1 - y0, 3))}"'
            f' fill="none" stroke="{SITE}" stroke-width="2"/></g>',
            f'<rect {frame} fill="none" stroke="#9a9a9a" stroke-width="1"/>']


def _panel(story, stops, markers, box: Box, T, fs_body: float, fs_small: float, r: float) -> tuple[list[str], float]:
    """Legend and the numbered list of stops with their dates; also how far down they reach."""
    out = []
    y = box.y + fs_body
    sw = r * 0.8
    rows = [("stop", T["stop"])]
    if any(m.role == "site" for m in markers):
        rows.append(("site", T["site"]))
    journey = story.journey
    if journey is not None and journey.legs:
        rows.append(("route", f"{T['route']} · {T['total'].lower()} {group_km(journey.total_km, T)} km"))
    for kind, text in rows:
        cx = box.x + sw
        if kind == "route":
            out.append(f'<line x1="{_fmt(box.x)}" y1="{_fmt(y - fs_body * 0.35)}" x2="{_fmt(box.x + 2 * sw)}"'
                       f' y2="{_fmt(y - fs_body * 0.35)}" stroke="{ROUTE}" stroke-width="4"/>')
        else:
            # The same numbers as the interactive map's legend.
            out.append(_marker_shape(_Marker((1 if kind == "stop" else 2,), "", kind, 0, 0), cx, y - fs_body * 0.35, sw))
        out.append(_text(box.x + 2 * sw + 8, y, _fit_text(text, fs_body, box.w - 2 * sw - 8), fs_body))
        y += fs_body * 1.7
    y += fs_body * 0.4
    out.append(_text(box.x, y, T["stops"], fs_body, weight="bold"))
    y += fs_body * 0.5
    two_lines = (box.y + box.h - y) >= len(stops) * fs_body * 2.75
    with_year = spans_years(story)
    step = fs_body * (2.75 if two_lines else 1.5)
    for i, stop in enumerate(stops):
        if y + step > box.y + box.h and i < len(stops) - 1:
            out.append(_text(box.x, y + fs_body * 1.3, T["more"].replace("{n}", str(len(stops) - i)), fs_small,
                             fill=MUTED))
            break
        place = story.places.get(stop.place_id)
        name = place.name if place else stop.place_id
        date = reader_date(stop.date, T, year=with_year) if stop.date else T["no_date"]
        date = ("≈ " + date) if stop.date and stop.approximate else date
        y += fs_body * 1.3
        num = f"{stop.seq}."
        out.append(_text(box.x + fs_body * 1.6, y, num, fs_body, weight="bold", anchor="end",
                         fill=SITE if stop.role == "site" else STOP))
        x = box.x + fs_body * 2.1
        room = box.x + box.w - x
        if two_lines:
            out.append(_text(x, y, _fit_text(name, fs_body, room), fs_body))
            y += fs_body * 1.25
            out.append(_text(x, y, _fit_text(date, fs_small, room), fs_small, fill=MUTED))
            y += fs_body * 0.2
        else:
            out.append(_text(x, y, _fit_text(f"{name} · {date}", fs_body, room), fs_body))
    return out, y
