"""indexes on the polymorphic children (citations, themes) by the record they belong to

Explore's theme counts and reading a page of records looked these rows up by record: without the index
each lookup scanned the whole table (0.2 s per query on 200 000 initiatives).

Revision ID: 0005
Revises: 0004
"""
from alembic import op


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_citations_record', 'citations', ['record_type', 'record_id'], unique=False)
    op.create_index('ix_record_themes_record', 'record_themes', ['record_type', 'record_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_record_themes_record', table_name='record_themes')
    op.drop_index('ix_citations_record', table_name='citations')
