"""initial schema: sources, actors, agreements, initiatives, networks, practices, demands

Revision ID: 0001
Revises: 
Create Date: 2026-11-24 14:21:25.440659
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('actors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=120), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('country', sa.String(length=3), nullable=True),
    sa.Column('country_basis', sa.String(length=20), nullable=True),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('place', sa.String(length=60), nullable=True),
    sa.Column('founded', sa.String(length=10), nullable=True),
    sa.Column('website', sa.Text(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['parent_id'], ['actors.id'], name=op.f('fk_actors_parent_id_actors'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_actors')),
    sa.UniqueConstraint('key', name=op.f('uq_actors_key'))
    )
    with op.batch_alter_table('actors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actors_country'), ['country'], unique=False)
        batch_op.create_index(batch_op.f('ix_actors_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_actors_parent_id'), ['parent_id'], unique=False)

    op.create_table('agreements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=120), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('area', sa.Text(), nullable=True),
    sa.Column('signed', sa.String(length=10), nullable=True),
    sa.Column('ended', sa.String(length=10), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreements')),
    sa.UniqueConstraint('key', name=op.f('uq_agreements_key'))
    )
    op.create_table('record_themes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('record_type', sa.String(length=20), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('theme', sa.String(length=80), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_record_themes'))
    )
    with op.batch_alter_table('record_themes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_record_themes_theme'), ['theme'], unique=False)

    op.create_table('sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=120), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('author', sa.Text(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('publisher', sa.Text(), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('file', sa.Text(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sources')),
    sa.UniqueConstraint('key', name=op.f('uq_sources_key'))
    )
    op.create_table('actor_measures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=30), nullable=False),
    sa.Column('value', sa.Numeric(precision=24, scale=4), nullable=False),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('approximate', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('source_id', sa.Integer(), nullable=True),
    sa.Column('source_locator', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], name=op.f('fk_actor_measures_actor_id_actors'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_actor_measures_source_id_sources'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_actor_measures')),
    sa.UniqueConstraint('actor_id', 'name', name=op.f('uq_actor_measures_actor_id'))
    )
    with op.batch_alter_table('actor_measures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actor_measures_actor_id'), ['actor_id'], unique=False)

    op.create_table('actor_names',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], name=op.f('fk_actor_names_actor_id_actors'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_actor_names'))
    )
    with op.batch_alter_table('actor_names', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actor_names_actor_id'), ['actor_id'], unique=False)

    op.create_table('actor_timeline',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('date', sa.String(length=10), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=True),
    sa.Column('source_locator', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], name=op.f('fk_actor_timeline_actor_id_actors'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_actor_timeline_source_id_sources'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_actor_timeline'))
    )
    with op.batch_alter_table('actor_timeline', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actor_timeline_actor_id'), ['actor_id'], unique=False)

    op.create_table('agreement_parties',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], name=op.f('fk_agreement_parties_actor_id_actors'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], name=op.f('fk_agreement_parties_agreement_id_agreements'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_parties'))
    )
    with op.batch_alter_table('agreement_parties', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_parties_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_parties_agreement_id'), ['agreement_id'], unique=False)

    op.create_table('citations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('record_type', sa.String(length=20), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=True),
    sa.Column('source_locator', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_citations_source_id_sources'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_citations'))
    )
    op.create_table('demands',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=120), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('need', sa.Text(), nullable=False),
    sa.Column('need_lang', sa.String(length=8), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], name=op.f('fk_demands_actor_id_actors'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_demands')),
    sa.UniqueConstraint('key', name=op.f('uq_demands_key'))
    )
    with op.batch_alter_table('demands', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_demands_actor_id'), ['actor_id'], unique=False)

    op.create_table('initiatives',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=120), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('description_lang', sa.String(length=8), nullable=True),
    sa.Column('modality', sa.String(length=20), nullable=False),
    sa.Column('instrument', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('start', sa.String(length=10), nullable=True),
    sa.Column('end', sa.String(length=10), nullable=True),
    sa.Column('agreement_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], name=op.f('fk_initiatives_agreement_id_agreements'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_initiatives')),
    sa.UniqueConstraint('key', name=op.f('uq_initiatives_key'))
    )
    with op.batch_alter_table('initiatives', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_initiatives_agreement_id'), ['agreement_id'], unique=False)

    op.create_table('networks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=120), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('founded', sa.String(length=10), nullable=True),
    sa.Column('thematic_unit_count', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], name=op.f('fk_networks_actor_id_actors'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_networks')),
    sa.UniqueConstraint('key', name=op.f('uq_networks_key'))
    )
    with op.batch_alter_table('networks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_networks_actor_id'), ['actor_id'], unique=False)

    op.create_table('practices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=120), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('summary_lang', sa.String(length=8), nullable=True),
    sa.Column('evidence', sa.Text(), nullable=True),
    sa.Column('recognition', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['owner_id'], ['actors.id'], name=op.f('fk_practices_owner_id_actors'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practices')),
    sa.UniqueConstraint('key', name=op.f('uq_practices_key'))
    )
    with op.batch_alter_table('practices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_practices_owner_id'), ['owner_id'], unique=False)

    op.create_table('figures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('value', sa.Numeric(precision=24, scale=4), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=True),
    sa.Column('source_locator', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_figures_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_figures_source_id_sources'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_figures'))
    )
    with op.batch_alter_table('figures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_figures_initiative_id'), ['initiative_id'], unique=False)

    op.create_table('flows',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('amount', sa.Numeric(precision=20, scale=2), nullable=True),
    sa.Column('currency', sa.String(length=3), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('date', sa.String(length=10), nullable=True),
    sa.Column('from_actor_id', sa.Integer(), nullable=True),
    sa.Column('to_actor_id', sa.Integer(), nullable=True),
    sa.Column('source_id', sa.Integer(), nullable=True),
    sa.Column('source_locator', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['from_actor_id'], ['actors.id'], name=op.f('fk_flows_from_actor_id_actors'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_flows_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_flows_source_id_sources'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['to_actor_id'], ['actors.id'], name=op.f('fk_flows_to_actor_id_actors'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_flows'))
    )
    with op.batch_alter_table('flows', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_flows_from_actor_id'), ['from_actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_flows_initiative_id'), ['initiative_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_flows_to_actor_id'), ['to_actor_id'], unique=False)

    op.create_table('initiative_countries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('country', sa.String(length=3), nullable=False),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_initiative_countries_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_initiative_countries'))
    )
    with op.batch_alter_table('initiative_countries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_initiative_countries_initiative_id'), ['initiative_id'], unique=False)

    op.create_table('initiative_types',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=30), nullable=False),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_initiative_types_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_initiative_types'))
    )
    with op.batch_alter_table('initiative_types', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_initiative_types_initiative_id'), ['initiative_id'], unique=False)

    op.create_table('memberships',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.Column('joined', sa.String(length=10), nullable=True),
    sa.Column('left', sa.String(length=10), nullable=True),
    sa.Column('founding', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], name=op.f('fk_memberships_actor_id_actors'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_memberships_network_id_networks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_memberships')),
    sa.UniqueConstraint('actor_id', 'network_id', name=op.f('uq_memberships_actor_id'))
    )
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_memberships_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_memberships_network_id'), ['network_id'], unique=False)

    op.create_table('network_member_counts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=True),
    sa.Column('source_locator', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_network_member_counts_network_id_networks'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_network_member_counts_source_id_sources'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_network_member_counts')),
    sa.UniqueConstraint('network_id', 'year', name=op.f('uq_network_member_counts_network_id'))
    )
    with op.batch_alter_table('network_member_counts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_network_member_counts_network_id'), ['network_id'], unique=False)

    op.create_table('participations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('party', sa.Text(), nullable=True),
    sa.Column('country', sa.String(length=3), nullable=True),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], name=op.f('fk_participations_actor_id_actors'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_participations_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participations'))
    )
    with op.batch_alter_table('participations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participations_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_participations_initiative_id'), ['initiative_id'], unique=False)

    op.create_table('thematic_units',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=True),
    sa.Column('source_locator', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_thematic_units_network_id_networks'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_thematic_units_source_id_sources'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_thematic_units'))
    )
    with op.batch_alter_table('thematic_units', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_thematic_units_network_id'), ['network_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('thematic_units', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_thematic_units_network_id'))

    op.drop_table('thematic_units')
    with op.batch_alter_table('participations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participations_initiative_id'))
        batch_op.drop_index(batch_op.f('ix_participations_actor_id'))

    op.drop_table('participations')
    with op.batch_alter_table('network_member_counts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_network_member_counts_network_id'))

    op.drop_table('network_member_counts')
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_memberships_network_id'))
        batch_op.drop_index(batch_op.f('ix_memberships_actor_id'))

    op.drop_table('memberships')
    with op.batch_alter_table('initiative_types', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_initiative_types_initiative_id'))

    op.drop_table('initiative_types')
    with op.batch_alter_table('initiative_countries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_initiative_countries_initiative_id'))

    op.drop_table('initiative_countries')
    with op.batch_alter_table('flows', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_flows_to_actor_id'))
        batch_op.drop_index(batch_op.f('ix_flows_initiative_id'))
        batch_op.drop_index(batch_op.f('ix_flows_from_actor_id'))

    op.drop_table('flows')
    with op.batch_alter_table('figures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_figures_initiative_id'))

    op.drop_table('figures')
    with op.batch_alter_table('practices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_practices_owner_id'))

    op.drop_table('practices')
    with op.batch_alter_table('networks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_networks_actor_id'))

    op.drop_table('networks')
    with op.batch_alter_table('initiatives', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_initiatives_agreement_id'))

    op.drop_table('initiatives')
    with op.batch_alter_table('demands', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_demands_actor_id'))

    op.drop_table('demands')
    op.drop_table('citations')
    with op.batch_alter_table('agreement_parties', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_parties_agreement_id'))
        batch_op.drop_index(batch_op.f('ix_agreement_parties_actor_id'))

    op.drop_table('agreement_parties')
    with op.batch_alter_table('actor_timeline', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actor_timeline_actor_id'))

    op.drop_table('actor_timeline')
    with op.batch_alter_table('actor_names', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actor_names_actor_id'))

    op.drop_table('actor_names')
    with op.batch_alter_table('actor_measures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actor_measures_actor_id'))

    op.drop_table('actor_measures')
    op.drop_table('sources')
    with op.batch_alter_table('record_themes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_record_themes_theme'))

    op.drop_table('record_themes')
    op.drop_table('agreements')
    with op.batch_alter_table('actors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actors_parent_id'))
        batch_op.drop_index(batch_op.f('ix_actors_kind'))
        batch_op.drop_index(batch_op.f('ix_actors_country'))

    op.drop_table('actors')
