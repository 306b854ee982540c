"""Spreadsheet tables (CSV, XLSX): templates, reading rows into records, writing safely."""

from .columns import KINDS, Column
from .files import Table, read_table, safe_cell, write_table
from .rows import Known, Parsed, read_rows

__all__ = ["KINDS", "Column", "Known", "Parsed", "Table", "read_rows", "read_table", "safe_cell", "write_table"]
