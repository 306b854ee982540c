"""`sursur report` as its reader meets it: the Medellín case in a new SQLite database (loaded and geocoded
through the command line), reports written by the command (real WeasyPrint), read back with Debian's
pdftotext and pdftoppm and with lxml, and their figures compared with what the indicators API answers for
the same actor, period and scheme.

Each report is made once per module (a PDF takes seconds) and shared by the tests that read it. The
Spanish Medellín pages are kept as pictures in artifacts/report/ (CI keeps the folder).
"""

from __future__ import annotations

import re
import shutil
from datetime import UTC, date, datetime
from importlib.resources import files
from pathlib import Path

import lxml.html
import pytest
import yaml
from babel.dates import format_date
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sursur.cli import app
from sursur.domain.classification import RelationClass
from sursur.i18n import gettext_for
from sursur.store import Store
from sursur.web.app import create_app

from .report_helpers import Pdf, colour, flat, ink, shade

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts" / "report"  # CI keeps this folder

# The report's numbered sections, in order, by their English msgids (reports/html.py, sections()): the
# test expects each, translated by the catalogue of the report's language, in the PDF.
SECTIONS = ["Key figures", "Partners by area and kind", "Volumes by year", "Partners on the map", "Networks",
            "South–South share under every scheme", "Offer and reception", "Thematic profile", "Concentration",
            "Initiatives", "Agreements", "Data quality", "Annex: methodology", "Annex: sources"]
EMPTY_SECTIONS = ["No cooperation recorded", "Sources"]
NO_DATA = ("sursur holds no initiative or agreement of {name} in this period ({period}). There is nothing to "
           "measure yet: register its cooperation (sursur import, or the edit pages) and make the report again.")
UNDATED = "{initiatives} initiatives and {agreements} agreements have no year and are outside the period asked for"
LOCALES = {"es": "es_CO", "en": "en", "pt": "pt_BR"}  # how each language writes its dates (Babel)
DECIMAL = {"es": ",", "en": ".", "pt": ","}

# The three Medellín PDFs: the language, how it is asked for, and the period.
PDFS = {"es": (["report", "--lang", "es"], None, None),
        "en": (["report", "--lang", "en"], None, None),
        "pt": (["--lang", "pt", "report", "--from", "2004", "--to", "2016"], 2004, 2016)}  # the global --lang


# --- the case, as medellin.yaml gives it ----------------------------------------------------------------

CASE = yaml.safe_load((files("sursur") / "interchange" / "cases" / "medellin.yaml").read_text("utf-8"))


def family(key: str) -> set[str]:
    """The actor and its own bodies (the ACI, the EDU): their records are Medellín's."""
    found = {key}
    while more := {a["key"] for a in CASE["actors"] if a.get("parent") in found} - found:
        found |= more
    return found


def _year(value) -> int | None:
    return int(str(value)[:4]) if value else None


def medellin_records(start: int | None, end: int | None) -> tuple[set[str], set[str], int, int]:
    """(initiatives in the period, agreements in the period, undated initiatives, undated agreements)."""
    mine = family("medellin")
    initiatives = [i for i in CASE["initiatives"] if mine & {p.get("actor") for p in i["participants"]}]
    agreements = [g for g in CASE["agreements"] if mine & set(g["parties"])]

    def inside(year):  # with no period asked for, every record counts, dated or not
        if start is None and end is None:
            return True
        return year is not None and (start is None or year >= start) and (end is None or year <= end)
    i_years = {i["key"]: _year(i.get("start")) or _year(i.get("end")) for i in initiatives}
    g_years = {g["key"]: _year(g.get("signed")) for g in agreements}
    return ({k for k, y in i_years.items() if inside(y)}, {k for k, y in g_years.items() if inside(y)},
            sum(y is None for y in i_years.values()), sum(y is None for y in g_years.values()))


# --- making reports through the command line -----------------------------------------------------------

def sursur(db: Path, *args: str):
    return runner.invoke(app, ["--db", str(db), *args])


def made(result, path: Path) -> Path:
    assert result.exit_code == 0, result.output
    assert path.is_file() and path.stat().st_size > 0, result.output
    assert str(path) in flat(result.output), result.output  # the command says where the report is
    return path


