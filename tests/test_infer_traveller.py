"""Whose trip it is: words that are no one's name, and a name's place before a travel verb (issue 8)."""

from __future__ import annotations

import pytest
from storyutil import gold_story, told_in
from test_infer import evidence, whose_trip


@pytest.mark.parametrize(("title", "text", "language"), [
    ("Carnet Nomade — la route de Corin", "Rolan est arrivé mardi à Corin. Bienvenue dans cette édition de Carnet Nomade.",
     "fr"),
    ("The Weekly Despatch — north to Corin", "Rolan arrived in Corin on Tuesday. Welcome back to the Weekly Despatch.",
     "en"),
])
def test_a_series_name_before_a_dash_heading_the_headline_is_no_one(title: str, text: str, language: str) -> None:
    # "The Capitol Letter — week of …", "World in brief — Saturday": a rubric set off by a spaced dash, as by a colon.
    assert whose_trip(text, language, title, copies=2) == "rolan"


@pytest.mark.parametrize(("text", "language"), [
    ("Rolan left Avel on Monday for a four-day trip. First stop was Corin.", "en"),
    ("Rolan left Avel on Monday. Tonight he lands in Corin.", "en"),
    ("Rolan arrived in Avel on Monday. Afterwards she flew to Corin.", "en"),
    ("Rolan a quitté Avel lundi. Ensuite il a visité Corin.", "fr"),
])
def test_an_adverb_opening_the_sentence_with_a_capital_is_no_one(text: str, language: str) -> None:
    # "First", "Tonight", "Afterwards" (not_names): capitalised because they open the sentence, no one else's name.
    found = evidence(text, language)["corin"]
    assert found and all(e.verb and not e.features.get("other_subject") for e in found), [e.features for e in found]


@pytest.mark.parametrize(("folder", "sentence", "name"), [
    # a Washington newsletter (held-out 12)
    ("carter-latam-africa-1978-a", "First stop was", "Caracas"),
    ("carter-latam-africa-1978-a", "Tonight he lands", "Lagos"),
])
def test_an_adverb_opening_the_sentence_with_a_capital_in_real_stories_is_no_one(folder: str, sentence: str,
                                                                              name: str) -> None:
    told = told_in(folder, sentence, name)
    assert told and all(e.verb and not e.features.get("other_subject") for e in told), [e.features for e in told]


@pytest.mark.parametrize(("text", "language"), [
    ("Mr. Baker arrived in Avel on Monday. He met a baker, and the baker gave him bread. "
     "Later Mr. Baker flew to Corin.", "en"),
    ("M. Berger est arrivé lundi à Avel. Il a rencontré un berger, et le berger lui a offert du fromage. "
     "Puis M. Berger a pris l'avion pour Corin.", "fr"),
])
def test_a_name_after_an_abbreviation_is_written_with_a_capital_mid_sentence(text: str, language: str) -> None:
    # "Mr. Nixon", "M. Khrouchtchev": the title's full stop ends no sentence, so the name's capital is a
    # name's, and outweighs the same word written in lower case ("the baker").
    assert whose_trip(text, language) == ("baker" if language == "en" else "berger")


@pytest.mark.parametrize(("text", "language"), [
    # "We landed", "Hands reached out": written in lower case elsewhere, capitalised only opening a sentence.
    ("Rolan arrived in Avel on Monday. We landed in Corin on Tuesday, and we were tired. We drove to Dalm.", "en"),
    ("Rolan est arrivé lundi à Avel. Escorte et presse sont arrivées mardi à Corin ; puis l'escorte est repartie. "
     "Escorte et public sont arrivés mercredi à Dalm.", "fr"),
])
def test_a_common_word_opening_sentences_is_no_ones_name(text: str, language: str) -> None:
    assert whose_trip(text, language) == "rolan"


@pytest.mark.parametrize(("text", "language"), [
    # A name ending the sentence before a travel noun's ("… Society of Tamil Nadu. Rencontre avec …").
    ("Rolan arrived in Avel on Monday. The talks were with Garo Beltan. Arrival in Corin was quiet. "
     "Tea with Tomas Beltan. Departure from Corin was late.", "en"),
    ("Rolan est arrivé lundi à Avel. Déjeuner avec Garo Beltan. Arrivée à Corin sous la pluie. "
     "Dîner avec Tomas Beltan. Départ de Corin en retard.", "fr"),
    # A name a preposition makes a place ("At Galeão the farewell ceremony …").
    ("Rolan arrived in Avel on Monday. At Galo the farewell was held in the rain; at Galo the departure was late.", "en"),
    ("Rolan est arrivé lundi à Avel. À Galo le départ s'est fait sous la pluie ; à Galo le départ a été retardé.", "fr"),
])
def test_a_name_that_is_not_the_travel_verbs_subject_is_no_traveller(text: str, language: str) -> None:
    assert whose_trip(text, language) == "rolan"


