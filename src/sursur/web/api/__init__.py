"""The read API under /api/v1: the same services as the pages, as JSON; every error a JSON message.

Errors: 404 for a record that does not exist, 422 for a parameter that cannot be used (the message says
which one, what was wrong and what would do, in the language asked with ?lang= or Accept-Language).
Nothing a client sends is meant to give a 500; an unexpected failure is logged and answered with a
JSON 500 that says so.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException

from ...domain.errors import UserError
from ...i18n import gettext_for
from ...services.editing import FormInvalid, StaleEdit
from ...store import Store
from ..context import request_language
from . import indicators, matching, records, writes

log = logging.getLogger("sursur.api")


def error(request: Request, status: int, message: str, parameter: str | None = None, **more) -> JSONResponse:
    body = {"error": {"status": status, "message": message, **more}}
    if parameter:
        body["error"]["parameter"] = parameter
    return JSONResponse(body, status_code=status)


def build_api(store: Store) -> FastAPI:
    api = FastAPI(title="sursur", version="1", openapi_url="/openapi.json", docs_url=None, redoc_url=None,
                  description="The read API of the sursur observatory: records, indicators, classification, "
                              "exports and peer matching, each with its source. Errors are JSON: 404 for what "
                              "does not exist, 422 for a parameter that cannot be used. Add ?lang=es|en|pt for "
                              "messages and labels in that language (Spanish by default).")
    api.state.store = store

    @api.exception_handler(UserError)
    async def user_error(request: Request, exc: UserError):
        _ = gettext_for(request_language(request))
        status = getattr(exc, "status", 422)
        parameter = getattr(exc, "parameter", None)
        message = exc.render(_)
        if parameter and not message.startswith(f"{parameter}:"):
            message = f"{parameter}: {message}"
        answer = error(request, status, message, parameter)
        if isinstance(exc, FormInvalid):
            answer = error(request, status, message, parameter, fields=[
                {"field": p.field, "message": p.render(_), "value": p.value} for p in exc.problems])
        elif isinstance(exc, StaleEdit):
            answer = error(request, status, message, parameter, current=writes.editable_json(exc.current)
                           if exc.current else None)
        if status == 401:
            answer.headers["WWW-Authenticate"] = "Bearer"
        return answer

    @api.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError):
        _ = gettext_for(request_language(request))
        first = exc.errors()[0] if exc.errors() else {}
        where = [str(p) for p in first.get("loc", ()) if p not in ("query", "path", "body")]
        parameter = where[0] if where else None
        return error(request, 422, _("{parameter}: '{value}' cannot be used here ({reason})").format(
            parameter=parameter or "?", value=first.get("input", ""), reason=first.get("msg", "")), parameter)

    @api.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        _ = gettext_for(request_language(request))
        if exc.status_code == 404:
            return error(request, 404, _("there is nothing at {path}; see {docs}").format(
                path=request.url.path, docs="/api/v1/docs"))
        return error(request, exc.status_code, str(exc.detail))

    @api.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        log.exception("unexpected error on %s", request.url)
        _ = gettext_for(request_language(request))
        return error(request, 500, _("sursur failed on this request; the error is in the server's log"))

    api.include_router(records.router)
    api.include_router(indicators.router)
    api.include_router(matching.router)
    api.include_router(writes.router)

    @api.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs(request: Request):
        """The API described for people, from the same OpenAPI document clients read (no remote assets)."""
        from ..render import render

        return render(request, "api_docs.html", spec=api.openapi())

    return api


__all__ = ["build_api"]
