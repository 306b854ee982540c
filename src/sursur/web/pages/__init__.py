"""The HTML pages, each router a section of the site; errors are pages too (in the reader's language)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from starlette.exceptions import HTTPException

from ...domain.errors import UserError
from ...i18n import gettext_for
from ..context import request_language
from ..render import render
from . import (
    account,
    editing,
    explore,
    home,
    lists,
    matching,
    partners,
    place_picker,
    practices,
    records,
    report,
)


def install(app: FastAPI) -> None:
    for module in (home, lists, practices, matching, records, report, explore, partners, account, editing,
                   place_picker):
        app.include_router(module.router)

    @app.exception_handler(UserError)
    async def user_error(request: Request, exc: UserError):
        message = exc.render(gettext_for(request_language(request)))
        return render(request, "error.html", status_code=getattr(exc, "status", 422), message=message)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        _ = gettext_for(request_language(request))
        if request.url.path.startswith("/api/"):  # a path the API's mount did not take (a line break in it)
            from ..api import error

            return error(request, exc.status_code, _("there is nothing at {path}; see {docs}").format(
                path=request.url.path, docs="/api/v1/docs") if exc.status_code == 404 else str(exc.detail))
        message = (_("There is no page at {path}.").format(path=request.url.path) if exc.status_code == 404
                   else str(exc.detail))
        return render(request, "error.html", status_code=exc.status_code, message=message)
