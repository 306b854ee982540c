"""Reading and writing spreadsheet files safely: CSV (UTF-8, comma or semicolon) and XLSX.

Reading refuses what it cannot read honestly — an empty file, a file that is not what its extension
says, a CSV that is not UTF-8, an XLSX that would unpack to an absurd size, a formula where a value
should be — each with its own message. Writing neutralises every cell a spreadsheet would run as a
formula.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ...domain.errors import N_
from ..output import output_file
from ..problems import refuse

MAX_FILE_BYTES = 100 * 2**20  # a spreadsheet of cooperation records is far smaller; anything bigger is refused
MAX_XLSX_UNPACKED = 400 * 2**20  # the sum of an XLSX's unpacked parts: a zip bomb stops here
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Table:
    file: str
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (row number as a spreadsheet shows it, cells)


def read_table(path: Path) -> Table:
    name = path.name
    if not path.exists():
        raise refuse(name, N_("the file does not exist"))
    if path.is_dir():
        raise refuse(name, N_("this is a folder, not a file"))
    size = path.stat().st_size
    if size == 0:
        raise refuse(name, N_("the file is empty (0 bytes)"))
    if size > MAX_FILE_BYTES:
        raise refuse(name, N_("the file is {size} MB; the limit is {limit} MB. Split it into smaller files"),
                     size=size // 2**20, limit=MAX_FILE_BYTES // 2**20)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _read_xlsx(path)
    if suffix in (".csv", ".tsv", ".txt"):
        return _read_csv(path)
    raise refuse(name, N_("'{suffix}' files are not read; use .csv (UTF-8) or .xlsx"), suffix=suffix or "—")


def _read_csv(path: Path) -> Table:
    raw = path.read_bytes()
    if raw.startswith(b"PK\x03\x04"):
        raise refuse(path.name, N_("this is a zip or XLSX file with a .csv name; rename it .xlsx or save it as CSV"))
    if b"\x00" in raw[:4096]:
        raise refuse(path.name, N_("this is a binary file, not a CSV text file"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise refuse(path.name, N_("the file is not UTF-8 (byte {byte} on line {line}, e.g. a Latin-1 or "
                                   "Windows accent). In Excel or LibreOffice, save it as 'CSV UTF-8'"),
                     byte=f"0x{raw[error.start]:02X}", line=line) from None
    sample = text[:8192]
    delimiter = "\t" if path.suffix.lower() == ".tsv" else _delimiter(sample)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        lines = [(reader.line_num, row) for row in reader]
    except csv.Error as error:
        raise refuse(path.name, N_("the CSV is malformed near line {line}: {reason}"), line=reader.line_num,
                     reason=str(error)) from None
    return _table(path.name, [(n, row) for n, row in lines])


def _delimiter(sample: str) -> str:
    """Comma, or semicolon (what Spanish and Portuguese spreadsheets write), whichever the header uses."""
    first = sample.splitlines()[0] if sample else ""
    return ";" if first.count(";") > first.count(",") else ","


def _read_xlsx(path: Path) -> Table:
    if not zipfile.is_zipfile(path):
        raise refuse(path.name, N_("this is not an XLSX file (it is not a zip container); if it is a CSV, "
                                   "rename it .csv"))
    with zipfile.ZipFile(path) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_XLSX_UNPACKED:
            raise refuse(path.name, N_("the XLSX would unpack to {size} MB; the limit is {limit} MB"),
                         size=unpacked // 2**20, limit=MAX_XLSX_UNPACKED // 2**20)
        if "xl/workbook.xml" not in archive.namelist():
            raise refuse(path.name, N_("this zip file is not an XLSX workbook"))
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise refuse(path.name, N_("the XLSX cannot be read: {reason}"), reason=str(error).splitlines()[0]) from None
    try:
        sheet = book.worksheets[0]
        lines = []
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            lines.append((number, ["" if v is None else _cell_text(v) for v in row]))
    finally:
        book.close()
    return _table(path.name, lines)


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        text = value.isoformat()
        return text[:10] if text.endswith("T00:00:00") or len(text) >= 10 else text
    return str(value)


def _table(name: str, lines: list[tuple[int, list[str]]]) -> Table:
    lines = [(n, [c.strip() for c in row]) for n, row in lines]
    lines = [(n, row) for n, row in lines if any(row)]
    if not lines:
        raise refuse(name, N_("the file has no rows: not even a header"))
    header_number, header = lines[0]
    if not any(header):
        raise refuse(name, N_("the first row (the header) is empty"))
    return Table(name, header, lines[1:])


# --- writing -------------------------------------------------------------------------------------------

def safe_cell(value) -> str:
    """A value as text a spreadsheet will show, never run: '=HYPERLINK(…)' becomes "'=HYPERLINK(…)"."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def write_table(path: Path, header: list[str], rows: list[list], notes: list[list[str]] | None = None,
                notes_title: str = "") -> None:
    """CSV (UTF-8 with BOM, so Excel reads the accents) or XLSX by the extension; every cell neutralised."""
    suffix = Path(path).suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise refuse(Path(path).name, N_("'{suffix}' files are not written; use .csv or .xlsx"),
                     suffix=suffix or "—")
    with output_file(path) as partial:
        if suffix == ".csv":
            with partial.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow([safe_cell(h) for h in header])
                writer.writerows([[safe_cell(c) for c in row] for row in rows])
        else:
            _write_xlsx(partial, header, rows, notes, notes_title)


def _write_xlsx(path: Path, header: list[str], rows: list[list], notes: list[list[str]] | None,
                notes_title: str) -> None:
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "data"
    sheet.append([safe_cell(h) for h in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([safe_cell(c) for c in row])
    if notes:
        info = book.create_sheet(notes_title[:31] or "notes")
        for row in notes:
            info.append([safe_cell(c) for c in row])
        for cell in info[1]:
            cell.font = Font(bold=True)
    book.save(path)
