"""The editing pages over HTTP, as an editor, a viewer, another organisation's editor and an admin use them:
sign in through the form, create a draft, correct what the form says is wrong, publish, edit, delete, and
read the audit trail. Every change goes through the same service and permission function as the API."""

from __future__ import annotations

import re
from datetime import date, timedelta

import lxml.html
import pytest
from fastapi.testclient import TestClient

from sursur.services import editing
from sursur.services.accounts import add_user, find_user
from sursur.services.cases import load_case
from sursur.store import Store
from sursur.web.app import create_app

PASSWORD = "a long enough password"
EDITOR, VIEWER, LIMA, ADMIN = ("editora@medellin.gov.co", "visor@medellin.gov.co", "editor@lima.gob.pe",
                               "admin@sursur.org")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('editing') / 'sursur.db'}", create=True)
    load_case(store, "medellin")
    for email, organisation, role in ((EDITOR, "medellin", "editor"), (VIEWER, "medellin", "viewer"),
                                      (LIMA, "lima", "editor"), (ADMIN, "medellin", "admin")):
        add_user(store, email, organisation, role, PASSWORD)
    yield create_app(store), store
    store.close()


class Browser:
    """One person's session: a client with its cookies, signed in through the sign-in form."""

    def __init__(self, app, email: str | None = None):
        self.client = TestClient(app, headers={"Accept-Language": "en"})
        self.csrf = ""
        if email:
            page = self.client.get("/login?next=/my")
            answer = self.client.post("/login", data={"email": email, "password": PASSWORD, "next": "/my",
                                                      "csrf": csrf_of(page.text)}, follow_redirects=False)
            assert answer.status_code == 303 and answer.headers["location"] == "/my"
            self.csrf = csrf_of(self.client.get("/my").text)

    def get(self, path: str, **kw):
        return self.client.get(path, **kw)

    def post(self, path: str, data: dict, csrf: bool = True):
        return self.client.post(path, data={**({"csrf": self.csrf} if csrf else {}), **data},
                                follow_redirects=False)


def csrf_of(page: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page)[1]


def html(answer):
    return lxml.html.fromstring(answer.text)


def form_values(answer) -> dict:
    """The edit form's fields as the browser would send them back."""
    form = html(answer).xpath('//form[contains(@class, "edit-form")]')[0]
    return dict(form.form_values())


def initiative(key: str, **changes) -> dict:
    data = {"key": key, "title": f"Parques compartidos {key}", "modality": "bilateral", "instrument": "project",
            "status": "ongoing", "start": "2026", "participants": "medellin:offerer; lima:receiver",
            "cooperation_types": "knowledge_exchange", "language": "es",
            "flows-0-kind": "commitment", "flows-0-amount": "25000", "flows-0-currency": "USD",
            "flows-0-year": "2026", "flows-0-from": "medellin", "flows-0-to": "lima"}
    return {**data, **changes}


def create(who: Browser, key: str, **changes) -> str:
    answer = who.post("/edit/initiatives/new", initiative(key, **changes))
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == f"/edit/initiatives/{key}?saved=1"
    return key


def stored(store, kind: str, key: str):
    return editing.get(store, find_user(store, ADMIN), kind, key)


def test_signing_in_through_the_form_leads_to_my_page(site):
    app, _ = site
    editor = Browser(app, EDITOR)
    page = editor.get("/my")
    assert page.status_code == 200
    assert EDITOR in page.text and 'data-role="editor"' in page.text
    for kind in ("actors", "agreements", "initiatives", "memberships", "practices"):
        assert f'href="/edit/{kind}/new"' in page.text
    assert 'href="/audit"' not in page.text  # only admins
    assert 'href="/audit"' in Browser(app, ADMIN).get("/my").text


def test_signed_out_my_and_new_send_to_the_sign_in_page(site):
    app, _ = site
    visitor = Browser(app)
    for path in ("/my", "/edit/initiatives/new", "/audit"):
        answer = visitor.get(path, follow_redirects=False)
        assert answer.status_code == 303 and answer.headers["location"].startswith(f"/login?next={path}")


