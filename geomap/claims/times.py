"""The time expressions of the stops' evidence sentences, parsed once per sentence and kept per article."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from ..articlecache import recalled, remembered
from ..model import Article, Stop, TimeExpr
from ..parallel import kept_or_each
from ..timerecords import expr_from_record, expr_record
from ..timexpr import parse_time_expressions

#: The article-cache kind of these records.
KIND = "sentence_times"


def evidence_times(stops: Sequence[Stop], articles: Sequence[Article], jobs: int = 1
                   ) -> dict[tuple[str, str], list[TimeExpr]]:
    """Per (article id, evidence text) of the stops, the text's time expressions read against its article's
    date and language. A sentence quoted by several stops (a place's visits) is parsed once; an article's
    answers are kept in the article cache by its text, date, language and the sentences asked, so only the
    articles not kept yet are parsed, by ``jobs`` processes (a warm build forks none)."""
    by_id = {a.id: a for a in articles}
    asked: dict[str, dict[str, None]] = {}
    for stop in stops:
        for ev in stop.evidence:
            if ev.article_id in by_id:
                asked.setdefault(ev.article_id, {})[ev.text] = None
    ids = list(asked)
    texts = {a: list(asked[a]) for a in ids}
    kept = [recalled(KIND, *_key(by_id[a], texts[a]), partial(_decoded, len(texts[a]))) for a in ids]
    found = kept_or_each(kept, lambda k: _parsed(by_id[ids[k]], texts[ids[k]]), jobs, renew=True)
    return {(a, text): exprs for a, f in zip(ids, found) for text, exprs in zip(texts[a], f)}


def _key(article: Article, texts: list[str]) -> tuple[str, str]:
    return article.text, repr((article.date, article.language, texts))


def _parsed(article: Article, texts: list[str]) -> list[list[TimeExpr]]:
    return remembered(KIND, *_key(article, texts),
                      lambda: {"texts": [[expr_record(x) for x in parse_time_expressions(
                          t, anchor=article.date, language=article.language)] for t in texts]},
                      partial(_decoded, len(texts)))


def _decoded(n: int, record: dict) -> list[list[TimeExpr]]:
    out = [[expr_from_record(r) for r in exprs] for exprs in record["texts"]]
    if len(out) != n:
        raise ValueError("another article's record")
    return out
