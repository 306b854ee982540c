"""What the synthetic records are made of: countries and their weights, names, titles, and the shares of
each kind of actor, modality, status, flow kind and currency. Invented, except the country codes."""

GENERATOR_VERSION = 1  # raise it whenever the same options would give other records
NOW = 2025  # the generator's "current year", fixed so that the records do not depend on the day it runs
ZIPF = 0.85

# Countries and how often their actors appear: Latin America first (the observatory's home), then the
# rest of the South and the North, so that every classification rule has work to do.
COUNTRIES = (
    ("COL", 10), ("BRA", 10), ("MEX", 8), ("ARG", 7), ("CHL", 5), ("PER", 5), ("ECU", 4), ("URY", 3),
    ("BOL", 3), ("PRY", 2), ("VEN", 2), ("CRI", 2), ("PAN", 2), ("GTM", 2), ("SLV", 2), ("HND", 1.5),
    ("NIC", 1), ("DOM", 2), ("CUB", 2), ("ESP", 6), ("PRT", 3), ("FRA", 4), ("ITA", 4), ("DEU", 3),
    ("NLD", 1), ("BEL", 1), ("SWE", 1), ("GBR", 2), ("USA", 4), ("CAN", 2), ("CHN", 3), ("IND", 3),
    ("IDN", 2), ("PHL", 1), ("VNM", 1), ("KOR", 2), ("JPN", 2), ("TUR", 1), ("ZAF", 3), ("MAR", 2),
    ("SEN", 1), ("KEN", 1), ("NGA", 1), ("GHA", 1), ("MOZ", 1.5), ("AGO", 1), ("CPV", 1), ("ETH", 1),
    ("EGY", 1), ("TUN", 1), ("AUS", 1), ("NZL", 0.5),
)
PORTUGUESE = {"BRA", "PRT", "MOZ", "AGO", "CPV"}
SPANISH = {"COL", "MEX", "ARG", "CHL", "PER", "ECU", "URY", "BOL", "PRY", "VEN", "CRI", "PAN", "GTM", "SLV",
           "HND", "NIC", "DOM", "CUB", "ESP"}
EURO = {"ESP", "PRT", "FRA", "ITA", "DEU", "NLD", "BEL"}
LOCAL_CURRENCY = {"COL": "COP", "BRA": "BRL", **{c: "EUR" for c in EURO}}
PER_USD = {"USD": 1, "EUR": 0.92, "COP": 4000, "BRL": 5}  # rough rates, only to give amounts a local scale

# Shares of the actors by kind (municipalities take the rest); the kinds with a floor appear at any size.
SHARES = (("province", 0.06, 1), ("national_government", 0.003, 1), ("national_agency", 0.0025, 1),
          ("city_agency", 0.03, 0), ("city_company", 0.015, 0), ("multilateral", 0.002, 1), ("ngo", 0.04, 0),
          ("foundation", 0.01, 0), ("academic", 0.04, 0), ("private", 0.015, 0), ("city_network", 0.00125, 1))

NAMES = {
    "city_agency": {"es": "Agencia de Cooperación e Inversión de {city}",
                    "pt": "Agência de Cooperação Internacional de {city}",
                    "en": "{city} International Cooperation Office"},
    "city_company": {"es": "Empresa de Desarrollo Urbano de {city}",
                     "pt": "Companhia de Desenvolvimento Urbano de {city}",
                     "en": "{city} Urban Development Corporation"},
    "national_government": {"es": "Gobierno de {country}", "pt": "Governo de {country}",
                            "en": "Government of {country}"},
    "national_agency": {"es": "Agencia de Cooperación Internacional de {country}",
                        "pt": "Agência de Cooperação de {country}",
                        "en": "{country} Development Cooperation Agency"},
    "academic": {"es": "Universidad de {city}", "pt": "Universidade de {city}",
                 "en": "University of {city}"},
    "private": {"es": "Empresas Públicas de {city}", "pt": "Companhia de Saneamento de {city}",
                "en": "{city} Utilities"},
}
NGO_WORDS = ("Horizonte", "Raíces", "Puentes", "Ciudad Viva", "Semillas", "Encuentro", "Territorios",
             "Sur Global", "Tejido Urbano", "Nuevo Barrio", "Agua y Vida", "Manos Unidas por la Ciudad")
