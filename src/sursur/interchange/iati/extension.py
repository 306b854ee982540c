"""sursur's extension to IATI: what the standard has no element for, in sursur's own XML namespace.

IATI allows elements and attributes from other namespaces on nearly every element, and consumers
ignore what they do not know. sursur writes there only what would otherwise be lost on the way back in
(docs/IATI.md, "Export"): its own role, kind, modality and instrument names, the precision of a date
it had to write in full, the described parties that are not recipient countries, and the recipient
countries that no receiving party stands for (sursur:receiver="no").
"""

from __future__ import annotations

NS = "urn:sursur:iati:1"
PREFIX = "sursur"
# Organisations with no IATI organisation identifier get a ref in the ISO 3166 user-assigned space
# (XA–XZ), which no registration agency uses: XX-SURSUR-<sursur key>. It says "not registered" and
# brings the same actor back on import.
LOCAL_REF = "XX-SURSUR-"


def q(name: str) -> str:
    """The {namespace}name of one of sursur's attributes or elements, as lxml spells it."""
    return f"{{{NS}}}{name}"


KEY, KIND, ROLE, MODALITY, INSTRUMENT, PRECISION, FROM, PARTY, RECEIVER = (
    q(n) for n in ("key", "kind", "role", "modality", "instrument", "precision", "from", "party", "receiver"))


def local_ref(key: str) -> str:
    return f"{LOCAL_REF}{key}"


def local_key(ref: str | None) -> str | None:
    """The sursur key inside a local ref ('XX-SURSUR-medellin' → 'medellin'), else None."""
    if ref and ref.startswith(LOCAL_REF) and len(ref) > len(LOCAL_REF):
        return ref[len(LOCAL_REF):]
    return None
