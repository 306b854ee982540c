"""Printing the report's HTML to an A4 PDF with WeasyPrint (pages, page numbers, table of contents with
page numbers, drawings as vector graphics, fonts from the system: DejaVu, Debian's fonts-dejavu-core).

WeasyPrint needs the system's Pango library. Where it is missing, PDF is refused with what to install;
the HTML report needs nothing.
"""

from __future__ import annotations

from ..domain.errors import N_, UserError

PANGO_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core"


class PdfUnavailable(UserError):
    parameter = "out"

    def __init__(self, reason: str):
        super().__init__(N_("cannot make a PDF on this machine: WeasyPrint needs the Pango library ({reason}). "
                            "Install it with: apt-get install {packages}; meanwhile the report can be made as "
                            "HTML, which needs nothing more"), reason=reason, packages=PANGO_PACKAGES)


def weasyprint():
    try:
        import weasyprint as found
    except OSError as missing:  # the Python package is there, the C library it loads is not
        raise PdfUnavailable(str(missing).splitlines()[0]) from None
    return found


def render_pdf(html: str) -> bytes:
    """The PDF of a self-contained HTML document (nothing is fetched: no base URL, no network)."""
    found = weasyprint()
    document = found.HTML(string=html, base_url=None, url_fetcher=_refuse)
    return document.write_pdf()


def _refuse(url: str, *args, **kwargs):
    """The report holds everything it shows; a reference to anything outside it is not followed."""
    raise ValueError(f"sursur reports fetch nothing: {url[:80]}")


def pdf_available() -> bool:
    """Whether this machine can print PDF (the pages offer HTML only when not)."""
    try:
        weasyprint()
    except PdfUnavailable:
        return False
    return True
