"""Where sentences end: one rule for the articles' sentences, the tenses' and the clauses' (geomap.sentences)."""

from __future__ import annotations

import datetime as dt

import pytest
from test_infer import BY_ID, article, mentions_of, whose_trip

from geomap.articles import split_sentences
from geomap.infer.clauses import Words
from geomap.infer.evidence import mention_evidence
from geomap.sentences import sentence_bounds
from geomap.tense import told_past
from geomap.timexpr import parse_time_expressions

#: Texts whose full stops, quotes and dashes are easy to cut wrongly, each with its sentences.
TRICKY = [
    # abbreviations and initials open no sentence
    ("He met Mr. Rolan on Monday. M. Corin est arrivé. They went to St. Avel.",
     ["He met Mr. Rolan on Monday.", "M. Corin est arrivé.", "They went to St. Avel."]),
    ("George W. Rolan flew in. J.-C. Dalm stayed.", ["George W. Rolan flew in.", "J.-C. Dalm stayed."]),
    # decimals
    ("The bridge is 2.5 km long. It cost 3.5 million.", ["The bridge is 2.5 km long.", "It cost 3.5 million."]),
    # quotes: a closer stays with its sentence; a lower-case word after one goes on with it
    ("« Non. » Il est parti. « Enfin ! » a dit Rolan.", ["« Non. »", "Il est parti.", "« Enfin ! » a dit Rolan."]),
    ('"Go." He left. "Why?" asked Rolan.', ['"Go."', "He left.", '"Why?" asked Rolan.']),
    # ellipses
    ("He waited... Then he left. Il attendit… puis partit.", ["He waited...", "Then he left.", "Il attendit… puis partit."]),
    # a dateline and its agency
    ("CORIN, Xland (AFP) — Rolan est arrivé. Il a vu Avel.", ["CORIN, Xland (AFP) — Rolan est arrivé.", "Il a vu Avel."]),
    # a dateline's abbreviations before its agency or its dash: the place's, the state's, the date's
    ("ST. CORIN, Xl. (AP) — He arrived. He left.", ["ST. CORIN, Xl. (AP) — He arrived.", "He left."]),
    ("ST. CORIN, Xl. — He arrived. He left.", ["ST. CORIN, Xl. — He arrived.", "He left."]),
    ("ST. CORIN (Xland), 3 sept. (AFP) - Il est arrivé. Il est reparti.",
     ["ST. CORIN (Xland), 3 sept. (AFP) - Il est arrivé.", "Il est reparti."]),
    # a month's abbreviation that is also a word ("sept", "Sept.") before its day or year: a dateline's, a date's
    ("CORIN, Sept. 3 (AP) — He arrived. He left.", ["CORIN, Sept. 3 (AP) — He arrived.", "He left."]),
    ("CORIN, Xland, Sept. 3, 2024 (AP) — He arrived on Sept. 2. He left.",
     ["CORIN, Xland, Sept. 3, 2024 (AP) — He arrived on Sept. 2.", "He left."]),
    ("CORIN, 3 sept. 2024 (AFP) — Il est arrivé le 2 sept. 2024 à Avel. Il est reparti.",
     ["CORIN, 3 sept. 2024 (AFP) — Il est arrivé le 2 sept. 2024 à Avel.", "Il est reparti."]),
    # the same word ends its sentence before a capital: "sept" is French for seven
    ("Ils étaient sept. Rolan est arrivé. He said no. Then he left.",
     ["Ils étaient sept.", "Rolan est arrivé.", "He said no.", "Then he left."]),
    # no dateline: the line opens with no word in capitals, so a dash opens the next sentence
    ("He left. — Then he came back.", ["He left.", "— Then he came back."]),
]


@pytest.mark.parametrize(("text", "sentences"), TRICKY)
def test_the_sentences_of_tricky_texts(text: str, sentences: list[str]) -> None:
    assert [text[s.start : s.end] for s in split_sentences(text)] == sentences


@pytest.mark.parametrize(("text", "sentences"), TRICKY)
def test_the_tenses_and_the_clauses_end_sentences_where_the_articles_do(text: str, sentences: list[str]) -> None:
    found = split_sentences(text)
    w = Words(article("a", text, dt.date(2024, 5, 10), "en"), (), ())
    for i in range(len(w.words)):
        s = next(s for s in found if s.start <= w._starts[i] < s.end)
        assert sentence_bounds(text, w._starts[i], w._ends[i]) == (s.start, s.end), w.words[i]
        if w.words[i] == ".":
            assert w.abbreviated(i) == (text[w._ends[i] : s.end].strip(".\"'»” )") != ""), (text, i)


