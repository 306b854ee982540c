"""Importing IATI activity files: streamed, written in batches inside one transaction.

All or nothing by default: one invalid activity or unreadable file, and nothing is written. With
`skip_invalid`, every valid activity is written whole and the invalid ones are reported; never half an
activity. Initiatives are matched by their key (from the iati-identifier), so a re-import updates them in
place, and importing the same files twice changes nothing.
"""

from __future__ import annotations

import dataclasses
import gc
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..domain import Actor, Dataset, Initiative, Source, SourceKind
from ..domain.errors import N_
from ..interchange.iati import ActivityMapper, IatiFile, activity_key, source_key
from ..interchange.iati.extension import LOCAL_REF
from ..interchange.iati.mapping import FoundActor
from ..interchange.problems import ImportRefused, Problem
from ..store import Repository, SaveReport, Store

Progress = Callable[[str, int, int, int], None]  # (file, activities read, bytes read, bytes in the file)
BATCH = 250


@dataclass
class FileReport:
    file: str
    activities: int = 0  # read
    imported: int = 0
    refused: int = 0
    actors: int = 0  # distinct actors named by its imported activities
    flows: int = 0
    problems: list[Problem] = field(default_factory=list)  # what refused an activity or the file
    warnings: list[Problem] = field(default_factory=list)  # details left out of imported activities
    unreadable: bool = False  # the file itself was refused (empty, not XML, a DTD, malformed…)


@dataclass
class IatiReport:
    files: list[FileReport] = field(default_factory=list)
    saved: SaveReport = field(default_factory=SaveReport)
    written: bool = False

    @property
    def problems(self) -> list[Problem]:
        return [p for f in self.files for p in f.problems]

    @property
    def warnings(self) -> list[Problem]:
        return [p for f in self.files for p in f.warnings]

    def total(self, name: str) -> int:
        return sum(getattr(f, name) for f in self.files)


def _merge_counts(into: SaveReport, other: SaveReport) -> None:
    for bucket in ("created", "updated", "unchanged"):
        target = getattr(into, bucket)
        for kind, n in getattr(other, bucket).items():
            target[kind] = target.get(kind, 0) + n


