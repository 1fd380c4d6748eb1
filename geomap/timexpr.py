"""Rule-based French and English time expressions resolved against a publication date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from .articlecache import ArticleCache
from .langdata import alternation, languages_for, package_yaml
from .model import TimeExpr
from .textnorm import fold, fold_key
from .timerecords import expr_record, from_record, kept_path


@lru_cache(maxsize=1)
def cue_data() -> dict[str, Any]:
    """The parsed geomap/data/cues.yaml (time expressions)."""
    return package_yaml("cues.yaml", "cue words", ("time",))


# Word start: not after a letter or digit, nor after an apostrophe inside a word ("aujourd'hui"),
# but after an elided "d'", "l'", "qu'" ("celui d'avril 2016", "plus qu'hier").
_WB = r"(?<!\w)(?:(?<!')|(?<=\b[dl]')|(?<=qu'))"
_WE = r"(?![\w])"


@dataclass(frozen=True)
class _Lexicon:
    weekdays: dict[str, int]
    months: dict[str, int]
    parts: dict[str, str]
    relative: dict[str, tuple[int, str | None]]
    relative_previous: dict[str, tuple[int, str | None]]
    approximate: dict[str, int]
    this: frozenset[str]
    next: frozenset[str]
    last: frozenset[str]
    same: frozenset[str]
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    of_event: re.Pattern[str]  # "la veille de …", "the eve of …": counted from an event, not a date


def _abbreviations(months: Mapping[str, Any]) -> set[str]:
    """The month keys that open a longer name of the same month ("sept" of "septembre"): abbreviations."""
    return {k for k in months if any(o != k and o.startswith(k) and months[o] == months[k] for o in months)}


@lru_cache(maxsize=8)
def month_names(language: str | None) -> tuple[dict[str, int], frozenset[str]]:
    """Folded full month names of cues.yaml (not abbreviations: "mar", "sept" are words), and those that
    are also ordinary words (``month_words``: a month only when written with a capital)."""
    sections = cue_data()["time"]
    langs = languages_for(sections, language)
    months = {fold_key(str(k)): int(v) for lang in langs for k, v in sections[lang]["months"].items()}
    words = frozenset(fold_key(str(k)) for lang in langs for k in sections[lang].get("month_words", ()))
    abbr = _abbreviations(months)
    return {k: v for k, v in months.items() if k not in abbr}, words


def _offsets(phrases: dict[str, Any]) -> dict[str, tuple[int, str | None]]:
    """Relative phrases' days, with the part of the day the phrase names ("that evening": [0, evening])."""
    return {k: (v, None) if isinstance(v, int) else (int(v[0]), str(v[1])) for k, v in phrases.items()}


