"""The weights of the matching score: defaults, how a user changes them, and how they are shown."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ...domain.errors import N_, UserError
from .context import COMPONENTS as CONTEXT_COMPONENTS

TOP_COMPONENTS = ("text", "themes", "context")
DEFAULT_TOP = {"text": 0.55, "themes": 0.15, "context": 0.30}
DEFAULT_CONTEXT = {"region": 0.10, "subregion": 0.20, "income": 0.25, "population": 0.15, "language": 0.15,
                   "ties": 0.15}


class WeightError(UserError, ValueError):
    """A weight written wrongly."""

    parameter = "weights"


@dataclass(frozen=True)
class Weights:
    """score = Σ weight × component over the components known for that pair, divided by the sum of all three
    top weights (an unknown component earns nothing and stays unknown in the explanation). The context
    component is the mean of its six parts weighted over the parts known for the pair (a fact nobody stated
    does not count against it), unknown when those carry less than half of its weight."""

    top: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_TOP))
    context: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_CONTEXT))

    @classmethod
    def parse(cls, settings: list[str] | str | None) -> "Weights":
        """From 'text=0.5,context.income=0.4' (or a list of such items): names are text, themes, context
        and context.region … context.ties; a value is a number from 0 to 10."""
        weights = cls()
        if not settings:
            return weights
        items = settings.split(",") if isinstance(settings, str) else [i for s in settings for i in s.split(",")]
        top, context = dict(weights.top), dict(weights.context)
        for item in (i.strip() for i in items):
            if not item:
                continue
            name, sep, value = item.partition("=")
            name = name.strip().lower()
            if not sep:
                raise WeightError(N_("'{item}' is not a weight: write name=value, e.g. text=0.5"), item=item)
            try:
                number = float(value)
            except ValueError:
                raise WeightError(N_("the weight of '{name}' must be a number, not '{value}'"), name=name,
                                  value=value.strip()) from None
            if not 0 <= number <= 10:
                raise WeightError(N_("the weight of '{name}' must be between 0 and 10, not {value}"), name=name,
                                  value=value.strip())
            if name in top:
                top[name] = number
            elif name.startswith("context.") and name[8:] in context:
                context[name[8:]] = number
            else:
                known = ", ".join([*TOP_COMPONENTS, *(f"context.{c}" for c in CONTEXT_COMPONENTS)])
                raise WeightError(N_("there is no weight called '{name}'; the weights are: {known}"), name=name,
                                  known=known)
        if not any(top.values()):
            raise WeightError(N_("at least one of text, themes and context needs a weight above 0"))
        return replace(weights, top=top, context=context)

    def shown(self) -> dict[str, float]:
        """Every weight by its name, as `parse` reads it."""
        return {**self.top, **{f"context.{k}": v for k, v in self.context.items()}}
