"""The matching engine: rank practices for a demand, or actors for a practice, and explain every rank.

Everything here works on an `Index` held in memory (built by services/matching.py from the database and its
stored vectors); nothing reads the database. A score is the weighted mean of three components known for the
pair (weights.py): text relevance (text.py), themes, and context (context.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from ...reference.themes import taxonomy
from .context import COMPONENTS as CONTEXT_COMPONENTS, Profile, ProfileTable
from .text import E5Engine, Prepared, TfidfEngine, shared_words
from .weights import Weights


@lru_cache(maxsize=1)
def _blas():
    from threadpoolctl import ThreadpoolController  # noqa: PLC0415

    return ThreadpoolController()


def one_blas_thread():
    """Products of the index on one BLAS thread. OpenBLAS's threads keep spinning after a product, and on a
    small machine they starve the embedding model's own threads: a query took 105 ms instead of 24 ms."""
    return _blas().limit(limits=1, user_api="blas")


@dataclass(frozen=True)
class Entry:
    """A practice (or a demand) as the index knows it."""

    key: str
    actor: str  # owner of a practice, actor of a demand
    title: str
    text: str  # the text the engine reads (title, summary, description, problem, results)
    themes: tuple[str, ...] = ()
    lang: str | None = None
    cut: bool = False


@lru_cache(maxsize=4096)
def expand(theme_id: str) -> frozenset[str]:
    """A theme and those it stands beside: its crosswalk links (a Medellín line ↔ SEGIB sector ↔ SDG) and its
    parents (a DAC 5-digit code → its 3-digit sector), so 'segib:gender' meets 'sdg:5'."""
    tax = taxonomy()
    try:
        theme = tax.get(theme_id)
    except (KeyError, ValueError):
        return frozenset({theme_id})
    found = {theme.id, *(t.id for t in tax.crosswalk(theme.id))}
    parent = theme.parent
    while parent:
        found.add(parent)
        parent = tax.get(parent).parent
    return frozenset(found)


def themes_meet(a: str, b: str) -> bool:
    """The same theme, or one linked directly to the other (crosswalk or parent): one step, never through a
    shared neighbour (sdg:2 and sdg:4 both link to a Medellín line, yet they are different subjects)."""
    return b in expand(a) or a in expand(b)


@dataclass
class Match:
    """One ranked answer: a practice (for a demand) or an actor (for a practice), with its explanation."""

    key: str
    label: str
    actor: str
    score: float
    components: dict[str, float | None]  # text, themes, context
    context: dict[str, float | None]  # region … ties
    words: list[str] = field(default_factory=list)
    themes: list[tuple[str, str]] = field(default_factory=list)  # (asked theme, matching theme)
    ties: list[str] = field(default_factory=list)
    via: str | None = None  # for an actor: the key of its demand that the practice answers best
    actor_name: str = ""


@dataclass
class Ranking:
    engine: str
    weights: Weights
    query: Prepared
    asker: Profile
    matches: list[Match]
    considered: int


# The context is compared only where at least this share of its weight rests on known facts: ties alone (all
# that is known of an actor without a country) do not make two places alike.
CONTEXT_MIN_KNOWN = 0.5


