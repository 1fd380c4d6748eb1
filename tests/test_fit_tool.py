"""tools/fit_infer.py refuses every never-tuned set, the numbered ones still to come included."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

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
