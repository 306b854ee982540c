"""ISO 3166-1 alpha-3 country codes, checked against pycountry's shipped ISO list."""

from __future__ import annotations

from functools import lru_cache

import pycountry

from .errors import DomainError, N_


@lru_cache(maxsize=1)
def _codes() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.countries)


def check_country(code: str | None, *, record: str | None = None, field: str = "country") -> str | None:
    """Returns the code upper-cased, None for none, or raises naming the bad code."""
    if code is None or code == "":
        return None
    normal = str(code).strip().upper()
    if normal not in _codes():
        raise DomainError(N_("'{code}' is not an ISO 3166-1 alpha-3 country code (e.g. COL, ARG, ESP)"),
                          record=record, field=field, code=code)
    return normal
