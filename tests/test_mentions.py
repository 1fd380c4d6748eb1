"""Matcher and find_mentions: spans, word boundaries, elision, longest match, the seed articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from geomap.articles import load_articles
from geomap.mentions import Matcher, find_mentions
from geomap.model import Article

# A small hand-made gazetteer: (name or alias, place id).
ENTRIES = [
    ("Vostotchny", "vostochny"),
    ("cosmodrome de Vostotchny", "vostochny"),
    ("Vostochny Cosmodrome", "vostochny"),
    ("Artiom-Primorsky-1", "artyom-station"),
    ("Artiom", "artyom"),
    ("Extrême-Orient russe", "far-east"),
    ("Extrême-Orient", "far-east"),
    ("Moscou", "moscow"),
    ("Khassan", "khasan"),
    ("Хасан", "khasan"),
    ("Vladivostok", "vladivostok"),
    ("Pyongyang", "pyongyang"),
    ("Corée du Nord", "kp"),
    ("Nord", "nord-dept"),
    ("Un", "un-village"),  # a place called "Un" must not match inside "Jong-un" or "Unis"
    ("Russie", "ru"),
    ("Kniévitchi", "knevichi"),
    ("Côte d'Ivoire", "ci"),
    ("Ivoire", "ivoire-town"),
    ("Springfield", "springfield-il"),
    ("Springfield", "springfield-ma"),
]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(ENTRIES)


def found(matcher: Matcher, text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(text[m.start : m.end], m.ids) for m in matcher.scan(text)]


def surfaces(matcher: Matcher, text: str) -> list[str]:
    return [s for s, _ in found(matcher, text)]


def test_longest_alias_wins(matcher: Matcher) -> None:
    text = "au cosmodrome de Vostotchny, dans l’est"
    assert found(matcher, text) == [("cosmodrome de Vostotchny", ("vostochny",))]


def test_leftmost_longest_without_overlap(matcher: Matcher) -> None:
    assert surfaces(matcher, "la Corée du Nord et le Nord") == ["Corée du Nord", "Nord"]
    assert surfaces(matcher, "l’Extrême-Orient russe.") == ["Extrême-Orient russe"]


def test_word_boundaries(matcher: Matcher) -> None:
    assert surfaces(matcher, "Kim Jong-un et les États-Unis, les Nations unies") == []
    assert surfaces(matcher, "Moscoutaire Vladivostoks aMoscou") == []
    assert surfaces(matcher, "Artiom-Primorsky-12") == []
    # A hyphen joins words, so a name is not matched inside a hyphenated word either.
    assert surfaces(matcher, "Nord-Coréens et pro-Moscou") == []


def test_dashes_with_spaces_separate_words(matcher: Matcher) -> None:
    assert surfaces(matcher, "Moscou – Vladivostok—Pyongyang") == ["Moscou", "Vladivostok", "Pyongyang"]


def test_hyphen_spelling_is_free(matcher: Matcher) -> None:
    for text in ["Artiom-Primorsky-1", "Artiom Primorsky 1", "ARTIOM‑PRIMORSKY‑1", "artiom  primorsky-1"]:
        assert found(matcher, text) == [(text, ("artyom-station",))]


def test_case_and_accent_insensitive(matcher: Matcher) -> None:
    assert surfaces(matcher, "KNIÉVITCHI, knievitchi, Kniévitchi") == ["KNIÉVITCHI", "knievitchi", "Kniévitchi"]
    assert surfaces(matcher, "EXTREME-ORIENT") == ["EXTREME-ORIENT"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("la gare d’Artiom-Primorsky-1,", "Artiom-Primorsky-1"),
        ("la gare d'Artiom-Primorsky-1,", "Artiom-Primorsky-1"),
        ("a quitté l’Extrême-Orient", "Extrême-Orient"),
        ("jusqu’à Moscou", "Moscou"),
        ("lorsqu'Artiom", "Artiom"),
        ("D’ARTIOM", "ARTIOM"),
    ],
)
def test_elided_article_is_not_part_of_the_mention(matcher: Matcher, text: str, expected: str) -> None:
    assert surfaces(matcher, text) == [expected]


def test_apostrophe_inside_a_name_and_after_other_words(matcher: Matcher) -> None:
    # The name itself contains an apostrophe: both styles match it whole.
    assert surfaces(matcher, "en Côte d’Ivoire") == ["Côte d’Ivoire"]
    assert surfaces(matcher, "en cote d'ivoire") == ["cote d'ivoire"]
    # Not an elision: "O'" and "aujourd'" glue the name into a longer word.
    assert surfaces(matcher, "O'Moscou aujourd'Artiom") == []
    # An apostrophe used as a quotation mark, and an English possessive, are fine.
    assert surfaces(matcher, "'Moscou' and Moscou's") == ["Moscou", "Moscou"]


def test_cyrillic_alias(matcher: Matcher) -> None:
    assert found(matcher, "станция ХАСАН и Хасанский") == [("ХАСАН", ("khasan",))]


def test_ambiguous_alias_keeps_every_id(matcher: Matcher) -> None:
    assert found(matcher, "Springfield") == [("Springfield", ("springfield-il", "springfield-ma"))]
    assert matcher.lookup("SPRINGFIELD") == ("springfield-il", "springfield-ma")
    assert matcher.lookup("Atlantis") == ()


def test_spans_are_original_offsets_and_keys_are_folded(matcher: Matcher) -> None:
    text = "Le cœur\u00a0: l’Extrême\u2011Orient russe"
    (match,) = matcher.scan(text)
    assert text[match.start : match.end] == "Extrême\u2011Orient russe"
    assert match.key == "extreme orient russe"


def test_ligature_name_matches_both_spellings() -> None:
    m = Matcher([("Œta", "oeta")])
    assert [(t[x.start : x.end]) for t in ["le mont Œta", "le mont OETA"] for x in m.scan(t)] == ["Œta", "OETA"]


def test_entries_deduplicate_and_skip_punctuation_keys() -> None:
    m = Matcher([("Moscou", "msk"), ("MOSCOU", "msk"), ("-", "dash"), ("", "empty"), ("  ", "blank")])
    assert len(m) == 1
    assert m.lookup("moscou") == ("msk",)
    assert m.scan("- Moscou -") and all(x.ids == ("msk",) for x in m.scan("- Moscou -"))


def test_empty_matcher_finds_nothing() -> None:
    assert Matcher([]).scan("Moscou") == []


def test_find_mentions_on_seeds(matcher: Matcher, seeds_dir: Path) -> None:
    articles = load_articles([seeds_dir])
    mentions = find_mentions(articles, matcher)
    by_article = {a.id: a for a in articles}
    order = [a.id for a in articles]
    assert [(order.index(m.article_id), m.start) for m in mentions] == sorted(
        (order.index(m.article_id), m.start) for m in mentions
    )
    for m in mentions:
        article = by_article[m.article_id]
        assert m.surface == article.text[m.start : m.end]
        sentence = article.sentences[m.sentence]
        assert sentence.start <= m.start and m.end <= sentence.end
    keyed = {(m.article_id[:3], m.surface, m.place_id) for m in mentions}
    assert ("002", "cosmodrome russe de Vostotchny", "vostochny") not in keyed  # not an alias
    assert ("002", "Vostotchny", "vostochny") in keyed
    assert ("004", "cosmodrome de Vostotchny", "vostochny") in keyed
    assert ("004", "Artiom-Primorsky-1", "artyom-station") in keyed
    assert ("004", "Extrême-Orient russe", "far-east") in keyed
    assert ("004", "Khassan", "khasan") in keyed
    assert ("004", "Kniévitchi", "knevichi") in keyed
    # "Kim Jong-un" never yields the place "Un"; "Kim Jong Un" (no hyphen) is two words and does.
    un = [m for m in mentions if m.place_id == "un-village"]
    # (The French article "un" matches too, as in "qu’un commandant": a real gazetteer has no "Un".)
    before = {by_article[m.article_id].text[m.start - 5 : m.start] for m in un}
    assert "Jong " in before
    assert not any(b.endswith("-") for b in before)


def test_find_mentions_ambiguous_has_no_place_id(matcher: Matcher, tmp_path: Path) -> None:
    article = Article(id="x", path=tmp_path / "x.txt", text="Première phrase. Puis Springfield.")
    (mention,) = find_mentions([article], matcher)
    # No sentences given: they are computed, so the index is still right.
    assert (mention.place_id, mention.sentence, mention.surface, mention.key) == (
        None,
        1,
        "Springfield",
        "springfield",
    )


def test_reference_names_that_are_function_words_stay_out() -> None:
    entries = [("La", "los-angeles"), ("En", "en-village"), ("Paris", "paris"), ("A", "a-town")]
    text = "La visite en France a conduit le président à Paris."
    curated = Matcher(entries)
    reference = Matcher(entries, reference=True)
    assert {m.key for m in curated.scan(text)} >= {"la", "en", "paris"}
    assert [m.key for m in reference.scan(text)] == ["paris"]
    assert len(reference) == 1
