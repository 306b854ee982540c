"""Signing in and out."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse

from ...domain.errors import UserError
from ...i18n import gettext_for
from ...services import accounts
from ..auth import check_csrf, client_address, close_session, open_session, page_user, set_csrf_cookie
from ..context import request_language, store_of
from ..render import render

router = APIRouter()


def _safe_next(target: str | None) -> str:
    """Only a path on this site (never //host or a scheme): no open redirect after signing in."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/my"


@router.get("/login")
def login_page(request: Request, next: str = "/my"):
    response = render(request, "login.html", next=_safe_next(next), email="", message=None)
    set_csrf_cookie(request, response)
    return response


@router.post("/login")
def login(request: Request, email: str = Form("", max_length=300), password: str = Form("", max_length=1000),
          csrf: str = Form("", max_length=200), next: str = Form("/my", max_length=500)):
    _ = gettext_for(request_language(request))
    try:
        check_csrf(request, csrf)
        opened = accounts.sign_in(store_of(request), email, password, client_address(request))
    except UserError as refused:
        response = render(request, "login.html", status_code=getattr(refused, "status", 422),
                          next=_safe_next(next), email=email, message=refused.render(_))
        set_csrf_cookie(request, response)
        return response
    response = RedirectResponse(_safe_next(next), status_code=303)
    open_session(request, response, opened)
    return response


@router.post("/logout")
def logout(request: Request, csrf: str = Form("", max_length=200)):
    check_csrf(request, csrf)
    response = RedirectResponse("/", status_code=303)
    close_session(request, response)
    return response


def signed_in(request: Request):
    """The page's user, or a redirect to the sign-in page that comes back here."""
    user = page_user(request)
    if user is None:
        from urllib.parse import quote
        return None, RedirectResponse(f"/login?next={quote(str(request.url.path))}", status_code=303)
    return user, None
