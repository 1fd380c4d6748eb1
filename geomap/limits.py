"""Stated limits on input size: past them a build stops with one line instead of running for hours."""

from __future__ import annotations

#: Characters of text in one article (after extraction). Every stage is linear in text
#: length, so this bounds time and memory; benchmarks/bench_large_article.py measures it.
MAX_ARTICLE_CHARS = 4_000_000
#: Bytes of one article file on disk (HTML and Word files carry markup besides the text);
#: checked before the file is read.
MAX_ARTICLE_BYTES = 32 * 1024 * 1024
#: Characters of text in all the articles of one story together: 10,000 news articles of
#: 5,000 characters (issue 11's scale) fit; benchmarks/bench_corpus.py measures 10,000.
MAX_STORY_CHARS = 64_000_000


def megabytes(n: int) -> str:
    """``n`` bytes or characters as a short figure for messages ("4 MB")."""
    return f"{n / 1_000_000:g} MB" if n % 1_000_000 == 0 else f"{n / (1024 * 1024):g} MiB"
