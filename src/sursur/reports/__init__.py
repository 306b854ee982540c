"""The printable cooperation report: one actor's cooperation in a period, as HTML or PDF, es/en/pt.

`services.reports.build_report` reads and computes (with the indicators the pages and the API use);
`html.render_html` lays it out; `pdf.render_pdf` prints that HTML to A4 with WeasyPrint; `write_report`
picks the format from the file name and writes it whole or not at all. See docs/REPORT.md.
"""

from .html import render_html
from .output import ReportPathError, report_format, write_report
from .pdf import PdfUnavailable, pdf_available, render_pdf

__all__ = ["PdfUnavailable", "ReportPathError", "pdf_available", "render_html", "render_pdf", "report_format",
           "write_report"]
