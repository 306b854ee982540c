"""What every indicator returns: a tidy table, and for each row the records behind it."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...domain.errors import N_


@dataclass(frozen=True)
class Note:
    """Something a reader of the table must know (amounts not converted, undated records left out…)."""

    msgid: str
    params: dict = field(default_factory=dict, hash=False)

    def render(self, gettext) -> str:
        return gettext(self.msgid).format(**self.params)


@dataclass
class Table:
    """Rows of named values (columns in order), each with the ids of the records it counts.

    A record id is 'initiative:KEY', 'agreement:KEY', 'flow:KEY#N' (the Nth flow of initiative KEY),
    'membership:ACTOR@NETWORK' or 'network:KEY#YEAR' (a member count a source states). None in a cell is
    unknown, never 0.
    """

    name: str
    columns: list[str]
    rows: list[dict] = field(default_factory=list)
    records: list[list[str]] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    def add(self, row: dict, records: list[str]) -> None:
        self.rows.append({c: row.get(c) for c in self.columns})
        self.records.append(sorted(set(records)))

    def note(self, msgid: str, **params) -> None:
        self.notes.append(Note(msgid, params))

    def note_scope(self, undated_initiatives: int, undated_agreements: int | None = None,
                   empty: bool = False) -> None:
        """The notes every indicator over a period owes its reader: how many records had no year (and so
        are outside the period asked for), and that nothing was in scope. Agreements None: the indicator
        reads initiatives only."""
        if undated_agreements is None:
            if undated_initiatives:
                self.note(N_("{count} initiatives have no year and are outside the period asked for"),
                          count=undated_initiatives)
            if empty:
                self.note(N_("no initiatives in this scope"))
            return
        if undated_initiatives or undated_agreements:
            self.note(N_("{initiatives} initiatives and {agreements} agreements have no year and are outside the "
                         "period asked for"), initiatives=undated_initiatives, agreements=undated_agreements)
        if empty:
            self.note(N_("no initiatives or agreements in this scope"))