def refused(result, *said: str) -> None:
    """Exit 1 with a message, not a traceback."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output, result.output
    text = flat(result.output)
    for words in said:
        assert words in text, f"{words!r} not in {text!r}"


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("report")


@pytest.fixture(scope="module")
def db(folder) -> Path:
    path = folder / "case.db"
    result = sursur(path, "case", "load", "medellin")
    assert result.exit_code == 0, result.output
    result = sursur(path, "actors", "geocode")  # the places the partner map draws, as `make run` does
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="module")
def made_at() -> set[date]:
    """The days (UTC) while the module's reports are made: one, unless the run crosses midnight."""
    return {datetime.now(UTC).date()}


@pytest.fixture(scope="module")
def pdfs(db, folder, made_at) -> dict[str, Pdf]:
    found = {}
    for lang, (args, *_period) in PDFS.items():
        out = folder / f"informe-{lang}.pdf"
        cli = list(args)
        at = cli.index("report") + 1
        cli[at:at] = ["--actor", "medellin", "--out", str(out)]
        found[lang] = Pdf(made(sursur(db, *cli), out))
    made_at.add(datetime.now(UTC).date())
    return found


@pytest.fixture(scope="module")
def pictures(pdfs, folder) -> dict[str, list[Path]]:
    return {lang: pdf.pictures(folder / f"png-{lang}") for lang, pdf in pdfs.items()}


@pytest.fixture(scope="module")
def html(db, folder):
    """The Spanish HTML report of Medellín, every year."""
    out = folder / "informe.html"
    made(sursur(db, "report", "--actor", "medellin", "--out", str(out), "--lang", "es"), out)
    return lxml.html.fromstring(out.read_bytes())


@pytest.fixture(scope="module")
def period_html(db, folder):
    """2010–2014 under the M49 scheme, in Spanish."""
    out = folder / "periodo.html"
    made(sursur(db, "report", "--actor", "medellin", "--out", str(out), "--lang", "es", "--from", "2010",
                "--to", "2014", "--scheme", "m49"), out)
    return lxml.html.fromstring(out.read_bytes())


@pytest.fixture(scope="module")
def api(db):
    store = Store(f"sqlite:///{db}")
    client = TestClient(create_app(store), raise_server_exceptions=False)

    def get(indicator: str, **params) -> dict:
        response = client.get(f"/api/v1/indicators/{indicator}", params={"actor": "medellin", **params})
        assert response.status_code == 200, f"{indicator} {params} → {response.status_code}: {response.text[:300]}"
        return response.json()
    yield get
    client.close()
    store.close()


def section(doc, anchor: str):
    """The <section> whose heading has this id; failing the test if the report has none."""
    found = doc.xpath(f"//section[h2[@id='{anchor}']]")
    assert len(found) == 1, f"the report has {len(found)} sections '{anchor}'"
    return found[0]


def number(text: str) -> float:
    """A number as the report writes it in Spanish (31,5 → 31.5; 1.234 → 1234)."""
    return float(text.strip().replace(".", "").replace(",", "."))


# --- 1. the PDF opens, with its sections where its contents say ----------------------------------------

@pytest.mark.parametrize("lang", list(PDFS))
def test_every_section_is_on_the_page_the_contents_give(pdfs, lang):
    pdf, _ = pdfs[lang], gettext_for(lang)
    titles = [_(msgid) for msgid in SECTIONS]
    assert _("Contents") in pdf.pages[1]
    pages = pdf.contents(titles)
    assert list(pages.values()) == sorted(pages.values()), pages
    assert 3 <= min(pages.values()) and max(pages.values()) <= len(pdf.pages), (pages, len(pdf.pages))
    for n, title in enumerate(titles, start=1):
        heading = re.compile(r"(?<!\d)" + re.escape(f"{n}. {title}"))
        assert heading.search(pdf.pages[pages[title] - 1]), (
            f"'{n}. {title}' is not on page {pages[title]}, where the contents send the reader")