def test_a_new_initiative_is_a_draft_the_public_does_not_see(site):
    app, _ = site
    editor = Browser(app, EDITOR)
    key = create(editor, "parques-borrador")
    page = editor.get(f"/edit/initiatives/{key}?saved=1")
    assert page.status_code == 200
    tree = html(page)
    assert tree.xpath('//*[@data-state="draft"]') and "Saved." in page.text
    assert tree.get_element_by_id("f-title").get("value") == "Parques compartidos parques-borrador"
    assert tree.get_element_by_id("f-flows-0-amount").get("value") == "25000"
    assert tree.get_element_by_id("f-flows-1-amount").get("value") == ""  # empty rows to add flows
    assert tree.get_element_by_id("f-title").get("required") is not None
    assert [o.get("value") for o in tree.get_element_by_id("f-modality").xpath(".//option[@selected]")] == \
        ["bilateral"]
    assert f'id="draft-initiatives-{key}"' in editor.get("/my").text
    visitor = Browser(app)
    assert "Parques compartidos parques-borrador" not in visitor.get("/initiatives").text
    assert visitor.get(f"/api/v1/initiatives/{key}").status_code == 404
    assert visitor.get(f"/initiative/{key}").status_code == 404
    assert visitor.get(f"/edit/initiatives/{key}").status_code == 404  # its existence is private
    assert Browser(app, LIMA).get(f"/edit/initiatives/{key}").status_code == 404  # another organisation's draft


def test_a_wrong_value_is_shown_at_its_field_and_nothing_is_saved(site):
    app, store = site
    editor = Browser(app, EDITOR)
    answer = editor.post("/edit/initiatives/new", initiative("parques-mal", modality="bilaterl",
                                                             **{"flows-0-amount": "-5"}))
    assert answer.status_code == 422
    tree = html(answer)
    modality = tree.get_element_by_id("f-modality")
    assert modality.get("aria-invalid") == "true"
    assert "bilaterl" in tree.get_element_by_id("f-modality-error").text_content()
    assert modality.xpath(".//option[@selected]")[0].get("value") == "bilaterl"  # the user's value stays
    amount = tree.get_element_by_id("f-flows-0-amount")
    assert amount.get("aria-invalid") == "true" and amount.get("value") == "-5"
    assert "negative" in tree.get_element_by_id("f-flows-0-amount-error").text_content()
    summary = tree.get_element_by_id("summary")
    assert "nothing was saved" in summary.text_content()
    assert {a.get("href") for a in summary.xpath(".//a")} == {"#f-modality", "#f-flows-0-amount"}
    assert tree.get_element_by_id("f-title").get("aria-invalid") is None
    assert tree.get_element_by_id("f-title").get("value") == "Parques compartidos parques-mal"
    with pytest.raises(editing.NotFound):
        stored(store, "initiatives", "parques-mal")
    # The same on an edit: the draft keeps its values and its version.
    key = create(editor, "parques-corregir")
    answer = editor.post(f"/edit/initiatives/{key}", {**initiative(key, modality="bilaterl"), "version": "1"})
    assert answer.status_code == 422
    assert html(answer).get_element_by_id("f-modality").get("aria-invalid") == "true"
    found = stored(store, "initiatives", key)
    assert found.version == 1 and found.data["modality"] == "bilateral"


def test_a_form_without_its_csrf_token_changes_nothing(site):
    app, store = site
    editor = Browser(app, EDITOR)
    key = create(editor, "parques-csrf")
    for csrf in (None, "not-the-token"):
        data = {**initiative(key, title="Cambiado"), "version": "1"}
        if csrf:
            data["csrf"] = csrf
        for path, sent in ((f"/edit/initiatives/{key}", data), (f"/edit/initiatives/{key}/publish", {"version": "1"}),
                           (f"/edit/initiatives/{key}/delete", {"version": "1", "confirm": "yes"}),
                           ("/edit/initiatives/new", initiative("parques-csrf-2"))):
            answer = editor.client.post(path, data={**sent, **({"csrf": csrf} if csrf else {})},
                                        follow_redirects=False)
            assert answer.status_code == 403, path
            assert "did not come from this site" in answer.text
    found = stored(store, "initiatives", key)
    assert found.state == "draft" and found.version == 1 and found.data["title"] != "Cambiado"
    with pytest.raises(editing.NotFound):
        stored(store, "initiatives", "parques-csrf-2")


def test_publishing_shows_it_to_everyone(site):
    app, store = site
    editor = Browser(app, EDITOR)
    visitor = Browser(app)
    key = create(editor, "parques-publicar")
    assert "Parques compartidos parques-publicar" not in visitor.get("/initiatives").text
    answer = editor.post(f"/edit/initiatives/{key}/publish", {"version": "1"})
    assert answer.status_code == 303 and answer.headers["location"] == f"/edit/initiatives/{key}?published=1"
    page = editor.get(answer.headers["location"])
    assert html(page).xpath('//*[@data-state="published"]')
    assert f'href="/initiative/{key}"' in page.text
    assert "Parques compartidos parques-publicar" in visitor.get("/initiatives").text
    api = visitor.get(f"/api/v1/initiatives/{key}")
    assert api.status_code == 200 and api.json()["title"] == "Parques compartidos parques-publicar"
    # The public page offers its editors an "Edit" link, and no one else.
    assert f'href="/edit/initiatives/{key}"' in editor.get(f"/initiative/{key}").text
    assert f'href="/edit/initiatives/{key}"' not in visitor.get(f"/initiative/{key}").text
    assert f'href="/edit/initiatives/{key}"' not in Browser(app, LIMA).get(f"/initiative/{key}").text
    # A published record is edited in place.
    data = {**initiative(key, title="Parques compartidos, segunda fase"), "version": "1"}
    answer = editor.post(f"/edit/initiatives/{key}", data)
    assert answer.status_code == 303 and answer.headers["location"].endswith("?saved=1")
    assert visitor.get(f"/api/v1/initiatives/{key}").json()["title"] == "Parques compartidos, segunda fase"
    assert stored(store, "initiatives", key).version == 2