NGO_FORMS = {"es": ("Fundación {word}", "Asociación {word}", "Corporación {word}"),
             "pt": ("Fundação {word}", "Associação {word}", "Instituto {word}"),
             "en": ("{word} Foundation", "{word} Trust", "{word} Alliance")}
MULTILATERAL = (("Fondo", "Banco", "Programa", "Facilidad", "Secretaría", "Alianza"),
                ("Regional", "Global", "Sur–Sur", "Interregional", "del Atlántico", "del Pacífico"),
                ("de Desarrollo Urbano", "para Ciudades Sostenibles", "de Cooperación Local",
                 "de Gobiernos Locales", "para la Resiliencia Urbana", "de Desarrollo Territorial"))
NETWORK_FORMS = ("Red de Ciudades {area}", "Alianza de Municipios {area}", "Foro de Gobiernos Locales {area}",
                 "Rede de Cidades {area}", "Unión de Ciudades {area}")
NETWORK_AREAS = (("del Sur", None), ("Andinas", ("COL", "PER", "ECU", "BOL", "VEN", "CHL")),
                 ("del Mercosur", ("ARG", "BRA", "URY", "PRY", "BOL", "CHL")),
                 ("Iberoamericanas", tuple(SPANISH | PORTUGUESE - {"MOZ", "AGO", "CPV"})),
                 ("Centroamericanas", ("CRI", "PAN", "GTM", "SLV", "HND", "NIC", "DOM", "CUB", "MEX")),
                 ("Africanas", ("ZAF", "MAR", "SEN", "KEN", "NGA", "GHA", "MOZ", "AGO", "CPV", "ETH", "EGY", "TUN")),
                 ("Atlánticas", ("BRA", "ARG", "URY", "PRT", "ESP", "FRA", "SEN", "CPV", "AGO", "ZAF", "USA")),
                 ("Educadoras", None), ("Sostenibles", None), ("Lusófonas", tuple(sorted(PORTUGUESE))),
                 ("del Pacífico", ("CHL", "PER", "COL", "ECU", "MEX", "PAN", "CRI", "CHN", "JPN", "KOR", "PHL",
                                   "VNM", "IDN", "AUS", "NZL", "CAN", "USA")),
                 ("Mediterráneas", ("ESP", "FRA", "ITA", "MAR", "TUN", "EGY", "TUR")))

TITLES = {"es": ("Intercambio de experiencias en {theme}: {a} y {b}",
                 "Asistencia técnica en {theme} de {a} a {b}",
                 "Misión técnica de {a} a {b} sobre {theme}", "Programa de {theme} entre {a} y {b}"),
          "pt": ("Intercâmbio de experiências em {theme}: {a} e {b}",
                 "Assistência técnica em {theme} de {a} para {b}",
                 "Missão técnica de {a} a {b} sobre {theme}"),
          "en": ("Peer exchange on {theme}: {a} and {b}", "Technical assistance on {theme} from {a} to {b}",
                 "Study visit from {b} to {a} on {theme}")}
DESCRIPTIONS = {"es": "{a} comparte con {b} su experiencia en {theme}.",
                "pt": "{a} compartilha com {b} sua experiência em {theme}.",
                "en": "{a} shares its experience in {theme} with {b}."}

MODALITIES = (("bilateral", 68), ("regional", 18), ("triangular", 14))
STATUSES_DONE = (("completed", 88), ("cancelled", 5), ("unknown", 7))
STATUSES_RUNNING = (("ongoing", 85), ("suspended", 5), ("unknown", 10))
COOPERATION_TYPES = (("technical", 40), ("knowledge_exchange", 25), ("training", 12), ("financial", 8),
                     ("staff_mobility", 6), ("delegation_visit", 6), ("in_kind", 3))
FLOW_KINDS = (("disbursement", 55), ("commitment", 30), ("in_kind_estimate", 15))
AGREEMENT_KINDS = (("cooperation_agreement", 35), ("twinning", 30), ("memorandum", 25), ("letter_of_intent", 7),
                   ("other", 3))
OFFERING = {"offerer", "both", "first_offerer", "second_offerer", "funder"}
RECEIVING = {"receiver", "both"}
