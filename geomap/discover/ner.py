"""spaCy French NER, loaded lazily: a build that needs no French discovery never imports spaCy."""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from typing import Any

from ..errors import InputError
from ..model import Article

#: spaCy labels that name places (fr_core_news_sm uses LOC; GPE in case a model has it).
_PLACE_LABELS = frozenset({"LOC", "GPE"})
_NER_MODEL = "fr_core_news_sm"
_nlp_cache: dict[str, Any] = {}  # loaded spaCy pipelines, so a model loads once per process


def _ner_spans(articles: Sequence[Article], wanted: Sequence[bool]) -> dict[int, list[tuple[int, int, str]]]:
    """(start, end, label) of spaCy entities in the articles that want NER, by article index."""
    out: dict[int, list[tuple[int, int, str]]] = {}
    if not any(wanted):
        return out
    nlp = _load_ner()
    for i, article in enumerate(articles):
        if wanted[i]:
            # Typographic apostrophes split "L’" from its noun in this model; "'" does not.
            doc = nlp(article.text.replace("\u2019", "'"))
            out[i] = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    return out


def ner_available() -> bool:
    """Whether spaCy and the French model are installed (without importing them)."""
    return importlib.util.find_spec("spacy") is not None and importlib.util.find_spec(_NER_MODEL) is not None


def _load_ner() -> Any:
    if _NER_MODEL not in _nlp_cache:
        if not ner_available():
            raise InputError(
                f"named-entity recognition needs spaCy and {_NER_MODEL}",
                hint="pip install 'geomap[nlp]', or turn NER off",
            )
        import spacy  # imported here: a build without French discovery never pays for it

        keep = {"tok2vec", "ner"}
        info = spacy.info(_NER_MODEL)
        names = info.get("pipeline", []) if isinstance(info, dict) else []
        _nlp_cache[_NER_MODEL] = spacy.load(_NER_MODEL, exclude=[n for n in names if n not in keep])
    return _nlp_cache[_NER_MODEL]


def _ner_wanted(articles: Sequence[Article], use_ner: bool | None) -> list[bool]:
    french = [a.language == "fr" for a in articles]
    if use_ner is False or (use_ner is None and not (any(french) and ner_available())):
        return [False] * len(articles)
    return french
