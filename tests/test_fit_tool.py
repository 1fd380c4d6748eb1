"""tools/fit_infer.py refuses every never-tuned set, the numbered ones still to come included."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WEIGHTS = ROOT / "geomap" / "data" / "infer_weights.yaml"


@pytest.mark.parametrize("held_out", ["heldout8", "heldout9", "heldout10", "heldout12"])
def test_fitting_on_a_numbered_held_out_set_is_refused_before_anything_is_read(tmp_path: Path, held_out: str) -> None:
    story = tmp_path / "tests" / "data" / held_out / "some-trip"
    story.mkdir(parents=True)  # no gold.yaml: a run that went past the check would fail reading it
    before = WEIGHTS.read_bytes()
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "fit_infer.py"), str(story)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 2
    assert "refusing to fit on a never-tuned set" in done.stderr and "Traceback" not in done.stderr
    assert WEIGHTS.read_bytes() == before


def _tool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "tools" / "fit_infer.py"), *args],
                          capture_output=True, text=True, timeout=600, check=False)


def test_help_says_how_and_fits_nothing() -> None:
    before = WEIGHTS.read_bytes()
    done = _tool("--help")  # was taken for a story folder: a traceback
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert "--out" in done.stdout and "STORY_DIR" in done.stdout and "heldout" in done.stdout
    assert WEIGHTS.read_bytes() == before


def test_a_folder_without_its_gold_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    done = _tool(str(tmp_path))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "gold.yaml" in done.stderr and len(done.stderr.strip().splitlines()) == 1


@pytest.mark.slow
def test_out_writes_the_fit_there_and_leaves_the_shipped_weights(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")  # the training-only extra: `make test` installs [nlp,test], not [train]
    # Three trips in two out-of-fold groups: the fewest the threshold can be chosen on.
    folders = [str(ROOT / "tests" / "data" / "stories" / f)
               for f in ("erdogan-gulf-2023", "scholz-china-2024", "kim-hanoi-2019")]
    before = WEIGHTS.read_bytes()
    done = _tool(*folders, "--out", str(tmp_path / "weights.yaml"))
    assert done.returncode == 0, done.stderr
    assert WEIGHTS.read_bytes() == before
    fitted = yaml.safe_load((tmp_path / "weights.yaml").read_text(encoding="utf-8"))
    assert fitted["trained_on"].startswith("3 annotated story folders in tests/data/{stories}")
    assert set(fitted["weights"]) == set(yaml.safe_load(before)["weights"]) and 0 < fitted["threshold"] < 1
