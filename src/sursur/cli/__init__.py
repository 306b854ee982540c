"""The command line: `sursur --help`. Thin: it parses, calls a service, and prints."""

from . import backup, classify, countries, data, demo, iati, indicators, match, network, pairs, places, report, users  # noqa: F401  (they register their commands on the app)
from .app import app

__all__ = ["app"]