@pytest.mark.parametrize("lang", list(PDFS))
def test_the_cover_names_the_actor_the_period_and_the_dates(pdfs, made_at, lang):
    _, (_args, start, end) = gettext_for(lang), PDFS[lang]
    cover = pdfs[lang].pages[0]
    assert "Medellín" in cover
    assert _("Decentralized international cooperation report").upper() in cover.upper()
    assert (f"{start}–{end}" if start else _("all recorded years")) in cover
    days = [format_date(d, format="long", locale=LOCALES[lang]) for d in sorted(made_at)]
    assert _("Made on") in cover and any(day in cover for day in days), (days, cover)
    # the database was just written: it knows when, and the cover says so (not "not recorded")
    assert _("Data as of") in cover and _("not recorded by this database") not in cover
    assert re.search(re.escape(_("Data as of")) + r" (" + "|".join(map(re.escape, days)) + ")", cover), cover


@pytest.mark.parametrize("lang", list(PDFS))
def test_every_page_after_the_cover_says_its_number(pdfs, lang):
    _, pdf = gettext_for(lang), pdfs[lang]
    total = len(pdf.pages)
    assert total >= 10, f"a report of Medellín on {total} pages"
    assert f"{_('page')} 1 " not in pdf.pages[0]  # the cover has no footer
    for n, text in enumerate(pdf.pages[1:], start=2):
        assert f"{_('page')} {n} {_('of')} {total}" in text, f"page {n}: {text[-200:]}"


# --- 2. the pages, drawn --------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", list(PDFS))
def test_no_page_is_blank(pdfs, pictures, lang):
    shown = pictures[lang]
    assert len(shown) == len(pdfs[lang].pages)
    # a page with only its running header and footer inks about 0.1 % at 50 dpi; every page has more
    if lang == "es":  # kept to look at, failing or not
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        for old in ARTIFACTS.glob("medellin-es-page-*.png"):
            old.unlink()
        for n, picture in enumerate(shown, start=1):
            shutil.copyfile(picture, ARTIFACTS / f"medellin-es-page-{n:02d}.png")
    empty = {p.name: round(ink(p), 4) for p in shown if ink(p) < 0.003}
    assert not empty, f"pages with next to nothing on them: {empty}"


def test_the_cover_and_the_map_are_drawn(pdfs, pictures):
    _, pdf, shown = gettext_for("es"), pdfs["es"], pictures["es"]
    cover = shown[0]
    # the actor's name in large coloured type in the upper half, the cover's details below it
    assert colour(cover, (0, 0, 1, 0.5)) > 0.004, colour(cover, (0, 0, 1, 0.5))
    assert ink(cover, (0, 0.3, 1, 0.6)) > 0.01
    page = pdf.contents([_(t) for t in SECTIONS])[_("Partners on the map")]
    top = (0, 0.05, 1, 0.4)

    def a_map(picture) -> bool:
        """Pale land over much of the top of the page, and coloured lines and partners on it (a page of
        tables or text has far less of either: at 50 dpi, under 10 % pale and 2 % coloured)."""
        return shade(picture, top) > 0.11 and colour(picture, top) > 0.02
    drawn = shown[page - 1]
    assert a_map(drawn), (page, shade(drawn, top), colour(drawn, top))
    assert not a_map(shown[1]) and not a_map(shown[page])  # the contents; the partner table after the map


# --- 3. the report's figures are the API's --------------------------------------------------------------

def _figures(doc) -> dict[str, str]:
    return {li.get("data-figure"): li.get("data-value") for li in section(doc, "figures").xpath(".//li[@data-figure]")}


def _same_figures(doc, answer: dict) -> None:
    shown = _figures(doc)
    assert list(shown) == [row["figure"] for row in answer["rows"]]
    for row in answer["rows"]:
        value = shown[row["figure"]]
        if row["value"] is None:
            assert value == "", (row["figure"], value)
        else:
            assert float(value) == pytest.approx(row["value"], abs=1e-9), (row["figure"], value, row["value"])


