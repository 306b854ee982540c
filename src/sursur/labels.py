"""Human labels for the domain's enum values, as msgids to translate where they are shown."""

from __future__ import annotations

from enum import Enum

from .domain import (ActorKind, AgreementKind, AgreementStatus, CooperationType, FlowKind, InitiativeStatus,
                     Instrument, Modality, Role)
from .domain.classification import RelationClass, Side
from .domain.errors import N_

LABELS: dict[Enum, str] = {
    ActorKind.MUNICIPALITY: N_("Municipality"),
    ActorKind.PROVINCE: N_("Province, state or region"),
    ActorKind.NATIONAL_GOVERNMENT: N_("National government"),
    ActorKind.MULTILATERAL: N_("Multilateral organisation"),
    ActorKind.DEVELOPMENT_AGENCY: N_("Development agency"),
    ActorKind.NGO: N_("NGO"),
    ActorKind.FOUNDATION: N_("Foundation"),
    ActorKind.ACADEMIC: N_("Academic institution"),
    ActorKind.PRIVATE: N_("Private sector"),
    ActorKind.CITY_NETWORK: N_("City network"),
    ActorKind.OTHER: N_("Other"),
    AgreementKind.TWINNING: N_("Twinning"),
    AgreementKind.COOPERATION_AGREEMENT: N_("Cooperation agreement"),
    AgreementKind.MEMORANDUM: N_("Memorandum of understanding"),
    AgreementKind.LETTER_OF_INTENT: N_("Letter of intent"),
    AgreementKind.OTHER: N_("Alliance (form not stated)"),
    AgreementStatus.ACTIVE: N_("Active"),
    AgreementStatus.ENDED: N_("Ended"),
    AgreementStatus.UNKNOWN: N_("Unknown"),
    Modality.BILATERAL: N_("Bilateral"),
    Modality.TRIANGULAR: N_("Triangular"),
    Modality.REGIONAL: N_("Regional"),
    Instrument.PROGRAMME: N_("Programme"),
    Instrument.PROJECT: N_("Project"),
    Instrument.ACTION: N_("Action"),
    CooperationType.TECHNICAL: N_("Technical"),
    CooperationType.FINANCIAL: N_("Financial"),
    CooperationType.KNOWLEDGE_EXCHANGE: N_("Knowledge exchange"),
    CooperationType.TRAINING: N_("Training"),
    CooperationType.STAFF_MOBILITY: N_("Staff mobility"),
    CooperationType.DELEGATION_VISIT: N_("Delegation visit"),
    CooperationType.IN_KIND: N_("In kind"),
    InitiativeStatus.PLANNED: N_("Planned"),
    InitiativeStatus.ONGOING: N_("Ongoing"),
    InitiativeStatus.COMPLETED: N_("Completed"),
    InitiativeStatus.CANCELLED: N_("Cancelled"),
    InitiativeStatus.SUSPENDED: N_("Suspended"),
    InitiativeStatus.UNKNOWN: N_("Unknown"),
    Role.OFFERER: N_("Offerer"),
    Role.RECEIVER: N_("Receiver"),
    Role.BOTH: N_("Offerer and receiver"),
    Role.FIRST_OFFERER: N_("First offerer"),
    Role.SECOND_OFFERER: N_("Second offerer"),
    Role.FUNDER: N_("Funder"),
    Role.FACILITATOR: N_("Facilitator"),
    Role.PARTNER: N_("Partner"),
    FlowKind.COMMITMENT: N_("Commitment"),
    FlowKind.DISBURSEMENT: N_("Disbursement"),
    FlowKind.IN_KIND_ESTIMATE: N_("In-kind estimate"),
    Side.SOUTH: N_("South"),
    Side.NORTH: N_("North"),
    Side.MULTILATERAL: N_("Multilateral"),
    Side.UNKNOWN: N_("Unknown"),
    RelationClass.SOUTH_SOUTH: N_("South–South"),
    RelationClass.NORTH_SOUTH: N_("North–South"),
    RelationClass.SOUTH_NORTH: N_("South–North"),
    RelationClass.NORTH_NORTH: N_("North–North"),
    RelationClass.TRIANGULAR: N_("Triangular"),
    RelationClass.MULTILATERAL: N_("Multilateral"),
    RelationClass.UNKNOWN: N_("Unknown"),
}

# Where a party stands in a relation (analysis.classification.PartySide.position).
POSITIONS: dict[str, str] = {
    "provider": N_("provides"),
    "receiver": N_("receives"),
    "partner": N_("partner"),
    "support": N_("supports"),
    "facilitator": N_("facilitates"),
}


def label(value: Enum, gettext) -> str:
    return gettext(LABELS[value])


# Counts a source states about an initiative (Figure.name); an unlisted name is shown as written.
FIGURES: dict[str, str] = {
    "participants": N_("Participants"),
    "beneficiary_cities": N_("Beneficiary cities"),
}


def figure_label(name: str, gettext) -> str:
    return gettext(FIGURES[name]) if name in FIGURES else name


