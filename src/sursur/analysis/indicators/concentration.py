"""concentration: the Herfindahl–Hirschman index of an actor's relations over partners and over sectors.

HHI = Σ sᵢ², where sᵢ is the share of relations (initiatives and agreements) with partner i, or in
sector i; normalised HHI* = (HHI − 1/N) / (1 − 1/N) for N > 1 (and 1 for N = 1). The reading uses
the thresholds of the US merger guidelines (2010) on the 0–1 scale: below 0.15 diversified, 0.15 to
0.25 moderate, above 0.25 concentrated.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from ...domain.errors import N_
from .scope import Scope
from .table import Table

COLUMNS = ["over", "n", "hhi", "hhi_normalised", "reading"]
DIVERSIFIED, CONCENTRATED = 0.15, 0.25


def hhi(counts: list[int]) -> tuple[float | None, float | None]:
    total = sum(counts)
    if not total:
        return None, None
    raw = sum((c / total) ** 2 for c in counts)
    n = len(counts)
    return raw, 1.0 if n == 1 else (raw - 1 / n) / (1 - 1 / n)


def reading(raw: float | None) -> str | None:
    if raw is None:
        return None
    return "diversified" if raw < DIVERSIFIED else "moderate" if raw <= CONCENTRATED else "concentrated"


def concentration(scope: Scope) -> Table:
    table = Table("concentration", COLUMNS)
    initiatives, undated_i = scope.initiatives()
    agreements, undated_g = scope.agreements()
    partners, sectors = Counter(), Counter()
    behind: dict[tuple[str, str], set[str]] = defaultdict(set)
    relations = [(f"initiative:{i.key}", [p.actor or p.party for p in i.participants], i.themes)
                 for i in initiatives]
    relations += [(f"agreement:{g.key}", list(g.parties), g.themes) for g in agreements]
    for rid, parties, themes in relations:
        for party in {p for p in parties if p and not scope.mine(p)}:
            partners[party] += 1
            behind[("partners", party)].add(rid)
        for theme in set(themes):
            sectors[theme] += 1
            behind[("sectors", theme)].add(rid)
    for over, counts in (("partners", partners), ("sectors", sectors)):
        raw, normalised = hhi(list(counts.values()))
        records = [r for (o, _), rs in behind.items() if o == over for r in rs]
        table.add({"over": over, "n": len(counts), "hhi": _r(raw), "hhi_normalised": _r(normalised),
                   "reading": reading(raw)}, records)
    table.note(N_("HHI = sum of squared shares; reading: below 0.15 diversified, 0.15 to 0.25 moderate, above "
                  "0.25 concentrated (US merger guidelines, 2010)"))
    table.note_scope(undated_i, undated_g)
    return table


def _r(value):
    return None if value is None else round(value, 4)
