"""The theme taxonomy: Medellín lines, SEGIB sectors, DAC codes and SDGs, with a crosswalk between them.

The lists ship as CSV files in data/themes (see SOURCES.md there for where each comes from). They are
read once, checked, and kept: `taxonomy()` is what the rest of sursur uses.
"""

from __future__ import annotations

import csv
import difflib
import io
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from ..domain.errors import DomainError, N_
from ..domain.theme import LANGUAGES, Theme, ThemeScheme, parse_theme_id

_LABELS = tuple(f"label_{lang}" for lang in LANGUAGES)
SEGIB_GROUP_PREFIX = "group."


class ThemeDataError(ValueError):
    """The shipped theme data is broken; the message names the file and line to fix."""

    def __init__(self, file: str, line: int, problem: str):
        self.file, self.line, self.problem = file, line, problem
        super().__init__(f"{file}, line {line}: {problem}")


class UnknownTheme(DomainError):
    """A well-formed theme id that names no theme of the taxonomy."""

    def __init__(self, theme_id: str, suggestions: list[str]):
        self.theme_id = theme_id
        self.suggestions = suggestions
        if suggestions:
            super().__init__(N_("unknown theme '{theme_id}'; did you mean: {suggestions}?"),
                             theme_id=theme_id, suggestions=", ".join(suggestions))
        else:
            super().__init__(N_("unknown theme '{theme_id}'"), theme_id=theme_id)


@dataclass(frozen=True)
class _Row:
    file: str
    line: int
    values: dict[str, str]

    def fail(self, problem: str) -> ThemeDataError:
        return ThemeDataError(self.file, self.line, problem)


def _read(folder, name: str, columns: tuple[str, ...]) -> list[_Row]:
    text = folder.joinpath(name).read_text(encoding="utf-8")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None or sorted(header) != sorted(columns):
        raise ThemeDataError(name, 1, f"the header must have the columns {', '.join(columns)}; "
                                      f"it has {', '.join(header or []) or 'nothing'}")
    rows = []
    for fields in reader:
        line = reader.line_num
        if not fields or not any(f.strip() for f in fields):
            continue
        if len(fields) != len(header):
            raise ThemeDataError(name, line, f"expected {len(header)} fields, found {len(fields)}")
        values = {col: value.strip() for col, value in zip(header, fields)}
        for col in ("code", *_LABELS):
            if col in values and not values[col]:
                raise ThemeDataError(name, line, f"the column '{col}' is empty")
        rows.append(_Row(name, line, values))
    return rows


def _labels(row: _Row) -> dict[str, str]:
    return {lang: row.values[f"label_{lang}"] for lang in LANGUAGES}


class Taxonomy:
    """All themes of all schemes, their parents, and the crosswalk links between them."""

    def __init__(self, themes: list[Theme], links: list[tuple[str, str]]):
        self._themes: dict[str, Theme] = {}
        for theme in themes:
            if theme.id in self._themes:
                raise ValueError(f"theme {theme.id} is given twice")
            self._themes[theme.id] = theme
        self._links: dict[str, list[str]] = {theme_id: [] for theme_id in self._themes}
        for a, b in links:
            # Lookup goes both ways: a Medellín line finds its SDGs, and an SDG finds the lines under it.
            self._links[a].append(b)
            self._links[b].append(a)

    def all(self) -> list[Theme]:
        return list(self._themes.values())

    def in_scheme(self, scheme: ThemeScheme | str) -> list[Theme]:
        scheme = ThemeScheme(scheme)
        return [t for t in self._themes.values() if t.scheme is scheme]

    def exists(self, theme_id: str) -> bool:
        """True when `get` would find the theme; never raises."""
        try:
            self.get(theme_id)
        except ValueError:
            return False
        return True

    def get(self, theme_id: str) -> Theme:
        """The theme with this id; ValueError if the id is malformed, UnknownTheme if no theme has it."""
        if isinstance(theme_id, str) and theme_id in self._themes:
            return self._themes[theme_id]
        scheme, code = parse_theme_id(theme_id)
        normalised = f"{scheme.value}:{code}"
        if normalised in self._themes:
            return self._themes[normalised]
        raise UnknownTheme(theme_id, self._suggest(scheme, code))

    def label(self, theme_id: str, lang: str = "es") -> str:
        return self.get(theme_id).label(lang)

    def crosswalk(self, theme_id: str) -> list[Theme]:
        """Themes directly linked to this one, in either direction (not the links of the links)."""
        return [self._themes[other] for other in self._links[self.get(theme_id).id]]

    def children(self, theme_id: str) -> list[Theme]:
        parent = self.get(theme_id).id
        return [t for t in self._themes.values() if t.parent == parent]

    def below(self, theme_id: str) -> list[str]:
        """The theme's id and those of every theme under it, at any depth (a filter on a sector keeps
        the records filed under its sub-sectors)."""
        found, frontier = [], [self.get(theme_id).id]
        while frontier:
            current = frontier.pop()
            found.append(current)
            frontier.extend(t.id for t in self._themes.values() if t.parent == current)
        return found

    def _suggest(self, scheme: ThemeScheme, code: str) -> list[str]:
        """Close ids: by code within the scheme first, then by label (people type "segib:salud")."""
        in_scheme = self.in_scheme(scheme)
        if code.isdigit():
            # Numeric codes are hierarchical, so a shared prefix says more than string similarity.
            def rank(t: Theme):
                prefix = len(os.path.commonprefix([t.code, code]))
                return -prefix, abs(int(t.code) - int(code)) if t.code.isdigit() else 0
            found = [t.id for t in sorted(in_scheme, key=rank)
                     if len(os.path.commonprefix([t.code, code])) >= min(2, len(code))][:3]
            return found or [t.id for t in self._themes.values() if t.code == code]
        by_code = {t.code.lower(): t.id for t in in_scheme}
        found = [by_code[c] for c in difflib.get_close_matches(code.lower(), list(by_code), n=3, cutoff=0.6)]
        by_label = {t.labels[lang].lower(): t.id for t in in_scheme for lang in LANGUAGES}
        for label in difflib.get_close_matches(code.lower().replace("_", " "), list(by_label), n=3, cutoff=0.7):
            if by_label[label] not in found:
                found.append(by_label[label])
        if not found:
            # The code may belong to another scheme, e.g. "segib:11220" for "dac:11220".
            found = [t.id for t in self._themes.values() if t.code == code]
        return found[:5]