@lru_cache(maxsize=8)
def _lexicon(language: str | None) -> _Lexicon:
    sections = cue_data()["time"]
    merged: dict[str, Any] = {}
    for lang in languages_for(sections, language):
        for key, value in sections[lang].items():
            if isinstance(value, dict):
                merged.setdefault(key, {}).update({fold_key(str(k)): v for k, v in value.items()})
            else:
                merged.setdefault(key, []).extend(str(v) for v in value)
    wd, mo = merged["weekdays"], merged["months"]
    parts = {**merged["parts_after"], **merged["parts_before"]}
    relative = _offsets(merged["relative"])
    alt = alternation
    # Only abbreviations ("sept.", "Sept.") take a dot: "le 12 septembre." ends a sentence.
    abbr = _abbreviations(mo)
    WD = alt(wd)
    MO = rf"(?:(?P<m>{alt(set(mo) - abbr)})|(?P<ma>{alt(abbr)})\.?)"
    PA, PB = alt(merged["parts_after"]), alt(merged["parts_before"])
    MOD = alt(merged["this"] + merged["next"] + merged["last"] + merged.get("same", []))
    NEXTLAST = alt(merged["next"] + merged["last"])
    DP = alt(merged["day_prefix"])
    pb = rf"(?:(?P<pb>{PB}) )?"
    pa = rf"(?: (?P<pa>{PA}))?"
    year = r"(?:,? (?P<y>\d{4}))?"
    day = rf"(?P<d>\d{{1,2}})(?:{alt(merged['day_suffixes'])})?"
    hour_words = alt(merged["clock_hour_words"])
    am, pm = alt(merged["clock_suffix_am"]), alt(merged["clock_suffix_pm"])
    # "8 p.m." and "20h30" are times on their own; "20 heures" and "20:00" only after "à"/"at",
    # since "un trajet de 10 heures" is a duration and "2023" alone is a year.
    clock = (
        rf"(?:(?P<pfx>{alt(merged['clock_prefix'])}) )?(?P<h>\d{{1,2}})"
        rf"(?:(?::(?P<mc>\d{{2}}))? ?(?P<ampm>{am}|{pm})|h(?P<mh2>\d{{2}})"
        rf"|:(?P<mc2>\d{{2}})| ?(?:{hour_words})(?: ?(?P<mh>\d{{2}}))?)"
    )
    raw = {
        "dm": rf"{pb}(?:(?P<wd>{WD}),? )?(?:(?:{DP}) )?{day} (?:(?:{alt(merged['day_of'])}) )?{MO}{year}{pa}",
        "md": rf"{pb}(?:(?P<wd>{WD}),? )?{MO} {day}{year}{pa}",
        # "vendredi 18", "Friday the 18th": the month is the one around the anchor whose 18th is a Friday.
        "wdd": rf"{pb}(?P<wd>{WD}),? (?:(?:{DP}) )?{day}(?! ?(?:{am}|{pm}|{hour_words}|h ?\d|: ?\d|\d)){pa}",
        "wd": rf"{pb}(?:(?P<mod1>{MOD}) )?(?P<wd>{WD})(?: (?P<mod2>{NEXTLAST}))?{pa}",
        "rel": rf"(?P<rel>{alt(list(relative) + list(merged['relative_previous']) + list(merged['approximate']))}){pa}",
        "year": rf"(?:{alt(merged['year_prefix'])}) (?P<y>\d{{4}})(?! ?\d)",
        # "en juin 2018", "in June 2018": a month of a year is a year reference, not a day.
        "month-year": rf"(?:(?:{alt(merged['year_prefix'])}) )?{MO} (?P<y>\d{{4}})(?! ?\d)",
        "clock": clock,
        "iso": r"(?P<y>\d{4}) (?P<mo>\d{2}) (?P<d>\d{2})",
    }
    patterns = tuple((k, re.compile(_WB + v + r"(?!\w)")) for k, v in raw.items())
    return _Lexicon(
        weekdays=wd, months=mo, parts=parts, relative=relative,
        relative_previous=_offsets(merged["relative_previous"]),
        approximate={k: int(v) for k, v in merged["approximate"].items()},
        this=frozenset(fold_key(w) for w in merged["this"]),
        next=frozenset(fold_key(w) for w in merged["next"]),
        last=frozenset(fold_key(w) for w in merged["last"]),
        same=frozenset(fold_key(w) for w in merged.get("same", [])),
        patterns=patterns,
        of_event=re.compile(r"^ ?" + alt(merged.get("relative_of", [])) + r"(?![\w])"),
    )


def names_year(x: TimeExpr) -> bool:
    """``x`` is a day that names its year ("2 décembre 1964")."""
    return x.relation == "explicit" and re.search(r"\d{4}", x.surface) is not None


def names_weekday(x: TimeExpr, language: str | None) -> bool:
    """``x`` is a day that names its weekday and its day of the month ("samedi 5 décembre", "vendredi 29")."""
    words = fold_key(x.surface).replace(",", " ").split()
    return x.relation == "explicit" and any(w in _lexicon(language).weekdays for w in words)


