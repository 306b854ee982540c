"""The observatory in a real headless Chromium: what a visitor sees, clicks and reads on a phone."""


import pytest

from sursur.services.explore import explore, filters_from

from .browser import case_site, chromium, shot

pytestmark = pytest.mark.browser

# Screenshots a person looks at after a run (CI keeps this folder as an artifact; README names it).


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with case_site(tmp_path_factory.mktemp("web")) as (url, store):
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
    for path in ("/", "/actors", "/agreements", "/initiatives", "/networks", "/explore", "/actor/medellin"):
        phone.goto(url + path)
        overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} is {overflow}px wider than a phone"
    phone.screenshot(path=str(tmp_path_factory.getbasetemp() / "networks-phone.png"))


def test_no_request_leaves_the_machine(site, browser):
    url, _ = site
    page = browser.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    for path in ("/", "/actors", "/initiatives", "/explore", "/actor/medellin", "/initiative/lima-parques"):
        page.goto(url + path)
    assert requested and all(r.startswith(url) for r in requested)


def test_home_shows_medellins_figures_and_draws_its_partners_on_the_map(site, browser):
    url, store = site
    page = browser.new_page(locale="es-CO")
    page.goto(url + "/")
    assert page.locator("#actor-choice").input_value() == "medellin"
    # The figures are the key-figures indicator's: 9 initiatives and 45 agreements in the case.
    assert page.locator('[data-figure="initiatives"] strong').inner_text() == "9"
    assert page.locator('[data-figure="agreements"] strong').inner_text() == "45"
    # The article gives no amounts: the volumes say so instead of drawing zeros.
    assert page.locator('[data-state="amounts-unknown"]').is_visible()
    world = page.locator("figure.map svg")
    assert world.locator("path").count() > 170  # the shipped country shapes were drawn
    placed = world.locator("circle")
    assert placed.count() >= 15  # Medellín and the partners with a recorded place
    assert world.locator("title").first.text_content().startswith("Socios de Medellín")
    shot(page, "home-es")


def test_the_scheme_switch_changes_the_south_south_share(site, browser):
    url, _ = site
    page = browser.new_page(locale="es-CO")
    page.goto(url + "/")
    before = page.locator('[data-figure="south_south_share"] strong').inner_text()
    page.locator(".schemes a", has_text="CAD").first.click()
    page.wait_for_load_state()
    after = page.locator('[data-figure="south_south_share"] strong').inner_text()
    assert before.endswith("%") and after.endswith("%") and before != after


def test_filters_in_explore_change_the_counts(site, browser):
    url, store = site
    page = browser.new_page(locale="es-CO")
    page.goto(url + "/explore?record=agreement&actor=medellin")
    assert page.locator("[data-total]").inner_text() == "45"
    page.select_option("select[name=region]", "Latin America and the Caribbean")
    page.get_by_role("button", name="Filtrar").click()
    page.wait_for_url("**/explore?*region=*")
    expected = explore(store, filters_from({"record": "agreement", "actor": "medellin",
                                            "region": "Latin America and the Caribbean"})).total
    assert 0 < expected < 45
    assert page.locator("[data-total]").inner_text() == str(expected)
    assert page.locator("tbody tr").count() == expected
    shot(page, "explore-es")


def test_the_actor_page_has_its_classification_under_every_scheme(site, browser):
    url, _ = site
    page = browser.new_page(locale="pt-BR")
    page.goto(url + "/actor/medellin")
    assert page.locator("html").get_attribute("lang") == "pt"
    assert page.locator("table.sensitivity tbody tr").count() == 5
    assert page.locator("figure.map svg path").count() > 170
    shot(page, "actor-medellin-pt")


def test_a_wrong_filter_is_explained_not_a_crash(site, browser):
    url, _ = site
    page = browser.new_page(locale="en-US")
    response = page.goto(url + "/explore?country=XX")
    assert response.status == 422
    assert "XX" in page.locator("[role=alert]").inner_text()


def test_partners_by_area_is_the_articles_tables_sortable_and_filterable(site, browser):
    url, store = site
    from sursur.services.indicators import run_indicator

    table = run_indicator(store, "partners-by-area", "medellin")
    subnational = [r for r in table.rows if r["partner_kind"] == "subnational"]
    page = browser.new_page(locale="es-CO")
    page.goto(url + "/partners")
    assert page.locator("[data-total]").inner_text() == str(len(table.rows))
    page.select_option("select[name=kind]", "subnational")
    page.get_by_role("button", name="Filtrar").click()
    page.wait_for_url("**kind=subnational*")
    assert page.locator("tbody tr").count() == len(subnational)
    # The article's Tabla 1 cities are there (Buenos Aires, Bilbao, Morón...).
    names = page.locator("tbody tr td:first-child").all_inner_texts()
    assert {"Buenos Aires", "Bilbao", "Morón"} <= set(names)
    page.get_by_role("link", name="País").click()
    page.wait_for_url("**sort=country*")
    by_country = [r["name"] for r in sorted(subnational, key=lambda r: (r["country"] or "~", r["name"]))]
    assert page.locator("tbody tr td:first-child").all_inner_texts() == by_country
    page.get_by_role("link", name="País ↑").click()  # again: descending
    page.wait_for_url("**desc=1*")
    assert page.locator("th[aria-sort=descending]").count() == 1
    assert page.locator("tbody tr td:first-child").all_inner_texts() == by_country[::-1]
    shot(page, "partners-es")


def test_the_networks_page_maps_founders_apart_from_later_members(site, browser):
    url, store = site
    page = browser.new_page(locale="es-CO")
    page.goto(url + "/networks")
    section = page.locator("#network-mercociudades")
    world = section.locator("figure.map svg")
    assert world.locator("path").count() > 170
    # The article's Ilustración 1: 12 founding cities; Medellín joined later.
    assert world.locator("a .founder").count() == 12
    assert world.locator("a .member").count() == 1  # Medellín
    assert section.locator("figure svg").nth(1).locator("title").first.text_content()
    shot(page, "networks-es")


