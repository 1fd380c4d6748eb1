"""The claims stage: distances and directions the articles state, checked, and where articles disagree."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from ..model import Story
from .check import check_all, geodesic
from .disagree import distance_disagreements, stop_disagreements
from .extract import find_claims
from .lexicon import compass_point, say

#: Verdicts that count as "off" in the summary.
OFF = ("direction-off", "distance-off", "both-off")


def check_story(story: Story, jobs: int = 1) -> Story:
    """``story`` with its claims found and checked, and the articles' disagreements listed (the
    articles and stops read by ``jobs`` processes: the same story)."""
    found = find_claims(story.articles, story.mentions, story.places, jobs)
    claims = tuple(check_all(found, story.places, story.resolutions, story.journey))
    articles = {a.id: a for a in story.articles}
    disagreements = tuple(
        stop_disagreements(story.journey, story.articles, story.mentions, jobs)
        + distance_disagreements(claims, articles)
    )
    return replace(story, claims=claims, disagreements=disagreements)


def summary_line(story: Story) -> str | None:
    """"claims: 3 checked, 2 off, 1 only along the route; 1 disagreement between articles", or None."""
    if not story.claims and not story.disagreements:
        return None
    verdicts = Counter(c.verdict for c in story.claims)
    checked = sum(n for v, n in verdicts.items() if v != "unchecked")
    parts = [f"{checked} checked"]
    off = sum(verdicts[v] for v in OFF)
    if checked:
        parts.append(f"{off} off")
    if verdicts["route-only"]:
        parts.append(f"{verdicts['route-only']} consistent only along the route")
    if verdicts["unchecked"]:
        parts.append(f"{verdicts['unchecked']} not checkable")
    line = "claims: " + ", ".join(parts)
    if story.disagreements:
        n = len(story.disagreements)
        line += f"; {n} disagreement{'s' if n != 1 else ''} between articles"
    return line


__all__ = ["OFF", "check_story", "compass_point", "find_claims", "geodesic", "say", "summary_line"]
