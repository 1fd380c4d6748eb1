"""The story's time: its default year, its latest date, each article's time expressions, months told alone, retellings."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ..model import Article, TimeExpr
from ..parallel import kept_or_each
from ..timerecords import kept_time_expressions
from ..timexpr import month_names, names_weekday, names_year, parse_time_expressions, safe_date

if TYPE_CHECKING:
    from .clauses import Words

_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
#: An anniversary piece is published this close to the day it retells, some years on.
ANNIVERSARY_DAYS = 14
#: A retelling is read as if filed this many days after the day it opens on: its bare weekdays ("On
#: Friday he addressed …") are the days of the week that follows, not the week before its publication.
RETOLD_FILED = 6
#: A weekday named with a day of the month is parsed this sure when some nearby year puts that day on it.
WEEKDAY_AGREES = 0.9


def retold(articles: Sequence[Article], jobs: int = 1) -> tuple[list[Article], list[list[TimeExpr] | None]]:
    """The articles, those that retell the trip years on read as if filed then. An anniversary piece
    ("Forty years ago this week …", published on 12 May 2023) opens on a day written in full
    ("Thursday, May 12, 1983"): its weekdays and days without a year are that week's, not its
    publication's, and its days are no earlier time. A day written in full without its weekday ("Le soir
    du 3 mars 1981") counts when the calendar the story is told in is that year's ("Le samedi 7
    mars": a Saturday in 1981, not in 2021). Every article of the story published a year or more
    after that day is dated RETOLD_FILED days after it; one filed then is left as it is.
    The time expressions read are those :func:`story_time` reads of an article left as it is: kept by
    the build, else parsed by ``jobs`` processes (and kept for it). They come back with the articles, each
    article's or None, for story_time to read none twice (a build outside a cache parses each time)."""
    read: list[list[TimeExpr] | None] = [None] * len(articles)
    years = Counter(a.date.year for a in articles if a.date)
    if not years:
        return list(articles), read
    year = max(years, key=lambda y: (years[y], y))  # story_time's default year: its parse is kept
    # Only an article that writes an earlier year can retell one: the others' expressions need not be read here.
    at = [i for i, a in enumerate(articles)
          if a.date is not None and any(int(y) < a.date.year for y in _YEAR.findall(a.text))]
    earlier = [articles[i] for i in at]
    kept = [kept_time_expressions(a.text, anchor=a.date, language=a.language, default_year=year) for a in earlier]
    found = kept_or_each(kept, lambda i: parse_time_expressions(
        earlier[i].text, anchor=earlier[i].date, language=earlier[i].language, default_year=year), jobs, renew=True)
    # Weekdays named with a day of the month and no year ("samedi 5 décembre") in the articles that write an
    # earlier year: the calendar a retelling is told in.
    calendar = [x.date for a, exprs in zip(earlier, found) for x in exprs
                if x.date is not None and x.confidence >= WEEKDAY_AGREES and names_weekday(x, a.language) and not names_year(x)]
    then = min((d for a, exprs in zip(earlier, found) for d in _retold_days(exprs, a.date, a.language, calendar)),
               default=None)
    if then is None:  # the articles as they are: story_time reads them with this year, as here
        for i, exprs in zip(at, found):
            read[i] = exprs
        return list(articles), read
    filed = then + dt.timedelta(days=RETOLD_FILED)
    # Not one filed in the days it tells: a retelling is published a year or more on (its anniversary's eve too).
    return [replace(a, date=filed, published=a.date) if a.date is not None and (a.date - then).days >= 365 - ANNIVERSARY_DAYS else a
            for a in articles], [None] * len(articles)


def _retold_days(exprs: Sequence[TimeExpr], published: dt.date, language: str | None, calendar: Sequence[dt.date]
                 ) -> list[dt.date]:
    """The days written in full among an article's expressions that it retells, a year or more before it
    was ``published`` and within ANNIVERSARY_DAYS of that day's anniversary, naming their weekday ("lundi 9
    mai 1983") or borne out by the story's ``calendar`` ("Le soir du 3 mars 1981" beside "Le samedi
    7 mars": a Saturday in 1981, a Sunday in 2021): not a background date ("March 3, 1921"), which
    is seldom told on its anniversary, and then with days of its article's own year."""
    return [x.date for x in exprs if x.date is not None and names_year(x) and x.date.year < published.year
            and _anniversary(x.date, published)
            and (names_weekday(x, language) or _borne_out(x.date, calendar, published.year))]


