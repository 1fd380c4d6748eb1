"""The per-article cache is bounded: records no build has used for a month are removed, at most once a day."""

from __future__ import annotations

import os
import time
from pathlib import Path

from geomap.articlecache import MAX_AGE_DAYS, SWEEP_EVERY_DAYS, ArticleCache, sweep
from geomap.pipeline import build_story

DAY = 86400.0


def _record(cache: Path, kind: str, text: str, *, read: float, written: float) -> Path:
    path = ArticleCache.open(cache, kind).path(text)
    ArticleCache.write(path, {"x": 1})
    os.utime(path, (read, written))
    return path


def test_records_unused_for_the_max_age_are_removed_and_used_ones_kept(tmp_path: Path) -> None:
    now = time.time()
    old = now - (MAX_AGE_DAYS + 1) * DAY
    stale = [_record(tmp_path, "words", "edited away", read=old, written=old),
             _record(tmp_path, "evidence", "an older version's", read=old, written=old)]
    read_lately = _record(tmp_path, "words", "read last week", read=now - 7 * DAY, written=old)
    fresh = _record(tmp_path, "time", "written today", read=now, written=now)
    stray = stale[0].with_name(".left.json.abc.tmp")  # a write a crash cut short
    stray.write_text("{", encoding="utf-8")
    os.utime(stray, (old, old))

    assert sweep(tmp_path, now) == 3
    assert not any(p.exists() for p in (*stale, stray))
    assert read_lately.exists() and fresh.exists()

    again = _record(tmp_path, "words", "old, planted after the sweep", read=old, written=old)
    assert sweep(tmp_path, now + SWEEP_EVERY_DAYS * DAY / 2) == 0 and again.exists()  # swept lately: no look
    assert sweep(tmp_path, now + SWEEP_EVERY_DAYS * DAY + 1) == 1 and not again.exists()


def test_a_cache_with_no_records_is_left_as_it_was(tmp_path: Path) -> None:
    assert sweep(tmp_path / "none") == 0
    assert not (tmp_path / "none").exists()


def test_a_build_sweeps_its_cache(tmp_path: Path, repo_root: Path) -> None:
    story = tmp_path / "story"
    story.mkdir()
    (story / "a.txt").write_text("Title: Escale\n\nThe president flew from Paris to Lyon on Monday.\n", encoding="utf-8")
    cache = tmp_path / "cache"
    old = time.time() - (MAX_AGE_DAYS + 1) * DAY
    planted = _record(cache, "words", "no article says this any more", read=old, written=old)
    build_story([story], cache_dir=cache, gazetteer=repo_root / "gazetteer.yaml", discover=False)
    kept = [p for p in (cache / "articles").rglob("*.json")]
    assert not planted.exists() and kept  # the build's own records stay