def part_of_day_for_hour(hour: int) -> str:
    """Coarse part of the day of a clock hour (0–23)."""
    if 4 <= hour < 7:
        return "early morning"
    if 7 <= hour < 12:
        return "morning"
    if 12 <= hour < 18:
        return "afternoon"
    if 18 <= hour < 22:
        return "evening"
    return "night"


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _choose_year(
    month: int, day: int, weekday: int | None, anchor: dt.date | None, default_year: int | None
) -> tuple[dt.date | None, float]:
    """A year-less day and month: the year near the anchor (or default year) that fits the weekday."""
    center = anchor.year if anchor else default_year
    if center is None:
        return None, 0.0
    ref = anchor or dt.date(center, 7, 1)
    # A weekday fixes the year within a few years; without one, only the neighbours compete.
    span = range(center - 6, center + 7) if weekday is not None else range(center - 1, center + 2)
    options = [d for y in span if (d := safe_date(y, month, day)) is not None]
    if anchor is None and weekday is None:
        options = [d for d in options if d.year == center]
    if weekday is not None:
        agreeing = [d for d in options if d.weekday() == weekday]
        if agreeing:
            return min(agreeing, key=lambda d: (abs((d - ref).days), d)), 0.95
        fallback = safe_date(center, month, day)
        return fallback, 0.5  # the weekday contradicts every nearby year: keep the date, doubt it
    if not options:
        return None, 0.0
    return min(options, key=lambda d: (abs((d - ref).days), d)), 0.9


def _weekday_date(weekday: int, anchor: dt.date, mode: str) -> dt.date:
    back = (anchor.weekday() - weekday) % 7
    if mode == "weekday-last":
        return anchor - dt.timedelta(days=back or 7)
    if mode == "weekday-next":
        ahead = (weekday - anchor.weekday()) % 7
        return anchor + dt.timedelta(days=ahead or 7)
    if mode == "weekday-this":
        ahead = (weekday - anchor.weekday()) % 7
        return anchor - dt.timedelta(days=back) if back <= ahead else anchor + dt.timedelta(days=ahead)
    return anchor - dt.timedelta(days=back)


def _weekday_day(base: TimeExpr, weekday: int, day: int, anchor: dt.date | None) -> TimeExpr | None:
    """"vendredi 18": of the months around the anchor, the nearest day ``day`` that is that weekday."""
    if anchor is None or not 1 <= day <= 31:
        return None
    months = [divmod(anchor.year * 12 + anchor.month - 1 + k, 12) for k in (-2, -1, 0, 1)]
    options = [d for y, m in months if (d := safe_date(y, m + 1, day)) is not None and d.weekday() == weekday]
    if not options:
        return replace(base, date=_weekday_date(weekday, anchor, "weekday-past"), relation="weekday-past",
                       confidence=0.5)  # the number fits no nearby month: keep the weekday, doubt it
    date = min(options, key=lambda d: (abs((d - anchor).days), d))
    return replace(base, date=date, relation="explicit", confidence=0.9)


def _clock(m: re.Match[str], lex: _Lexicon) -> tuple[str, str] | None:
    ampm = m["ampm"]
    if not (ampm or m["mh2"] or m["pfx"]):
        return None
    hour = int(m["h"])
    minute = int(m["mh"] or m["mh2"] or m["mc"] or m["mc2"] or 0)
    if ampm:
        if not 1 <= hour <= 12:
            return None
        is_pm = ampm.startswith("p")
        hour = hour % 12 + (12 if is_pm else 0)
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}", part_of_day_for_hour(hour)


