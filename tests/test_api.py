"""The read API (/api/v1) as a client uses it: every endpoint, on SQLite and on PostgreSQL.

Expected values come from the case as the article gives it (medellin.yaml, read here with PyYAML and
counted in Python, or counted by hand and explained beside the number) or from the same service called
directly (indicators, schemes, lists of countries) — never from the API's own answers.

Every request goes through `Api.get`, which fails the test on any 5xx and on any answer that is not JSON.
"""

from __future__ import annotations

import json
import re
from importlib.resources import files

import pytest
import yaml
from fastapi.testclient import TestClient

from sursur.analysis.indicators import INDICATORS
from sursur.analysis.indicators.partners import region_of
from sursur.analysis.schemes import DEFAULT_SCHEME, SCHEMES
from sursur.i18n import gettext_for
from sursur.interchange.jsonout import plain
from sursur.reference.countries import lists
from sursur.reference.themes import taxonomy
from sursur.services.indicators import run_indicator
from sursur.services.places import geocode_actors
from sursur.web.app import create_app

RECORDS = ("initiatives", "agreements", "actors")


# --- the case, as the article gives it ------------------------------------------------------------

class Case:
    """medellin.yaml read directly: the records and what a filter should find among them."""

    def __init__(self):
        data = yaml.safe_load((files("sursur") / "interchange" / "cases" / "medellin.yaml").read_text("utf-8"))
        self.actors = {a["key"]: a for a in data["actors"]}
        self.agreements = {g["key"]: g for g in data["agreements"]}
        self.initiatives = {i["key"]: i for i in data["initiatives"]}
        self.networks = data["networks"]
        self.memberships = data["memberships"]
        self.practices = data["practices"]
        self.sources = data["sources"]

    def family(self, key: str) -> set[str]:
        """The actor and its own bodies, at any depth (the ACI and the EDU count for Medellín)."""
        found = {key}
        while True:
            more = {k for k, a in self.actors.items() if a.get("parent") in found} - found
            if not more:
                return found
            found |= more

    def country(self, actor: str | None) -> str | None:
        return self.actors[actor].get("country") if actor else None

    def initiative_countries(self, i: dict, besides: set[str] = frozenset()) -> set[str]:
        """A participant's country (stated for a party, else its actor's) or a recipient country; the
        actors in `besides` (the chosen actor's family) do not count: with actor=, a partner's country."""
        found = {p.get("country") or self.country(p.get("actor")) for p in i["participants"]
                 if p.get("actor") not in besides}
        return (found | set(i.get("countries") or [])) - {None}

    def agreement_countries(self, g: dict, besides: set[str] = frozenset()) -> set[str]:
        return {self.country(p) for p in g["parties"] if p not in besides} - {None}

    @staticmethod
    def year(i: dict) -> int | None:
        value = i.get("start") or i.get("end")
        return int(str(value)[:4]) if value else None


CASE = Case()


def initiatives_where(test) -> set[str]:
    return {k for k, i in CASE.initiatives.items() if test(i)}


def agreements_where(test) -> set[str]:
    return {k for k, g in CASE.agreements.items() if test(g)}


def actors_where(test) -> set[str]:
    return {k for k, a in CASE.actors.items() if test(a)}


def themed(record: dict, theme: str) -> bool:
    return bool(set(record.get("themes") or []) & set(taxonomy().below(theme)))


def in_region(countries: set[str], region: str) -> bool:
    return any(region_of(c) == region for c in countries)


def taking_part(test_initiative, role: str | None = None) -> set[str]:
    """Actors that take part (in `role`, if given) in an initiative that passes the test."""
    return {p["actor"] for i in CASE.initiatives.values() if test_initiative(i) for p in i["participants"]
            if p.get("actor") and (role is None or p["role"] == role)}


MEDELLIN = CASE.family("medellin")

# --- the client -------------------------------------------------------------------------------------


class Api:
    """A client that fails on any 5xx and any answer that is not JSON: no response may ever be a 500."""

    def __init__(self, app):
        self.client = TestClient(app, raise_server_exceptions=False)

    def get(self, path: str, params: dict | None = None, headers: dict | None = None):
        self.client.cookies.clear()  # the pages' language cookie must never decide an API answer
        response = self.client.get(path, params=params, headers=headers)
        assert response.status_code < 500, f"{path} {params} → {response.status_code}: {response.text[:500]}"
        kind = response.headers.get("content-type", "")
        assert kind.startswith("application/json"), (
            f"{path} {params} → {response.status_code} {kind}, not JSON: {response.text[:200]!r}")
        return response

    def json(self, path: str, params: dict | None = None, status: int = 200, headers: dict | None = None) -> dict:
        response = self.get(path, params, headers)
        assert response.status_code == status, f"{path} {params} → {response.status_code}: {response.text[:500]}"
        return response.json()

    def error(self, path: str, params: dict | None = None, status: int = 422, headers: dict | None = None) -> dict:
        body = self.json(path, params, status, headers)
        assert set(body) == {"error"}, body
        assert body["error"]["status"] == status and isinstance(body["error"]["message"], str), body
        assert body["error"]["message"].strip(), body
        return body["error"]

    def keys(self, record: str, **params) -> set[str]:
        body = self.json(f"/api/v1/{record}", {**params, "per_page": 500})
        assert body["total"] == len(body["items"]), "one page of 500 holds the whole case"
        return {item["key"] for item in body["items"]}


@pytest.fixture(scope="module")
def store(medellin_store):
    geocode_actors(medellin_store)  # actors get their places, as `make run` does
    return medellin_store


@pytest.fixture(scope="module")
def api(store) -> Api:
    return Api(create_app(store))