def _weighted(parts: dict[str, np.ndarray], weights: dict[str, float], n: int, *, known_only: bool = True,
              min_known: float = 0.0) -> np.ndarray:
    """Σ w·x over the parts known (not NaN) for each row, divided by Σ w over those parts (`known_only`: the
    context's parts, where a fact nobody stated must not count against a pair) or over all the parts (the
    score: a pair known on fewer grounds ranks below one as good on more; the unknown part stays unknown in
    the explanation, it is not turned into 0). NaN where no part is known."""
    total, weight, every = np.zeros(n), np.zeros(n), 0.0
    for name, values in parts.items():
        w = weights.get(name, 0.0)
        if not w:
            continue
        every += w
        known = ~np.isnan(values)
        total[known] += w * values[known]
        weight[known] += w
    if min_known and every:
        weight = np.where(weight >= min_known * every, weight, 0.0)
    if not known_only:
        weight = np.where(weight > 0, every, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(weight > 0, total / np.where(weight > 0, weight, 1), np.nan)


def _top(score: np.ndarray, allowed: np.ndarray, top: int) -> list[int]:
    ranked = np.where(allowed & ~np.isnan(score), score, -np.inf)
    count = int(np.count_nonzero(ranked > -np.inf))
    if not count:
        return []
    top = min(top, count)
    best = np.argpartition(-ranked, top - 1)[:top] if top < len(ranked) else np.arange(len(ranked))
    return [int(i) for i in sorted(best, key=lambda i: (-ranked[i], i)) if ranked[i] > -np.inf][:top]


class ThemeIndex:
    """Which rows have a theme that meets a given one, found through an inverted list per theme id."""

    def __init__(self, themes: list[tuple[str, ...]]):
        self.themes = themes
        own: dict[str, list[int]] = {}  # theme → rows that have it
        near: dict[str, list[int]] = {}  # theme → rows with a theme linked directly to it
        for row, ids in enumerate(themes):
            for theme in set(ids):
                own.setdefault(theme, []).append(row)
            for theme in {e for t in ids for e in expand(t)}:
                near.setdefault(theme, []).append(row)
        self._own = {theme: np.array(rows, dtype=np.int64) for theme, rows in own.items()}
        self._near = {theme: np.array(rows, dtype=np.int64) for theme, rows in near.items()}
        self.has = np.array([bool(ids) for ids in themes])

    def coverage(self, asked: tuple[str, ...]) -> np.ndarray:
        """The share of the asked themes that each row meets; NaN for rows without themes, or when none asked."""
        n = len(self.themes)
        if not asked:
            return np.full(n, np.nan)
        counts = np.zeros(n)
        for theme in dict.fromkeys(asked):
            # rows with a theme that meets it (themes_meet): the theme, one it links to, or one linking to it
            hits = [self._own[e] for e in expand(theme) if e in self._own]
            if theme in self._near:
                hits.append(self._near[theme])
            if hits:
                counts[np.unique(np.concatenate(hits))] += 1
        out = counts / len(set(asked))
        out[~self.has] = np.nan
        return out


class TextIndex:
    """Text vectors of a collection, and the relevance of a query to each."""

    def __init__(self, engine: E5Engine | TfidfEngine, entries: list[Entry], vectors: np.ndarray | None):
        self.engine = engine
        self.n = len(entries)
        if isinstance(engine, TfidfEngine):
            weighted = engine.fit([e.text for e in entries])
            postings: dict[int, tuple[list[int], list[float]]] = {}
            for row, terms in enumerate(weighted):
                for term, value in terms.items():
                    rows, values = postings.setdefault(term, ([], []))
                    rows.append(row)
                    values.append(value)
            self._postings = {t: (np.array(r, dtype=np.int64), np.array(v)) for t, (r, v) in postings.items()}
            self.vectors = None
        else:
            self.vectors = vectors if vectors is not None else np.zeros((0, engine.dim), dtype=np.float32)

    def cosines(self, query: str) -> np.ndarray:
        if self.vectors is not None:
            if not self.n:
                return np.zeros(0)
            vector = self.engine.query(query)
            with one_blas_thread():
                return self.vectors @ vector
        out = np.zeros(self.n)
        for term, weight in self.engine.query_terms(query).items():
            if term in self._postings:
                rows, values = self._postings[term]
                out[rows] += weight * values
        return out

    def relevance(self, query: str) -> np.ndarray:
        return self.engine.relevance(self.cosines(query)).astype(np.float64)


class Index:
    """The practices, the demands and the actors' profiles, ready to be ranked."""

    def __init__(self, engine: E5Engine | TfidfEngine, practices: list[Entry], practice_vectors: np.ndarray | None,
                 profiles: list[Profile], demands: list[Entry] = (), demand_vectors: np.ndarray | None = None,
                 actor_themes: dict[str, tuple[str, ...]] | None = None, candidates: set[str] | None = None):
        self.engine = engine
        self.practices = practices
        self.by_key = {p.key: i for i, p in enumerate(practices)}
        self.text = TextIndex(engine, practices, practice_vectors)
        self.themes = ThemeIndex([p.themes for p in practices])
        self.actors = ProfileTable(profiles)
        self.owner_rows = np.array([self.actors.row.get(p.actor, -1) for p in practices], dtype=np.int64)
        self.demands = list(demands)
        self.demand_vectors = demand_vectors
        # what each actor is known to work on: the themes of its demands, initiatives and agreements
        self.actor_theme_index = ThemeIndex([tuple((actor_themes or {}).get(p.key, ())) for p in profiles])
        self.candidates = np.array([candidates is None or p.key in candidates for p in profiles], dtype=bool)

    # --- a demand → practices ----------------------------------------------------------------------------

    def rank_practices(self, query: Prepared, asker: Profile, themes: tuple[str, ...] = (), top: int = 10,
                       weights: Weights | None = None) -> Ranking:
        weights = weights or Weights()
        n = len(self.practices)
        text = self.text.relevance(query.text) if n else np.zeros(0)
        theme = self.themes.coverage(tuple(themes))
        by_actor = self.actors.compare(asker)
        context_parts = {}
        for name in CONTEXT_COMPONENTS:
            values = np.full(n, np.nan)
            known = self.owner_rows >= 0
            values[known] = by_actor[name][self.owner_rows[known]]
            context_parts[name] = values
        context = _weighted(context_parts, weights.context, n, min_known=CONTEXT_MIN_KNOWN)
        score = _weighted({"text": text, "themes": theme, "context": context}, weights.top, n, known_only=False)
        allowed = self.owner_rows != self.actors.row.get(asker.key, -2)
        matches = []
        for row in _top(score, allowed, top):
            p = self.practices[row]
            matches.append(Match(
                key=p.key, label=p.title, actor=p.actor, score=float(score[row]),
                components={"text": _value(text[row]), "themes": _value(theme[row]), "context": _value(context[row])},
                context={name: _value(context_parts[name][row]) for name in CONTEXT_COMPONENTS},
                words=shared_words(query.text, p.text),
                themes=[(a, b) for a in dict.fromkeys(themes) for b in p.themes if themes_meet(a, b)],
                ties=[p.actor] if p.actor in asker.ties else [], actor_name=self._name(p.actor)))
        return Ranking(self.engine.name, weights, query, asker, matches, int(np.count_nonzero(allowed)))

    # --- a practice → actors -----------------------------------------------------------------------------

    def rank_actors(self, practice_key: str, top: int = 10, weights: Weights | None = None,
                    owner: Profile | None = None) -> Ranking:
        """`owner`: the practice's owner with its ties (the index does not hold ties); else read from the index."""
        weights = weights or Weights()
        practice = self.practices[self.by_key[practice_key]]
        owner_row = self.actors.row.get(practice.actor)
        if owner is None:
            owner = self.actors.profiles[owner_row] if owner_row is not None else Profile(practice.actor,
                                                                                          practice.actor)
        m = len(self.actors.profiles)
        # text: how well the practice answers the actor's best-matching stated demand (unknown without one)
        text, via = np.full(m, np.nan), [None] * m
        if self.demands:
            if self.demand_vectors is not None:
                row = self.by_key[practice_key]
                with one_blas_thread():
                    cos = self.demand_vectors @ self.text.vectors[row]
                relevance = self.engine.relevance(cos)
            else:
                relevance = TextIndex(self.engine, self.demands, None).relevance(practice.text)
            for i, d in enumerate(self.demands):
                r = self.actors.row.get(d.actor)
                if r is not None and (np.isnan(text[r]) or relevance[i] > text[r]):
                    text[r], via[r] = float(relevance[i]), d.key
        theme = self.actor_theme_index.coverage(practice.themes)
        context_parts = self.actors.compare(owner)
        context = _weighted(context_parts, weights.context, m, min_known=CONTEXT_MIN_KNOWN)
        score = _weighted({"text": text, "themes": theme, "context": context}, weights.top, m, known_only=False)
        allowed = self.candidates.copy()
        if owner_row is not None:
            allowed[owner_row] = False
        matches = []
        for row in _top(score, allowed, top):
            p = self.actors.profiles[row]
            actor_themes = self.actor_theme_index.themes[row]
            matches.append(Match(
                key=p.key, label=p.name, actor=p.key, score=float(score[row]),
                components={"text": _value(text[row]), "themes": _value(theme[row]), "context": _value(context[row])},
                context={name: _value(context_parts[name][row]) for name in CONTEXT_COMPONENTS},
                words=shared_words(practice.text, self.demands[self._demand_row(via[row])].text) if via[row] else [],
                themes=[(a, b) for a in practice.themes for b in dict.fromkeys(actor_themes) if themes_meet(a, b)],
                ties=[owner.key] if p.key in owner.ties else [], via=via[row], actor_name=p.name))
        return Ranking(self.engine.name, weights, Prepared(practice.text, practice.cut), owner, matches,
                       int(np.count_nonzero(allowed)))

    def _name(self, actor: str) -> str:
        row = self.actors.row.get(actor)
        return self.actors.profiles[row].name if row is not None else actor

    def _demand_row(self, key: str) -> int:
        return next(i for i, d in enumerate(self.demands) if d.key == key)


def _value(x) -> float | None:
    return None if x is None or np.isnan(x) else round(float(x), 4)
