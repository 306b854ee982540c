"""From table rows to domain records: every cell read, every problem kept with its row and column."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...domain import (Demand, Actor, ActorKind, Agreement, AgreementKind, AgreementStatus, Citation, CooperationType,
                       DomainError, Flow, FlowKind, Initiative, InitiativeStatus, Instrument, Measure, Membership,
                       Modality, Participation, Practice, Role, Source, SourceKind, Text)
from ...domain.errors import N_
from ...i18n import LANGUAGES, gettext_for
from ...reference.text import fold
from ..problems import Problem, refuse
from . import values as v
from .columns import KINDS, Column
from .files import Table


@dataclass
class Known:
    """What the database already holds that rows may refer to."""

    actors: dict[str, Actor]
    agreements: set[str]
    initiatives: dict[str, Initiative]
    networks: set[str]
    sources: dict[str, Source]
    records: dict = field(default_factory=dict)  # (kind, key) → stored agreement or practice
    memberships: dict = field(default_factory=dict)  # (actor, network) → stored membership


@dataclass
class Parsed:
    records: list = field(default_factory=list)  # (row number, record)
    sources: dict[str, Source] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    rejected: set[int] = field(default_factory=set)


def header_map(table: Table, kind: str) -> dict[int, Column]:
    columns = KINDS[kind]
    names: dict[str, Column] = {}
    for column in columns:
        names[fold(column.key)] = column
        names[fold(column.key.replace("_", " "))] = column
        for lang in LANGUAGES:
            names[fold(gettext_for(lang)(column.header))] = column
    mapping, unknown = {}, []
    for index, cell in enumerate(table.header):
        if not cell:
            continue
        column = names.get(fold(cell))
        if column is None:
            unknown.append(cell)
        else:
            mapping[index] = column
    missing = [c for c in columns if c.required and c not in mapping.values()]
    if missing or unknown:
        problems = [Problem(table.file, N_("the header has no '{column}' column, which is required"),
                            {"column": gettext_for("es")(c.header)}, row=1) for c in missing]
        problems += [Problem(table.file, N_("'{column}' is not a column of a {kind} table; the columns (in any of the three languages, or these keys) are: "
                                            "{columns}"), {"column": cell, "kind": kind,
                                                           "columns": ", ".join(c.key for c in columns)}, row=1)
                     for cell in unknown]
        from ..problems import ImportRefused
        raise ImportRefused(problems)
    return mapping


class RowReader:
    """Reads the rows of one table of one kind."""

    def __init__(self, table: Table, kind: str, known: Known):
        self.table, self.kind, self.known = table, kind, known
        self.mapping = header_map(table, kind)
        self.out = Parsed()
        self.file_source = Source(key=v.slug("file", table.file), title=table.file, kind=SourceKind.DATASET,
                                  file=table.file)
        self.new_actors: dict[str, Actor] = {}

    def read(self, on_row=None) -> Parsed:
        build = getattr(self, f"_{self.kind}")
        for number, cells in self.table.rows:
            if on_row is not None:
                on_row(number, len(self.table.rows))
            row = {column.key: (cells[i] if i < len(cells) else "") for i, column in self.mapping.items()}
            before = len(self.out.problems)
            try:
                record = build(row, number)
            except _RowFailed:
                record = None
            except DomainError as error:
                self._problem(number, error.field, None, error.msgid, error.params)
                record = None
            if len(self.out.problems) > before or record is None:
                self.out.rejected.add(number)
            else:
                self.out.records.append((number, record))
        return self.out

    # --- cells ----------------------------------------------------------------------------------------
    def _problem(self, number, key, value, msgid, params) -> None:
        column = next((gettext_for("es")(c.header) for c in self.mapping.values() if c.key == key), key)
        self.out.problems.append(Problem(self.table.file, msgid, params, row=number, column=column, value=value))

    def cell(self, row, number, key, reader=v.text, required=False):
        raw = row.get(key, "")
        try:
            if raw.startswith("="):
                raise v.CellError(N_("a formula is not imported; paste the value instead"))
            value = reader(raw)
        except v.CellError as error:
            self._problem(number, key, raw, error.msgid, error.params)
            raise _RowFailed from None
        if required and (value is None or value == []):
            self._problem(number, key, raw, N_("this column is required"), {})
            raise _RowFailed
        return value

    def actor_ref(self, row, number, key, value: str | None):
        if value and value not in self.known.actors and value not in self.new_actors:
            self._problem(number, key, value, N_("there is no actor with the key '{key}'; import the actors first "
                                                 "or check the key"), {"key": value})
            raise _RowFailed
        return value

    def citation(self, row, number) -> Citation:
        source, locator = row.get("source", ""), row.get("locator", "") or None
        if not source:
            self.out.sources[self.file_source.key] = self.file_source
            return Citation(self.file_source.key, locator or f"fila {number}")
        if source in self.known.sources or source in self.out.sources:
            return Citation(source, locator)
        key = v.slug(source)
        self.out.sources.setdefault(key, Source(key=key, title=source, kind=SourceKind.OTHER))
        return Citation(key, locator)

    def derived_key(self, row, number, *parts) -> str:
        key = row.get("key", "")
        if key:
            return key
        return v.slug(*parts)

    # --- kinds ----------------------------------------------------------------------------------------
    def _actors(self, row, number):
        name = self.cell(row, number, "name", required=True)
        country = self.cell(row, number, "country", v.country)
        key = row.get("key") or self._actor_key(name, country)
        population = self.cell(row, number, "population", v.whole)
        source = self.citation(row, number)
        actor = Actor(
            key=key, name=name, kind=self.cell(row, number, "kind", lambda c: v.enum(ActorKind, c), required=True),
            country=country, other_names=self.cell(row, number, "other_names", v.listed),
            parent=self.actor_ref(row, number, "parent", row.get("parent") or None),
            population=Measure(population, self.cell(row, number, "population_year", v.whole), source=source)
            if population is not None else None,
            area_km2=_measure(self.cell(row, number, "area_km2", v.number), source),
            gdp_usd=_measure(self.cell(row, number, "gdp_usd", v.number), source),
            founded=row.get("founded") or None, website=row.get("website") or None, note=row.get("note") or None,
            iati_ref=self.cell(row, number, "iati_ref", v.iati_ref), sources=[source])
        self.new_actors[actor.key] = actor
        return actor

    def _actor_key(self, name: str, country: str | None) -> str:
        """An actor already known by this name and country keeps its key; a new one gets a slug."""
        wanted = fold(name)
        for actor in (*self.known.actors.values(), *self.new_actors.values()):
            if actor.country == country and wanted in {fold(actor.name), *map(fold, actor.other_names)}:
                return actor.key
        key = v.slug(name)
        taken = set(self.known.actors) | set(self.new_actors)
        return key if key not in taken else v.slug(name, country or "int")

    def _agreements(self, row, number):
        parties = [self.actor_ref(row, number, "parties", p) for p in self.cell(row, number, "parties", v.listed,
                                                                                 required=True)]
        kind = self.cell(row, number, "kind", lambda c: v.enum(AgreementKind, c), required=True)
        return Agreement(
            key=self.derived_key(row, number, kind.value, *parties), kind=kind, parties=parties,
            area=row.get("area") or None, themes=self.cell(row, number, "themes", v.themes),
            signed=row.get("signed") or None, ended=row.get("ended") or None,
            status=self.cell(row, number, "status", lambda c: v.enum(AgreementStatus, c)) or AgreementStatus.UNKNOWN,
            sources=[self.citation(row, number)])

    def _initiatives(self, row, number):
        title = self.cell(row, number, "title", required=True)
        lang = self.cell(row, number, "language", v.language)
        description = row.get("description")
        agreement = row.get("agreement") or None
        if agreement and agreement not in self.known.agreements:
            self._problem(number, "agreement", agreement, N_("there is no agreement with the key '{key}'"),
                          {"key": agreement})
            raise _RowFailed
        return Initiative(
            key=self.derived_key(row, number, title), title=title,
            description=Text(description, lang) if description else None,
            modality=self.cell(row, number, "modality", lambda c: v.enum(Modality, c), required=True),
            instrument=self.cell(row, number, "instrument", lambda c: v.enum(Instrument, c), required=True),
            cooperation_types=[self._enum_item(row, number, "cooperation_types", CooperationType, c)
                               for c in v.listed(row.get("cooperation_types", ""))],
            status=self.cell(row, number, "status", lambda c: v.enum(InitiativeStatus, c)) or InitiativeStatus.UNKNOWN,
            start=row.get("start") or None, end=row.get("end") or None,
            themes=self.cell(row, number, "themes", v.themes),
            participants=self._participants(row, number),
            countries=[self._country_item(row, number, c) for c in v.listed(row.get("countries", ""))],
            agreement=agreement, sources=[self.citation(row, number)])

    def _enum_item(self, row, number, key, cls, cell):
        return self.cell({key: cell}, number, key, lambda c: v.enum(cls, c))

    def _country_item(self, row, number, cell):
        return self.cell({"countries": cell}, number, "countries", v.country)

    def _participants(self, row, number) -> list[Participation]:
        found = []
        for item in self.cell(row, number, "participants", v.listed, required=True):
            actor, _, role = item.rpartition(":")
            if not actor:
                self._problem(number, "participants", item, N_("write each participant as 'key:role', e.g. "
                                                              "medellin:offerer"), {})
                raise _RowFailed
            found.append(Participation(role=self._enum_item(row, number, "participants", Role, role.strip()),
                                       actor=self.actor_ref(row, number, "participants", actor.strip())))
        return found

    def _flows(self, row, number):
        initiative = self.cell(row, number, "initiative", required=True)
        if initiative not in self.known.initiatives:
            self._problem(number, "initiative", initiative, N_("there is no initiative with the key '{key}'"),
                          {"key": initiative})
            raise _RowFailed
        flow = Flow(kind=self.cell(row, number, "kind", lambda c: v.enum(FlowKind, c), required=True),
                    amount=self.cell(row, number, "amount", v.amount), currency=row.get("currency") or None,
                    year=self.cell(row, number, "year", v.whole), date=row.get("date") or None,
                    from_actor=self.actor_ref(row, number, "from", row.get("from") or None),
                    to_actor=self.actor_ref(row, number, "to", row.get("to") or None),
                    source=self.citation(row, number))
        flow.check(f"initiative {initiative}")
        return initiative, flow

    def _memberships(self, row, number):
        network = self.cell(row, number, "network", required=True)
        if network not in self.known.networks:
            self._problem(number, "network", network, N_("there is no network with the key '{key}'"),
                          {"key": network})
            raise _RowFailed
        return Membership(actor=self.actor_ref(row, number, "actor", self.cell(row, number, "actor", required=True)),
                          network=network, joined=row.get("joined") or None, left=row.get("left") or None,
                          founding=self.cell(row, number, "founding", v.flag),
                          sources=[self.citation(row, number)])

    def _practices(self, row, number):
        title = self.cell(row, number, "title", required=True)
        summary, description = row.get("summary"), row.get("description")
        lang = self.cell(row, number, "language", v.language) if summary or description else None
        transfers = list(dict.fromkeys(k.strip() for k in (row.get("transfers") or "").split(";") if k.strip()))
        for initiative in transfers:
            if initiative not in self.known.initiatives:
                self._problem(number, "transfers", initiative, N_("there is no initiative with the key '{key}'"),
                              {"key": initiative})
                raise _RowFailed
        return Practice(key=self.derived_key(row, number, title),
                        owner=self.actor_ref(row, number, "owner", self.cell(row, number, "owner", required=True)),
                        title=title, summary=Text(summary, lang) if summary else None,
                        description=Text(description, lang) if description else None,
                        themes=self.cell(row, number, "themes", v.themes),
                        problem=row.get("problem") or None, results=row.get("results") or None,
                        evidence=row.get("evidence") or None, recognition=row.get("recognition") or None,
                        contact=row.get("contact") or None,
                        transfers=transfers,
                        sources=[self.citation(row, number)])


    def _demands(self, row, number):
        need = self.cell(row, number, "need", required=True)
        actor = self.actor_ref(row, number, "actor", self.cell(row, number, "actor", required=True))
        return Demand(key=self.derived_key(row, number, actor, " ".join(need.split()[:6])), actor=actor,
                      need=Text(need, self.cell(row, number, "language", v.language) or "es"),
                      themes=self.cell(row, number, "themes", v.themes), sources=[self.citation(row, number)])


class _RowFailed(Exception):
    """The row's problem is already recorded."""


def _measure(value, source):
    return Measure(value, source=source) if value is not None else None


def read_rows(table: Table, kind: str, known: Known, on_row=None) -> Parsed:
    if kind not in KINDS:
        raise refuse(table.file, N_("'{kind}' is not a kind of table; use one of: {choices}"), kind=kind,
                     choices=", ".join(KINDS))
    return RowReader(table, kind, known).read(on_row)
