"""The story's time: its default year, its latest date, each article's time expressions, and months told alone."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..model import Article, TimeExpr
from ..parallel import kept_or_each
from ..timerecords import kept_time_expressions
from ..timexpr import month_names, parse_time_expressions

if TYPE_CHECKING:
    from .clauses import Words


def story_time(articles: Sequence[Article], jobs: int = 1
               ) -> tuple[int | None, dt.date | None, list[list[TimeExpr] | None]]:
    """The story's default year (commonest publication year), its latest known date, and each
    article's time expressions when they were parsed with what the evidence pass would use (the
    article's own date and the final default year), else None: the text is then parsed again.
    With a publication date known, ``jobs`` processes parse the articles the build does not keep yet
    (a cold build's cache worker may not have reached them: 10,000 articles take ≈ 25 s in one process)."""
    known = [a.date for a in articles if a.date]
    years = Counter(d.year for d in known)
    default_year = max(years, key=lambda y: (years[y], y)) if years else None
    dates = list(known)
    parsed: list[tuple[list[TimeExpr], int | None]] = []
    if default_year is not None:
        # The year is set for good: each article's expressions depend on the article alone.
        year = default_year
        kept = [kept_time_expressions(a.text, anchor=a.date, language=a.language, default_year=year) for a in articles]
        found = kept_or_each(kept, lambda i: parse_time_expressions(
            articles[i].text, anchor=articles[i].date, language=articles[i].language, default_year=year), jobs, renew=True)
        parsed = [(exprs, year) for exprs in found]
    for k, a in enumerate(articles):
        if k == len(parsed):  # no publication date: the first explicit date found sets the year for the next
            parsed.append((parse_time_expressions(a.text, anchor=a.date, language=a.language,
                                                  default_year=default_year), default_year))
        for x in parsed[k][0]:
            if x.relation == "explicit" and x.date and x.confidence >= 0.9:
                dates.append(x.date)
                if default_year is None:
                    default_year = x.date.year
    reuse = [exprs if a.date is not None and year == default_year else None
             for a, (exprs, year) in zip(articles, parsed)]
    return default_year, (max(dates) if dates else None), reuse


def month_time(w: Words, lo: int, hi: int, anchor: dt.date) -> dict[str, float]:
    """A month named with no day ("Depuis, il s'est rendu en octobre à X", "In May he will host …") in a
    sentence naming no day of the trip: 2-5 months after the story is a plan, 2-5 before an earlier time.
    A month next to the story's may be the trip's (a preview, a later recap); six away says neither."""
    months, words = month_names(w.article.language)
    out: dict[str, float] = {}
    for i in range(lo, hi):
        month = months.get(w.words[i])
        # Not a month within a time expression ("le 12 octobre"), nor an ordinary word in lower case ("may").
        if month is None or w.time[i] or (w.words[i] in words and not w.capital[i]):
            continue
        ahead = (month - anchor.month) % 12
        if 2 <= ahead <= 5:
            out["future"] = 1.0
        elif 7 <= ahead <= 10:
            out["past"] = 1.0
    return out
