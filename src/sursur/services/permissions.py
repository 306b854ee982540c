"""Who may do what: the one permission function the pages, the API and the command line share.

- admin: everything, including users and the audit trail;
- editor: creates records for its organisation, and edits, publishes and deletes the records its
  organisation owns (a record's `organisation`; records with none are kept by admins);
- viewer: sees its organisation's drafts;
- everyone, signed in or not: published records.

A draft the user may not see is answered as if it did not exist (404): its existence is private. A
published record the user may see but not change is a 403.
"""

from __future__ import annotations

from enum import Enum

from ..domain.errors import N_, UserError
from .accounts import Role, User


class Action(str, Enum):
    VIEW = "view"
    CREATE = "create"
    EDIT = "edit"
    PUBLISH = "publish"
    DELETE = "delete"
    MANAGE_USERS = "manage_users"
    AUDIT = "audit"


class Forbidden(UserError):
    """403: the user is known, the record visible, the action not theirs."""

    status = 403


class NotFound(UserError):
    """404: no such record, or one whose existence the user may not learn."""

    status = 404


class SignInNeeded(UserError):
    """401: the action needs a signed-in user (a session or an API token)."""

    status = 401


_CHANGES = {Action.CREATE, Action.EDIT, Action.PUBLISH, Action.DELETE}


def allowed(user: User | None, action: Action, organisation: str | None, state: str = "published") -> bool:
    """Whether `user` may do `action` on a record of `organisation` that is a draft or published."""
    if action is Action.VIEW and state == "published":
        return True
    if user is None or user.revoked:
        return False
    if user.role is Role.ADMIN:
        return True
    own = organisation is not None and organisation == user.organisation
    if action is Action.VIEW:
        return own
    if action in _CHANGES:
        return own and user.role is Role.EDITOR
    return False


def check(user: User | None, action: Action, organisation: str | None, state: str, what: str) -> None:
    """Raises SignInNeeded, NotFound or Forbidden when `allowed` says no; `what` names the record."""
    if allowed(user, action, organisation, state):
        return
    if user is None:
        if state == "draft":
            raise NotFound(N_("there is no record {record}"), record=what)
        raise SignInNeeded(N_("sign in to change {record}"), record=what)
    if state == "draft" and not allowed(user, Action.VIEW, organisation, state):
        raise NotFound(N_("there is no record {record}"), record=what)
    if action in (Action.MANAGE_USERS, Action.AUDIT):
        raise Forbidden(N_("only an admin may do this"))
    if user.role is Role.VIEWER:
        raise Forbidden(N_("your role (viewer) can see your organisation's drafts but not change records"))
    if organisation is None:
        raise Forbidden(N_("{record} is kept by the admins; ask one of them to change it"), record=what)
    raise Forbidden(N_("{record} belongs to {owner}, not to your organisation ({organisation}); ask its editors "
                       "or an admin"), record=what, owner=organisation, organisation=user.organisation)
