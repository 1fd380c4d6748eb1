"""`geomap watch` and `--open` as a user runs them: a real process, real file edits, a real browser hook."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
from pathlib import Path

from procutil import ctrl_c_reaches

GAZETTEER = """places:
  - {id: brest, name: Brest, lat: 48.39, lon: -4.49, country: FR}
  - {id: rennes, name: Rennes, lat: 48.11, lon: -1.68, country: FR}
"""
COMMAND = [sys.executable, "-m", "geomap"]
WAIT = 240  # seconds: a bound for a loaded machine, not a measurement


def story(tmp_path: Path) -> Path:
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "01.txt").write_text("Le président est arrivé lundi à Brest.\n", encoding="utf-8")
    (tmp_path / "gazetteer.yaml").write_text(GAZETTEER, encoding="utf-8")
    return folder


class Lines:
    """A process's merged output, read line by line in a thread so the test can wait for one."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.seen: list[str] = []
        self._queue: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._pump, args=(proc,), daemon=True).start()

    def _pump(self, proc: subprocess.Popen[str]) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            self._queue.put(line.rstrip("\n"))

    def wait_for(self, text: str) -> str:
        while True:
            try:
                line = self._queue.get(timeout=WAIT)
            except queue.Empty:
                raise AssertionError(f"never saw {text!r}; output so far: {self.seen}") from None
            self.seen.append(line)
            if text in line:
                return line


def test_watch_rebuilds_on_change_keeps_the_last_good_map_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    folder = story(tmp_path)
    out = tmp_path / "out"
    proc = subprocess.Popen([*COMMAND, "watch", "story", "--out", str(out), "--no-discover"], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"}, preexec_fn=ctrl_c_reaches)  # noqa: PLW1509 (one signal call)
    try:
        lines = Lines(proc)
        lines.wait_for("watching for changes")
        assert "gazetteer:" in "\n".join(lines.seen)  # the summary names the gazetteer used
        csv = out / "mentions.csv"
        assert "Rennes" not in csv.read_text(encoding="utf-8")

        (folder / "01.txt").write_text("Le président est arrivé lundi à Brest, puis à Rennes.\n", encoding="utf-8")
        lines.wait_for("changed: 01.txt")
        lines.wait_for("watching for changes")
        assert "Rennes" in csv.read_text(encoding="utf-8")
        good = (out / "map.html").read_bytes()

        (folder / "02.txt").write_text("---\ndate: 2023-02-31\n---\nArrivée à Brest.\n", encoding="utf-8")
        error = lines.wait_for("geomap: error:")
        assert "02.txt:2" in error and "previous map is kept" in error
        assert (out / "map.html").read_bytes() == good

        (tmp_path / "gazetteer.yaml").write_text(GAZETTEER.replace("Rennes", "Rennes-Ville"), encoding="utf-8")
        lines.wait_for("changed: gazetteer.yaml")  # the gazetteer is watched too (still failing on 02.txt)
        (folder / "02.txt").write_text("---\ndate: 2023-02-21\n---\nDépart de Brest.\n", encoding="utf-8")
        lines.wait_for("changed: 02.txt")
        lines.wait_for("watching for changes")
        assert "02" in csv.read_text(encoding="utf-8")
    finally:
        proc.send_signal(signal.SIGINT)
        code = proc.wait(timeout=WAIT)
    assert code == 0
    assert not any("Traceback" in line for line in lines.seen)
    assert not any(line.startswith("changed: map") or "out/" in line for line in lines.seen if "changed" in line)


def test_open_hands_the_map_to_the_default_browser(tmp_path: Path) -> None:
    story(tmp_path)
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "fake-browser"  # webbrowser runs $BROWSER with the URL, like a desktop would
    browser.write_text(f"#!/bin/sh\necho \"$1\" > '{opened}'\n", encoding="utf-8")
    browser.chmod(0o755)
    done = subprocess.run([*COMMAND, "build", "story", "--out", "out", "--no-discover", "--open"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=WAIT, env={**os.environ, "BROWSER": str(browser)})
    assert done.returncode == 0, done.stderr
    assert opened.read_text(encoding="utf-8").strip() == (tmp_path / "out" / "map.html").as_uri()
