"""The inference's reading passes kept per article: a rebuild reads them, an edited article alone is read
again, and what comes out equals a reading without any records."""

from __future__ import annotations

import json
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

from geomap.articlecache import keeping
from geomap.articles import split_sentences
from geomap.infer import story_features
from geomap.model import Story
from geomap.pipeline import BuildOptions, build_story

ROOT = Path(__file__).resolve().parent.parent
#: A story told in French and one told in English, by different hands.
FOLDERS = ("macron-kyiv-2022", "biden-kyiv-2023")


@cache
def _story(folder: str) -> Story:
    where = ROOT / "tests" / "data" / "stories" / folder
    return build_story([where], BuildOptions(gazetteer=ROOT / "gazetteer.yaml", curated=False)).story


def _features(story: Story) -> tuple:
    return story_features(story.articles, story.mentions, story.places)


def _records(cache: Path, kind: str) -> set[Path]:
    return set((cache / "articles" / kind).rglob("*.json"))


@pytest.mark.parametrize("folder", FOLDERS)
def test_a_rebuild_reads_the_passes_records_and_gets_what_no_records_give(folder: str, tmp_path: Path) -> None:
    story = _story(folder)
    plain = _features(story)
    with keeping(tmp_path):
        assert _features(story) == plain  # computed, records written
        for kind in ("named", "evidence"):
            assert len(_records(tmp_path, kind)) == len(story.articles)
        assert _features(story) == plain  # read back
        # The records are what the rebuild reads: an article's weighing emptied, its places lose its mentions.
        first = {e.place_id for ms in plain[1].values() for e in ms if e.article == 0}
        for path in _records(tmp_path, "evidence"):
            data = json.loads(path.read_text(encoding="utf-8"))
            data["evidence"] = []
            path.write_text(json.dumps(data), encoding="utf-8")
        emptied = _features(story)
        assert first and not any(emptied[1].get(pid) for pid in first)
        for path in _records(tmp_path, "evidence"):
            path.write_bytes(b'{"evidence": [[1]]}')
        assert _features(story) == plain  # a damaged record is computed again


@pytest.mark.parametrize("folder", FOLDERS)
def test_after_an_edit_only_the_edited_article_is_read_again(folder: str, tmp_path: Path) -> None:
    story = _story(folder)
    with keeping(tmp_path):
        _features(story)
        before = {kind: _records(tmp_path, kind) for kind in ("named", "evidence")}
        # A sentence added at the end of the last article: its mentions keep their offsets.
        last = story.articles[-1]
        text = last.text + "\n\nThe talks went on late into the night.\n"
        edited = replace(story, articles=(*story.articles[:-1], replace(last, text=text, sentences=split_sentences(text))))
        warm = _features(edited)
        for kind, kept in before.items():
            added = _records(tmp_path, kind) - kept
            assert len(added) == 1, kind  # the other articles' records were read, not written again
    assert warm == _features(edited)  # the same as a reading without records
