"""Progress: the library reports stages and counts through a callback and never prints."""

from __future__ import annotations

from pathlib import Path

import pytest

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
    finding = [c[1:] for c in counted if c[0] == "finding place names"]
    assert finding == [(i, 5) for i in range(1, 6)]  # the gazetteer's names, counted too (a minute at 1,000 cold)
    assert all(c[2] == 5 for c in discovering)


def test_cli_progress_is_silent_without_a_terminal(seeds_dir: Path, gazetteer_path: Path, tmp_path: Path, capsys) -> None:
    from geomap.cli import main

    assert main(["build", str(seeds_dir), "--gazetteer", str(gazetteer_path), "--out", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert "discovering places" not in err and "[" not in err.split("\n")[0]


def test_inference_counts_each_article_of_both_passes(seeds_dir: Path, gazetteer_path: Path) -> None:
    calls: list[tuple] = []
    build_story([seeds_dir], BuildOptions(gazetteer=gazetteer_path, infer=True), progress=lambda *a: calls.append(a))
    for stage in ("reading the articles for the itinerary", "weighing the mentions"):
        assert [c[1:] for c in calls if c[0] == stage] == [(i, 5) for i in range(1, 6)], stage


def _on_a_terminal(args: list[str], size: tuple[int, int] = (24, 100)) -> tuple[int, str]:
    """Run ``python args`` with stderr on a pseudo-terminal of ``size`` (rows, columns; a window
    says its size, some terminals say 0 x 0); what it wrote there."""
    import fcntl
    import os
    import pty
    import struct
    import subprocess
    import sys
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", *size, 0, 0))
    proc = subprocess.Popen([sys.executable, *args], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=slave, cwd=Path(__file__).resolve().parent.parent)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the child closed the terminal (EIO)
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return proc.wait(timeout=120), b"".join(chunks).decode("utf-8", "replace")


# A stage counted for three seconds, past the two a bar waits before it shows.
COUNTED = """
import sys, time
from geomap.cliterm import progress_reporter
report = progress_reporter(quiet=sys.argv[1] == "-q")
report("loading articles")
for i in range(1, 31):
    time.sleep(0.1)
    report("reading words", i, 30)
"""


@pytest.mark.parametrize("size", [(24, 100), (0, 0)])
def test_a_terminal_sees_stages_and_a_counted_stage_with_rate_and_eta(size: tuple[int, int]) -> None:
    rc, err = _on_a_terminal(["-c", COUNTED, ""], size)
    assert rc == 0
    assert "loading articles" in err.splitlines()[0] and "s]" in err.splitlines()[0]  # timestamped stage
    bar = err.split("reading words", 1)[1]
    assert "/30" in bar and "/s]" in bar and "<" in bar  # count, rate, ETA


def test_quiet_is_silent_on_a_terminal_too() -> None:
    rc, err = _on_a_terminal(["-c", COUNTED, "-q"])
    assert rc == 0 and err == ""


def test_cli_build_on_a_terminal_shows_stages_and_with_q_only_errors(seeds_dir: Path, gazetteer_path: Path,
                                                                      tmp_path: Path) -> None:
    build = ["-m", "geomap", "build", str(seeds_dir), "--gazetteer", str(gazetteer_path), "--out", str(tmp_path)]
    rc, err = _on_a_terminal(build)
    assert rc == 0
    assert "] loading articles" in err and "] writing outputs" in err
    rc, err = _on_a_terminal([*build, "-q"])
    assert rc == 0 and err == ""
