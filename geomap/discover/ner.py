"""spaCy French NER, loaded lazily: a build that needs no French discovery never imports spaCy."""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..atomicio import atomic_write_text
from ..errors import InputError
from ..geocoders.base import default_cache_dir
from ..model import Article
from ..parallel import each, elsewhere, one_native_thread

#: spaCy labels that name places (fr_core_news_sm uses LOC; GPE in case a model has it).
_PLACE_LABELS = frozenset({"LOC", "GPE"})
_NER_MODEL = "fr_core_news_sm"
_nlp_cache: dict[str, Any] = {}  # loaded spaCy pipelines, so a model loads once per process
_TEXTS_PER_PROCESS = 10
#: From this many texts to parse, spaCy is loaded in another process, never the build's.
APART_TEXTS = 20
#: Longest piece of text given to spaCy at once. spaCy refuses texts over nlp.max_length
#: (1,000,000 characters, error E088) and needs about 1 GB per 100,000 characters of one
#: text; pieces cut at paragraph (else sentence, else word) ends keep memory bounded.
NER_CHUNK = 100_000


Span = tuple[int, int, str]


def _ner_spans(
    articles: Sequence[Article],
    wanted: Sequence[bool],
    cache_dir: Path | None = None,
    *,
    jobs: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> dict[int, list[Span]]:
    """(start, end, label) of spaCy entities in the articles that want NER, by article index.

    With ``cache_dir``, results are kept per article text and model version under
    ``cache_dir/ner/``: a build whose articles were all parsed before never loads spaCy
    (loading and parsing cost seconds; reading a cached answer, a millisecond). Texts not
    cached are parsed by ``jobs`` forked processes (from ``APART_TEXTS`` texts, in another process
    than this one); each text's entities do not depend on the others, so the result is the same
    for any ``jobs``.
    ``progress(done, total)`` is told as texts are parsed.
    """
    out: dict[int, list[Span]] = {}
    if not any(wanted):
        return out
    todo: list[tuple[int, str, Path | None]] = []
    for i, article in enumerate(articles):
        if not wanted[i]:
            continue
        # Typographic apostrophes split "L’" from its noun in this model; "'" does not.
        text = article.text.replace("\u2019", "'")
        path = ner_cache_file(cache_dir, text) if cache_dir is not None else None
        cached = _read_cached(path) if path is not None else None
        if cached is not None:
            out[i] = cached
        else:
            todo.append((i, text, path))
    if not todo:
        return out
    _require_ner()
    texts = [(text, path) for _, text, path in todo]
    # A process costs a model load: worth it only for several texts each.
    n_process = max(1, min(jobs, len(todo) // _TEXTS_PER_PROCESS))
    told = (lambda done: progress(done, len(todo))) if progress is not None else None
    if _NER_MODEL in _nlp_cache or len(todo) < APART_TEXTS:
        # A few texts (a watcher's rebuild after an edit, a small story) are parsed here, where the
        # model, once loaded, serves every later build of this process; a loaded one is used.
        found = _parse_all(texts, n_process, told)
    else:
        # Many are parsed in another process, which loads spaCy and shares the texts out to
        # processes of its own: the model and its modules (~180 MiB) never stay in the build's
        # process, for the steps after discovery (the biggest ones) to run without them.
        found = elsewhere(lambda tell: _parse_all(texts, n_process, tell), told)
    for (i, _, _), spans in zip(todo, found):
        out[i] = spans
    return out


def _parse_all(texts: Sequence[tuple[str, Path | None]], jobs: int, progress: Callable[[int], None] | None
               ) -> list[list[Span]]:
    """Each text's entities, parsed by ``jobs`` processes, which share the model loaded here first."""
    _load_ner()
    # A new process per share: one kept for the whole run comes to own every page it touches (texts'
    # reference counts, holes it fills: 10,000 articles, 78 → 184 MiB each); the model, loaded before
    # the fork, costs a new one nothing. They inherit the one BLAS thread.
    with one_native_thread():
        return each(lambda n: _parse(*texts[n]), range(len(texts)), jobs, progress, renew=True)


def _parse(text: str, path: Path | None) -> list[Span]:
    """The text's entities, cached as soon as found (a build stopped midway keeps them)."""
    # One text at a time, as nlp(text): texts batched together parse in 0.77-0.88x the processor
    # time with the same entities, but hold ~3 MiB more per 1,000 characters of the batch in each
    # process (16 articles: +130 MiB), and NER is the memory peak of a cold 1,000-2,000-article build.
    pieces = chunks(text)
    docs = _load_ner().pipe((piece for _, piece in pieces), batch_size=1)
    found = [(offset + e.start_char, offset + e.end_char, e.label_) for (offset, _), doc in zip(pieces, docs)
             for e in doc.ents]
    if path is not None:
        try:
            atomic_write_text(path, json.dumps(found), durable=False)  # unreadable: parsed again
        except OSError:
            pass  # an unwritable cache only costs the next build a parse
    return found


def chunks(text: str, size: int | None = None) -> list[tuple[int, str]]:
    """``text`` as (offset, piece) pieces of at most ``size`` characters, cut after a paragraph,
    else a sentence, else a word; a text that fits is one piece (its entities are unchanged)."""
    size = size or NER_CHUNK
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            cut = window.rfind(sep, size // 2)
            if cut >= 0:
                cut += len(sep)
                break
        end = start + (cut if cut > 0 else size)
        pieces.append((start, text[start:end]))
        start = end
    pieces.append((start, text[start:]))
    return pieces


@lru_cache(maxsize=1)
def _model_version() -> str:
    """spaCy's and the model's versions, read without importing them (once per process)."""
    try:
        # "numpy gemm": entities found with blis's (before) are not taken for numpy's, however alike.
        return (f"spacy {importlib.metadata.version('spacy')}; {_NER_MODEL} {importlib.metadata.version(_NER_MODEL)}; "
                "numpy gemm")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def ner_cache_file(cache_dir: Path, text: str) -> Path:
    """Where the entities of ``text`` (as given to the model) are cached."""
    digest = hashlib.sha256(f"{_model_version()}\x1f{text}".encode("utf-8", "surrogatepass")).hexdigest()
    return Path(cache_dir) / "ner" / f"{digest}.json"


def _read_cached(path: Path) -> list[Span] | None:
    """The cached entities, or None when absent or unreadable (then the text is parsed again)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, list):
        return None
    spans: list[Span] = []
    for item in data:
        if (
            not isinstance(item, list)
            or len(item) != 3
            or not all(isinstance(x, int) and not isinstance(x, bool) for x in item[:2])
            or not isinstance(item[2], str)
        ):
            return None
        spans.append((item[0], item[1], item[2]))
    return spans


def ner_available() -> bool:
    """Whether spaCy and the French model are installed (without importing them)."""
    return importlib.util.find_spec("spacy") is not None and importlib.util.find_spec(_NER_MODEL) is not None


def _require_ner() -> None:
    if not ner_available():
        raise InputError(
            f"named-entity recognition needs spaCy and {_NER_MODEL}",
            hint="pip install 'geomap[nlp]', or turn NER off",
        )


def _load_ner() -> Any:
    if _NER_MODEL not in _nlp_cache:
        _require_ner()
        import spacy  # imported here: a build without French discovery never pays for it
        from thinc.api import use_ops

        keep = {"tok2vec", "ner"}
        info = spacy.info(_NER_MODEL)
        names = info.get("pipeline", []) if isinstance(info, dict) else []
        # thinc multiplies matrices with blis by default; numpy's OpenBLAS does the NER's tok2vec
        # (two thirds of its time) ~4x faster here, for the same entities (every French text of the
        # stories and of 10,000 corpus articles compared): 37 → 23 ms a text. Run on one thread
        # (parallel.one_native_thread): OpenBLAS's spin-waiting threads would cost more than they bring.
        with use_ops("numpy", use_blis=False):
            nlp = spacy.load(_NER_MODEL, exclude=[n for n in names if n not in keep])
        if "tok2vec" in nlp.pipe_names and not nlp.get_pipe("tok2vec").listening_components:
            # The small models' NER embeds its own tok2vec; the shared one feeds only the tagger and
            # parser left out here: run, it would cost half of NER's time for nothing (same entities).
            nlp.remove_pipe("tok2vec")
        _nlp_cache[_NER_MODEL] = nlp
    return _nlp_cache[_NER_MODEL]


def _ner_wanted(articles: Sequence[Article], use_ner: bool | None) -> list[bool]:
    french = [a.language == "fr" for a in articles]
    if use_ner is False or (use_ner is None and not (any(french) and ner_available())):
        return [False] * len(articles)
    return french


def named_people(articles: Sequence[Article], cache_dir: Path | None = None) -> frozenset[str]:
    """Names of two words or more that NER tags as a person ("Jacques Chirac"), as written.

    A one-word PER is left out: the small French model tags some towns so ("par Dandong").
    The entities come from the per-article cache that discovery fills, so this rarely parses.
    """
    ner = _ner_spans(articles, _ner_wanted(articles, None), cache_dir or default_cache_dir())
    return frozenset(
        articles[i].text[s:e].strip() for i, ents in ner.items() for s, e, label in ents
        if label == "PER" and " " in articles[i].text[s:e].strip()
    )