def test_key_figures_are_those_of_the_api(html, period_html, api):
    everything = api("key-figures")
    _same_figures(html, everything)
    period = api("key-figures", **{"from": 2010, "to": 2014, "scheme": "m49"})
    _same_figures(period_html, period)
    assert period_html.xpath("//body/@data-scheme") == ["m49"]
    # the lists hold as many initiatives and agreements as the figures count
    for doc, answer in ((html, everything), (period_html, period)):
        counts = {row["figure"]: row["value"] for row in answer["rows"]}
        for record in ("initiatives", "agreements"):
            assert len(section(doc, record).xpath(".//tr[@data-key]")) == counts[record], record


@pytest.mark.parametrize("lang", list(PDFS))
def test_the_pdf_prints_the_apis_key_figures(pdfs, api, lang):
    _, (_args, start, end) = gettext_for(lang), PDFS[lang]
    pdf = pdfs[lang]
    answer = api("key-figures", **({"from": start, "to": end} if start else {}))
    figures = {row["figure"]: row["value"] for row in answer["rows"]}
    assert figures["initiatives"] > 0
    text = pdf.pages[pdf.contents([_(t) for t in SECTIONS])[_("Key figures")] - 1]
    point = re.escape(DECIMAL[lang])
    for name, value in figures.items():
        if value is None:
            wanted = re.escape(_("unknown"))
        elif name == "south_south_share":
            wanted = re.escape(f"{value * 100:.1f}").replace(r"\.", point) + r" ?%"
        elif isinstance(value, float):
            wanted = ("−|-" if value < 0 else "") + re.escape(f"{abs(value):.4f}").replace(r"\.", point)
        else:
            wanted = re.escape(str(value))
        assert re.search(r"(?<![\d.,])(?:" + wanted + r")(?![\d.,])", text), (name, value, text[:600])


def test_south_south_under_every_scheme_is_the_apis(html, api):
    answer = api("south-south")
    table = section(html, "south-south").xpath(".//table[contains(@class, 'sensitivity')]")[0]
    rows = {tr.get("data-scheme"): tr for tr in table.xpath(".//tr[@data-scheme]")}
    wanted = {}
    for row in answer["rows"]:
        wanted.setdefault(row["scheme"], {})[row["class"]] = (row["relations"], row["share"])
    assert set(rows) == set(wanted) and len(wanted) >= 5, (set(rows), set(wanted))
    assert [s for s, tr in rows.items() if "chosen" in (tr.get("class") or "")] == ["g77-or-dac"]
    for scheme, classes in wanted.items():
        cells = [td.text_content() for td in rows[scheme].xpath("./td")]
        assert number(cells[0]) == sum(n for n, _ in classes.values()), (scheme, cells)
        for klass, cell in zip([c.value for c in RelationClass], cells[1:], strict=True):
            relations, share = classes.get(klass, (0, None))
            found = re.fullmatch(r"\s*([\d.]+)\s*(?:\(([\d,]+)\s*%\))?\s*", cell)
            assert found and int(found.group(1).replace(".", "")) == relations, (scheme, klass, cell)
            if relations:
                assert found.group(2) and number(found.group(2)) / 100 == pytest.approx(share, abs=0.0006), (
                    scheme, klass, cell, share)


@pytest.mark.parametrize("which", ["everything", "2010-2014 under m49"])
def test_data_quality_is_the_apis(html, period_html, api, which):
    doc, params = (html, {}) if which == "everything" else (period_html, {"from": 2010, "to": 2014, "scheme": "m49"})
    answer = api("data-quality", **params)
    rows = section(doc, "quality").xpath(".//tr[@data-check]")
    assert [tr.get("data-check") for tr in rows] == [row["check"] for row in answer["rows"]]
    for tr, row in zip(rows, answer["rows"]):
        assert int(tr.get("data-count")) == row["count"] == len(row["records"]), row["check"]
        cells = tr.xpath("./td")
        assert number(cells[1].text_content()) == len(row["records"]) and number(cells[2].text_content()) == row["of"]
    if which == "everything":
        assert any(row["records"] for row in answer["rows"]), "the case has something to distrust"