def test_another_organisations_editor_may_not_change_it(site):
    app, store = site
    key = create(Browser(app, EDITOR), "parques-ajeno")
    Browser(app, EDITOR).post(f"/edit/initiatives/{key}/publish", {"version": "1"})
    lima = Browser(app, LIMA)
    page = lima.get(f"/edit/initiatives/{key}")  # published: readable, not changeable
    assert page.status_code == 200 and "You may see this record but not change it." in page.text
    assert "/publish" not in page.text and "/delete" not in page.text
    for path, data in ((f"/edit/initiatives/{key}", {**initiative(key, title="De Lima"), "version": "1"}),
                       (f"/edit/initiatives/{key}/delete", {"version": "1", "confirm": "yes"})):
        answer = lima.post(path, data)
        assert answer.status_code == 403
        assert "belongs to medellin" in answer.text
    found = stored(store, "initiatives", key)
    assert found.version == 1 and found.data["title"] == "Parques compartidos parques-ajeno"


def test_a_viewer_sees_the_draft_but_may_not_save_it(site):
    app, store = site
    key = create(Browser(app, EDITOR), "parques-visor")
    viewer = Browser(app, VIEWER)
    assert f'id="draft-initiatives-{key}"' in viewer.get("/my").text
    assert 'href="/edit/initiatives/new"' not in viewer.get("/my").text
    page = viewer.get(f"/edit/initiatives/{key}")
    assert page.status_code == 200 and "Parques compartidos parques-visor" in page.text
    assert "You may see this record but not change it." in page.text
    answer = viewer.post(f"/edit/initiatives/{key}", {**initiative(key, title="Del visor"), "version": "1"})
    assert answer.status_code == 403 and "viewer" in answer.text
    assert viewer.post(f"/edit/initiatives/{key}/publish", {"version": "1"}).status_code == 403
    assert viewer.get("/edit/initiatives/new").status_code == 403
    found = stored(store, "initiatives", key)
    assert found.state == "draft" and found.version == 1 and found.data["title"] == "Parques compartidos parques-visor"


def test_a_stale_form_is_refused_with_the_current_values_beside_it(site):
    app, store = site
    key = create(Browser(app, EDITOR), "parques-doble")
    first, second = Browser(app, EDITOR), Browser(app, EDITOR)
    form_first = form_values(first.get(f"/edit/initiatives/{key}"))
    form_second = form_values(second.get(f"/edit/initiatives/{key}"))
    assert form_first["version"] == form_second["version"] == "1"
    answer = first.post(f"/edit/initiatives/{key}", {**form_first, "title": "Primer guardado", "status": "completed"})
    assert answer.status_code == 303
    answer = second.post(f"/edit/initiatives/{key}", {**form_second, "title": "Segundo guardado"})
    assert answer.status_code == 409
    tree = html(answer)
    summary = tree.get_element_by_id("summary").text_content()
    assert "was changed since you opened it" in summary and EDITOR in summary and "Nothing was saved" in summary
    assert tree.get_element_by_id("f-title").get("value") == "Segundo guardado"  # the user's values kept
    beside = {p.get("data-stored"): p.text_content() for p in tree.xpath("//*[@data-stored]")}
    assert "Primer guardado" in beside["title"] and "completed" in beside["status"]
    assert "modality" not in beside  # the same on both sides
    assert form_values(answer)["version"] == "2"  # a second save applies over what is stored now
    found = stored(store, "initiatives", key)
    assert found.version == 2 and found.data["title"] == "Primer guardado"
    answer = second.post(f"/edit/initiatives/{key}", form_values(answer))
    assert answer.status_code == 303
    found = stored(store, "initiatives", key)
    assert found.version == 3 and found.data["title"] == "Segundo guardado"