@pytest.mark.parametrize(("title", "text", "language"), [
    ("Journal — Rolan au pays de Corin, première étape",
     "Garo Beltan était venu à Corin en 1990. Le soir, Rolan a parlé ; puis Rolan a dîné. Beltan était venu à Dalm aussi.",
     "fr"),
    ("Rolan in Corin, first stop of the tour",
     "Garo Beltan had flown to Corin in 1990. That night, Rolan spoke; then Rolan dined. Beltan had flown to Dalm too.",
     "en"),
])
def test_the_name_opening_the_headline_is_the_subject(title: str, text: str, language: str) -> None:
    # News names its subject first: "Benoît XVI en Afrique, première étape au Cameroun", not the predecessor
    # the texts recall ("Jean-Paul II était venu …").
    assert whose_trip(text, language, title) == "rolan"


@pytest.mark.parametrize(("folder", "traveller"), [
    # a newsletter's "The Capitol Letter — week of March 27" and a digest's "World in brief — Saturday" (held-out 12)
    ("carter-latam-africa-1978-a", "carter"),
    ("mitterrand-sarajevo-1992-b", "mitterrand"),
    # "EN DIRECT — Le pape François au Sri Lanka : …, prière à Madhu" (another hand)
    ("pope-srilanka-philippines-2015-a", "francois"),
    # "… Society of Tamil Nadu. Rencontre avec …": their majesties travel (another hand)
    ("akihito-india-2013-a", "majestes"),
    # a pool report's "POTUS", not the "Bagram" ending a sentence before a travel verb (another hand)
    ("obama-afghanistan-2012-a", "potus"),
    # "Journal de 18 heures — Benoît XVI en Afrique, …" over "Jean-Paul II était venu …" (own)
    ("benedict-cameroon-angola-2009-a", "benoit"),
    # "Tribune — … George W. Bush a brandie …": a capital after an initial's full stop is mid-sentence (another hand)
    ("bush-baghdad-2003-b", "bush"),
])
def test_the_traveller_of_real_stories(folder: str, traveller: str) -> None:
    assert gold_story(folder).traveller() == traveller


@pytest.mark.parametrize(("folder", "word"), [
    ("bush-baghdad-2003-a", "we"),  # a pool report's "We landed …"
    ("francis-rio-2013-a", "hands"),  # a diary's "Hands reached out …"
    ("nixon-china-1972-b", "line"),  # a timeline's "… crossing of the International Date Line"
])
def test_a_common_word_is_not_the_traveller_of_real_stories(folder: str, word: str) -> None:
    assert gold_story(folder).traveller() != word


@pytest.mark.parametrize(("title", "text", "language", "traveller"), [
    # The headline names the traveller by role; the only name before a travel verb is a bystander's.
    ("At Avel, tears and prayers as the Pope lands in Corin",
     'Garo Beltan, 71, flew to Avel in 1961. "I never thought I would see this," said Garo Beltan.', "en", "pope"),
    ("À Avel, l'émotion quand le pape atterrit à Corin",
     "Garo Beltan, 71 ans, était arrivé à Avel en 1961. « Je n'aurais jamais cru voir cela », dit Garo Beltan.", "fr",
     "pape"),
    # A headline's present tense ("until the president departs Corin"); a plane's name is no one's ("Air Force One").
    ("Pool report — Air Force One (embargoed until the president departs Corin)",
     "Air Force One landed in Corin after dark. Air Force One took off for Dalm at midnight.", "en", "president"),
    # The name written after the role is the traveller's, the role its other name ("Pope Rolan").
    ("The Pope lands in Corin", "Pope Rolan arrived in Corin on Monday. Pope Rolan flew to Dalm.", "en", "rolan"),
    ("Le pape atterrit à Corin", "Le pape Rolan est arrivé lundi à Corin. Le pape Rolan est reparti pour Dalm.", "fr",
     "rolan"),
    # An elided article keeps its apostrophe among the words ("l'émir"), as discover.yaml lists it.
    ("À Avel, l'émotion quand l'émir atterrit à Corin",
     "Garo Beltan était arrivé à Avel en 1961. « Je n'aurais jamais cru voir cela », dit Garo Beltan.", "fr", "emir"),
])
def test_a_traveller_named_by_role_in_the_headline(title: str, text: str, language: str, traveller: str) -> None:
    assert whose_trip(text, language, title) == traveller


@pytest.mark.parametrize(("title", "text", "language"), [
    ("At Avel, tears and prayers as the Pope lands in Corin", "Garo Beltan flew to Avel in 1961. On Tuesday the Pope flew to Dalm.", "en"),
    ("À Avel, l'émotion quand le pape atterrit à Corin",
     "Garo Beltan était arrivé à Avel en 1961. Mardi, le pape est arrivé à Dalm.", "fr"),
])
def test_the_roles_moves_are_the_travellers(title: str, text: str, language: str) -> None:
    found = evidence(text, language, title=title)["dalm"]
    assert found and all(e.features.get("traveller") for e in found), [e.features for e in found]


@pytest.mark.parametrize(("folder", "traveller"), [
    ("jpii-cuba-1998-b", "pope"),  # a Miami paper's "… as the Pope lands in Havana", not the quoted "Mercedes"
    ("bush-baghdad-2003-a", "president"),  # a pool report's "until the president departs Iraq", not "Air Force One"
])
def test_the_traveller_named_by_role_in_real_stories(folder: str, traveller: str) -> None:
    assert gold_story(folder).traveller() == traveller
