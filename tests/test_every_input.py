"""Every input gets an answer: hostile stories built by the CLI end in exit 0 or 2 and one line, never a traceback."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap.cli import main

ROOT = Path(__file__).resolve().parent.parent

SENTENCES = [
    "Kim Jong-un a quitté Pyongyang dimanche à bord de son train blindé.",
    "Il est arrivé demain à Vladivostok, puis à Khassan.",
    "Vladimir Putin met him in Moscow tomorrow.",
    "Le 12 septembre, il était à Komsomolsk-sur-l'Amour.",
    "On 9999-12-31 he flew to Warsaw.",
]
HOSTILE = [
    "\x1b[31mred\x1b[0m", "\u202eevil\u202c", "a\x00b", "\r\n\r\n", "\x0c", "« »", "9" * 300, "1e400", "nan",
    "🚂" * 5, "é" * 50, "\ufeff", "\u2028", "{{ x }}", "<script>alert(1)</script>", "--- \n", "%s%n",
]
DATES = ["2023-09-12", "9999-12-31", "0001-01-01", "10000-01-01", "2023-02-30", "-5", "yesterday", "!!timestamp x"]
SCALARS = st.sampled_from(
    ["x", "", "~", "1e400", ".nan", ".inf", "-.inf", "9" * 300, "!!python/object:os.system ls", "!custom 1",
     "&a [*a]", "*missing", "[[[[[[[[[[1]]]]]]]]]]", "{a: {b: {c: {d: 1}}}}", '"\\x1b[2J"', "yes", "0x10",
     "2023-09-12", "9999-12-31", "0001-01-01", "'\n'", "[1, 2]", "{lat: 1, lon: 2}", "!!binary AAAA"]
)
NAMES = st.sampled_from(["a.txt", "b.md", "line\nbreak.txt", "tab\there.txt", "\x1b[2Jclear.txt", "é.txt",
                         "x" * 200 + ".txt", ".hidden.txt", "sp ace.txt", "-dash.txt"])


@st.composite
def texts(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.sampled_from(SENTENCES + HOSTILE), min_size=1, max_size=8))
    return " ".join(parts)


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    if not draw(st.booleans()):
        return ""
    fields = draw(st.dictionaries(st.sampled_from(["date", "title", "language", "source", "url", "x"]),
                                  st.one_of(SCALARS, st.sampled_from(DATES)), max_size=4))
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in fields.items()) + "---\n"


@st.composite
def gazetteers(draw: st.DrawFn) -> str | None:
    if not draw(st.booleans()):
        return None
    lat, lon, name, alias = draw(SCALARS), draw(SCALARS), draw(SCALARS), draw(SCALARS)
    good = "  - {id: pyongyang, name: Pyongyang, kind: capital, lat: 39.0, lon: 125.7, aliases: [Pyongyang]}\n"
    odd = f"  - id: odd\n    name: {name}\n    kind: city\n    lat: {lat}\n    lon: {lon}\n    aliases: [{alias}]\n"
    return "places:\n" + good + (odd if draw(st.booleans()) else "")


@st.composite
def itineraries(draw: st.DrawFn) -> str | None:
    if not draw(st.booleans()):
        return None
    date, via, place = draw(st.sampled_from(DATES)), draw(SCALARS), draw(st.sampled_from(["pyongyang", "odd"]))
    return (f"title: {draw(SCALARS)}\nstops:\n  - place: pyongyang\n    date: 2023-09-10\n"
            f"  - place: {place}\n    date: {date}\n    via: {via}\n")


def _one_line_answer(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code = main(argv)
    err = capsys.readouterr().err
    assert code in (0, 2), err
    if code == 2:
        lines = [line for line in err.splitlines() if line.startswith("geomap:")]
        assert len(lines) == 1 and lines[0].startswith("geomap: error: "), err
    assert "Traceback" not in err and "internal error" not in err, err


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.tuples(NAMES, front_matter(), texts()), min_size=1, max_size=3),
       meta=st.one_of(st.none(), SCALARS, st.sampled_from(DATES)),
       gazetteer=gazetteers(), itinerary=itineraries())
def test_any_story_ends_in_exit_0_or_2_with_one_line(capsys: pytest.CaptureFixture[str], texts, meta, gazetteer,
                                                      itinerary) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="geomap-any-"))
    try:
        story = tmp / "story"
        story.mkdir()
        for name, head, body in texts:
            try:
                (story / name).write_text(head + body, encoding="utf-8", errors="surrogatepass")
            except OSError:
                pass  # a name this filesystem refuses
        if meta is not None:
            first = texts[0][0].replace("\n", "\\n")
            (story / "articles.yaml").write_text(f'"{first}":\n  date: {meta}\n  title: {meta}\n', encoding="utf-8")
        if gazetteer is not None:
            (story / "gazetteer.yaml").write_text(gazetteer, encoding="utf-8")
        if itinerary is not None:
            (story / "journey.yaml").write_text(itinerary, encoding="utf-8")
        _one_line_answer(capsys, ["build", str(story), "--out", str(tmp / "out"), "--no-discover", "-q",
                                  "--cache-dir", os.environ["GEOMAP_CACHE_DIR"]])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_a_newline_in_a_file_name_cannot_forge_a_second_line(tmp_path: Path, capsys) -> None:
    story = tmp_path / "story\ngeomap: error: forged"
    story.mkdir()
    (story / "a.txt").write_bytes(b"\xff\xfe\x00binary\x00")
    assert main(["build", str(story), "--out", str(tmp_path / "out"), "--no-discover", "-q"]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "story\\ngeomap" in err


def test_a_path_longer_than_the_os_allows_is_one_line(tmp_path: Path, capsys) -> None:
    _one_line_answer(capsys, ["build", str(tmp_path / ("x" * 300) / "y"), "--out", str(tmp_path / "o"), "-q"])
    _one_line_answer(capsys, ["build", str(ROOT / "seeds"), "--out", str(tmp_path / ("o" * 300)), "-q",
                              "--no-discover", "--gazetteer", str(ROOT / "gazetteer.yaml")])


def test_a_symlink_leaving_the_articles_folder_is_refused(tmp_path: Path, capsys) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("Le mot de passe est à Pyongyang.", encoding="utf-8")
    story = tmp_path / "story"
    story.mkdir()
    (story / "a.txt").write_text("Kim est à Pyongyang.", encoding="utf-8")
    (story / "b.txt").symlink_to(secret)
    assert main(["build", str(story), "--out", str(tmp_path / "out"), "--no-discover", "-q"]) == 2
    err = capsys.readouterr().err
    assert "b.txt" in err and "outside" in err and not (tmp_path / "out" / "map.html").exists()


def test_an_unreadable_folder_is_reported_as_such(tmp_path: Path, capsys) -> None:
    story = tmp_path / "story"
    story.mkdir()
    (story / "a.txt").write_text("Kim est à Pyongyang.", encoding="utf-8")
    story.chmod(0)
    try:
        if os.access(story, os.R_OK):
            pytest.skip("running as root: permissions do not bind")
        assert main(["build", str(story), "--out", str(tmp_path / "out"), "-q"]) == 2
        assert "cannot read" in capsys.readouterr().err
    finally:
        story.chmod(0o755)
