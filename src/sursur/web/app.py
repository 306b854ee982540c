"""The observatory: one FastAPI app with the HTML pages, the read API under /api/v1 and local assets.

Pages are in web/pages/, the API in web/api/; both call the same services, and every figure comes from
an analysis/ function. No asset comes from anywhere but /static (no CDN, no remote fonts or tiles).
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.staticfiles import StaticFiles

from ..store import Store
from .api import build_api
from .cache import ResponseCache
from .pages import install

HERE = Path(__file__).parent


def warm_up() -> None:
    """Reads the shipped reference data once before the first request: the first visitor does not wait
    for it, and threads serving requests at once never load it at the same time."""
    from ..graphics.worldmap import base_paths
    from ..i18n import translations
    from ..reference.countries import all_facts, lists
    from ..reference.themes import taxonomy

    from ..reference.places import place_by_id

    all_facts(), lists(), taxonomy(), base_paths(960)
    place_by_id("country:COL")  # the place index (GeoNames' cities), which the maps read
    for lang in ("es", "en", "pt"):
        translations(lang)


@asynccontextmanager
async def lifespan(app: FastAPI):
    warm_up()
    yield


def create_app(store: Store, cache: bool = True) -> FastAPI:
    """The whole site; `cache=False` computes every answer (the benchmarks time the work itself)."""
    app = FastAPI(title="sursur", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.state.store = store
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    if cache:
        app.add_middleware(ResponseCache, store=store)  # outside gzip: a page is compressed once, not per request
    app.mount("/api/v1", build_api(store))
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    install(app)
    return app
