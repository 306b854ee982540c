"""Text as people type it, folded for matching: no accents, no case, no punctuation, single spaces."""

from __future__ import annotations

import re
import unicodedata

_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """'  Río de Janeiro! ' → 'rio de janeiro'; 'São Paulo' → 'sao paulo'; 'Foz do Iguaçu' → 'foz do iguacu'."""
    if text and text.isascii():  # nine names in ten: no Unicode decomposition needed
        return _SPACES.sub(" ", _PUNCT.sub(" ", text.replace("'", ""))).strip().lower()
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.replace("ß", "ss").replace("ø", "o").replace("đ", "d").replace("ł", "l").replace("æ", "ae")
    plain = _PUNCT.sub(" ", plain.replace("'", "").replace("’", ""))
    return _SPACES.sub(" ", plain).strip().lower()
