"""Load article files with their metadata (front matter or articles.yaml) and split them into sentences."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from . import sources, yamlmarks
from .errors import ArticleError
from .langdata import stopwords
from .limits import MAX_ARTICLE_CHARS, MAX_STORY_CHARS
from .model import Article
from .sentences import split_sentences
from .sources.markdown import markdown_to_text
from .sources.web import Fetcher
from .textnorm import fold
from .yamlmarks import error_line

METADATA_FILE = "articles.yaml"
FIELDS = ("title", "date", "source", "url", "language")
UNKNOWN = "unknown"

def load_articles(paths: Sequence[str | Path] | str | Path, *, fetcher: Fetcher | None = None) -> list[Article]:
    """Load every article named by ``paths``, in order.

    A path is an article file (``.txt``, ``.md``, ``.html``, ``.docx``), a folder of them
    (sorted by name, not recursive), an http(s) URL, or a list of URLs (``.urls``, or a
    ``.txt`` whose lines are all URLs); URLs need ``fetcher``. Metadata comes from a YAML
    front matter block, field by field falling back to ``articles.yaml`` beside the file (or
    the URL list), then to what the page or document says of itself. Raises
    :class:`ArticleError` for anything the user has to fix.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    if not paths:
        raise ArticleError("no article files or folders given", hint="pass article files, a folder of them or URLs")
    folder_meta: dict[Path, dict[str, tuple[dict[str, Any], list[str]]]] = {}
    articles: list[Article] = []
    total = 0  # characters so far: a running sum, not a re-count per article
    seen: dict[str, str] = {}
    for source in sources.expand(paths):
        if source.kind == "url":
            if source.location in seen.values():
                continue  # the same page listed twice is one article
            article_id = _unique(sources.url_id(source.location), seen)
        else:
            assert source.path is not None
            article_id = source.path.stem
            if article_id in seen:
                raise ArticleError(
                    f"two articles have the id {article_id!r} (also {seen[article_id]})",
                    path=source.location,
                    hint="article ids are file names without their extension; rename one",
                )
        seen[article_id] = source.location
        beside: tuple[dict[str, Any], list[str]] = ({}, [])
        if source.folder is not None:
            if source.folder not in folder_meta:
                folder_meta[source.folder] = _load_metadata_file(source.folder / METADATA_FILE)
            entries = folder_meta[source.folder]
            keys = [source.location] if source.kind == "url" else [source.path.name, source.path.stem]
            beside = next((entries[k] for k in keys if k in entries), beside)
        article = _check_length(_load_one(article_id, source, beside, fetcher), total, source.location)
        total += len(article.text)
        articles.append(article)
    return articles


def _check_length(article: Article, before: int, where: str) -> Article:
    """Refuse an article, or a story, longer than the stated limits (see geomap/limits.py)."""
    n = len(article.text)
    if n > MAX_ARTICLE_CHARS:
        raise ArticleError(f"article is {n:,} characters; geomap reads at most {MAX_ARTICLE_CHARS:,} per article",
                           path=where, hint="split it into several articles")
    if n + before > MAX_STORY_CHARS:
        raise ArticleError(f"the articles together pass {MAX_STORY_CHARS:,} characters, geomap's limit for one story",
                           path=where, hint="build the story in parts")
    return article


def _unique(article_id: str, seen: dict[str, str]) -> str:
    candidate, n = article_id, 1
    while candidate in seen:
        n += 1
        candidate = f"{article_id}-{n}"
    return candidate


def _load_one(
    article_id: str, source: sources.Source, beside: tuple[dict[str, Any], list[str]], fetcher: Fetcher | None
) -> Article:
    loaded = sources.read(source, fetcher)
    warnings = list(loaded.warnings) + list(beside[1])
    front: dict[str, Any] = {}
    body = loaded.text
    if loaded.kind in ("text", "markdown", "docx"):
        front, body = _split_front_matter(body, source.location, warnings)
    if loaded.kind == "markdown":
        body = markdown_to_text(body)
    if not body.strip():
        raise ArticleError("article has no text", path=source.location, hint="remove the file or add the article text")
    # Front matter wins field by field, then articles.yaml, then what the page says of itself.
    meta = {**loaded.meta, **beside[0], **front}
    language = meta.get("language") or guess_language(body)
    return Article(
        id=article_id,
        path=loaded.path or Path(source.location),
        text=body,
        title=meta.get("title"),
        date=meta.get("date"),
        source=meta.get("source"),
        url=meta.get("url"),
        language=language,
        sentences=split_sentences(body),
        warnings=tuple(warnings),
    )


