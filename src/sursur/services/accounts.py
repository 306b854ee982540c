"""Accounts: users of an organisation with a role, their passwords, API tokens and web sessions.

Passwords are hashed with argon2id (slow on purpose). API tokens and session cookies are random secrets
shown once and stored as their SHA-256, so the database alone opens nothing. Failed sign-ins are counted
per account and per address: past the limit, sign-in is refused for a while even with the right password.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from enum import Enum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, insert, select, update

from ..domain.errors import N_, UserError
from ..store import Store
from ..store import tables as t
from ..store.search import has_control_characters

SESSION_HOURS = 12
FAILURES_PER_ACCOUNT = 5  # within FAILURE_WINDOW seconds
FAILURES_PER_ADDRESS = 20
FAILURE_WINDOW = 15 * 60
MIN_PASSWORD = 10
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_hasher = PasswordHasher()


class Role(str, Enum):
    ADMIN = "admin"  # everything, user management, the audit trail
    EDITOR = "editor"  # creates and edits the records its organisation owns
    VIEWER = "viewer"  # sees its organisation's drafts


class AccountError(UserError):
    """A user, token or password that cannot be used; says which and what to do."""


@dataclass(frozen=True)
class User:
    id: int
    email: str
    organisation: str
    role: Role
    revoked: bool = False

    @property
    def admin(self) -> bool:
        return self.role is Role.ADMIN


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _user(row) -> User:
    return User(row.id, row.email, row.organisation, Role(row.role), row.revoked_at is not None)


def normal_email(email: str) -> str:
    email = (email or "").strip().lower()
    if not _EMAIL.match(email) or len(email) > 254 or has_control_characters(email):
        raise AccountError(N_("'{email}' is not an e-mail address"), email=email)
    return email


def check_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise AccountError(N_("the password must have at least {count} characters"), count=MIN_PASSWORD)


def add_user(store: Store, email: str, organisation: str, role: str, password: str | None = None) -> User:
    email = normal_email(email)
    try:
        role = Role(role)
    except ValueError:
        raise AccountError(N_("'{role}' is not a role; use admin, editor or viewer"), role=role) from None
    if password is not None:
        check_password(password)
    with store.transaction(records=False) as repo:
        conn = repo.conn
        if conn.execute(select(t.actors.c.id).where(t.actors.c.key == organisation)).first() is None:
            raise AccountError(N_("there is no actor with the key '{key}' to be the user's organisation; "
                                  "see them with: sursur actors list"), key=organisation)
        if conn.execute(select(t.users.c.id).where(t.users.c.email == email)).first() is not None:
            raise AccountError(N_("there is already a user {email}"), email=email)
        conn.execute(insert(t.users).values(email=email, organisation=organisation, role=role.value,
                                            password_hash=_hasher.hash(password) if password else None,
                                            created_at=now_iso()))
        row = conn.execute(select(t.users).where(t.users.c.email == email)).one()
    return _user(row)


def list_users(store: Store) -> list[User]:
    with store.reading() as repo:
        return [_user(r) for r in repo.conn.execute(select(t.users).order_by(t.users.c.email))]


def find_user(store: Store, email: str) -> User:
    with store.reading() as repo:
        row = repo.conn.execute(select(t.users).where(t.users.c.email == (email or "").strip().lower())).first()
    if row is None:
        raise AccountError(N_("there is no user {email}; see them with: sursur users list"), email=email)
    return _user(row)


def set_password(store: Store, email: str, password: str) -> None:
    check_password(password)
    user = find_user(store, email)
    with store.transaction(records=False) as repo:
        repo.conn.execute(update(t.users).where(t.users.c.id == user.id)
                          .values(password_hash=_hasher.hash(password)))


def new_token(store: Store, email: str) -> str:
    """A new API token for the user: returned once, stored as its hash."""
    user = find_user(store, email)
    if user.revoked:
        raise AccountError(N_("the user {email} is revoked"), email=user.email)
    token = "sst_" + secrets.token_urlsafe(32)
    with store.transaction(records=False) as repo:
        repo.conn.execute(insert(t.api_tokens).values(user_id=user.id, token_hash=digest(token),
                                                      created_at=now_iso()))
    return token


def revoke(store: Store, email: str) -> int:
    """Revokes the user: no sign-in, every token and session ends. Returns the tokens revoked."""
    user = find_user(store, email)
    stamp = now_iso()
    with store.transaction(records=False) as repo:
        conn = repo.conn
        conn.execute(update(t.users).where(t.users.c.id == user.id).values(revoked_at=stamp))
        done = conn.execute(update(t.api_tokens).where(t.api_tokens.c.user_id == user.id,
                                                       t.api_tokens.c.revoked_at.is_(None))
                            .values(revoked_at=stamp)).rowcount
        conn.execute(delete(t.sessions).where(t.sessions.c.user_id == user.id))
    return done


def user_for_token(store: Store, token: str) -> User | None:
    if not token or len(token) > 200:
        return None
    with store.reading() as repo:
        row = repo.conn.execute(
            select(t.users).join(t.api_tokens, t.api_tokens.c.user_id == t.users.c.id)
            .where(t.api_tokens.c.token_hash == digest(token), t.api_tokens.c.revoked_at.is_(None),
                   t.users.c.revoked_at.is_(None))).first()
    return _user(row) if row else None


# --- signing in ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Session:
    token: str  # the cookie's value, only known when the session is opened
    csrf: str
    user: User


class SignInRefused(UserError):
    """Wrong e-mail or password (one message for both: it does not tell which accounts exist), or too many
    failures (429)."""

    status = 401


def _failures(conn, column, value, since: float) -> int:
    return conn.execute(select(func.count()).select_from(t.login_failures)
                        .where(column == value, t.login_failures.c.at >= since)).scalar_one()


def sign_in(store: Store, email: str, password: str, address: str) -> Session:
    email = (email or "").strip().lower()[:254]
    address = (address or "?")[:64]
    since = time.time() - FAILURE_WINDOW
    if has_control_characters(email):  # no account has one (and PostgreSQL refuses a NUL in a query)
        raise SignInRefused(N_("wrong e-mail or password"))
    with store.reading() as repo:
        conn = repo.conn
        if (_failures(conn, t.login_failures.c.email, email, since) >= FAILURES_PER_ACCOUNT
                or _failures(conn, t.login_failures.c.address, address, since) >= FAILURES_PER_ADDRESS):
            refused = SignInRefused(N_("too many failed sign-ins; wait {minutes} minutes and try again"),
                                    minutes=FAILURE_WINDOW // 60)
            refused.status = 429
            raise refused
        row = conn.execute(select(t.users).where(t.users.c.email == email)).first()
    if row is None or row.revoked_at is not None or not row.password_hash or not _verify(row.password_hash, password):
        with store.transaction(records=False) as repo:
            repo.conn.execute(insert(t.login_failures).values(at=time.time(), email=email, address=address))
        raise SignInRefused(N_("wrong e-mail or password"))
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    expires = (datetime.now(timezone.utc) + timedelta(hours=SESSION_HOURS)).isoformat(timespec="seconds")
    with store.transaction(records=False) as repo:
        conn = repo.conn
        conn.execute(delete(t.login_failures).where(t.login_failures.c.email == email))
        conn.execute(delete(t.sessions).where(t.sessions.c.expires_at < now_iso()))
        conn.execute(insert(t.sessions).values(user_id=row.id, token_hash=digest(token), csrf=csrf,
                                               created_at=now_iso(), expires_at=expires))
    return Session(token, csrf, _user(row))


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password or "")
    except (VerificationError, InvalidHashError):
        return False


def session_for(store: Store, token: str) -> Session | None:
    if not token or len(token) > 200:
        return None
    with store.reading() as repo:
        row = repo.conn.execute(
            select(t.users, t.sessions.c.csrf).join(t.sessions, t.sessions.c.user_id == t.users.c.id)
            .where(t.sessions.c.token_hash == digest(token), t.sessions.c.expires_at > now_iso(),
                   t.users.c.revoked_at.is_(None))).first()
    return Session("", row.csrf, _user(row)) if row else None


def sign_out(store: Store, token: str) -> None:
    with store.transaction(records=False) as repo:
        repo.conn.execute(delete(t.sessions).where(t.sessions.c.token_hash == digest(token or "")))
