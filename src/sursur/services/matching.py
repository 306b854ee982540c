"""Peer matching as a use case: build and keep the index, rank practices for a demand and actors for a practice.

The vectors are computed once and stored (table match_vectors, with the hash of the text they came from), so
`reindex` recomputes only what changed and a restart re-embeds nothing. The index held in memory is rebuilt
when the database's data revision changes (any write). See docs/MATCHING.md.
"""

from __future__ import annotations

import difflib
import threading
from dataclasses import dataclass
from typing import Callable

import numpy as np

from ..analysis.matching import Entry, Index, Prepared, Profile, Ranking, Weights, engine as text_engine, profile, words
from ..analysis.matching.text import CALIBRATION, TfidfEngine, calibration_statements, guess_language, text_hash
from ..domain.actor import ActorKind
from ..domain.errors import N_, DomainError, UserError
from ..reference.places import place_by_id
from ..reference.text import fold
from ..reference.themes import taxonomy
from ..store import Store
from ..store import matching as sm
from .practices import PracticeNotFound
from .records import ActorNotFound, closest_names

AUTO_EMBED = 300  # a search embeds up to this many new texts itself; more need `sursur match reindex`
BATCH = 32
MIN_WORDS = 2  # content words (not 'the', 'de', 'para'...): one word says too little to rank by


class MatchError(UserError):
    parameter = "demand"


class DemandTooShort(MatchError):
    def __init__(self, text: str):
        super().__init__(N_("the demand '{text}' is too short to match: describe the need in a sentence or more "
                            "(what problem, for whom, what has been tried)"), text=text.strip())


class UnknownMatchActor(ActorNotFound, MatchError):
    """The records' 'no such actor' (its message, the closest names), named as a matching parameter."""


class UnknownPractice(PracticeNotFound, MatchError):
    """The practice bank's 'no such practice' (its message, its 404), named as a matching parameter."""

    parameter = "practice"


class IndexNotBuilt(MatchError):
    parameter = "index"

    def __init__(self, missing: int):
        super().__init__(N_("{count} texts have no vector yet; build the index with: sursur match reindex"),
                         count=missing)


def practice_text(row: dict) -> str:
    """What the engine reads of a practice: its title, summary, description, problem and results."""
    parts = [row.get(k) for k in ("title", "summary", "description", "problem", "results")]
    return ". ".join(p.strip().rstrip(".") for p in parts if p and p.strip()) + "."


@dataclass
class ReindexReport:
    engine: str
    practices: int
    demands: int
    embedded: int
    unchanged: int
    removed: int
    cut: int


def _texts(conn) -> dict[str, list[tuple[str, str]]]:
    """kind → [(key, text as the engine reads it)] for practices and demands."""
    return {"practice": [(r["key"], practice_text(r)) for r in sm.practice_rows(conn)],
            "demand": [(r["key"], r["need"]) for r in sm.demand_rows(conn)]}


def reindex(store: Store, progress: Callable[[int, int], None] | None = None, *, prefer: str = "auto",
            batch: int = BATCH) -> ReindexReport:
    """Embeds every practice and demand whose text changed since it was last embedded (or that is new), removes
    the vectors of records that are gone. Each batch is committed, so an interrupted run keeps its work."""
    engine = text_engine(prefer)
    with store.reading() as repo:
        texts = _texts(repo.conn)
    counts = {"practice": len(texts["practice"]), "demand": len(texts["demand"])}
    if isinstance(engine, TfidfEngine):  # its vectors depend on the whole collection: computed when loaded
        return ReindexReport(engine.name, counts["practice"], counts["demand"], 0, 0, 0, 0)
    todo, unchanged, removed = [], 0, 0
    with store.transaction(records=False) as repo:
        removed += sm.remove_other_engines(repo.conn, engine.name)
        for kind, items in texts.items():
            stored = sm.stored_hashes(repo.conn, kind, engine.name)
            keys = {k for k, _ in items}
            gone = [k for k in stored if k not in keys]
            sm.remove_vectors(repo.conn, kind, engine.name, gone)
            removed += len(gone)
            for key, text in items:
                if stored.get(key) == text_hash(text):
                    unchanged += 1
                else:
                    todo.append((kind, key, text, key in stored))
    cut = _embed(store, engine, todo, progress, batch)
    _calibration(store, engine)
    return ReindexReport(engine.name, counts["practice"], counts["demand"], len(todo), unchanged, removed, cut)


