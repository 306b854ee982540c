"""The synthetic actors (and the pools initiatives draw them from), city networks and memberships."""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass

from ...domain import Actor, Citation, Measure, MemberCount, Membership, Network, PartialDate
from ...reference.country_names import country_name
from ...reference.text import fold
from .common import (Pool, Sizes, cities_by_country, language, partial_date, regions_by_country, share_of,
                     south_of, zipf_pool)
from .vocabulary import (COUNTRIES, MULTILATERAL, NAMES, NETWORK_AREAS, NETWORK_FORMS, NGO_FORMS, NGO_WORDS, NOW,
                         SHARES, ZIPF)

_NOT_KEY = re.compile(r"[^a-z0-9]+")


@dataclass
class Cast:
    """The actors, and the pools that initiatives and agreements draw their participants from."""

    actors: list[Actor]
    names: dict[str, str]
    countries: dict[str, str | None]
    local: Pool  # municipalities, provinces and their agencies and companies: most participants
    other: Pool  # governments, agencies, multilaterals, NGOs, foundations, universities, companies
    south_local: Pool
    supporters: Pool  # Northern actors of any kind and multilaterals: second offerers of triangular work
    networks: list[Actor]
    scopes: dict[str, tuple[str, ...] | None]  # network → the countries its members come from (None: any)


class _ActorMaker:
    def __init__(self, sizes: Sizes):
        self.rng = random.Random(f"{sizes.seed}:actors")
        self.sizes = sizes
        self.source = Citation(sizes.source_key)
        self.actors: list[Actor] = []
        codes = [c for c, _ in COUNTRIES]
        self.country_pool = Pool(codes, [w for _, w in COUNTRIES])
        self.next_city = {code: 0 for code in codes}
        self.next_region = {code: 0 for code in codes}
        self.governments: dict[str, str] = {}
        self.used_names: set[str] = set()  # only looked up, never walked: its order does not matter

    def add(self, name: str, kind: str, country: str | None, **extra) -> Actor:
        if name in self.used_names:  # a second San Vicente: 'San Vicente (Argentina)', then numbered
            qualified = f"{name} ({country_name(country, language(country))})" if country else name
            name, number = qualified, 2
            while name in self.used_names:
                name, number = f"{qualified} {number}", number + 1
        self.used_names.add(name)
        slug = _NOT_KEY.sub("-", fold(name))[:48].strip("-") or "actor"
        actor = Actor(key=f"syn-{slug}-{len(self.actors) + 1}", name=name, kind=kind, country=country,
                      sources=[self.source], **extra)
        self.actors.append(actor)
        return actor

    def city(self) -> tuple[str, tuple[str, int, int] | None]:
        """A country and its next unused city (None when the country has run out of real names)."""
        for _ in range(20):
            code = self.country_pool.draw(self.rng)
            cities = cities_by_country()[code]
            if self.next_city[code] < len(cities):
                self.next_city[code] += 1
                return code, cities[self.next_city[code] - 1]
        return code, None

    def region(self) -> tuple[str, tuple[str, str] | None]:
        for _ in range(20):
            code = self.country_pool.draw(self.rng)
            regions = regions_by_country()[code]
            if self.next_region[code] < len(regions):
                self.next_region[code] += 1
                return code, regions[self.next_region[code] - 1]
        return code, None

    def make(self) -> Cast:
        n = self.sizes.actors
        counts = {kind: share_of(n, share, floor) for kind, share, floor in SHARES}
        for kind in ("national_government", "national_agency"):  # one of each per country at most
            counts[kind] = min(counts[kind], len(COUNTRIES))
        counts["municipality"] = n - sum(counts.values())
        rng = self.rng
        municipalities = []
        for _ in range(counts["municipality"]):
            code, city = self.city()
            if city is None:
                name = f"Municipio {len(municipalities) + 1} ({country_name(code, language(code))})"
                municipalities.append(self.add(name, "municipality", code))
                continue
            name, geonameid, population = city
            municipalities.append(self.add(name, "municipality", code, place=f"geonames:{geonameid}",
                                           population=Measure(population, source=self.source)
                                           if population else None))
        for _ in range(counts["province"]):
            code, region = self.region()
            if region is None:
                self.add(f"Región {self.next_region[code] + 1} ({country_name(code, language(code))})", "province",
                         code)
            else:
                self.add(region[0], "province", code, place=f"iso3166-2:{region[1]}")
        codes = [c for c, _ in COUNTRIES]
        for code in codes[:counts["national_government"]]:
            self.governments[code] = self.add(
                NAMES["national_government"][language(code)].format(country=country_name(code, language(code))),
                "national_government", code).key
        for code in codes[:counts["national_agency"]]:
            self.add(NAMES["national_agency"][language(code)].format(country=country_name(code, language(code))),
                     "development_agency", code, parent=self.governments.get(code))
        for kind, actor_kind in (("city_agency", "development_agency"), ("city_company", "other")):
            for parent in rng.sample(municipalities, min(counts[kind], len(municipalities))):
                self.add(NAMES[kind][language(parent.country)].format(city=parent.name), actor_kind,
                         parent.country, parent=parent.key)
        for _ in range(counts["multilateral"]):
            self.add(" ".join(rng.choice(words) for words in MULTILATERAL), "multilateral", None)
        for kind in ("ngo", "foundation"):
            for _ in range(counts[kind]):
                code = self.country_pool.draw(rng)
                forms = NGO_FORMS[language(code)]
                form = forms[0] if kind == "foundation" else rng.choice(forms[1:])
                self.add(form.format(word=rng.choice(NGO_WORDS)), kind, code)
        for kind in ("academic", "private"):
            for _ in range(counts[kind]):
                town = rng.choice(municipalities)
                self.add(NAMES[kind][language(town.country)].format(city=town.name), kind, town.country)
        networks, scopes = [], {}
        for _ in range(counts["city_network"]):
            area, scope = rng.choice(NETWORK_AREAS)
            networks.append(self.add(rng.choice(NETWORK_FORMS).format(area=area), "city_network", None))
            scopes[networks[-1].key] = scope
        return self._cast(networks, scopes)

    def _cast(self, networks: list[Actor], scopes: dict) -> Cast:
        rng, south = self.rng, south_of()
        local_kinds = {"municipality", "province"}
        local = [a for a in self.actors if a.kind.value in local_kinds
                 or (a.parent and a.kind.value in ("development_agency", "other") and a.country
                     and a.parent not in self.governments.values())]
        local_keys = {a.key for a in local}
        other = [a for a in self.actors if a.key not in local_keys and a.kind.value != "city_network"]
        supporters = [a for a in self.actors if a.kind.value != "city_network"
                      and (a.country is None or not south.get(a.country, False))
                      and a.kind.value not in local_kinds]
        # The most active are drawn mostly among the big cities (as in real cooperation) of the most weighted
        # countries (Latin America, the observatory's home).
        weight = dict(COUNTRIES)
        activity = {a.key: -(math.log10(float(a.population.value)) if a.population else 4.5)
                    - 2 * math.log10(weight[a.country]) for a in local}
        local_pool = Pool(sorted(activity, key=lambda key: activity[key] + rng.gauss(0, 0.25)),
                           [r ** -ZIPF for r in range(1, len(local) + 1)])
        rank = {key: i for i, key in enumerate(local_pool.items)}
        south_local = sorted((a.key for a in local if south.get(a.country, False)), key=rank.__getitem__)
        return Cast(actors=self.actors, names={a.key: a.name for a in self.actors},
                    countries={a.key: a.country for a in self.actors}, local=local_pool,
                    other=zipf_pool(rng, [a.key for a in other]),
                    south_local=Pool(south_local, [r ** -ZIPF for r in range(1, len(south_local) + 1)]),
                    supporters=zipf_pool(rng, [a.key for a in supporters]), networks=networks,
                    scopes=scopes)


