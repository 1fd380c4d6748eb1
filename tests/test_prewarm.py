"""Per-article records filled ahead by a second process equal what the build's own steps write."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

from geomap.articlecache import keeping, kept
from geomap.articles import split_sentences
from geomap.discover import load_lexicon
from geomap.infer.clauses import analysis_key
from geomap.infer.sequence import marks_key
from geomap.model import Article
from geomap.prewarm import MIN_ARTICLES, ahead
from geomap.unplaced import cues_key

EN = "{n} arrived in Dalm on Monday, then flew back to Avel. The final stop was Corin, the mayor said."
FR = "Le ministre {n} est arrivé à Dalm lundi. Il est ensuite rentré à Avel. Dernière étape : Corin."


def _articles(count: int) -> list[Article]:
    out = []
    for i in range(count):
        # Each text its own record, long enough for its time expressions to be kept too.
        text = " ".join((EN if i % 2 else FR).format(n=f"N{i}-{k}") for k in range(12))
        out.append(Article(id=f"a{i}", path=Path(f"a{i}.txt"), text=text, date=dt.date(2024, 5, 1 + i % 20),
                           language="en" if i % 2 else "fr", title=None, sentences=split_sentences(text)))
    return out


def _paths(articles: list[Article]) -> list[Path]:
    lex = load_lexicon()
    keyed = [("cues", cues_key(a, lex)) for a in articles]
    keyed += [(kind, key(a)) for a in articles for kind, key in (("words", analysis_key), ("marks", marks_key))]
    out = []
    for kind, (text, extra, _) in keyed:
        cache = kept(kind)
        assert cache is not None
        out.append(cache.path(text, extra))
    return out


def test_the_worker_writes_the_records_the_steps_would(tmp_path: Path) -> None:
    articles = _articles(MIN_ARTICLES)
    with keeping(tmp_path / "ahead"):
        wanted = _paths(articles)
        with ahead(articles, tmp_path / "ahead", jobs=2, infer=True):
            deadline = time.monotonic() + 120
            times = tmp_path / "ahead" / "articles" / "time"
            while not (all(p.exists() for p in wanted) and len(list(times.rglob("*.json"))) == len(articles)):
                assert time.monotonic() < deadline
                time.sleep(0.1)
    with keeping(tmp_path / "steps"):
        lex = load_lexicon()
        for a in articles:  # computed in this process, as the steps do
            for kind, (text, extra, compute) in (("cues", cues_key(a, lex)), ("words", analysis_key(a)),
                                                 ("marks", marks_key(a))):
                cache = kept(kind)
                assert cache is not None
                ahead_path = Path(str(cache.path(text, extra)).replace(str(tmp_path / "steps"), str(tmp_path / "ahead")))
                assert json.loads(ahead_path.read_text(encoding="utf-8")) == json.loads(json.dumps(compute()))


def test_no_worker_for_one_job_or_a_few_articles(tmp_path: Path) -> None:
    for jobs, count in ((1, MIN_ARTICLES), (2, MIN_ARTICLES - 1)):
        articles = _articles(count)
        with keeping(tmp_path), ahead(articles, tmp_path, jobs=jobs, infer=True):
            time.sleep(0.5)
        assert not (tmp_path / "articles").exists()
