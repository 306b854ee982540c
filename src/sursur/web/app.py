"""FastAPI application: plain pages listing the records, each with its source, in es/en/pt."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from ..domain.source import group_citations
from ..i18n import LANGUAGES, gettext_for
from ..labels import POSITIONS, figure_label, label
from ..reference.country_names import country_name
from ..reference.themes import taxonomy
from ..analysis.classification import ROLE_POSITIONS
from ..analysis.schemes import DEFAULT_SCHEME, SCHEMES
from ..reference.countries import lists
from ..services import classification, records
from ..store import Store
from .api import build_api
from .context import request_language

HERE = Path(__file__).parent


def create_app(store: Store) -> FastAPI:
    app = FastAPI(title="sursur", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.store = store
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    app.mount("/api/v1", build_api(store))
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.globals["group_citations"] = group_citations  # macros do not see the page context

    def page(request: Request, template: str, **context) -> HTMLResponse:
        lang = request_language(request)
        gettext = gettext_for(lang)
        sources = {s.key: s for s in records.overview(store).sources}
        response = templates.TemplateResponse(request, template, {
            "lang": lang, "languages": LANGUAGES, "_": gettext, "label": lambda v: label(v, gettext),
            "country": lambda code: country_name(code, lang), "theme": lambda tid: taxonomy().label(tid, lang),
            "theme_labels": lambda ids: list(dict.fromkeys(taxonomy().label(t, lang) for t in ids)),
            "figure": lambda name: figure_label(name, gettext), "position": lambda p: gettext(POSITIONS[p]),
            "sources": sources, "path": request.url.path, **context})
        if "lang" in request.query_params:
            response.set_cookie("lang", lang, max_age=365 * 24 * 3600, samesite="lax")
        return response

    @app.get("/", response_class=HTMLResponse)
    def index(request: Request):
        return page(request, "index.html", overview=records.overview(store))

    @app.get("/actors", response_class=HTMLResponse)
    def actors(request: Request):
        found = records.actors(store)
        return page(request, "actors.html", actors=found, names={a.key: a.name for a in found})

    def classes(request: Request) -> dict:
        """The chosen scheme (?scheme=, default g77-or-dac) and every relation's class under it."""
        chosen = SCHEMES.get(request.query_params.get("scheme") or DEFAULT_SCHEME) or SCHEMES[DEFAULT_SCHEME]
        found = {(r.record_type, r.key): r for r in classification.classify(store, chosen.name)}
        return {"scheme": chosen, "schemes": SCHEMES, "classes": found}

    @app.get("/agreements", response_class=HTMLResponse)
    def agreements(request: Request):
        return page(request, "agreements.html", agreements=records.agreements(store),
                    names=records.actor_names(store), **classes(request))

    @app.get("/initiatives", response_class=HTMLResponse)
    def initiatives(request: Request):
        return page(request, "initiatives.html", initiatives=records.initiatives(store),
                    names=records.actor_names(store), **classes(request))

    @app.get("/networks", response_class=HTMLResponse)
    def networks(request: Request):
        found, memberships = records.networks(store)
        return page(request, "networks.html", networks=found, memberships=memberships,
                    names=records.actor_names(store))

    @app.get("/methodology", response_class=HTMLResponse)
    def methodology(request: Request):
        return page(request, "methodology.html", schemes=SCHEMES, lists=lists(), roles=ROLE_POSITIONS)

    @app.get("/practices", response_class=HTMLResponse)
    def practices(request: Request):
        return page(request, "practices.html", practices=records.practices(store),
                    names=records.actor_names(store))

    return app
