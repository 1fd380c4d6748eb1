"""--jobs: parallel per-article work gives byte-identical outputs to a serial build."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

from geomap.cli import main
from geomap.discover import ner_available
from geomap.geocoders import GeoNamesIndex
from geomap.journey import legs
from geomap.render import exports


def _corpus(repo_root: Path, folder: Path) -> None:
    spec = importlib.util.spec_from_file_location("corpus", repo_root / "benchmarks" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    module.generate(folder, 48, seed=11, words=150)


@pytest.mark.slow
@pytest.mark.skipif(not ner_available(), reason="needs spaCy and fr_core_news_sm")
def test_jobs_1_and_2_write_the_same_bytes(tmp_path: Path, repo_root: Path, capfd, monkeypatch) -> None:
    # A big story's exports and legs are made by other processes too: here a small one's are.
    monkeypatch.setattr(exports, "APART_MENTIONS", 1)
    monkeypatch.setattr(legs, "MIN_STEPS_APART", 1)
    story = tmp_path / "story"
    _corpus(repo_root, story)
    index = GeoNamesIndex.load()
    outs = []
    for jobs in (1, 2):
        cache = tmp_path / f"cache{jobs}"  # empty NER cache: every French text is parsed
        cache.mkdir()
        shutil.copy(index.path, cache / index.path.name)
        out = tmp_path / f"out{jobs}"
        rc = main(["build", str(story), "--out", str(out), "--cache-dir", str(cache), "--jobs", str(jobs), "-q",
                   "--gazetteer", str(repo_root / "gazetteer.yaml")])
        assert rc == 0
        assert len(list((cache / "ner").glob("*.json"))) >= 20  # NER ran, in 2 processes for jobs=2
        assert "Traceback" not in capfd.readouterr().err  # processes end quietly, none by a signal
        outs.append(out)
    names = sorted(str(p.relative_to(outs[0])) for p in outs[0].rglob("*") if p.is_file())
    assert names == sorted(str(p.relative_to(outs[1])) for p in outs[1].rglob("*") if p.is_file())
    assert {"map.html", "journey.geojson", "mentions.csv", "journey.gpx", "journey.kml"} <= set(names)
    # The itinerary compared is a real one: several stops inferred from the articles, many mentions.
    route = json.loads((outs[0] / "journey.geojson").read_text(encoding="utf-8"))["features"]
    assert sum(f["properties"].get("role") == "stop" for f in route) >= 5
    assert len((outs[0] / "mentions.csv").read_text(encoding="utf-8").splitlines()) > 100
    for name in names:
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name


def test_jobs_must_be_a_count(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["build", "seeds", "--jobs", "-1"])
    assert exc.value.code == 2
    assert "--jobs" in capsys.readouterr().err


@pytest.mark.parametrize("dated", [True, False])
def test_story_time_parsed_by_two_processes_is_the_serial_parse(tmp_path: Path, repo_root: Path, dated: bool) -> None:
    """Publication dates set the default year before any text is read: the articles are then parsed apart.
    Without them, the first explicit date sets the year for the articles after it (one at a time)."""
    from dataclasses import replace

    from geomap.articles import load_articles
    from geomap.infer.storytime import story_time

    story = tmp_path / "story"
    _corpus(repo_root, story)
    articles = load_articles([story])
    if not dated:
        articles = [replace(a, date=None) for a in articles]
    serial = story_time(articles, 1)
    assert story_time(articles, 2) == serial
    assert all(exprs is not None for exprs in serial[2]) is dated  # an undated article's are parsed again later