@pytest.mark.parametrize(("text", "language", "day"), [
    # The past tense before a decimal or a quoted exclamation is the day's: its sentence goes on.
    ("Rolan inaugurated the 2.5-km bridge at Corin on Monday.", "en", "Monday"),
    ("Rolan a inauguré le pont, « enfin ! » selon la presse, lundi.", "fr", "lundi"),
])
def test_a_day_is_told_in_the_tense_of_its_whole_sentence(text: str, language: str, day: str) -> None:
    at = text.index(day)
    assert told_past(text, language, at, at + len(day))


@pytest.mark.parametrize(("text", "language", "first"), [
    # A wire dateline's abbreviations, its place's and its state's or its date's, end no sentence before its
    # agency's credit or its dash: the traveller is the next words' subject, not the agency.
    ("ST. CORIN, Xl. (Reuters) — President Rolan arrived on Tuesday. He met the mayor.", "en",
     "ST. CORIN, Xl. (Reuters) — President Rolan arrived on Tuesday."),
    # "AP", two letters, is an agency's word as much as "Reuters": never the traveller.
    ("ST. CORIN, Xl. (AP) — President Rolan arrived on Tuesday. He met the mayor.", "en",
     "ST. CORIN, Xl. (AP) — President Rolan arrived on Tuesday."),
    ("CORIN (AP) — President Rolan arrived on Tuesday. He met the mayor.", "en",
     "CORIN (AP) — President Rolan arrived on Tuesday."),
    ("ST. CORIN, Xl. — President Rolan arrived on Tuesday. He met the mayor.", "en",
     "ST. CORIN, Xl. — President Rolan arrived on Tuesday."),
    ("ST. CORIN (Xland), 3 sept. (AFP) - Le président Rolan est arrivé mardi. Il a vu le maire.", "fr",
     "ST. CORIN (Xland), 3 sept. (AFP) - Le président Rolan est arrivé mardi."),
    # A month's abbreviation before the day ("Sept. 3"), or before the year ("3 sept. 2024").
    ("CORIN, Sept. 3 (AP) — President Rolan arrived on Tuesday. He met the mayor.", "en",
     "CORIN, Sept. 3 (AP) — President Rolan arrived on Tuesday."),
    ("CORIN, 3 sept. 2024 (AFP) — Le président Rolan est arrivé mardi. Il a vu le maire.", "fr",
     "CORIN, 3 sept. 2024 (AFP) — Le président Rolan est arrivé mardi."),
])
def test_a_datelines_abbreviations_end_no_sentence(text: str, language: str, first: str) -> None:
    s = split_sentences(text)[0]
    assert text[s.start : s.end] == first
    assert whose_trip(text, language) == "rolan"


@pytest.mark.parametrize(("text", "language", "traveller"), [
    # The role told in the first sentence leads the story though an abbreviation's full stop comes before it:
    # "Mr." ends no sentence there any more than in the articles' sentences; the bystander is no traveller.
    ("Flanked by Mr. Beltan, the Pope landed in Corin on Tuesday. The Pope flew to Dalm the next day.", "en", "pope"),
    ("Accompagné de M. Beltan, le pape a atterri mardi à Corin. Le pape s'est rendu à Dalm le lendemain.", "fr",
     "pape"),
])
def test_an_abbreviation_ends_no_first_sentence_for_the_traveller(text: str, language: str, traveller: str) -> None:
    assert whose_trip(text, language) == traveller


@pytest.mark.parametrize(("text", "language"), [
    ("CORIN, Sept. 3 (AP) — President Rolan arrived for a five-day visit. He met the mayor.", "en"),
    ("CORIN, Sept. 3 — President Rolan arrived for a five-day visit. He met the mayor.", "en"),
    ("CORIN, 3 sept. 2024 (AFP) — Le président Rolan est arrivé pour une visite de cinq jours. Il a vu le maire.", "fr"),
    ("CORIN, 3 sept. — Le président Rolan est arrivé pour une visite de cinq jours. Il a vu le maire.", "fr"),
])
def test_a_dateline_with_a_months_abbreviation_is_read_as_one(text: str, language: str) -> None:
    # The place and the day are the dispatch's, whatever the month's abbreviation: the traveller's visit
    # told after the dash is there, no itinerary's entry ("CORIN, Sept." read as a line of its own).
    arts = [article("a", text, dt.date(2024, 9, 4), language)]
    found, who = mention_evidence(arts, mentions_of(arts), BY_ID)
    (corin,) = [e for e in found if e.place_id == "corin"]
    assert who == "rolan"
    assert corin.features.get("dateline") and corin.features.get("traveller") and not corin.features.get("entry")
    exprs = parse_time_expressions(text, anchor=dt.date(2024, 9, 4), language=language)
    assert [x.date for x in exprs if x.start < text.index("—")] == [dt.date(2024, 9, 3)]
