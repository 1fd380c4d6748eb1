"""Output sets as one unit: real processes killed while writing, two writers at once, signals in the CLI."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from procutil import ctrl_c_reaches

from geomap.errors import OutputError
from geomap.outputset import JOURNAL_NAME, STATE_DIR, recover, write_set

ROOT = Path(__file__).resolve().parent.parent

# A child that announces itself, then replaces the set in OUT by NAMES filled with byte TAG.
WRITER = """
import sys
from geomap.outputset import write_set
out, tag, size, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
names = sys.argv[5:]
print("ready", flush=True)
for r in range(rounds):
    write_set(out, {n: bytes([tag]) * size for n in names})
"""

NAMES = [f"part{i}.bin" for i in range(6)]


def _writer(out: Path, tag: int, size: int, rounds: int = 1, names: list[str] = NAMES) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", WRITER, str(out), str(tag), str(size), str(rounds), *names],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _visible(out: Path) -> dict[str, set[int]]:
    """Each visible output and the set of byte values it holds (one value: one whole version)."""
    return {p.name: set(p.read_bytes()) for p in out.iterdir() if p.is_file() and not p.name.startswith(".")}


def _one_version(out: Path, names: list[str] = NAMES) -> int:
    seen = _visible(out)
    assert sorted(n for n in seen if n in names) == sorted(names), seen.keys()
    tags = set().union(*(seen[n] for n in names))
    assert len(tags) == 1, f"a mix of versions {tags}"
    return tags.pop()


def test_files_made_apart_are_the_bytes_made_here_and_their_error_leaves_the_old_set(tmp_path: Path) -> None:
    files = {n: (lambda n=n: n.encode() * 1000) for n in NAMES}
    write_set(tmp_path / "here", files)
    write_set(tmp_path / "apart", files, apart=NAMES[:3])
    assert _visible(tmp_path / "here") == _visible(tmp_path / "apart")
    assert all((tmp_path / "apart" / n).read_bytes() == n.encode() * 1000 for n in NAMES)

    def full() -> bytes:
        raise OSError(28, "No space left on device")

    with pytest.raises(OutputError, match="No space left"):
        write_set(tmp_path / "apart", {**files, NAMES[0]: full, "new.bin": lambda: b"x"}, apart=NAMES[:3])
    assert sorted(_visible(tmp_path / "apart")) == sorted(NAMES)  # the previous set, untouched
    assert not list((tmp_path / "apart" / STATE_DIR).glob("tmp-*"))  # nothing staged left behind


def test_a_set_killed_at_any_moment_is_the_old_set_or_the_new_never_a_mix(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_set(out, {n: bytes([1]) * 10 for n in NAMES})
    (out / "notes.txt").write_text("the user's own file", encoding="utf-8")
    outcomes = set()
    # 6 x 8 MB fsynced: the kill lands while staging, journalling or moving, depending on the delay.
    for delay in (0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8):
        child = _writer(out, 2, 8_000_000)
        assert child.stdout.readline().strip() == "ready"
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
        recover(out)  # what the next build does first
        outcomes.add(_one_version(out))
        assert (out / "notes.txt").read_text(encoding="utf-8") == "the user's own file"
        assert [p.name for p in (out / STATE_DIR).iterdir() if p.name.startswith("tmp-")] == []
        write_set(out, {n: bytes([1]) * 10 for n in NAMES})  # back to the old set for the next round
    assert 1 in outcomes  # at least one kill came before the commit


def test_a_commit_cut_short_is_completed_by_the_next_run(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_set(out, {n: b"old" for n in NAMES})
    # The state a build killed between two renames leaves: a journal, half the files moved.
    stage = out / STATE_DIR / "tmp-killed"
    stage.mkdir()
    for n in NAMES:
        (stage / n).write_bytes(b"new")
    (stage / JOURNAL_NAME).write_text(json.dumps({"files": NAMES, "remove": []}), encoding="utf-8")
    for n in NAMES[:3]:
        os.replace(stage / n, out / n)
    recover(out)
    assert {n: (out / n).read_bytes() for n in NAMES} == {n: b"new" for n in NAMES}
    assert not stage.exists()


def test_staged_sets_without_a_journal_and_old_temporaries_are_cleaned_up(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_set(out, {"map.html": b"old"})
    stale = out / STATE_DIR / "tmp-deadbeef"
    stale.mkdir()
    (stale / "map.html").write_bytes(b"half")
    (out / ".map.html.x1y2z3.tmp").write_bytes(b"half")  # the old per-file writer's leftovers
    write_set(out, {"map.html": b"new"})
    assert not stale.exists() and not (out / ".map.html.x1y2z3.tmp").exists()
    assert (out / "map.html").read_bytes() == b"new"


def test_outputs_the_new_set_lacks_are_removed_and_other_files_kept(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (tmp_path / "out").mkdir()
    (out / "map.pdf").write_bytes(b"the user's, not ours")
    write_set(out, {"map.html": b"1", "map.png": b"1"})
    write_set(out, {"map.html": b"2"})
    assert sorted(_visible(out)) == ["map.html", "map.pdf"]  # map.png was ours, map.pdf never was


def test_a_folder_in_place_of_an_output_fails_before_anything_moves(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_set(out, {"a.txt": b"old", "map.html": b"old"})
    (out / "map.html").unlink()
    (out / "map.html").mkdir()
    with pytest.raises(OutputError) as err:
        write_set(out, {"a.txt": b"new", "map.html": b"new"})
    assert "map.html" in str(err.value) and "previous outputs are intact" in str(err.value)
    assert (out / "a.txt").read_bytes() == b"old"


def test_two_writers_at_once_take_turns(tmp_path: Path) -> None:
    out = tmp_path / "out"
    writers = [_writer(out, tag, 1_000_000, rounds=4) for tag in (3, 4)]
    for w in writers:
        assert w.wait(timeout=120) == 0, w.stderr.read()
    assert _one_version(out) in (3, 4)
    assert [p.name for p in (out / STATE_DIR).iterdir() if p.name.startswith("tmp-")] == []


# --------------------------------------------------------------------------- the CLI


def _build(out: Path, title: str, **popen: object) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "geomap", "build", str(ROOT / "seeds"), "--gazetteer", str(ROOT / "gazetteer.yaml"),
           "--out", str(out), "--title", title, "-q", "--jobs", "1"]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                            preexec_fn=ctrl_c_reaches, **popen)  # noqa: PLW1509 (one signal call)


def _wait_for_handlers(pid: int) -> None:
    """Until the CLI catches SIGTERM (its handlers are in place; before, Python itself is starting)."""
    for _ in range(600):
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
        caught = int(next(line.split()[1] for line in status.splitlines() if line.startswith("SigCgt:")), 16)
        if caught & (1 << (signal.SIGTERM - 1)):
            return
        time.sleep(0.05)
    raise AssertionError("the build never installed its signal handlers")


def _files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_a_build_stopped_by_a_signal_leaves_the_previous_set(tmp_path: Path, signum: int) -> None:
    old, out = tmp_path / "old", tmp_path / "out"
    for folder in (old, out):
        assert _build(folder, "Old").wait(timeout=300) == 0
    child = _build(out, "New")
    _wait_for_handlers(child.pid)
    # Right away: a warm seed build now ends within half a second of installing its handlers,
    # and a signal after the end would test nothing (the run ends 0, with nothing to say).
    child.send_signal(signum)
    _, err = child.communicate(timeout=120)
    if signum != signal.SIGKILL:
        lines = err.strip().splitlines()
        assert len(lines) == 1, err
        word = "terminated (SIGTERM)" if signum == signal.SIGTERM else "interrupted"
        assert lines[0] == f"geomap: {word}; the previous outputs in {out} are intact (nothing new was written)"
        assert child.returncode == (143 if signum == signal.SIGTERM else 130)
    assert _files(out) == _files(old)


@pytest.mark.slow
def test_a_signal_while_the_arguments_are_read_still_names_the_output_folder(tmp_path: Path) -> None:
    # A cold cache makes reading the arguments slow (the parser reads packaged YAML into it): the
    # signal lands then, before the CLI knows its output folder, and waits until it does.
    out = tmp_path / "out"
    child = _build(out, "New", env={**os.environ, "GEOMAP_CACHE_DIR": str(tmp_path / "cold")})
    _wait_for_handlers(child.pid)
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=120)
    said = f"geomap: interrupted; the previous outputs in {out} are intact (nothing new was written)"
    assert err.strip().splitlines() == [said]
    assert child.returncode == 130 and not out.exists()


@pytest.mark.slow
def test_two_builds_into_one_folder_leave_one_whole_set(tmp_path: Path) -> None:
    refs = {title: tmp_path / title for title in ("One", "Two")}
    for title, folder in refs.items():
        assert _build(folder, title).wait(timeout=300) == 0
    out = tmp_path / "out"
    builds = [_build(out, title) for title in refs]
    for b in builds:
        assert b.wait(timeout=300) == 0, b.stderr.read()
    assert _files(out) in [_files(folder) for folder in refs.values()]
