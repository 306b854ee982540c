"""case_loads: remember which version of a built-in case was loaded, and when

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""
from alembic import op
import sqlalchemy as sa

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('case_loads',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case', sa.String(length=60), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('loaded_at', sa.String(length=32), nullable=False),
    sa.Column('changed', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_loads'))
    )


def downgrade() -> None:
    op.drop_table('case_loads')
