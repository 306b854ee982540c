"""sursur keys from IATI identifiers and organisation names: lower-case, key-safe, still unique."""

from __future__ import annotations

import hashlib
import re

from ...reference.text import fold

_UNSAFE = re.compile(r"[^a-z0-9._-]+")
_KEY = re.compile(r"[a-z0-9][a-z0-9._-]{0,119}")  # as domain.source.require_key
_MAX = 120


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def identifier_key(identifier: str) -> str:
    """'GB-CHC-207544-96200ASC2000' → 'gb-chc-207544-96200asc2000'.

    Where characters had to be replaced or the key cut ('NL-KVK-…-06:ID'), a short hash of the original
    is added, so two identifiers that differ only there still get two keys.
    """
    text = identifier.strip()
    lowered = text.lower()
    key = _UNSAFE.sub("-", lowered).lstrip("-._")
    if key == lowered and len(key) <= _MAX:
        return key
    return f"{key[:_MAX - 9]}-{_digest(text)}" if key else f"x-{_digest(text)}"


def is_key(text: str) -> bool:
    return bool(_KEY.fullmatch(text))


def activity_key(identifier: str, own_key: str | None = None) -> str:
    """The initiative key of an activity: from its identifier; or the sursur:key sursur wrote on it, when
    the identifier ends with it (so an exported native record comes back under its own key)."""
    if own_key and is_key(own_key) and identifier.strip().endswith(f"-{own_key}"):
        return own_key
    return identifier_key(identifier)


def name_key(name: str) -> str:
    """'Kogi State Ministry of Health' → 'kogi-state-ministry-of-health' (for organisations with no ref)."""
    slug = _UNSAFE.sub("-", fold(name).replace(" ", "-")).strip("-._")
    if not slug:
        return f"x-{_digest(name)}"
    return slug if len(slug) <= _MAX else f"{slug[:_MAX - 9]}-{_digest(name)}"


def source_key(file_name: str) -> str:
    """The Source of one imported file: 'iati-' and the file name, key-safe."""
    return identifier_key(f"iati-{file_name}")
