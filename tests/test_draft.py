"""`geomap draft`: the inferred itinerary as journey.yaml; building it redraws the same map; edits show."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geomap import yamlmarks
from geomap.articles import load_articles
from geomap.errors import OutputError
from geomap.journey import load_itinerary
from geomap.journey.draft import _comment, _evidence_lines, _quoted, _scalar, draft, draft_text
from geomap.model import Evidence, Rejected, Story
from geomap.pipeline import BuildOptions, build_story

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
# Every story the inference is measured on (never the blind set), in both languages.
STORIES = sorted(p for d in ("stories", "heldout") for p in (DATA / d).iterdir() if p.is_dir())
OUTPUTS = ("map.html", "journey.geojson", "mentions.csv", "embed.html")
OPTIONS = BuildOptions(gazetteer=ROOT / "gazetteer.yaml", curated=False)


def geomap(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "GEOMAP_DEBUG"}
    proc = subprocess.run([sys.executable, "-m", "geomap", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, env=env, timeout=600)
    return proc


def copy_story(src: Path, tmp_path: Path) -> Path:
    folder = tmp_path / src.name
    shutil.copytree(src, folder, ignore=shutil.ignore_patterns("journey.yaml"))
    return folder


def stops_of(out: Path) -> list[tuple[str, list[str]]]:
    data = json.loads((out / "journey.geojson").read_text(encoding="utf-8"))
    route = next(f for f in data["features"] if f["properties"]["role"] == "route")
    dates = {f["properties"]["id"]: f["properties"]["dates"] for f in data["features"] if "id" in f["properties"]}
    return [(pid, dates[pid]) for pid in route["properties"]["stops"]]


def reload(story: Story, text: str, tmp_path: Path):
    path = tmp_path / "journey.yaml"
    path.write_text(text, encoding="utf-8")
    return load_itinerary(path, story.places, story.articles, story.mentions)


# --- a sentence an article repeats word for word ------------------------------------------------


@pytest.mark.parametrize(("text", "repeated"), [
    ("Programme du jeudi 3 avril.\n\nDépart pour Avel. Visite du port de Corin.\n\nDépart pour Avel. Fin du voyage.\n",
     "Départ pour Avel."),
    ("The schedule.\n\nReturn to the capital. Lunch at Eska.\n\nTalks at Eska.\n\nReturn to the capital.\n",
     "Return to the capital."),
])
def test_a_repeated_sentence_reads_back_as_the_one_drafted(text: str, repeated: str, tmp_path: Path) -> None:
    # A draft quoted such a sentence by its words only, and reading back took the first telling:
    # the itinerary built from an untouched draft then differed from the inferred one.
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (article,) = load_articles([tmp_path / "a.txt"])
    second = [s for s in article.sentences if article.text[s.start:s.end] == repeated][1]
    ev = Evidence(article.id, second.index, second.start, second.end, repeated)
    lines = list(_evidence_lines((ev,), {article.id: article.text}))
    assert "      occurrence: 2  # these words appear earlier in the article too" in lines
    path = tmp_path / "journey.yaml"
    path.write_text("stops:\n  - place: Avel\n    lat: 10.5\n    lon: 20.5\n" + "".join(f"  {line}\n" for line in lines),
                    encoding="utf-8")
    (stop,) = load_itinerary(path, {}, [article], []).journey.stops
    assert stop.evidence == (ev,)
    first = [s for s in article.sentences if article.text[s.start:s.end] == repeated][0]
    assert "occurrence" not in "\n".join(_evidence_lines(
        (Evidence(article.id, first.index, first.start, first.end, repeated),), {article.id: article.text}))


# --- the draft reads back to the inferred journey, for every story ---------------------------------


# A story from which the inference keeps no stop cannot be drafted ("nothing to draft"). Known,
# not hidden: main's inference rejects every place of macron-germany-2024 (a French telling that
# recounts the visit in the pluperfect). Remove the entry when the inference finds its stops.
@pytest.mark.parametrize("folder", STORIES, ids=lambda p: p.name)
def test_draft_reads_back_to_the_inferred_journey(folder: Path, tmp_path: Path) -> None:
    story = build_story([folder], OPTIONS).story
    itinerary = reload(story, draft_text(story), tmp_path)
    assert itinerary.journey.stops == story.journey.stops
    assert itinerary.journey.legs == story.journey.legs
    assert itinerary.places == {} and itinerary.undated == frozenset()


def test_every_inferred_detail_and_rejected_place_survives_the_draft(tmp_path: Path) -> None:
    story = build_story([DATA / "stories" / "kim-hanoi-2019"], OPTIONS).story
    first, second, *rest = story.journey.stops
    unkept = next(m for m in story.mentions if m.place_id and m.place_id not in {s.place_id for s in story.journey.stops})
    article = story.article(unkept.article_id)
    sentence = article.sentences[unkept.sentence]
    # Everything the inference may say about a stop, including text YAML would misread.
    journey = dataclasses.replace(story.journey, stops=(
        dataclasses.replace(first, inferred=True, confidence=0.8125, why='departure verb + date: "samedi" # 1'),
        dataclasses.replace(second, inferred=True, approximate=True, time="14:30", event="yes"),
        *(dataclasses.replace(s, inferred=True, confidence=1 / 3, date=None) for s in rest[:1]),
        *(dataclasses.replace(s, inferred=False, confidence=None, why="") for s in rest[1:]),
    ), notes=story.journey.notes + (f"stop 2 ({story.places[second.place_id].name}): a note: with colons",),
        rejected=(Rejected(unkept.place_id, "a plan, not a trip made", 0.25,
                           (Evidence(article.id, sentence.index, sentence.start, sentence.end,
                                     article.text[sentence.start:sentence.end]),)),))
    story = dataclasses.replace(story, journey=journey)
    text = draft_text(story)
    assert "## Not kept: " in text and "a plan, not a trip made" in text
    assert "confidence 0.81: departure verb" in text  # the comment a reviewer reads
    back = reload(story, text, tmp_path).journey
    assert back.stops == journey.stops
    assert back.origin == "curated"  # not every stop is inferred
    assert [n for n in back.notes if n.startswith("stop 2 (")] == [journey.notes[-1]]

    # Promoting the place not kept is deleting the "# " before its lines.
    head, rest = text.split("\n\n  ## Not kept: ", 1)
    block, *after = rest.split("\n\n")
    block = block.replace("  # - place:", "  - place:").replace("  #   ", "    ")
    promoted = "\n\n".join([head, "  ## Not kept: " + block, *after])
    (tmp_path / "promoted").mkdir()
    stops = reload(story, promoted, tmp_path / "promoted").journey.stops
    assert [s.place_id for s in stops] == [s.place_id for s in journey.stops] + [unkept.place_id]
    assert not stops[-1].inferred and stops[-1].evidence == journey.rejected[0].evidence


# --- end to end through the CLI ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A story drafted by `geomap draft`, and the map `geomap build` infers for it without a draft."""
    tmp = tmp_path_factory.mktemp("drafted")
    folder = copy_story(DATA / "stories" / "kim-hanoi-2019", tmp)
    inferred = tmp / "inferred"
    assert geomap("build", folder, "--out", inferred, "-q").returncode == 0
    proc = geomap("draft", folder)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"itinerary: {folder / 'journey.yaml'}"
    return folder, inferred


