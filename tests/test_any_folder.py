"""geomap as a user runs it: the installed command in their own folder, far from the repository."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pages import Site, article_page

from geomap.sources import find_gazetteer

GEOMAP = Path(sys.executable).with_name("geomap")  # the console script pip installed


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(GEOMAP), *args], cwd=cwd, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PYTHONPATH": ""})


def write_story(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "01-depart.txt").write_text(
        "Le président est arrivé lundi à Lyon pour une visite de deux jours.\n"
        "Mardi, il est parti pour Genève, où il a rencontré des diplomates.\n", encoding="utf-8")
    (folder / "02-page.html").write_text(article_page("https://courrier.example"), encoding="utf-8")


@pytest.mark.slow
def test_build_dot_in_a_folder_of_ones_own(tmp_path: Path) -> None:
    story = tmp_path / "my story"
    write_story(story)
    done = run(["build", "."], cwd=story)
    assert done.returncode == 0, done.stderr
    assert "gazetteer: none (offline resolvers only)" in done.stderr
    assert (story / "output" / "map.html").is_file()
    assert done.stdout.strip() == f"map: {story / 'output' / 'map.html'}"
    csv = (story / "output" / "mentions.csv").read_text(encoding="utf-8")
    assert "Lyon" in csv and "Brest" in csv and "Strasbourg" not in csv  # not from the page's comments

    (story / "gazetteer.yaml").write_text("# places only this story needs\n", encoding="utf-8")
    again = run(["build", ".", "--no-discover", "--out", "again"], cwd=story)
    assert again.returncode == 2 and "no place could be found" in again.stderr  # empty gazetteer read
    assert "Traceback" not in again.stderr and again.stderr.count("\n") == 1


@pytest.mark.slow
def test_build_one_saved_page(tmp_path: Path) -> None:
    (tmp_path / "saved-page.html").write_text(article_page("https://courrier.example"), encoding="utf-8")
    done = run(["build", "saved-page.html", "--out", "map"], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    csv = (tmp_path / "map" / "mentions.csv").read_text(encoding="utf-8")
    assert "Brest" in csv and "<p>" not in csv and "Strasbourg" not in csv


@pytest.mark.slow
def test_build_a_url_from_a_local_server(tmp_path: Path) -> None:
    with Site({}) as site:
        site.pages["/news/visite.html"] = (200, {"Content-Type": "text/html; charset=utf-8"},
                                           article_page(site.base).encode())
        done = run(["build", f"{site.base}/news/visite.html", "--out", "map",
                    "--cache-dir", str(tmp_path / "cache")], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    csv = (tmp_path / "map" / "mentions.csv").read_text(encoding="utf-8")
    assert "Brest" in csv and "<p>" not in csv and "Strasbourg" not in csv
    assert (tmp_path / "cache" / "web").is_dir()  # fetched once, kept for the next build


def test_bare_build_outside_the_project_says_what_to_do(tmp_path: Path) -> None:
    done = run(["build"], cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("geomap: error: no PATH given and no seeds/ folder here")
    assert "geomap build FOLDER" in done.stderr and done.stderr.count("\n") == 1


def test_gazetteer_is_the_story_folders_else_the_current_folders(tmp_path: Path) -> None:
    here, story = tmp_path / "here", tmp_path / "story"
    here.mkdir()
    write_story(story)
    assert find_gazetteer([story], cwd=here) is None
    (here / "gazetteer.yaml").write_text("places: []\n", encoding="utf-8")
    assert find_gazetteer([story], cwd=here) == here / "gazetteer.yaml"
    assert find_gazetteer([story / "01-depart.txt"], cwd=here) == here / "gazetteer.yaml"
    (story / "gazetteer.yaml").write_text("", encoding="utf-8")
    assert find_gazetteer([story], cwd=here) == story / "gazetteer.yaml"
    assert find_gazetteer([story / "01-depart.txt"], cwd=here) == story / "gazetteer.yaml"
    assert find_gazetteer(["https://courrier.example/a.html"], cwd=here) == here / "gazetteer.yaml"
