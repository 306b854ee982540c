"""From a parsed IATI activity to sursur's records: one Initiative and the Actors it names.

Every choice here is in docs/IATI.md's mapping table, and the code-by-code ones are columns of the
codelist tables in reference/data/iati. What cannot be mapped is reported: as an error when the
activity cannot be imported whole, as a warning when a detail is left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import pycountry

from ...domain import (
    Actor,
    ActorKind,
    Citation,
    DomainError,
    Flow,
    Initiative,
    Instrument,
    Modality,
    PartialDate,
    Participation,
    Role,
    Text,
)
from ...domain.errors import N_
from ...reference.themes import taxonomy
from ..problems import Problem
from . import extension as ext
from .codelists import column
from .keys import identifier_key, is_key, name_key
from .reader import Org, ParsedActivity, Transaction

PREFERRED_LANGS = ("es", "en", "pt")
_CENT = Decimal("0.01")
_MAX_AMOUNT = Decimal("1e18")  # the store keeps 20 digits, 2 of them decimals
_ROLES = {r.value for r in Role}
_KINDS = {k.value for k in ActorKind}
_MODALITIES = {m.value for m in Modality}
_INSTRUMENTS = {i.value for i in Instrument}


@lru_cache(maxsize=8192)
def _theme_exists(theme_id: str) -> bool:
    return taxonomy().exists(theme_id)


@lru_cache(maxsize=512)
def _country(alpha2: str) -> tuple[str, str] | None:
    found = pycountry.countries.get(alpha_2=alpha2.upper()) if len(alpha2) == 2 else None
    return (found.alpha_3, getattr(found, "common_name", found.name)) if found else None


def pick(narratives: list[tuple[str | None, str]], default_lang: str | None) -> tuple[str, str]:
    """(lang, text) of the narrative to keep: Spanish, English, Portuguese in that order, else the first."""
    normal = [((lang or default_lang or "und").lower()[:8], text) for lang, text in narratives]
    for want in PREFERRED_LANGS:
        for lang, text in normal:
            if lang == want or lang.startswith(want + "-"):
                return lang, text
    return normal[0]


@dataclass
class FoundActor:
    actor: Actor
    typed: bool  # its kind comes from an IATI organisation type (not a default)


@dataclass
class Mapped:
    identifier: str
    initiative: Initiative | None = None
    actors: dict[str, FoundActor] = field(default_factory=dict)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


class ActivityMapper:
    """Maps the activities of one file, whose records cite the Source `source`."""

    def __init__(self, file: str, source: str, known_refs: dict[str, str] | None = None):
        """`known_refs`: IATI organisation ref → key of an actor already stored with that ref, so that an
        actor whose key was not made from its ref (a city given its identifier later) is found again."""
        self.file, self.source = file, source
        self.known_refs = known_refs or {}
        self.kinds = column("organisation_type", "sursur_kind")
        self.roles = column("organisation_role", "sursur_role")
        self.triangular_roles = column("organisation_role", "sursur_role_triangular")
        self.statuses = column("activity_status", "sursur_status")
        self.flow_kinds = column("transaction_type", "sursur_flow")
        self.sector_schemes = column("sector_vocabulary", "sursur_scheme")
        self.tag_schemes = column("tag_vocabulary", "sursur_scheme")
        self.regions = column("region", "name")
        # Organisations and dates recur across a file's activities: their keys and parsed dates are kept.
        self._ref_keys: dict[str, tuple[str, str | None]] = {}
        self._name_keys: dict[str, str] = {}
        self._dates: dict[str, PartialDate] = {}

    # --- helpers ------------------------------------------------------------------------------------

    def _warn(self, m: Mapped, reason: str, line: int, column: str, value=None, **params) -> None:
        value = None if value is None else str(value)
        m.warnings.append(Problem(self.file, reason, {"identifier": m.identifier, "value": value, **params},
                                  line=line, column=column, value=value))

    def _error(self, m: Mapped, reason: str, line: int, column: str | None, value=None, **params) -> None:
        value = None if value is None else str(value)
        m.errors.append(Problem(self.file, reason, {"identifier": m.identifier, "value": value, **params},
                                line=line, column=column, value=value))

    def _cite(self, m: Mapped, line: int) -> Citation:
        return Citation(self.source, f"iati-identifier {m.identifier}, line {line}"[:200])

    def _date(self, m: Mapped, iso: str | None, line: int, where: str, precision: str | None = None
              ) -> PartialDate | None:
        if not iso:
            return None
        try:
            text = iso.strip()[:10]
            found = self._dates.get(text)
            if found is None:
                found = PartialDate.parse(text)
                if found is not None:
                    self._dates[text] = found
            if precision == "year":  # sursur wrote a year as YYYY-01-01 because IATI needs a full date
                return PartialDate(found.year)
            return PartialDate(found.year, found.month) if precision == "month" else found
        except DomainError:
            self._error(m, N_("activity {identifier}: '{value}' is not an ISO date (YYYY-MM-DD)"), line, where,
                        value=iso)
            return None

    def actor(self, m: Mapped, org: Org | None, where: str, reporting: bool = False) -> str | None:
        """The key of the org's Actor (added to m.actors), or None when it has neither ref nor name."""
        if org is None or not (org.names or org.ref):
            return None
        if org.ref and org.own_key and is_key(org.own_key):  # sursur's export: its key was not made from its ref
            key, ref, name = org.own_key, org.ref, None
        elif org.ref:
            key, ref = self._ref_keys.get(org.ref) or self._ref_key(org.ref)
            name = None  # read below, if needed
        else:
            name = pick(org.names, None)[1]
            key, ref = self._name_keys.get(name) or self._name_key(name), None
        kind = org.own_kind if org.own_kind in _KINDS else self.kinds.get(org.type or "")
        if org.type and kind is None:
            self._warn(m, N_("activity {identifier}: unknown organisation type '{value}'; the actor's kind is "
                             "'other'"), org.line, f"{where}/@type", org.type)
        country = None
        if reporting and org.ref and org.ref[2:3] == "-":
            # An organisation identifier starts with its registration agency, e.g. GB-CHC: for the
            # reporting org that is its country. Not done for the orgs it names (see docs/IATI.md).
            found = _country(org.ref[:2])
            country = found[0] if found else None
        found = m.actors.get(key)
        if found is None or (kind and not found.typed):
            country = country or (found.actor.country if found else None)
            name = name or (pick(org.names, None)[1] if org.names else org.ref)
            m.actors[key] = FoundActor(Actor(key=key, name=name[:500], kind=kind or "other", country=country,
                                             iati_ref=ref[:200] if ref else None,
                                             sources=[self._cite(m, org.line)]), kind is not None)
        return key

    def _ref_key(self, ref: str) -> tuple[str, str | None]:
        local = ext.local_key(ref)
        if local and is_key(local):  # an organisation sursur exported with no IATI identifier
            found = local, None
        elif ref in self.known_refs:
            found = self.known_refs[ref], ref
        else:
            found = identifier_key(ref), ref
        self._ref_keys[ref] = found
        return found

    def _name_key(self, name: str) -> str:
        self._name_keys[name] = found = name_key(name)
        return found

    # --- the parts of an initiative -----------------------------------------------------------------

    def _themes(self, m: Mapped, act: ParsedActivity) -> list[str]:
        themes: list[str] = []
        coded = [(self.sector_schemes.get(v), v, c, line, "sector") for v, c, line in act.sectors]
        coded += [(self.sector_schemes.get(v), v, c, line, "transaction/sector")
                  for t in act.transactions for v, c, line in t.sectors]
        coded += [(self.tag_schemes.get(v), v, c, line, "tag") for v, c, line in act.tags]
        for scheme, vocabulary, code, line, where in coded:
            if vocabulary == "99" and where == "sector" and _theme_exists(code):
                scheme = code.partition(":")[0]  # sursur's own themes, as its export writes them
                code = code.partition(":")[2]
            if not scheme or not code:
                continue  # vocabularies sursur has no themes for (COFOG, NACE, the publisher's own…)
            theme = f"sdg:{code.split('.')[0].strip()}" if scheme == "sdg" else f"{scheme}:{code}"
            if not _theme_exists(theme) and scheme == "dac" and _theme_exists(f"dac3:{code[:3]}"):
                self._warn(m, N_("activity {identifier}: DAC purpose code {value} is not in sursur's list; its "
                                 "category dac3:{category} is kept"), line, where, code, category=code[:3])
                theme = f"dac3:{code[:3]}"
            elif not _theme_exists(theme):
                self._warn(m, N_("activity {identifier}: the code '{value}' (vocabulary {vocabulary}) is not a "
                                 "theme sursur knows; it is left out"), line, where, code, vocabulary=vocabulary)
                continue
            if theme not in themes:
                themes.append(theme)
        return themes

    def _receivers(self, m: Mapped, act: ParsedActivity) -> tuple[list[Participation], list[str]]:
        parties, countries = [], []
        for code, line, names in act.countries:
            found = _country(code)
            if found is None:
                self._warn(m, N_("activity {identifier}: '{value}' is not an ISO 3166 country code; the recipient "
                                 "country is left out"), line, "recipient-country/@code", code)
                continue
            if found[0] not in countries:
                countries.append(found[0])
                if code in act.no_receiver:
                    continue  # sursur's own export: a country it works in, with no receiving party named
                parties.append(Participation(Role.RECEIVER, party=pick(names, "en")[1] if names else found[1],
                                             country=found[0]))
        for code, vocabulary, line, names in act.regions:
            name = pick(names, "en")[1] if names else (self.regions.get(code) if vocabulary == "1" else None)
            if not name and not code:
                continue
            parties.append(Participation(Role.RECEIVER, party=name or f"region {code} (vocabulary {vocabulary})"))
        return parties, countries

    def _participants(self, m: Mapped, act: ParsedActivity, roles: dict[str, str]) -> list[Participation]:
        found: list[Participation] = []
        for org in act.participants:
            key = self.actor(m, org, "participating-org")
            if key is None:
                self._warn(m, N_("activity {identifier}: a participating-org has neither ref nor name; it is left "
                                 "out"), org.line, "participating-org")
                continue
            role = org.own_role if org.own_role in _ROLES else roles.get(org.role or "")
            if role is None:
                self._warn(m, N_("activity {identifier}: unknown organisation role '{value}'; taken as partner"),
                           org.line, "participating-org/@role", org.role)
                role = Role.PARTNER.value
            if not any(p.actor == key and p.role.value == role for p in found):
                found.append(Participation(Role(role), actor=key))
        return found

    def _flow(self, m: Mapped, act: ParsedActivity, txn: Transaction) -> Flow | None:
        kind = self.flow_kinds.get(txn.type or "")
        if kind is None:
            self._warn(m, N_("activity {identifier}: unknown transaction type '{value}'; the transaction is left "
                             "out"), txn.line, "transaction/transaction-type", txn.type)
        if not kind:
            return None  # incoming funds, repayments, pledges…: not flows between cooperation partners
        try:
            amount = Decimal((txn.value or "").strip()).quantize(_CENT)
        except InvalidOperation:
            self._error(m, N_("activity {identifier}: the transaction value '{value}' is not a number"), txn.line,
                        "transaction/value", txn.value)
            return None
        if amount < 0 or amount >= _MAX_AMOUNT:
            self._warn(m, N_("activity {identifier}: a transaction of {value} is left out (negative values are "
                             "corrections; sursur keeps amounts from 0 to 10^18)"), txn.line, "transaction/value",
                       amount)
            return None
        currency = (txn.currency or act.default_currency or "").strip().upper()
        if len(currency) != 3 or not currency.isalpha():
            self._warn(m, N_("activity {identifier}: a transaction has no valid currency (value '{value}'); it "
                             "is left out"), txn.line, "transaction/value/@currency", currency or None)
            return None
        when = self._date(m, txn.value_date or txn.date, txn.line, "transaction/value/@value-date", txn.precision)
        # a year sursur wrote in full (YYYY-01-01) was a flow known only by its year: no date, as before
        date = None if txn.precision == "year" else when
        return Flow(kind=kind, amount=amount, currency=currency, year=when.year if when else None, date=date,
                    from_actor=self.actor(m, txn.provider, "transaction/provider-org"),
                    to_actor=self.actor(m, txn.receiver, "transaction/receiver-org"),
                    source=Citation(self.source, f"iati-identifier {m.identifier}, transaction line {txn.line}"[:200]))

    # --- the activity -------------------------------------------------------------------------------

    def map(self, act: ParsedActivity, key: str) -> Mapped:
        m = Mapped(act.identifier)
        title = pick(act.titles, act.lang)[1]
        described = sorted(act.descriptions, key=lambda d: d[0] != "1")  # the general description first
        description = None
        if described:
            same_type = [(lang_, text) for kind, lang_, text in described if kind == described[0][0]]
            d_lang, d_text = pick(same_type, act.lang)
            description = Text(d_text, d_lang)
        status = "unknown"
        if act.status and act.status[0]:
            status = self.statuses.get(act.status[0], "")
            if not status:
                self._warn(m, N_("activity {identifier}: unknown activity status '{value}'"), act.status[1],
                           "activity-status/@code", act.status[0])
                status = "unknown"
        start_type = "2" if act.dates.get("2") else "1"
        end_type = "4" if act.dates.get("4") else "3"
        start = self._date(m, act.dates.get(start_type), act.line, "activity-date", act.precision.get(start_type))
        end = self._date(m, act.dates.get(end_type), act.line, "activity-date", act.precision.get(end_type))
        if start and end and end.ends_before(start):
            self._warn(m, N_("activity {identifier}: it ends ({value}) before it starts ({start}); the end is "
                             "left out"), act.line, "activity-date", end, start=str(start))
            end = None
        reporting = self.actor(m, act.reporting, "reporting-org", reporting=True)
        receivers, countries = self._receivers(m, act)
        modality = Modality.REGIONAL if act.regions or len(countries) > 1 else Modality.BILATERAL
        participants = self._participants(m, act, self.roles) + receivers
        if act.collaboration == "8":
            triangular = self._participants(Mapped(act.identifier, actors=m.actors), act, self.triangular_roles)
            roles = {p.role for p in triangular + receivers}
            if Role.RECEIVER in roles and roles & {Role.FIRST_OFFERER, Role.SECOND_OFFERER}:
                participants, modality = triangular + receivers, Modality.TRIANGULAR
            else:
                self._warn(m, N_("activity {identifier}: collaboration-type 8 (triangular) but no recipient and no "
                                 "funding or implementing organisation; imported as {value}"), act.line,
                           "collaboration-type", modality.value)
        participants += [Participation(Role(role), party=text, country=country)
                         for role, text, country, _ in act.parties if role in _ROLES and text]
        if act.own_modality in _MODALITIES:
            modality = Modality(act.own_modality)
        if not participants and reporting:
            participants = [Participation(Role.PARTNER, actor=reporting)]
        flows = [flow for txn in act.transactions if (flow := self._flow(m, act, txn)) is not None]
        themes = self._themes(m, act)
        if m.errors:
            return m
        try:
            m.initiative = Initiative(
                key=key, title=title, modality=modality, participants=participants,
                instrument=Instrument(act.own_instrument) if act.own_instrument in _INSTRUMENTS else Instrument.PROJECT,
                description=description, status=status, start=start, end=end, themes=themes, flows=flows,
                countries=countries, iati_identifier=act.identifier[:250], reporter=reporting,
                sources=[self._cite(m, act.line)])
        except DomainError as error:
            self._error(m, N_("activity {identifier}: {detail}"), act.line, error.field, detail=str(error))
        return m
