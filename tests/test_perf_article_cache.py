"""Per-article results cached by content: a rebuild reads them, and its outputs equal a cold build's."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from geomap.articlecache import keeping
from geomap.articles import split_sentences
from geomap.geocoders import GeoNamesIndex
from geomap.geocoders.airport_index import AirportIndex
from geomap.infer.sequence import Mark, marks
from geomap.mentions import Match, Matcher
from geomap.model import Article
from geomap.pipeline import build

ROOT = Path(__file__).resolve().parent.parent

A = ("Nice crowds greeted the minister on Monday. She then flew to Lyon, where she met the mayor.\n\n"
     "On Tuesday she arrived in Marseille for talks at the port.\n")
B = ("La ministre est arrivée à Toulouse mardi. Elle a ensuite rejoint Bordeaux en train.\n\n"
     "It was a nice day in Bordeaux, said an aide.\n")
OUTPUTS = ("map.html", "journey.geojson", "mentions.csv")


def _story(folder: Path, texts: dict[str, tuple[str, str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    meta = []
    for name, (lang, text) in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
        meta.append(f"{name}:\n  date: 2024-05-0{len(meta) + 1}\n  language: {lang}\n")
    (folder / "articles.yaml").write_text("".join(meta), encoding="utf-8")
    return folder


def _cache(folder: Path) -> Path:
    """An empty cache folder holding only the GeoNames and airports indexes (slow to build)."""
    folder.mkdir()
    geonames = Path(GeoNamesIndex.load().path)
    shutil.copy(geonames, folder)
    for airports in geonames.parent.glob(f"airports-{AirportIndex.load().source_version}-*.sqlite"):
        shutil.copy(airports, folder)
    return folder


def _outputs(story: Path, out: Path, cache: Path) -> dict[str, bytes]:
    build(story, out, cache_dir=cache, gazetteer=None)
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def _records(cache: Path) -> list[Path]:
    return sorted((cache / "articles" / "discover").rglob("*.json"))


def test_a_warm_build_reads_the_records_and_writes_what_a_cold_one_does(tmp_path: Path) -> None:
    story = _story(tmp_path / "story", {"a.txt": ("en", A), "b.txt": ("fr", B)})
    cache = _cache(tmp_path / "cache")
    cold = _outputs(story, tmp_path / "cold", cache)
    records = _records(cache)
    assert len(records) == 2
    assert _outputs(story, tmp_path / "warm", cache) == cold
    # The records are what the warm build used: a name taken out of one is gone from the map.
    for path in records:
        data = json.loads(path.read_text(encoding="utf-8"))
        data["finds"]["found"] = [f for f in data["finds"]["found"] if f[2] != "bordeaux"]
        path.write_text(json.dumps(data), encoding="utf-8")
    planted = _outputs(story, tmp_path / "planted", cache)
    assert b"Bordeaux" in cold["mentions.csv"] and b"Bordeaux" not in planted["mentions.csv"]


def test_a_changed_article_is_read_again(tmp_path: Path) -> None:
    story = _story(tmp_path / "story", {"a.txt": ("en", A), "b.txt": ("fr", B)})
    cache = _cache(tmp_path / "cache")
    _outputs(story, tmp_path / "first", cache)
    (story / "b.txt").write_text(B.replace("Bordeaux", "Montpellier"), encoding="utf-8")
    warm = _outputs(story, tmp_path / "warm", cache)
    assert b"Montpellier" in warm["mentions.csv"] and b"Bordeaux" not in warm["mentions.csv"]
    assert warm == _outputs(story, tmp_path / "cold", _cache(tmp_path / "fresh"))


def test_records_of_a_story_that_grew_give_what_a_cold_build_of_it_gives(tmp_path: Path) -> None:
    # An article's finds depend on words written in lower case elsewhere in the story ("a nice
    # day" makes the sentence-opening "Nice" a common word): adding an article must not leave
    # the others' records answering for a story without it.
    cache = _cache(tmp_path / "cache")
    _outputs(_story(tmp_path / "one", {"a.txt": ("en", A)}), tmp_path / "one-out", cache)
    story = _story(tmp_path / "two", {"a.txt": ("en", A), "b.txt": ("fr", B)})
    warm = _outputs(story, tmp_path / "warm", cache)
    assert warm == _outputs(story, tmp_path / "cold", _cache(tmp_path / "fresh"))


def test_damaged_records_are_rebuilt(tmp_path: Path) -> None:
    story = _story(tmp_path / "story", {"a.txt": ("en", A), "b.txt": ("fr", B)})
    cache = _cache(tmp_path / "cache")
    cold = _outputs(story, tmp_path / "cold", cache)
    damage = [b"\x00garbage", b"[1, 2]", b'{"lower": 3}']
    for path, junk in zip(_records(cache), damage):
        path.write_bytes(junk)
    assert _outputs(story, tmp_path / "again", cache) == cold
    for path in _records(cache):
        assert isinstance(json.loads(path.read_text(encoding="utf-8"))["finds"], dict)


def test_every_cache_follows_cache_dir(tmp_path: Path) -> None:
    # --cache-dir, not $GEOMAP_CACHE_DIR, takes the YAML, basemap and per-article caches too.
    story = _story(tmp_path / "story", {"a.txt": ("en", A)})
    chosen, elsewhere = _cache(tmp_path / "chosen"), tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = dict(os.environ, GEOMAP_CACHE_DIR=str(elsewhere))
    proc = subprocess.run([sys.executable, "-m", "geomap", "build", str(story), "--out", str(tmp_path / "out"),
                           "--cache-dir", str(chosen), "-q"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert list(elsewhere.iterdir()) == []
    made = {p.name for p in chosen.iterdir()}
    assert {"yaml", "articles"} <= made and any(n.startswith("basemap-") for n in made)


def test_time_expressions_are_kept_during_a_build_only(tmp_path: Path) -> None:
    import datetime as dt

    from geomap.articlecache import keeping
    from geomap.timexpr import parse_time_expressions

    text = "On Monday the minister flew on. " * 40 + "She was back home on 12 May 2024."
    args = {"anchor": dt.date(2024, 5, 8), "language": "en"}
    plain = parse_time_expressions(text, **args)
    assert not (tmp_path / "articles").exists()  # outside a build: nothing kept
    with keeping(tmp_path):
        assert parse_time_expressions(text, **args) == plain
        (record,) = (tmp_path / "articles" / "time").rglob("*.json")
        data = json.loads(record.read_text(encoding="utf-8"))
        data["exprs"] = data["exprs"][-1:]
        record.write_text(json.dumps(data), encoding="utf-8")
        assert parse_time_expressions(text, **args) == plain[-1:]  # the record is what a rebuild reads
        record.write_bytes(b"{\"exprs\": [[1, 2]]}")
        assert parse_time_expressions(text, **args) == plain  # a damaged one is parsed again
        assert parse_time_expressions(text, **args) == plain


def test_the_story_time_pass_reads_what_the_build_keeps_and_parses_only_the_rest(tmp_path: Path) -> None:
    import datetime as dt

    from geomap.infer.storytime import story_time
    from geomap.timerecords import kept_time_expressions

    texts = {"en": "On Monday the minister flew on. " * 40 + "She was back home on 12 May 2024.",
             "fr": "Lundi, le ministre est reparti. " * 40 + "Elle était rentrée le 12 mai 2024."}
    articles = [Article(lang, tmp_path / f"{lang}.txt", text, date=dt.date(2024, 5, 8), language=lang)
                for lang, text in texts.items()]
    plain = story_time(articles, 1)
    asked = [{"anchor": a.date, "language": a.language, "default_year": 2024} for a in articles]
    with keeping(tmp_path):
        assert [kept_time_expressions(a.text, **k) for a, k in zip(articles, asked)] == [None, None]
        assert story_time(articles, 2) == plain
        assert [kept_time_expressions(a.text, **k) for a, k in zip(articles, asked)] == plain[2]
        for record in (tmp_path / "articles" / "time").rglob("*.json"):  # what a rebuild reads is the record
            data = json.loads(record.read_text(encoding="utf-8"))
            record.write_text(json.dumps({"exprs": data["exprs"][-1:]}), encoding="utf-8")
        assert story_time(articles, 2)[2] == [exprs[-1:] for exprs in plain[2]]
    assert kept_time_expressions(texts["en"], **asked[0]) is None  # outside a build: nothing kept


def _analysis(w: object) -> tuple:
    return tuple(getattr(w, k) for k in ("words", "capital", "future", "begins", "ends", "verb_end", "place", "time")) + (
        [w.index(i) for i in range(len(w.article.text) + 1)], [w.raw(i) for i in range(len(w.words))])  # type: ignore[attr-defined]


def test_word_analyses_are_kept_during_a_build_only(tmp_path: Path) -> None:
    from geomap.articlecache import keeping
    from geomap.infer.clauses import Words
    from geomap.model import Article, Mention
    from geomap.timexpr import parse_time_expressions

    # Folding changes lengths ("œ" is two letters, a soft hyphen none, space runs one): offsets must hold.
    text = ("Le chef  de l'État est arrivé à Nice lundi ; il visitera le cœur de Lyon et re\u00adpartira "
            "pour Paris. Il a quitté Lyon pour Dijon, a dit un porte-parole.")
    a = Article("a", tmp_path / "a.txt", text, language="fr")
    start = text.index("Lyon")
    ments = [Mention("a", 0, start, start + 4, "Lyon", "lyon", "lyon")]
    exprs = parse_time_expressions(text, anchor=None, language="fr")
    plain = _analysis(Words(a, ments, exprs))
    assert not (tmp_path / "articles").exists()  # outside a build: nothing kept
    with keeping(tmp_path):
        assert _analysis(Words(a, ments, exprs)) == plain
        assert _analysis(Words(a, ments, exprs)) == plain  # read back from its record
        (record,) = (tmp_path / "articles" / "words").rglob("*.json")
        data = json.loads(record.read_text(encoding="utf-8"))
        data["verbs"] = []
        record.write_text(json.dumps(data), encoding="utf-8")
        assert not any(Words(a, ments, exprs).verb_end)  # the record is what a rebuild reads
        record.write_bytes(b"{\"words\": [1]}")
        assert _analysis(Words(a, ments, exprs)) == plain  # a damaged one is computed again
        assert _analysis(Words(a, ments, exprs)) == plain


def test_travel_cues_of_unplaced_names_are_kept_during_a_build_only(tmp_path: Path) -> None:
    from geomap.articlecache import keeping
    from geomap.articles import load_articles
    from geomap.unplaced import find_unplaced

    story = _story(tmp_path / "story", {"a.txt": ("en", "On Monday the minister flew to Brelvanto. She met the mayor.\n")})
    articles = load_articles(story)
    plain = find_unplaced(articles, [], {})
    assert [u.name for u in plain] == ["Brelvanto"]
    with keeping(tmp_path / "cache"):
        assert find_unplaced(articles, [], {}) == plain
        assert find_unplaced(articles, [], {}) == plain  # read back from its record
        (record,) = (tmp_path / "cache" / "articles" / "cues").rglob("*.json")
        record.write_text(json.dumps({"cues": []}), encoding="utf-8")
        assert find_unplaced(articles, [], {}) == []  # the record is what a rebuild reads
        record.write_bytes(b"{\"cues\": [[1]]}")
        assert find_unplaced(articles, [], {}) == plain  # a damaged one is computed again


def test_kind_hints_are_kept_during_a_build_only(tmp_path: Path) -> None:
    from geomap.articlecache import keeping
    from geomap.discover import kind_hint, kind_hints
    from geomap.model import Article, Mention

    text = "Le train a quitté la gare de Brelvanto pour Sorvelle, puis l'aéroport de Brelvanto."
    a = Article("a", tmp_path / "a.txt", text, language="fr")
    ments = [Mention("a", 0, i, i + len(name), name, None) for name in ("Brelvanto", "Sorvelle")
             for i in [m.start() for m in re.finditer(name, text)]]
    plain = [kind_hint(a, m.start, m.end) for m in ments]
    assert plain[0] == "station" and plain[1] != plain[0]
    assert kind_hints(ments, {"a": a}) == plain
    with keeping(tmp_path):
        assert kind_hints(ments, {"a": a}) == plain
        assert kind_hints(ments, {"a": a}) == plain  # read back from its record
        (record,) = (tmp_path / "articles" / "hints").rglob("*.json")
        record.write_text(json.dumps({"hints": ["port"] * len(ments)}), encoding="utf-8")
        assert kind_hints(ments, {"a": a}) == ["port"] * len(ments)  # the record is what a rebuild reads
        record.write_text(json.dumps({"hints": ["port"]}), encoding="utf-8")
        assert kind_hints(ments, {"a": a}) == plain  # a record of other spans is computed again


def test_kind_hints_worked_out_by_processes_are_the_serial_ones_and_kept(tmp_path: Path) -> None:
    from geomap.articlecache import keeping
    from geomap.discover import kind_hint, kind_hints
    from geomap.model import Article, Mention

    cues = ("la gare de", "l'aéroport de", "le port de", "la ville de")
    articles = {f"a{k}": Article(f"a{k}", tmp_path / f"a{k}.txt",
                                 f"Le convoi a quitté {cues[k % 4]} Brelvanto{k} pour Sorvelle.", language="fr")
                for k in range(30)}  # enough articles for a pool of processes
    ments = [Mention(a.id, 0, a.text.index(name), a.text.index(name) + len(name), name, None)
             for a in articles.values() for name in (a.text.split()[-3], "Sorvelle")]
    plain = [kind_hint(articles[m.article_id], m.start, m.end) for m in ments]
    assert len(set(plain)) > 2
    with keeping(tmp_path):
        assert kind_hints(ments, articles, jobs=2) == plain
        assert len(list((tmp_path / "articles" / "hints").rglob("*.json"))) == 30  # kept by the processes
        assert kind_hints(ments, articles, jobs=2) == plain  # read back


def test_cache_records_are_written_without_fsync_and_an_empty_one_is_computed_again(tmp_path: Path, monkeypatch) -> None:
    from geomap.articlecache import keeping, remembered
    from geomap.atomicio import atomic_write_bytes

    synced: list[int] = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real(fd))[1])
    atomic_write_bytes(tmp_path / "output.txt", b"kept")
    assert len(synced) == 1  # outputs stay durable
    with keeping(tmp_path / "cache"):
        assert remembered("t", "text", "", lambda: {"n": 1}, lambda r: r["n"]) == 1
        assert len(synced) == 1  # a record is not: a crash costs the next build its work only
        (record,) = (tmp_path / "cache" / "articles" / "t").rglob("*.json")
        assert remembered("t", "text", "", lambda: {"n": 2}, lambda r: r["n"]) == 1
        record.write_bytes(b"")  # what a crash before the data reached the disk may leave
        assert remembered("t", "text", "", lambda: {"n": 3}, lambda r: r["n"]) == 3


def _article(text: str, language: str) -> Article:
    return Article(id="a", path=Path("a.txt"), text=text, date=None, language=language, title=None,
                   sentences=split_sentences(text))


def _record(cache: Path, kind: str) -> Path:
    records = list((cache / "articles" / kind).rglob("*.json"))
    assert len(records) == 1
    return records[0]


def test_sequence_cues_are_read_from_the_record(tmp_path: Path) -> None:
    a = _article("N arrived in Dalm on Monday, then flew back to Avel. The final stop was Corin, the mayor said.", "en")
    spans = [(0, a.text.index(n), a.text.index(n) + len(n)) for n in ("Dalm", "Avel", "Corin")]
    told = {(0, spans[1][1]): Mark(back=True), (0, spans[2][1]): Mark(rank=1000)}
    with keeping(tmp_path):
        assert marks([a], spans) == told
        assert marks([a], spans) == told  # read back
        path = _record(tmp_path, "marks")
        data = json.loads(path.read_text(encoding="utf-8"))
        data["cues"] = [c for c in data["cues"] if c[1] != "back"]  # what the record says is what is read
        path.write_text(json.dumps(data), encoding="utf-8")
        assert marks([a], spans) == {(0, spans[2][1]): Mark(rank=1000)}


def test_gazetteer_matches_are_kept_per_article_and_set_of_names(tmp_path: Path) -> None:
    text = "Le convoi a quitté Avel pour Dalm, puis Avel-sur-Mer."
    first = Matcher([("Avel", "avel"), ("Dalm", "dalm")])
    with keeping(tmp_path):
        found = first.scan(text)
        assert [(m.key, m.ids) for m in found] == [("avel", ("avel",)), ("dalm", ("dalm",))]
        assert first.scan(text) == found
        path = _record(tmp_path, "matches")
        path.write_text(json.dumps({"matches": [[0, 2, "le", "planted"]]}), encoding="utf-8")
        assert first.scan(text) == [Match(0, 2, "le", ("planted",))]  # the record is what is read
        # Other names (or the same names for other places) are another record.
        assert [m.ids for m in Matcher([("Avel", "avel-2"), ("Dalm", "dalm")]).scan(text)] == [("avel-2",), ("dalm",)]
        assert Matcher([("Avel", "avel"), ("Dalm", "dalm")]).scan(text) == [Match(0, 2, "le", ("planted",))]
    assert Matcher([("Avel", "avel"), ("Dalm", "dalm")]).scan(text) == found  # outside a build: none kept