def test_building_the_draft_draws_the_inferred_map_byte_for_byte(drafted: tuple[Path, Path], tmp_path: Path) -> None:
    folder, inferred = drafted
    proc = geomap("build", folder, "--out", tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    written = sorted(p.name for p in (tmp_path / "out").iterdir() if p.is_file())
    assert written == sorted(p.name for p in inferred.iterdir() if p.is_file()) and set(OUTPUTS) <= set(written)
    for name in written:  # every output, whatever the renderer adds
        assert (tmp_path / "out" / name).read_bytes() == (inferred / name).read_bytes(), name


def test_edits_to_the_draft_change_the_map(drafted: tuple[Path, Path], tmp_path: Path) -> None:
    folder, inferred = drafted
    before = stops_of(inferred)
    text = (folder / "journey.yaml").read_text(encoding="utf-8")
    blocks = text.split("\n\n  # ")
    edited = copy_story(folder, tmp_path)
    # Delete stop 2, and move stop 3 a day later.
    third = blocks[2]
    day = dt.date.fromisoformat(before[2][1][0])
    later = third.replace(f"date: {day}", f"date: {day + dt.timedelta(days=1)}")
    (edited / "journey.yaml").write_text("\n\n  # ".join([blocks[0], later, *blocks[3:]]), encoding="utf-8")
    proc = geomap("build", edited, "--out", tmp_path / "out", "-q")
    assert proc.returncode == 0, proc.stderr
    after = stops_of(tmp_path / "out")
    assert [pid for pid, _ in after] == [before[0][0], *(pid for pid, _ in before[2:])]
    assert str(day + dt.timedelta(days=1)) in dict(after)[before[2][0]]
    assert str(day) not in dict(after)[before[2][0]]


def test_promoting_a_place_not_kept_adds_it_to_the_route(drafted: tuple[Path, Path], tmp_path: Path) -> None:
    folder, inferred = drafted
    text = (folder / "journey.yaml").read_text(encoding="utf-8")
    head, rest = text.split("\n\n  ## Not kept: ", 1)
    block, *after = rest.split("\n\n")
    place_id = block.split("# - place: ", 1)[1].split()[0]
    # Deleting the "# " in front of its lines is all it takes.
    block = "\n".join(line.replace("  # ", "  ", 1) if line.startswith("  # ") else line
                      for line in block.splitlines())
    edited = copy_story(folder, tmp_path)
    (edited / "journey.yaml").write_text("\n\n".join([head, "  ## Not kept: " + block, *after]), encoding="utf-8")
    proc = geomap("build", edited, "--out", tmp_path / "out", "-q")
    assert proc.returncode == 0, proc.stderr
    before, after_ = [pid for pid, _ in stops_of(inferred)], [pid for pid, _ in stops_of(tmp_path / "out")]
    assert place_id not in before and after_ == [*before, place_id]


def test_draft_refuses_to_overwrite_unless_forced(drafted: tuple[Path, Path], tmp_path: Path) -> None:
    folder, _ = drafted
    mine = folder / "journey.yaml"
    original = mine.read_bytes()
    proc = geomap("draft", folder)
    assert proc.returncode == 2 and str(mine) in proc.stderr and "--force" in proc.stderr
    assert len([line for line in proc.stderr.splitlines() if line.strip()]) == 1
    assert mine.read_bytes() == original
    other = tmp_path / "elsewhere.yaml"
    assert geomap("draft", folder, "--out", other, "-q").returncode == 0
    assert other.read_bytes() == original  # the draft ignores the itinerary already there
    mine.write_text("stops: [{place: pyongyang}]\n", encoding="utf-8")
    assert geomap("draft", folder, "--force", "-q").returncode == 0
    assert mine.read_bytes() == original


def test_draft_into_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a folder"):
        draft([DATA / "stories" / "kim-hanoi-2019"], OPTIONS, out=tmp_path, force=True)


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_any_text_the_draft_writes_reads_back_the_same(value: str) -> None:
    # Article text reaches the draft as quotes, events and names: none may break out of its line.
    for line in (f"quote: {_scalar(value)}", f"why: {_quoted(value)}"):
        assert "\n" not in line
        assert yamlmarks.load(line) == {line.split(":", 1)[0]: value}
    assert "\n" not in _comment(value)
