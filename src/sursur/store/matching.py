"""What the matching index reads from the database, in a few lean queries, and its stored vectors."""

from __future__ import annotations

from sqlalchemy import and_, delete, insert, select, update

from . import tables as t


def _themes(conn, record_type: str) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    rows = conn.execute(select(t.record_themes.c.record_id, t.record_themes.c.theme)
                        .where(t.record_themes.c.record_type == record_type)
                        .order_by(t.record_themes.c.record_id, t.record_themes.c.position))
    for record_id, theme in rows:
        found.setdefault(record_id, []).append(theme)
    return found


def practice_rows(conn) -> list[dict]:
    """Every published practice: key, owner key, title, the texts the engine reads, language, themes."""
    p, a = t.practices, t.actors
    themes = _themes(conn, "practice")
    rows = conn.execute(select(p.c.id, p.c.key, a.c.key.label("owner"), p.c.title, p.c.summary, p.c.summary_lang,
                               p.c.description, p.c.description_lang, p.c.problem, p.c.results)
                        .join(a, a.c.id == p.c.owner_id).order_by(p.c.key))
    return [dict(r._mapping, themes=themes.get(r.id, [])) for r in rows]


def demand_rows(conn) -> list[dict]:
    d, a = t.demands, t.actors
    themes = _themes(conn, "demand")
    rows = conn.execute(select(d.c.id, d.c.key, a.c.key.label("actor"), d.c.need, d.c.need_lang)
                        .join(a, a.c.id == d.c.actor_id).order_by(d.c.key))
    return [dict(r._mapping, themes=themes.get(r.id, [])) for r in rows]


def actor_rows(conn) -> list[dict]:
    """Every actor with what its context needs: country, kind, resolved place, stated population."""
    a, m = t.actors, t.actor_measures
    population = (select(m.c.actor_id, m.c.value).where(m.c.name == "population")).subquery()
    rows = conn.execute(select(a.c.key, a.c.name, a.c.kind, a.c.country, a.c.place,
                               population.c.value.label("population"))
                        .outerjoin(population, population.c.actor_id == a.c.id).order_by(a.c.key))
    return [dict(r._mapping) for r in rows]


def actor_themes(conn) -> dict[str, list[str]]:
    """Actor key → the themes of the initiatives and agreements it takes part in and of the demands it states."""
    a, rt = t.actors, t.record_themes
    found: dict[str, list[str]] = {}
    queries = (
        select(a.c.key, rt.c.theme).join(t.participations, t.participations.c.actor_id == a.c.id)
        .join(rt, and_(rt.c.record_type == "initiative", rt.c.record_id == t.participations.c.initiative_id)),
        select(a.c.key, rt.c.theme).join(t.agreement_parties, t.agreement_parties.c.actor_id == a.c.id)
        .join(rt, and_(rt.c.record_type == "agreement", rt.c.record_id == t.agreement_parties.c.agreement_id)),
        select(a.c.key, rt.c.theme).join(t.demands, t.demands.c.actor_id == a.c.id)
        .join(rt, and_(rt.c.record_type == "demand", rt.c.record_id == t.demands.c.id)),
    )
    for query in queries:
        for key, theme in conn.execute(query.distinct()):
            found.setdefault(key, []).append(theme)
    return {k: list(dict.fromkeys(v)) for k, v in found.items()}


def ties(conn, actor: str) -> set[str]:
    """The actors that share an agreement, an initiative or a network with `actor`."""
    a = t.actors
    me = select(a.c.id).where(a.c.key == actor).scalar_subquery()
    found: set[str] = set()
    for table, parent in ((t.agreement_parties, "agreement_id"), (t.participations, "initiative_id"),
                          (t.memberships, "network_id")):
        mine = select(table.c[parent]).where(table.c.actor_id == me)
        query = (select(a.c.key).join(table, table.c.actor_id == a.c.id)
                 .where(table.c[parent].in_(mine), a.c.key != actor).distinct())
        found.update(conn.execute(query).scalars())
    return found


def stored_vectors(conn, kind: str, engine: str) -> dict[str, tuple[str, bool, bytes]]:
    v = t.match_vectors
    rows = conn.execute(select(v.c.key, v.c.text_hash, v.c.cut, v.c.vector)
                        .where(v.c.kind == kind, v.c.engine == engine))
    return {key: (text_hash, bool(cut), bytes(vector)) for key, text_hash, cut, vector in rows}


def stored_hashes(conn, kind: str, engine: str) -> dict[str, str]:
    v = t.match_vectors
    return dict(conn.execute(select(v.c.key, v.c.text_hash).where(v.c.kind == kind, v.c.engine == engine)).all())


def save_vectors(conn, kind: str, engine: str, rows: list[tuple[str, str, bool, bytes]], known: set[str]) -> None:
    """Writes (key, text hash, cut, vector) rows: updates the keys in `known`, inserts the others."""
    v = t.match_vectors
    new = [dict(kind=kind, key=k, engine=engine, text_hash=h, cut=c, vector=b) for k, h, c, b in rows if k not in known]
    if new:
        conn.execute(insert(v), new)
    for key, text_hash, cut, vector in (r for r in rows if r[0] in known):
        conn.execute(update(v).where(v.c.kind == kind, v.c.key == key, v.c.engine == engine)
                     .values(text_hash=text_hash, cut=cut, vector=vector))


def remove_vectors(conn, kind: str, engine: str, keys: list[str]) -> None:
    v = t.match_vectors
    for start in range(0, len(keys), 500):
        conn.execute(delete(v).where(v.c.kind == kind, v.c.engine == engine, v.c.key.in_(keys[start:start + 500])))


def remove_other_engines(conn, engine: str) -> int:
    """Drops the vectors another engine computed (the model changed); returns how many."""
    v = t.match_vectors
    return conn.execute(delete(v).where(v.c.engine != engine)).rowcount or 0
