"""Per-article records written in place: whatever a cut-short or concurrent write leaves reads as the
record or as absent (then computed again), never as another record."""

from __future__ import annotations

import json
import multiprocessing
import os
import random
from pathlib import Path

import pytest

from geomap.articlecache import ArticleCache


def _random_record(rng: random.Random, depth: int = 0) -> dict:
    def value(d: int) -> object:
        kind = rng.randrange(6 if d < 2 else 4)
        if kind == 0:
            return rng.randrange(-10**6, 10**6)
        if kind == 1:
            return "".join(rng.choice("ab cé,\"\\{}[]:é\u2019日") for _ in range(rng.randrange(8)))
        if kind == 2:
            return rng.choice([True, False, None, 0.5])
        if kind == 3:
            return []
        if kind == 4:
            return [value(d + 1) for _ in range(rng.randrange(4))]
        return {f"k{i}": value(d + 1) for i in range(rng.randrange(4))}

    return {f"k{i}": value(depth) for i in range(rng.randrange(1, 5))}


def test_every_record_cut_short_reads_as_absent(tmp_path: Path) -> None:
    rng = random.Random(11)
    path = tmp_path / "r.json"
    for _ in range(15):
        record = _random_record(rng)
        ArticleCache.write(path, record)
        whole = path.read_bytes()
        assert ArticleCache.read(path) == record
        for cut in range(len(whole)):  # what a crash, or a reader meeting a write halfway, finds
            path.write_bytes(whole[:cut])
            assert ArticleCache.read(path) is None


def test_a_shorter_record_written_over_a_longer_one_is_whole(tmp_path: Path) -> None:
    path = tmp_path / "ab" / "r.json"
    ArticleCache.write(path, {"words": "a much longer record than the next one " * 20})
    ArticleCache.write(path, {"words": "short"})
    assert ArticleCache.read(path) == {"words": "short"}
    assert json.loads(path.read_bytes()) == {"words": "short"}


def test_records_make_their_folders_and_leave_nothing_else(tmp_path: Path) -> None:
    for i in range(20):
        ArticleCache.write(tmp_path / "kind" / f"{i % 3:02d}" / f"{i}.json", {"n": i})
    files = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert files == sorted(f"kind/{i % 3:02d}/{i}.json" for i in range(20))
    assert all(ArticleCache.read(tmp_path / f) == {"n": int(Path(f).stem)} for f in files)


def test_an_unwritable_cache_is_silent(tmp_path: Path) -> None:
    (tmp_path / "kind").write_text("a file where the folder should be")
    ArticleCache.write(tmp_path / "kind" / "ab" / "r.json", {"n": 1})  # the next build computes it again
    assert ArticleCache.read(tmp_path / "kind" / "ab" / "r.json") is None


def _writer(path: str, record: dict, times: int) -> None:
    for _ in range(times):
        ArticleCache.write(Path(path), record)


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="forks processes")
def test_processes_writing_one_record_while_it_is_read(tmp_path: Path) -> None:
    # The cache worker and the build's own steps may write the same record at once: a reader sees it
    # whole or absent, never a mix, and the last write leaves it whole.
    path = tmp_path / "r.json"
    record = {"words": " ".join(f"w{i}" for i in range(3000)), "starts": list(range(3000))}
    context = multiprocessing.get_context("fork")
    writers = [context.Process(target=_writer, args=(str(path), record, 150)) for _ in range(2)]
    for w in writers:
        w.start()
    while any(w.is_alive() for w in writers):
        got = ArticleCache.read(path)
        assert got is None or got == record
    for w in writers:
        w.join()
        assert w.exitcode == 0
    assert ArticleCache.read(path) == record
    assert not [p for p in os.listdir(tmp_path) if p != "r.json"]
