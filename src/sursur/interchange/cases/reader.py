"""Reads a case file (YAML) into domain records; every locator cites the case's main source.

A `cite:` list holds locators ("Tabla 1, fila 3", "3.4") in the case's first source, or
"source-key#locator" for another source.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files

import yaml

from ...domain import (Actor, Agreement, Citation, Dataset, Demand, DomainError, Figure, Flow, Initiative,
                       Measure, MemberCount, Membership, Network, Participation, PartialDate, Practice, Source,
                       Text, ThematicUnit, TimelineEntry)
from ...domain.classification import StatedClass
from ...domain.errors import N_, UserError


class CaseError(UserError):
    """A case file that cannot be read; the message names the file and what is wrong."""


@dataclass
class CaseData:
    name: str
    version: int
    language: str
    dataset: Dataset


def available_cases() -> list[str]:
    return sorted(p.name[:-5] for p in files(__package__).iterdir() if p.name.endswith(".yaml"))


def read_case(name: str) -> CaseData:
    if name not in available_cases():
        raise CaseError(N_("there is no built-in case '{name}'; available: {choices}"), name=name,
                        choices=", ".join(available_cases()))
    return read_case_text((files(__package__) / f"{name}.yaml").read_text(encoding="utf-8"), name)


def read_case_text(text: str, name: str) -> CaseData:
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise CaseError(N_("the case file {name} is not valid YAML (line {line}): {reason}"), name=name,
                        line=(mark.line + 1) if mark else "?", reason=getattr(error, "problem", error)) from None
    try:
        return _Parser(raw, name).case()
    except DomainError as error:
        raise CaseError(N_("the case file {name} has an invalid record: {reason}"), name=name,
                        reason=str(error)) from None
    except (KeyError, TypeError) as error:
        raise CaseError(N_("the case file {name} is malformed: {reason}"), name=name, reason=repr(error)) from None


class _Parser:
    def __init__(self, raw: dict, name: str):
        if not isinstance(raw, dict) or not raw.get("sources"):
            raise CaseError(N_("the case file {name} needs a 'sources' list"), name=name)
        self.raw, self.name = raw, name
        self.main_source = raw["sources"][0]["key"]

    def cites(self, value) -> list[Citation]:
        if value is None:
            return []
        if isinstance(value, str):
            value = [value]
        result = []
        for item in value:
            source, _, locator = str(item).rpartition("#")
            result.append(Citation(source or self.main_source, locator or None))
        return result

    def cite(self, value) -> Citation | None:
        cites = self.cites(value)
        return cites[0] if cites else None

    def measure(self, raw: dict | None) -> Measure | None:
        if not raw:
            return None
        return Measure(value=raw["value"], year=raw.get("year"), approximate=bool(raw.get("approximate")),
                       source=self.cite(raw.get("cite")), note=raw.get("note"))

    def stated(self, raw: dict | None) -> StatedClass | None:
        if not raw:
            return None
        return StatedClass(raw["value"], self.cite(raw.get("cite")))

    @staticmethod
    def text(raw, default_lang: str) -> Text | None:
        if raw is None:
            return None
        if isinstance(raw, str):
            return Text(raw, default_lang)
        return Text(raw["text"], raw.get("lang", default_lang))

    def case(self) -> CaseData:
        raw, lang = self.raw, self.raw.get("language", "es")
        data = Dataset(
            sources=[Source(key=s["key"], title=s["title"], kind=s.get("kind", "other"), author=s.get("author"),
                            year=s.get("year"), publisher=s.get("publisher"), url=s.get("url"),
                            file=s.get("file"), note=s.get("note")) for s in raw["sources"]],
            actors=[self.actor(a) for a in raw.get("actors") or []],
            agreements=[Agreement(key=g["key"], kind=g["kind"], parties=list(g["parties"]), area=g.get("area"),
                                  themes=list(g.get("themes") or []), signed=g.get("signed"), ended=g.get("ended"),
                                  status=g.get("status") or "unknown", stated_class=self.stated(g.get("stated_class")),
                                  sources=self.cites(g.get("cite")))
                        for g in raw.get("agreements") or []],
            initiatives=[self.initiative(i, lang) for i in raw.get("initiatives") or []],
            networks=[self.network(n) for n in raw.get("networks") or []],
            memberships=[Membership(actor=m["actor"], network=m["network"], joined=m.get("joined"),
                                    left=m.get("left"), founding=bool(m.get("founding")),
                                    sources=self.cites(m.get("cite"))) for m in raw.get("memberships") or []],
            practices=[Practice(key=p["key"], owner=p["owner"], title=p["title"],
                                summary=self.text(p.get("summary"), lang), themes=list(p.get("themes") or []),
                                evidence=p.get("evidence"), recognition=p.get("recognition"),
                                description=self.text(p.get("description"), lang), problem=p.get("problem"),
                                results=p.get("results"), contact=p.get("contact"),
                                transfers=list(p.get("transfers") or []),
                                sources=self.cites(p.get("cite"))) for p in raw.get("practices") or []],
            demands=[Demand(key=d["key"], actor=d["actor"], need=self.text(d["need"], lang),
                            themes=list(d.get("themes") or []), sources=self.cites(d.get("cite")))
                     for d in raw.get("demands") or []],
        )
        data.check_references()
        version = raw.get("version")
        if not isinstance(version, int) or version < 1:
            raise CaseError(N_("the case file {name} needs a whole-number 'version'"), name=self.name)
        return CaseData(name=raw.get("case", self.name), version=version, language=lang, dataset=data)

    def actor(self, a: dict) -> Actor:
        return Actor(
            key=a["key"], name=a["name"], kind=a["kind"], country=a.get("country"),
            other_names=list(a.get("other_names") or []), parent=a.get("parent"), founded=a.get("founded"),
            website=a.get("website"), note=a.get("note"), country_basis=a.get("country_basis"),
            population=self.measure(a.get("population")), area_km2=self.measure(a.get("area_km2")),
            gdp_usd=self.measure(a.get("gdp_usd")),
            timeline=[TimelineEntry(PartialDate.parse(e["date"]), e["text"], self.cite(e.get("cite")))
                      for e in a.get("timeline") or []],
            sources=self.cites(a.get("cite")))

    def initiative(self, i: dict, lang: str) -> Initiative:
        return Initiative(
            key=i["key"], title=i["title"], description=self.text(i.get("description"), lang),
            modality=i["modality"], instrument=i["instrument"],
            cooperation_types=list(i.get("cooperation_types") or []), status=i.get("status") or "unknown",
            start=i.get("start"), end=i.get("end"), themes=list(i.get("themes") or []),
            participants=[Participation(role=p["role"], actor=p.get("actor"), party=p.get("party"),
                                        country=p.get("country")) for p in i.get("participants") or []],
            flows=[Flow(kind=f["kind"], amount=f.get("amount"), currency=f.get("currency"), year=f.get("year"),
                        date=f.get("date"), from_actor=f.get("from"), to_actor=f.get("to"),
                        source=self.cite(f.get("cite"))) for f in i.get("flows") or []],
            figures=[Figure(f["name"], f["value"], self.cite(f.get("cite"))) for f in i.get("figures") or []],
            countries=list(i.get("countries") or []), agreement=i.get("agreement"),
            stated_class=self.stated(i.get("stated_class")),
            sources=self.cites(i.get("cite")))

    def network(self, n: dict) -> Network:
        count = n.get("thematic_unit_count")
        return Network(
            key=n["key"], actor=n["actor"], founded=n.get("founded"),
            member_counts=[MemberCount(c["year"], c["count"], self.cite(c.get("cite")))
                           for c in n.get("member_counts") or []],
            thematic_unit_count=count["value"] if isinstance(count, dict) else count,
            thematic_units=[ThematicUnit(u["name"], self.cite(u.get("cite"))) for u in n.get("thematic_units") or []],
            sources=self.cites(n.get("cite")))