def parse_time_expressions(
    text: str,
    *,
    anchor: dt.date | None,
    language: str | None,
    previous: dt.date | None = None,
    default_year: int | None = None,
) -> list[TimeExpr]:
    """Every time expression in ``text``, in order, resolved against ``anchor``.

    ``anchor`` is the publication date (weekdays and "hier" count back from it); ``previous``
    is the last date mentioned before ``text`` ("la veille" counts from it, then from each
    date found); ``default_year`` dates "12 septembre" when there is no anchor.
    """
    path = kept_path(text, anchor, language, previous, default_year)
    if path is None:
        return _parse(text, anchor, language, previous, default_year)
    cached = from_record(ArticleCache.read(path))
    if cached is None:
        cached = _parse(text, anchor, language, previous, default_year)
        ArticleCache.write(path, {"exprs": [expr_record(x) for x in cached]})
    return cached


def _parse(text: str, anchor: dt.date | None, language: str | None, previous: dt.date | None,
           default_year: int | None) -> list[TimeExpr]:
    from .tense import told_past  # tense reads this module's cue data

    lex = _lexicon(language)
    folded = fold(text)
    ftext = folded.text
    found: list[tuple[int, int, str, re.Match[str]]] = []
    for kind, pattern in lex.patterns:
        for m in pattern.finditer(ftext):
            found.append((m.start(), m.end(), kind, m))
    # Longest match wins; among equals the earlier one (then pattern order).
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    taken: list[tuple[int, int, str, re.Match[str]]] = []
    for f in found:
        if all(f[1] <= t[0] or f[0] >= t[1] for t in taken):
            taken.append(f)
    taken.sort(key=lambda f: f[0])

    out: list[TimeExpr] = []
    last_date = latest = previous
    for fs, fe, kind, m in taken:
        start, end = folded.span(fs, fe)
        while end > start and text[end - 1].isspace():
            end -= 1
        try:
            expr = _resolve(kind, m, lex, anchor, default_year, last_date,
                            lambda s=start, e=end: told_past(text, language, s, e), latest)
        except OverflowError:  # "tomorrow" of 9999-12-31: past the calendar, no date to give
            continue
        if expr is None:
            continue
        if expr.relation == "relative-previous" and lex.of_event.match(ftext[fe:]):
            continue  # "on the eve of the anniversary": the day before an event, not before a date
        expr = replace(expr, start=start, end=end, surface=text[start:end])
        if expr.date is not None and expr.relation != "approximate":
            last_date = expr.date
            latest = max(latest or expr.date, expr.date)
        out.append(expr)
    return _merge_clocks(out, text)


