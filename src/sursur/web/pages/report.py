"""An actor's cooperation report as a download: the report `sursur report` writes (services/reports.py for
the content, sursur/reports for the HTML and the PDF), in the reader's language and the scheme chosen on
the site.

`GET /actor/{key}/report?format=pdf|html&from=YYYY&to=YYYY&scheme=NAME`. The period and the scheme are read
by the same checks as Explore's filters (services.explore.filters_from), so a wrong value is a 422 that
names its parameter in the reader's language; an actor that does not exist is the same 404 as its page.
Rendering takes seconds: the route is a plain `def`, run in the thread pool.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ...domain.errors import N_
from ...i18n import gettext_for
from ...reports.output import render as render_report
from ...reports.pdf import PdfUnavailable, pdf_available, weasyprint
from ...services import records
from ...services.explore import BadFilter, filters_from
from ...services.reports import build_report
from ...store.search import has_control_characters
from ..api.common import not_found
from ..context import request_language, store_of
from ..render import chosen_scheme, render

router = APIRouter()

MEDIA = {"pdf": "application/pdf", "html": "text/html; charset=utf-8"}


@lru_cache(maxsize=1)
def pdf_offered() -> bool:
    """Whether this server prints PDF (asked once: whether Pango is installed does not change while it runs)."""
    return pdf_available()


def default_format() -> str:
    return "pdf" if pdf_offered() else "html"


def file_name(key: str, start: int | None, end: int | None, fmt: str) -> str:
    """report-medellin-2004-2016.pdf: ASCII only, the same in every language."""
    period = (f"-{start}-{end}" if start and end else f"-from-{start}" if start else f"-to-{end}" if end else "")
    return f"report-{re.sub(r'[^A-Za-z0-9._-]+', '-', key).strip('-.') or 'actor'}{period}.{fmt}"


def _format(value: str | None) -> str:
    fmt = (value or "").strip().lower() or default_format()
    if fmt not in MEDIA:
        raise BadFilter("format", N_("{parameter}: '{value}' is not one of: {choices}"), value=value,
                        choices=", ".join(MEDIA))
    return fmt


@router.get("/actor/{key}/report")
def report(request: Request, key: str):
    store = store_of(request)
    found = None if has_control_characters(key) else records.one(store, "actor", key)
    if found is None:
        raise not_found("actor", key)
    params = request.query_params
    # The period and the scheme as Explore reads them; the scheme, when not asked, is the one chosen on the site.
    asked = filters_from({"from": params.get("from"), "to": params.get("to"),
                          "scheme": params.get("scheme") or chosen_scheme(request).name})
    fmt = _format(params.get("format"))
    lang = request_language(request)
    if fmt == "pdf":
        try:
            weasyprint()  # said before the seconds of reading and computing, not after
        except PdfUnavailable as missing:
            return _no_pdf(request, found.key, missing)
    data = build_report(store, found.key, asked.year_from, asked.year_to, asked.scheme)
    try:
        content = render_report(data, lang, fmt)
    except PdfUnavailable as missing:
        return _no_pdf(request, found.key, missing)
    name = file_name(found.key, asked.year_from, asked.year_to, fmt)
    return Response(content, media_type=MEDIA[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{name}"',
                             "X-Content-Type-Options": "nosniff"})


def _no_pdf(request: Request, key: str, missing: PdfUnavailable) -> Response:
    """503: this server cannot print PDF; the same report as HTML is one link away."""
    _ = gettext_for(request_language(request))
    query = {k: v for k, v in request.query_params.items() if k != "format"}
    html = f"/actor/{quote(key)}/report?{urlencode({**query, 'format': 'html'})}"
    return render(request, "error.html", status_code=503, message=missing.render(_),
                  alternative={"href": html, "text": _("Download the report as HTML instead")})
