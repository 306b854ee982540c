"""accounts, sessions, API tokens, drafts, the audit trail; organisation and version on editable records

Revision ID: 0007
Revises: 0006
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

EDITABLE = ('actors', 'agreements', 'initiatives', 'memberships', 'practices')


def _pk(table):
    return [sa.Column('id', sa.Integer(), nullable=False), sa.PrimaryKeyConstraint('id', name=op.f(f'pk_{table}'))]


def _user_fk(table):
    return [sa.Column('user_id', sa.Integer(), nullable=False),
            sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f(f'fk_{table}_user_id_users'),
                                    ondelete='CASCADE')]


def upgrade() -> None:
    for table in EDITABLE:
        op.add_column(table, sa.Column('organisation', sa.String(length=120), nullable=True))
        op.add_column(table, sa.Column('version', sa.Integer(), nullable=False, server_default='1'))
        op.create_index(op.f(f'ix_{table}_organisation'), table, ['organisation'], unique=False)
    op.create_table('users', *_pk('users'),
                    sa.Column('email', sa.String(length=254), nullable=False),
                    sa.Column('organisation', sa.String(length=120), nullable=False),
                    sa.Column('role', sa.String(length=10), nullable=False),
                    sa.Column('password_hash', sa.Text(), nullable=True),
                    sa.Column('created_at', sa.String(length=32), nullable=False),
                    sa.Column('revoked_at', sa.String(length=32), nullable=True),
                    sa.UniqueConstraint('email', name=op.f('uq_users_email')))
    for table in ('api_tokens', 'sessions'):
        extra = [sa.Column('csrf', sa.String(length=64), nullable=False)] if table == 'sessions' else []
        ends = ([sa.Column('expires_at', sa.String(length=32), nullable=False)] if table == 'sessions'
                else [sa.Column('revoked_at', sa.String(length=32), nullable=True)])
        op.create_table(table, *_pk(table), *_user_fk(table),
                        sa.Column('token_hash', sa.String(length=64), nullable=False), *extra,
                        sa.Column('created_at', sa.String(length=32), nullable=False), *ends,
                        sa.UniqueConstraint('token_hash', name=op.f(f'uq_{table}_token_hash')))
        op.create_index(op.f(f'ix_{table}_user_id'), table, ['user_id'], unique=False)
    op.create_table('login_failures', *_pk('login_failures'),
                    sa.Column('at', sa.Numeric(precision=16, scale=3), nullable=False),
                    sa.Column('email', sa.String(length=254), nullable=False),
                    sa.Column('address', sa.String(length=64), nullable=False))
    op.create_index(op.f('ix_login_failures_email'), 'login_failures', ['email'], unique=False)
    op.create_index(op.f('ix_login_failures_address'), 'login_failures', ['address'], unique=False)
    op.create_table('drafts', *_pk('drafts'),
                    sa.Column('record_type', sa.String(length=20), nullable=False),
                    sa.Column('record_key', sa.String(length=250), nullable=False),
                    sa.Column('organisation', sa.String(length=120), nullable=True),
                    sa.Column('data', sa.Text(), nullable=False),
                    sa.Column('version', sa.Integer(), nullable=False),
                    sa.Column('created_by', sa.String(length=254), nullable=False),
                    sa.Column('created_at', sa.String(length=32), nullable=False),
                    sa.Column('updated_at', sa.String(length=32), nullable=False),
                    sa.UniqueConstraint('record_type', 'record_key', name=op.f('uq_drafts_record_type')))
    op.create_index(op.f('ix_drafts_organisation'), 'drafts', ['organisation'], unique=False)
    op.create_table('audit_log', *_pk('audit_log'),
                    sa.Column('at', sa.String(length=32), nullable=False),
                    sa.Column('user_email', sa.String(length=254), nullable=False),
                    sa.Column('action', sa.String(length=20), nullable=False),
                    sa.Column('record_type', sa.String(length=20), nullable=False),
                    sa.Column('record_key', sa.String(length=250), nullable=False),
                    sa.Column('state', sa.String(length=10), nullable=False),
                    sa.Column('version', sa.Integer(), nullable=True),
                    sa.Column('before', sa.Text(), nullable=True),
                    sa.Column('after', sa.Text(), nullable=True))
    op.create_index(op.f('ix_audit_log_at'), 'audit_log', ['at'], unique=False)
    op.create_index(op.f('ix_audit_log_user_email'), 'audit_log', ['user_email'], unique=False)
    op.create_index('ix_audit_log_record', 'audit_log', ['record_type', 'record_key'], unique=False)


def downgrade() -> None:
    for table in ('audit_log', 'drafts', 'login_failures', 'sessions', 'api_tokens', 'users'):
        op.drop_table(table)
    for table in EDITABLE:
        op.drop_index(op.f(f'ix_{table}_organisation'), table_name=table)
        with op.batch_alter_table(table) as batch:
            batch.drop_column('version')
            batch.drop_column('organisation')
