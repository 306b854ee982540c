"""Opening a sursur database: URL handling, the checks that protect a foreign file, migrations."""

from __future__ import annotations

import os
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic import command
from sqlalchemy import Engine, create_engine, event, inspect, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from ..domain.errors import N_, UserError
from .repository import Repository
from .search import fold_text
from .tables import store_revision

DEFAULT_URL = "sqlite:///sursur.db"


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


MIGRATIONS = Path(__file__).parent / "migrations"


class StoreError(UserError):
    """A database that cannot be used; the message says which and what to do (msgid + params)."""


def normalize_url(url: str | None) -> str:
    """Accepts a SQLAlchemy URL, a postgresql:// URL (psycopg 3 is used) or a plain SQLite file path."""
    url = url or os.environ.get("SURSUR_DATABASE_URL") or DEFAULT_URL
    if "://" not in url:
        url = f"sqlite:///{url}"
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            url = "postgresql+psycopg://" + url[len(prefix):]
    return url


def describe(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(N_("'{url}' is not a database URL; use e.g. sqlite:///sursur.db or "
                            "postgresql://user@host/dbname"), url=url) from None
    args = {"connect_timeout": 5} if parsed.get_backend_name() == "postgresql" else {}
    try:
        engine = create_engine(parsed, connect_args=args)
    except NoSuchModuleError:
        raise StoreError(N_("sursur cannot use the database kind in '{url}'; use SQLite or PostgreSQL"),
                         url=describe(url)) from None
    if parsed.get_backend_name() == "sqlite":
        @event.listens_for(engine, "connect")
        def _foreign_keys(dbapi_conn, _record):
            dbapi_conn.execute("PRAGMA foreign_keys=ON")
            # Search compares folded text (no case, no accents): SQLite's lower() knows ASCII only.
            dbapi_conn.create_function("sursur_fold", 1, fold_text, deterministic=True)
    return engine


def _alembic(connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


class Store:
    """An opened, checked sursur database. Services open transactions with `transaction()`."""

    def __init__(self, url: str | None = None, *, create: bool = False, migrate: bool = False):
        self.url = normalize_url(url)
        path = _sqlite_path(self.url)
        if path is not None:
            if path.is_dir():
                raise StoreError(N_("{path} is a folder, not a database file"), path=path)
            if not path.exists() and not create:
                raise StoreError(N_("there is no database at {path}; create it with: sursur init"), path=path)
            if not path.parent.exists():
                raise StoreError(N_("the folder {folder} does not exist"), folder=path.parent)
        self.engine = _engine(self.url)
        self._check(create=create, migrate=migrate)

    def _check(self, *, create: bool, migrate: bool) -> None:
        try:
            with self.engine.connect() as conn:
                tables = set(inspect(conn).get_table_names())
                current = MigrationContext.configure(conn).get_current_revision()
        except DBAPIError as error:
            self.engine.dispose()
            raise self._unusable(error) from None
        head = head_revision()
        if not tables:
            if not create:
                raise StoreError(N_("the database {url} is empty; create sursur's tables with: sursur init"),
                                 url=describe(self.url))
            self.upgrade()
        elif current is None:
            raise StoreError(N_("{url} is not a sursur database (it has other tables); it was left untouched. "
                                "Point --db at a sursur database or a new file"), url=describe(self.url))
        elif current != head:
            known = {rev.revision for rev in ScriptDirectory(str(MIGRATIONS)).walk_revisions()}
            if current not in known:
                raise StoreError(N_("{url} was made by a newer sursur (schema {revision}); upgrade sursur"),
                                 url=describe(self.url), revision=current)
            if not migrate:
                raise StoreError(N_("the database {url} has an older schema; update it with: sursur init"),
                                 url=describe(self.url))
            self.upgrade()

    def _unusable(self, error: DBAPIError) -> StoreError:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        if _sqlite_path(self.url) is not None:
            return StoreError(N_("{url} is not a sursur database ({reason}); it was left untouched"),
                              url=describe(self.url), reason=reason)
        return StoreError(N_("cannot reach the database {url}: {reason}. Check that the server is running "
                             "and the URL is right"), url=describe(self.url), reason=reason)

    def upgrade(self, revision: str = "head") -> None:
        _upgrade(self.engine, self.url, revision)

    def revision(self) -> str | None:
        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    @contextmanager
    def transaction(self, records: bool = True) -> Iterator[Repository]:
        """All or nothing: the block's writes are committed together, or rolled back on any error. The
        data revision rises with the commit (in the same transaction), so a cache keyed on it is never
        served stale. `records=False`: the block changes no record (a sign-in, the matching index), so
        the time the data last changed ("data as of") stays."""
        with self.engine.begin() as conn:
            yield Repository(conn)
            stamp = {"changed_at": utc_now()} if records else {}
            conn.execute(update(store_revision).values(revision=store_revision.c.revision + 1, **stamp))

    def data_revision(self) -> int:
        """How many write transactions this database has committed (see store_revision)."""
        with self.engine.connect() as conn:
            return conn.execute(select(store_revision.c.revision)).scalar_one()

    def changed_at(self) -> datetime | None:
        """When the last write transaction was committed (None on a database not written since sursur began
        to record it): what a report calls "data as of"."""
        with self.engine.connect() as conn:
            value = conn.execute(select(store_revision.c.changed_at)).scalar()
        return datetime.fromisoformat(value) if value else None

    @contextmanager
    def reading(self) -> Iterator[Repository]:
        with self.engine.connect() as conn:
            yield Repository(conn)

    def close(self) -> None:
        self.engine.dispose()


def create_schema_at(url: str, revision: str) -> None:
    """Builds a new database at an older schema revision (used to test migrations)."""
    engine = _engine(normalize_url(url))
    _upgrade(engine, url, revision)
    engine.dispose()


def _upgrade(engine: Engine, url: str, revision: str) -> None:
    """Runs the migrations in one transaction.

    On SQLite, adding a foreign key means rebuilding the table (copy, drop, rename), and dropping the old
    table would cascade-delete its children: so foreign keys are off while it runs (the pragma only works
    outside a transaction), and every reference is checked before the commit.
    """
    with engine.connect() as conn:
        sqlite = _sqlite_path(normalize_url(url)) is not None or conn.dialect.name == "sqlite"
        if sqlite:
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.commit()  # ends SQLAlchemy's autobegun block; pysqlite opened no transaction for a pragma
        try:
            with conn.begin():
                command.upgrade(_alembic(conn), revision)
                if sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise StoreError(N_("updating the database would break {count} references (first in "
                                            "table {table}); nothing was changed"), count=len(broken),
                                         table=broken[0][0])
        finally:
            if sqlite:
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                conn.commit()
