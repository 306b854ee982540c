"""Sending a filtered list as a file: the same filters as Explore, written by services/exports.py."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from fastapi import Request
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from ..services.explore import filters_from
from ..services.exports import DOWNLOADS, export_found
from .context import store_of

SUFFIX = {"csv": "csv", "xlsx": "xlsx", "geojson": "geojson", "iati": "xml"}


def download(request: Request, fmt: str, params: dict) -> FileResponse:
    filters = filters_from(params)
    folder = Path(tempfile.mkdtemp(prefix="sursur-download-"))
    name = f"sursur-{filters.record}s.{SUFFIX.get(fmt, 'txt')}"
    try:
        export_found(store_of(request), filters, fmt, folder / name)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return FileResponse(folder / name, media_type=DOWNLOADS[fmt], filename=name,
                        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True))
