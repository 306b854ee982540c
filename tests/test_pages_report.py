"""The report download from an actor's page: the form, the file, and every refusal naming its parameter."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient

from sursur.reports.pdf import pdf_available
from sursur.services.cases import load_case
from sursur.store import Store
from sursur.web.app import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    store = Store(str(tmp_path_factory.mktemp("report-pages") / "sursur.db"), create=True)
    load_case(store, "medellin")
    yield TestClient(create_app(store))
    store.close()


def alert(page: str) -> str:
    found = re.search(r'<p class="error" role="alert">([^<]*)</p>', page)
    assert found, page[:500]
    return html.unescape(found.group(1))


def report_form(page: str) -> str:
    found = re.search(r'<form class="filters report-form" method="get" action="([^"]+)">(.*?)</form>', page, re.DOTALL)
    assert found, "the actor page has no report form"
    assert found.group(1) == "/actor/medellin/report"
    return found.group(2)


def test_the_actor_page_offers_the_report_after_its_facts(client):
    page = client.get("/actor/medellin?lang=en").text
    facts, form = page.index('<dl class="facts">'), page.index("report-form")
    assert facts < form < page.index("Classification under every scheme")
    form = report_form(page)
    for name in ("from", "to"):
        assert re.search(rf'<input type="number" name="{name}" min="1900" max="2100"', form)
        assert not re.search(rf'name="{name}"[^>]*required', form)  # optional: empty is every recorded year
    radios = dict(re.findall(r'<input type="radio" name="format" value="(\w+)"([^>]*)>', form))
    assert set(radios) == {"pdf", "html"}
    if pdf_available():
        assert "checked" in radios["pdf"] and "disabled" not in radios["pdf"]
    else:  # this machine cannot print PDF: the option is there, disabled, with the reason beside it
        assert "disabled" in radios["pdf"] and "checked" in radios["html"]
        assert 'id="report-no-pdf"' in page
    assert '<input type="hidden" name="scheme" value="g77-or-dac">' in form
    assert '<button type="submit">Download report</button>' in form
    assert "<script" not in form


def test_the_form_carries_the_scheme_chosen_on_the_site(client):
    form = report_form(client.get("/actor/medellin?lang=en", headers={"Cookie": "scheme=wb-income"}).text)
    assert '<input type="hidden" name="scheme" value="wb-income">' in form


def test_the_html_report_is_a_download_in_the_readers_language(client):
    answer = client.get("/actor/medellin/report?format=html&lang=en")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/html; charset=utf-8"
    assert answer.headers["content-disposition"] == 'attachment; filename="report-medellin.html"'
    text = answer.text
    assert text.lstrip().startswith("<!DOCTYPE html>") and '<html lang="en">' in text
    assert "Key figures" in text and 'data-actor="medellin"' in text


def test_the_period_and_the_scheme_reach_the_report_and_its_file_name(client):
    answer = client.get("/actor/medellin/report", params={"format": "html", "from": "2004", "to": "2016",
                                                          "scheme": "m49", "lang": "es"})
    assert answer.status_code == 200
    assert answer.headers["content-disposition"] == 'attachment; filename="report-medellin-2004-2016.html"'
    assert 'data-from="2004" data-to="2016" data-scheme="m49"' in answer.text
    assert '<html lang="es">' in answer.text
    # Without ?scheme=, the scheme chosen on the site (its cookie), as every page shows it.
    chosen = client.get("/actor/medellin/report?format=html&from=2010", headers={"Cookie": "scheme=g77"})
    assert chosen.headers["content-disposition"] == 'attachment; filename="report-medellin-from-2010.html"'
    assert 'data-from="2010" data-to="" data-scheme="g77"' in chosen.text


def test_the_pdf_report_is_a_pdf_file(client):
    answer = client.get("/actor/medellin/report?format=pdf&from=2004&to=2016&lang=en")
    assert answer.status_code == 200, alert(answer.text)
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.headers["content-disposition"] == 'attachment; filename="report-medellin-2004-2016.pdf"'
    assert answer.content.startswith(b"%PDF")


def test_the_default_format_is_pdf_where_the_server_prints_it(client):
    answer = client.get("/actor/medellin/report?lang=en")
    expected = "pdf" if pdf_available() else "html"
    assert answer.status_code == 200
    assert answer.headers["content-disposition"] == f'attachment; filename="report-medellin.{expected}"'


def test_a_period_that_ends_before_it_starts_is_refused_naming_the_parameter(client):
    answer = client.get("/actor/medellin/report?from=2016&to=2004&lang=en")
    assert answer.status_code == 422
    assert "content-disposition" not in answer.headers
    assert alert(answer.text) == "to: the period ends (2004) before it starts (2016)"


@pytest.mark.parametrize("lang, expected", [
    ("en", "from: 'abc' is not a year; write it with four digits, e.g. 2012"),
    ("es", "from: 'abc' no es un año; escríbalo con cuatro cifras, p. ej. 2012"),
])
def test_a_year_that_is_not_a_number_is_refused_in_the_readers_language(client, lang, expected):
    answer = client.get(f"/actor/medellin/report?from=abc&lang={lang}")
    assert answer.status_code == 422
    assert alert(answer.text) == expected


def test_an_unknown_format_or_scheme_is_refused_naming_the_parameter(client):
    docx = client.get("/actor/medellin/report?format=docx&lang=en")
    assert docx.status_code == 422
    assert alert(docx.text) == "format: 'docx' is not one of: pdf, html"
    scheme = client.get("/actor/medellin/report?format=html&scheme=nope&lang=en")
    assert scheme.status_code == 422
    assert alert(scheme.text).startswith("scheme: 'nope' is not one of: g77-or-dac, ")


def test_an_unknown_actor_is_the_same_404_as_its_page(client):
    page = client.get("/actor/nobody?lang=en")
    report = client.get("/actor/nobody/report?format=html&lang=en")
    assert page.status_code == report.status_code == 404
    assert alert(report.text) == alert(page.text) == "there is no actor 'nobody'"
