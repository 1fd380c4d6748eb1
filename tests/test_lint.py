"""The code passes ruff under the rules pinned in pyproject.toml ([tool.ruff]), so CI keeps it clean."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from ruff.__main__ import find_ruff_bin

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ["geomap", "tools", "benchmarks", "tests"]


def _ruff(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([find_ruff_bin(), "check", "--no-cache", *args], cwd=ROOT, input=stdin,
                          capture_output=True, text=True, check=False)


def test_the_code_has_no_findings() -> None:
    done = _ruff(*CHECKED)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_pinned_rules_are_the_ones_applied() -> None:
    # A loop variable overriding what it iterates (bugbear) and an unsorted import block (isort): both
    # beyond ruff's defaults, so a config that stopped being read would pass this snippet.
    snippet = "import sys\nimport os\n\n\ndef f(gap: list[int]) -> None:\n    for gap in gap:\n        print(gap, os, sys)\n"
    done = _ruff("--output-format", "concise", "--stdin-filename", "geomap/snippet.py", "-", stdin=snippet)
    assert done.returncode == 1
    assert set(re.findall(r":\d+:\d+: ([A-Z]+\d+) ", done.stdout)) == {"B020", "I001"}
