"""IATI activity files (versions 2.01 to 2.03): a streaming, validating reader and the mapping to sursur.

See docs/IATI.md. `services.iati.import_iati` is the use case that writes what is read here.
"""

from .keys import activity_key, identifier_key, name_key, source_key
from .mapping import ActivityMapper, Mapped
from .reader import IatiFile, ParsedActivity, Read

__all__ = ["ActivityMapper", "activity_key", "IatiFile", "Mapped", "ParsedActivity", "Read", "identifier_key", "name_key",
           "source_key"]
