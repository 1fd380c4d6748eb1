"""NER results are cached per article text and model version: a second build never loads spaCy."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from geomap.discover import ner_available
from geomap.discover.ner import APART_TEXTS, _ner_spans, _read_cached, ner_cache_file
from geomap.model import Article

ROOT = Path(__file__).resolve().parent.parent

TEXT = "Le train blindé est arrivé à Khassan, puis Kim a rejoint Vladivostok et Komsomolsk-sur-l'Amour."

CHILD = (
    "import json, sys\n"
    "from pathlib import Path\n"
    "from geomap.articles import split_sentences\n"
    "from geomap.discover import discover_mentions\n"
    "from geomap.geocoders import GeoNamesIndex\n"
    "from geomap.model import Article\n"
    "texts = [sys.argv[2] + (f' ({k})' if k else '') for k in range(int(sys.argv[3]))]\n"
    "arts = [Article(id=f'a{k}', path=Path(f'a{k}.txt'), text=t, language='fr', sentences=tuple(split_sentences(t)))\n"
    "        for k, t in enumerate(texts)]\n"
    "found = discover_mentions(arts, [], GeoNamesIndex.load(), use_ner=True, cache_dir=Path(sys.argv[1]), jobs=2)\n"
    "print(json.dumps({'spacy': 'spacy' in sys.modules, 'found': sorted({m.surface for m in found})}))\n"
)


def run_child(cache_dir: Path, text: str, articles: int = 1) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(cache_dir), text, str(articles)], cwd=ROOT, capture_output=True, text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.splitlines()[-1])


@pytest.mark.skipif(not ner_available(), reason="spaCy French model not installed")
def test_a_second_run_reads_the_cache_and_many_texts_are_parsed_in_another_process(tmp_path: Path) -> None:
    cold = run_child(tmp_path, TEXT)
    assert cold["spacy"] is True  # a few texts: parsed here, the model kept for this process's next builds
    assert len(list((tmp_path / "ner").glob("*.json"))) == 1
    warm = run_child(tmp_path, TEXT)
    assert warm == {"spacy": False, "found": cold["found"]}
    # Other texts are misses, parsed, not answered from another article's entry. Many of them: in
    # another process, so that the build's own never holds spaCy (~180 MiB) for its later steps.
    other = run_child(tmp_path, TEXT.replace("Khassan", "Oussouriisk"), APART_TEXTS)
    assert other["spacy"] is False
    assert "Oussouriisk" in other["found"]  # NER's find, from the other process: GeoNames lacks this spelling
    assert len(list((tmp_path / "ner").glob("*.json"))) == 1 + APART_TEXTS


def test_cached_entities_are_used_as_stored(tmp_path: Path) -> None:
    # A planted cache entry stands for the model's answer: no model is needed to read it.
    article = Article(id="a", path=Path("a.txt"), text="Il est allé à Zyx.", language="fr")
    path = ner_cache_file(tmp_path, article.text)
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps([[14, 17, "LOC"]]), encoding="utf-8")
    assert _ner_spans([article], [True], tmp_path) == {0: [(14, 17, "LOC")]}


@pytest.mark.parametrize("content", ["not json", "{}", "[[1, 2]]", '[["a", 2, "LOC"]]', "[[1, 2, 3]]", "[[true, 2, \"LOC\"]]"])
def test_unreadable_cache_entries_are_misses(tmp_path: Path, content: str) -> None:
    path = tmp_path / "x.json"
    path.write_text(content, encoding="utf-8")
    assert _read_cached(path) is None
    assert _read_cached(tmp_path / "missing.json") is None


def test_cache_key_depends_on_the_text(tmp_path: Path) -> None:
    assert ner_cache_file(tmp_path, "à Kyiv") != ner_cache_file(tmp_path, "à Kiev")
    assert ner_cache_file(tmp_path, "à Kyiv") == ner_cache_file(tmp_path, "à Kyiv")
    assert ner_cache_file(tmp_path, "x").parent == tmp_path / "ner"


# --------------------------------------------------------------------------- long texts


def test_long_texts_are_cut_in_pieces_at_paragraph_ends() -> None:
    from geomap.discover.ner import chunks

    text = "".join(f"Paragraphe {i} à Vladivostok.\n\n" for i in range(500))
    pieces = chunks(text, 1000)
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= 1000 and text[o:o + len(p)] == p for o, p in pieces)
    assert all(p.endswith("\n\n") for _, p in pieces[:-1])
    assert chunks("court", 1000) == [(0, "court")]
    assert "".join(p for _, p in chunks("x" * 2500, 1000)) == "x" * 2500  # no break anywhere: hard cuts


@pytest.mark.skipif(not ner_available(), reason="spaCy French model not installed")
def test_entities_of_a_text_parsed_in_pieces_keep_their_offsets(monkeypatch: pytest.MonkeyPatch) -> None:
    import geomap.discover.ner as ner

    text = "\n\n".join([TEXT] * 40)
    monkeypatch.setattr(ner, "NER_CHUNK", 500)  # a small piece size stands in for spaCy's 1,000,000
    article = Article(id="a", path=Path("a.txt"), text=text, language="fr")
    spans = _ner_spans([article], [True])[0]
    assert spans and all(text[s:e] in TEXT for s, e, _ in spans)
    assert sum(text[s:e] == "Vladivostok" for s, e, _ in spans) == 40  # found in every piece, at the right place



# --------------------------------------------------------------------------- what runs


@pytest.mark.skipif(not ner_available(), reason="spaCy French model not installed")
@pytest.mark.parametrize("story", ["kim-hanoi-2019", "charles-germany-2023-b"])
def test_ner_runs_alone_and_finds_what_the_model_with_its_shared_tok2vec_finds(story: str) -> None:
    # The small model's NER embeds its own tok2vec; the shared one only fed the tagger and parser:
    # running it too doubled NER's time for the same entities.
    import spacy

    from geomap.articles import load_articles
    from geomap.discover.ner import _NER_MODEL, _load_ner

    nlp = _load_ner()
    assert nlp.pipe_names == ["ner"]
    names = spacy.info(_NER_MODEL)["pipeline"]
    whole = spacy.load(_NER_MODEL, exclude=[n for n in names if n not in {"tok2vec", "ner"}])
    texts = [a.text for a in load_articles(ROOT / "tests" / "data" / "stories" / story) if a.language == "fr"]
    assert texts

    def ents(doc: object) -> list[tuple[int, int, str]]:
        return [(e.start_char, e.end_char, e.label_) for e in doc.ents]  # type: ignore[attr-defined]

    assert all(ents(nlp(t)) == ents(whole(t)) for t in texts)
    assert any(ents(nlp(t)) for t in texts)


@pytest.mark.skipif(not ner_available(), reason="spaCy French model not installed")
@pytest.mark.parametrize("story", ["kim-hanoi-2019", "charles-germany-2023-b"])
def test_ner_multiplies_with_numpy_and_finds_what_thinc_blis_finds(story: str) -> None:
    # thinc's default gemm (blis) made NER's tok2vec ~4x slower than numpy's OpenBLAS on one thread.
    import spacy

    from geomap.articles import load_articles
    from geomap.discover.ner import _NER_MODEL, _load_ner
    from geomap.parallel import one_native_thread

    def ents(doc: object) -> list[tuple[int, int, str]]:
        return [(e.start_char, e.end_char, e.label_) for e in doc.ents]  # type: ignore[attr-defined]

    nlp = _load_ner()
    assert not any(layer.ops.use_blis for layer in nlp.get_pipe("ner").model.get_ref("tok2vec").walk())
    names = spacy.info(_NER_MODEL)["pipeline"]
    blis = spacy.load(_NER_MODEL, exclude=[n for n in names if n != "ner"])  # thinc's default ops
    assert all(layer.ops.use_blis for layer in blis.get_pipe("ner").model.get_ref("tok2vec").walk())
    texts = [a.text for a in load_articles(ROOT / "tests" / "data" / "stories" / story) if a.language == "fr"]
    with one_native_thread():
        assert all(ents(nlp(t)) == ents(blis(t)) for t in texts)
    assert any(ents(nlp(t)) for t in texts)
