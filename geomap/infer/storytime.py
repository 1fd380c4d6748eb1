"""The story's time: its default year, its latest date, and each article's time expressions."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from ..model import Article, TimeExpr
from ..parallel import each
from ..timerecords import kept_time_expressions
from ..timexpr import parse_time_expressions


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
        found = [kept_time_expressions(a.text, anchor=a.date, language=a.language, default_year=year) for a in articles]
        todo = [i for i, exprs in enumerate(found) if exprs is None]  # a warm build forks for none
        for i, exprs in zip(todo, each(lambda i: parse_time_expressions(
                articles[i].text, anchor=articles[i].date, language=articles[i].language, default_year=year),
                todo, jobs, renew=True)):
            found[i] = exprs
        parsed = [(exprs or [], year) for exprs in found]
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
