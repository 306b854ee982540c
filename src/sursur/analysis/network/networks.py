"""Finding a network by what a user types: its key, its actor's key, or its name."""

from __future__ import annotations

import difflib

from ...domain import Membership, Network
from ...domain.errors import N_, UserError
from ..indicators.scope import Snapshot


class UnknownNetwork(UserError):
    def __init__(self, name: str, networks: list[Network]):
        keys = sorted(n.key for n in networks)
        close = difflib.get_close_matches(name.lower(), keys, n=3, cutoff=0.5)
        if close:
            super().__init__(N_("there is no network '{name}'; the closest keys are: {close}"), name=name,
                             close=", ".join(close))
        elif keys:
            super().__init__(N_("there is no network '{name}'; the networks are: {keys}"), name=name,
                             keys=", ".join(keys[:10]) + (", …" if len(keys) > 10 else ""))
        else:
            super().__init__(N_("there is no network '{name}': no network is recorded"), name=name)


def find_network(data: Snapshot, name: str) -> Network:
    wanted = name.strip().casefold()
    for network in data.networks:
        actor = data.actors.get(network.actor)
        names = {network.key, network.actor} | ({actor.name, *actor.other_names} if actor else set())
        if wanted in {n.casefold() for n in names}:
            return network
    raise UnknownNetwork(name, data.networks)


def joined_year(m: Membership, network: Network | None) -> int | None:
    """The year a member joined; a founding member with no date joined when the network was founded."""
    if m.joined:
        return m.joined.year
    return network.founded.year if m.founding and network is not None and network.founded else None