def _resolve(
    kind: str,
    m: re.Match[str],
    lex: _Lexicon,
    anchor: dt.date | None,
    default_year: int | None,
    last_date: dt.date | None,
    past: Callable[[], bool] = lambda: False,
    latest: dt.date | None = None,
) -> TimeExpr | None:
    """``m``'s expression; ``last_date`` is the day told last, ``latest`` the latest day told so far, ``past``
    tells whether its clause is told in a past tense."""
    groups = m.groupdict()
    part = lex.parts.get(groups.get("pa") or "") or lex.parts.get(groups.get("pb") or "")
    base = TimeExpr(0, 0, "", None, part_of_day=part)
    if kind == "iso":
        date = safe_date(int(m["y"]), int(m["mo"]), int(m["d"]))
        return replace(base, date=date, relation="explicit") if date else None
    if kind in ("dm", "md"):
        month, day = lex.months[m["m"] or m["ma"]], int(m["d"])
        weekday = lex.weekdays[m["wd"]] if m["wd"] else None
        if m["y"]:
            date = safe_date(int(m["y"]), month, day)
            if date is None:
                return None
            agrees = weekday is None or date.weekday() == weekday
            return replace(base, date=date, relation="explicit", confidence=1.0 if agrees else 0.6)
        date, conf = _choose_year(month, day, weekday, anchor, default_year)
        if date is None and (anchor or default_year):
            return None  # e.g. "31 septembre": not a date
        return replace(base, date=date, relation="explicit", confidence=conf)
    if kind == "wdd":
        return _weekday_day(base, lex.weekdays[m["wd"]], int(m["d"]), anchor)
    if kind == "wd":
        mod = m["mod2"] or m["mod1"]
        if mod in lex.same and last_date is not None:
            # "le même dimanche": counted from the day told before, as "le lendemain" is.
            date = _weekday_date(lex.weekdays[m["wd"]], last_date, "weekday-past")
            return replace(base, date=date, relation="relative-previous", confidence=0.7)
        mode = "weekday-past"
        if mod in lex.next:
            mode = "weekday-next"
        elif mod in lex.last:
            mode = "weekday-last"
        elif mod in lex.this:
            mode = "weekday-this"
        date = _weekday_date(lex.weekdays[m["wd"]], anchor, mode) if anchor else None
        if (mode == "weekday-past" and date and anchor and latest and (latest - date).days >= 4
                and (date - anchor).days + 7 <= 2 and not past()):
            # Narration moves forward: after "Tuesday evening … earlier on Tuesday" (the anchor
            # day), a bare "Wednesday" is the next day, not six days before the story's own dates (the
            # latest told: a flashback's "Sunday Mass in 2010" does not take the narration back).
            # The next day is after the article's: not one told in a past tense ("la base où il avait
            # atterri mercredi"; a recap's "mercredi, il a visité X", after "il a regagné Y lundi").
            return replace(base, date=date + dt.timedelta(days=7), relation="weekday-next", confidence=0.6)
        return replace(base, date=date, relation=mode, confidence=0.8 if anchor else 0.0)
    if kind == "rel":
        phrase = m["rel"]
        if phrase in lex.relative:
            days, rel_part = lex.relative[phrase]
            date = anchor + dt.timedelta(days=days) if anchor else None
            return replace(base, date=date, relation="relative", part_of_day=part or rel_part,
                           confidence=0.9 if anchor else 0.0)
        if phrase in lex.relative_previous:
            days, rel_part = lex.relative_previous[phrase]
            date = last_date + dt.timedelta(days=days) if last_date else None
            return replace(base, date=date, relation="relative-previous", part_of_day=part or rel_part,
                           confidence=0.7 if date else 0.0)
        days = lex.approximate[phrase]
        date = anchor + dt.timedelta(days=days) if anchor else None
        return replace(base, date=date, relation="approximate", confidence=0.4 if date else 0.0)
    if kind in ("year", "month-year"):
        year = int(m["y"])
        past = anchor is not None and year < anchor.year
        if anchor is None and default_year is not None:
            past = year < default_year
        return replace(base, relation="past-year" if past else "year", year=year)
    if kind == "clock":
        # A bare "2023" or "8 000" never gets here: the clock pattern needs an hour word or am/pm.
        got = _clock(m, lex)
        if got is None:
            return None
        return replace(base, relation="clock", clock=got[0], part_of_day=got[1], confidence=0.5)
    return None


def _merge_clocks(exprs: list[TimeExpr], text: str) -> list[TimeExpr]:
    """Fold a clock time into the day right next to it on its line ("dimanche à 20 heures", "8 p.m.
    Tuesday"); a day alone on its line and an hour opening the next are a live blog's heading and the
    stamp of an entry under it, two expressions."""
    out: list[TimeExpr] = []
    for expr in exprs:
        prev = out[-1] if out else None
        if prev is not None and re.fullmatch(r"[^\S\n]*,?[^\S\n]*", text[prev.end : expr.start]):
            day, clock = (prev, expr) if expr.relation == "clock" else (expr, prev)
            if clock.relation == "clock" and day.relation not in ("clock", "year", "past-year"):
                out[-1] = replace(
                    day,
                    start=prev.start,
                    end=expr.end,
                    surface=text[prev.start : expr.end],
                    clock=clock.clock,
                    part_of_day=day.part_of_day or clock.part_of_day,
                )
                continue
        out.append(expr)
    return out
