"""Fit geomap.infer's place-score weights on annotated story folders and write geomap/data/infer_weights.yaml.

Usage: python tools/fit_infer.py [STORY_DIR ...]   (default: tests/data/stories/* and tests/data/heldout/*)
Needs the training extra: pip install -e '.[train]'. Never point it at tests/data/heldout8 or any later heldoutN:
those sets stay unseen so their figures mean something (held-out 2 and 3, retired on 2026-12-01,
and held-out 4, 5, 6 and 7, retired on 2026-12-02, now live in tests/data/stories).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from geomap.evaluate import story_rows
from geomap.gold import load_gold
from geomap.infer.fit import fit, write_weights

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "geomap" / "data" / "infer_weights.yaml"
# heldout8, heldout9, … : every numbered held-out set, the ones to come included. Held-out 1
# ("heldout") has been in the fit since 0.2.
NEVER = re.compile(r"heldout\d+")


def main(argv: list[str]) -> int:
    folders = [Path(a) for a in argv] or sorted(
        p for d in ("stories", "heldout") for p in (ROOT / "tests" / "data" / d).iterdir() if p.is_dir())
    if any(NEVER.fullmatch(part) for f in folders for part in f.resolve().parts):
        print("refusing to fit on a never-tuned set (heldout8, heldout9, …)", file=sys.stderr)
        return 2
    rows, stories, trips = [], [], []
    for i, folder in enumerate(folders):
        gold = load_gold(folder / "gold.yaml")
        told = story_rows(folder, gold, ROOT / "gazetteer.yaml")
        rows += told
        stories += [i] * len(told)
        trips += [gold.trip] * len(told)
    sets = sorted({f.parent.name for f in folders})
    described = f"{len(folders)} annotated story folders in tests/data/{{{','.join(sets)}}}, {len(rows)} places"
    weights = fit(rows, described, stories, trips)
    write_weights(weights, OUT)
    print(f"wrote {OUT} ({described}; threshold {weights.threshold})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
