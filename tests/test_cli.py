"""The CLI: help text, exit codes, one-line errors naming the file, nothing half-written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("GEOMAP_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "geomap", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=600
    )


def assert_one_line_error(proc: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert proc.returncode == 2, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


def test_help_lists_commands() -> None:
    proc = run("--help")
    assert proc.returncode == 0
    assert "build" in proc.stdout and "eval" in proc.stdout


def test_build_help_documents_options_and_outputs() -> None:
    proc = run("build", "--help")
    assert proc.returncode == 0
    for option in ("--gazetteer", "--out", "--online", "--cdn", "--png", "--svg", "--pdf", "--size", "--subtitle",
                   "--credit", "--infer"):
        assert option in proc.stdout
    assert "journey.geojson" in proc.stdout


def test_missing_article_path_is_one_line_exit_2(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    out = tmp_path / "out"
    proc = run("build", str(missing), "--out", str(out))
    assert_one_line_error(proc, str(missing))
    assert not out.exists() or not any(out.iterdir())


def test_bad_gazetteer_names_file_and_line(tmp_path: Path) -> None:
    gaz = tmp_path / "gaz.yaml"
    gaz.write_text("places:\n  - id: a\n    name: A\n    lat: [unclosed\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = run("build", str(ROOT / "seeds"), "--gazetteer", str(gaz), "--out", str(out))
    assert_one_line_error(proc, str(gaz))
    assert ":" in proc.stderr.split(str(gaz), 1)[1][:3]  # a line number follows the file name
    assert not out.exists() or not any(out.iterdir())


def test_unwritable_output_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    proc = run("build", str(ROOT / "seeds"), "--out", str(blocker / "out"), "--no-discover")
    assert_one_line_error(proc, str(blocker))


@pytest.mark.parametrize("size", ["big", "10x10", "1600x"])
def test_bad_png_size_is_rejected(size: str) -> None:
    proc = run("build", "--size", size)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    ("kind", "content", "line"),
    [
        ("article", "---\ntitle: [unclosed\n---\nText about Paris.\n", 2),
        ("itinerary", "title: x\nstops:\n  - {place: 'a\n", 3),
    ],
)
def test_unclosed_yaml_bracket_names_the_line_it_opens(tmp_path: Path, kind: str, content: str, line: int) -> None:
    """At the end of the text PyYAML points past the file; the opening line is the useful one."""
    folder = tmp_path / "story"
    folder.mkdir()
    args = ["build", str(folder), "--out", str(tmp_path / "out"), "--no-discover"]
    if kind == "article":
        bad = folder / "a.txt"
        bad.write_text(content, encoding="utf-8")
    else:
        (folder / "a.txt").write_text("Kim left Pyongyang on Sunday.\n", encoding="utf-8")
        bad = folder / "journey.yaml"
        bad.write_text(content, encoding="utf-8")
    proc = run(*args)
    assert_one_line_error(proc, f"{bad}:{line}:")


def test_cdn_links_leaflet_and_the_default_inlines_it(tmp_path: Path) -> None:
    for flag, out in (("--cdn", tmp_path / "cdn"), ("--self-contained", tmp_path / "old-flag")):
        proc = run("build", str(ROOT / "seeds"), "--gazetteer", str(ROOT / "gazetteer.yaml"), "--no-discover",
                   "--out", str(out), "-q", flag)
        assert proc.returncode == 0, proc.stderr
    assert '<script src="https://cdn.jsdelivr.net/npm/leaflet' in (tmp_path / "cdn" / "map.html").read_text("utf-8")
    # --self-contained is still accepted (it is the default now) and inlines Leaflet.
    assert "<script src=" not in (tmp_path / "old-flag" / "map.html").read_text("utf-8")
