"""Web pages (saved or fetched) as articles: main text and metadata through trafilatura."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..errors import ArticleError

_LANG = re.compile(r"[A-Za-z]{2,3}")


@dataclass(frozen=True)
class Page:
    """What a web page says about itself, beside its main text (None when it does not say)."""

    text: str
    title: str | None = None
    date: dt.date | None = None
    source: str | None = None  # the site's name
    url: str | None = None  # canonical URL
    language: str | None = None


def extract_page(html: bytes | str, where: str, url: str | None = None) -> Page:
    """Main text (one paragraph a line) without navigation, ads, comments or cookie banners."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            output_format="python",
            # Only dates the page states (meta, JSON-LD, URL), never guessed from stray digits.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # trafilatura and lxml raise many kinds on broken markup
        raise ArticleError(f"cannot read web page: {type(exc).__name__}", path=where) from exc
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise ArticleError("no article text found in the page", path=where,
                           hint="save the article's own page, not an index or a login page")
    return Page(
        text=text,
        title=_clean(doc.title),
        date=_date(doc.date),
        source=_clean(doc.sitename),
        url=_clean(doc.url) or url,
        language=_language(html),
    )


def _clean(value: object) -> str | None:
    return " ".join(str(value).split()) or None if value else None


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _language(html: bytes | str) -> str | None:
    """The page's declared language (``<html lang>``, Content-Language or og:locale), two letters."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, TypeError, lxml.etree.LxmlError):
        return None
    declared = [root.get("lang"), root.get("{http://www.w3.org/XML/1998/namespace}lang")]
    declared += root.xpath("//meta[@http-equiv='content-language' or @http-equiv='Content-Language']/@content")
    declared += root.xpath("//meta[@property='og:locale']/@content")
    for value in declared:
        match = _LANG.match((value or "").strip())
        if match:
            return match.group(0).lower()[:2]
    return None
