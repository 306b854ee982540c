"""Domain records as plain JSON-ready data (the CLI's --json and the API share it)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from enum import Enum

from ..domain import Citation, PartialDate


def plain(value):
    """Dataclasses, enums, decimals and partial dates → dicts, strings and numbers. None stays None."""
    if isinstance(value, Citation):
        return {"source": value.source, "locator": value.locator}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if isinstance(value, PartialDate):
            return str(value)
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def indicator_json(table, gettext, **scope) -> dict:
    """An indicator's table as the CLI's --json and the API give it: every row with its records."""
    return {"indicator": table.name, **scope, "columns": table.columns,
            "rows": [{**plain(row), "records": recs} for row, recs in zip(table.rows, table.records)],
            "notes": [n.render(gettext) for n in table.notes]}


def ranking_json(ranking, lang: str = "es") -> dict:
    """A matching ranking as the CLI's --json and the API give it: the engine, the weights, what the model
    read (and whether it was cut), who asked, and each answer with its score and explanation."""
    from ..reference.themes import taxonomy  # noqa: PLC0415

    tax = taxonomy()

    def theme(theme_id: str) -> dict:
        return {"id": theme_id, "label": tax.label(theme_id, lang) if tax.exists(theme_id) else theme_id}

    asker = ranking.asker
    return {
        "engine": ranking.engine,
        "weights": ranking.weights.shown(),
        "query": {"text": ranking.query.text, "cut": ranking.query.cut, "tokens": ranking.query.tokens},
        "asker": {"key": asker.key, "name": asker.name, "country": asker.country, "region": asker.region,
                  "subregion": asker.subregion, "income": asker.income, "population": asker.population,
                  "languages": list(asker.languages)},
        "considered": ranking.considered,
        "results": [{"rank": n, "key": m.key, "title": m.label, "actor": m.actor, "actor_name": m.actor_name,
                     "score": round(m.score, 4), "components": m.components, "context": m.context,
                     "words": m.words, "themes": [{"asked": theme(a), "matched": theme(b)} for a, b in m.themes],
                     "ties": m.ties, "via": m.via}
                    for n, m in enumerate(ranking.matches, 1)],
    }
