"""sursur's initiatives as an IATI 2.03 activity file.

The mapping is the import's (mapping.py) run backwards, and docs/IATI.md ("Export") has the table. What
IATI has no place for goes into sursur's extension namespace (extension.py), so that importing the file
gives back the same records. What IATI requires and sursur does not know is never made up: an
initiative with no date, or whose status is unknown, is left out and reported with what to add.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal

import re

import pycountry
from lxml import etree

from ...domain import (Actor, ActorKind, Flow, FlowKind, Initiative, InitiativeStatus, Modality, PartialDate,
                       Participation, Role)
from ...domain.errors import N_
from ...reference.themes import taxonomy
from ..output import output_file
from ..problems import Problem
from . import extension as ext
from .codelists import column
from .keys import identifier_key, is_key

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")  # not allowed in XML 1.0
LANGS = ("es", "en", "pt")

# sursur → IATI codes. The import maps them back (codelists' sursur_* columns); where it would not give
# the same value back, sursur's own value is written beside the IATI code (extension.py).
ORG_TYPES = {
    ActorKind.MUNICIPALITY: "11", ActorKind.PROVINCE: "11", ActorKind.NATIONAL_GOVERNMENT: "10",
    ActorKind.DEVELOPMENT_AGENCY: "10", ActorKind.MULTILATERAL: "40", ActorKind.NGO: "22",
    ActorKind.FOUNDATION: "60", ActorKind.ACADEMIC: "80", ActorKind.PRIVATE: "70",
    ActorKind.CITY_NETWORK: "90", ActorKind.OTHER: "90",
}
# IATI's participating-org has no receiving role: a receiving government carries the activity out where
# it is, so it is "implementing" (4), with sursur:role="receiver".
ROLES = {
    Role.OFFERER: "4", Role.FIRST_OFFERER: "4", Role.RECEIVER: "4", Role.BOTH: "4", Role.SECOND_OFFERER: "1",
    Role.FUNDER: "1", Role.FACILITATOR: "3", Role.PARTNER: "2",
}
STATUSES = {InitiativeStatus.PLANNED: "1", InitiativeStatus.ONGOING: "2", InitiativeStatus.COMPLETED: "4",
            InitiativeStatus.CANCELLED: "5", InitiativeStatus.SUSPENDED: "6"}
ENDED = (InitiativeStatus.COMPLETED, InitiativeStatus.CANCELLED)  # their end date is an actual end (type 4)
TRANSACTIONS = {FlowKind.COMMITMENT: "2", FlowKind.DISBURSEMENT: "3"}
SECTOR_VOCABULARIES = {"dac": "1", "dac3": "2"}
OWN_VOCABULARY = "99"  # "Reporting Organisation": sursur's own themes and its classification


@dataclass
class Tag:
    """sursur's South–South classification of one initiative, as written in a tag of vocabulary 99."""

    code: str  # the RelationClass value, e.g. 'south_south'
    narratives: dict[str, str]  # lang → text: the class, the scheme, its rule, its dated lists


@dataclass
class Written:
    activities: int = 0
    left_out: list[Problem] = field(default_factory=list)  # initiatives not written, with why
    warnings: list[Problem] = field(default_factory=list)  # details of written ones left out
    local_refs: set[str] = field(default_factory=set)  # actors given an XX-SURSUR- ref


def _date(value: PartialDate) -> tuple[str, str | None]:
    """(a full ISO date, the precision to state when sursur had to complete it)."""
    if value.day is not None:
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}", None
    if value.month is not None:
        return f"{value.year:04d}-{value.month:02d}-01", "month"
    return f"{value.year:04d}-01-01", "year"


def alpha2(iso3: str) -> str:
    found = pycountry.countries.get(alpha_3=iso3)
    return found.alpha_2 if found else iso3


def _narrative(parent, text: str, lang: str | None = None) -> None:
    narrative = etree.SubElement(parent, "narrative")
    if lang:
        narrative.set(XML_LANG, lang)
    narrative.text = text


