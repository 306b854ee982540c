"""store_revision: a number every write transaction raises

The observatory caches its answers per data revision: one cheap query tells whether anything was
written since (by the web, the command line or another process).

Revision ID: 0006
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table('store_revision',
                            sa.Column('id', sa.Integer(), nullable=False),
                            sa.Column('revision', sa.Integer(), nullable=False),
                            sa.PrimaryKeyConstraint('id', name=op.f('pk_store_revision')))
    op.bulk_insert(table, [{'id': 1, 'revision': 0}])


def downgrade() -> None:
    op.drop_table('store_revision')
