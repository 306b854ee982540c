"""Finding records by filters in SQL: the ids that match, one page of them, and the counts per facet.

Explore (pages), the read API's lists and the downloads all come through here, so a filter means the
same everywhere. Only what SQL can decide is decided here; the classification (a computation over the
records) is applied by the service on top. What each filter means is in docs/OBSERVATORY.md.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from sqlalchemy import Text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement
from sqlalchemy import Connection, Integer, Select, and_, cast, exists, func, literal, or_, select, union

from . import tables as t

RECORD_TYPES = ("initiative", "agreement", "actor")

# PostgreSQL folds with translate(): lower() in a C-locale database leaves 'Á' as it is.
_ACCENTED = "ÁÀÂÃÄÅÉÈÊËÍÌÎÏÓÒÔÕÖÚÙÛÜÑÇáàâãäåéèêëíìîïóòôõöúùûüñç"
_PLAIN = "aaaaaaeeeeiiiiooooouuuuncaaaaaaeeeeiiiiooooouuuunc"


def has_control_characters(text: str) -> bool:
    """A NUL, a line break, DEL…: never in a key or a filter (PostgreSQL refuses a NUL in a query)."""
    return any(ord(ch) < 32 or ord(ch) == 127 for ch in text)


def fold_text(text: str | None) -> str | None:
    """Lower case without accents: 'Área' and 'area' are the same word to a search."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class fold(FunctionElement):
    """fold_text in SQL, on either backend."""

    type = Text()
    inherit_cache = True


@compiles(fold)
def _fold_default(element, compiler, **kw):
    return f"lower({compiler.process(element.clauses, **kw)})"


@compiles(fold, "sqlite")
def _fold_sqlite(element, compiler, **kw):
    return f"sursur_fold({compiler.process(element.clauses, **kw)})"


@compiles(fold, "postgresql")
def _fold_postgresql(element, compiler, **kw):
    return f"lower(translate({compiler.process(element.clauses, **kw)}, '{_ACCENTED}', '{_PLAIN}'))"


@dataclass(frozen=True)
class Criteria:
    """Checked values (the service validates what a user typed and says what is wrong)."""

    q: str | None = None
    countries: frozenset[str] | None = None  # a country, or every country of a region
    theme: frozenset[str] | None = None  # a theme and the themes below it
    modality: str | None = None
    instrument: str | None = None
    role: str | None = None
    kind: str | None = None  # an actor kind: the actor's own, or a participant's / party's
    year_from: int | None = None
    year_to: int | None = None
    actors: frozenset[str] | None = None  # actor keys: an actor and its own bodies


def _year(column):
    """Dates are stored as the source states them ('YYYY', 'YYYY-MM' or 'YYYY-MM-DD'): the year leads."""
    return cast(func.substr(column, 1, 4), Integer)


def _in_period(year_column, c: Criteria):
    """The indicators' rule (analysis/indicators/scope.py): with a period, a record needs a year in it."""
    parts = []
    if c.year_from is not None:
        parts.append(year_column >= c.year_from)
    if c.year_to is not None:
        parts.append(year_column <= c.year_to)
    return and_(year_column.is_not(None), *parts)


def _like(column, q: str):
    escaped = fold_text(q).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return fold(column).like(f"%{escaped}%", escape="\\")


def _actor_ids(keys) -> Select:
    return select(t.actors.c.id).where(t.actors.c.key.in_(sorted(keys)))


def _themed(record_type: str, id_column, themes) -> exists:
    rt = t.record_themes
    return exists().where(rt.c.record_type == record_type, rt.c.record_id == id_column, rt.c.theme.in_(sorted(themes)))


