"""Writing an output file whole or not at all, with a clear message when it cannot be written."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..domain.errors import N_, UserError


class CannotWrite(UserError):
    """An output path that cannot be written: a missing folder, a folder in its place, no permission."""


def check_target(target: str | Path) -> Path:
    """Refuses, before any work, a target that is a folder or whose folder is missing (or is a file)."""
    target = Path(target)
    if target.is_dir():
        raise CannotWrite(N_("{path} is a folder; give a file name, e.g. {example}"), path=target,
                          example=target / f"sursur{target.suffix or '.xml'}")
    if target.parent.exists() and not target.parent.is_dir():
        raise CannotWrite(N_("cannot write {path}: {folder} is a file, not a folder"), path=target,
                          folder=target.parent)
    if not target.parent.is_dir():
        raise CannotWrite(N_("cannot write {path}: the folder {folder} does not exist"), path=target,
                          folder=target.parent)
    if not os.access(target.parent, os.W_OK):
        raise CannotWrite(N_("cannot write {path}: there is no permission to write in the folder {folder}"),
                          path=target, folder=target.parent)
    return target


@contextmanager
def output_file(target: str | Path) -> Iterator[Path]:
    """Yields a temporary path beside `target` (same suffix, so writers pick the same format); on success
    it replaces `target`, on any failure it is removed and `target` is left as it was."""
    target = check_target(target)
    partial = target.with_name(f".{target.stem}.partial{target.suffix}")
    try:
        yield partial
        os.replace(partial, target)
    except OSError as error:
        raise CannotWrite(N_("cannot write {path}: {reason}"), path=target, reason=error.strerror or error) from None
    finally:
        partial.unlink(missing_ok=True)