def load_taxonomy(folder) -> Taxonomy:
    """Read and check the CSV files of a themes folder (a path or an importlib Traversable)."""
    if isinstance(folder, (str, os.PathLike)):
        folder = Path(folder)
    themes: list[tuple[_Row, Theme]] = []

    def add(row: _Row, scheme: ThemeScheme, code: str, parent: str | None = None):
        try:
            themes.append((row, Theme(scheme, code, _labels(row), parent)))
        except ValueError as err:
            raise row.fail(str(err)) from None

    label_cols = ("code", *_LABELS)
    for row in _read(folder, "medellin_lines.csv", label_cols):
        add(row, ThemeScheme.MEDELLIN, row.values["code"])
    for row in _read(folder, "segib_groups.csv", label_cols):
        add(row, ThemeScheme.SEGIB, SEGIB_GROUP_PREFIX + row.values["code"])
    for row in _read(folder, "segib_sectors.csv", ("code", "group", *_LABELS)):
        if row.values["code"].startswith(SEGIB_GROUP_PREFIX):
            raise row.fail(f"a sector code cannot start with '{SEGIB_GROUP_PREFIX}', which marks groups")
        add(row, ThemeScheme.SEGIB, row.values["code"], f"segib:{SEGIB_GROUP_PREFIX}{row.values['group']}")
    for row in _read(folder, "sdg_goals.csv", label_cols):
        add(row, ThemeScheme.SDG, row.values["code"])
    for row in _read(folder, "dac3_sectors.csv", label_cols):
        add(row, ThemeScheme.DAC3, row.values["code"])
    for row in _read(folder, "dac_purpose_codes.csv", ("code", "parent", *_LABELS)):
        add(row, ThemeScheme.DAC, row.values["code"], f"dac3:{row.values['parent']}")

    seen: dict[str, _Row] = {}
    for row, theme in themes:
        if theme.id in seen:
            first = seen[theme.id]
            raise row.fail(f"duplicate code: {theme.id} is already defined in {first.file}, line {first.line}")
        seen[theme.id] = row
    for row, theme in themes:
        if theme.parent is not None and theme.parent not in seen:
            raise row.fail(f"the parent {theme.parent} of {theme.id} does not exist")

    links: list[tuple[str, str]] = []
    linked: dict[frozenset, _Row] = {}
    for row in _read(folder, "crosswalk.csv", ("from", "to")):
        ends = (row.values["from"], row.values["to"])
        for end in ends:
            if not end:
                raise row.fail("both 'from' and 'to' are needed")
            if end not in seen:
                raise row.fail(f"the crosswalk names {end}, which is not a theme")
        if ends[0] == ends[1]:
            raise row.fail(f"{ends[0]} is linked to itself")
        key = frozenset(ends)
        if key in linked:
            raise row.fail(f"the link {ends[0]} - {ends[1]} is already given on line {linked[key].line}")
        linked[key] = row
        links.append(ends)
    return Taxonomy([theme for _, theme in themes], links)


@lru_cache(maxsize=1)
def taxonomy() -> Taxonomy:
    """The shipped taxonomy, read on first use and kept for the life of the process."""
    return load_taxonomy(files("sursur.reference") / "data" / "themes")