def test_deleting_asks_for_confirmation_and_is_in_the_audit_trail(site):
    app, store = site
    editor = Browser(app, EDITOR)
    key = create(editor, "parques-borrar")
    answer = editor.post(f"/edit/initiatives/{key}/delete", {"version": "1"})
    assert answer.status_code == 422 and "yes, delete it" in answer.text
    assert stored(store, "initiatives", key).state == "draft"
    answer = editor.post(f"/edit/initiatives/{key}/delete", {"version": "1", "confirm": "yes"})
    assert answer.status_code == 303 and answer.headers["location"] == "/my?deleted=1"
    assert "The record was deleted." in editor.get("/my?deleted=1").text
    assert editor.get(f"/edit/initiatives/{key}").status_code == 404
    trail = Browser(app, ADMIN).get(f"/audit?kind=initiatives&key={key}")
    tree = html(trail)
    assert [r.get("data-action") for r in tree.xpath("//tr[@data-action]")] == ["delete", "create"]
    assert EDITOR in trail.text


def test_the_audit_trail_is_for_admins_and_shows_each_change(site):
    app, _ = site
    editor = Browser(app, EDITOR)
    key = create(editor, "parques-auditar")
    data = form_values(editor.get(f"/edit/initiatives/{key}"))
    editor.post(f"/edit/initiatives/{key}", {**data, "title": "Parques auditados"})
    assert editor.get("/audit").status_code == 403
    assert Browser(app, VIEWER).get("/audit").status_code == 403
    admin = Browser(app, ADMIN)
    page = admin.get(f"/audit?kind=initiatives&key={key}&user={EDITOR}")
    assert page.status_code == 200
    rows = html(page).xpath("//tr[@data-action]")
    assert [r.get("data-action") for r in rows] == ["update", "create"]  # newest first
    edit = rows[0]
    assert EDITOR in edit.text_content() and "draft" in edit.text_content()
    assert [li.get("data-field") for li in edit.xpath(".//li[@data-field]")] == ["title"]
    assert "Parques compartidos parques-auditar" in edit.xpath(".//*[@class='before']")[0].text_content()
    assert edit.xpath(".//*[@class='after']")[0].text_content() == "Parques auditados"
    assert html(admin.get(f"/audit?user={LIMA}")).xpath("//tr[@data-action]") == []


def test_the_record_as_it_was_at_a_past_date(site):
    app, _ = site
    admin = Browser(app, ADMIN)
    # A record of the case, kept by the admins, edited today: before today it had the source's values.
    data = form_values(admin.get("/edit/agreements/t1-milan"))
    old_area = data["area"]
    assert admin.post("/edit/agreements/t1-milan", {**data, "area": "Moda y diseño"}).status_code == 303
    past = (date.today() - timedelta(days=30)).isoformat()
    page = admin.get(f"/audit?kind=agreements&key=t1-milan&at={past}")
    section = html(page).get_element_by_id("as-of")
    facts = dict(zip([d.text_content() for d in section.xpath(".//dt")],
                     [d.text_content() for d in section.xpath(".//dd")]))
    assert facts["area"] == old_area != "Moda y diseño"
    today = html(admin.get(f"/audit?kind=agreements&key=t1-milan&at={date.today().isoformat()}"))
    assert "Moda y diseño" in today.get_element_by_id("as-of").text_content()
    # A record created today did not exist then; a date that is not one is said so.
    key = create(Browser(app, EDITOR), "parques-fecha")
    assert "did not exist then" in admin.get(f"/audit?kind=initiatives&key={key}&at={past}").text
    wrong = admin.get(f"/audit?kind=initiatives&key={key}&at=2026-13-45")
    assert wrong.status_code == 422 and "2026-13-45" in html(wrong).xpath("//*[@role='alert']")[0].text_content()


def test_every_kind_has_its_form_and_a_membership_is_found_by_actor_and_network(site):
    app, store = site
    editor = Browser(app, EDITOR)
    for kind in ("actors", "agreements", "initiatives", "memberships", "practices"):
        page = editor.get(f"/edit/{kind}/new")
        assert page.status_code == 200
        names = {e.get("name") for e in html(page).xpath('//form[contains(@class, "edit-form")]//*[@name]')}
        assert {c.key for c in editing.columns(kind)} <= names
    assert editor.get("/edit/sources/new").status_code == 404
    answer = editor.post("/edit/memberships/new", {"actor": "lima", "network": "mercociudades", "joined": "2026",
                                                   "founding": "no"})
    assert answer.status_code == 303
    assert answer.headers["location"] == "/edit/memberships/lima%40mercociudades?saved=1"
    page = editor.get(answer.headers["location"])
    tree = html(page)
    assert tree.get_element_by_id("f-actor").get("readonly") is not None
    assert tree.get_element_by_id("f-joined").get("value") == "2026"
    # The address decides which membership is saved, whatever the form says.
    data = {**form_values(page), "actor": "quito", "joined": "2025"}
    assert editor.post("/edit/memberships/lima@mercociudades", data).status_code == 303
    found = stored(store, "memberships", "lima@mercociudades")
    assert found.data["actor"] == "lima" and found.data["joined"] == "2025"
