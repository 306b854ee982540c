"""IATI identifiers: an actor's organisation ref, an initiative's iati-identifier and reporting org

Kept as published, so that an export writes them back unchanged (keys are lower-cased and may be cut).

Revision ID: 0004
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('actors') as batch:
        batch.add_column(sa.Column('iati_ref', sa.String(length=200), nullable=True))
    with op.batch_alter_table('initiatives') as batch:
        batch.add_column(sa.Column('iati_identifier', sa.String(length=250), nullable=True))
        batch.add_column(sa.Column('reporter_id', sa.Integer(), nullable=True))
        batch.create_index(batch.f('ix_initiatives_iati_identifier'), ['iati_identifier'], unique=False)
        batch.create_index(batch.f('ix_initiatives_reporter_id'), ['reporter_id'], unique=False)
        batch.create_foreign_key(batch.f('fk_initiatives_reporter_id_actors'), 'actors', ['reporter_id'], ['id'],
                                 ondelete='SET NULL')


def downgrade() -> None:
    with op.batch_alter_table('initiatives') as batch:
        batch.drop_constraint(batch.f('fk_initiatives_reporter_id_actors'), type_='foreignkey')
        batch.drop_index(batch.f('ix_initiatives_reporter_id'))
        batch.drop_index(batch.f('ix_initiatives_iati_identifier'))
        batch.drop_column('reporter_id')
        batch.drop_column('iati_identifier')
    with op.batch_alter_table('actors') as batch:
        batch.drop_column('iati_ref')
