"""The columns of each kind of table: header (translated), whether required, what it holds, an example.

Headers are written in the user's language and read back in any of the three (or as the English key),
so a Brazilian officer's 'nome' and a Colombian's 'nombre' both fill `name`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...domain.errors import N_


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # msgid
    doc: str  # msgid
    example: str = ""
    required: bool = False


def _c(key, header, doc, example="", required=False) -> Column:
    return Column(key, header, doc, example, required)


SOURCE = [
    _c("source", N_("source"), N_("Where the record comes from: a source key already in sursur, or a title "
                                  "(a new source is made). Empty: this file is the source."), "espacios-2020"),
    _c("locator", N_("locator"), N_("Where in the source: table, row, page, section."), "Tabla 1, fila 3"),
]
KEY = _c("key", N_("key"), N_("Stable identifier (lowercase letters, digits, '-'). Empty: made from the name; "
                              "importing the file again updates the same records."), "milan")

KINDS: dict[str, list[Column]] = {
    "actors": [
        KEY,
        _c("name", N_("name"), N_("Name of the city, province, government or organisation."), "Milán", True),
        _c("kind", N_("kind"), N_("municipality, province, national_government, multilateral, development_agency, "
                                  "ngo, foundation, academic, private, city_network or other (or its name in "
                                  "Spanish, English or Portuguese)."), "municipality", True),
        _c("country", N_("country"), N_("Country name (es, en, pt) or ISO code. Empty for international bodies."),
           "Italia"),
        _c("other_names", N_("other names"), N_("Other names, separated by ';'."), "Milano; Milan"),
        _c("parent", N_("part of"), N_("Key of the actor it belongs to (a city's agency, a province's city)."), ""),
        _c("population", N_("population"), N_("Inhabitants, a whole number. Empty if unknown (never 0)."), "1371498"),
        _c("population_year", N_("population year"), N_("Year of the population figure."), "2021"),
        _c("area_km2", N_("area km2"), N_("Area in square kilometres."), "181.8"),
        _c("gdp_usd", N_("GDP USD"), N_("Gross domestic product in US dollars."), ""),
        _c("founded", N_("founded"), N_("Date: YYYY, YYYY-MM or YYYY-MM-DD."), ""),
        _c("website", N_("website"), N_("Web address."), "https://www.comune.milano.it"),
        _c("iati_ref", N_("IATI identifier"), N_("Its IATI organisation identifier (agency prefix and number, "
                                                 "see org-id.guide). Empty if it has none."), ""),
        _c("note", N_("note"), N_("Free note."), ""),
        *SOURCE,
    ],
    "agreements": [
        _c("key", N_("key"), KEY.doc, "medellin-milan"),
        _c("kind", N_("kind"), N_("twinning, cooperation_agreement, memorandum, letter_of_intent or other."),
           "twinning", True),
        _c("parties", N_("parties"), N_("Keys of the actors that sign, separated by ';' (at least two)."),
           "medellin; milan", True),
        _c("area", N_("area"), N_("Field of cooperation, in the source's words."), "Moda, sector textil y turismo"),
        _c("themes", N_("themes"), N_("Theme ids separated by ';' (docs/THEMES.md), e.g. segib:tourism."),
           "segib:tourism"),
        _c("signed", N_("signed"), N_("Date signed: YYYY, YYYY-MM or YYYY-MM-DD."), "2014-03"),
        _c("ended", N_("ended"), N_("Date ended, if it ended."), ""),
        _c("status", N_("status"), N_("active, ended or unknown."), "active"),
        *SOURCE,
    ],
    "initiatives": [
        _c("key", N_("key"), KEY.doc, "lima-parques"),
        _c("title", N_("title"), N_("Title of the programme, project or action."), "Parques para todos", True),
        _c("description", N_("description"), N_("What it does."), ""),
        _c("language", N_("language"), N_("Language of title and description: es, en or pt."), "es"),
        _c("modality", N_("modality"), N_("bilateral, triangular or regional."), "bilateral", True),
        _c("instrument", N_("instrument"), N_("programme, project or action."), "project", True),
        _c("cooperation_types", N_("cooperation types"), N_("technical, financial, knowledge_exchange, training, "
                                                            "staff_mobility, delegation_visit, in_kind; separated "
                                                            "by ';'."), "knowledge_exchange"),
        _c("status", N_("status"), N_("planned, ongoing, completed, cancelled, suspended or unknown."), "ongoing"),
        _c("start", N_("start"), N_("Start date: YYYY, YYYY-MM or YYYY-MM-DD."), "2015"),
        _c("end", N_("end"), N_("End date."), ""),
        _c("themes", N_("themes"), N_("Theme ids separated by ';' (docs/THEMES.md), e.g. segib:tourism."),
           "medellin:mobility"),
        _c("participants", N_("participants"), N_("Actor key and role for each participant, 'key:role' separated by "
                                                  "';'. Roles: offerer, receiver, both, first_offerer, "
                                                  "second_offerer, funder, facilitator, partner."),
           "medellin:offerer; lima:receiver", True),
        _c("countries", N_("countries"), N_("Countries involved when no actor is named, separated by ';'."), ""),
        _c("agreement", N_("agreement"), N_("Key of the agreement it carries out, if any."), ""),
        *SOURCE,
    ],
    "flows": [
        _c("initiative", N_("initiative"), N_("Key of the initiative. A file gives the complete list of flows of "
                                              "each initiative it names."), "lima-parques", True),
        _c("kind", N_("kind"), N_("commitment, disbursement or in_kind_estimate."), "disbursement", True),
        _c("amount", N_("amount"), N_("Amount, a number ≥ 0 with '.' or ',' for decimals. Empty if unknown: "
                                      "never write 0 for unknown."), "25000"),
        _c("currency", N_("currency"), N_("ISO 4217 code, required with an amount."), "USD"),
        _c("year", N_("year"), N_("Year of the flow."), "2016"),
        _c("date", N_("date"), N_("Date, if known: YYYY-MM or YYYY-MM-DD."), ""),
        _c("from", N_("from"), N_("Key of the actor that provides it."), "medellin"),
        _c("to", N_("to"), N_("Key of the actor that receives it."), "lima"),
        *SOURCE,
    ],
    "memberships": [
        _c("actor", N_("actor"), N_("Key of the member actor."), "medellin", True),
        _c("network", N_("network"), N_("Key of the network."), "mercociudades", True),
        _c("joined", N_("joined"), N_("Date joined."), "2005"),
        _c("left", N_("left"), N_("Date left, if it left."), ""),
        _c("founding", N_("founding"), N_("yes if a founding member (sí, yes, sim / no, não)."), "no"),
        *SOURCE,
    ],
    "practices": [
        _c("key", N_("key"), KEY.doc, "buen-comienzo"),
        _c("owner", N_("owner"), N_("Key of the actor whose practice it is."), "medellin", True),
        _c("title", N_("title"), N_("Name of the practice."), "Buen Comienzo", True),
        _c("summary", N_("summary"), N_("What it is and what it achieved."), ""),
        _c("description", N_("description"), N_("How it works, in more detail."), ""),
        _c("language", N_("language"), N_("Language of title, summary and description: es, en or pt."), "es"),
        _c("problem", N_("problem"), N_("The problem it addresses."), ""),
        _c("results", N_("results"), N_("What it achieved, with figures where known."), ""),
        _c("themes", N_("themes"), N_("Theme ids separated by ';' (docs/THEMES.md), e.g. segib:tourism."),
           "medellin:early_childhood"),
        _c("evidence", N_("evidence"), N_("Results, evaluations, data."), ""),
        _c("recognition", N_("recognition"), N_("Awards or recognitions."), ""),
        _c("contact", N_("contact"), N_("Office, person or address to ask about it."), ""),
        _c("transfers", N_("transfers"), N_("Keys of the initiatives that carried it to other actors, separated by "
                                            "';'."), "buen-comienzo-ecuador-2011"),
        *SOURCE,
    ],
    "demands": [
        _c("key", N_("key"), KEY.doc, "san-salvador-trabajadoras-informales"),
        _c("actor", N_("actor"), N_("Key of the actor that states the need."), "san-salvador", True),
        _c("need", N_("need"), N_("The need, in a sentence or more: what problem, for whom, what has been tried."),
           "Apoyar a las trabajadoras informales y a sus pequeños negocios", True),
        _c("language", N_("language"), N_("Language of the need: es, en or pt."), "es"),
        _c("themes", N_("themes"), N_("Theme ids separated by ';' (docs/THEMES.md), e.g. segib:tourism."),
           "segib:gender"),
        *SOURCE,
    ],
}
