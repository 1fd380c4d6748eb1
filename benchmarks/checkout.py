"""The environment that runs another checkout's geomap (``--src``), checked to really run it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def source_env(src: Path | None, default_cwd: Path) -> tuple[dict[str, str], Path]:
    """Environment and working directory for a child ``python -m geomap`` that imports ``src``'s
    geomap (or this one's, with ``src`` None).

    PYTHONPATH alone is not proof: an editable install's import hook can answer ``import geomap``
    before sys.path is searched, and a "vs main" run would then silently measure this checkout.
    So the child is asked where geomap comes from, and a mismatch stops the benchmark.
    """
    env = dict(os.environ)
    if src is None:
        return env, default_cwd
    cwd = src.resolve()
    env["PYTHONPATH"] = str(cwd)
    where = subprocess.run([sys.executable, "-c", "import geomap; print(geomap.__file__)"], env=env, cwd=cwd,
                           capture_output=True, text=True, check=True).stdout.strip()
    if not Path(where).resolve().is_relative_to(cwd):
        sys.exit(f"--src {src}: this interpreter imports geomap from {where}, not from that checkout "
                 f"(no geomap there, or an editable install's import hook came first); "
                 f"run the benchmark with {cwd}'s own Python")
    return env, cwd
