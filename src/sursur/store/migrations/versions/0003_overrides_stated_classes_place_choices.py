"""overrides, stated classes, place choices

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 14:39:54.754136
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('place_choices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('query', sa.String(length=200), nullable=False),
    sa.Column('country', sa.String(length=3), nullable=False),
    sa.Column('place_id', sa.String(length=60), nullable=False),
    sa.Column('confirmed_at', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_place_choices')),
    sa.UniqueConstraint('query', 'country', name=op.f('uq_place_choices_query'))
    )
    op.create_table('classification_overrides',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('record_type', sa.String(length=20), nullable=False),
    sa.Column('record_key', sa.String(length=120), nullable=False),
    sa.Column('scheme', sa.String(length=40), nullable=True),
    sa.Column('value', sa.String(length=20), nullable=False),
    sa.Column('justification', sa.Text(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=True),
    sa.Column('source_locator', sa.String(length=200), nullable=True),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_classification_overrides_source_id_sources'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_classification_overrides')),
    sa.UniqueConstraint('record_type', 'record_key', 'scheme', name=op.f('uq_classification_overrides_record_type'))
    )
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.add_column(sa.Column('stated_class', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('stated_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('stated_locator', sa.String(length=200), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_agreements_stated_id_sources'), 'sources', ['stated_id'], ['id'], ondelete='RESTRICT')

    with op.batch_alter_table('initiatives', schema=None) as batch_op:
        batch_op.add_column(sa.Column('stated_class', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('stated_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('stated_locator', sa.String(length=200), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_initiatives_stated_id_sources'), 'sources', ['stated_id'], ['id'], ondelete='RESTRICT')



def downgrade() -> None:
    with op.batch_alter_table('initiatives', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_initiatives_stated_id_sources'), type_='foreignkey')
        batch_op.drop_column('stated_locator')
        batch_op.drop_column('stated_id')
        batch_op.drop_column('stated_class')

    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_agreements_stated_id_sources'), type_='foreignkey')
        batch_op.drop_column('stated_locator')
        batch_op.drop_column('stated_id')
        batch_op.drop_column('stated_class')

    op.drop_table('classification_overrides')
    op.drop_table('place_choices')