def _embed(store: Store, engine, todo: list[tuple[str, str, str, bool]], progress, batch: int) -> int:
    cut = 0
    if progress:
        progress(0, len(todo))
    for start in range(0, len(todo), batch):
        chunk = todo[start:start + batch]
        rows: dict[str, list] = {"practice": [], "demand": []}
        known: dict[str, set] = {"practice": set(), "demand": set()}
        for kind in ("practice", "demand"):
            mine = [c for c in chunk if c[0] == kind]
            if not mine:
                continue
            prepared = [engine.prepare(text, is_query=kind == "demand") for _, _, text, _ in mine]
            vectors = (engine.passages([p.text for p in prepared]) if kind == "practice"
                       else np.stack([engine.query_raw(p.text) for p in prepared]))
            for (_, key, text, exists), p, vector in zip(mine, prepared, vectors):
                rows[kind].append((key, text_hash(text), p.cut, np.asarray(vector, dtype=np.float32).tobytes()))
                if exists:
                    known[kind].add(key)
                cut += p.cut
        with store.transaction(records=False) as repo:
            for kind in rows:
                sm.save_vectors(repo.conn, kind, engine.name, rows[kind], known[kind])
        if progress:
            progress(min(start + batch, len(todo)), len(todo))
    return cut


# --- the index in memory ------------------------------------------------------------------------------------

_CACHE: dict[tuple[str, str], tuple[int, Index]] = {}
_LOCK = threading.Lock()


def _population(row: dict) -> float | None:
    if row["population"] is not None:
        return float(row["population"])
    place = place_by_id(row["place"]) if row["place"] else None
    return float(place.population) if place and place.population else None


def load_index(store: Store, prefer: str = "auto") -> Index:
    """The index for the database as it is now: from memory if nothing was written since, else rebuilt from the
    stored vectors. Up to AUTO_EMBED new or changed texts are embedded (and stored) on the way."""
    engine = text_engine(prefer)
    cache_key = (str(store.url), engine.name)
    with _LOCK:
        revision = store.data_revision()
        cached = _CACHE.get(cache_key)
        if cached and cached[0] == revision:
            return cached[1]
        index = _build(store, engine)
        _CACHE[cache_key] = (store.data_revision(), index)
        return index


def _build(store: Store, engine) -> Index:
    with store.reading() as repo:
        practices, demands = sm.practice_rows(repo.conn), sm.demand_rows(repo.conn)
        actors, themes = sm.actor_rows(repo.conn), sm.actor_themes(repo.conn)
    practice_entries = [Entry(r["key"], r["owner"], r["title"], practice_text(r), tuple(r["themes"]),
                              r["summary_lang"] or r["description_lang"]) for r in practices]
    demand_entries = [Entry(r["key"], r["actor"], r["need"][:80], r["need"], tuple(r["themes"]), r["need_lang"])
                      for r in demands]
    practice_vectors = demand_vectors = None
    cuts: dict[str, bool] = {}
    if not isinstance(engine, TfidfEngine):
        engine.calibrate(_calibration(store, engine))
        practice_vectors, cuts = _vectors(store, engine, "practice", practice_entries)
        demand_vectors, _ = _vectors(store, engine, "demand", demand_entries)
        practice_vectors = engine.center(practice_vectors, [e.lang or guess_language(e.text) for e in practice_entries],
                                         "passage")
        demand_vectors = engine.center(demand_vectors, [e.lang or guess_language(e.text) for e in demand_entries],
                                       "query")
    practice_entries = [Entry(e.key, e.actor, e.title, e.text, e.themes, e.lang, cuts.get(e.key, False))
                        for e in practice_entries]
    profiles = [profile(r["key"], r["name"], r["country"], _population(r)) for r in actors]
    candidates = {r["key"] for r in actors if _subnational(r["kind"])}
    return Index(engine, practice_entries, practice_vectors, profiles, demand_entries, demand_vectors,
                 {k: tuple(v) for k, v in themes.items()}, candidates)


def _calibration(store: Store, engine) -> dict[str, dict[str, np.ndarray]]:
    """The engine's per-language means over the parallel calibration set: stored in the database (kind
    'calibration') with the hash of the set's file, computed (a few seconds) when missing or when the set
    changed."""
    digest, statements = calibration_statements()
    shipped = shipped_calibration(engine.name, digest)
    if shipped is not None:
        return shipped
    with store.reading() as repo:
        stored = sm.stored_vectors(repo.conn, "calibration", engine.name)
    wanted = [f"{side}:{lang}" for side in ("query", "passage") for lang in ("es", "en", "pt")]
    if all(stored.get(k, ("",))[0] == digest for k in wanted):
        means: dict[str, dict[str, np.ndarray]] = {"query": {}, "passage": {}}
        for key in wanted:
            side, lang = key.split(":")
            means[side][lang] = np.frombuffer(stored[key][2], dtype=np.float32)
        return means
    means = engine.calibration_vectors(statements)
    rows = [(f"{side}:{lang}", digest, False, np.asarray(v, dtype=np.float32).tobytes())
            for side, found in means.items() for lang, v in found.items()]
    with store.transaction(records=False) as repo:
        sm.save_vectors(repo.conn, "calibration", engine.name, rows, set(stored))
    return means


SHIPPED = CALIBRATION.with_name("calibration-means.npz")


