"""partners-by-area on the built-in case: the article's Tabla 1 and Tabla 2, rebuilt from the records."""

from __future__ import annotations

import pytest

from sursur.analysis.indicators import Scope, indicator
from sursur.domain.errors import UserError
from sursur.services.cases import load_case
from sursur.services.indicators import snapshot
from sursur.store import Store

# Tabla 1 of the article, row by row: (city as the case keys it, country, area as printed).
TABLA_1 = [
    ("milan", "ITA", "Moda, sector textil y turismo"),
    ("bilbao", "ESP", "Equidad de género y empoderamiento de las mujeres"),
    ("buenos-aires-provincia", "ARG", "Seguridad y convivencia"),
    ("valparaiso", "CHL", "Innovación social"),
    ("lleida", "ESP", "Niñez, salud y primera infancia"),
    ("buenos-aires-ciudad", "ARG", "Patrimonio histórico, cultura y turismo"),
    ("barcelona", "ESP", "Mercados públicos y fortalecimiento regional, desarrollo económico"),
    ("cantabria", "ESP", "Programas de prevención de drogodependencia"),
    ("rio-de-janeiro", "BRA", "Proyecto de urbanización integral"),
    ("san-jose-costa-rica", "CRI", "Proyectos urbanos integrales, relaciones económicas, relaciones deportivas, "
                                   "turísticas, científicas"),
    ("santo-domingo", "DOM", "Gestión municipal, urbanismo social, turismo, cultura y medio ambiente urbano"),
    ("quito", "ECU", "Intercambio académico y cultural"),
    ("curazao", "CUW", "Cooperación sur-sur Medellín para Curazao"),
    ("nanjing", "CHN", "Deporte, educación, cultura, turismo, memoria, ciencia y tecnología"),
    ("moron", "ARG", "Planeación, turismo y urbanismo"),
    ("santa-fe", "ARG", "Desarrollo Urbano - Medio Ambiente - Cultura - Turismo y Desarrollo e Económico"),
    ("condado-de-orange", "USA", "Educación, turismo y desarrollo económico"),
]


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('case') / 'case.db'}", create=True)
    load_case(store, "medellin")
    return snapshot(store)


def test_tabla_1_comes_back_whole_under_subnational_partners(case):
    table = indicator("partners-by-area")(Scope(case, "medellin"))
    rows = {(r["partner"], r["country"], r["area"]): (r["partner_kind"], recs)
            for r, recs in zip(table.rows, table.records)}
    for partner, country, area in TABLA_1:
        kind, records = rows[(partner, country, area)]
        assert kind == "subnational", partner
        assert any(r.startswith("agreement:t1-") for r in records), partner
    # grouped: every subnational row comes before every other kind's
    kinds = [r["partner_kind"] for r in table.rows]
    assert kinds == sorted(kinds, key=("subnational", "national", "multilateral", "ngo", "academic", "private",
                                       "other").index)


def test_tabla_2_institutions_keep_each_area_and_their_kind(case):
    table = indicator("partners-by-area")(Scope(case, "medellin"))
    oei = [(r["area"], recs) for r, recs in zip(table.rows, table.records) if r["partner"] == "oei"]
    # the OEI is three rows of Tabla 2 (5, 11, 13): one partner, three areas, each its own agreement
    assert sorted(a for a, _ in oei) == ["Educación, ciencia y tecnología", "Formación de docentes",
                                         "Programa Buen Comienzo"]
    assert all(len([r for r in recs if r.startswith("agreement:t2-")]) == 1 for _, recs in oei)
    kinds = {r["partner"]: r["partner_kind"] for r in table.rows}
    assert kinds["aecid"] == "national" and kinds["oei"] == "multilateral"
    # a municipal institute of Barcelona counts as subnational, like its city (the article lists it in Tabla 2)
    assert kinds["instituto-educacion-barcelona"] == "subnational"
    every_t2 = {r for recs in table.records for r in recs if r.startswith("agreement:t2-")}
    assert len(every_t2) == len([g for g in case.agreements if g.key.startswith("t2-")])


def test_it_needs_an_actor(case):
    with pytest.raises(UserError, match="--actor"):
        indicator("partners-by-area")(Scope(case))