# The words of indicator tables (column names and the values that are words), as msgids: the CLI, the
# pages and the report show them through gettext.
WORDS = {
    "year": N_("year"), "direction": N_("direction"), "kind": N_("kind"), "currency": N_("currency"),
    "flows": N_("flows"), "amount": N_("amount"), "unknown_amounts": N_("unknown amounts"),
    "amount_usd": N_("amount in USD"), "dimension": N_("dimension"), "value": N_("value"),
    "initiatives": N_("initiatives"), "agreements": N_("agreements"), "actor": N_("actor"),
    "offered": N_("offered"), "received": N_("received"), "balance": N_("balance"),
    "offered_usd": N_("offered, USD"), "received_usd": N_("received, USD"), "balance_usd": N_("balance by value"),
    "over": N_("over"), "n": N_("n"), "hhi": N_("HHI"), "hhi_normalised": N_("normalised HHI"),
    "reading": N_("reading"), "unattributed": N_("unattributed"), "diversified": N_("diversified"),
    "moderate": N_("moderate"), "concentrated": N_("concentrated"), "partners": N_("partners"),
    "sectors": N_("sectors"), "role": N_("role"), "modality": N_("modality"), "instrument": N_("instrument"),
    "partner_kind": N_("partner kind"), "partner_country": N_("partner country"),
    "partner_region": N_("partner region"), "agreement_kind": N_("agreement kind"),
    "subnational": N_("subnational"), "national": N_("national"), "multilateral": N_("multilateral"),
    "ngo": N_("NGO"), "academic": N_("academic"), "private": N_("private"), "other": N_("other"),
    "records": N_("records"), "volumes": N_("volumes"), "portfolio": N_("portfolio"),
    "concentration": N_("concentration"),
    "not_converted": N_("not converted"), "scheme": N_("scheme"), "class": N_("class"),
    "relations": N_("relations"), "share": N_("share"), "decentralized": N_("decentralized"),
    "overridden": N_("overridden"), "south-south": N_("South–South"),
    "partner": N_("partner"), "name": N_("name"), "country": N_("country"), "area": N_("area"),
    "themes": N_("themes"), "partners-by-area": N_("partners by area"), "dual-role": N_("dual role"),
    "both_roles": N_("in role 'both'"), "dual": N_("dual"), "first_offered": N_("first year offering"),
    "first_received": N_("first year receiving"), "duration": N_("duration"), "measured": N_("measured"),
    "months_median": N_("median months"), "months_mean": N_("mean months"), "months_min": N_("min. months"),
    "months_max": N_("max. months"), "imprecise": N_("imprecise"), "unknown": N_("unknown"), "all": N_("all"),
    "cost-sharing": N_("cost-sharing"), "initiative": N_("initiative"), "basis": N_("basis"),
    "contributors": N_("contributors"), "total_usd": N_("total, USD"), "largest_share": N_("largest share"),
    "actor_usd": N_("actor, USD"), "actor_share": N_("actor's share"), "given": N_("given"),
    "committed": N_("committed"), "figure": N_("figure"), "south_south_share": N_("South–South share"),
    "key-figures": N_("key figures"), "data-quality": N_("data quality"), "check": N_("check"), "count": N_("count"),
    "of": N_("of"),
    "relations_without_source": N_("relations without a source"),
    "actors_without_source": N_("actors without a source"),
    "initiatives_without_flows": N_("initiatives with no flow recorded (amounts unknown)"),
    "flows_amount_unknown": N_("flows whose amount is unknown"),
    "flows_not_converted": N_("amounts that could not be converted to USD"),
    "partners_without_country": N_("partners whose country is unknown (international bodies have none and are "
                                   "not counted)"),
    "places_missing": N_("cities and regions with no place: not found, or their name fits several places "
                         "(sursur actors geocode lists them)"),
    "class_unknown": N_("relations whose class is unknown"),
    "relations_overridden": N_("relations whose class a person overrode"),
    "source_class_differs": N_("relations where the source states another class"),
}
SHARES = {"share", "largest_share", "actor_share", "south_south_share"}


def word(text: str, gettext) -> str:
    return gettext(WORDS[text]) if text in WORDS else text


def value_label(text: str, dimension: str | None, gettext, lang: str) -> str:
    """A word in an indicator table as a reader sees it: an enum's label (role, modality, class…), a theme's
    name with its id, or the word's translation; anything else as written."""
    from .domain import AgreementKind, FlowKind, Instrument, Modality, Role
    from .domain.classification import RelationClass
    from .reference.themes import taxonomy

    # "kind" is the flow kind: the only indicator column of that name is volumes'
    enums = {"role": Role, "modality": Modality, "instrument": Instrument, "agreement_kind": AgreementKind,
             "class": RelationClass, "kind": FlowKind}
    if dimension in enums and text in {m.value for m in enums[dimension]}:
        return label(enums[dimension](text), gettext)
    if dimension and dimension.startswith("theme:") and taxonomy().exists(text):
        return f"{taxonomy().label(text, lang)} ({text})"
    if text.startswith("theme:"):
        return gettext("theme") + f" ({text[6:]})"
    return word(text, gettext)
