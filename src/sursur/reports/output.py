"""Writing a report file: the format from the file's name, written whole or not at all."""

from __future__ import annotations

from pathlib import Path

from ..domain.errors import N_, UserError
from ..interchange.output import check_target, output_file
from ..services.reports import ReportData

FORMATS = {".pdf": "pdf", ".html": "html", ".htm": "html"}


class ReportPathError(UserError):
    parameter = "out"


def report_format(path: str | Path) -> str:
    """'pdf' or 'html', from the file name; anything else is refused before anything is computed."""
    found = FORMATS.get(Path(path).suffix.lower())
    if found is None:
        raise ReportPathError(N_("the report is written as PDF or HTML: give a file name ending in .pdf or .html "
                                 "(e.g. {example}), not {path}"), example="informe.pdf", path=path)
    return found


def check_report_path(path: str | Path) -> str:
    """The format, with the folder checked too: what the command line asks before reading anything."""
    check_target(path)  # a folder given for a file is named as such, whatever its name
    return report_format(path)


def render(data: ReportData, lang: str, fmt: str) -> bytes:
    from .html import render_html

    html = render_html(data, lang)
    if fmt == "html":
        return html.encode("utf-8")
    from .pdf import render_pdf

    return render_pdf(html)


def write_report(data: ReportData, path: str | Path, lang: str) -> Path:
    """Renders first, then writes: a failure leaves no file, and an existing one as it was."""
    content = render(data, lang, report_format(path))
    with output_file(path) as partial:
        partial.write_bytes(content)
    return Path(path)
