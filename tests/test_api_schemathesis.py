"""Schemathesis over /api/v1/openapi.json, against the whole site's ASGI app with the Medellín case, on SQLite
and on PostgreSQL: whatever a client sends, no 5xx, and every response conforms to the schema the OpenAPI
declares for it (where it declares one).

The schema is read once, at import, from an app whose store is never touched (serving the OpenAPI reads
no data); each generated request then goes to the app built on the case (`app=`). schemathesis's
`pytest.from_fixture` would be the natural way, but it fails on pytest 9 (it sets `request.node._nodeid`,
which pytest 9 no longer has).
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

from sursur.services.places import geocode_actors
from sursur.web.app import create_app

schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", create_app(None))


@pytest.fixture(scope="module")
def app(medellin_store):
    geocode_actors(medellin_store)
    return create_app(medellin_store)


def test_the_schema_is_the_apis(app):
    operations = [result.ok() for result in schema.get_all_operations()]
    writes = [op for op in operations if op.path.startswith(("/edit", "/drafts", "/audit"))]
    reads = [op for op in operations if op not in writes]
    assert len(reads) == 19 and all(op.method == "get" for op in reads)
    assert len(writes) == 7  # without a token here (401); with an admin's: test_api_schemathesis_writes.py
    assert schema.raw_schema["servers"] == [{"url": "/api/v1"}]


@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_no_request_gets_a_server_error(case, app):
    # derandomize: the same requests on every run, so a failure here is never a matter of luck; the
    # requests schemathesis found once and that failed are kept as explicit tests in test_api.py
    response = case.call_and_validate(app=app, checks=[not_a_server_error, response_schema_conformance])
    if case.path == "/initiatives" and response.status_code == 200:
        assert response.json()["total"] <= 9  # the case's data answered, not an empty store