def initiative_ids(c: Criteria) -> Select:
    i, p, a = t.initiatives, t.participations, t.actors
    query = select(i.c.id)
    if c.q:
        query = query.where(or_(_like(i.c.title, c.q), _like(func.coalesce(i.c.description, ""), c.q)))
    if c.modality:
        query = query.where(i.c.modality == c.modality)
    if c.instrument:
        query = query.where(i.c.instrument == c.instrument)
    if c.year_from is not None or c.year_to is not None:
        query = query.where(_in_period(_year(func.coalesce(i.c.start, i.c.end)), c))
    if c.theme:
        query = query.where(_themed("initiative", i.c.id, c.theme))
    if c.countries is not None:
        # With an actor, the country is a partner's: Medellín's records all involve Colombia.
        chosen = sorted(c.countries)
        partner = [p.c.actor_id.is_(None) | p.c.actor_id.not_in(_actor_ids(c.actors))] if c.actors is not None else []
        query = query.where(or_(
            exists().where(p.c.initiative_id == i.c.id, p.c.country.in_(chosen), *partner),
            exists().where(p.c.initiative_id == i.c.id, p.c.actor_id == a.c.id, a.c.country.in_(chosen), *partner),
            exists().where(t.initiative_countries.c.initiative_id == i.c.id, t.initiative_countries.c.country.in_(chosen))))
    # The role filter is about one participant: with an actor, that actor's own role. Read from the
    # participations (indexed by actor), not by testing every initiative.
    who = []
    if c.actors is not None:
        who.append(p.c.actor_id.in_(_actor_ids(c.actors)))
    if c.role:
        who.append(p.c.role == c.role)
    if who:
        query = query.where(i.c.id.in_(select(p.c.initiative_id).where(*who)))
    if c.kind:
        query = query.where(exists().where(p.c.initiative_id == i.c.id, p.c.actor_id == a.c.id, a.c.kind == c.kind))
    return query


def agreement_ids(c: Criteria) -> Select:
    g, ap, a = t.agreements, t.agreement_parties, t.actors
    query = select(g.c.id)
    if c.modality or c.instrument or c.role:
        return query.where(literal(False))  # agreements have no modality, instrument or roles
    if c.q:
        query = query.where(or_(_like(func.coalesce(g.c.area, ""), c.q), g.c.id.in_(
            select(ap.c.agreement_id).join(a, a.c.id == ap.c.actor_id).where(_like(a.c.name, c.q)))))
    if c.year_from is not None or c.year_to is not None:
        query = query.where(_in_period(_year(g.c.signed), c))
    if c.theme:
        query = query.where(_themed("agreement", g.c.id, c.theme))
    if c.countries is not None:
        partner = [ap.c.actor_id.not_in(_actor_ids(c.actors))] if c.actors is not None else []
        query = query.where(exists().where(ap.c.agreement_id == g.c.id, ap.c.actor_id == a.c.id,
                                           a.c.country.in_(sorted(c.countries)), *partner))
    if c.actors is not None:
        query = query.where(g.c.id.in_(select(ap.c.agreement_id).where(ap.c.actor_id.in_(_actor_ids(c.actors)))))
    if c.kind:
        query = query.where(exists().where(ap.c.agreement_id == g.c.id, ap.c.actor_id == a.c.id, a.c.kind == c.kind))
    return query


def actor_ids(c: Criteria) -> Select:
    a = t.actors
    query = select(a.c.id)
    if c.modality or c.instrument or c.role or c.year_from is not None or c.year_to is not None:
        # An actor matches through its initiatives: one it takes part in, in that modality, role, period.
        inner = Criteria(modality=c.modality, instrument=c.instrument, role=c.role, year_from=c.year_from,
                         year_to=c.year_to)
        query = query.where(a.c.id.in_(select(t.participations.c.actor_id).where(
            t.participations.c.initiative_id.in_(initiative_ids(inner)),
            *([t.participations.c.role == c.role] if c.role else []))))
    if c.q:
        query = query.where(or_(_like(a.c.name, c.q), a.c.key == c.q.lower(), a.c.id.in_(
            select(t.actor_names.c.actor_id).where(_like(t.actor_names.c.name, c.q)))))
    if c.countries is not None:
        query = query.where(a.c.country.in_(sorted(c.countries)))
    if c.kind:
        query = query.where(a.c.kind == c.kind)
    if c.theme:
        query = query.where(a.c.id.in_(select(t.participations.c.actor_id).where(
            t.participations.c.initiative_id.in_(initiative_ids(Criteria(theme=c.theme))))))
    if c.actors is not None:
        query = query.where(a.c.key.in_(sorted(c.actors)))
    return query


IDS = {"initiative": initiative_ids, "agreement": agreement_ids, "actor": actor_ids}
TABLES = {"initiative": t.initiatives, "agreement": t.agreements, "actor": t.actors}


def order_of(record_type: str):
    table = TABLES[record_type]
    if record_type == "initiative":
        return [table.c.start.desc().nulls_last(), table.c.key]
    if record_type == "agreement":
        return [table.c.signed.desc().nulls_last(), table.c.key]
    return [table.c.name, table.c.key]


def count(conn: Connection, ids: Select) -> int:
    return conn.execute(select(func.count()).select_from(ids.subquery())).scalar_one()