class _Import:
    def __init__(self, repo: Repository, report: IatiReport, skip_invalid: bool, sources: set[str],
                 batch: int):
        self.repo, self.report, self.skip_invalid, self.batch = repo, report, skip_invalid, batch
        self.imported_sources = sources  # their old citations on stored actors are replaced
        self.actors: dict[str, Actor] = {}  # every actor this import names, as it will be written
        self.cited: set[tuple[str, str]] = set()  # (actor, source) for each citation in self.actors
        self.typed: dict[str, bool] = {}
        self.dirty: set[str] = set()  # actors that may differ from their version in the database
        self.last: dict[str, Actor | None] = {}  # each actor's version in the database (None: not there yet)
        self.new_sources: list[Source] = []
        self.pending: dict[str, Initiative] = {}
        self.seen: dict[str, tuple[str, str, int]] = {}  # key → (iati-identifier, file, line)
        self.failed = False
        self.stored_actors = repo.actor_keys()  # read once: most actors of a first import are new
        self.known_refs = repo.actor_refs()
        # key → iati-identifier of every stored initiative (None: not from IATI), and back
        self.stored = repo.initiative_identifiers()
        self.by_identifier = {ident: key for key, ident in self.stored.items() if ident}
        self.writer = repo.bulk_writer()

    # --- actors -------------------------------------------------------------------------------------

    def _first_sight(self, found: FoundActor) -> tuple[Actor, Actor | None]:
        """(the actor as this import will write it, the stored one if any)."""
        stored = self.repo.actor(found.actor.key) if found.actor.key in self.stored_actors else None
        if stored is None:
            self.typed[found.actor.key] = found.typed
            return found.actor, None
        # A stored actor keeps its name, kind and country (a person may have corrected them, e.g. a
        # type-11 "Local Government" that is a state): the import only renews its citations of these files.
        self.typed[stored.key] = True
        kept = [c for c in stored.sources if c.source not in self.imported_sources]
        return dataclasses.replace(stored, sources=kept + found.actor.sources), stored

    def _merge(self, found: FoundActor) -> None:
        key, new = found.actor.key, found.actor
        current = self.actors.get(key)
        if current is None:
            merged, self.last[key] = self._first_sight(found)
            self.actors[key] = merged
            self.cited.update((key, c.source) for c in merged.sources)
            self.dirty.add(key)
            return
        changes = {}
        if found.typed and not self.typed[key]:
            changes["kind"], self.typed[key] = new.kind, True
        if current.country is None and new.country:
            changes["country"] = new.country
        if (key, new.sources[0].source) not in self.cited:
            changes["sources"] = current.sources + new.sources
            self.cited.add((key, new.sources[0].source))
        if changes:
            self.actors[key] = dataclasses.replace(current, **changes)
            self.dirty.add(key)

    # --- writing ------------------------------------------------------------------------------------

    def flush(self, final: bool = False) -> None:
        """Writes the pending initiatives with the actors they need. An actor already in the database is
        written once, at the end, and only if it changed: so a re-import changes nothing."""
        if self.failed and not self.skip_invalid:
            self.pending.clear()  # the import will be refused: spare the writes
            return
        due = sorted(k for k in self.dirty if final or self.last[k] is None)
        actors = [self.actors[k] for k in due if self.actors[k] != self.last[k]]
        if not (self.pending or self.new_sources or actors):
            return
        data = Dataset(sources=self.new_sources, actors=actors, initiatives=self._kept(list(self.pending.values())))
        _merge_counts(self.report.saved, self.writer.save(data))
        self.report.written = True
        for key in due:
            self.last[key] = self.actors[key]
        self.dirty.difference_update(due)
        self.new_sources = []
        self.pending.clear()

    def _kept(self, initiatives: list[Initiative]) -> list[Initiative]:
        """A re-imported initiative keeps what IATI does not carry (figures, cooperation types, the source's
        own class, the agreement it implements) and its citations of other sources."""
        stored = {i.key: i for i in self.repo.initiatives_by_key([i.key for i in initiatives if i.key in self.stored])}
        if not stored:
            return initiatives
        kept = []
        for new in initiatives:
            old = stored.get(new.key)
            if old is not None:
                others = [c for c in old.sources if c.source not in self.imported_sources]
                new = dataclasses.replace(new, figures=old.figures, cooperation_types=old.cooperation_types,
                                          stated_class=old.stated_class, agreement=old.agreement,
                                          sources=others + new.sources)
            kept.append(new)
        return kept

    # --- keys ---------------------------------------------------------------------------------------

    def _key(self, act) -> str | None:
        """The key to write the activity under, or None (and `_clash`) when that would overwrite a record
        that did not come from this activity: one typed in, taken from an article, or another activity's."""
        known = self.by_identifier.get(act.identifier)
        if known:
            return known  # imported from this activity before, under whatever key it was given
        key = activity_key(act.identifier, act.own_key)
        clash = key if key in self.stored else self._exported_native(act.identifier)
        if clash is not None:
            self._clash = clash
            return None
        return key

    def _exported_native(self, identifier: str) -> str | None:
        """The stored record a sursur-made identifier (XX-SURSUR-<reporter>-<key>) stands for, even when
        the file lost sursur's attributes on the way."""
        if not identifier.startswith(LOCAL_REF):
            return None
        rest = identifier[len(LOCAL_REF):]
        for at in range(len(rest)):
            if rest[at] == "-" and rest[:at] in self.stored_actors and rest[at + 1:] in self.stored:
                return rest[at + 1:]
        return None

    # --- reading ------------------------------------------------------------------------------------

    def file(self, path: Path, progress: Progress | None) -> None:
        name = path.name
        report = FileReport(name)
        self.report.files.append(report)
        source = Source(key=source_key(name), title=name, kind=SourceKind.DATASET, file=name)
        mapper = ActivityMapper(name, source.key, self.known_refs)
        reader = IatiFile(path, name)
        named: set[str] = set()
        try:
            for read in reader:
                report.activities += 1
                self._activity(read, report, mapper, named, source)
                if progress and report.activities % 100 == 0:
                    progress(name, report.activities, reader.bytes_read, reader.size)
        except ImportRefused as refused:
            report.problems += refused.problems
            report.unreadable = True
            self.failed = True
        report.actors = len(named)
        if progress:
            progress(name, report.activities, reader.size, reader.size)

    def _activity(self, read, report: FileReport, mapper: ActivityMapper, named: set[str], source: Source) -> None:
        if read.errors:
            report.refused += 1
            report.problems += read.errors
            self.failed = True
            return
        act = read.activity
        key = self._key(act)
        if key is None:
            report.refused += 1
            report.problems.append(Problem(report.file, N_(
                "activity {identifier}: the initiative '{key}' is already in sursur and was not imported from "
                "this IATI activity; it is not overwritten. Import the file into another database, or remove "
                "the initiative first"), {"identifier": act.identifier, "key": self._clash}, line=read.line))
            self.failed = True
            return
        prior = self.seen.get(key)
        if prior and prior[0] != act.identifier:
            report.refused += 1
            report.problems.append(Problem(report.file, N_("activity {identifier} gets the same key '{key}' as "
                                                           "activity {other} ({other_file}, line {other_line})"),
                                           {"identifier": act.identifier, "key": key, "other": prior[0],
                                            "other_file": prior[1], "other_line": prior[2]}, line=read.line))
            self.failed = True
            return
        mapped = mapper.map(act, key)
        report.warnings += mapped.warnings
        if mapped.errors:
            report.refused += 1
            report.problems += mapped.errors
            self.failed = True
            return
        if prior:
            report.warnings.append(Problem(report.file, N_("activity {identifier} was also in {other_file}, line "
                                                           "{other_line}; the later one is kept"),
                                           {"identifier": act.identifier, "other_file": prior[1],
                                            "other_line": prior[2]}, line=read.line))
        self.seen[key] = (act.identifier, report.file, read.line)
        if report.imported == 0:
            self.new_sources.append(source)
        for found in mapped.actors.values():
            self._merge(found)
        named.update(mapped.actors)
        self.pending[key] = mapped.initiative
        report.imported += 1
        report.flows += len(mapped.initiative.flows)
        if len(self.pending) >= self.batch:
            self.flush()


