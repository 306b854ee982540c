"""Loading a built-in case into a store: one transaction, matched by key, so a reload changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import insert

from ..interchange.cases import read_case
from ..store import SaveReport, Store
from ..store import tables as t
from .themes import check_themes


@dataclass
class CaseLoad:
    case: str
    version: int
    report: SaveReport
    skipped_not_empty: bool = False


def load_case(store: Store, name: str, *, if_empty: bool = False) -> CaseLoad:
    case = read_case(name)
    check_themes(case.dataset)
    with store.transaction() as repo:
        if if_empty and not repo.is_empty():
            return CaseLoad(case.name, case.version, SaveReport(), skipped_not_empty=True)
        report = repo.save(case.dataset)
        if report.changed:
            repo.conn.execute(insert(t.case_loads).values(
                case=case.name, version=case.version, changed=report.changed,
                loaded_at=datetime.now(timezone.utc).isoformat(timespec="seconds")))
    return CaseLoad(case.name, case.version, report)
