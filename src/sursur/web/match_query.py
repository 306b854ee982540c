"""A peer-matching request as the /match page and the API read it from query parameters, checked the same way.

Every check is the service's where it has one (a demand too short, an actor nobody is called, weights written
wrongly); what only a web request can get wrong (no actor, a theme id that names nothing, a `top` that is not
a number, a control character) is checked here. The page shows every problem at its field at once; the API
answers with the first.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..analysis.matching import Weights
from ..analysis.matching.context import COMPONENTS as CONTEXT_PARTS
from ..domain.errors import N_, UserError
from ..services import matching
from ..store import Store
from ..store.search import has_control_characters

MAX_TOP = 100
MAX_DEMAND = 20_000  # characters; the model reads about 512 tokens of it, and says when it cut
MAX_NAME = 200

# How the explanation names each part of a score (lower case: they are read inside a sentence too).
COMPONENT_LABELS = {"text": N_("text"), "themes": N_("themes"), "context": N_("context")}
CONTEXT_LABELS = {"region": N_("region"), "subregion": N_("subregion"), "income": N_("income"),
                  "population": N_("population"), "language": N_("language"), "ties": N_("ties")}
assert tuple(CONTEXT_LABELS) == CONTEXT_PARTS  # a new context part needs its label


class MatchRequestError(UserError):
    """A match parameter that cannot be used; `parameter` names it."""

    def __init__(self, parameter: str, msgid: str, **params):
        self.parameter = parameter
        super().__init__(msgid, parameter=parameter, **params)


@dataclass(frozen=True)
class DemandRequest:
    demand: str
    actor: str
    themes: tuple[str, ...]
    top: int
    weights: Weights


def split_themes(values: list[str] | str | None) -> list[str]:
    """Theme ids from 'a;b' or from repeated parameters (the page's checkboxes), in order, once each."""
    if isinstance(values, str):
        values = [values]
    return list(dict.fromkeys(t.strip() for v in values or () for t in v.split(";") if t.strip()))


def read_top(value, default: int = 10) -> int:
    if value in (None, ""):
        return default
    try:
        top = int(str(value).strip())
    except ValueError:
        top = None
    if top is None or not 1 <= top <= MAX_TOP:
        raise MatchRequestError("top", N_("top: write a whole number from 1 to {most}, not '{value}'"),
                                most=MAX_TOP, value=value)
    return top


def read_weights(text: str | None) -> Weights:
    return Weights.parse(text or None)


def _printable(parameter: str, text: str, allow_breaks: bool = False) -> None:
    if allow_breaks:  # a demand typed in a text area has line breaks and tabs; a NUL is still refused
        text = "".join(" " if ch in "\r\n\t" else ch for ch in text)
    if has_control_characters(text):
        raise MatchRequestError(parameter, N_("{parameter}: the value contains a control character (such as a "
                                              "line break or NUL); remove it"))


def _check_demand(demand: str) -> None:
    _printable("demand", demand, allow_breaks=True)
    if len(demand) > MAX_DEMAND:
        raise MatchRequestError("demand", N_("demand: at most {most} characters (the model reads only about the "
                                             "first 400 words)"), most=MAX_DEMAND)
    matching.check_demand(demand)


def _check_actor(store: Store, actor: str) -> None:
    _printable("actor", actor)
    if not actor.strip():
        raise MatchRequestError("actor", N_("say who states the demand: an actor's name or key"))
    if len(actor) > MAX_NAME:
        raise MatchRequestError("actor", N_("actor: at most {most} characters"), most=MAX_NAME)
    matching.find_actor(matching.load_index(store), actor)


def read_demand(store: Store, demand: str | None, actor: str | None, themes: list[str] | str | None, top,
                weights: str | None) -> tuple[DemandRequest | None, list[UserError]]:
    """The request, or None and every problem found (each names its parameter)."""
    problems: list[UserError] = []
    checked: dict = {}
    steps = {"demand": lambda: _check_demand(demand or ""), "actor": lambda: _check_actor(store, actor or ""),
             "themes": lambda: matching.check_themes(split_themes(themes)), "top": lambda: read_top(top),
             "weights": lambda: (_printable("weights", weights or ""), read_weights(weights))[1]}
    for name, step in steps.items():
        try:
            checked[name] = step()
        except UserError as problem:
            problems.append(problem)
    if problems:
        return None, problems
    return DemandRequest((demand or "").strip(), (actor or "").strip(), checked["themes"], checked["top"],
                         checked["weights"]), []


def run_demand(store: Store, request: DemandRequest):
    return matching.match_demand(store, request.demand, request.actor, themes=request.themes, top=request.top,
                                 weights=request.weights)


__all__ = [
    "COMPONENT_LABELS",
    "CONTEXT_LABELS",
    "MAX_TOP",
    "DemandRequest",
    "MatchRequestError",
    "read_demand",
    "read_top",
    "read_weights",
    "run_demand",
    "split_themes",
]
