"""Finding peers in a real headless Chromium: a Spanish-speaking visitor fills the /match form, reads the
explanation, opens a practice; the same pages on a 375 px phone. Screenshots go to artifacts/screenshots
(matching-*.png) for a person to look at."""

from __future__ import annotations

import pytest

from sursur.i18n import gettext_for

from .browser import case_site, chromium, shot

pytestmark = pytest.mark.browser

_ = gettext_for("es")
DEMAND = ("Necesitamos apoyar a las mujeres trabajadoras informales y a sus micro-emprendimientos en los "
          "mercados del centro de la ciudad")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with case_site(tmp_path_factory.mktemp("matching")) as (url, store):
        yield url
    store.close()


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_a_visitor_finds_peers_in_spanish(site, browser):
    page = browser.new_page(locale="es-CO", viewport={"width": 1280, "height": 900})
    page.goto(site + "/practices")
    page.locator("header nav").get_by_role("link", name=_("Find peers")).click()
    page.wait_for_url(site + "/match")
    assert page.locator("h1").inner_text() == _("Find peers")
    page.fill("textarea[name=demand]", DEMAND)
    page.fill("input[name=actor]", "San Salvador")
    page.check("input[name=themes][value='segib:gender']")
    page.get_by_role("button", name=_("Find peers")).click()
    page.wait_for_selector("table.ranking")
    assert "/match?demand=" in page.url  # a GET form: the search is a link
    rows = page.locator("table.ranking tbody tr")
    order = [rows.nth(i).get_attribute("id") for i in range(rows.count())]
    assert order.index("match-curitiba-trabajadoras-informales") < order.index("match-turin-empleo-femenino")
    first = page.locator("#match-curitiba-trabajadoras-informales")
    assert first.locator("meter").count() >= 3  # the score and its parts as bars
    assert "trabajadoras" in first.locator("p.words").inner_text()
    assert "Género" in first.locator("p.themes-met").inner_text()
    assert "text=0.55" in page.locator("p[data-engine]").inner_text()
    assert page.locator("textarea[name=demand]").input_value() == DEMAND  # the form keeps what was asked
    shot(page, "matching-form-results-es")
    first.get_by_role("link", name="Iniciativas para las trabajadoras informales", exact=False).click()
    page.wait_for_url(site + "/practice/curitiba-trabajadoras-informales")
    assert page.locator("#adopters").is_visible()


def test_a_mistake_is_said_at_its_field(site, browser):
    page = browser.new_page(locale="es-CO")
    page.goto(site + "/match?actor=san-salvdor")
    page.fill("textarea[name=demand]", "mujeres")
    page.get_by_role("button", name=_("Find peers")).click()
    page.wait_for_selector("#demand-error")
    assert page.locator("#demand-error").inner_text() == _(
        "the demand '{text}' is too short to match: describe the need in a sentence or more (what problem, for "
        "whom, what has been tried)").format(text="mujeres")
    assert "San Salvador" in page.locator("#actor-error").inner_text()  # the closest name
    assert page.locator("input[name=actor]").input_value() == "san-salvdor"
    shot(page, "matching-errors-es")


def test_a_practice_page_with_transfers_and_adopters(site, browser):
    page = browser.new_page(locale="es-CO", viewport={"width": 1280, "height": 900})
    page.goto(site + "/practice/buen-comienzo")
    assert page.locator("h1").inner_text() == "Buen Comienzo"
    row = page.locator("#transfer-buen-comienzo-ecuador-2011")
    assert "2011" in row.inner_text() and "Ecuador" in row.inner_text()
    assert page.locator("table.adopters tbody tr").count() == 5
    shot(page, "matching-practice-es")
    row.get_by_role("link").first.click()
    page.wait_for_url(site + "/initiative/buen-comienzo-ecuador-2011")


def test_the_bank_filters(site, browser):
    page = browser.new_page(locale="es-CO", viewport={"width": 1280, "height": 900})
    page.goto(site + "/practices")
    page.select_option("select[name=owner]", "medellin")
    page.get_by_role("button", name=_("Filter")).click()
    page.wait_for_url("**owner=medellin**")
    assert page.locator("article.practice").count() == 3
    shot(page, "matching-bank-es")


@pytest.mark.parametrize("path, name", [
    ("/match?demand=" + DEMAND.replace(" ", "+") + "&actor=san-salvador&themes=segib:gender", "results"),
    ("/match?demand=x&actor=nadie&weights=text%3Dx", "errors"),
    ("/practice/urbanismo-social", "practice"),
    ("/practices", "bank"),
])
def test_the_pages_fit_a_phone(site, browser, path, name):
    phone = browser.new_page(locale="es-CO", viewport={"width": 375, "height": 740})
    phone.goto(site + path)
    assert overflow(phone) <= 0, f"{path} is {overflow(phone)}px wider than a phone"
    shot(phone, f"matching-phone-{name}")
