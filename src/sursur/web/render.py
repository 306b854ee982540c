"""Rendering a page: the template, the reader's language, and the helpers every template uses."""

from __future__ import annotations

from pathlib import Path

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from ..analysis.schemes import DEFAULT_SCHEME, SCHEMES
from ..domain.source import group_citations
from ..i18n import LANGUAGES
from ..reference.places import place_by_id
from ..services import records
from ..formats import helpers
from .auth import csrf_token, page_user
from .context import request_language, store_of

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.globals["group_citations"] = group_citations  # macros do not see the page context


def _here_with(request: Request, changes: dict) -> str:
    """This page's address with some query parameters changed (the language links keep what is shown)."""
    from urllib.parse import urlencode

    query = {**dict(request.query_params), **changes}
    return f"{request.url.path}?{urlencode(query)}"


def place_name(place_id: str) -> str:
    found = place_by_id(place_id)
    return f"{found.name} ({place_id})" if found else place_id


def chosen_scheme(request: Request):
    """?scheme=, else the one chosen before (a cookie), else the default; an unknown name falls back to the
    default, and every page says which scheme it shows. One choice changes every figure on every page."""
    for name in (request.query_params.get("scheme"), request.cookies.get("scheme")):
        if name in SCHEMES:
            return SCHEMES[name]
    return SCHEMES[DEFAULT_SCHEME]


def render(request: Request, template: str, status_code: int = 200, **context) -> HTMLResponse:
    lang = request_language(request)
    sources = {s.key: s for s in records.overview(store_of(request)).sources}
    response = templates.TemplateResponse(request, template, {
        **helpers(lang), "languages": LANGUAGES, "place_name": place_name, "sources": sources, "path": request.url.path, "query": dict(request.query_params),
        "here_with": lambda **changes: _here_with(request, changes),
        "schemes": SCHEMES, "scheme": context.pop("scheme", None) or chosen_scheme(request),
        "user": page_user(request), "csrf": csrf_token(request), **context},
        status_code=status_code)
    if "lang" in request.query_params:
        response.set_cookie("lang", lang, max_age=365 * 24 * 3600, samesite="lax")
    if request.query_params.get("scheme") in SCHEMES:
        response.set_cookie("scheme", request.query_params["scheme"], max_age=365 * 24 * 3600, samesite="lax")
    return response
