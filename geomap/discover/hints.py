"""Kind cues of a story's discovered mentions, kept per article and worked out in parallel when missing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial

from ..articlecache import recalled, remembered
from ..model import Article, Mention
from ..parallel import kept_or_each
from .spans import kind_hint


def kind_hints(mentions: Sequence[Mention], articles: Mapping[str, Article], jobs: int = 1) -> list[str | None]:
    """:func:`kind_hint` of every mention, in order; an article's answers are kept by content and
    the spans asked (articlecache): they read only the words around each span, so the articles
    not kept yet are worked out by ``jobs`` processes."""
    asked: dict[str, list[tuple[int, int]]] = {}
    for m in mentions:
        asked.setdefault(m.article_id, []).append((m.start, m.end))
    ids = list(asked)
    kept = [recalled("hints", articles[a].text, repr(asked[a]), partial(_decoded, asked[a])) for a in ids]
    answers = kept_or_each(kept, lambda k: _article_hints(articles[ids[k]], asked[ids[k]]), jobs)
    hints: dict[tuple[str, int, int], str | None] = {}
    for article_id, found in zip(ids, answers):
        for (start, end), hint in zip(asked[article_id], found):
            hints[(article_id, start, end)] = hint
    return [hints[(m.article_id, m.start, m.end)] for m in mentions]


def _article_hints(article: Article, spans: list[tuple[int, int]]) -> list[str | None]:
    return remembered("hints", article.text, repr(spans),
                      lambda: {"hints": [kind_hint(article, start, end) for start, end in spans]},
                      partial(_decoded, spans))


def _decoded(spans: list[tuple[int, int]], record: dict) -> list[str | None]:
    hints = [None if h is None else str(h) for h in record["hints"]]
    if len(hints) != len(spans):
        raise ValueError("another article's record")
    return hints
