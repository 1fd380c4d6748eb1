"""The page's wording in one interface language: labels, place kinds, article names, generated notes."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources

from .. import yamlmarks
from ..model import Article, Stop, Story

#: UI wording comes from geomap/data/labels.yaml in the story's language; English fills gaps.
FALLBACK_LANG = "en"
#: Words of an untitled article's opening shown as its name, and the longest such name.
OPENING_WORDS = 8
OPENING_CHARS = 60
# A scraper's date stamp opening the text ("date 2023-09", "2023-09-12"): a numeric ISO date, at most
# one word before it. It names no article, so an untitled article's name starts after it.
_STAMP = re.compile(r"\s*(?:[^\W\d]+:?\s+)?\d{4}-\d{2}(?:-\d{2})?(?:[T ]\d{2}:\d{2}(?::\d{2})?)?(?=\s)")
# BCP 47 shape; anything else is no language tag at all rather than a broken attribute.
_LANG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")


@lru_cache(maxsize=1)
def _label_table() -> dict[str, dict[str, str]]:
    # Packaged data: a failure here is a broken installation, not a user error.
    raw = yamlmarks.load(resources.files("geomap").joinpath("data", "labels.yaml").read_text(encoding="utf-8"))
    return {str(lang): {str(k): str(v) for k, v in table.items()} for lang, table in raw.items()}


def bcp47(tag: str | None) -> str | None:
    """``tag`` when it has the shape of a language tag, else ``None``."""
    return tag if tag and _LANG.fullmatch(tag) else None


def languages() -> tuple[str, ...]:
    """The interface languages labels.yaml provides (``--lang`` choices)."""
    return tuple(sorted(_label_table()))


def labels_for(lang: str | None) -> dict[str, str]:
    """The UI labels for ``lang`` (``"fr"``, ``"fr-CA"``, …), English for anything missing."""
    table = _label_table()
    base = (lang or "").split("-")[0].split("_")[0].lower()
    return {**table[FALLBACK_LANG], **table.get(base, {})}


def group_km(km: float, labels: Mapping[str, str]) -> str:
    """``5,012`` / ``5 012``: whole kilometres grouped by the language's separator."""
    return f"{km:,.0f}".replace(",", labels["thousands"])


def kind_label(kind: str, labels: Mapping[str, str]) -> str:
    """A place kind (``city``, ``air base``) in the interface language; unknown kinds as given."""
    return labels.get("kind_" + kind.replace(" ", "_"), kind)


def _opening(text: str) -> str:
    stamp = _STAMP.match(text)
    # Only the opening words are split off: every stop's quotes label their article, and splitting
    # each whole article for them made writing 10,000 articles' outputs slow.
    words = text[stamp.end() if stamp else 0 :].split(maxsplit=OPENING_WORDS)
    more = len(words) > OPENING_WORDS  # the rest of the text, unsplit
    cut = " ".join(words[:OPENING_WORDS])
    if len(cut) > OPENING_CHARS:
        cut, more = cut[:OPENING_CHARS].rsplit(" ", 1)[0] or cut[:OPENING_CHARS], True
    return cut + ("…" if more else "")


def article_label(article: Article, labels: Mapping[str, str] | None = None) -> str:
    """How a reader recognises an article: its title, else its opening words in quotes.

    Never the file id: a hash like ``000_d78971f821add33e`` tells a reader nothing.
    """
    if article.title:
        return article.title
    labels = labels or labels_for(FALLBACK_LANG)
    opening = _opening(article.text)
    if not opening:
        return article.id  # an empty article has nothing else to go by
    return labels["quote_open"] + opening + labels["quote_close"]


def _template_pattern(template: str) -> re.Pattern[str]:
    """A regex matching ``template``'s text with each ``{name}`` captured."""
    parts = re.split(r"\{(\w+)\}", template)
    regex = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts))
    return re.compile(regex + "$", re.S)


def translate_note(text: str, labels: Mapping[str, str]) -> str:
    """A note generated in English by the itinerary reader (``note_*`` templates), reworded.

    The English templates in labels.yaml are the reader's exact wording; a note matching
    one is re-rendered with the interface language's template, anything else is curated
    text and left as written.
    """
    english = labels_for(FALLBACK_LANG)
    for key, template in english.items():
        if not key.startswith("note_"):
            continue
        match = _template_pattern(template).match(text)
        if match:
            return labels[key].format(**match.groupdict())
    return text


@lru_cache(maxsize=4)
def _english_keys(prefix: str) -> dict[str, str]:
    """English label -> its key, for the keys starting with ``prefix`` (once: every stop asks)."""
    return {v: k for k, v in labels_for(FALLBACK_LANG).items() if k.startswith(prefix)}


def translate_why(why: str, labels: Mapping[str, str]) -> str:
    """An inferred stop's reason (English ``why_*`` phrases joined by ", ") in the interface language.

    Phrases without a ``why_*`` entry (written by hand in an edited draft) stay as written.
    """
    english = _english_keys("why_")
    return ", ".join(labels.get(english[p], p) if p in english else p for p in why.split(", "))


def translate_event(stop: Stop, labels: Mapping[str, str]) -> str:
    """A stop's event; the inference's one-word events (``event_*``) in the interface language."""
    if not stop.inferred:
        return stop.event  # curated: the author's words
    english = _english_keys("event_")
    return labels[english[stop.event]] if stop.event in english else stop.event


#: The title a story gets when neither the user nor the itinerary gives one (model default).
DEFAULT_TITLE = Story.__dataclass_fields__["title"].default


def story_title(story: Story) -> str:
    """The story's title; the untitled default in the interface language."""
    return labels_for(story.lang)["default_title"] if story.title == DEFAULT_TITLE else story.title


def translate_time(stop: Stop, labels: Mapping[str, str]) -> str | None:
    """A stop's time of day; the day parts geomap reads (``time_*``, English) in the interface language.

    The inference writes them, and a curated stop may get one from the articles
    (journey/merge.py); any other wording, and clock times, stay as written.
    """
    if not stop.time:
        return stop.time
    english = _time_keys()
    return labels[english[stop.time]] if stop.time in english else stop.time


@lru_cache(maxsize=1)
def _time_keys() -> dict[str, str]:
    """The English day parts and their label keys, read once: every stop of each output asks (built
    per call, it was most of the KML's and GPX's time at 2,000 articles)."""
    return {v: k for k, v in labels_for(FALLBACK_LANG).items() if k.startswith("time_")}


def spans_years(story: Story) -> bool:
    """Whether the stops and articles are dated in more than one year (dates then show it)."""
    dates = [s.date for s in story.journey.stops] if story.journey is not None else []
    return len({d.year for d in dates + [a.date for a in story.articles] if d is not None}) > 1


def reader_date(value: dt.date, labels: Mapping[str, str], *, year: bool) -> str:
    """A date as readers write it ("12 sept.", "1er mai 2024"), as the map page does (geomap.js day())."""
    months = labels["months"].split("|")
    day = labels["first_day"] if value.day == 1 else str(value.day)
    return f"{day}\u00a0{months[value.month - 1]}" + (f" {value.year}" if year else "")
