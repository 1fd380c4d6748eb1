"""Fit geomap.infer's place-score weights on annotated story folders; ``--help`` says how."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from geomap.errors import GeomapError
from geomap.evaluate import story_rows
from geomap.gold import load_gold
from geomap.infer.fit import fit, write_weights
from geomap.infer.score import Weights

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "geomap" / "data" / "infer_weights.yaml"
# heldout8, heldout9, … : every numbered held-out set, the ones to come included. Held-out 1
# ("heldout") has been in the fit since 0.2; the retired ones live in tests/data/stories.
NEVER = re.compile(r"heldout\d+")


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="tools/fit_infer.py",
        description="Fit the inference's place-score weights (a logistic model and its threshold) on "
                    "annotated story folders and write them as YAML. Needs the training extra: "
                    "pip install -e '.[train]'.",
        epilog="Never give it a numbered held-out set (tests/data/heldout8, heldout9, …): those stay "
               "unseen so their figures mean something, and the tool refuses them.")
    parser.add_argument("folders", nargs="*", type=Path, metavar="STORY_DIR",
                        help="story folders, each with its gold.yaml (default: every folder of "
                             "tests/data/stories and tests/data/heldout)")
    parser.add_argument("--out", type=Path, default=OUT, metavar="FILE",
                        help="where to write the weights (default: the shipped geomap/data/infer_weights.yaml)")
    args = parser.parse_args(argv)
    if not args.out.parent.is_dir():
        parser.error(f"--out: no folder {args.out.parent}")
    return args


def _fitted(folders: list[Path]) -> tuple[Weights, str]:
    """The weights fitted on ``folders`` and what they were fitted on."""
    rows, stories, trips = [], [], []
    for i, folder in enumerate(folders):
        gold = load_gold(folder / "gold.yaml")
        told = story_rows(folder, gold, ROOT / "gazetteer.yaml")
        rows += told
        stories += [i] * len(told)
        trips += [gold.trip] * len(told)
    sets = sorted({f.parent.name for f in folders})
    described = f"{len(folders)} annotated story folders in tests/data/{{{','.join(sets)}}}, {len(rows)} places"
    return fit(rows, described, stories, trips), described


def main(argv: list[str]) -> int:
    args = _arguments(argv)
    folders = args.folders or sorted(
        p for d in ("stories", "heldout") for p in (ROOT / "tests" / "data" / d).iterdir() if p.is_dir())
    if any(NEVER.fullmatch(part) for f in folders for part in f.resolve().parts):
        print("refusing to fit on a never-tuned set (heldout8, heldout9, …)", file=sys.stderr)
        return 2
    try:
        weights, described = _fitted(folders)
        write_weights(weights, args.out)
    except (GeomapError, OSError) as exc:  # a folder without its gold.yaml, an unwritable --out
        print(f"tools/fit_infer.py: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {args.out} ({described}; threshold {weights.threshold})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
