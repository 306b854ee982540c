"""Shared fixtures: every store test runs on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import itertools

import pytest

from sursur.services.cases import load_case
from sursur.store import Store

from .pg import PostgresServer

BACKENDS = ["sqlite", "postgresql"]
_names = itertools.count()


@pytest.fixture(scope="session")
def postgres():
    server = PostgresServer().start()
    yield server
    server.stop()


def _new_url(backend: str, request, tmp_path_factory) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'sursur.db'}"
    server = request.getfixturevalue("postgres")
    return server.create_database(f"t{next(_names)}")


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path_factory) -> str:
    """A URL to a new, empty database (no tables yet)."""
    return _new_url(request.param, request, tmp_path_factory)


@pytest.fixture
def store(db_url) -> Store:
    opened = Store(db_url, create=True)
    yield opened
    opened.close()


@pytest.fixture(scope="module", params=BACKENDS)
def medellin_store(request, tmp_path_factory) -> Store:
    """A database with the Medellín case loaded; shared by a module's read-only tests."""
    opened = Store(_new_url(request.param, request, tmp_path_factory), create=True)
    load_case(opened, "medellin")
    yield opened
    opened.close()
