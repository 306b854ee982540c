"""Folding an actor's own bodies into it: the ACI, the EDU and the INDER of Medellín are Medellín.

A cooperation officer reads "Medellín works with Lima" when Medellín's urban development company works
with Lima's parks service; counting the company, the institute and the city as three nodes would split
Medellín's ties over its own bodies and make it look less central than it is. So, as `Scope.mine` does
for the indicators, an actor stands for everything under it in the `parent` chain: each actor is
counted as the top of its chain. `fold=False` keeps every body as its own node.
"""

from __future__ import annotations

from ...domain import Actor


class Folding:
    """Maps an actor key to the node that stands for it (the top of its parent chain, or itself)."""

    def __init__(self, actors: dict[str, Actor], fold: bool = True):
        self.actors, self.fold = actors, fold
        self._node: dict[str, str] = {}

    def __call__(self, key: str) -> str:
        if not self.fold:
            return key
        if key not in self._node:
            seen, current = {key}, key
            # A loop in the parent chain (a data error) stops at the last actor not seen twice.
            while (parent := getattr(self.actors.get(current), "parent", None)) and parent not in seen:
                seen.add(parent)
                current = parent
            self._node[key] = current
        return self._node[key]

    def folded(self) -> dict[str, str]:
        """The bodies met so far that were counted as another actor: {body: node}."""
        return {k: v for k, v in sorted(self._node.items()) if k != v}
