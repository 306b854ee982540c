"""Peer matching: which city's practice can help which city (see docs/MATCHING.md)."""

from .context import Profile, profile
from .engine import Entry, Index, Match, Ranking, expand
from .text import MAX_TOKENS, Prepared, engine, shared_words, text_hash, words
from .weights import WeightError, Weights

__all__ = ["Entry", "Index", "MAX_TOKENS", "Match", "Prepared", "Profile", "Ranking", "WeightError", "Weights",
           "engine", "expand", "profile", "shared_words", "text_hash", "words"]
