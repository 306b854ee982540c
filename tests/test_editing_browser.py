"""Editing in a real headless Chromium: an editor of Medellín signs in, creates an initiative with Lima,
publishes it, signs out, and finds the new partnership on Lima's public page and its partner map."""


import pytest

from sursur.services.accounts import add_user

from .browser import case_site, chromium, shot

pytestmark = pytest.mark.browser

EMAIL, PASSWORD = "editora@medellin.gov.co", "a long enough password"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with case_site(tmp_path_factory.mktemp("editing-web")) as (url, store):
        add_user(store, EMAIL, "medellin", "editor", PASSWORD)
        yield url, store


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def test_an_editor_publishes_an_initiative_and_the_public_map_shows_the_partnership(site, browser):
    url, _ = site
    key = "parques-lima-medellin-2026"
    page = browser.new_page(locale="en-US")
    # Before: Lima and Medellín meet only in a multilateral programme (Proyecto AL).
    page.goto(url + "/actor/lima")
    assert page.locator(f"#initiative-{key}").count() == 0
    before = page.locator("figure.map svg").inner_html()
    assert "Lima – Medellín: Multilateral: 1<" in before

    page.goto(url + "/login")
    page.fill("#email", EMAIL)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(url + "/my")
    assert page.locator('[data-role="editor"]').is_visible()
    page.get_by_role("link", name="New initiative").click()
    page.wait_for_url(url + "/edit/initiatives/new")

    page.fill("#f-key", key)
    page.fill("#f-title", "Parques para todos: Medellín y Lima")
    page.fill("#f-description", "Intercambio de experiencias de urbanismo social entre las dos ciudades.")
    page.select_option("#f-language", "es")
    page.select_option("#f-modality", "bilateral")
    page.select_option("#f-instrument", "project")
    page.select_option("#f-status", "ongoing")
    page.fill("#f-start", "2026-03")
    page.fill("#f-cooperation_types", "knowledge_exchange; technical")
    page.fill("#f-participants", "medellin:offerer; lima:receiver")
    page.select_option("#f-flows-0-kind", "commitment")
    page.fill("#f-flows-0-amount", "-25000")  # a slip: the page says so at the field
    page.fill("#f-flows-0-currency", "USD")
    page.fill("#f-flows-0-year", "2026")
    page.fill("#f-flows-0-from", "medellin")
    page.fill("#f-flows-0-to", "lima")
    page.get_by_role("button", name="Save as a draft").click()
    page.wait_for_load_state()
    assert page.locator("#f-flows-0-amount").get_attribute("aria-invalid") == "true"
    assert "negative" in page.locator("#f-flows-0-amount-error").inner_text()
    assert page.locator("#f-title").input_value() == "Parques para todos: Medellín y Lima"  # nothing lost
    shot(page, "editing-form-error")
    page.fill("#f-flows-0-amount", "25000")
    page.get_by_role("button", name="Save as a draft").click()
    page.wait_for_url(f"**/edit/initiatives/{key}?saved=1")
    assert page.locator('[data-state="draft"]').is_visible()
    shot(page, "editing-draft")

    page.get_by_role("button", name="Publish").click()
    page.wait_for_url(f"**/edit/initiatives/{key}?published=1")
    assert page.locator('[data-state="published"]').is_visible()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(url + "/")
    assert page.get_by_role("link", name="Sign in").is_visible()

    # Signed out, the public sees it: on Lima's page, in its initiatives and on its partner map.
    page.goto(url + "/actor/lima")
    row = page.locator(f"#initiative-{key}")
    assert row.count() == 1 and "Parques para todos: Medellín y Lima" in row.inner_text()
    assert row.locator('[data-class="south_south"]').count() == 1
    after = page.locator("figure.map svg").inner_html()
    assert "Lima – Medellín: South–South: 1; Multilateral: 1<" in after
    page.locator("details", has_text="The partners as a table").locator("summary").click()
    medellin = page.locator("details tr", has=page.locator('a[href="/actor/medellin"]'))
    assert "South–South" in medellin.inner_text()
    shot(page, "editing-actor-lima")
    page.goto(url + f"/initiative/{key}")
    assert page.locator("h1").inner_text() == "Parques para todos: Medellín y Lima"
    assert "25,000.00 USD" in page.locator("main").inner_text()
    assert page.get_by_role("link", name="Edit").count() == 0  # signed out: no edit link
