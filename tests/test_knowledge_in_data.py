"""Story knowledge lives in data: no place a story or the gazetteer names is written in the code's strings."""

import ast
import functools
import io
import re
import tokenize
import unicodedata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
#: Development gold only: the never-tuned sets' names must not even be printed by a failing test.
GOLDS = [*sorted((ROOT / "tests/data/stories").glob("*/gold.yaml")), *sorted((ROOT / "tests/data/heldout").glob("*/gold.yaml"))]


def _names(node: object) -> set[str]:
    """Every ``name`` and ``aliases`` string anywhere in a loaded YAML document."""
    if isinstance(node, list):
        return set().union(*map(_names, node)) if node else set()
    if not isinstance(node, dict):
        return set()
    found = set().union(*map(_names, node.values())) if node else set()
    for key in ("name", "aliases"):
        value = node.get(key)
        values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        found |= {v for v in values if isinstance(v, str)}
    return found


@functools.cache
def _story_names() -> frozenset[str]:
    docs = [yaml.load((ROOT / "gazetteer.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)]
    docs += [yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) for p in GOLDS]
    # Short names ("Ur", "Aba") are also syllables of ordinary identifiers: too noisy to police.
    return frozenset(n for n in _names(docs) if len(n) >= 4)


def _strings(path: Path) -> list[tuple[int, str]]:
    """The string constants of a module, docstrings left out (they explain with examples; code acts on strings)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {
        id(n.body[0].value)
        for n in ast.walk(tree)
        if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)
    }
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs]


def test_the_story_names_are_read() -> None:
    names = _story_names()
    assert len(GOLDS) > 100 and len(names) > 1000
    assert {"Vladivostok", "Pyongyang"} <= names  # the seeds' gazetteer is among them


def test_no_story_place_is_written_in_the_code() -> None:
    names = _story_names()
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")(?!\w)")
    found = [f"{path.relative_to(ROOT)}:{line}: {match.group(0)!r}"
             for path in sorted((ROOT / "geomap").rglob("*.py"))
             for line, text in _strings(path)
             if (match := pattern.search(text))]
    assert found == []


def test_the_check_sees_a_name_in_a_string(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text('"""Doc naming Vladivostok is fine."""\nHOME = "Pyongyang"\n', encoding="utf-8")
    assert [text for _, text in _strings(module)] == ["Pyongyang"]


#: A docstring or comment repeating this many words of a development article in a row quotes it. Examples are
#: invented ("Rolan left Avel for Corin"): a rule explained by one story's sentence reads as written for it.
#: Place names alone are not policed there: a real country or capital is a fair example of a language rule.
QUOTED_WORDS = 7
#: Quotes still owed a rewrite, in modules other helpers were rewriting at the same time (the twenty-first
#: session): (module, the quote's first words as folded here). Strike a line off when its quote is gone.
OWED = {
    ("geomap/infer/dating.py", "air force one has taken off from"),
    ("geomap/infer/visits.py", "at the end of a week in"),
}


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFKC", text).replace("\u2019", "'").casefold())


def _runs(words: list[str]) -> list[str]:
    return [" ".join(words[i : i + QUOTED_WORDS]) for i in range(len(words) - QUOTED_WORDS + 1)]


def _explained(path: Path) -> list[str]:
    """A module's docstrings (and other bare strings) and comments."""
    source = path.read_text(encoding="utf-8")
    strings = [n.value.value for n in ast.walk(ast.parse(source))
               if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str)]
    comments = [t.string for t in tokenize.generate_tokens(io.StringIO(source).readline) if t.type == tokenize.COMMENT]
    return strings + comments


def _quoted(modules: list[Path], articles: list[Path]) -> set[tuple[str, str]]:
    """(module, first quoted run) for each docstring or comment of ``modules`` quoting one of ``articles``."""
    said = {run for p in articles for run in _runs(_words(p.read_text(encoding="utf-8")))}
    found = set()
    for path in modules:
        name = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name
        for text in _explained(path):
            first = next((run for run in _runs(_words(text)) if run in said), None)
            if first is not None:
                found.add((name, first))
    return found


def test_no_docstring_or_comment_quotes_a_development_article() -> None:
    articles = [p for g in GOLDS for p in g.parent.iterdir() if p.suffix in (".txt", ".md")]
    found = _quoted(sorted((ROOT / "geomap").rglob("*.py")), articles)
    assert found - OWED == set()  # a new quote: write an invented example instead
    assert OWED - found == set()  # a debt paid: strike it off OWED


def test_the_check_sees_a_quote_in_a_comment(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Samedi, le ministre a quitté Avel pour Corin après trois jours de visite.", encoding="utf-8")
    module = tmp_path / "m.py"
    module.write_text('"""Doc: "le ministre a quitté Eska pour Corin" (six words in a row are no quote)."""\n'
                      '# "le ministre a quitté Avel pour Corin après": a departure\nX = 1\n', encoding="utf-8")
    assert _quoted([module], [article]) == {("m.py", "le ministre a quitté avel pour corin")}
