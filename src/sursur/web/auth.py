"""Who is asking: a signed-in session (cookie) for the pages, a bearer token for the API; and CSRF.

The session cookie is HttpOnly, SameSite=Lax, and Secure when the site is served over HTTPS (behind a
proxy, run uvicorn with --proxy-headers so the scheme is seen). Every form that changes something
carries a CSRF token: the session's own once signed in; before signing in (the sign-in form itself), a
random token also set as a cookie (double submit). The API takes only bearer tokens, which a browser
never sends by itself, so it needs no CSRF token.
"""

from __future__ import annotations

import hmac
import secrets

from fastapi import Request
from fastapi.responses import Response

from ..domain.errors import N_, UserError
from ..services import accounts
from ..services.accounts import Session, User
from .context import store_of

SESSION_COOKIE = "sursur_session"
CSRF_COOKIE = "sursur_csrf"


class CsrfRefused(UserError):
    status = 403


def session(request: Request) -> Session | None:
    if not hasattr(request.state, "session"):
        token = request.cookies.get(SESSION_COOKIE, "")
        request.state.session = accounts.session_for(store_of(request), token) if token else None
    return request.state.session


def page_user(request: Request) -> User | None:
    found = session(request)
    return found.user if found else None


def api_user(request: Request) -> User | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return accounts.user_for_token(store_of(request), token.strip())


def csrf_token(request: Request) -> str:
    """The token a form must send back: the session's, or (signed out) the double-submit cookie's."""
    found = session(request)
    if found:
        return found.csrf
    if not hasattr(request.state, "csrf"):
        request.state.csrf = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)
    return request.state.csrf


def set_csrf_cookie(request: Request, response: Response) -> None:
    """Signed out: the form's token is also a cookie, so a POST from elsewhere cannot match it."""
    if session(request) is None and hasattr(request.state, "csrf"):
        response.set_cookie(CSRF_COOKIE, request.state.csrf, httponly=True, samesite="strict",
                            secure=request.url.scheme == "https")


def check_csrf(request: Request, sent: str | None) -> None:
    found = session(request)
    expected = found.csrf if found else request.cookies.get(CSRF_COOKIE, "")
    if not expected or not sent or not hmac.compare_digest(expected.encode(), str(sent).encode()):
        raise CsrfRefused(N_("this form expired or did not come from this site; open it again and resend it"))


def open_session(request: Request, response: Response, opened: Session) -> None:
    response.set_cookie(SESSION_COOKIE, opened.token, httponly=True, samesite="lax",
                        secure=request.url.scheme == "https", max_age=accounts.SESSION_HOURS * 3600)
    response.delete_cookie(CSRF_COOKIE)


def close_session(request: Request, response: Response) -> None:
    accounts.sign_out(store_of(request), request.cookies.get(SESSION_COOKIE, ""))
    response.delete_cookie(SESSION_COOKIE)


def client_address(request: Request) -> str:
    return request.client.host if request.client else "?"
