"""The languages sursur speaks: Spanish (the sources' language, and the default), English, Portuguese."""

LANGUAGES = ("es", "en", "pt")
DEFAULT_LANGUAGE = "es"
