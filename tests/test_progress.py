"""Progress: the library reports stages and counts through a callback and never prints."""

from __future__ import annotations

from pathlib import Path

from geomap.pipeline import BuildOptions, build_story


def test_build_reports_counted_stages_and_prints_nothing(seeds_dir: Path, gazetteer_path: Path, capsys) -> None:
    calls: list[tuple] = []
    build_story([seeds_dir], BuildOptions(gazetteer=gazetteer_path), progress=lambda *a: calls.append(a))
    assert capsys.readouterr() == ("", "")
    stages = [c[0] for c in calls if len(c) == 1]
    counted = [c for c in calls if len(c) == 3]
    assert stages and stages[0] == "loading articles"
    discovering = [c for c in counted if c[0] == "discovering places"]
    assert [c[1] for c in discovering] == list(range(1, 6))  # one per seed article, in order
    assert all(c[2] == 5 for c in discovering)


def test_cli_progress_is_silent_without_a_terminal(seeds_dir: Path, gazetteer_path: Path, tmp_path: Path, capsys) -> None:
    from geomap.cli import main

    assert main(["build", str(seeds_dir), "--gazetteer", str(gazetteer_path), "--out", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert "discovering places" not in err and "[" not in err.split("\n")[0]
