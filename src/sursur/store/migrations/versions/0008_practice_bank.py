"""the practice bank: a practice's description, problem, results, contact and transfer history; the matching
index (one text vector per record and engine)

Revision ID: 0008
Revises: 0007
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

PRACTICE_COLUMNS = (('description', sa.Text()), ('description_lang', sa.String(length=8)), ('problem', sa.Text()),
                    ('results', sa.Text()), ('contact', sa.Text()))


def upgrade() -> None:
    for name, kind in PRACTICE_COLUMNS:
        op.add_column('practices', sa.Column(name, kind, nullable=True))
    op.create_table(
        'practice_transfers',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('practice_id', sa.Integer(), nullable=False),
        sa.Column('initiative_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['practice_id'], ['practices.id'],
                                name=op.f('fk_practice_transfers_practice_id_practices'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'],
                                name=op.f('fk_practice_transfers_initiative_id_initiatives'), ondelete='RESTRICT'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_transfers')),
        sa.UniqueConstraint('practice_id', 'initiative_id',
                            name=op.f('uq_practice_transfers_practice_id')))
    op.create_index(op.f('ix_practice_transfers_practice_id'), 'practice_transfers', ['practice_id'])
    op.create_index(op.f('ix_practice_transfers_initiative_id'), 'practice_transfers', ['initiative_id'])
    op.create_table(
        'match_vectors',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('key', sa.String(length=120), nullable=False),
        sa.Column('engine', sa.String(length=60), nullable=False),
        sa.Column('text_hash', sa.String(length=64), nullable=False),
        sa.Column('cut', sa.Boolean(), nullable=False),
        sa.Column('vector', sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_match_vectors')),
        sa.UniqueConstraint('kind', 'key', 'engine', name=op.f('uq_match_vectors_kind')))


def downgrade() -> None:
    op.drop_table('match_vectors')
    op.drop_index(op.f('ix_practice_transfers_initiative_id'), 'practice_transfers')
    op.drop_index(op.f('ix_practice_transfers_practice_id'), 'practice_transfers')
    op.drop_table('practice_transfers')
    with op.batch_alter_table('practices') as batch:
        for name, _ in reversed(PRACTICE_COLUMNS):
            batch.drop_column(name)
