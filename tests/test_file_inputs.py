"""Article files beside .txt: saved web pages, Markdown and Word documents, mixed in one folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pages import PARAGRAPHS, article_page

from geomap.articles import load_articles
from geomap.errors import ArticleError


def test_saved_page_is_read_like_a_fetched_one(tmp_path: Path) -> None:
    path = tmp_path / "Le président en Bretagne.html"
    path.write_text(article_page("https://courrier.example"), encoding="utf-8")
    (article,) = load_articles([path])
    assert [line for line in article.text.splitlines() if line in PARAGRAPHS] == list(PARAGRAPHS)
    assert "<p>" not in article.text and "cookies" not in article.text and "Strasbourg" not in article.text
    assert article.date == dt.date(2023, 2, 20) and article.language == "fr"
    assert article.url == "https://courrier.example/politique/president-bretagne"
    assert article.source == "Le Courrier de l'Ouest"


def test_articles_yaml_overrides_what_the_page_says(tmp_path: Path) -> None:
    (tmp_path / "a.htm").write_text(article_page("https://courrier.example"), encoding="utf-8")
    (tmp_path / "articles.yaml").write_text("a.htm:\n  title: Mon titre\n  date: 2023-03-01T08:00:00Z\n",
                                            encoding="utf-8")
    (article,) = load_articles([tmp_path])
    assert article.title == "Mon titre" and article.date == dt.date(2023, 3, 1)
    assert article.source == "Le Courrier de l'Ouest"


def test_markdown_quotes_text_not_markup(tmp_path: Path) -> None:
    md = tmp_path / "journal.md"
    md.write_text(
        "---\ntitle: Carnet\ndate: 2023-02-20T10:00:00Z\n---\n# Jour *un*\n\n"
        "Le président est arrivé **lundi** à [Brest](https://fr.wikipedia.org/wiki/Brest),\n"
        "où il a rencontré les marins. ![Le port](port.jpg)\n\n- Puis Rennes &amp; Paris\n",
        encoding="utf-8",
    )
    (article,) = load_articles([md])
    assert article.title == "Carnet" and article.date == dt.date(2023, 2, 20)
    assert article.text == (
        "Jour un\n\nLe président est arrivé lundi à Brest, où il a rencontré les marins.\n\nPuis Rennes & Paris\n"
    )
    assert [article.sentence_text(s.index) for s in article.sentences] == [
        "Jour un", "Le président est arrivé lundi à Brest, où il a rencontré les marins.", "Puis Rennes & Paris",
    ]


def test_docx_paragraphs_and_properties(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = "Visite en Bretagne"
    document.core_properties.language = "fr-FR"
    document.add_heading("Le président à Brest", level=1)
    for paragraph in PARAGRAPHS:
        document.add_paragraph(paragraph)
    document.save(str(tmp_path / "visite.docx"))
    (tmp_path / "~$visite.docx").write_bytes(b"\x00lock")  # Word's lock file while it is open
    (article,) = load_articles([tmp_path])
    assert article.id == "visite" and article.title == "Visite en Bretagne" and article.language == "fr"
    assert article.text.splitlines() == ["Le président à Brest", *PARAGRAPHS]
    assert article.date is None  # the file's creation date is not the article's


def test_damaged_docx_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ArticleError, match="not a readable .docx") as info:
        load_articles([path])
    assert str(info.value).startswith(str(path)) and "\n" not in str(info.value)


def test_folder_mixes_kinds_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "1-depeche.txt").write_text("Arrivée à Brest.", encoding="utf-8")
    (tmp_path / "2-page.html").write_text(article_page("https://courrier.example"), encoding="utf-8")
    (tmp_path / "3-notes.md").write_text("Départ pour *Rennes*.", encoding="utf-8")
    (tmp_path / "4-same.md").write_text("Un.", encoding="utf-8")
    assert [a.id for a in load_articles([tmp_path])] == ["1-depeche", "2-page", "3-notes", "4-same"]
    (tmp_path / "4-same.txt").write_text("Deux.", encoding="utf-8")
    with pytest.raises(ArticleError, match="two articles have the id '4-same'"):
        load_articles([tmp_path])


def test_page_without_article_text_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "app.html"  # a page whose text a script would write: nothing to read
    path.write_text("<html><head><title>App</title></head><body><script>render()</script></body></html>",
                    encoding="utf-8")
    with pytest.raises(ArticleError) as info:
        load_articles([path])
    assert str(info.value).startswith(str(path)) and "\n" not in str(info.value)
