"""Downloading an actor's report from its page in a real headless Chromium, as a visitor in Medellín would."""

from __future__ import annotations

import re
import subprocess

import pytest

from sursur.i18n import gettext_for

from .browser import case_site, chromium, shot

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with case_site(tmp_path_factory.mktemp("report-web")) as (url, store):
        yield url, store


def test_a_visitor_downloads_the_pdf_report_of_a_period(site, tmp_path):
    url, _store = site
    _ = gettext_for("es")
    with chromium() as browser:
        context = browser.new_context(locale="es-CO", accept_downloads=True)
        page = context.new_page()
        page.goto(url + "/actor/medellin")
        assert page.locator("html").get_attribute("lang") == "es"
        form = page.locator("form.report-form")
        assert form.is_visible()
        form.get_by_label(_("From (year)")).fill("2004")
        form.get_by_label(_("To (year)")).fill("2016")
        assert form.locator('input[name="format"][value="pdf"]').is_checked()
        shot(page, "actor-report-form")
        with page.expect_download(timeout=60_000) as started:
            with page.expect_response(lambda r: "/actor/medellin/report?" in r.url) as answered:
                form.get_by_role("button", name=_("Download report")).click()
            # A refusal is a page, not a file: said at once rather than after the download's time limit.
            assert answered.value.status == 200, answered.value.text()
            assert "from=2004&to=2016&format=pdf&scheme=g77-or-dac" in answered.value.url
        download = started.value
        assert download.suggested_filename == "report-medellin-2004-2016.pdf"
        saved = tmp_path / download.suggested_filename
        download.save_as(saved)
        context.close()
    content = saved.read_bytes()
    assert content.startswith(b"%PDF")
    info = subprocess.run(["pdfinfo", str(saved)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))
    assert pages > 1
    text = subprocess.run(["pdftotext", "-layout", str(saved), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Medellín" in text and "2004–2016" in text  # the cover names the actor and the period asked
