"""Label placement for the static graphic: boxes, text widths and a greedy no-overlap placer."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

#: Average advance of DejaVu Sans glyphs in ems, by kind; wide enough that estimates err long.
_EM = {"upper": 0.72, "lower": 0.6, "digit": 0.64, "space": 0.32, "narrow": 0.3, "wide": 1.0}


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in pixels (y grows downwards)."""

    x: float
    y: float
    w: float
    h: float

    def overlaps(self, other: Box) -> float:
        """The area shared with ``other`` (0 when apart)."""
        dx = min(self.x + self.w, other.x + other.w) - max(self.x, other.x)
        dy = min(self.y + self.h, other.y + other.h) - max(self.y, other.y)
        return dx * dy if dx > 0 and dy > 0 else 0.0

    def inside(self, other: Box) -> bool:
        return (self.x >= other.x and self.y >= other.y
                and self.x + self.w <= other.x + other.w and self.y + self.h <= other.y + other.h)


def _advance(ch: str) -> float:
    if ch.isspace():
        return _EM["space"]
    if ch in "il.,:;'|!()[]ftjrI":
        return _EM["narrow"]
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return _EM["wide"]
    if ch.isdigit():
        return _EM["digit"]
    return _EM["upper"] if ch.isupper() or ch in "mwMW@%" else _EM["lower"]


#: Bold glyphs are this much wider than regular ones.
BOLD = 1.12


def text_width(text: str, size: float, spacing: float = 0.0, *, bold: bool = False) -> float:
    """Estimated width in pixels of ``text`` at font ``size`` (plus letter ``spacing``)."""
    return sum(_advance(ch) for ch in text) * size * (BOLD if bold else 1.0) + spacing * len(text)


class Placer:
    """Puts labels where they overlap nothing placed or blocked before, inside ``frame``."""

    #: Where a label may go around its point, in order of preference (dx, dy signs).
    SPOTS = ((1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (1, 1), (-1, -1), (-1, 1))

    def __init__(self, frame: Box) -> None:
        self.frame = frame
        self.taken: list[Box] = []

    def block(self, box: Box) -> None:
        self.taken.append(box)

    def free(self, box: Box) -> bool:
        return self._cost(box) == 0

    def _cost(self, box: Box) -> float:
        outside = 0.0 if box.inside(self.frame) else box.w * box.h
        return outside + sum(box.overlaps(t) for t in self.taken)

    def place(self, x: float, y: float, gap: float, text: str, size: float, *, force: bool,
              bold: bool = False) -> tuple[float, float] | None:
        """Baseline start of ``text`` beside point (x, y) at ``gap`` pixels; None if no free spot and not ``force``."""
        w, h = text_width(text, size, bold=bold), size * 1.15
        best = None
        for dx, dy, away in [(dx, dy, g) for g in (gap, gap * 2.5) for dx, dy in self.SPOTS]:
            left = x + away if dx > 0 else x - away - w if dx < 0 else x - w / 2
            top = y - h / 2 if dy == 0 else (y - away - h if dy < 0 else y + away)
            if dx and dy:  # diagonal spots sit a little closer in
                top += (h / 3) * (1 if dy < 0 else -1)
            box = Box(left, top, w, h)
            cost = self._cost(box)
            if best is None or cost < best[0]:
                best = (cost, box)
            if cost == 0:
                break
        assert best is not None
        if best[0] > 0 and not force:
            return None
        self.taken.append(best[1])
        return best[1].x, best[1].y + size * 0.9

    def centred(self, x: float, y: float, text: str, size: float, spacing: float = 0.0) -> tuple[float, float] | None:
        """Baseline centre of ``text`` centred on (x, y) or a little off it, or None where all would overlap."""
        w, h = text_width(text, size, spacing), size * 1.2
        for dx, dy in ((0, 0), (0, -1.5 * h), (0, 1.5 * h), (-w / 2, 0), (w / 2, 0), (0, -3 * h), (0, 3 * h)):
            box = Box(x + dx - w / 2, y + dy - h / 2, w, h)
            if self._cost(box) == 0:
                self.taken.append(box)
                return x + dx, y + dy + size * 0.35
        return None
