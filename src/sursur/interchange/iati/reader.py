"""Streaming IATI activity files: one activity at a time, validated, freed as soon as it is read.

`IatiFile(path)` checks the start of the file (safety.py), then parses it with lxml's iterparse with
entities, DTDs, the network and huge trees all off, and yields a `Read` per `iati-activity`: the fields
sursur maps (a `ParsedActivity`), or the problems that make the activity unusable, each with its line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ...domain.errors import N_
from ..problems import ImportRefused, Problem
from . import extension as ext
from .codelists import schema
from .safety import check_prolog, refused

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
VERSIONS = ("2.01", "2.02", "2.03")


@dataclass(slots=True)
class Org:
    line: int
    ref: str | None = None
    type: str | None = None
    role: str | None = None
    names: list[tuple[str | None, str]] = field(default_factory=list)  # (xml:lang, text)
    own_kind: str | None = None  # sursur:kind and sursur:role (extension.py), when sursur wrote the file
    own_role: str | None = None
    own_key: str | None = None  # sursur:key: the actor's key, when it was not made from its ref


@dataclass(slots=True)
class Transaction:
    line: int
    type: str | None = None
    date: str | None = None
    value: str | None = None
    currency: str | None = None
    value_date: str | None = None
    provider: Org | None = None
    receiver: Org | None = None
    sectors: list[tuple[str, str, int]] = field(default_factory=list)
    precision: str | None = None  # sursur:precision on value: the date stands for a year or a month


@dataclass(slots=True)
class ParsedActivity:
    identifier: str
    line: int
    lang: str | None  # the activity's xml:lang, else the file's
    default_currency: str | None = None
    reporting: Org | None = None
    titles: list[tuple[str | None, str]] = field(default_factory=list)
    descriptions: list[tuple[str, str | None, str]] = field(default_factory=list)  # (type, lang, text)
    status: tuple[str, int] | None = None
    dates: dict[str, str] = field(default_factory=dict)  # activity-date type → iso-date
    participants: list[Org] = field(default_factory=list)
    countries: list[tuple[str, int, list]] = field(default_factory=list)  # (code, line, names)
    regions: list[tuple[str, str, int, list]] = field(default_factory=list)  # (code, vocabulary, line, names)
    collaboration: str | None = None
    sectors: list[tuple[str, str, int]] = field(default_factory=list)  # (vocabulary, code, line)
    tags: list[tuple[str, str, int]] = field(default_factory=list)
    transactions: list[Transaction] = field(default_factory=list)
    # sursur's extension (extension.py): present in files sursur exported
    own_key: str | None = None
    own_modality: str | None = None
    own_instrument: str | None = None
    precision: dict[str, str] = field(default_factory=dict)  # activity-date type → 'year' | 'month'
    parties: list[tuple[str | None, str, str | None, int]] = field(default_factory=list)  # (role, text, country, line)
    no_receiver: set[str] = field(default_factory=set)  # recipient-country codes with sursur:receiver="no"


@dataclass(slots=True)
class Read:
    identifier: str
    line: int
    activity: ParsedActivity | None  # None when the activity has errors
    errors: list[Problem]


def _narratives(elem) -> list[tuple[str | None, str]]:
    found = []
    for n in elem.iterchildren("narrative"):
        text = n.text
        if text and (text := text.strip()):
            found.append((n.get(XML_LANG), text))
    if not found and (text := elem.text) and (text := text.strip()):  # text straight in the element (1.x)
        found = [(elem.get(XML_LANG), text)]
    return found


def _org(elem) -> Org:
    return Org(elem.sourceline, (elem.get("ref") or "").strip() or None, elem.get("type"), elem.get("role"),
               _narratives(elem), elem.get(ext.KIND), elem.get(ext.ROLE), elem.get(ext.KEY))


# The children parse_activity and _transaction read: lxml skips the others (budgets, results, documents,
# locations…) without making Python objects for them.
_TRANSACTION_PARTS = ("transaction-type", "transaction-date", "value", "provider-org", "receiver-org", "sector")
_ACTIVITY_PARTS = ("transaction", "participating-org", "activity-date", "sector", "description", "iati-identifier",
                   "reporting-org", "title", "activity-status", "recipient-country", "collaboration-type", "tag",
                   "recipient-region", ext.PARTY)


def _transaction(elem) -> Transaction:
    txn = Transaction(elem.sourceline)
    for child in elem.iterchildren(*_TRANSACTION_PARTS):
        tag = child.tag
        if tag == "transaction-type":
            txn.type = child.get("code")
        elif tag == "transaction-date":
            txn.date = child.get("iso-date")
        elif tag == "value":
            txn.value, txn.currency, txn.value_date = child.text, child.get("currency"), child.get("value-date")
            txn.precision = child.get(ext.PRECISION)
        elif tag == "provider-org":
            txn.provider = _org(child)
        elif tag == "receiver-org":
            txn.receiver = _org(child)
        elif tag == "sector":
            txn.sectors.append((child.get("vocabulary") or "1", (child.get("code") or "").strip(), child.sourceline))
    return txn


def parse_activity(elem, file_lang: str | None) -> ParsedActivity:
    """The fields sursur maps, read in one pass over the activity's children."""
    act = ParsedActivity("", elem.sourceline, elem.get(XML_LANG) or file_lang, elem.get("default-currency"),
                         own_key=elem.get(ext.KEY), own_modality=elem.get(ext.MODALITY),
                         own_instrument=elem.get(ext.INSTRUMENT))
    for child in elem.iterchildren(*_ACTIVITY_PARTS):  # the most frequent first
        tag = child.tag
        if tag == "transaction":
            act.transactions.append(_transaction(child))
        elif tag == "participating-org":
            act.participants.append(_org(child))
        elif tag == "activity-date":
            act.dates.setdefault(child.get("type"), child.get("iso-date"))
            if child.get(ext.PRECISION):
                act.precision.setdefault(child.get("type"), child.get(ext.PRECISION))
        elif tag == "sector":
            act.sectors.append((child.get("vocabulary") or "1", (child.get("code") or "").strip(), child.sourceline))
        elif tag == "description":
            if child.get(ext.FROM) == "title":
                continue  # sursur repeated the title because IATI requires a description: there was none
            act.descriptions += [(child.get("type") or "1", lang, text) for lang, text in _narratives(child)]
        elif tag == "iati-identifier":
            act.identifier = (child.text or "").strip()
        elif tag == "reporting-org":
            act.reporting = _org(child)
        elif tag == "title":
            act.titles = _narratives(child)
        elif tag == "activity-status":
            act.status = (child.get("code"), child.sourceline)
        elif tag == "recipient-country":
            act.countries.append(((child.get("code") or "").strip(), child.sourceline, _narratives(child)))
            if child.get(ext.RECEIVER) == "no":
                act.no_receiver.add(act.countries[-1][0])
        elif tag == "recipient-region":
            act.regions.append(((child.get("code") or "").strip(), child.get("vocabulary") or "1",
                                child.sourceline, _narratives(child)))
        elif tag == "collaboration-type":
            act.collaboration = child.get("code")
        elif tag == "tag":
            act.tags.append((child.get("vocabulary") or "", (child.get("code") or "").strip(), child.sourceline))
        elif tag == ext.PARTY:
            act.parties.append((child.get("role"), (child.text or "").strip(), child.get("country"),
                                child.sourceline))
    return act