def make_actors(sizes: Sizes) -> Cast:
    return _ActorMaker(sizes).make()


# --- networks and memberships -----------------------------------------------------------------------------

def make_networks(sizes: Sizes, cast: Cast) -> tuple[list[Network], list[Membership]]:
    """Each city network with members joining over the years (a few founders, a growing list, some who
    left) and the member counts its 'reports' state every five years, above the listed members, as a
    secretariat's count includes the members no source lists."""
    rng = random.Random(f"{sizes.seed}:networks")
    source = Citation(sizes.source_key)
    locals_ = [key for key in cast.local.items if cast.countries[key]]
    networks, memberships = [], []
    for index, actor in enumerate(cast.networks):
        area = cast.scopes[actor.key]
        eligible = [k for k in locals_ if area is None or cast.countries[k] in area] or locals_
        size = min(len(eligible), max(3, int(rng.paretovariate(1.2) * 25) if index else 300))
        members = rng.sample(eligible, size)
        founded = rng.randint(1985, 2012)
        founders = min(size, rng.randint(5, 15))
        joined_years = []
        for position, member in enumerate(members):
            if position < founders:
                joined, founding = founded, True
            else:  # later years more likely: networks grow
                joined, founding = founded + int((NOW - founded) * rng.random() ** 0.7), False
            left = rng.randint(joined + 1, NOW) if rng.random() < 0.08 and joined < NOW else None
            joined_years.append((joined, left))
            memberships.append(Membership(actor=member, network=actor.key, founding=founding,
                                          joined=partial_date(rng, joined) if not founding else PartialDate(founded),
                                          left=PartialDate(left) if left else None, sources=[source]))
        counts = []
        for year in range(founded, NOW + 1, 5):
            listed = sum(1 for j, l in joined_years if j <= year and (l is None or l > year))
            counts.append(MemberCount(year, int(listed * rng.uniform(1.0, 1.4)), source))
        networks.append(Network(key=actor.key, actor=actor.key, founded=PartialDate(founded), member_counts=counts,
                                thematic_unit_count=rng.randint(3, 15), sources=[source]))
    return networks, memberships
