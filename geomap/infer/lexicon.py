"""The inference's language knowledge (geomap/data/infer.yaml), compiled once per language."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from ..langdata import languages_for, package_yaml, section_phrases, word_alternation
from ..textnorm import fold_key

#: Sections every language needs (checked when the file is read).
SECTIONS = ("verbs", "bridge", "locative", "to_words", "reference", "hub_nouns", "vehicles", "weapons",
            "speech_after", "speech_before", "officials", "pluperfect", "past", "future", "where", "pronouns", "he",
            "she", "impersonal", "clause_openers", "negation", "negation_end", "crowds", "object_pronouns",
            "object_before", "object_after", "errand", "auxiliaries", "scene_nouns", "scene_lead",
            "not_names", "and_words", "from_words", "verb_nouns", "trip_nouns", "relative", "whole_stay", "flight", "cancelled",
            "titles", "hub_of", "before_day", "title_of", "title_owner", "caption_marks", "then_words", "before_leg")


@dataclass(frozen=True)
class Lexicon:
    """Patterns over folded text (whole words) and word sets, for one language (or all)."""

    verbs: tuple[tuple[str, re.Pattern[str]], ...]  # (verb type, pattern)
    phrases: dict[str, re.Pattern[str]]  # section -> whole-word pattern
    words: dict[str, frozenset[str]]  # section -> folded single words
    agencies: re.Pattern[str]
    agency_words: frozenset[str]  # the agencies' folded words: never a person's name
    nouns: frozenset[str]  # verb_nouns as written, lower-cased: folding would make "visité" a noun
    dateline_within: int


@lru_cache(maxsize=1)
def infer_data() -> dict[str, Any]:
    """The parsed geomap/data/infer.yaml."""
    return package_yaml("infer.yaml", "inference words", (*SECTIONS, "dateline", "coarse_kinds", "hub_kinds", "site_kinds",
                                              "passage_kinds", "crossing_kinds"))


def _whole(phrases: list[str]) -> re.Pattern[str]:
    # After an elision too ("l'aéroport", "s'envole"); a phrase ending in one ("en provenance d'")
    # runs straight into the next word.
    return re.compile(word_alternation(phrases, r"\w") + r"(?:(?<=')|(?!\w))")


@lru_cache(maxsize=8)
def lexicon(language: str | None) -> Lexicon:
    data = infer_data()

    def listed(section: str) -> list[str]:
        return section_phrases(data[section], language)

    verbs: dict[str, list[str]] = {}
    for lang in languages_for(data["verbs"], language):
        for kind, phrases in data["verbs"][lang].items():
            verbs.setdefault(str(kind), []).extend(str(p) for p in phrases)
    phrases = {s: _whole(listed(s)) for s in SECTIONS if s not in ("verbs",)}
    words = {s: frozenset(fold_key(w) for w in listed(s)) for s in SECTIONS if s != "verbs"}
    dl = data["dateline"]
    agencies = re.compile(r"\(\s*(?:" + "|".join(re.escape(a) for a in dl["agencies"]) + r")\b")
    # Every word, "AP"'s two letters too: a credit "(AP)" had named the agency as the traveller.
    agency_words = frozenset(w for a in dl["agencies"] for w in fold_key(str(a)).split())
    nouns = frozenset(w.lower() for w in listed("verb_nouns"))
    return Lexicon(tuple((k, _whole(v)) for k, v in verbs.items()), phrases, words, agencies, agency_words,
                   nouns, int(dl["within"]))


@lru_cache(maxsize=8)
def kinds(section: str) -> frozenset[str]:
    """A ``*_kinds`` list of infer.yaml, folded (once: scoring asks per mention)."""
    return frozenset(fold_key(str(k)) for k in infer_data()[section])


@cache
def kind_in(kind: str, section: str) -> bool:
    """Whether a place kind as written is in a ``*_kinds`` list (once per kind: ordering a big story
    asks it of every pair of places told in turn, and folding the kind each time was a tenth of it)."""
    return fold_key(kind) in kinds(section)
