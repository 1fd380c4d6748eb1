"""Evidence for a stop: the sentence holding a curated quote, or every sentence naming the place."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..model import Article, Evidence, Mention

try:  # tolerant matching (typographic apostrophes, spacing); exact matching is the fallback
    from ..textnorm import fold
except ImportError:  # pragma: no cover - textnorm ships with the package
    fold = None  # type: ignore[assignment]


def find_quote(text: str, quote: str, occurrence: int = 1) -> tuple[int, int] | None:
    """The ``(start, end)`` of the ``occurrence``-th ``quote`` in ``text``: exact first, else after folding both.

    Folding forgives the differences a human copy introduces (’ vs ', « vs ", runs of
    spaces or line breaks, case and accents); the span returned is in the original text.
    """
    quote = quote.strip()
    if not quote or occurrence < 1:
        return None
    at = _nth(text, quote, occurrence)
    if at >= 0:
        return at, at + len(quote)
    if fold is None:
        return None
    folded_text = fold(text)
    needle = fold(quote).text.strip()
    if not needle:
        return None
    j = _nth(folded_text.text, needle, occurrence)
    if j < 0:
        return None
    start, end = folded_text.span(j, j + len(needle))
    # A folded span's end also covers dropped characters after it (spaces): trim them.
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _nth(text: str, needle: str, occurrence: int) -> int:
    at = -1
    for _ in range(occurrence):
        at = text.find(needle, at + 1)
        if at < 0:
            break
    return at


def quote_occurrence(text: str, quote: str, start: int) -> int:
    """Which occurrence of ``quote`` in ``text`` (as `find_quote` counts them) begins at ``start``.

    A sentence an article repeats word for word ("Return to the capital." in a programme
    and again in its summary) is told apart on reading back by this number; 1 if not found.
    """
    n = 1
    while (span := find_quote(text, quote, n)) is not None and span[0] < start:
        n += 1
    return n if span is not None and span[0] == start else 1


def _sentence_evidence(article: Article, start: int, end: int) -> Evidence:
    """Evidence covering whole sentences from the one holding ``start`` to the one holding ``end``."""
    if not article.sentences:
        # An article without sentence spans: the matched words are the best unit we have.
        return Evidence(article.id, 0, start, end, article.text[start:end])
    first = article.sentence_at(start)
    last = article.sentence_at(max(end - 1, start))
    s, e = first.start, max(last.end, first.end)
    return Evidence(article.id, first.index, s, e, article.text[s:e])


def evidence_from_quote(article: Article, quote: str, occurrence: int = 1) -> Evidence | None:
    """The sentence(s) of ``article`` containing the ``occurrence``-th ``quote``, or None if it is not there."""
    span = find_quote(article.text, quote, occurrence)
    if span is None:
        return None
    return _sentence_evidence(article, *span)


def evidence_from_mentions(
    place_id: str, mentions: Sequence[Mention], articles: Mapping[str, Article]
) -> tuple[Evidence, ...]:
    """Every sentence that mentions ``place_id``, once each, in article then text order."""
    found: list[Evidence] = []
    seen: set[tuple[str, int, int]] = set()
    for m in sorted(mentions, key=lambda m: (m.article_id, m.start)):
        if m.place_id != place_id or m.article_id not in articles:
            continue
        ev = _sentence_evidence(articles[m.article_id], m.start, m.end)
        key = (ev.article_id, ev.start, ev.end)
        if key not in seen:
            seen.add(key)
            found.append(ev)
    return tuple(found)


def evidence_naming(name: str, articles: Mapping[str, Article]) -> tuple[Evidence, ...]:
    """Every sentence whose words include ``name`` (folded), for a place no mention was resolved to."""
    if fold is None:  # pragma: no cover - textnorm ships with the package
        return ()
    needle = fold(name).text.strip()
    found: list[Evidence] = []
    if not needle:
        return ()
    for article in dict.fromkeys(articles.values()):
        folded = fold(article.text)
        at = folded.text.find(needle)
        while at >= 0:
            end = at + len(needle)
            whole = (at == 0 or not folded.text[at - 1].isalnum()) and (
                end == len(folded.text) or not folded.text[end].isalnum())
            if whole:
                ev = _sentence_evidence(article, *folded.span(at, end))
                if ev not in found:
                    found.append(ev)
            at = folded.text.find(needle, at + 1)
    return tuple(found)
