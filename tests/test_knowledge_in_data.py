"""Story knowledge lives in data: no place a story or the gazetteer names is written in the code's strings."""

import ast
import functools
import re
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
