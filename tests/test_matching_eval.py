"""The matching engine's evaluation: recall@5 and MRR on tests/data/matching_eval.yaml, through the whole
pipeline (records saved in a database, `reindex`, `match_demand`), printed overall, for same-language and for
cross-language pairs (run with -s to see the figures). Targets (issue 8): recall@5 ≥ 0.9, MRR ≥ 0.75, and
the cross-language figures no more than 0.1 below the same-language ones."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from sursur.domain import Actor, Citation, Dataset, Practice, Source, Text
from sursur.domain.actor import Measure
from sursur.services import matching
from sursur.store import Store

DATA = Path(__file__).parent / "data"
# matching_eval.yaml was written first and the engine's settings (the relevance band, the calibration, the
# weights) were chosen while looking at its figures; matching_holdout.yaml was written afterwards, by someone
# who never ran the engine on it, and nothing was tuned on it.
SETS = ["matching_eval.yaml", "matching_holdout.yaml"]
SOURCE = "sursur-eval"


def _dataset(raw: dict) -> Dataset:
    cite = [Citation(SOURCE, None)]
    actors = [Actor(key=a["key"], name=a["name"], kind=a["kind"], country=a["country"],
                    population=Measure(Decimal(a["population"])) if a.get("population") else None, sources=cite)
              for a in raw["actors"]]
    practices = [Practice(key=p["key"], owner=p["owner"], title=p["title"],
                          summary=Text(p["summary"]["text"], p["summary"]["lang"]), themes=list(p.get("themes") or []),
                          sources=[Citation(SOURCE, p["source"][:200])]) for p in raw["practices"]]
    return Dataset(sources=[Source(SOURCE, "sursur matching evaluation set")], actors=actors, practices=practices)


@pytest.fixture(scope="module", params=SETS)
def evaluation(request, tmp_path_factory):
    raw = yaml.safe_load((DATA / request.param).read_text(encoding="utf-8"))
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('eval') / 'eval.db'}", create=True)
    with store.transaction() as repo:
        repo.save(_dataset(raw))
    report = matching.reindex(store)
    assert report.embedded == len(raw["practices"])
    raw["file"] = request.param
    lang = {p["key"]: p["summary"]["lang"] for p in raw["practices"]}
    ranks = {}
    for d in raw["demands"]:
        ranking = matching.match_demand(store, d["text"], d["actor"], themes=tuple(d.get("themes") or ()),
                                        top=len(raw["practices"]))
        order = [m.key for m in ranking.matches]
        found = [order.index(k) + 1 for k in d["relevant"] if k in order]
        ranks[d["key"]] = (min(found) if found else None, lang[d["relevant"][0]] != d["lang"], ranking)
    yield raw, ranks
    store.close()


def _figures(ranks: dict, which) -> tuple[int, float, float]:
    chosen = [rank for key, (rank, cross, _) in ranks.items() if which(cross)]
    recall = sum(1 for r in chosen if r is not None and r <= 5) / len(chosen)
    mrr = sum(1 / r for r in chosen if r) / len(chosen)
    return len(chosen), recall, mrr


def test_the_set_is_what_the_issue_asks_for(evaluation):
    raw, ranks = evaluation
    assert len(raw["demands"]) >= 40
    cross = sum(1 for _, c, _ in ranks.values() if c)
    assert cross >= len(raw["demands"]) / 3
    if raw["file"] == "matching_eval.yaml":
        assert any(d.get("case") == "article" for d in raw["demands"])


def test_recall_and_mrr_meet_the_targets(evaluation):
    raw, ranks = evaluation
    overall = _figures(ranks, lambda c: True)
    for name, which in (("overall", lambda c: True), ("same language", lambda c: not c),
                        ("cross-language", lambda c: c)):
        n, recall, mrr = _figures(ranks, which)
        print(f"\nmatching evaluation ({raw['file']}), {name}: {n} demands, recall@5 = {recall:.3f}, MRR = {mrr:.3f}")
    missed = {k: r for k, (r, _, _) in ranks.items() if r is None or r > 5}
    print(f"demands whose relevant practice is not in the top 5: {missed}")
    assert overall[1] >= 0.9 and overall[2] >= 0.75, (overall, missed)


@pytest.mark.xfail(strict=True, reason="not met yet: on both sets cross-language MRR is more than 0.1 below the "
                                        "same-language MRR (docs/MATCHING.md, Evaluation)")
def test_cross_language_is_no_more_than_a_tenth_below_same_language(evaluation):
    _, ranks = evaluation
    same = _figures(ranks, lambda c: not c)
    cross = _figures(ranks, lambda c: c)
    assert cross[1] >= same[1] - 0.1 and cross[2] >= same[2] - 0.1, (same, cross)


def test_the_article_case_curitiba_before_turin_for_san_salvador(evaluation):
    raw, ranks = evaluation
    if not any(d.get("case") == "article" for d in raw["demands"]):
        return  # only the first set holds the article's case (it is checked there, and on the built-in case)
    article = next(d for d in raw["demands"] if d.get("case") == "article")
    order = [m.key for m in ranks[article["key"]][2].matches]
    curitiba = next(p["key"] for p in raw["practices"] if p["owner"] == "curitiba" and p["key"] in article["relevant"])
    turin = [p["key"] for p in raw["practices"] if p["owner"] == "turin"]
    assert turin, "the set has a Turin practice"
    assert all(order.index(curitiba) < order.index(t) for t in turin), order[:10]
