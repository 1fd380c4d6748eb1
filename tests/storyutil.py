"""One-article stories built end to end, for tests that ask where a name was placed."""

from __future__ import annotations

from pathlib import Path

from geomap.model import Place
from geomap.pipeline import BuildOptions, build_story

ROOT = Path(__file__).resolve().parent.parent


def placed(tmp_path: Path, text: str, title: str = "Escale") -> dict[str, Place]:
    """Each mentioned name's place when ``text`` is a story's one article (the seed gazetteer)."""
    (tmp_path / "story").mkdir()
    (tmp_path / "story" / "a.txt").write_text(f"Title: {title}\n\n{text}\n", encoding="utf-8")
    story = build_story([tmp_path / "story"], BuildOptions(gazetteer=ROOT / "gazetteer.yaml")).story
    return {m.surface: story.places[m.place_id] for m in story.mentions if m.place_id}