_collections = threading.Lock()
_importing = 0  # imports running in this process (threads)
_thresholds = gc.get_threshold()


@contextmanager
def _rare_full_collections() -> Iterator[None]:
    """Python's full garbage collections walk every live object. An import keeps many alive (a batch of
    records, the actors it names) and makes few reference cycles, so while imports run those collections
    come ten times more rarely; the young ones run as usual. Set back when the last import ends."""
    global _importing, _thresholds
    with _collections:
        if _importing == 0:
            _thresholds = gc.get_threshold()
            gc.set_threshold(_thresholds[0], _thresholds[1], _thresholds[2] * 10)
        _importing += 1
    try:
        yield
    finally:
        with _collections:
            _importing -= 1
            if _importing == 0:
                gc.set_threshold(*_thresholds)


def import_iati(store: Store, paths: Iterable[str | Path], skip_invalid: bool = False,
                progress: Progress | None = None, batch: int = BATCH) -> IatiReport:
    """Imports IATI activity files into the store; see the module's docstring for what is written.

    Raises ImportRefused (with `.report`) when anything is invalid and `skip_invalid` is False.
    """
    paths = [Path(p) for p in paths]
    report = IatiReport()
    try:
        with _rare_full_collections(), store.transaction() as repo:
            job = _Import(repo, report, skip_invalid, {source_key(p.name) for p in paths}, batch)
            for path in paths:
                job.file(path, progress)
            job.flush(final=True)
            if job.failed and not skip_invalid:
                report.written = False
                refused = ImportRefused(report.problems)
                refused.report = report
                raise refused  # leaving the block rolls back every batch already written
    except ImportRefused:
        report.written = False
        raise
    return report
