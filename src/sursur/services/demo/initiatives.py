"""The synthetic agreements, initiatives and flows."""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Iterator
from decimal import Decimal

from ...domain import Agreement, Citation, Flow, Initiative, PartialDate, Participation, Text
from .actors import Cast
from .common import Pool, Sizes, distinct, language, later, partial_date, theme_pool, weighted
from .vocabulary import (AGREEMENT_KINDS, COOPERATION_TYPES, DESCRIPTIONS, FLOW_KINDS, LOCAL_CURRENCY, MODALITIES,
                         NOW, OFFERING, PER_USD, RECEIVING, STATUSES_DONE, STATUSES_RUNNING, TITLES)


def make_agreements(sizes: Sizes, cast: Cast) -> list[Agreement]:
    rng = random.Random(f"{sizes.seed}:agreements")
    source = Citation(sizes.source_key)
    theme_ids, theme_cum, labels = theme_pool()
    agreements = []
    for n in range(1, sizes.agreements + 1):
        parties = distinct(rng, cast.local, 3 if rng.random() < 0.15 else 2)
        kind = weighted(rng, AGREEMENT_KINDS)
        signed = partial_date(rng, rng.randint(1980, NOW - 1)) if rng.random() > 0.1 else None
        status, ended = rng.choice(("active", "active", "ended", "unknown")), None
        if status == "ended" and signed:
            ended = later(rng, signed, rng.randint(12, 240))
            if ended.year >= NOW:
                status, ended = "active", None
        themes = [theme_ids[bisect(theme_cum, rng.random() * theme_cum[-1])] for _ in range(rng.randint(1, 2))]
        themes = list(dict.fromkeys(themes))
        agreements.append(Agreement(key=f"syn-g{n:06d}", kind=kind, parties=parties, themes=themes,
                                    area=labels[themes[0]][language(cast.countries[parties[0]])],
                                    signed=signed, ended=ended, status=status, sources=[source]))
    return agreements


# --- initiatives and flows --------------------------------------------------------------------------------

def flow_counts(sizes: Sizes) -> list[int]:
    """How many flows each initiative gets: the flows shared out with log-normal weights, a quarter of the
    initiatives getting none; the total is exactly `sizes.flows`."""
    rng = random.Random(f"{sizes.seed}:flow-counts")
    weights = [0.0 if rng.random() < 0.25 else rng.lognormvariate(0, 1.2) for _ in range(sizes.initiatives)]
    if sizes.flows and not any(weights):
        weights[0] = 1.0
    counts = [0] * sizes.initiatives
    if sizes.flows:
        pool = Pool(list(range(sizes.initiatives)), weights)
        for _ in range(sizes.flows):
            counts[pool.draw(rng)] += 1
    return counts


