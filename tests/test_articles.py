"""Article loading (encodings, metadata, errors), sentence splitting and language guessing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from geomap.articles import guess_language, load_articles, split_sentences
from geomap.errors import ArticleError


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def sentences_of(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


# --- the seeds ---------------------------------------------------------------------------------


def test_seeds_load_in_name_order_with_metadata(seeds_dir: Path) -> None:
    articles = load_articles([seeds_dir])
    assert [a.id[:3] for a in articles] == ["000", "001", "002", "003", "004"]
    by_prefix = {a.id[:3]: a for a in articles}
    assert by_prefix["001"].date == dt.date(2023, 9, 12)
    assert by_prefix["002"].date == dt.date(2023, 9, 13)
    assert by_prefix["000"].date is None  # "unknown" in articles.yaml
    assert by_prefix["004"].source == "AFP"
    assert all(a.title is None and a.url is None for a in articles)
    assert all(a.language == "fr" and a.warnings == () for a in articles)


def test_seed_text_is_the_file_text(seeds_dir: Path) -> None:
    article = load_articles([seeds_dir / "004_dae3dd2aefba3372.txt"])[0]
    assert article.text == (seeds_dir / "004_dae3dd2aefba3372.txt").read_text(encoding="utf-8")
    assert article.sentence_text(len(article.sentences) - 1) == "Via AFP"


def test_seed_languages_are_guessed_french_without_metadata(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        assert guess_language(path.read_text(encoding="utf-8")) == "fr"


def test_seed_sentences_cover_all_text(seeds_dir: Path) -> None:
    for article in load_articles([seeds_dir]):
        covered = set()
        for i, s in enumerate(article.sentences):
            assert s.index == i
            piece = article.text[s.start : s.end]
            assert piece == piece.strip() and piece
            covered.update(range(s.start, s.end))
        assert all(i in covered for i, ch in enumerate(article.text) if not ch.isspace())


def test_seed_quote_split_inside_guillemets(seeds_dir: Path) -> None:
    article = load_articles([seeds_dir / "002_f0eadd47b8ac161f.txt"])[0]
    texts = [article.sentence_text(s.index) for s in article.sentences]
    assert "« Je suis très content de vous voir." in texts
    assert "Alors, quel est le but de cette visite en Russie?" in sentences_of(
        (seeds_dir / "003_2eb1e7d9a89365bc.txt").read_text(encoding="utf-8")
    )


# --- sentences ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kim Jong-un. Il part.", ["Kim Jong-un.", "Il part."]),
        ("M. Poutine est là. Mme Kim aussi.", ["M. Poutine est là.", "Mme Kim aussi."]),
        ("Dr. Smith met Mr. Jones. Then left.", ["Dr. Smith met Mr. Jones.", "Then left."]),
        ("The U.S. Navy sailed. It rained.", ["The U.S. Navy sailed.", "It rained."]),
        ("J. R. R. Tolkien wrote. Yes!", ["J. R. R. Tolkien wrote.", "Yes!"]),
        ("Il a payé 3.5 millions. Puis 2,5.", ["Il a payé 3.5 millions.", "Puis 2,5."]),
        ("Des fusils, etc. et des drones.", ["Des fusils, etc. et des drones."]),
        ("Quoi ? Il part… Vraiment ?! Oui.", ["Quoi ?", "Il part…", "Vraiment ?!", "Oui."]),
        ("Il dit « Non. » Puis il part.", ["Il dit « Non. »", "Puis il part."]),
        ("« C’est fini. » « Oui. »", ["« C’est fini. »", "« Oui. »"]),
        ("En 2019. 2020 fut pire.", ["En 2019.", "2020 fut pire."]),
        ("Au st. Laurent.", ["Au st. Laurent."]),
        ("Titre sans point\nCorps du texte. Suite.", ["Titre sans point", "Corps du texte.", "Suite."]),
        ("  Un.  \n\n\n  Deux  ", ["Un.", "Deux"]),
        ("", []),
        (" \n\t ", []),
        ("fin. pas de majuscule", ["fin. pas de majuscule"]),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert sentences_of(text) == expected


# --- language ----------------------------------------------------------------------------------


def test_guess_language() -> None:
    assert guess_language("Le train est arrivé dans la ville avec les dirigeants.") == "fr"
    assert guess_language("The train arrived in the city with the leaders of the party.") == "en"
    assert guess_language("Vladivostok") is None
    assert guess_language("") is None
    # As many French as English stop words: unclear.
    assert guess_language("le la les the of and") is None


# --- loading: paths ----------------------------------------------------------------------------


def test_missing_path_is_an_article_error(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="no such file or folder") as info:
        load_articles([tmp_path / "nope"])
    assert str(tmp_path / "nope") in str(info.value)


def test_folder_without_articles_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "notes.pdf", "%PDF-1.7")
    write(tmp_path / "articles.yaml", "")
    write(tmp_path / "sub" / "a.txt", "Nested articles are not read.")
    with pytest.raises(ArticleError, match="folder has no articles"):
        load_articles([tmp_path])


def test_no_paths_is_an_error() -> None:
    with pytest.raises(ArticleError):
        load_articles([])


def test_folder_order_and_single_path(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "Deux.")
    write(tmp_path / "a.txt", "Un.")
    write(tmp_path / "c.pdf", "ignored")
    write(tmp_path / "~$d.docx", "an open Word document's lock file")
    assert [a.id for a in load_articles(tmp_path)] == ["a", "b"]
    assert [a.id for a in load_articles([tmp_path / "b.txt", tmp_path / "a.txt"])] == ["b", "a"]


def test_duplicate_ids_are_an_error(tmp_path: Path) -> None:
    write(tmp_path / "x" / "same.txt", "Un.")
    write(tmp_path / "y" / "same.txt", "Deux.")
    with pytest.raises(ArticleError, match="same"):
        load_articles([tmp_path / "x", tmp_path / "y"])


# --- loading: bytes ----------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"   \n\r\n\t", "\ufeff\n".encode()])
def test_empty_file_is_an_error(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path / "a.txt", data)
    with pytest.raises(ArticleError, match="empty") as info:
        load_articles([path])
    assert str(path) in str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
        b"%PDF-1.7\n...",
        b"\x00\x01\x02\x03" * 100 + b"some text",
        "Bonjour tout le monde".encode("utf-16-le"),  # UTF-16 without a BOM: half NULs
    ],
)
def test_binary_file_is_an_error(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(ArticleError, match="not a text file"):
        load_articles([write(tmp_path / "a.txt", data)])


def test_cp1252_is_decoded_with_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Kim est à Séoul – “déjà”.".encode("cp1252"))
    (article,) = load_articles([path])
    assert article.text == "Kim est à Séoul – “déjà”."
    assert any("cp1252" in w for w in article.warnings)


def test_latin1_fallback_when_not_cp1252(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", b"Caf\xe9 \x81 ici.")
    (article,) = load_articles([path])
    assert article.text.startswith("Café")
    assert any("latin-1" in w for w in article.warnings)


def test_bom_crlf_and_nul_are_normalised(tmp_path: Path) -> None:
    raw = "\ufeffPremière ligne.\r\nDeuxième\x00 ligne.\rTroisième.".encode()
    (article,) = load_articles([write(tmp_path / "a.txt", raw)])
    assert article.text == "Première ligne.\nDeuxième ligne.\nTroisième."
    assert [article.sentence_text(s.index) for s in article.sentences] == [
        "Première ligne.",
        "Deuxième ligne.",
        "Troisième.",
    ]
    assert len(article.warnings) == 1 and "NUL" in article.warnings[0]


def test_utf16_with_bom_is_decoded_with_a_warning(tmp_path: Path) -> None:
    (article,) = load_articles([write(tmp_path / "a.txt", "Séoul.".encode("utf-16"))])
    assert article.text == "Séoul."
    assert any("UTF-16" in w for w in article.warnings)


def test_decomposed_accents_are_composed(tmp_path: Path) -> None:
    (article,) = load_articles([write(tmp_path / "a.txt", "Se\u0301oul.")])
    assert article.text == "Séoul."


# --- loading: front matter ---------------------------------------------------------------------


def test_front_matter_sets_metadata_and_is_not_in_the_body(tmp_path: Path) -> None:
    text = (
        "---\ntitle: Le train\ndate: 2023-09-13\nsource: AFP\nurl: https://example.org/a\n"
        "language: fr\n---\nKim est arrivé.\n"
    )
    (article,) = load_articles([write(tmp_path / "a.txt", text)])
    assert (article.title, article.date, article.source, article.url, article.language) == (
        "Le train",
        dt.date(2023, 9, 13),
        "AFP",
        "https://example.org/a",
        "fr",
    )
    assert article.text == "Kim est arrivé.\n"
    assert article.sentence_text(0) == "Kim est arrivé."


def test_front_matter_unknown_values_are_none(tmp_path: Path) -> None:
    text = "---\ntitle: unknown\ndate: Unknown\nsource:\nurl: ''\nlanguage: unknown\n---\nThe train left the city at the end of the day.\n"
    (article,) = load_articles([write(tmp_path / "a.txt", text)])
    assert (article.title, article.date, article.source, article.url) == (None, None, None, None)
    assert article.language == "en"  # guessed when the metadata does not say


def test_front_matter_keeps_text_values_as_text(tmp_path: Path) -> None:
    (article,) = load_articles([write(tmp_path / "a.txt", "---\ntitle: No\nsource: 1e3\n---\nTexte.")])
    assert (article.title, article.source) == ("No", "1e3")


def test_front_matter_unknown_field_is_a_warning(tmp_path: Path) -> None:
    (article,) = load_articles([write(tmp_path / "a.txt", "---\ntitle: T\nauthor: X\n---\nTexte.")])
    assert article.title == "T"
    assert any("author" in w and ":3:" in w for w in article.warnings)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("---\ntitle: x\nBody without end.\n", 1, "not closed"),
        ("---\ntitle: x\ndate: [2023\n---\nBody.", 3, "not valid YAML"),  # line of the unclosed bracket
        ("---\n- a\n- b\n---\nBody.", 2, "must be a mapping"),
        ("---\ntitle: x\ndate: 2023-09\n---\nBody.", 3, "not a calendar date"),
        ("---\ntitle: x\n\ndate: 2023-02-30\n---\nBody.", 4, "not a calendar date"),
        ("---\ntitle: [a, b]\n---\nBody.", 2, "single value"),
    ],
)
def test_bad_front_matter_names_the_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = write(tmp_path / "a.txt", text)
    with pytest.raises(ArticleError, match=message) as info:
        load_articles([path])
    assert info.value.line == line
    assert str(info.value).startswith(f"{path}:{line}: ")


def test_front_matter_only_is_empty(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="no text"):
        load_articles([write(tmp_path / "a.txt", "---\ntitle: x\n---\n\n")])


def test_dashes_that_are_not_front_matter(tmp_path: Path) -> None:
    (article,) = load_articles([write(tmp_path / "a.txt", "----\nTexte.")])
    assert article.text == "----\nTexte."


# --- loading: articles.yaml --------------------------------------------------------------------


def test_articles_yaml_beside_supplies_metadata(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "Texte un.")
    write(tmp_path / "b.txt", "---\nsource: Reuters\n---\nTexte deux.")
    write(
        tmp_path / "articles.yaml",
        "a.txt:\n  title: Un\n  date: 2023-09-12\n  auteur: X\nb:\n  source: AFP\n  date: 2023-09-13\n",
    )
    a, b = load_articles([tmp_path])
    assert (a.title, a.date) == ("Un", dt.date(2023, 9, 12))
    assert len(a.warnings) == 1 and "articles.yaml:4:" in a.warnings[0] and "auteur" in a.warnings[0]
    assert b.warnings == ()
    # Front matter wins field by field; the other fields still come from articles.yaml.
    assert (b.source, b.date) == ("Reuters", dt.date(2023, 9, 13))


@pytest.mark.parametrize(
    ("yaml_text", "line", "message"),
    [
        ("a.txt:\n  title: x\n  date: 13/09/2023\n", 3, "not a calendar date"),
        ("a.txt:\n  title: x\nmissing.txt:\n  title: y\n", 3, "no such file"),
        ("a.txt: just a string\n", 1, "must be a mapping"),
        ("- a.txt\n", 1, "must be a mapping"),
        ("a.txt:\n  title: 'x\n", 2, "not valid YAML"),
    ],
)
def test_bad_articles_yaml_names_the_line(tmp_path: Path, yaml_text: str, line: int, message: str) -> None:
    write(tmp_path / "a.txt", "Texte.")
    meta = write(tmp_path / "articles.yaml", yaml_text)
    with pytest.raises(ArticleError, match=message) as info:
        load_articles([tmp_path])
    assert info.value.path == str(meta)
    assert info.value.line == line