def test_partner_tables_and_volumes_are_the_apis(html, pdfs, api):
    _ = gettext_for("es")
    partners = api("partners-by-area")
    tables = section(html, "partners").xpath(".//table[@data-kind]")
    assert sum(len(t.xpath("./tbody/tr")) for t in tables) == len(partners["rows"]) > 0
    assert tables[0].get("data-kind") == "subnational" and _("Table 1") in tables[0].xpath("caption")[0].text_content()
    assert all(_("Table 2") in t.xpath("caption")[0].text_content() for t in tables[1:]) and len(tables) > 1
    volumes = api("volumes")
    known = [row for row in volumes["rows"] if row["amount"] is not None]
    part = section(html, "volumes")
    if known:
        assert part.xpath(".//svg") and not part.xpath(".//*[@data-state='amounts-unknown']")
    else:  # the case records no amount for Medellín: the report says so instead of drawing zeros
        assert not part.xpath(".//svg")
        stated = part.xpath(".//*[@data-state='amounts-unknown']")
        assert stated and flat(stated[0].text_content())[:40] in pdfs["es"].text


# --- 4. a period ----------------------------------------------------------------------------------------

def test_a_period_keeps_its_records_and_says_which_were_left_out(html, period_html, pdfs):
    _ = gettext_for("es")
    initiatives, agreements, undated_i, undated_g = medellin_records(2010, 2014)
    all_i, all_g, _ui, _ug = medellin_records(None, None)
    keys = {record: {tr.get("data-key") for tr in section(period_html, record).xpath(".//tr[@data-key]")}
            for record in ("initiatives", "agreements")}
    assert keys == {"initiatives": initiatives, "agreements": agreements}
    everything = len(section(html, "initiatives").xpath(".//tr[@data-key]")) + len(
        section(html, "agreements").xpath(".//tr[@data-key]"))
    assert everything == len(all_i) + len(all_g) > len(initiatives) + len(agreements) > 0
    assert undated_i + undated_g > 0
    note = _(UNDATED).format(initiatives=undated_i, agreements=undated_g)
    assert note in flat(section(period_html, "figures").text_content())
    assert period_html.xpath("//*[@data-period]")[0].text_content() == "2010–2014"
    # the whole report does not leave anything out, so it says nothing of the kind
    assert note not in flat(html.text_content())


def test_a_period_that_ends_before_it_starts_is_refused(db, folder):
    out = folder / "al-reves.pdf"
    refused(sursur(db, "--lang", "en", "report", "--actor", "medellin", "--out", str(out), "--from", "2014",
                   "--to", "2010"), "2010", "2014")
    assert not out.exists()


# --- 5. bad input ---------------------------------------------------------------------------------------

def test_an_unknown_actor_is_refused_with_the_closest_names(db, folder):
    out = folder / "nadie.pdf"
    refused(sursur(db, "report", "--actor", "medelin", "--out", str(out)), "medelin", "Medellín")
    assert not out.exists()


def test_a_failed_report_leaves_the_existing_file_as_it_was(db, folder):
    existing = folder / "existente"
    existing.mkdir()
    out = existing / "informe.pdf"
    out.write_bytes(b"%PDF-1.7 the report of last year\n")
    refused(sursur(db, "report", "--actor", "medelin", "--out", str(out)), "Medellín")
    refused(sursur(db, "report", "--actor", "medellin", "--out", str(out), "--from", "2014", "--to", "2010"))
    refused(sursur(db, "report", "--actor", "medellin", "--out", str(out), "--scheme", "norte-sur"), "norte-sur")
    assert out.read_bytes() == b"%PDF-1.7 the report of last year\n"
    assert sorted(p.name for p in existing.iterdir()) == ["informe.pdf"]  # no partial file left beside it


def test_a_folder_that_does_not_exist_or_is_a_file(db, folder):
    missing = folder / "no-existe" / "informe.pdf"
    refused(sursur(db, "report", "--actor", "medellin", "--out", str(missing)), str(missing))
    assert not missing.parent.exists()
    a_file = folder / "un-archivo.txt"
    a_file.write_text("not a folder")
    inside = a_file / "informe.html"
    refused(sursur(db, "report", "--actor", "medellin", "--out", str(inside)), str(inside))
    assert a_file.read_text() == "not a folder"