def shipped_calibration(engine_name: str, digest: str) -> dict[str, dict[str, np.ndarray]] | None:
    """The calibration means shipped with sursur (reference/data/matching/calibration-means.npz), if they
    were computed by this engine from this calibration set; else None (they are then computed and stored)."""
    if not SHIPPED.exists():
        return None
    with np.load(SHIPPED) as found:
        if str(found["engine"]) != engine_name or str(found["digest"]) != digest:
            return None
        return {side: {lang: found[f"{side}_{lang}"].astype(np.float32) for lang in ("es", "en", "pt")}
                for side in ("query", "passage")}


def write_shipped_calibration(path=SHIPPED) -> None:
    """Computes the calibration means with the e5 engine and writes them where `shipped_calibration` reads them
    (run after changing calibration.yaml or the model: tests/test_matching_service.py checks they agree)."""
    engine = text_engine()
    digest, statements = calibration_statements()
    means = engine.calibration_vectors(statements)
    np.savez(path, engine=np.array(engine.name), digest=np.array(digest),
             **{f"{side}_{lang}": v for side, found in means.items() for lang, v in found.items()})


def _subnational(kind: str) -> bool:
    try:
        return ActorKind(kind).subnational_government
    except ValueError:
        return False


def _vectors(store: Store, engine, kind: str, entries: list[Entry]) -> tuple[np.ndarray, dict[str, bool]]:
    with store.reading() as repo:
        stored = sm.stored_vectors(repo.conn, kind, engine.name)
    missing = [(kind, e.key, e.text, e.key in stored) for e in entries
               if e.key not in stored or stored[e.key][0] != text_hash(e.text)]
    if len(missing) > AUTO_EMBED:
        raise IndexNotBuilt(len(missing))
    if missing:
        _embed(store, engine, missing, None, BATCH)
        with store.reading() as repo:
            stored = sm.stored_vectors(repo.conn, kind, engine.name)
    matrix = np.empty((len(entries), engine.dim), dtype=np.float32)
    for i, e in enumerate(entries):
        matrix[i] = np.frombuffer(stored[e.key][2], dtype=np.float32)
    return matrix, {e.key: stored[e.key][1] for e in entries}


# --- asking ---------------------------------------------------------------------------------------------------

def find_actor(index: Index, name: str) -> Profile:
    """An actor by key or name (accents and case ignored); an unknown one is refused with the closest names."""
    table = index.actors
    row = table.row.get(name.strip(), table.by_name.get(fold(name)))
    if row is not None:
        return table.profiles[row]
    raise UnknownMatchActor(name, closest_names({p.key: p.name for p in table.profiles}, name))


def _with_ties(store: Store, who: Profile) -> Profile:
    with store.reading() as repo:
        tied = frozenset(sm.ties(repo.conn, who.key))
    return Profile(who.key, who.name, who.country, who.region, who.subregion, who.income, who.population,
                   who.languages, tied)


def check_demand(text: str) -> None:
    """An empty or one-word demand is refused, asking for more."""
    if len(words(text or "")) < MIN_WORDS:
        raise DemandTooShort(text or "")


def check_themes(themes) -> tuple[str, ...]:
    """Each id checked against the taxonomy and written as it writes it; the first unknown one is refused,
    naming the parameter `themes`."""
    found = []
    for theme in themes:
        try:
            found.append(taxonomy().get(theme).id)
        except DomainError as unknown:
            unknown.parameter = "themes"
            raise
    return tuple(found)


def match_demand(store: Store, text: str, actor: str, *, themes: tuple[str, ...] = (), top: int = 10,
                 weights: Weights | None = None, prefer: str = "auto") -> Ranking:
    """The practices that best answer `text`, stated by `actor` (a key or a name)."""
    check_demand(text)
    themes = check_themes(themes)
    index = load_index(store, prefer)
    asker = _with_ties(store, find_actor(index, actor))
    query = index.engine.prepare(text, is_query=True)
    return index.rank_practices(query, asker, themes, top, weights)


def match_practice(store: Store, key: str, *, top: int = 10, weights: Weights | None = None,
                   prefer: str = "auto") -> Ranking:
    """The actors most likely to adopt practice `key`."""
    index = load_index(store, prefer)
    if key not in index.by_key:
        raise UnknownPractice(key, difflib.get_close_matches(key, list(index.by_key), n=3, cutoff=0.5))
    practice = index.practices[index.by_key[key]]
    owner_row = index.actors.row.get(practice.actor)
    owner = _with_ties(store, index.actors.profiles[owner_row]) if owner_row is not None else None
    return index.rank_actors(key, top, weights, owner)


__all__ = ["DemandTooShort", "IndexNotBuilt", "MatchError", "Prepared", "ReindexReport", "UnknownMatchActor",
           "UnknownPractice", "check_demand", "check_themes", "find_actor", "load_index", "match_demand", "match_practice", "practice_text",
           "reindex"]
