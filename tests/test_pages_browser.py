"""The observatory in a real headless Chromium: what a visitor sees, clicks and reads on a phone."""

import pytest

from sursur.services.cases import load_case
from sursur.store import Store
from sursur.web.app import create_app

from .browser import chromium, serving

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    store = Store(str(tmp_path_factory.mktemp("web") / "sursur.db"), create=True)
    load_case(store, "medellin")
    with serving(create_app(store)) as url:
        yield url, store
    store.close()


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def test_a_visitor_goes_from_home_to_the_actors(site, browser, tmp_path_factory):
    url, store = site
    page = browser.new_page(locale="es-CO")  # a browser set to Spanish, as in Medellín
    page.goto(url + "/")
    assert page.locator("h1").inner_text() == "Observatorio de la Cooperación Sur–Sur descentralizada"
    page.get_by_role("link", name="Actores").first.click()
    page.wait_for_url(url + "/actors")
    with store.reading() as repo:
        expected = len(repo.actors())
    assert page.locator("tbody tr").count() == expected
    assert "Tabla 1, fila 1" in page.locator("#actor-milan").inner_text()
    page.screenshot(path=str(tmp_path_factory.getbasetemp() / "actors-es.png"), full_page=False)


def test_an_english_browser_gets_english(site, browser):
    url, _ = site
    page = browser.new_page(locale="en-US")
    page.goto(url + "/networks")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Networks"


def test_switching_language_sticks_across_pages(site, browser):
    url, _ = site
    page = browser.new_page()
    page.goto(url + "/initiatives")
    page.get_by_role("link", name="PT").click()
    assert page.locator("html").get_attribute("lang") == "pt"
    page.get_by_role("link", name="Redes").click()
    assert page.locator("html").get_attribute("lang") == "pt"
    assert page.locator("h1").inner_text() == "Redes"


def test_pages_fit_a_phone_screen(site, browser, tmp_path_factory):
    url, _ = site
    phone = browser.new_page(viewport={"width": 375, "height": 740})
    for path in ("/", "/actors", "/agreements", "/initiatives", "/networks"):
        phone.goto(url + path)
        overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} is {overflow}px wider than a phone"
    phone.screenshot(path=str(tmp_path_factory.getbasetemp() / "networks-phone.png"))


def test_no_request_leaves_the_machine(site, browser):
    url, _ = site
    page = browser.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    for path in ("/", "/actors", "/initiatives"):
        page.goto(url + path)
    assert requested and all(r.startswith(url) for r in requested)
