"""Errors the domain raises when a record breaks one of its rules.

The message is an English msgid with named placeholders, so the CLI and the web can show it in the
user's language (see sursur.i18n); `str()` gives the English text.
"""


class UserError(Exception):
    """An error a user can meet and fix: a msgid with named placeholders, rendered in their language."""

    def __init__(self, msgid: str, **params):
        self.msgid, self.params = msgid, params
        super().__init__(self.render(lambda s: s))

    def render(self, gettext) -> str:
        return gettext(self.msgid).format(**self.params)


class DomainError(UserError, ValueError):
    """A record that breaks one of the domain's rules; says which record and which field."""

    def __init__(self, msgid: str, *, record: str | None = None, field: str | None = None, **params):
        self.record = record
        self.field = field
        super().__init__(msgid, **params)

    def render(self, gettext) -> str:
        text = gettext(self.msgid).format(**self.params)
        where = ".".join(p for p in (self.record, self.field) if p)
        return f"{where}: {text}" if where else text


def N_(msgid: str) -> str:
    """Marks a msgid for translation where it is defined; it is translated where it is shown."""
    return msgid
