"""URL articles end to end against a local news site: extraction, metadata, offsets, limits, cache."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pages import PARAGRAPHS, Site, article_page

from geomap import BuildOptions, build_story
from geomap.articles import load_articles
from geomap.errors import ArticleError
from geomap.sources import Fetcher

HTML = {"Content-Type": "text/html; charset=utf-8"}
GAZETTEER = """places:
  - {id: brest, name: Brest, lat: 48.39, lon: -4.49, country: FR}
  - {id: rennes, name: Rennes, lat: 48.11, lon: -1.68, country: FR}
"""


@pytest.fixture
def site():
    pages: dict[str, tuple[int, dict[str, str], bytes]] = {}
    with Site(pages, robots="User-agent: *\nDisallow: /private/\n") as s:
        page = article_page(s.base).encode()
        s.pages.update({
            "/politique/president-bretagne.html": (200, HTML, page),
            "/old/12345": (301, {"Location": "/politique/president-bretagne.html"}, b""),
            "/loop": (302, {"Location": "/loop"}, b""),
            "/private/draft.html": (200, HTML, page),
            "/huge.html": (200, HTML, b"<p>" + b"x" * (9 * 1024 * 1024) + b"</p>"),
            "/huge-unsized.html": (200, {**HTML, "X-Unsized": "1"}, b"<p>" + b"y" * (9 * 1024 * 1024)),
            "/slow.html": (200, {**HTML, "X-Drip": "1"}, b"<p>" + b"z" * 60 + b"</p>"),
            "/brochure.pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.7"),
            "/depeche.txt": (200, {"Content-Type": "text/plain; charset=utf-8"},
                             "Arrivée à Brest lundi soir.\n".encode()),
        })
        yield s


def fetcher(tmp_path: Path, **kw) -> Fetcher:
    return Fetcher("geomap/test (+https://example.org/contact)", tmp_path / "cache", **kw)


def test_page_text_is_the_article_without_boilerplate(site: Site, tmp_path: Path) -> None:
    (article,) = load_articles([site.base + "/politique/president-bretagne.html"], fetcher=fetcher(tmp_path))
    for paragraph in PARAGRAPHS:
        assert paragraph in article.text.splitlines()
    for boilerplate in ("cookies", "Accueil", "Sport à Lyon", "Marseille", "Toulouse", "Strasbourg",
                        "Commentaires", "Mentions légales", "dataLayer"):
        assert boilerplate not in article.text
    assert article.id == "president-bretagne"
    assert article.title == "Le président en Bretagne"
    assert str(article.date) == "2023-02-20"
    assert article.source == "Le Courrier de l'Ouest"
    assert article.url == site.base + "/politique/president-bretagne"  # the canonical URL
    assert article.language == "fr"
    assert [ua for _, ua in site.requests] == ["geomap/test (+https://example.org/contact)"] * 2


def test_popups_quote_the_extracted_sentences(site: Site, tmp_path: Path) -> None:
    (tmp_path / "gazetteer.yaml").write_text(GAZETTEER, encoding="utf-8")
    url = site.base + "/old/12345"  # a redirect to the article
    result = build_story(url, BuildOptions(gazetteer=tmp_path / "gazetteer.yaml", discover=False,
                                           cache_dir=tmp_path / "cache", curated=False))
    story = result.story
    (article,) = story.articles
    by_place = {m.place_id: m for m in story.mentions}
    assert set(by_place) == {"brest", "rennes"}
    for place_id, sentence in (("brest", PARAGRAPHS[0]), ("rennes", PARAGRAPHS[1])):
        m = by_place[place_id]
        assert article.text[m.start : m.end] == story.places[place_id].name
        assert article.sentence_text(m.sentence) == sentence
    from geomap.render import render_html

    page = render_html(story)  # what the popups show: the page's one JSON blob
    data = json.loads(re.search(r"geomapStart\((\{.*\})\);", page).group(1))
    (quote,) = next(p for p in data["places"] if p["id"] == "brest")["quotes"]
    assert quote["text"] == PARAGRAPHS[0] and quote["text"][quote["start"] : quote["end"]] == "Brest"
    assert quote["url"] == site.base + "/politique/president-bretagne"


def test_second_build_sends_nothing(site: Site, tmp_path: Path) -> None:
    urls = [site.base + "/politique/president-bretagne.html", site.base + "/depeche.txt"]
    first = load_articles(urls, fetcher=fetcher(tmp_path))
    sent = len(site.requests)
    assert sent == 3  # robots.txt once for the site, then each page
    again = fetcher(tmp_path)
    second = load_articles(urls, fetcher=again)
    assert len(site.requests) == sent and again.requests_sent == 0
    assert [a.text for a in second] == [a.text for a in first]
    assert second[1].text == "Arrivée à Brest lundi soir.\n"
    offline = load_articles(urls, fetcher=fetcher(tmp_path, offline=True))
    assert [a.text for a in offline] == [a.text for a in first]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing.html", "HTTP 404"),
        ("/loop", "more than 5 redirects"),
        ("/private/draft.html", "robots.txt does not allow"),
        ("/huge.html", "larger than 8 MB"),
        ("/huge-unsized.html", "larger than 8 MB"),
        ("/brochure.pdf", "not a web page (application/pdf)"),
    ],
)
def test_failures_are_one_line_naming_the_url(site: Site, tmp_path: Path, path: str, message: str) -> None:
    url = site.base + path
    with pytest.raises(ArticleError) as info:
        load_articles([url], fetcher=fetcher(tmp_path))
    text = str(info.value)
    assert text.startswith(url + ": ") and message in text and "\n" not in text
    if path == "/private/draft.html":
        assert path not in site.count()  # robots.txt was asked, the page never


def test_a_dripping_server_is_cut_at_the_total_deadline(site: Site, tmp_path: Path) -> None:
    # Each byte arrives well within a per-read timeout; only a deadline for the whole page stops it.
    url = site.base + "/slow.html"
    with pytest.raises(ArticleError, match="not received within 1 s") as info:
        load_articles([url], fetcher=fetcher(tmp_path, deadline_seconds=1))
    assert str(info.value).startswith(url)


def test_offline_refuses_an_uncached_url(site: Site, tmp_path: Path) -> None:
    url = site.base + "/politique/president-bretagne.html"
    with pytest.raises(ArticleError, match="--offline") as info:
        load_articles([url], fetcher=fetcher(tmp_path, offline=True))
    assert str(info.value).startswith(url) and site.requests == []


def test_unreachable_server_is_one_line(tmp_path: Path) -> None:
    with Site({}) as s:
        url = s.base + "/a.html"
    with pytest.raises(ArticleError, match="cannot fetch") as info:
        load_articles([url], fetcher=fetcher(tmp_path, deadline_seconds=5))
    assert str(info.value).startswith(url)


def test_url_list_with_comments_and_duplicates(site: Site, tmp_path: Path) -> None:
    listing = tmp_path / "reading.urls"
    page = site.base + "/politique/president-bretagne.html"
    listing.write_text(f"# the trip\n{page}\n\n{site.base}/depeche.txt  # AFP wire\n{page}\n", encoding="utf-8")
    (tmp_path / "articles.yaml").write_text(f"{page}:\n  date: 2023-02-21\n  source: Ouest\n", encoding="utf-8")
    articles = load_articles([listing], fetcher=fetcher(tmp_path))
    assert [a.id for a in articles] == ["president-bretagne", "depeche"]
    assert str(articles[0].date) == "2023-02-21" and articles[0].source == "Ouest"  # articles.yaml wins
    assert articles[0].title == "Le président en Bretagne"  # the page still fills the rest
    as_txt = tmp_path / "more.txt"
    as_txt.write_text(page + "\n", encoding="utf-8")
    assert [a.id for a in load_articles([as_txt], fetcher=fetcher(tmp_path))] == ["president-bretagne"]
    listing.write_text(f"{page}\nnot a url\n", encoding="utf-8")
    with pytest.raises(ArticleError, match=r"reading\.urls:2: not an http\(s\) URL"):
        load_articles([listing], fetcher=fetcher(tmp_path))


def test_cli_builds_a_url_and_offline_refuses(site: Site, tmp_path: Path) -> None:
    (tmp_path / "gazetteer.yaml").write_text(GAZETTEER, encoding="utf-8")
    url = site.base + "/politique/president-bretagne.html"
    geomap = Path(sys.executable).with_name("geomap")  # the installed command, run outside the repository
    env_cmd = [str(geomap), "build", "--no-discover", "--cache-dir", str(tmp_path / "cache"),
               "--out", str(tmp_path / "out")]
    done = subprocess.run([*env_cmd, url], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "map.html").is_file()
    assert "president-bretagne" in (tmp_path / "out" / "mentions.csv").read_text(encoding="utf-8")
    other = site.base + "/depeche.txt"
    refused = subprocess.run([*env_cmd, "--offline", other], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1 and other in refused.stderr and "--offline" in refused.stderr
