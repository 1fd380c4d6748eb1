"""Names followed by the region they lie in ("Springfield, Illinois", "Victoria (Seychelles)"): where to look."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..geocoders.regions import us_state_code
from ..model import Article, Mention
from .finds import NameIndex
from .lexicon import Lexicon, Words, _words, load_lexicon
from .reading import _CountryNames
from .spans import _ENUMERATING

_OPEN = re.compile(r"[ \t\u00a0]*[,(][ \t\u00a0]*")
_CLAUSE_END = re.compile(r"[,.;:!?()\[\]\u00ab\u00bb\"\u201c\u201d\n]")
_REACH = 60  # characters after the name: ", dans l'État de Rhode Island"


def qualifiers(mentions: Sequence[Mention], articles: Mapping[str, Article], index: NameIndex,
               lexicon: Lexicon | None = None) -> list[tuple[str, ...]]:
    """Per mention, where the text says it lies: the ISO codes ("US-IL" for a US state, "SC" for
    a country; "Georgia" gives both) of a region named right after it behind a comma or a
    bracket ("Springfield, Illinois", "Springfield, dans l'Illinois", "Victoria (Seychelles)"),
    else (). A country is not qualified ("Kenya, Ethiopia" is a list), nor a list's name
    ("Lyon, Italy and Spain")."""
    lex = lexicon or load_lexicon()
    country = _CountryNames(index, lex)
    out: list[tuple[str, ...]] = []
    for m in mentions:
        article = articles.get(m.article_id)
        opened = _OPEN.match(article.text, m.end) if article is not None else None
        if article is None or opened is None or country(m.surface):
            out.append(())
            continue
        words = _words(_CLAUSE_END.split(article.text[opened.end() : opened.end() + _REACH], 1)[0])
        out.append(_region(words, lex, country))
    return out


def _region(words: Words, lex: Lexicon, country: _CountryNames) -> tuple[str, ...]:
    for glue in sorted(lex.qualifier_glue | {()}, key=len, reverse=True):
        if words[: len(glue)] != glue:
            continue
        rest = words[len(glue) :]
        for n in range(min(4, len(rest)), 0, -1):
            if n < len(rest) and rest[n] in _ENUMERATING:
                continue
            name = " ".join(rest[:n])
            codes = ((f"US-{state}",) if (state := us_state_code(name)) else ()) + (
                (code,) if (code := country(name)) else ())
            if codes:
                return codes
    return ()
