"""The relational schema. Alembic migrations in store/migrations must produce exactly this."""

from __future__ import annotations

from sqlalchemy import (Boolean, Column, ForeignKey, Index, Integer, LargeBinary, MetaData, Numeric, String, Table, Text,
                        UniqueConstraint)

metadata = MetaData(naming_convention={
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

# Dates are stored as the source states them: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' (they sort as text).
DATE = String(10)
# Amounts: exact decimals, NULL meaning unknown (never 0).
AMOUNT = Numeric(20, 2)


def _pk():
    return Column("id", Integer, primary_key=True)


def _fk(name: str, table: str, nullable: bool = False, ondelete: str = "CASCADE"):
    return Column(name, Integer, ForeignKey(f"{table}.id", ondelete=ondelete), nullable=nullable, index=True)


def _editing():
    """Who may edit a record and which version of it is stored (seventh migration): `organisation` is
    the key of the actor whose editors may change it (NULL: only admins), `version` rises with every
    change, so an edit made on an older version is refused instead of overwriting (services/editing.py)."""
    return [Column("organisation", String(120), index=True),
            Column("version", Integer, nullable=False, server_default="1")]


def _cite(prefix: str = "source"):
    """A citation on one fact: which source, where in it."""
    return [Column(f"{prefix}_id", Integer, ForeignKey("sources.id", ondelete="RESTRICT"), nullable=True),
            Column(f"{prefix}_locator", String(200), nullable=True)]


sources = Table(
    "sources", metadata, _pk(),
    Column("key", String(120), nullable=False, unique=True),
    Column("kind", String(20), nullable=False),
    Column("title", Text, nullable=False),
    Column("author", Text), Column("year", Integer), Column("publisher", Text),
    Column("url", Text), Column("file", Text), Column("note", Text),
)

actors = Table(
    "actors", metadata, _pk(),
    Column("key", String(120), nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("kind", String(30), nullable=False, index=True),
    Column("country", String(3), index=True),
    Column("country_basis", String(20)),
    _fk("parent_id", "actors", nullable=True, ondelete="SET NULL"),
    Column("place", String(60)),
    Column("founded", DATE),
    Column("website", Text),
    Column("note", Text),
    Column("iati_ref", String(200)),
    *_editing(),
)

actor_names = Table(
    "actor_names", metadata, _pk(), _fk("actor_id", "actors"),
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
)

# population, area_km2 and gdp_usd: one row each when stated, with the year and the citation.
actor_measures = Table(
    "actor_measures", metadata, _pk(), _fk("actor_id", "actors"),
    Column("name", String(30), nullable=False),
    Column("value", Numeric(24, 4), nullable=False),
    Column("year", Integer),
    Column("approximate", Boolean, nullable=False, default=False),
    Column("note", Text),
    *_cite(),
    UniqueConstraint("actor_id", "name"),
)

actor_timeline = Table(
    "actor_timeline", metadata, _pk(), _fk("actor_id", "actors"),
    Column("position", Integer, nullable=False),
    Column("date", DATE, nullable=False),
    Column("text", Text, nullable=False),
    *_cite(),
)

# Record-level citations for every kind of record (record_type names the table).
citations = Table(
    "citations", metadata, _pk(),
    Column("record_type", String(20), nullable=False),
    Column("record_id", Integer, nullable=False),
    Column("position", Integer, nullable=False),
    *_cite(),
    Index("ix_citations_record", "record_type", "record_id"),
)

record_themes = Table(
    "record_themes", metadata, _pk(),
    Column("record_type", String(20), nullable=False),
    Column("record_id", Integer, nullable=False),
    Column("position", Integer, nullable=False),
    Column("theme", String(80), nullable=False, index=True),
    Index("ix_record_themes_record", "record_type", "record_id"),
)

agreements = Table(
    "agreements", metadata, _pk(),
    Column("key", String(120), nullable=False, unique=True),
    Column("kind", String(30), nullable=False),
    Column("area", Text),
    Column("signed", DATE), Column("ended", DATE),
    Column("status", String(20), nullable=False),
    Column("stated_class", String(20)),
    *_cite("stated"),
    *_editing(),
)

agreement_parties = Table(
    "agreement_parties", metadata, _pk(), _fk("agreement_id", "agreements"),
    _fk("actor_id", "actors", ondelete="RESTRICT"),
    Column("position", Integer, nullable=False),
)

initiatives = Table(
    "initiatives", metadata, _pk(),
    Column("key", String(120), nullable=False, unique=True),
    Column("title", Text, nullable=False),
    Column("description", Text), Column("description_lang", String(8)),
    Column("modality", String(20), nullable=False),
    Column("instrument", String(20), nullable=False),
    Column("status", String(20), nullable=False),
    Column("start", DATE), Column("end", DATE),
    _fk("agreement_id", "agreements", nullable=True, ondelete="SET NULL"),
    Column("stated_class", String(20)),
    *_cite("stated"),
    Column("iati_identifier", String(250), index=True),
    _fk("reporter_id", "actors", nullable=True, ondelete="SET NULL"),
    *_editing(),
)

initiative_types = Table(
    "initiative_types", metadata, _pk(), _fk("initiative_id", "initiatives"),
    Column("position", Integer, nullable=False),
    Column("type", String(30), nullable=False),
)

initiative_countries = Table(
    "initiative_countries", metadata, _pk(), _fk("initiative_id", "initiatives"),
    Column("position", Integer, nullable=False),
    Column("country", String(3), nullable=False),
)

participations = Table(
    "participations", metadata, _pk(), _fk("initiative_id", "initiatives"),
    Column("position", Integer, nullable=False),
    _fk("actor_id", "actors", nullable=True, ondelete="RESTRICT"),
    Column("party", Text),
    Column("country", String(3)),
    Column("role", String(20), nullable=False),
)

flows = Table(
    "flows", metadata, _pk(), _fk("initiative_id", "initiatives"),
    Column("position", Integer, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("amount", AMOUNT, nullable=True),
    Column("currency", String(3)),
    Column("year", Integer),
    Column("date", DATE),
    _fk("from_actor_id", "actors", nullable=True, ondelete="RESTRICT"),
    _fk("to_actor_id", "actors", nullable=True, ondelete="RESTRICT"),
    *_cite(),
)

figures = Table(
    "figures", metadata, _pk(), _fk("initiative_id", "initiatives"),
    Column("position", Integer, nullable=False),
    Column("name", String(60), nullable=False),
    Column("value", Numeric(24, 4), nullable=False),
    *_cite(),
)

networks = Table(
    "networks", metadata, _pk(),
    Column("key", String(120), nullable=False, unique=True),
    _fk("actor_id", "actors", ondelete="RESTRICT"),
    Column("founded", DATE),
    Column("thematic_unit_count", Integer),
)

network_member_counts = Table(
    "network_member_counts", metadata, _pk(), _fk("network_id", "networks"),
    Column("year", Integer, nullable=False),
    Column("count", Integer, nullable=False),
    *_cite(),
    UniqueConstraint("network_id", "year"),
)

thematic_units = Table(
    "thematic_units", metadata, _pk(), _fk("network_id", "networks"),
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
    *_cite(),
)

memberships = Table(
    "memberships", metadata, _pk(),
    _fk("actor_id", "actors", ondelete="RESTRICT"),
    _fk("network_id", "networks"),
    Column("joined", DATE), Column("left", DATE),
    Column("founding", Boolean, nullable=False, default=False),
    UniqueConstraint("actor_id", "network_id"),
    *_editing(),
)

practices = Table(
    "practices", metadata, _pk(),
    Column("key", String(120), nullable=False, unique=True),
    _fk("owner_id", "actors", ondelete="RESTRICT"),
    Column("title", Text, nullable=False),
    Column("summary", Text), Column("summary_lang", String(8)),
    Column("evidence", Text), Column("recognition", Text),
    *_editing(),
    # added by the eighth migration: the rest of a practice's record in the bank
    Column("description", Text), Column("description_lang", String(8)),
    Column("problem", Text), Column("results", Text), Column("contact", Text),
)

# The initiatives that carried a practice to other actors (its transfer history; eighth migration).
practice_transfers = Table(
    "practice_transfers", metadata, _pk(), _fk("practice_id", "practices"),
    _fk("initiative_id", "initiatives", ondelete="RESTRICT"),
    Column("position", Integer, nullable=False),
    UniqueConstraint("practice_id", "initiative_id"),
)

demands = Table(
    "demands", metadata, _pk(),
    Column("key", String(120), nullable=False, unique=True),
    _fk("actor_id", "actors", ondelete="RESTRICT"),
    Column("need", Text, nullable=False), Column("need_lang", String(8)),
)

# The matching index (eighth migration): one text vector per record and engine, with the hash of the text
# it was computed from, so `sursur match reindex` recomputes only what changed and a restart re-embeds
# nothing. Keyed by kind and record key (not id), so a re-imported record keeps its vector.
match_vectors = Table(
    "match_vectors", metadata, _pk(),
    Column("kind", String(20), nullable=False),
    Column("key", String(120), nullable=False),
    Column("engine", String(60), nullable=False),
    Column("text_hash", String(64), nullable=False),
    Column("cut", Boolean, nullable=False),
    Column("vector", LargeBinary, nullable=False),
    UniqueConstraint("kind", "key", "engine"),
)

# Which version of which built-in case was loaded, and when (added by the second migration).
# One row: a number every write transaction raises (Store.transaction), so readers (the web's response
# cache) can tell in one cheap query whether anything changed, whoever wrote it.
store_revision = Table(
    "store_revision", metadata,
    Column("id", Integer, primary_key=True),
    Column("revision", Integer, nullable=False),
    Column("changed_at", String(32)),  # ISO 8601, UTC, of the last write (ninth migration); NULL: not known
)

case_loads = Table(
    "case_loads", metadata, _pk(),
    Column("case", String(60), nullable=False),
    Column("version", Integer, nullable=False),
    Column("loaded_at", String(32), nullable=False),
    Column("changed", Integer, nullable=False),
)

# A person's replacement for a computed class (added by the third migration). Keyed by the record's key,
# so an override survives re-imports of the record. scheme NULL: under every scheme.
classification_overrides = Table(
    "classification_overrides", metadata, _pk(),
    Column("record_type", String(20), nullable=False),
    Column("record_key", String(120), nullable=False),
    Column("scheme", String(40)),
    Column("value", String(20), nullable=False),
    Column("justification", Text, nullable=False),
    *_cite(),
    Column("created_at", String(32), nullable=False),
    UniqueConstraint("record_type", "record_key", "scheme"),
)

# A place a user confirmed for a name, reused by later resolutions of the same name (third migration).
place_choices = Table(
    "place_choices", metadata, _pk(),
    Column("query", String(200), nullable=False),  # the folded name
    Column("country", String(3), nullable=False, default=""),  # '' when the name came without a country
    Column("place_id", String(60), nullable=False),
    Column("confirmed_at", String(32), nullable=False),
    UniqueConstraint("query", "country"),
)


# --- accounts, drafts and the audit trail (seventh migration; services/accounts.py, editing.py) -----------

users = Table(
    "users", metadata, _pk(),
    Column("email", String(254), nullable=False, unique=True),  # stored lowercased
    Column("organisation", String(120), nullable=False),  # the key of the actor the user works for
    Column("role", String(10), nullable=False),  # admin, editor or viewer
    Column("password_hash", Text),  # argon2; NULL: signs in with an API token only
    Column("created_at", String(32), nullable=False),
    Column("revoked_at", String(32)),  # set: no sign-in, no token works
)

# Secrets are stored as their SHA-256: a stolen database gives no working token or session.
api_tokens = Table(
    "api_tokens", metadata, _pk(), _fk("user_id", "users"),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", String(32), nullable=False),
    Column("revoked_at", String(32)),
)

sessions = Table(
    "sessions", metadata, _pk(), _fk("user_id", "users"),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("csrf", String(64), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("expires_at", String(32), nullable=False),
)

login_failures = Table(
    "login_failures", metadata, _pk(),
    Column("at", Numeric(16, 3), nullable=False),  # seconds since the epoch
    Column("email", String(254), nullable=False, index=True),
    Column("address", String(64), nullable=False, index=True),
)

drafts = Table(
    "drafts", metadata, _pk(),
    Column("record_type", String(20), nullable=False),
    Column("record_key", String(250), nullable=False),
    Column("organisation", String(120), index=True),
    Column("data", Text, nullable=False),  # the form's fields as JSON, read as one row of the kind's table
    Column("version", Integer, nullable=False),
    Column("created_by", String(254), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("updated_at", String(32), nullable=False),
    UniqueConstraint("record_type", "record_key"),
)

audit_log = Table(
    "audit_log", metadata, _pk(),
    Column("at", String(32), nullable=False, index=True),  # ISO 8601, UTC
    Column("user_email", String(254), nullable=False, index=True),
    Column("action", String(20), nullable=False),  # create, update, delete, publish
    Column("record_type", String(20), nullable=False),
    Column("record_key", String(250), nullable=False),
    Column("state", String(10), nullable=False),  # draft or published: where the record was after the change
    Column("version", Integer),
    Column("before", Text),  # JSON of the record before (NULL: it did not exist)
    Column("after", Text),  # JSON after (NULL: deleted)
    Index("ix_audit_log_record", "record_type", "record_key"),
)
