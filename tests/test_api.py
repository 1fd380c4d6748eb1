"""The public API as the README shows it: run the example itself, in a folder of one's own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import geomap
from geomap import BuildOptions, build_story

# The README's example, verbatim: keep the two identical.
EXAMPLE = '''
from geomap import BuildOptions, build

result = build("my-story", "my-story/map", BuildOptions(title="My trip", self_contained=True))
print(result)  # <BuildResult 'My trip': 2 articles, … places, … stops (inferred), … km, … files written>
for stop in result.story.journey.stops:
    place = result.story.place_of(stop)  # a Stop names its place by id; the story holds the Place
    print(stop.seq, stop.date, place.name, round(place.lat, 2), round(place.lon, 2))
'''

ARTICLES = {
    "01.txt": "---\ndate: 2023-05-08\n---\nLa présidente est arrivée lundi à Lyon pour une visite officielle.\n",
    "02.md": "---\ndate: 2023-05-10\n---\nMercredi, elle s'est rendue à **Genève**, où elle a rencontré le maire.\n",
}


def write_story(folder: Path) -> None:
    folder.mkdir(parents=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")


@pytest.mark.slow
def test_readme_example_runs_in_a_users_folder(tmp_path: Path) -> None:
    write_story(tmp_path / "my-story")
    done = subprocess.run([sys.executable, "-c", EXAMPLE], cwd=tmp_path, capture_output=True, text=True,
                          timeout=600, env={**os.environ, "PYTHONPATH": ""})
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("<BuildResult 'My trip': 2 articles, ") and lines[0].endswith(" files written>")
    assert len(lines[0]) < 200
    stops = [line.split(" ", 2) for line in lines[1:]]
    assert [(seq, date) for seq, date, _ in stops] == [("1", "2023-05-08"), ("2", "2023-05-10")]
    assert [rest.split()[0] for _, _, rest in stops] == ["Lyon", "Geneva"]  # GeoNames names
    assert (tmp_path / "my-story" / "map" / "map.html").is_file()


def test_paths_may_be_one_string_one_path_or_many(tmp_path: Path) -> None:
    write_story(tmp_path / "s")
    opts = BuildOptions(discover=False, gazetteer=None, cache_dir=tmp_path / "cache")
    one = build_story(str(tmp_path / "s" / "01.txt"), opts)
    assert [a.id for a in one.story.articles] == ["01"]  # not one article per character
    assert [a.id for a in build_story(tmp_path / "s", opts).story.articles] == ["01", "02"]
    many = build_story([str(tmp_path / "s" / "02.md"), tmp_path / "s" / "01.txt"], opts)
    assert [a.id for a in many.story.articles] == ["02", "01"]


def test_reprs_are_short_and_place_of_resolves_ids(seeds_dir: Path, gazetteer_path: Path) -> None:
    result = build_story(seeds_dir, gazetteer=gazetteer_path, discover=False)
    story = result.story
    for shown in (repr(result), repr(story), repr(story.journey), repr(story.articles[0])):
        assert len(shown) < 300 and "\n" not in shown
    assert story.articles[0].text[:40] not in repr(story.articles[0])
    stop = story.journey.stops[0]
    assert story.place_of(stop) is story.places[stop.place_id]
    mention = story.mentions[0]
    assert story.place_of(mention).id == mention.place_id
    with pytest.raises(KeyError, match="no place 'nowhere'"):
        story.place_of("nowhere")


def test_one_options_object_and_keyword_overrides(seeds_dir: Path, gazetteer_path: Path, tmp_path: Path) -> None:
    opts = BuildOptions(gazetteer=gazetteer_path, discover=False, title="Titre", self_contained=True)
    result = geomap.build(seeds_dir, tmp_path, opts, title="Autre titre")
    assert result.story.title == "Autre titre"
    page = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert "<title>Autre titre</title>" in page and "unpkg.com" not in page and "cdn.jsdelivr" not in page
    with pytest.raises(TypeError):
        geomap.build_story(seeds_dir, opts, no_such_option=True)