def _borne_out(day: dt.date, calendar: Sequence[dt.date], published: int) -> bool:
    """One of the ``calendar``'s days (each a weekday named with its day of the month) falls on that weekday in
    the month ``day`` opens or the next in ``day``'s year, and in neither in the ``published`` year: the
    text is told in ``day``'s calendar."""
    def fits(named: dt.date, year: int) -> bool:
        months = [divmod(year * 12 + day.month - 1 + k, 12) for k in (0, 1)]
        return any((d := safe_date(y, m + 1, named.day)) is not None and d.weekday() == named.weekday() for y, m in months)
    return any(fits(named, day.year) and not fits(named, published) for named in calendar)


def _anniversary(day: dt.date, on: dt.date) -> bool:
    """``on`` falls within ANNIVERSARY_DAYS of ``day``'s anniversary."""
    return any(abs((on - dt.date(y, day.month, min(day.day, 28 if day.month == 2 else day.day))).days)
               <= ANNIVERSARY_DAYS for y in (on.year - 1, on.year, on.year + 1))


def story_time(articles: Sequence[Article], jobs: int = 1, read: Sequence[list[TimeExpr] | None] | None = None
               ) -> tuple[int | None, dt.date | None, list[list[TimeExpr] | None]]:
    """The story's default year (commonest publication year), its latest known date, and each
    article's time expressions when they were parsed with what the evidence pass would use (the
    article's own date and the final default year), else None: the text is then parsed again.
    With a publication date known, ``jobs`` processes parse the articles the build does not keep yet
    (a cold build's cache worker may not have reached them: 10,000 articles take ≈ 25 s in one process)
    nor ``read`` already (:func:`retold`'s, each article's or None)."""
    known = [a.date for a in articles if a.date]
    years = Counter(d.year for d in known)
    default_year = max(years, key=lambda y: (years[y], y)) if years else None
    dates = list(known)
    parsed: list[tuple[list[TimeExpr], int | None]] = []
    if default_year is not None:
        # The year is set for good: each article's expressions depend on the article alone.
        year = default_year
        kept = [r if r is not None else kept_time_expressions(a.text, anchor=a.date, language=a.language,
                                                              default_year=year)
                for a, r in zip(articles, read or [None] * len(articles))]
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
    reuse = [_published(a, exprs) if a.date is not None and year == default_year else None
             for a, (exprs, year) in zip(articles, parsed)]
    return default_year, (max(dates) if dates else None), reuse


def _published(a: Article, exprs: list[TimeExpr]) -> list[TimeExpr]:
    """A retelling's days counted from today ("raconte-t-elle aujourd'hui", "This morning, as every year")
    are the writer's, no day of the trip nor an earlier time: they date nothing (:func:`retold`)."""
    if a.published is None:
        return exprs
    return [replace(x, date=None) if x.relation in ("relative", "approximate") else x for x in exprs]


def month_time(w: Words, lo: int, hi: int, anchor: dt.date) -> dict[str, float]:
    """A month named with no day ("Plus tard, il a visité X en octobre", "In May he will host …") in a
    sentence naming no day of the trip: 2-5 months after the story is a plan, 2-5 before an earlier time.
    A month next to the story's may be the trip's (a preview, a later recap); six away says neither."""
    months, words = month_names(w.article.language)
    out: dict[str, float] = {}
    for i in range(lo, hi):
        month = months.get(w.words[i])
        # Not a month within a time expression ("le 12 octobre"), nor an ordinary word in lower case ("may"),
        # nor a word of a hyphened name (a street's, a square's, a holiday's: "place du Quatre-Septembre").
        if month is None or w.time[i] or (w.words[i] in words and not w.capital[i]) or w.in_hyphened_name(i):
            continue
        ahead = (month - anchor.month) % 12
        if 2 <= ahead <= 5:
            out["future"] = 1.0
        elif 7 <= ahead <= 10:
            out["past"] = 1.0
    return out
