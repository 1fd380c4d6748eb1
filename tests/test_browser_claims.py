"""The seed map's Claims section and claim popups, in headless Chromium with the network cut."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from browserutil import open_page

from geomap.pipeline import BuildOptions, build

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SHOTS = os.environ.get("GEOMAP_SHOTS")  # a folder to keep screenshots in, for people to look at


@pytest.fixture(scope="module")
def seed_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("claims-map")
    build([ROOT / "seeds"], out, BuildOptions(gazetteer=ROOT / "gazetteer.yaml", discover=False), self_contained=True)
    return out / "map.html"


@pytest.mark.parametrize("viewport", [(1600, 1000), (720, 450), (390, 844)], ids=lambda v: f"{v[0]}x{v[1]}")
def test_the_claims_section_shows_the_seed_claims_as_text(seed_map: Path, chromium_path: str, viewport) -> None:
    with open_page(seed_map, chromium_path, viewport=viewport) as (page, events):
        page.wait_for_function("window.geomapReady === true", timeout=15_000)
        section = page.locator("#geomap-panel .geomap-claims")
        assert section.count() == 1
        text = section.text_content()
        assert "Affirmations vérifiées" in text  # the page speaks the articles' language
        for quote in ("à environ 680 kilomètres", "à environ 250 kilomètres", "près de 8 000 kilomètres"):
            assert quote in text
        assert section.locator(".geomap-claim").count() == 3
        verdicts = section.locator(".geomap-claim-verdict").all_text_contents()
        assert verdicts == ["direction inexacte", "cohérent seulement le long du trajet", "distance inexacte"]
        assert "688" in text and "5 551" in text.replace("\u202f", " ")
        # The disagreement on the boarding hour, both quotes.
        disagreement = section.locator(".geomap-disagreement")
        assert disagreement.count() == 1
        assert "dimanche après-midi" in disagreement.text_content()
        assert "dimanche soir" in disagreement.text_content()
        assert section.locator("mark").first.text_content().startswith("la ville")
        if SHOTS:
            page.locator("#geomap-panel-body").evaluate("b => { b.style.display = 'block'; }")
            section.scroll_into_view_if_needed()
            page.screenshot(path=str(Path(SHOTS) / f"claims-{viewport[0]}x{viewport[1]}.png"))
        assert events.page_errors == [] and events.dialogs == []


def test_the_popup_of_the_place_a_claim_is_about_shows_it(seed_map: Path, chromium_path: str) -> None:
    with open_page(seed_map, chromium_path, viewport=(1600, 1000)) as (page, events):
        page.wait_for_function("window.geomapReady === true", timeout=15_000)
        index = page.evaluate(
            "() => window.geomap.markers.findIndex(m => (m.tip.textContent || '').includes('Khasan'))")
        assert index >= 0
        page.evaluate(f"window.geomap.markers[{index}].marker.openPopup()")
        block = page.locator(".leaflet-popup-content .geomap-claims")
        block.wait_for(timeout=5_000)
        assert "à environ 250 kilomètres" in block.text_content()
        assert block.locator(".geomap-claim-verdict").all_text_contents() == ["cohérent seulement le long du trajet"]
        if SHOTS:
            page.screenshot(path=str(Path(SHOTS) / "claims-popup-1600x1000.png"))
        assert events.page_errors == []


def test_markup_in_a_claim_stays_text(tmp_path: Path, chromium_path: str) -> None:
    (tmp_path / "gazetteer.yaml").write_text(
        "places:\n"
        "  - {id: paris, name: Paris, kind: capital, lat: 48.85667, lon: 2.35222, aliases: [Paris]}\n"
        "  - {id: lyon, name: Lyon, kind: city, lat: 45.76, lon: 4.84, aliases: [Lyon]}\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(
        'Le ministre a quitté Paris. Il a rejoint Lyon, à 390 km de Paris <img src=x onerror="alert(1)">.\n',
        encoding="utf-8")
    build([tmp_path / "a.txt"], tmp_path / "out", BuildOptions(gazetteer=tmp_path / "gazetteer.yaml", discover=False),
          self_contained=True)
    with open_page(tmp_path / "out" / "map.html", chromium_path) as (page, events):
        page.wait_for_function("window.geomapReady === true", timeout=15_000)
        section = page.locator("#geomap-panel .geomap-claims")
        assert '<img src=x onerror="alert(1)">' in section.text_content()
        assert section.locator("img").count() == 0
        assert events.dialogs == [] and events.page_errors == []