def test_the_rule_chosen_on_the_methodology_page_changes_every_figure(site, browser):
    url, _ = site
    context = browser.new_context(locale="es-CO")  # its own cookies: the choice must not leak to other tests
    page = context.new_page()
    page.goto(url + "/")
    before = page.locator('[data-figure="south_south_share"] strong').inner_text()
    page.goto(url + "/methodology")
    assert page.locator("[data-chosen]").get_attribute("data-chosen") == "g77-or-dac"
    page.locator("#scheme-dac-recipients a").click()
    assert page.locator("[data-chosen]").get_attribute("data-chosen") == "dac-recipients"
    page.goto(url + "/")  # no parameter: the choice is remembered
    assert page.locator(".schemes strong").first.inner_text().startswith("Lista de receptores")
    assert page.locator('[data-figure="south_south_share"] strong').inner_text() != before
    context.close()


def test_a_list_downloads_as_files_that_open(site, browser, tmp_path):
    import csv
    import json

    from openpyxl import load_workbook

    url, store = site
    expected = explore(store, filters_from({"record": "agreement", "actor": "medellin",
                                            "region": "Latin America and the Caribbean"})).total
    page = browser.new_page(locale="es-CO")
    page.goto(url + "/explore?record=agreement&actor=medellin&region=Latin+America+and+the+Caribbean")
    files = {}
    for fmt in ("csv", "xlsx", "geojson"):
        with page.expect_download() as caught:
            page.locator(f'a[data-format="{fmt}"]').click()
        files[fmt] = tmp_path / caught.value.suggested_filename
        caught.value.save_as(files[fmt])
    with files["csv"].open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == expected and all(r["source"] for r in rows)
    sheet = load_workbook(files["xlsx"]).active
    assert sheet.max_row - 1 == expected
    features = json.loads(files["geojson"].read_text(encoding="utf-8"))["features"]
    lines = [f for f in features if f["geometry"]["type"] == "LineString"]
    assert lines and {f["properties"]["record"] for f in lines} == {"agreement"}


def test_the_actor_page_shows_its_countrys_groupings_and_a_table_for_its_map(site, browser):
    url, store = site
    page = browser.new_page(locale="en-US")
    page.goto(url + "/actor/medellin")
    page.get_by_text("Groupings of Colombia").click()
    groupings = page.locator("table.groupings")
    assert groupings.is_visible()
    row = groupings.locator("tr", has_text="G77 member")
    assert row.locator("td").nth(1).inner_text() == "yes"  # Colombia is in the G77 (countrygroups 2021)
    page.get_by_text("The partners as a table").click()
    from sursur.services.indicators import run_indicator

    figures = {r["figure"]: r["value"] for r in run_indicator(store, "key-figures", "medellin").rows}
    partners = page.locator("details", has_text="The partners as a table").locator("tbody tr")
    assert partners.count() == figures["partners"]  # the map's table counts the key figure's partners


def _tab_to(page, selector: str, most: int = 60) -> None:
    """Presses Tab until the element matching `selector` has the focus (as a keyboard user would)."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"{selector} cannot be reached with Tab")


def test_explore_works_with_the_keyboard_alone(site, browser):
    url, store = site
    page = browser.new_page(locale="es-CO")
    page.goto(url + "/")
    _tab_to(page, 'nav a[href="/explore"]')
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # the focused link is visibly marked
    page.keyboard.press("Enter")
    page.wait_for_url(url + "/explore")
    total = page.locator("[data-total]").inner_text()
    _tab_to(page, "select[name=modality]")
    page.keyboard.press("ArrowDown")  # the first modality after "all"
    chosen = page.evaluate("document.activeElement.value")
    _tab_to(page, "form.filters button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**modality={chosen}*")
    expected = explore(store, filters_from({"modality": chosen})).total
    assert page.locator("[data-total]").inner_text() == str(expected) != total


def test_switching_language_keeps_the_page_and_what_it_shows(site, browser):
    url, _ = site
    page = browser.new_page(locale="es-CO")
    page.goto(url + "/explore?record=agreement&actor=medellin&country=ARG")
    total = page.locator("[data-total]").inner_text()
    page.locator("a[hreflang=en]").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert "country=ARG" in page.url and page.locator("[data-total]").inner_text() == total


def test_a_wrong_value_in_explore_is_said_beside_the_form_and_the_rest_kept(site, browser):
    url, store = site
    page = browser.new_page(locale="es-CO")
    # The name as pages show it works as well as the key; the year is the mistake.
    response = page.goto(url + "/explore?record=agreement&actor=Medell%C3%ADn&to=201")
    assert response.status == 422
    assert "201" in page.locator("[role=alert]").inner_text()
    assert page.locator("form.filters").is_visible()
    expected = explore(store, filters_from({"record": "agreement", "actor": "medellin"})).total
    assert page.locator("[data-total]").inner_text() == str(expected)


def test_compact_tables_keep_their_headers_on_a_phone(site, browser):
    url, _ = site
    phone = browser.new_page(viewport={"width": 375, "height": 740}, locale="es-CO")
    for path in ("/partners", "/actor/medellin", "/api/v1/docs"):
        phone.goto(url + path)
        overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} is {overflow}px wider than a phone"
    phone.goto(url + "/partners")
    assert phone.locator("thead th a").first.is_visible()  # the sort links are there to tap
    phone.goto(url + "/actor/medellin")
    assert phone.locator("table.sensitivity thead").is_visible()
