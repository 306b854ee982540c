"""Storage: SQLAlchemy tables, the mapping to the domain, the repository and Alembic migrations."""

from .database import DEFAULT_URL, Store, StoreError, describe, normalize_url
from .repository import Repository
from .writer import SaveReport

__all__ = ["DEFAULT_URL", "Repository", "SaveReport", "Store", "StoreError", "describe", "normalize_url"]
