"""What is wrong with an input file, said precisely: file, row or line, column or element, value, reason.

Every reader in interchange/ reports through these, so the CLI and the web show the same messages in
the user's language, and a failed import can list all its problems at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..domain.errors import N_, UserError


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one place. `reason` is an N_ msgid formatted with `params`."""

    file: str
    reason: str
    params: dict = field(default_factory=dict, hash=False)
    row: int | None = None  # 1-based, counting the header as row 1 (as a spreadsheet shows it)
    line: int | None = None  # for text formats (XML): the line in the file
    column: str | None = None  # a column name, or an XML element/attribute path
    value: str | None = None

    def render(self, gettext) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(gettext("row {row}").format(row=self.row))
        if self.line is not None:
            where.append(gettext("line {line}").format(line=self.line))
        if self.column:
            where.append(gettext("column {column}").format(column=self.column))
        text = gettext(self.reason).format(**self.params)
        shown = f" ({gettext('value')}: {self.value!r})" if self.value not in (None, "") else ""
        return f"{', '.join(where)}: {text}{shown}"


class ImportRefused(UserError):
    """A file that cannot be imported as it is; nothing was written. Carries every problem found."""

    def __init__(self, problems: list[Problem], msgid: str = N_("{count} problem(s) found; nothing was imported"),
                 **params):
        self.problems = problems
        super().__init__(msgid, count=len(problems), **params)

    def render(self, gettext) -> str:
        lines = [super().render(gettext)]
        lines += [f"  - {p.render(gettext)}" for p in self.problems[:50]]
        if len(self.problems) > 50:
            lines.append("  " + gettext("… and {more} more").format(more=len(self.problems) - 50))
        return "\n".join(lines)


def refuse(file: str, reason: str, **params) -> ImportRefused:
    """A whole-file problem (not a table, empty, wrong encoding...): one problem, nothing imported."""
    return ImportRefused([Problem(file, reason, params)], N_("{file} cannot be imported"), file=file)
