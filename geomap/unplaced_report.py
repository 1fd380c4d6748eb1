"""The unplaced names told to the user: each with its sentence, and the gazetteer entries to fill in."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

from .model import Place, Unplaced
from .textnorm import fold_key
from .unplaced import by_name


def slug(name: str) -> str:
    """A gazetteer id for ``name``: its folded letters and digits, hyphens between."""
    return re.sub(r"[^a-z0-9]+", "-", fold_key(name).lower()).strip("-") or "place"


def gazetteer_stub(items: Sequence[Unplaced], approximate: Mapping[str, Place] | None = None) -> str:
    """Ready-to-paste ``gazetteer.yaml`` entries for the names: valid as they are (resolvers will
    try again), complete once the commented coordinates are filled in (for a name placed from the
    text, ``approximate`` by folded name, they are where it was placed: a start, to be checked)."""
    import yaml

    lines: list[str] = []
    for key, group in by_name(items).items():
        first = group[0]
        near = (approximate or {}).get(key)
        kinds = Counter(u.kind for u in group if u.kind != "place")
        countries = Counter(u.country for u in group if u.country)
        name = yaml.safe_dump(first.name, allow_unicode=True, width=1 << 30).removesuffix("\n...\n").strip()
        lines += [f"  - id: {slug(first.name)}", f"    name: {name}"]
        if kinds:
            lines.append(f"    kind: {kinds.most_common(1)[0][0]}")
        if countries:
            lines.append(f"    country: {countries.most_common(1)[0][0]}")
        lat, lon = (near.lat, near.lon) if near is not None else (0.0, 0.0)
        lines += [f"    # lat: {lat}      # decimal degrees; fill in, with the source, and remove the '#'",
                  f"    # lon: {lon}" + (f"  # placed from the text, within about {near.approx_km:.0f} km: check"
                                         if near is not None else ""), "    # source: https://…"]
    return "\n".join(lines)


def _excerpt(text: str, name: str, limit: int) -> str:
    """``text`` cut to about ``limit`` characters around ``name``, the cuts marked with "…"."""
    if len(text) <= limit:
        return text
    at = max(text.find(name), 0)
    start = min(max(at + len(name) // 2 - limit // 2, 0), len(text) - limit)
    cut = text[start:start + limit]
    return ("…" if start > 0 else "") + cut.strip() + ("…" if start + limit < len(text) else "")


def report(items: Sequence[Unplaced], *, online: bool, limit: int = 160,
           approximate: Mapping[str, Place] | None = None) -> list[str]:
    """Summary lines: each name with the sentence it is in, what to do, and the gazetteer stub.

    ``approximate``: places of these names placed from where the text says they lie (by folded
    name, :mod:`geomap.anchored`); each says so, with how far off it may be.
    """
    if not items:
        return []
    approximate = approximate or {}
    groups = by_name(items)
    lines = [f"not placed{' (offline data nor online geocoder)' if online else ' (offline data lacks them)'}: "
             f"{len(groups)} place{'s' if len(groups) != 1 else ''} the text says the traveller went to"]
    for key, group in groups.items():
        u = group[0]
        text = _excerpt(u.text, u.name, limit)
        more = f" (+{len(group) - 1} more)" if len(group) > 1 else ""
        near = approximate.get(key)
        how = f" placed approximately (within about {near.approx_km:.0f} km) —" if near and near.approx_km else ""
        lines.append(f"  {u.name} —{how} {u.article_id}: “{text}”{more}")
    if not online:
        lines.append("  try --online (asks OpenStreetMap Nominatim near the story), "
                     "or add them to gazetteer.yaml:")
    else:
        lines.append("  add them to gazetteer.yaml with their coordinates:")
    lines.extend(gazetteer_stub(items, approximate).splitlines())
    return lines