def settled(conn: Connection, record_type: str, ids: Select, most: int) -> tuple[Select, int]:
    """The matching ids read once: when there are at most `most`, later queries (facets, page) take them
    as a list instead of running the filters again each time; above that, the filters stay a subquery."""
    found = conn.execute(ids.limit(most + 1)).scalars().all()
    if len(found) > most:
        return ids, count(conn, ids)
    table = TABLES[record_type]
    return select(table.c.id).where(table.c.id.in_(found)), len(found)


def page_rows(conn: Connection, record_type: str, ids: Select, limit: int | None, offset: int = 0):
    table = TABLES[record_type]
    query = select(table).where(table.c.id.in_(ids)).order_by(*order_of(record_type)).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return conn.execute(query)


def facets(conn: Connection, record_type: str, ids: Select, c: Criteria | None = None,
           whole: bool = False) -> dict[str, list[tuple[str, int]]]:
    """For the records that match: how many have each value of each facet (most frequent first). With an
    actor, a facet means what its filter means: the actor's own role, its partners' countries and kinds."""
    chosen = ids.subquery()
    mine = _actor_ids(c.actors) if c is not None and c.actors is not None else None
    everything = whole  # the caller says `ids` is every record: group whole tables, not through a list of ids
    found: dict[str, list[tuple[str, int]]] = {}

    def among(column) -> list:
        return [] if everything else [column.in_(select(chosen.c.id))]

    def grouped(name: str, value, source, *where) -> None:
        query = (select(value, func.count(func.distinct(source))).where(*among(source), *where)
                 .group_by(value))
        rows = [(str(v), n) for v, n in conn.execute(query).all() if v is not None]
        found[name] = sorted(rows, key=(lambda pair: pair[0]) if name == "year" else (lambda pair: (-pair[1], pair[0])))

    rt = t.record_themes
    if record_type == "initiative":
        i, p, a = t.initiatives, t.participations, t.actors
        own = [p.c.actor_id.in_(mine)] if mine is not None else []
        others = [p.c.actor_id.is_(None) | p.c.actor_id.not_in(mine)] if mine is not None else []
        grouped("modality", i.c.modality, i.c.id)
        grouped("instrument", i.c.instrument, i.c.id)
        grouped("year", _year(func.coalesce(i.c.start, i.c.end)), i.c.id)
        grouped("role", p.c.role, p.c.initiative_id, *own)
        # Joins filtered inside, so only the matching records' rows are read.
        kinds = select(p.c.initiative_id.label("rid"), a.c.kind.label("kind")).join(a, a.c.id == p.c.actor_id) \
            .where(*among(p.c.initiative_id)).subquery()
        grouped("kind", kinds.c.kind, kinds.c.rid)
        countries = union(
            select(p.c.initiative_id.label("rid"), p.c.country.label("country"))
            .where(*among(p.c.initiative_id), p.c.country.is_not(None), *others),
            select(p.c.initiative_id, a.c.country).join(a, a.c.id == p.c.actor_id)
            .where(*among(p.c.initiative_id), a.c.country.is_not(None), *others),
            select(t.initiative_countries.c.initiative_id, t.initiative_countries.c.country)
            .where(*among(t.initiative_countries.c.initiative_id))).subquery()
        grouped("country", countries.c.country, countries.c.rid)
        grouped("theme", rt.c.theme, rt.c.record_id, rt.c.record_type == "initiative")
    elif record_type == "agreement":
        g, ap, a = t.agreements, t.agreement_parties, t.actors
        others = [ap.c.actor_id.not_in(mine)] if mine is not None else []
        grouped("year", _year(g.c.signed), g.c.id)
        grouped("agreement_kind", g.c.kind, g.c.id)
        parties = select(ap.c.agreement_id.label("rid"), a.c.kind.label("kind")).join(a, a.c.id == ap.c.actor_id) \
            .where(*among(ap.c.agreement_id)).subquery()
        grouped("kind", parties.c.kind, parties.c.rid)
        partners = select(ap.c.agreement_id.label("rid"), a.c.country.label("country")) \
            .join(a, a.c.id == ap.c.actor_id).where(*among(ap.c.agreement_id), *others).subquery()
        grouped("country", partners.c.country, partners.c.rid)
        grouped("theme", rt.c.theme, rt.c.record_id, rt.c.record_type == "agreement")
    else:
        a = t.actors
        grouped("kind", a.c.kind, a.c.id)
        grouped("country", a.c.country, a.c.id)
    return found


def actor_keys_named(conn: Connection, name: str) -> list[str]:
    """The keys of the actors called `name`, case and accents aside ('medellín' finds Medellín's key)."""
    a = t.actors
    return list(conn.execute(select(a.c.key).where(fold(a.c.name) == fold_text(name.strip()))).scalars())
