"""Explore: records found by filters, one page at a time, with the counts per facet.

The Explore page, the API's list endpoints and the downloads of a list all call `explore`, so a filter
means the same on every face. What a user typed is checked here (`filters_from`), and every wrong value
is refused with the parameter's name, what was wrong and what would do.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..analysis.classification import Classifier, with_override
from ..analysis.indicators.partners import region_of
from ..analysis.schemes import DEFAULT_SCHEME, SCHEMES
from ..domain import ActorKind, Instrument, Modality, Role
from ..domain.classification import RelationClass
from ..domain.errors import N_, UserError
from ..reference.countries import all_facts
from ..reference.themes import taxonomy
from sqlalchemy import select

from ..store import Store
from ..store import search
from ..store.rows import Reader
from .classification import read_overrides

MAX_PER_PAGE = 500
CLASS_LIMIT = 20_000
"""Above this many matching relations, the classification is not computed for the whole list (each one
needs its parties read and classified); the filter and its counts then say so instead of guessing."""


class BadFilter(UserError):
    """A filter value a user gave that cannot be used: `parameter` names it (for the API's 422)."""

    def __init__(self, parameter: str, msgid: str, **params):
        self.parameter = parameter
        super().__init__(msgid, parameter=parameter, **params)


@dataclass(frozen=True)
class Filters:
    record: str = "initiative"
    q: str | None = None
    country: str | None = None
    region: str | None = None
    theme: str | None = None
    modality: str | None = None
    instrument: str | None = None
    role: str | None = None
    kind: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    actor: str | None = None
    classification: str | None = None
    scheme: str = DEFAULT_SCHEME

    def active(self) -> dict[str, str]:
        """The filters set, named as the query parameters they come from (for links that keep them)."""
        names = {"year_from": "from", "year_to": "to"}
        return {names.get(k, k): str(v) for k, v in self.__dict__.items()
                if v not in (None, "") and not (k == "scheme" and v == DEFAULT_SCHEME)}


def _choice(parameter: str, value: str | None, choices) -> str | None:
    if value in (None, ""):
        return None
    value = value.strip().lower()
    if value not in choices:
        raise BadFilter(parameter, N_("{parameter}: '{value}' is not one of: {choices}"), value=value,
                        choices=", ".join(choices))
    return value


def _year(parameter: str, value) -> int | None:
    if value in (None, ""):
        return None
    try:
        year = int(str(value).strip())
    except ValueError:
        raise BadFilter(parameter, N_("{parameter}: '{value}' is not a year; write it with four digits, "
                                      "e.g. 2012"), value=value) from None
    if not 1800 <= year <= 2200:
        raise BadFilter(parameter, N_("{parameter}: {value} is outside the years sursur records (1800–2200)"),
                        value=year)
    return year


def regions() -> list[str]:
    """The regions a filter accepts: UN M49 sub-regions (or regions where there is no sub-region)."""
    return sorted({f.subregion or f.region for f in all_facts() if f.subregion or f.region})


def check_printable(params: dict) -> None:
    """No control characters (a NUL ends a text in C and PostgreSQL refuses it): said, not searched."""
    for name, value in params.items():
        if isinstance(value, str) and search.has_control_characters(value):
            raise BadFilter(name, N_("{parameter}: the value contains a control character (such as a line break "
                                     "or NUL); remove it"))


def filters_from(params: dict) -> Filters:
    """Filters from what a user typed (query parameters or CLI options), each value checked."""
    check_printable(params)
    known_countries = {f.iso3 for f in all_facts()}
    record = _choice("record", params.get("record") or "initiative", search.RECORD_TYPES)
    country = (params.get("country") or "").strip().upper() or None
    if country and country not in known_countries:
        raise BadFilter("country", N_("{parameter}: '{value}' is not an ISO 3166 alpha-3 country code "
                                      "(e.g. COL, BRA, ESP)"), value=country)
    region = (params.get("region") or "").strip() or None
    if region and region not in regions():
        raise BadFilter("region", N_("{parameter}: '{value}' is not a UN M49 region; use one of: {choices}"),
                        value=region, choices=", ".join(regions()))
    theme = (params.get("theme") or "").strip() or None
    if theme and not taxonomy().exists(theme):
        raise BadFilter("theme", N_("{parameter}: there is no theme '{value}'; see the themes with `sursur "
                                    "themes list`"), value=theme)
    scheme = (params.get("scheme") or DEFAULT_SCHEME).strip()
    if scheme not in SCHEMES:
        raise BadFilter("scheme", N_("{parameter}: '{value}' is not one of: {choices}"), value=scheme,
                        choices=", ".join(SCHEMES))
    q = (params.get("q") or "").strip() or None
    if q and len(q) > 200:
        raise BadFilter("q", N_("{parameter}: the search text is {length} characters long; use at most 200"),
                        length=len(q))
    found = Filters(
        record=record, q=q, country=country, region=region, theme=theme,
        modality=_choice("modality", params.get("modality"), [m.value for m in Modality]),
        instrument=_choice("instrument", params.get("instrument"), [m.value for m in Instrument]),
        role=_choice("role", params.get("role"), [r.value for r in Role]),
        kind=_choice("kind", params.get("kind"), [k.value for k in ActorKind]),
        year_from=_year("from", params.get("from")), year_to=_year("to", params.get("to")),
        actor=(params.get("actor") or "").strip().lower() or None,
        classification=_choice("classification", params.get("classification"), [c.value for c in RelationClass]),
        scheme=scheme)
    if found.year_from and found.year_to and found.year_to < found.year_from:
        raise BadFilter("to", N_("{parameter}: the period ends ({end}) before it starts ({start})"),
                        end=found.year_to, start=found.year_from)
    if found.classification and record == "actor":
        raise BadFilter("classification", N_("{parameter}: only agreements and initiatives are classified, "
                                             "not actors"))
    return found


@dataclass
class Found:
    filters: Filters
    total: int
    records: list  # the page's records (domain objects)
    facets: dict[str, list[tuple[str, int]]]
    page: int
    per_page: int
    classes: dict[str, object] = field(default_factory=dict)  # key → RelationResult, for the page's relations
    notes: list[tuple[str, dict]] = field(default_factory=list)  # (msgid, params)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page)) if self.per_page else 1


def _criteria(repo, f: Filters) -> search.Criteria:
    countries = None
    if f.country:
        countries = frozenset({f.country})
    if f.region:
        in_region = frozenset(x.iso3 for x in all_facts() if region_of(x.iso3) == f.region)
        countries = in_region if countries is None else countries & in_region
    actors = None
    if f.actor:
        actors = frozenset(repo.family(f.actor))
        named = search.actor_keys_named(repo.conn, f.actor) if not actors else []
        if len(named) == 1:  # written as its name, as pages show it, not as its key
            actors = frozenset(repo.family(named[0]))
        if not actors:
            from ..analysis.indicators import UnknownActor

            missing = UnknownActor(f.actor, dict.fromkeys(repo.actor_keys()))
            missing.parameter = "actor"
            raise missing
    theme = frozenset(taxonomy().below(f.theme)) if f.theme else None
    return search.Criteria(q=f.q, countries=countries, theme=theme, modality=f.modality, instrument=f.instrument,
                           role=f.role, kind=f.kind, year_from=f.year_from, year_to=f.year_to, actors=actors)


def _restore(repo, record_type: str, rows) -> list:
    return Reader(repo.conn).records(record_type, rows)


def classify_found(repo, record_type: str, records: list, scheme: str) -> dict:
    """key → the relation's result under the scheme (overrides applied), reading only the actors named."""
    if not records:
        return {}
    named = set()
    for r in records:
        if record_type == "agreement":
            named |= set(r.parties)
        else:
            named |= {p.actor for p in r.participants if p.actor}
    actors = {a.key: a for a in repo.actors_by_key(named)}
    classifier = Classifier(actors, SCHEMES[scheme])
    keys = {r.key for r in records}
    overrides = [o for o in read_overrides(repo.conn) if o.record_type == record_type and o.record_key in keys]
    decide = classifier.agreement if record_type == "agreement" else classifier.initiative
    return {r.key: with_override(decide(r), overrides) for r in records}


def classify_one(store: Store, record_type: str, record, scheme: str = DEFAULT_SCHEME):
    """One agreement's or initiative's class under a scheme (a person's override applied)."""
    with store.reading() as repo:
        return classify_found(repo, record_type, [record], scheme)[record.key]


def explore(store: Store, filters: Filters, page: int = 1, per_page: int = 50, with_facets: bool = True) -> Found:
    """One page of the records that match, the total and the counts per facet (of all that match;
    `with_facets=False` leaves them out, which on a large unfiltered base is most of the time)."""
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise BadFilter("per_page", N_("{parameter}: {value} is not between 1 and {most}"), value=per_page,
                        most=MAX_PER_PAGE)
    if page < 1:
        raise BadFilter("page", N_("{parameter}: {value} is not between 1 and {most}"), value=page, most="…")
    with store.reading() as repo:
        criteria = _criteria(repo, filters)
        ids, total = search.settled(repo.conn, filters.record, search.IDS[filters.record](criteria), CLASS_LIMIT)
        facets = (search.facets(repo.conn, filters.record, ids, criteria, whole=criteria == search.Criteria())
                  if with_facets else {})
        notes: list[tuple[str, dict]] = []
        if filters.record == "actor":
            records = _restore(repo, "actor", search.page_rows(repo.conn, "actor", ids, per_page,
                                                              (page - 1) * per_page))
            return Found(filters, total, records, facets, page, per_page)
        if total <= CLASS_LIMIT:
            # Every match classified: the class filter and its counts are exact.
            everything = _restore(repo, filters.record, search.page_rows(repo.conn, filters.record, ids, None))
            classes = classify_found(repo, filters.record, everything, filters.scheme)
            if with_facets:
                facets["classification"] = sorted(Counter(r.shown.value for r in classes.values()).items(),
                                                  key=lambda pair: (-pair[1], pair[0]))
            if filters.classification:
                everything = [r for r in everything if classes[r.key].shown.value == filters.classification]
                total = len(everything)
                kept = search.TABLES[filters.record]
                if with_facets:
                    facets = search.facets(repo.conn, filters.record, select(kept.c.id).where(
                        kept.c.key.in_([r.key for r in everything])), criteria)
                    facets["classification"] = [(filters.classification, total)]
            start = (page - 1) * per_page
            records = everything[start:start + per_page]
            return Found(filters, total, records, facets, page, per_page,
                         {r.key: classes[r.key] for r in records}, notes)
        if filters.classification:
            raise BadFilter("classification", N_("{parameter}: {total} records match the other filters; the "
                                                 "classification filter works on at most {most}. Narrow the list "
                                                 "first (an actor, a country, a period)"), total=total,
                            most=CLASS_LIMIT)
        if with_facets:
            notes.append((N_("{total} records match: the counts by classification are computed for at most {most}"),
                          {"total": total, "most": CLASS_LIMIT}))
        records = _restore(repo, filters.record, search.page_rows(repo.conn, filters.record, ids, per_page,
                                                                 (page - 1) * per_page))
        return Found(filters, total, records, facets, page, per_page,
                     classify_found(repo, filters.record, records, filters.scheme), notes)


def everything(store: Store, filters: Filters) -> list:
    """All the records that match (for a download): the same filters as a page, every page at once."""
    with store.reading() as repo:
        ids = search.IDS[filters.record](_criteria(repo, filters))
        found = _restore(repo, filters.record, search.page_rows(repo.conn, filters.record, ids, None))
        if filters.classification and filters.record != "actor":
            if len(found) > CLASS_LIMIT:
                raise BadFilter("classification", N_("{parameter}: {total} records match the other filters; the "
                                                     "classification filter works on at most {most}. Narrow the "
                                                     "list first (an actor, a country, a period)"),
                                total=len(found), most=CLASS_LIMIT)
            classes = classify_found(repo, filters.record, found, filters.scheme)
            found = [r for r in found if classes[r.key].shown.value == filters.classification]
        return found
