"""Checked conversion of user values to enums, with a message that lists the choices."""

from __future__ import annotations

from enum import Enum
from typing import TypeVar

from .errors import DomainError, N_

E = TypeVar("E", bound=Enum)


def to_enum(cls: type[E], value, *, record: str, field: str) -> E:
    try:
        return cls(value)
    except ValueError:
        raise DomainError(N_("'{value}' is not valid here; use one of: {choices}"), record=record,
                          field=field, value=value, choices=", ".join(str(m.value) for m in cls)) from None