class ActivityWriter:
    """Builds `iati-activity` elements from initiatives; `actors` must hold every actor they name."""

    def __init__(self, actors: dict[str, Actor], file: str, method_url: str):
        self.actors, self.file, self.method_url = actors, file, method_url
        self._current = ""  # the initiative being written, for warnings
        self.result = Written()
        self._kind_back = column("organisation_type", "sursur_kind")
        self._role_back = column("organisation_role", "sursur_role")
        self._role_back_triangular = column("organisation_role", "sursur_role_triangular")
        self._regions = {name: code for code, name in column("region", "name").items()}

    def _clean(self, text: str) -> str:
        """The text without the characters XML 1.0 cannot hold; a warning when there were any."""
        clean = _NOT_XML.sub("", text)
        if clean != text:
            self.result.warnings.append(Problem(self.file, N_(
                "initiative {key}: characters that XML cannot hold (control characters) were left out of a text"),
                {"key": self._current}))
        return clean

    def _narrative(self, parent, text: str, lang: str | None = None) -> None:
        _narrative(parent, self._clean(text), lang)

    # --- organisations ------------------------------------------------------------------------------

    def ref(self, key: str) -> str:
        actor = self.actors[key]
        if actor.iati_ref:
            return actor.iati_ref
        self.result.local_refs.add(key)
        return ext.local_ref(key)

    def _org(self, parent, tag: str, key: str, **attributes) -> etree._Element:
        actor = self.actors[key]
        org = etree.SubElement(parent, tag, ref=self.ref(key))
        if actor.iati_ref and identifier_key(actor.iati_ref) != key:
            org.set(ext.KEY, key)  # given its identifier later: its key was not made from it
        code = ORG_TYPES[actor.kind]
        org.set("type", code)
        if self._kind_back.get(code) != actor.kind.value:
            org.set(ext.KIND, actor.kind.value)
        for name, value in attributes.items():
            org.set(name, value)
        self._narrative(org, actor.name)
        return org

    def _participant(self, parent, p: Participation, triangular: bool) -> None:
        code = ROLES[p.role]
        back = (self._role_back_triangular if triangular else self._role_back).get(code)
        org = self._org(parent, "participating-org", p.actor, role=code)
        if back != p.role.value:
            org.set(ext.ROLE, p.role.value)

    # --- the activity -------------------------------------------------------------------------------

    def _missing(self, i: Initiative) -> Problem | None:
        if i.status not in STATUSES:
            return Problem(self.file, N_("initiative {key} is left out: its status is unknown, and IATI needs "
                                         "one (planned, ongoing, completed, cancelled or suspended). Set it and "
                                         "export again"),
                           {"key": i.key})
        if i.start is None and i.end is None:
            return Problem(self.file, N_("initiative {key} is left out: it has no start or end date, and IATI "
                                         "needs at least one. Add the year it started and export again"),
                           {"key": i.key})
        return None

    def identifier(self, i: Initiative, reporter: str) -> str:
        return i.iati_identifier or f"{self.ref(reporter)}-{i.key}"

    def activity(self, i: Initiative, reporter: str, tag: Tag | None) -> etree._Element | None:
        """The element for one initiative, or None (and the reason in `result.left_out`)."""
        self._current = i.key
        missing = self._missing(i)
        if missing:
            self.result.left_out.append(missing)
            return None
        lang = (i.description.lang if i.description else "es").split("-")[0].lower()
        root = etree.Element("iati-activity")
        if 2 <= len(lang) <= 3 and lang.isalpha() and lang != "und":
            root.set(XML_LANG, lang)
        identifier = self.identifier(i, reporter)
        if identifier.endswith(f"-{i.key}") and is_key(i.key):
            root.set(ext.KEY, i.key)
        etree.SubElement(root, "iati-identifier").text = identifier
        self._org(root, "reporting-org", reporter)
        self._narrative(etree.SubElement(root, "title"), i.title)
        description = etree.SubElement(root, "description", type="1")
        if i.description:
            self._narrative(description, i.description.text, i.description.lang)
        else:  # IATI requires a description: the title stands in, marked so the import drops it again
            description.set(ext.FROM, "title")
            self._narrative(description, i.title)
        triangular = i.modality is Modality.TRIANGULAR
        for p in i.participants:
            if p.actor:
                self._participant(root, p, triangular)
        etree.SubElement(root, "activity-status", code=STATUSES[i.status])
        self._dates(root, i)
        parties = self._recipients(root, i)
        self._sectors(root, i)
        if tag is not None:
            element = etree.SubElement(root, "tag", vocabulary=OWN_VOCABULARY, code=tag.code)
            element.set("vocabulary-uri", self.method_url)
            for narrative_lang, text in tag.narratives.items():
                self._narrative(element, text, narrative_lang)
        if triangular:
            etree.SubElement(root, "collaboration-type", code="8")
        for flow in i.flows:
            self._transaction(root, i, flow)
        for p in parties:  # described parties IATI has no element for
            party = etree.SubElement(root, ext.PARTY, role=p.role.value)
            if p.country:
                party.set("country", p.country)
            party.text = self._clean(p.party)
        self._own_fields(root, i)
        self.result.activities += 1
        return root

    def _own_fields(self, root, i: Initiative) -> None:
        computed = Modality.REGIONAL if len(i.countries) > 1 else Modality.BILATERAL
        if i.modality is not Modality.TRIANGULAR and i.modality is not computed:
            root.set(ext.MODALITY, i.modality.value)
        if i.instrument.value != "project":
            root.set(ext.INSTRUMENT, i.instrument.value)

    def _dates(self, root, i: Initiative) -> None:
        begun = i.status is not InitiativeStatus.PLANNED
        for value, code in ((i.start, "2" if begun else "1"),
                            (i.end, "4" if i.status in ENDED else "3")):
            if value is None:
                continue
            iso, precision = _date(value)
            element = etree.SubElement(root, "activity-date", type=code)
            element.set("iso-date", iso)
            if precision:
                element.set(ext.PRECISION, precision)

    def _recipients(self, root, i: Initiative) -> list[Participation]:
        """Writes recipient countries and regions; returns the described parties left for the extension."""
        parties = [p for p in i.participants if not p.actor]
        for country in i.countries:
            element = etree.SubElement(root, "recipient-country", code=alpha2(country))
            named = next((p for p in parties if p.role is Role.RECEIVER and p.country == country), None)
            if named is not None:
                parties.remove(named)
                self._narrative(element, named.party)
            else:
                element.set(ext.RECEIVER, "no")
        for p in list(parties):
            code = self._regions.get(p.party or "")
            if p.role is Role.RECEIVER and not p.country and code:
                element = etree.SubElement(root, "recipient-region", code=code, vocabulary="1")
                self._narrative(element, p.party)
                parties.remove(p)
        return parties

    def _sectors(self, root, i: Initiative) -> None:
        own = []
        for theme in i.themes:
            scheme, _, code = theme.partition(":")
            if scheme in SECTOR_VOCABULARIES:
                etree.SubElement(root, "sector", vocabulary=SECTOR_VOCABULARIES[scheme], code=code)
            elif scheme == "sdg":
                continue  # written as tags, below
            else:
                own.append(theme)
        for theme in own:  # sursur's own lines and SEGIB sectors: the reporting org's vocabulary
            element = etree.SubElement(root, "sector", vocabulary=OWN_VOCABULARY, code=theme)
            if taxonomy().exists(theme):
                for lang in LANGS:
                    self._narrative(element, taxonomy().label(theme, lang), lang)
        for theme in i.themes:
            if theme.startswith("sdg:"):
                etree.SubElement(root, "tag", vocabulary="2", code=theme[4:])

    def _transaction(self, root, i: Initiative, flow: Flow) -> None:
        code = TRANSACTIONS.get(flow.kind)
        when = flow.date or (PartialDate(flow.year) if flow.year else None)
        reason = None
        if code is None:
            reason = N_("initiative {key}: an in-kind estimate is not an IATI transaction; it is left out")
        elif flow.amount is None:
            reason = N_("initiative {key}: a flow of unknown amount is left out (IATI needs a value)")
        elif when is None:
            reason = N_("initiative {key}: a flow with no date or year is left out (IATI needs its date)")
        if reason:
            self.result.warnings.append(Problem(self.file, reason, {"key": i.key}))
            return
        iso, precision = _date(when)
        txn = etree.SubElement(root, "transaction")
        etree.SubElement(txn, "transaction-type", code=code)
        date_element = etree.SubElement(txn, "transaction-date")
        date_element.set("iso-date", iso)
        value = etree.SubElement(txn, "value", currency=flow.currency or "")
        value.set("value-date", iso)
        if precision:
            value.set(ext.PRECISION, precision)
        value.text = str(Decimal(flow.amount).quantize(Decimal("0.01")))
        for tag, key in (("provider-org", flow.from_actor), ("receiver-org", flow.to_actor)):
            if key:
                self._org(txn, tag, key)


def document(activities: list[etree._Element]) -> etree._ElementTree:
    root = etree.Element("iati-activities", version="2.03", nsmap={ext.PREFIX: ext.NS})
    root.set("generated-datetime", datetime.now(timezone.utc).replace(microsecond=0).isoformat())
    root.extend(activities)
    return etree.ElementTree(root)


def write_document(tree: etree._ElementTree, target) -> None:
    """Writes the file whole or not at all: into a temporary file beside it, then renamed over it."""
    with output_file(target) as partial:
        tree.write(str(partial), xml_declaration=True, encoding="utf-8", pretty_print=True)