def test_a_folder_that_cannot_be_written(db, folder):
    locked = folder / "solo-lectura"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        (locked / "probe").write_text("")
    except PermissionError:
        out = locked / "informe.html"
    else:
        # root (or a process allowed to override permissions) writes into any folder: then the folder
        # that cannot be written is one that is a regular file
        (locked / "probe").unlink()
        locked.chmod(0o755)
        (locked / "archivo").write_text("")
        out = locked / "archivo" / "informe.html"
    try:
        refused(sursur(db, "report", "--actor", "medellin", "--out", str(out)), str(out))
        assert not out.exists() and sorted(p.name for p in locked.iterdir()) in ([], ["archivo"])
    finally:
        locked.chmod(0o755)


def test_a_file_name_that_is_neither_pdf_nor_html(db, folder):
    out = folder / "informe.docx"
    refused(sursur(db, "--lang", "en", "report", "--actor", "medellin", "--out", str(out)), ".pdf", ".html")
    assert not out.exists()


def test_an_actor_with_no_cooperation_gets_a_short_report_that_says_so(db, folder):
    _ = gettext_for("en")
    pdf_path, html_path = folder / "rosario.pdf", folder / "rosario.html"
    result = sursur(db, "report", "--actor", "rosario", "--out", str(pdf_path), "--lang", "en")
    made(result, pdf_path)
    assert "no initiative or agreement of Rosario in this period" in flat(result.output)  # and why it is short
    pdf = Pdf(pdf_path)
    assert len(pdf.pages) <= 5, len(pdf.pages)
    pages = pdf.contents(EMPTY_SECTIONS)
    said = NO_DATA.format(name="Rosario", period=_("all recorded years"))
    assert said in pdf.pages[pages["No cooperation recorded"] - 1]
    assert "1. Key figures" not in pdf.text and "Rosario" in pdf.pages[0]
    made(sursur(db, "report", "--actor", "rosario", "--out", str(html_path), "--lang", "en"), html_path)
    doc = lxml.html.fromstring(html_path.read_bytes())
    stated = doc.xpath("//*[@data-state='no-data']")
    assert len(stated) == 1 and flat(stated[0].text_content()) == said
    assert not doc.xpath("//*[@data-figure]")


# --- 6. the HTML holds everything it shows --------------------------------------------------------------

def test_the_html_report_is_self_contained(html):
    outside = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)
    for element in html.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute, value in element.attrib.items():
            if attribute.split("}")[-1] in ("src", "href", "xlink:href", "srcset", "data", "poster"):
                assert not outside.match(value), f"<{element.tag} {attribute}={value!r}> is fetched from outside"
    assert not html.xpath("//script[@src] | //link[@rel='stylesheet'] | //iframe | //object")
    styles = " ".join(s.text_content() for s in html.xpath("//style"))
    assert styles.strip() and not re.search(r"url\(\s*['\"]?(?:https?:)?//|@import", styles, re.IGNORECASE)
    drawn = section(html, "map").xpath(".//svg")
    assert drawn and len(drawn[0].xpath(".//path | .//line | .//circle")) > 10
    assert section(html, "networks").xpath(".//svg")
    # source addresses are printed for the reader, as text
    assert any(re.match(r"https?://", s.text_content()) for s in html.xpath("//*[@class='url']"))


# --- 7. the language ------------------------------------------------------------------------------------

def test_english_and_portuguese_are_asked_for_as_the_reader_would(pdfs, html, made_at):
    english = pdfs["en"]
    for title in ("Contents", "1. Key figures", "2. Partners by area and kind", "12. Data quality",
                  "14. Annex: sources"):
        assert title in english.text, title
    assert "Decentralized international cooperation report".upper() in english.pages[0].upper()
    # `sursur --lang pt report …` writes Portuguese: its dates at least, whatever the catalogue holds yet
    months = {lang: format_date(min(made_at), "MMMM", locale=LOCALES[lang]) for lang in LOCALES}
    assert months["pt"] in pdfs["pt"].pages[0] and months["en"] not in pdfs["pt"].pages[0]
    assert months["es"] in pdfs["es"].pages[0] and months["en"] in english.pages[0]
    assert html.get("lang") == "es"
