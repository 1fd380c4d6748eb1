"""Names followed by the region they lie in ("Springfield, Illinois", "Victoria (Seychelles)"): where to look."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..geocoders.context import Region
from ..geocoders.geonames import WORLD_CITY_POP
from ..geocoders.regions import us_state_area, us_state_code
from ..model import Article, Mention
from .finds import NameIndex
from .lexicon import Lexicon, Words, _words, load_lexicon
from .reading import _CountryNames

_OPEN = re.compile(r"[ \t\u00a0]*[,(][ \t\u00a0]*")
_SPACE = re.compile(r"[ \t\u00a0]+")  # "Mount Sinai in Egypt": then only behind a glue word
_CLAUSE_END = re.compile(r"[,.;:!?()\[\]\u00ab\u00bb\"\u201c\u201d\n]")
_REACH = 60  # characters after the name: ", dans l'État de Rhode Island"


def qualifiers(mentions: Sequence[Mention], articles: Mapping[str, Article], index: NameIndex,
               lexicon: Lexicon | None = None) -> list[tuple[str, ...]]:
    """Per mention, where the text says it lies: the ISO codes ("US-IL" for a US state, "SC" for
    a country; "Georgia" gives both) of a region named right after it behind a comma or a
    bracket, or behind a glue word alone ("Mount Sinai in Egypt"), alone up to the next
    punctuation ("Springfield, Illinois.", "Springfield, dans l'Illinois,", "Victoria
    (Seychelles)"), else (). Not a country ("Kenya, Ethiopia"), nor a list ("San Diego,
    Washington, Londres et Canberra"), nor a new clause ("Stuttgart, China remains")."""
    lex = lexicon or load_lexicon()
    country = _CountryNames(index, lex)
    out: list[tuple[str, ...]] = []
    for m in mentions:
        article = articles.get(m.article_id)
        opened = _OPEN.match(article.text, m.end) if article is not None else None
        spaced = _SPACE.match(article.text, m.end) if article is not None and opened is None else None
        if article is None or (opened or spaced) is None or country(m.surface):
            out.append(())
            continue
        at = (opened or spaced).end()  # type: ignore[union-attr]
        rest = article.text[at : at + _REACH]
        stop = _CLAUSE_END.search(rest)
        clause = rest[: stop.start()] if stop else rest
        listed = stop is not None and stop.group() == "," and rest[stop.end() :].lstrip()[:1].isupper()
        out.append(() if listed else _region(_words(clause), lex, country, glued=spaced is not None))
    return out


def _region(words: Words, lex: Lexicon, country: _CountryNames, *, glued: bool = False) -> tuple[str, ...]:
    """The codes of the region ``words`` name whole, after any glue words ("dans l'"), which
    ``glued`` requires."""
    for glue in lex.qualifier_glue | (set() if glued else {()}):
        if words[: len(glue)] == glue and len(words) > len(glue):
            name = " ".join(words[len(glue) :])
            codes = ((f"US-{state}",) if (state := us_state_code(name)) else ()) + (
                (code,) if (code := country(name)) else ())
            if codes:
                return codes
    return ()


def states_named(mentions: Sequence[Mention], index: NameIndex, lexicon: Lexicon | None = None) -> tuple[Region, ...]:
    """The US states the mentions name, where they lie: not a country's name ("Georgia"), nor a
    capital's or a world city's, which the name means first ("Washington", "New York")."""
    country = _CountryNames(index, lexicon or load_lexicon())
    out: dict[str, Region] = {}
    for key in dict.fromkeys(m.key for m in mentions if m.key):
        area = us_state_area(key)
        if area is None or country(key) or any(
                p.kind == "capital" or (p.population or 0) >= WORLD_CITY_POP for p in index.lookup(key)):
            continue
        out.setdefault(area.country, area)
    return tuple(out.values())
