"""What every page and API answer needs from the request: the store, the language, formatting for it."""

from __future__ import annotations

from fastapi import Request

from ..formats import LOCALES, Formats
from ..i18n import normalize_lang
from ..store import Store


def store_of(request: Request) -> Store:
    return request.app.state.store


def request_language(request: Request) -> str:
    """?lang= wins, then the cookie a previous choice left, then the browser's Accept-Language."""
    chosen = request.query_params.get("lang") or request.cookies.get("lang")
    if chosen:
        return normalize_lang(chosen)
    for part in request.headers.get("accept-language", "").split(","):
        code = part.split(";")[0].strip()
        if code and normalize_lang(code) == code.lower()[:2]:
            return normalize_lang(code)
    return normalize_lang(None)


__all__ = ["Formats", "LOCALES", "request_language", "store_of"]
