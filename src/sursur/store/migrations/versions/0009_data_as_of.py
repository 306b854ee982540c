"""store_revision.changed_at: when the last write transaction was committed (a report's "data as of")

Revision ID: 0009
Revises: 0008
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # NULL on a database written before this revision: its last change is not known, and is not guessed.
    with op.batch_alter_table('store_revision') as batch:
        batch.add_column(sa.Column('changed_at', sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('store_revision') as batch:
        batch.drop_column('changed_at')
