"""Property tests: folding offsets, matcher spans and article loading on arbitrary input."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap.articles import load_articles, split_sentences
from geomap.errors import ArticleError
from geomap.mentions import Matcher
from geomap.textnorm import fold, fold_key

# Characters that exercise every folding rule, mixed with arbitrary Unicode.
TRICKY = "aAéÉe\u0301œŒßæ'’‘ʼ´`«»“”„-‐‑–—― \u00a0\u202f\t\n\u00ad\u200bХасан서울ﬁ½İ1."
texts = st.text(alphabet=st.one_of(st.sampled_from(TRICKY), st.characters()), max_size=60)
names = st.text(alphabet=st.sampled_from("abcéœ'’-– Хa1"), min_size=1, max_size=8)


def unit_boundaries(offsets: tuple[int, ...]) -> list[int]:
    """Folded indices that do not cut one original character's expansion in two."""
    return [j for j in range(len(offsets)) if j == 0 or offsets[j] != offsets[j - 1]]


@given(texts)
def test_fold_offsets_map_into_the_original(text: str) -> None:
    folded = fold(text)
    assert len(folded.offsets) == len(folded.text) + 1
    assert folded.offsets[-1] == len(text)
    assert all(0 <= o <= len(text) for o in folded.offsets)
    assert list(folded.offsets) == sorted(folded.offsets)
    assert "  " not in folded.text


@given(texts, st.data())
def test_fold_spans_round_trip(text: str, data: st.DataObject) -> None:
    folded = fold(text)
    bounds = unit_boundaries(folded.offsets)
    s = data.draw(st.sampled_from(bounds))
    e = data.draw(st.sampled_from([b for b in bounds if b >= s]))
    a, b = folded.span(s, e)
    assert fold(text[a:b]).text == folded.text[s:e]


@given(texts)
def test_fold_is_idempotent_and_fold_key_agrees(text: str) -> None:
    once = fold(text).text
    assert fold(once).text == once
    assert fold_key(text) == once.strip()


@given(st.lists(st.tuples(names, st.sampled_from(["p1", "p2", "p3"])), max_size=8), texts)
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_matcher_spans_fold_to_their_key(entries: list[tuple[str, str]], text: str) -> None:
    matcher = Matcher(entries)
    matches = matcher.scan(text)
    previous_end = 0
    for m in matches:
        assert previous_end <= m.start < m.end <= len(text)
        previous_end = m.end
        assert fold_key(text[m.start : m.end]) == m.key
        assert set(m.ids) <= {pid for _, pid in entries}


@given(st.lists(st.tuples(names, st.just("p")), min_size=1, max_size=5), st.data())
def test_matcher_finds_a_name_set_apart_by_spaces(entries: list[tuple[str, str]], data: st.DataObject) -> None:
    name = data.draw(st.sampled_from([n for n, _ in entries]))
    key = fold_key(name)
    if not any(c.isalnum() for c in key):
        return
    text = f"xyz {name} xyz"
    matches = Matcher(entries).scan(text)
    # Some match overlaps the name (a longer alias may swallow it, but never nothing).
    assert any(m.start < 4 + len(name) and m.end > 4 for m in matches)


def load_bytes(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.txt"
        path.write_bytes(data)
        try:
            articles = load_articles([path])
        except ArticleError as err:
            assert "\n" not in str(err)
            return
        (article,) = articles
        assert "\r" not in article.text and "\x00" not in article.text
        assert article.sentences == split_sentences(article.text)


@given(st.binary(max_size=200))
def test_load_arbitrary_bytes(data: bytes) -> None:
    load_bytes(data)


@given(st.text(max_size=200))
def test_load_arbitrary_text(text: str) -> None:
    load_bytes(text.encode("utf-8", "surrogatepass"))


yaml_ish = st.text(alphabet=st.sampled_from("abdtile:-'\"[]{}&*!|>#% 0123456789\n\t"), max_size=80)


@given(yaml_ish, st.sampled_from(["---\n", "...\n", "", "---"]))
def test_front_matter_fuzz(block: str, closing: str) -> None:
    load_bytes(f"---\n{block}\n{closing}Texte de l'article.\n".encode())


@given(yaml_ish)
def test_articles_yaml_fuzz(block: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "a.txt").write_text("Texte.", encoding="utf-8")
        (Path(tmp) / "articles.yaml").write_text(block, encoding="utf-8")
        try:
            load_articles([tmp])
        except ArticleError as err:
            assert "\n" not in str(err)


@given(texts)
def test_sentences_cover_non_blank_text(text: str) -> None:
    covered: set[int] = set()
    last = 0
    for i, s in enumerate(split_sentences(text)):
        assert s.index == i and last <= s.start < s.end
        assert not text[s.start].isspace() and not text[s.end - 1].isspace()
        covered.update(range(s.start, s.end))
        last = s.end
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


def test_no_property_test_is_timed() -> None:
    # Under load the 200 ms default deadline failed these tests for nothing but a busy machine.
    assert settings().deadline is None