class _InitiativeMaker:
    def __init__(self, sizes: Sizes, cast: Cast, agreements: list[Agreement]):
        self.rng = random.Random(f"{sizes.seed}:initiatives")
        self.sizes, self.cast = sizes, cast
        self.source = Citation(sizes.source_key)
        self.agreements = [(g.key, g.parties[:2]) for g in agreements]
        self.theme_ids, self.theme_cum, self.labels = theme_pool()
        years = list(range(1998, NOW + 2))
        self.years = Pool(years, [1 + (y - 1998) * 0.15 for y in years])

    def make(self, number: int, n_flows: int) -> Initiative:
        rng = self.rng
        modality = weighted(rng, MODALITIES)
        participants, agreement = self._participants(modality)
        if n_flows >= 15:
            instrument = "programme"
        elif n_flows >= 4:
            instrument = "project" if rng.random() < 0.8 else "programme"
        else:
            instrument = "action" if rng.random() < 0.55 else "project"
        start, end, status = self._period(instrument)
        themes = list(dict.fromkeys(self.theme_ids[bisect(self.theme_cum, rng.random() * self.theme_cum[-1])]
                                    for _ in range(rng.choice((1, 1, 2, 2, 3)))))
        offerer = next(actor for role, actor in participants if role in OFFERING)
        receiver = next(actor for role, actor in participants if role in RECEIVING and actor != offerer)
        lang = language(self.cast.countries[offerer])
        words = dict(theme=self.labels[themes[0]][lang].lower(), a=self.cast.names[offerer],
                     b=self.cast.names[receiver])
        types = list(dict.fromkeys(weighted(rng, COOPERATION_TYPES) for _ in range(rng.randint(1, 2))))
        return Initiative(
            key=f"syn-i{number:07d}", title=rng.choice(TITLES[lang]).format(**words), modality=modality,
            instrument=instrument, participants=[Participation(role, actor) for role, actor in participants],
            status=status, start=start, end=end, themes=themes,
            description=Text(DESCRIPTIONS[lang].format(**words), lang) if rng.random() < 0.2 else None,
            cooperation_types=types, agreement=agreement, sources=[self.source],
            flows=[self._flow(participants, start, end, instrument) for _ in range(n_flows)])

    def _participants(self, modality: str) -> tuple[list[tuple[str, str]], str | None]:
        """(role, actor) pairs, and the agreement the initiative carries out, if any."""
        rng, cast = self.rng, self.cast
        if modality == "triangular" and cast.south_local and cast.supporters:
            first, receiver = (distinct(rng, cast.south_local, 2) + [None, None])[:2]
            second = cast.supporters.draw(rng)
            if first and receiver and second not in (first, receiver):
                parts = [("first_offerer", first), ("second_offerer", second), ("receiver", receiver)]
                if rng.random() < 0.3:
                    parts += [("receiver", k) for k in distinct(rng, cast.south_local, 1, (first, receiver))]
                return parts, None
            modality = "bilateral"  # too few actors of the South or the North for a triangle
        agreement = None
        if modality == "bilateral" and self.agreements and rng.random() < 0.08:
            agreement, pair = rng.choice(self.agreements)
        else:
            pair = distinct(rng, cast.local, 1)
            partner_pool = cast.other if cast.other and rng.random() < 0.3 else cast.local
            pair += distinct(rng, partner_pool, 1, tuple(pair)) or distinct(rng, cast.local, 1, tuple(pair))
        if modality == "bilateral":
            roles = ("both", "both") if rng.random() < 0.25 else ("offerer", "receiver")
            parts = list(zip(roles, pair))
            if rng.random() < 0.1:
                parts += [(rng.choice(("funder", "facilitator")), k) for k in distinct(rng, cast.other, 1, pair)]
        else:  # regional: an offerer (or several 'both') and receivers, sometimes through a network
            more = distinct(rng, cast.local, rng.randint(1, 2), tuple(pair))
            parts = [("offerer", pair[0]), ("receiver", pair[1])] + [("receiver", k) for k in more]
            if rng.random() < 0.3:
                parts = [("both", k) for _, k in parts]
            if cast.networks and rng.random() < 0.4 and len(parts) < 4:
                parts.append(("facilitator", rng.choice(cast.networks).key))
        return parts, agreement

    def _period(self, instrument: str) -> tuple[PartialDate | None, PartialDate | None, str]:
        rng = self.rng
        if rng.random() < 0.12:
            return None, None, rng.choice(("unknown", "completed"))
        start = partial_date(rng, self.years.draw(rng))
        if start.year >= NOW + 1 or (start.year == NOW and rng.random() < 0.5):
            return start, None, "planned"
        months = {"action": (1, 12), "project": (6, 48), "programme": (24, 96)}[instrument]
        end = later(rng, start, rng.randint(*months)) if rng.random() > 0.25 else None
        if end is not None and end.year < NOW:
            return start, end, weighted(rng, STATUSES_DONE)
        if end is None and start.year < NOW - 8:
            return start, None, weighted(rng, STATUSES_DONE)
        return start, end, weighted(rng, STATUSES_RUNNING)

    def _flow(self, participants: list[tuple[str, str]], start, end, instrument: str) -> Flow:
        rng = self.rng
        givers = [actor for role, actor in participants if role in OFFERING]
        takers = [actor for role, actor in participants if role in RECEIVING]
        giver = rng.choice(givers) if rng.random() < 0.9 else None
        taker = rng.choice([k for k in takers if k != giver] or [None]) if rng.random() < 0.85 else None
        first = start.year if start else rng.randint(2005, NOW - 1)
        last = min(NOW, end.year if end else first + 3)
        year = rng.randint(first, max(first, last))
        kind = weighted(rng, FLOW_KINDS)
        currency = "USD"
        if rng.random() >= 0.65:
            currency = LOCAL_CURRENCY.get(self.cast.countries.get(giver)) or rng.choice(("EUR", "EUR", "COP", "BRL"))
        amount = None
        if rng.random() >= 0.12:
            usd = rng.lognormvariate(10.6, 1.4) * {"programme": 4, "project": 1, "action": 0.3}[instrument]
            if kind == "in_kind_estimate":
                usd *= 0.3
            amount = Decimal(round(usd * PER_USD[currency] * 100)).scaleb(-2)
        elif rng.random() < 0.5:
            currency = None  # neither the amount nor its currency is known
        return Flow(kind=kind, amount=amount, currency=currency, year=year,
                    date=PartialDate(year, rng.randint(1, 12), rng.randint(1, 28)) if rng.random() < 0.25 else None,
                    from_actor=giver, to_actor=taker, source=self.source)


def make_initiatives(sizes: Sizes, cast: Cast, agreements: list[Agreement]) -> Iterator[Initiative]:
    """The initiatives one by one (for writing in batches), with their flows."""
    maker = _InitiativeMaker(sizes, cast, agreements)
    for number, n_flows in enumerate(flow_counts(sizes), start=1):
        yield maker.make(number, n_flows)
