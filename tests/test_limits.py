"""Stated input limits: a file, an article or a story past them is one line naming it, exit 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import geomap.articles
from geomap.articles import load_articles
from geomap.errors import ArticleError
from geomap.limits import MAX_ARTICLE_BYTES, MAX_ARTICLE_CHARS

ROOT = Path(__file__).resolve().parent.parent


def test_a_file_past_the_byte_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    huge = tmp_path / "dump.txt"
    with huge.open("wb") as f:
        f.truncate(MAX_ARTICLE_BYTES + 1)  # sparse: nothing is really written, nothing may be read
    with pytest.raises(ArticleError) as err:
        load_articles([huge])
    assert str(huge) in str(err.value) and "at most" in str(err.value)


def test_an_article_past_the_character_limit_is_one_line_from_the_cli(tmp_path: Path) -> None:
    story = tmp_path / "story"
    story.mkdir()
    (story / "long.txt").write_text("Kim est à Moscou. " * (MAX_ARTICLE_CHARS // 18 + 1), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "geomap", "build", str(story), "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"geomap: error: {story / 'long.txt'}: article is {MAX_ARTICLE_CHARS // 18 * 18 + 18:,} characters; "
        f"geomap reads at most {MAX_ARTICLE_CHARS:,} per article (split it into several articles)"
    ]
    assert not (tmp_path / "out").exists()


def test_a_story_past_its_limit_names_the_article_that_passed_it(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(geomap.articles, "MAX_STORY_CHARS", 1000)  # the limit, scaled down
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text("Kim est à Moscou. " * 20, encoding="utf-8")  # 360 characters
    with pytest.raises(ArticleError) as err:
        load_articles([tmp_path])
    assert str(err.value).startswith(f"{tmp_path / 'c.txt'}: the articles together pass 1,000 characters")