def check_facets(body: dict, record: str) -> None:
    """What must hold in any list answer, whatever the filters."""
    total = body["total"]
    facets = {name: {v["value"]: v["count"] for v in values} for name, values in body["facets"].items()}
    for name, counts in facets.items():
        assert all(0 < n <= total for n in counts.values()), (name, counts, total)
    if record == "initiatives":
        # one modality, one instrument and one class per initiative: each facet adds up to the total
        for name in ("modality", "instrument", "classification"):
            assert sum(facets[name].values()) == total, (name, facets[name], total)
    elif record == "agreements":
        for name in ("agreement_kind", "classification"):
            assert sum(facets[name].values()) == total, (name, facets[name], total)
    else:
        assert "classification" not in facets
        assert sum(facets["kind"].values()) == total
        assert sum(facets["country"].values()) <= total  # some actors have no known country
    assert body["pages"] == max(1, -(-total // body["per_page"]))
    assert len(body["items"]) == min(body["per_page"], max(0, total - (body["page"] - 1) * body["per_page"]))


# --- the OpenAPI description ----------------------------------------------------------------------

ENDPOINTS = {"/initiatives", "/agreements", "/actors", "/initiatives/{key}", "/agreements/{key}", "/actors/{key}",
             "/networks", "/networks/{key}", "/practices", "/sources", "/sources/{key}", "/indicators",
             "/indicators/{name}", "/schemes", "/classification/{actor}",
             "/export/{fmt}",  # the export's files are checked in tests/test_downloads.py
             "/match", "/match/practice/{key}", "/practices/{key}"}  # tested in tests/test_api_matching.py
# the write API, tested in tests/test_editing_api.py
WRITE_ENDPOINTS = {"/edit/{kind}": {"post"}, "/edit/{kind}/{key}": {"get", "put", "delete"},
                   "/edit/{kind}/{key}/publish": {"post"}, "/drafts": {"get"}, "/audit": {"get"}}


def test_the_openapi_lists_every_endpoint_this_file_tests(api):
    spec = api.json("/api/v1/openapi.json")
    assert set(spec["paths"]) == ENDPOINTS | set(WRITE_ENDPOINTS)  # a new endpoint needs its tests
    assert all(set(ops) == {"get"} for path, ops in spec["paths"].items() if path in ENDPOINTS)
    assert {path: set(ops) for path, ops in spec["paths"].items() if path in WRITE_ENDPOINTS} == WRITE_ENDPOINTS
    assert spec["servers"] == [{"url": "/api/v1"}]


def test_the_openapi_describes_the_errors_the_api_sends(api):
    """A client generated from the OpenAPI must expect the error body the API sends: the 422 it declares
    should be sursur's `{"error": {...}}` (not FastAPI's `{"detail": [...]}`), and a route with a record's
    key should declare its 404."""
    spec = api.json("/api/v1/openapi.json")
    sent = api.error("/api/v1/initiatives", {"from": "abc"})
    assert set(sent) == {"status", "message", "parameter"}

    def resolve(schema: dict) -> dict:
        while "$ref" in schema:
            schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
        return schema

    wrong = []
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            responses = op["responses"]
            declared = resolve(responses["422"]["content"]["application/json"]["schema"])
            if "error" not in declared.get("properties", {}):
                fields = sorted(declared.get("properties", {}))
                wrong.append(f"{method} {path}: 422 declared as {declared.get('title')} with {fields}")
            if ("{key}" in path or "{actor}" in path) and "404" not in responses:
                wrong.append(f"{method} {path}: its 404 is not declared")
            if path in WRITE_ENDPOINTS and not {"401", "403", "409"} <= set(responses):
                wrong.append(f"{method} {path}: 401, 403 and 409 are not all declared")
    assert not wrong, "\n".join(wrong)


# --- lists: totals and pages ----------------------------------------------------------------------

@pytest.mark.parametrize("record, expected", [
    ("initiatives", set(CASE.initiatives)), ("agreements", set(CASE.agreements)), ("actors", set(CASE.actors))])
def test_a_list_without_filters_is_every_record(api, record, expected):
    # By hand: the article gives 9 initiatives, 45 agreements (Tabla 1: 17, Tabla 2: 27, 3.4: 1), 75 actors
    # (73 in its tables and section 3, and Turín and San Salvador in its example of replicability, section 1).
    assert len(expected) == {"initiatives": 9, "agreements": 45, "actors": 75}[record]
    body = api.json(f"/api/v1/{record}")
    assert body["total"] == len(expected)
    assert body["page"] == 1 and body["per_page"] == 50 and body["filters"] == {"record": record[:-1]}
    assert body["notes"] == []
    check_facets(body, record)
    assert api.keys(record) == expected


@pytest.mark.parametrize("record, per_page", [("initiatives", 2), ("agreements", 7), ("actors", 10)])
def test_pages_cover_every_record_once(api, record, per_page):
    expected = {"initiatives": CASE.initiatives, "agreements": CASE.agreements, "actors": CASE.actors}[record]
    pages = -(-len(expected) // per_page)  # 9/2 → 5, 45/7 → 7, 73/10 → 8
    seen: list[str] = []
    bodies = []
    for page in range(1, pages + 1):
        body = api.json(f"/api/v1/{record}", {"page": page, "per_page": per_page})
        assert (body["total"], body["pages"], body["page"], body["per_page"]) == (len(expected), pages, page, per_page)
        assert len(body["items"]) == (per_page if page < pages else len(expected) - per_page * (pages - 1))
        check_facets(body, record)
        seen += [item["key"] for item in body["items"]]
        bodies.append(body)
    assert len(seen) == len(set(seen)), "a record on two pages"
    assert set(seen) == set(expected)
    assert {i["key"] for i in bodies[0]["items"]}.isdisjoint(i["key"] for i in bodies[1]["items"])
    # the facet counts are over everything that matches, not the page shown
    assert bodies[0]["facets"] == bodies[-1]["facets"]
    # the same page asked twice is the same page
    assert api.json(f"/api/v1/{record}", {"page": 2, "per_page": per_page})["items"] == bodies[1]["items"]
    # past the last page: nothing, with the same total
    after = api.json(f"/api/v1/{record}", {"page": pages + 1, "per_page": per_page})
    assert after["items"] == [] and after["total"] == len(expected)


def test_initiatives_come_most_recent_first(api):
    body = api.json("/api/v1/initiatives", {"per_page": 1})
    # The only initiative dated after 2011 is the Chilean delegation of 2015.
    assert body["items"][0]["key"] == "delegacion-chilena-2015"
    assert body["pages"] == 9


def test_pages_of_a_filtered_list(api):
    everything = api.keys("agreements", classification="south_south")
    seen = []
    for page in (1, 2, 3, 4):
        body = api.json("/api/v1/agreements", {"classification": "south_south", "page": page, "per_page": 4})
        assert body["total"] == 12 and body["pages"] == 3
        seen += [item["key"] for item in body["items"]]
    assert len(seen) == len(set(seen)) == 12 and set(seen) == everything


@pytest.mark.parametrize("per_page", [1, 500])
def test_per_page_limits_are_accepted(api, per_page):
    body = api.json("/api/v1/actors", {"per_page": per_page})
    assert body["per_page"] == per_page and body["pages"] == -(-75 // per_page)


# --- lists: each filter ------------------------------------------------------------------------------

# (record, filters, the keys the article's records give for them)
FILTERS = [
    ("initiatives", {"q": "Buen Comienzo"},
     initiatives_where(lambda i: "buen comienzo" in (i["title"] + i["description"]["text"]).lower())),
    ("initiatives", {"country": "ECU"}, initiatives_where(lambda i: "ECU" in CASE.initiative_countries(i))),
    ("initiatives", {"country": "col"}, initiatives_where(lambda i: "COL" in CASE.initiative_countries(i))),
    ("initiatives", {"region": "Southern Europe"},
     initiatives_where(lambda i: in_region(CASE.initiative_countries(i), "Southern Europe"))),
    ("initiatives", {"theme": "medellin:early_childhood"},
     initiatives_where(lambda i: themed(i, "medellin:early_childhood"))),
    ("initiatives", {"modality": "bilateral"}, initiatives_where(lambda i: i["modality"] == "bilateral")),
    ("initiatives", {"instrument": "project"}, initiatives_where(lambda i: i["instrument"] == "project")),
    ("initiatives", {"role": "facilitator"},
     initiatives_where(lambda i: any(p["role"] == "facilitator" for p in i["participants"]))),
    ("initiatives", {"kind": "city_network"}, initiatives_where(
        lambda i: any(p.get("actor") and CASE.actors[p["actor"]]["kind"] == "city_network"
                      for p in i["participants"]))),
    ("initiatives", {"from": 2011, "to": 2011}, initiatives_where(lambda i: CASE.year(i) == 2011)),
    ("initiatives", {"from": 2012}, initiatives_where(lambda i: (CASE.year(i) or 0) >= 2012)),
    ("initiatives", {"to": 2011}, initiatives_where(lambda i: CASE.year(i) is not None and CASE.year(i) <= 2011)),
    ("initiatives", {"actor": "barcelona"},
     initiatives_where(lambda i: any(p.get("actor") in CASE.family("barcelona") for p in i["participants"]))),
    ("initiatives", {"actor": "aci"},  # the ACI's own area organised the 2011 forum
     initiatives_where(lambda i: any(p.get("actor") in CASE.family("aci") for p in i["participants"]))),
    # By hand: the classifier calls five of the nine South–South under the default scheme (Lima's parks,
    # the Chilean delegation and the return visit, Carchi, Panamá); La Habana is triangular (Barcelona),
    # Proyecto AL multilateral (the European Commission), the forum and Buen Comienzo unknown (no partner
    # with a known country beside Medellín's own bodies, or only the IDB).
    ("initiatives", {"classification": "south_south"},
     {"lima-parques", "delegacion-chilena-2015", "visita-medellin-chile", "carchi-desarrollo-economico",
      "panama-prevencion-violencia"}),
    ("initiatives", {"modality": "bilateral", "country": "CHL"}, {"delegacion-chilena-2015", "visita-medellin-chile"}),
    ("agreements", {"q": "Milán"}, agreements_where(lambda g: "milan" in g["parties"])),  # a party's name
    ("agreements", {"q": "turismo"}, agreements_where(lambda g: "turismo" in g["area"].lower())),
    ("agreements", {"country": "ESP"}, agreements_where(lambda g: "ESP" in CASE.agreement_countries(g))),
    ("agreements", {"region": "Eastern Asia"},
     agreements_where(lambda g: in_region(CASE.agreement_countries(g), "Eastern Asia"))),
    ("agreements", {"theme": "segib:health"}, agreements_where(lambda g: themed(g, "segib:health"))),
    ("agreements", {"kind": "academic"},
     agreements_where(lambda g: any(CASE.actors[p]["kind"] == "academic" for p in g["parties"]))),
    ("agreements", {"actor": "oei"}, agreements_where(lambda g: "oei" in g["parties"])),
    ("agreements", {"modality": "bilateral"}, set()),  # agreements have no modality
    ("agreements", {"from": 2000}, set()),  # the article dates no agreement
    # By hand: the parties of these nine are multilateral bodies (OEI three times, OIM, ONU-Hábitat, UE,
    # ONUDC, the UN human-rights office) or a network with no country (Red UCCI).
    ("agreements", {"classification": "multilateral"},
     {"t2-05-oei", "t2-11-oei", "t2-13-oei", "t2-08-oim", "t2-09-onu-habitat", "t2-14-ue", "t2-21-onudc",
      "t2-22-red-ucci", "t2-23-oacnudh"}),
    ("actors", {"q": "Medellín"}, actors_where(
        lambda a: any("medellín" in n.lower() for n in [a["name"], *a.get("other_names", [])]))),
    ("actors", {"q": "oei"}, {"oei"}),
    ("actors", {"country": "ARG"}, actors_where(lambda a: a.get("country") == "ARG")),
    ("actors", {"region": "Southern Europe"},
     actors_where(lambda a: a.get("country") and region_of(a["country"]) == "Southern Europe")),
    ("actors", {"kind": "province"}, actors_where(lambda a: a["kind"] == "province")),
    ("actors", {"kind": "municipality", "country": "ARG"},
     actors_where(lambda a: a["kind"] == "municipality" and a.get("country") == "ARG")),
    ("actors", {"role": "facilitator"}, taking_part(lambda i: True, "facilitator")),
    ("actors", {"from": 2011, "to": 2011}, taking_part(lambda i: CASE.year(i) == 2011)),
    ("actors", {"theme": "medellin:early_childhood"}, taking_part(lambda i: themed(i, "medellin:early_childhood"))),
    ("actors", {"modality": "triangular"}, taking_part(lambda i: i["modality"] == "triangular")),
    ("actors", {"actor": "medellin"}, MEDELLIN),
]


def test_the_expected_sets_are_what_the_article_says():
    """A few of the sets above counted by hand from the article, so the helpers cannot drift."""
    by = {(r, json.dumps(f, sort_keys=True, ensure_ascii=False)): keys for r, f, keys in FILTERS}
    assert len(by["initiatives", '{"modality": "bilateral"}']) == 5
    assert len(by["initiatives", '{"country": "ECU"}']) == 4  # Buen Comienzo, Carchi, the forum, Proyecto AL
    assert by["initiatives", '{"region": "Southern Europe"}'] == {"la-habana-centro-historico", "proyecto-al"}
    assert len(by["agreements", '{"country": "ESP"}']) == 6  # Bilbao, Lleida, Barcelona, Cantabria, AECID, IMEB
    assert by["agreements", '{"region": "Eastern Asia"}'] == {"t1-nanjing", "t2-06-kec", "t2-07-korea-land-housing",
                                                              "t2-10-icdf-taiwan"}
    assert len(by["actors", '{"country": "ARG"}']) == 8
    assert by["actors", '{"role": "facilitator"}'] == {"bid", "mercociudades", "proyeccion-de-ciudad"}
    assert by["actors", '{"q": "Medellín"}'] == {"medellin", "aci", "inder"}
    assert MEDELLIN == {"medellin", "aci", "proyeccion-de-ciudad", "edu", "inder"}


@pytest.mark.parametrize("record, filters, expected", FILTERS,
                         ids=[f"{r}-{'&'.join(f'{k}={v}' for k, v in f.items())}" for r, f, _ in FILTERS])
def test_each_filter_finds_what_the_article_gives(api, record, filters, expected):
    body = api.json(f"/api/v1/{record}", {**filters, "per_page": 500})
    assert {item["key"] for item in body["items"]} == expected
    assert body["total"] == len(expected)
    check_facets(body, record)
    shown = {k: str(v).upper() if k == "country" else str(v) for k, v in filters.items()
             if k not in ("from", "to")}  # the period's echo: test_the_filters_echoed_can_be_sent_again
    assert {k: v for k, v in body["filters"].items() if k not in ("from", "to", "year_from", "year_to")} == {
        "record": record[:-1], **shown}
    # the facet of the filter itself holds only the value chosen, with the total as its count
    for name in ("modality", "instrument", "kind", "classification"):
        if name in filters and name in body["facets"] and expected and not (record != "actors" and name == "kind"):
            assert body["facets"][name] == [{"value": filters[name], "count": len(expected)}]


@pytest.mark.parametrize("record", RECORDS)
def test_the_filters_echoed_can_be_sent_again(api, record):
    """`filters` says which filters are set, as query parameters: sent back, they find the same records
    (a client builds its next-page link from them)."""
    asked = {"from": "2011", "to": "2015", "kind": "municipality", "country": "col"}
    first = api.json(f"/api/v1/{record}", asked)
    echoed = dict(first["filters"])
    assert echoed.pop("record") == record[:-1]
    assert echoed == {**asked, "country": "COL"}
    again = api.json(f"/api/v1/{record}", echoed)
    assert again["total"] == first["total"] and again["filters"] == first["filters"]


def test_a_filter_changes_the_facet_counts_of_the_others(api):
    everything = api.json("/api/v1/initiatives")
    regional = api.json("/api/v1/initiatives", {"modality": "regional"})
    # By hand: the regional ones are Buen Comienzo (2011), the forum (2011) and Proyecto AL (undated).
    assert regional["total"] == 3
    assert regional["facets"]["year"] == [{"value": "2011", "count": 2}]
    assert everything["facets"]["year"] == [{"value": "2011", "count": 2}, {"value": "2015", "count": 1}]
    assert {v["value"]: v["count"] for v in regional["facets"]["instrument"]} == {"action": 2, "project": 1}


# The filter that a facet's values are for (the agreement kind has none).
FACET_FILTER = {"modality": "modality", "instrument": "instrument", "role": "role", "kind": "kind",
                "country": "country", "theme": "theme", "classification": "classification", "year": None}


@pytest.mark.parametrize("record", RECORDS)
@pytest.mark.parametrize("scope", [{}, {"actor": "medellin"}], ids=["all", "actor=medellin"])
def test_filtering_by_a_facet_value_gives_exactly_its_count(api, record, scope):
    """Explore shows each facet value with its count, as a link that adds the filter: following the link
    must find that many records. With actor=, `country` is a partner's and `role` the actor's own
    (docs/OBSERVATORY.md), so the facets must count them that way too."""
    body = api.json(f"/api/v1/{record}", {**scope, "per_page": 500})
    wrong = []
    for name, values in body["facets"].items():
        if name not in FACET_FILTER:
            continue
        for value in values:
            params = {"from": value["value"], "to": value["value"]} if name == "year" else {name: value["value"]}
            found = api.json(f"/api/v1/{record}", {**scope, **params, "per_page": 500})
            check_facets(found, record)
            if found["total"] != value["count"]:
                wrong.append(f"{name}={value['value']}: facet says {value['count']}, the filter finds {found['total']}")
            own = [v["count"] for v in found["facets"].get(name, []) if v["value"] == value["value"]]
            if name != "year" and own != [found["total"]]:
                wrong.append(f"{name}={value['value']}: under its own filter the facet says {own}, "
                             f"total {found['total']}")
    assert not wrong, "\n".join(wrong)


def test_actor_with_country_means_a_partners_country(api):
    # Every record of Medellín's involves Colombia (Medellín itself, or the EDU and INDER for Lima's parks).
    assert api.json("/api/v1/initiatives", {"country": "COL"})["total"] == 9
    assert api.json("/api/v1/agreements", {"country": "COL"})["total"] == 45
    assert api.json("/api/v1/initiatives", {"country": "COL", "actor": "medellin"})["total"] == 0
    assert api.json("/api/v1/agreements", {"country": "COL", "actor": "medellin"})["total"] == 0
    # With a partner's country: Ecuador is Carchi's, Quito's (Proyecto AL), and a recipient country of
    # Buen Comienzo's presentation and of the forum.
    assert api.keys("initiatives", country="ECU", actor="medellin") == {
        "carchi-desarrollo-economico", "proyecto-al", "buen-comienzo-ecuador-2011", "foro-css-2011"}
    # Peru is Lima's: the parks service (Lima's own body) and Lima in Proyecto AL; the forum names Peru.
    assert api.keys("initiatives", country="PER", actor="medellin") == {"lima-parques", "proyecto-al",
                                                                       "foro-css-2011"}
    assert api.keys("agreements", country="PER", actor="medellin") == {"convenio-lima-parques"}


def test_actor_with_region_means_a_partners_region(api):
    expected = initiatives_where(lambda i: in_region(CASE.initiative_countries(i, MEDELLIN), "Southern Europe"))
    assert expected == {"la-habana-centro-historico", "proyecto-al"}  # Barcelona; the Andalusian federation
    assert api.keys("initiatives", region="Southern Europe", actor="medellin") == expected
    lac = agreements_where(lambda g: in_region(CASE.agreement_countries(g, MEDELLIN),
                                               "Latin America and the Caribbean"))
    assert len(lac) == 12  # ten Tabla 1 partners (Curazao among them), the Tec de Monterrey, Lima's parks
    assert api.keys("agreements", region="Latin America and the Caribbean", actor="medellin") == lac
    # Without actor=, Medellín's own Colombia puts every agreement in the region.
    assert api.json("/api/v1/agreements", {"region": "Latin America and the Caribbean"})["total"] == 45


def test_actor_with_role_means_the_actors_own_role(api):
    # By hand: Medellín (or its EDU and INDER) offers in Lima's parks, Buen Comienzo, the delegation,
    # Carchi and Panamá; it is first offerer in La Habana, receiver in the return visit to Chile.
    assert api.keys("initiatives", actor="medellin", role="offerer") == {
        "lima-parques", "buen-comienzo-ecuador-2011", "delegacion-chilena-2015", "carchi-desarrollo-economico",
        "panama-prevencion-violencia"}
    assert api.keys("initiatives", actor="medellin", role="receiver") == {"visita-medellin-chile"}
    assert api.keys("initiatives", role="receiver") == initiatives_where(
        lambda i: any(p["role"] == "receiver" for p in i["participants"]))


def test_classification_differs_between_schemes(api, store):
    default = api.keys("agreements", classification="south_south")
    m49 = api.keys("agreements", classification="south_south", scheme="m49")
    # By hand: Curaçao, South Korea and Taiwan are neither in the G77 nor on the DAC list (North under the
    # default rule) but lie outside the UN's former developed regions (South under M49).
    assert m49 - default == {"t1-curazao", "t2-06-kec", "t2-07-korea-land-housing", "t2-10-icdf-taiwan"}
    assert default <= m49 and len(default) == 12
    body = api.json("/api/v1/agreements", {"classification": "south_south", "scheme": "m49"})
    assert body["total"] == 16 and body["filters"]["scheme"] == "m49"
    assert body["facets"]["classification"] == [{"value": "south_south", "count": 16}]
    assert all(item["classification"]["scheme"] == "m49" for item in body["items"])
    # and the counts by class under each scheme are those of the south-south indicator
    for scheme in SCHEMES:
        table = run_indicator(store, "south-south", "medellin", None, None, scheme)
        by_class = {row["class"]: (row["agreements"], row["initiatives"]) for row in table.rows}
        for record, column in (("agreements", 0), ("initiatives", 1)):
            facet = {v["value"]: v["count"] for v in
                     api.json(f"/api/v1/{record}", {"scheme": scheme})["facets"]["classification"]}
            assert facet == {c: n[column] for c, n in by_class.items() if n[column]}, (scheme, record)


# --- details ----------------------------------------------------------------------------------------

def check_classification(found: dict, scheme: str, lang: str = "es") -> None:
    assert found["scheme"] == scheme
    assert found["rule"] == gettext_for(lang)(SCHEMES[scheme].rule)
    listed = lists()
    assert [x["key"] for x in found["lists"]] == list(SCHEMES[scheme].lists)
    for entry in found["lists"]:
        assert entry["vintage"] == listed[entry["key"]].vintage and entry["vintage"]
        assert entry["source"] == listed[entry["key"]].source


def test_an_initiative_in_detail(api):
    found = api.json("/api/v1/initiatives/la-habana-centro-historico")
    assert found["key"] == "la-habana-centro-historico" and found["modality"] == "triangular"
    assert [(p["actor"], p["role"]) for p in found["participants"]] == [
        ("medellin", "first_offerer"), ("barcelona", "second_offerer"), ("la-habana", "receiver")]
    assert found["sources"] == [{"source": "espacios-2020", "locator": "3.4"}]
    assert found["stated_class"]["value"] == "south_south"
    assert found["flows"] == []  # the article gives no amounts
    check_classification(found["classification"], DEFAULT_SCHEME)
    # Colombia and Cuba are South, Spain (Barcelona, the second offerer) North: triangular.
    assert found["classification"]["value"] == "triangular"
    assert found["classification"]["stated"] == "south_south"
    sides = {p["party"]: (p["country"], p["side"]) for p in found["classification"]["parties"]}
    assert sides == {"medellin": ("COL", "south"), "barcelona": ("ESP", "north"), "la-habana": ("CUB", "south")}


def test_an_initiative_under_another_scheme(api):
    found = api.json("/api/v1/initiatives/carchi-desarrollo-economico", {"scheme": "wb-income"})
    check_classification(found["classification"], "wb-income")
    assert found["figures"][0]["value"] == 3  # three Ecuadorian cities benefit
    assert {p.get("party") for p in found["participants"]} == {None, "tres ciudades ecuatorianas"}


def test_an_agreement_in_detail(api):
    found = api.json("/api/v1/agreements/t1-curazao")
    assert found["parties"] == ["medellin", "curazao"]
    assert found["area"] == "Cooperación sur-sur Medellín para Curazao"
    assert found["sources"] == [{"source": "espacios-2020", "locator": "Tabla 1, fila 13"}]
    check_classification(found["classification"], DEFAULT_SCHEME)
    # The table itself calls it South–South; the default rule does not (Curaçao is North there)…
    assert found["classification"]["stated"] == "south_south"
    assert found["classification"]["value"] != "south_south"
    # …and M49 does (the Caribbean is not among the former developed regions).
    m49 = api.json("/api/v1/agreements/t1-curazao", {"scheme": "m49"})["classification"]
    check_classification(m49, "m49")
    assert m49["value"] == "south_south" and m49["stated"] == "south_south"
    assert {p["party"]: p["country"] for p in m49["parties"]} == {"medellin": "COL", "curazao": "CUW"}


def test_an_actor_in_detail(api):
    found = api.json("/api/v1/actors/medellin")
    assert (found["name"], found["kind"], found["country"]) == ("Medellín", "municipality", "COL")
    assert found["place"] == "geonames:3674962"  # GeoNames' Medellín (placed by geocode_actors)
    assert found["population"]["value"] == 2_400_000 and found["population"]["approximate"] is True
    assert found["population"]["source"] == {"source": "espacios-2020", "locator": "3.4"}
    assert [t["date"] for t in found["timeline"]] == ["2001", "2011-07", "2012"]
    assert found["timeline"][2]["source"]["locator"] == "3.4, nota 5"
    assert found["sources"] == [{"source": "espacios-2020", "locator": "3.4"}]
    assert "classification" not in found  # actors are not classified
    aci = api.json("/api/v1/actors/aci")
    assert aci["parent"] == "medellin" and "ACI" in aci["other_names"] and aci["founded"] == "2001"
    assert aci["place"] == found["place"]  # a body of the city is placed at its city
    assert [s["locator"] for s in aci["sources"]] == ["3.1", "3.4"]


def test_networks_practices_and_sources(api):
    networks = api.json("/api/v1/networks")["items"]
    assert [n["key"] for n in networks] == [n["key"] for n in CASE.networks] == ["mercociudades"]
    merco = api.json("/api/v1/networks/mercociudades")
    assert merco == networks[0]
    assert [(c["year"], c["count"]) for c in merco["member_counts"]] == [(1995, 12), (2016, 307)]
    assert merco["thematic_unit_count"] == 15
    members = {m["actor"]: m["founding"] for m in merco["members"]}
    assert members == {m["actor"]: m["founding"] for m in CASE.memberships}
    assert sum(members.values()) == 12 and members["medellin"] is False  # twelve founders, Medellín later
    practices = api.json("/api/v1/practices")["items"]
    # Five practices: the three Medellín models the article names (3.4) and its example of Curitiba and Turín (1)
    assert sorted((p["key"], p["owner"], p["recognition"]) for p in practices) == [
        ("buen-comienzo", "medellin", "Honors Habitat"), ("curitiba-trabajadoras-informales", "curitiba", None),
        ("prevencion-violencia-jovenes", "medellin", None), ("turin-empleo-femenino", "turin", None),
        ("urbanismo-social", "medellin", None)]
    by_key = {p["key"]: p for p in practices}
    for raw in CASE.practices:
        assert [s["locator"] for s in by_key[raw["key"]]["sources"]] == raw["cite"]
    assert by_key["buen-comienzo"]["transfers"] == ["buen-comienzo-ecuador-2011"]
    sources = api.json("/api/v1/sources")["items"]
    assert [s["key"] for s in sources] == ["espacios-2020"]
    one = api.json("/api/v1/sources/espacios-2020")
    assert one == sources[0] and one["publisher"] == "Revista ESPACIOS 41(21)" and one["year"] == 2020


# --- indicators, schemes, an actor's classification ---------------------------------------------------

@pytest.mark.parametrize("lang", ["es", "en", "pt"])
def test_the_indicator_list(api, lang):
    items = api.json("/api/v1/indicators", {"lang": lang})["items"]
    assert [i["name"] for i in items] == list(INDICATORS)
    _ = gettext_for(lang)
    for item in items:
        assert item["description"] == _(INDICATORS[item["name"]][1])
        assert item["href"] == f"/api/v1/indicators/{item['name']}"
        assert api.get(item["href"], {"actor": "medellin"}).status_code == 200
    volumes = next(i["description"] for i in items if i["name"] == "volumes")
    # Not every description is translated yet (key-figures' is English in es and pt): only a translated
    # one is checked word for word.
    assert {"es": "montos por año", "en": "amounts by year", "pt": "montantes por ano"}[lang] in volumes


def as_json(value):
    return json.loads(json.dumps(value))


def check_indicator(api, store, name, actor=None, start=None, end=None, scheme=None, lang="es") -> dict:
    table = run_indicator(store, name, actor, start, end, scheme)
    params = {k: v for k, v in {"actor": actor, "from": start, "to": end, "scheme": scheme, "lang": lang}.items()
              if v is not None}
    body = api.json(f"/api/v1/indicators/{name}", params)
    assert body["indicator"] == name
    assert (body["actor"], body["from"], body["to"], body["scheme"]) == (actor, start, end, scheme)
    assert body["columns"] == table.columns
    assert [{k: v for k, v in row.items() if k != "records"} for row in body["rows"]] == as_json(plain(table.rows))
    assert [row["records"] for row in body["rows"]] == table.records
    assert body["notes"] == [note.render(gettext_for(lang)) for note in table.notes]
    return body


@pytest.mark.parametrize("name", list(INDICATORS))
def test_each_indicator_for_medellin_is_the_services_table(api, store, name):
    check_indicator(api, store, name, "medellin")


@pytest.mark.parametrize("name, start, end, scheme, lang", [
    ("south-south", 2011, 2015, "m49", "en"), ("key-figures", None, None, "wb-income", "pt"),
    ("portfolio", 2011, 2011, None, "es"), ("partners-by-area", None, None, None, "en"),
    ("volumes", None, None, "g77", "es")])
def test_an_indicator_with_a_period_a_scheme_and_a_language(api, store, name, start, end, scheme, lang):
    check_indicator(api, store, name, "medellin", start, end, scheme, lang)


@pytest.mark.parametrize("name", [n for n in INDICATORS if n not in ("partners-by-area", "key-figures", "data-quality")])
def test_each_indicator_over_the_whole_database(api, store, name):
    check_indicator(api, store, name)


def test_south_south_indicator_by_hand(api):
    rows = api.json("/api/v1/indicators/south-south", {"actor": "medellin", "scheme": "g77-or-dac"})["rows"]
    south = next(r for r in rows if r["class"] == "south_south")
    # 12 agreements (see test_pages_of_a_filtered_list) and 5 initiatives (see FILTERS), out of 45 + 9.
    assert (south["agreements"], south["initiatives"], south["relations"]) == (12, 5, 17)
    assert south["share"] == pytest.approx(17 / 54, abs=1e-4)


@pytest.mark.parametrize("lang", ["es", "en", "pt"])
def test_the_schemes(api, lang):
    items = api.json("/api/v1/schemes", {"lang": lang})["items"]
    assert [s["name"] for s in items] == list(SCHEMES)
    _ = gettext_for(lang)
    listed = lists()
    for item in items:
        scheme = SCHEMES[item["name"]]
        assert (item["title"], item["rule"]) == (_(scheme.title), _(scheme.rule))
        assert [(x["key"], x["vintage"]) for x in item["lists"]] == [(k, listed[k].vintage) for k in scheme.lists]
    g77 = next(s for s in items if s["name"] == "g77")
    assert g77["rule"].startswith({"es": "Sur si", "en": "South if", "pt": "Sul se"}[lang])


def test_the_classification_of_medellin_under_every_scheme(api):
    body = api.json("/api/v1/classification/medellin")
    assert body["actor"] == "medellin" and set(body["schemes"]) == set(SCHEMES)
    for name, tally in body["schemes"].items():
        # every one of the 45 agreements and 9 initiatives involves Medellín or one of its bodies
        assert tally["total"] == len(CASE.agreements) + len(CASE.initiatives) == 54
        assert sum(tally["counts"].values()) == tally["total"]
        assert sum(tally["shares"].values()) == pytest.approx(1.0)
        for cls, n in tally["counts"].items():
            assert tally["shares"][cls] == pytest.approx(n / tally["total"])
            # the same count as the lists give for that class under that scheme
            listed = sum(api.json(f"/api/v1/{r}", {"actor": "medellin", "classification": cls, "scheme": name,
                                                    "per_page": 1})["total"] for r in ("agreements", "initiatives"))
            assert listed == n, (name, cls)
    assert body["schemes"]["m49"]["counts"]["south_south"] - body["schemes"]["g77-or-dac"]["counts"]["south_south"] == 4


# --- errors -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path, kind", [
    ("/api/v1/initiatives/nope", "initiative"), ("/api/v1/agreements/nope", "agreement"),
    ("/api/v1/actors/nope", "actor"), ("/api/v1/networks/nope", "network"), ("/api/v1/sources/nope", "source"),
    ("/api/v1/classification/nope", "actor")])
def test_an_unknown_key_is_a_json_404(api, path, kind):
    error = api.error(path, status=404)
    assert "'nope'" in error["message"]
    assert "parameter" not in error
    english = api.error(path, {"lang": "en"}, status=404)["message"]
    assert english.startswith(f"there is no {kind} 'nope'")


@pytest.mark.parametrize("path", ["/api/v1/nope", "/api/v1/initiatives/x/y", "/api/v1/", "/api/v1/indicators/x/y"])
def test_an_unknown_path_is_a_json_404(api, path):
    error = api.error(path, status=404)
    assert path.rstrip("/") in error["message"]


def test_the_page_a_404_points_to_exists(api):
    """The 404 says where to look ('see /api/v1/docs'): that place must answer."""
    error = api.error("/api/v1/nope", {"lang": "en"}, status=404)
    pointed = [p for p in re.findall(r"/api/v1/[\w./-]*", error["message"]) if p != "/api/v1/nope"]
    assert pointed, error
    for path in pointed:
        answer = api.client.get(path.rstrip(".;"))
        assert answer.status_code == 200, f"the 404 message points to {path}, which answers {answer.status_code}"


def test_other_methods_are_refused_in_json(api):
    answer = api.client.post("/api/v1/initiatives")
    assert answer.status_code == 405 and answer.json()["error"]["status"] == 405


BAD = [
    ("/api/v1/initiatives", {"country": "XXX"}, "country", ["XXX"]),
    ("/api/v1/agreements", {"country": "Colombia"}, "country", ["COLOMBIA"]),
    ("/api/v1/actors", {"region": "Mars"}, "region", ["Mars", "Southern Europe"]),
    ("/api/v1/initiatives", {"theme": "segib:nothing"}, "theme", ["segib:nothing"]),
    ("/api/v1/initiatives", {"from": "abc"}, "from", ["abc"]),
    ("/api/v1/initiatives", {"from": "1500"}, "from", ["1500", "1800"]),
    ("/api/v1/agreements", {"to": "2201"}, "to", ["2201", "2200"]),
    ("/api/v1/initiatives", {"from": "2015", "to": "2011"}, "to", ["2011", "2015"]),
    ("/api/v1/actors", {"from": "2015", "to": "2011"}, "to", ["2011", "2015"]),
    ("/api/v1/initiatives", {"scheme": "nope"}, "scheme", ["nope", "m49"]),
    ("/api/v1/agreements/t1-milan", {"scheme": "nope"}, "scheme", ["nope"]),
    ("/api/v1/indicators/nope", {}, "name", ["nope", "south-south"]),
    ("/api/v1/indicators/south-south", {"scheme": "nope"}, "scheme", ["nope"]),
    ("/api/v1/initiatives", {"per_page": "0"}, "per_page", ["0"]),
    ("/api/v1/initiatives", {"per_page": "501"}, "per_page", ["501", "500"]),
    ("/api/v1/actors", {"page": "0"}, "page", ["0"]),
    ("/api/v1/initiatives", {"q": "x" * 201}, "q", ["200"]),
    ("/api/v1/initiatives", {"modality": "multilateral"}, "modality", ["multilateral"]),
    ("/api/v1/initiatives", {"instrument": "loan"}, "instrument", ["loan"]),
    ("/api/v1/initiatives", {"role": "donor"}, "role", ["donor", "offerer"]),
    ("/api/v1/actors", {"kind": "city"}, "kind", ["city", "municipality"]),
    ("/api/v1/initiatives", {"classification": "southish"}, "classification", ["southish", "south_south"]),
    ("/api/v1/actors", {"classification": "south_south"}, "classification", []),
    ("/api/v1/sources", {"lang": "fr"}, "lang", ["fr"]),
    # the errors the lists' and indicators' own checks raise must name their parameter too
    ("/api/v1/initiatives", {"actor": "nobody"}, "actor", ["nobody"]),
    ("/api/v1/agreements", {"actor": "nobody"}, "actor", ["nobody"]),
    ("/api/v1/actors", {"actor": "nobody"}, "actor", ["nobody"]),
    ("/api/v1/indicators/portfolio", {"actor": "nobody"}, "actor", ["nobody"]),
    ("/api/v1/indicators/portfolio", {"from": "2015", "to": "2011"}, "to", ["2011", "2015"]),
    ("/api/v1/indicators/partners-by-area", {}, "actor", []),
    ("/api/v1/indicators/key-figures", {}, "actor", []),
]


@pytest.mark.parametrize("path, params, parameter, shown", BAD,
                         ids=[f"{p.rsplit('/', 1)[1]}-{'&'.join(f'{k}={v[:12]}' for k, v in q.items())}"
                              for p, q, _, _ in BAD])
def test_a_bad_parameter_is_a_json_422_naming_it(api, path, params, parameter, shown):
    error = api.error(path, params, status=422)
    assert error.get("parameter") == parameter, error
    for text in shown:
        assert text in error["message"], error
    if parameter == "lang":
        return  # a wrong ?lang= cannot also ask for English
    # the same error in English names the parameter in the message itself
    english = api.error(path, {**params, "lang": "en"}, status=422)
    assert english.get("parameter") == parameter
    assert re.search(rf"\b{re.escape(parameter)}\b", english["message"]), english


def test_a_search_text_of_200_characters_is_accepted(api):
    assert api.json("/api/v1/initiatives", {"q": "x" * 200})["total"] == 0


# --- languages ------------------------------------------------------------------------------------------

# (request, params, what it says in es, en, pt) — words the team's catalogues give for these messages.
MESSAGES = [
    ("/api/v1/initiatives/nope", {}, 404, ["no hay ninguna iniciativa", "there is no initiative",
                                          "não há nenhuma iniciativa"]),
    ("/api/v1/nope", {}, 404, ["no hay nada en", "there is nothing at", "não há nada em"]),
    ("/api/v1/classification/nobody", {}, 404, ["no hay ningún actor", "there is no actor", "não há nenhum ator"]),
    ("/api/v1/initiatives", {"country": "XXX"}, 422, ["no es un código de país", "is not an ISO 3166",
                                                      "não é um código de país"]),
    ("/api/v1/initiatives", {"from": "2015", "to": "2011"}, 422, ["el período termina", "the period ends",
                                                                  "o período termina"]),
    # The reason in brackets is pydantic's own and stays English in every language; only sursur's words
    # around it are translated.
    ("/api/v1/initiatives", {"from": "abc"}, 422, ["no se puede usar aquí", "cannot be used here",
                                                   "não pode ser usado aqui"]),
]


@pytest.mark.parametrize("path, params, status, words", MESSAGES, ids=[m[3][1] for m in MESSAGES])
def test_messages_are_spanish_by_default_english_and_portuguese_when_asked(api, path, params, status, words):
    es, en, pt = words
    assert es in api.error(path, params, status)["message"]
    assert es in api.error(path, {**params, "lang": "es"}, status)["message"]
    assert en in api.error(path, {**params, "lang": "en"}, status)["message"]
    assert pt in api.error(path, {**params, "lang": "pt"}, status)["message"]
    assert pt in api.error(path, params, status, headers={"Accept-Language": "pt-BR,pt;q=0.9"})["message"]
    assert en in api.error(path, params, status, headers={"Accept-Language": "en-GB"})["message"]
    # ?lang= wins over the browser's language; a language sursur lacks falls back to Spanish
    assert en in api.error(path, {**params, "lang": "en"}, status, headers={"Accept-Language": "pt-BR"})["message"]
    assert es in api.error(path, params, status, headers={"Accept-Language": "fr-FR"})["message"]


def test_labels_follow_the_language_too(api):
    rule = {lang: api.json("/api/v1/initiatives/lima-parques", {"lang": lang})["classification"]["rule"]
            for lang in ("es", "en", "pt")}
    assert rule["en"] == SCHEMES[DEFAULT_SCHEME].rule
    assert rule["es"].startswith("Sur si") and rule["pt"].startswith("Sul se")
    pt = api.json("/api/v1/initiatives/lima-parques", headers={"Accept-Language": "pt-BR"})
    assert pt["classification"]["rule"] == rule["pt"]


# --- nothing a client sends gives a 500 ------------------------------------------------------------------

ODD = [
    ("/api/v1/initiatives", {"q": "%"}), ("/api/v1/initiatives", {"q": "_"}), ("/api/v1/agreements", {"q": "\\"}),
    ("/api/v1/actors", {"q": "' OR 1=1 --"}), ("/api/v1/initiatives", {"q": "😀"}),
    ("/api/v1/initiatives", {"q": "\uffff"}), ("/api/v1/actors", {"q": " "}),
    ("/api/v1/initiatives", {"country": ""}), ("/api/v1/initiatives", {"actor": ""}),
    ("/api/v1/initiatives", {"actor": "x" * 5000}), ("/api/v1/actors/" + "k" * 5000, {}),
    ("/api/v1/initiatives", {"page": "1000000"}), ("/api/v1/initiatives", {"page": "99999999999999999999"}),
    ("/api/v1/initiatives", {"from": "-1"}), ("/api/v1/initiatives", {"from": "2011.5"}),
    ("/api/v1/initiatives", {"from": ""}), ("/api/v1/agreements", {"per_page": "abc"}),
    ("/api/v1/initiatives", {"actor": "medellin", "country": "ESP", "region": "Latin America and the Caribbean"}),
    ("/api/v1/agreements", {"classification": "unknown", "scheme": "wb-income", "actor": "medellin",
                            "from": "1800", "to": "2200"}),
    ("/api/v1/actors/medell%C3%ADn", {}), ("/api/v1/actors/a%2Fb", {}), ("/api/v1/classification/%20", {}),
    ("/api/v1/indicators/volumes", {"from": "1800", "to": "2200"}),
    ("/api/v1/indicators/balance", {"actor": "MEDELLIN"}), ("/api/v1/indicators/dual-role", {"actor": "aci"}),
    ("/api/v1/indicators/concentration", {"actor": "mercociudades"}),
    ("/api/v1/indicators/key-figures", {"actor": "oei", "scheme": "m49"}),
    ("/api/v1/classification/bid", {}), ("/api/v1/classification/MEDELLIN", {}),
]


@pytest.mark.parametrize("path, params", ODD, ids=[f"{p.rsplit('/', 1)[1][:20]}-{sorted(q.items())}"[:60]
                                                   for p, q in ODD])
def test_odd_requests_get_an_answer_not_a_500(api, path, params):
    response = api.get(path, params)  # Api.get fails on any 5xx
    assert response.status_code in (200, 404, 422), response.text
    if response.status_code != 200:
        assert response.json()["error"]["status"] == response.status_code


@pytest.mark.parametrize("record", RECORDS)
def test_a_nul_character_in_the_search_is_refused_or_matches_nothing(api, record):
    """No record's text holds a NUL character: the search must find nothing, or refuse the text.
    (On SQLite the text is cut at the NUL, so q='\x00' finds everything and q='a\x00zzzz' finds what
    q='a' would, nearly; PostgreSQL refuses NUL in text and the request fails.)"""
    q = "\x00"
    response = api.get(f"/api/v1/{record}", {"q": q})
    assert response.status_code in (200, 422), response.text
    if response.status_code == 200:
        assert response.json()["total"] == 0, f"q={q!r} found {response.json()['total']} {record}"
    else:
        assert response.json()["error"]["parameter"] == "q"


@pytest.mark.parametrize("path", ["/api/v1/initiatives/a%00b", "/api/v1/agreements/a%00b", "/api/v1/actors/a%00b",
                                  "/api/v1/networks/a%00b", "/api/v1/sources/a%00b",
                                  "/api/v1/classification/a%00b"])
def test_a_nul_character_in_a_key_is_not_found(api, path):
    assert api.error(path, status=404)


@pytest.mark.parametrize("path", ["/api/v1/initiatives/%0A0", "/api/v1/sources/a%0Ab", "/api/v1/classification/%0Ab"])
def test_a_newline_in_a_key_is_the_apis_json_404(api, path):
    """Found by schemathesis: a key with a line break inside must get the API's JSON 404 like any other
    key that does not exist, not the site's HTML page."""
    assert api.error(path, status=404)


@pytest.mark.parametrize("path", ["/api/v1/initiatives", "/api/v1/indicators/portfolio"])
def test_a_nul_character_in_an_actor_is_refused(api, path):
    assert api.error(path, {"actor": "a\x00"}, status=422)


def test_the_search_ignores_case_in_accented_letters_too(api):
    # The ACI's name is written "… de Medellín y el Área Metropolitana" (3.1): its own words must find it,
    # in any case.
    for q in ("Área Metropolitana", "área metropolitana", "ÁREA METROPOLITANA"):
        assert api.keys("actors", q=q) == {"aci"}, q
    assert api.keys("agreements", q="MEDELLÍN") == agreements_where(
        lambda g: "medellín" in g["area"].lower() or any("medellín" in CASE.actors[p]["name"].lower()
                                                         for p in g["parties"]))


def test_facets_can_be_left_out_without_changing_the_list(api):
    """facets=false is the fast way through a large base: the same records and total, no counts."""
    asked = {"actor": "medellin", "per_page": 5}
    full = api.json("/api/v1/agreements", asked)
    lean = api.json("/api/v1/agreements", {**asked, "facets": "false"})
    assert lean["facets"] == {} and full["facets"]["country"]
    assert lean["total"] == full["total"] == 45
    assert [i["key"] for i in lean["items"]] == [i["key"] for i in full["items"]]


@pytest.mark.parametrize("path", ["/api/v1/networks", "/api/v1/practices", "/api/v1/sources"])
def test_the_lists_without_filters_page_like_the_others(api, path):
    everything = api.json(path, {"per_page": 500})
    assert everything["total"] == len(everything["items"]) >= 1 and everything["pages"] == 1
    beyond = api.json(path, {"page": 2, "per_page": 500})
    assert beyond["items"] == [] and beyond["total"] == everything["total"]
    assert api.error(path, {"per_page": 0})["parameter"] == "per_page"
