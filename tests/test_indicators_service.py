"""The service reads only an actor's records for its indicators: the tables must be the same as when
everything is read (on SQLite and PostgreSQL)."""

import pytest

from sursur.analysis.indicators import INDICATORS, Scope, UnknownActor, indicator
from sursur.services.indicators import run_indicator, snapshot


def test_an_actors_indicators_read_only_its_records(medellin_store):
    whole = snapshot(medellin_store)
    for name in INDICATORS:
        for actor in ("medellin", "buenos-aires-ciudad", "aci"):
            scoped = run_indicator(medellin_store, name, actor)
            full = indicator(name)(Scope(whole, actor))
            assert (scoped.rows, scoped.records, scoped.notes) == (full.rows, full.records, full.notes), (name, actor)
    assert len(snapshot(medellin_store, "buenos-aires-ciudad").initiatives) < len(whole.initiatives)
    with pytest.raises(UnknownActor, match="medellin"):
        run_indicator(medellin_store, "balance", "medelin")