def _identifier(elem) -> str:
    found = elem.find("iati-identifier")
    return (found.text or "").strip() if found is not None else ""


class IatiFile:
    """One IATI activity file, read as a stream. Iterate it for its activities; read `version`, `lang`."""

    def __init__(self, path: str | Path, name: str | None = None, *, validate: bool = True):
        self.path = Path(path)
        self.name = name or self.path.name
        self.validate = validate
        self.version: str | None = None
        self.lang: str | None = None
        self.size = self.path.stat().st_size if self.path.is_file() else 0
        self.bytes_read = 0

    def _problem(self, reason: str, line: int | None, column: str | None = None, value=None, **params) -> Problem:
        return Problem(self.name, reason, params, line=line, column=column, value=value)

    def _check_root(self, root) -> None:
        version = (root.get("version") or "").strip()
        if version not in VERSIONS:
            raise refused(self.name, N_("{file} is IATI version {version}; sursur reads versions 2.01 to 2.03"),
                          line=root.sourceline, version=version or "?")
        if root.getroottree().docinfo.internalDTD is not None:  # the second lock (see safety.py)
            raise refused(self.name, N_("{file} has a DOCTYPE declaration; sursur refuses DTDs"), line=1)
        self.version, self.lang = version, root.get(XML_LANG)

    def _validate(self, elem, identifier: str) -> list[Problem]:
        validator = schema()
        if validator.validate(elem):
            return []
        return [self._problem(N_("activity {identifier}: does not follow the IATI 2.03 schema: {detail}"),
                              error.line, column=error.path, identifier=identifier or "?", detail=error.message)
                for error in validator.error_log]

    def _required(self, act: ParsedActivity) -> list[Problem]:
        """What sursur needs whatever the schema says (also for files read without validation)."""
        problems = []
        if not act.identifier:
            problems.append(self._problem(N_("an activity has no iati-identifier"), act.line, "iati-identifier"))
        if act.reporting is None or not (act.reporting.ref or act.reporting.names):
            problems.append(self._problem(N_("activity {identifier}: no reporting-org with a ref or a name"),
                                          act.line, "reporting-org", identifier=act.identifier or "?"))
        if not act.titles:
            problems.append(self._problem(N_("activity {identifier}: no title"), act.line, "title",
                                          identifier=act.identifier or "?"))
        return problems

    def __iter__(self) -> Iterator[Read]:
        prolog = check_prolog(self.path, self.name)
        if prolog.root and prolog.root != "iati-activities":
            if prolog.root == "iati-organisations":
                raise refused(self.name, N_("{file} is an IATI organisation file; sursur imports activity files "
                                            "(root element <iati-activities>)"))
            raise refused(self.name, N_("{file} is XML but not an IATI activity file: its root element is <{root}>, "
                                        "where IATI has <iati-activities>"), root=prolog.root)
        with self.path.open("rb") as handle:
            events = etree.iterparse(handle, events=("start", "end"), tag=("iati-activities", "iati-activity"),
                                     resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                                     remove_comments=True, remove_pis=True)
            try:
                for event, elem in events:
                    if event == "start":
                        if elem.tag == "iati-activities" and elem.getparent() is None:
                            self._check_root(elem)
                        continue
                    if elem.tag != "iati-activity":
                        continue
                    yield self._read(elem)
                    self.bytes_read = handle.tell()
                    elem.clear()
                    parent = elem.getparent()
                    while elem.getprevious() is not None:  # free what was read
                        del parent[0]
            except etree.XMLSyntaxError as error:
                raise self._syntax(error) from None
            if self.version is None:
                root = events.root
                raise refused(self.name, N_("{file} is XML but not an IATI activity file: its root element is "
                                            "<{root}>, where IATI has <iati-activities>"),
                              root=root.tag if root is not None else "?")
            self.bytes_read = self.size

    def _read(self, elem) -> Read:
        identifier = _identifier(elem)
        errors = self._validate(elem, identifier) if self.validate else []
        if errors:
            return Read(identifier, elem.sourceline, None, errors)
        act = parse_activity(elem, self.lang)
        errors = self._required(act)
        return Read(identifier, elem.sourceline, None if errors else act, errors)

    def _syntax(self, error: etree.XMLSyntaxError) -> ImportRefused:
        line = error.lineno or None
        message = (error.msg or str(error)).strip()
        if "entit" in message.lower():
            return refused(self.name, N_("{file}: an entity could not be read (line {line}); sursur does not expand "
                                         "XML entities"), line=line, value=message)
        return refused(self.name, N_("{file} is not well-formed XML (line {line}): {detail}"), line=line,
                       detail=message)
