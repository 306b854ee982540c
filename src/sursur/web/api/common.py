"""Pieces every API route shares: the store, the language, a record that is not there."""

from __future__ import annotations

from typing import Optional

from fastapi import Query
from pydantic import BaseModel

from ...domain.errors import N_, UserError
from ...interchange.jsonout import plain
from ...services.explore import MAX_PER_PAGE
from ..context import request_language, store_of

__all__ = ["NotFound", "Lang", "Page", "PerPage", "plain", "request_language", "store_of", "N_"]


class FieldError(BaseModel):
    field: str
    message: str
    value: Optional[str] = None


class ErrorDetail(BaseModel):
    status: int
    message: str
    parameter: Optional[str] = None
    fields: Optional[list[FieldError]] = None  # 422 from the write API: each field at fault
    current: Optional[dict] = None  # 409 from the write API: the record as it is now, with its version


class ErrorBody(BaseModel):
    """What every error answer is: the status, a message in the asked language, the parameter at fault."""

    error: ErrorDetail


ERRORS = {404: {"model": ErrorBody, "description": "No such record or path"},
          422: {"model": ErrorBody, "description": "A parameter that cannot be used (named in `parameter`)"},
          500: {"model": ErrorBody, "description": "An unexpected failure (logged on the server)"}}


class NotFound(UserError):
    status = 404


MISSING = {"initiative": N_("there is no initiative '{key}'"), "agreement": N_("there is no agreement '{key}'"),
           "actor": N_("there is no actor '{key}'"), "network": N_("there is no network '{key}'"),
           "source": N_("there is no source '{key}'")}


def not_found(kind: str, key: str) -> NotFound:
    return NotFound(MISSING[kind], key=key)


Lang = Query(None, description="es (default), en or pt: the language of messages and labels", pattern="^(es|en|pt)$")
Page = Query(1, ge=1, le=1_000_000, description="page number, from 1")
PerPage = Query(50, ge=1, le=MAX_PER_PAGE, description=f"records per page, 1 to {MAX_PER_PAGE}")