class _Loader(yaml.SafeLoader):
    """Safe YAML where every plain scalar but null stays a string.

    Metadata values are all text: "title: No" must not become False, nor "2023-09-13" a date
    PyYAML validates without a line number (we check dates ourselves).
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag == "tag:yaml.org,2002:null"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_DELIMITER = re.compile(r"---[ \t]*\n?")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


def _split_front_matter(text: str, path: str | Path, warnings: list[str]) -> tuple[dict[str, Any], str]:
    """Return (metadata, body) where the body follows a leading ``---`` … ``---`` block, if any."""
    opening = _DELIMITER.match(text)
    if opening is None or (opening.end() < len(text) and text[opening.end() - 1] != "\n"):
        return {}, text
    closing = _CLOSING.search(text, opening.end())
    if closing is None:
        raise ArticleError(
            "front matter is not closed", path=path, line=1, hint="add a line '---' after the metadata"
        )
    block = text[opening.end() : closing.start()]
    body_start = closing.end() + 1 if text[closing.end() : closing.end() + 1] == "\n" else closing.end()
    # The block starts on line 2 of the file.
    entries = _parse_mapping(block, path, first_line=2, what="front matter")
    fields = {key: (line, value) for key, (line, value, _) in entries.items()}
    return _validate_fields(fields, path, warnings, what="front matter"), text[body_start:]


def _load_metadata_file(path: Path) -> dict[str, tuple[dict[str, Any], list[str]]]:
    """Parse ``articles.yaml`` (file name → fields, warnings); a missing file means no metadata."""
    if not path.is_file():
        return {}
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ArticleError(f"cannot read metadata: {exc}", path=path, hint="save it as UTF-8") from exc
    entries = _parse_mapping(text, path, first_line=1, what=METADATA_FILE)
    result: dict[str, tuple[dict[str, Any], list[str]]] = {}
    for name, (line, value, field_lines) in entries.items():
        beside = [path.parent / name] + [path.parent / f"{name}{suffix}" for suffix in sources.SUFFIXES]
        if not sources.is_url(name) and not any(p.is_file() for p in beside):
            raise ArticleError(
                f"{METADATA_FILE} describes {name!r} but there is no such file beside it",
                path=path,
                line=line,
                hint="fix the file name or remove the entry",
            )
        if value is None:
            result[name] = ({}, [])
            continue
        if not isinstance(value, dict):
            raise ArticleError(
                f"entry {name!r} must be a mapping of {'/'.join(FIELDS)}", path=path, line=line
            )
        fields = {str(k): (field_lines.get(str(k), line), v) for k, v in value.items()}
        warnings: list[str] = []
        result[name] = (_validate_fields(fields, path, warnings, what=METADATA_FILE), warnings)
    return result


def _parse_mapping(
    text: str, path: Path, first_line: int, what: str
) -> dict[str, tuple[int, Any, dict[str, int]]]:
    """Parse YAML that must be a mapping; each value comes with its key's line number and,
    when the value is itself a mapping, the line numbers of its keys."""
    try:
        node, data = yamlmarks.compose_load(text, _Loader)  # one parse: an articles.yaml may list 10,000 files
    except yaml.MarkedYAMLError as exc:
        at = error_line(exc, text)
        line = first_line + at if at is not None else first_line
        problem = exc.problem or "invalid YAML"
        raise ArticleError(f"{what} is not valid YAML: {problem}", path=path, line=line) from exc
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        raise ArticleError(f"{what} is not valid YAML: {exc}", path=path, line=first_line) from exc
    if data is None:
        return {}
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise ArticleError(
            f"{what} must be a mapping (key: value lines)", path=path, line=first_line, hint="e.g. 'date: 2023-09-13'"
        )
    lines: dict[str, tuple[int, dict[str, int]]] = {}
    for key_node, value_node in node.value:
        nested: dict[str, int] = {}
        if isinstance(value_node, yaml.MappingNode):
            nested = {str(k.value): first_line + k.start_mark.line for k, _ in value_node.value}
        lines[str(key_node.value)] = (first_line + key_node.start_mark.line, nested)
    result: dict[str, tuple[int, Any, dict[str, int]]] = {}
    for key, value in data.items():
        line, nested = lines.get(str(key), (first_line, {}))
        result[str(key)] = (line, value, nested)
    return result


def _validate_fields(
    fields: dict[str, tuple[int, Any]], path: Path, warnings: list[str], what: str
) -> dict[str, Any]:
    """Check metadata values; "unknown", empty and null become absent (None)."""
    meta: dict[str, Any] = {}
    for key, (line, value) in fields.items():
        if key not in FIELDS:
            warnings.append(f"{path}:{line}: unknown {what} field {key!r} ignored (known: {', '.join(FIELDS)})")
            continue
        if value is None or (isinstance(value, str) and value.strip().casefold() in ("", UNKNOWN)):
            continue
        if key == "date":
            meta[key] = _parse_date(value, path, line)
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
            meta[key] = str(value).strip()
        else:
            raise ArticleError(f"{key} must be a single value, not {type(value).__name__}", path=path, line=line)
    return meta


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")


def _parse_date(value: Any, path: Path, line: int) -> dt.date:
    """A calendar date; an ISO datetime (as CMSs export) gives its date as written, zone ignored."""
    text = str(value).strip()
    try:
        if _ISO_DATE.fullmatch(text):
            return dt.date.fromisoformat(text)
        if _ISO_DATETIME.fullmatch(text):
            return dt.datetime.fromisoformat(text).date()
    except ValueError:
        pass
    raise ArticleError(
        f"date {text!r} is not a calendar date", path=path, line=line,
        hint="write YYYY-MM-DD (or 2023-02-20T10:00:00Z), or 'unknown'",
    )


# --- language ----------------------------------------------------------------------------------

_WORD = re.compile(r"\w+")


def guess_language(text: str) -> str | None:
    """``"fr"`` or ``"en"`` when stop words clearly favour one, else None."""
    words = stopwords()
    counts = {lang: 0 for lang in words}
    for token in _WORD.findall(fold(text[:20000]).text):
        for lang, vocab in words.items():
            if token in vocab:
                counts[lang] += 1
    ranked = sorted(counts.items(), key=lambda kv: kv[1], reverse=True)
    if not ranked or ranked[0][1] < 3:
        return None
    best, runner_up = ranked[0][1], (ranked[1][1] if len(ranked) > 1 else 0)
    # Require a clear margin: a few shared loan words must not decide the language.
    return ranked[0][0] if best >= 2 * runner_up else None
