"""`sursur users add|list|token|revoke|password` and `sursur audit`: accounts and the audit trail.

The command line works on the database directly, so whoever runs it is trusted as an admin (the first
admin is made this way). Passwords are read without echo, or from standard input with --password-stdin.
"""

from __future__ import annotations

import sys
from typing import Optional

import typer

from ..domain.errors import N_
from ..services import accounts, editing
from ..services.accounts import Role, User
from .app import Context, app, emit_json, out, print_table, run_action

users_app = typer.Typer(help="Accounts: users of an organisation with a role (admin, editor, viewer), and "
                             "their API tokens. See docs/EDITING.md.", no_args_is_help=True)
app.add_typer(users_app, name="users")

OPERATOR = User(0, "cli", "", Role.ADMIN)  # the person at the command line


def _password(c: Context, from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    return typer.prompt(c._("Password (at least {count} characters)").format(count=accounts.MIN_PASSWORD),
                        hide_input=True, confirmation_prompt=True)


@users_app.command("add")
def add(ctx: typer.Context, email: str = typer.Argument(..., help="The user's e-mail (their sign-in name)."),
        org: str = typer.Option(..., "--org", help="Key of the actor the user works for, e.g. medellin."),
        role: str = typer.Option(..., "--role", help="admin, editor or viewer."),
        no_password: bool = typer.Option(False, "--no-password", help="No web sign-in: an API token only."),
        password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from stdin.")):
    """Add a user. The first admin is made this way: sursur users add you@city.gov --org KEY --role admin"""
    def action(c: Context):
        store = c.store()
        password = None if no_password else _password(c, password_stdin)
        user = accounts.add_user(store, email, org, role, password)
        out.print(c._("User {email} added: {role} of {organisation}").format(
            email=user.email, role=user.role.value, organisation=user.organisation))
    run_action(ctx, action)


@users_app.command("list")
def list_users(ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print JSON.")):
    """List the users, their organisation and role."""
    def action(c: Context):
        found = accounts.list_users(c.store())
        if as_json:
            emit_json([{"email": u.email, "organisation": u.organisation, "role": u.role.value,
                        "revoked": u.revoked} for u in found])
            return
        print_table(c._("Users"), (c._("E-mail"), c._("organisation"), c._("role"), c._("state")),
                    [(u.email, u.organisation, u.role.value, c._("revoked") if u.revoked else c._("active"))
                     for u in found])
    run_action(ctx, action)


@users_app.command("token")
def token(ctx: typer.Context, email: str = typer.Argument(...)):
    """Make an API token for the user. It is shown once; sursur keeps only its hash."""
    def action(c: Context):
        made = accounts.new_token(c.store(), email)
        out.print(c._("API token for {email} (shown once; send it as 'Authorization: Bearer TOKEN'):").format(
            email=email.strip().lower()))
        typer.echo(made)
    run_action(ctx, action)


@users_app.command("revoke")
def revoke(ctx: typer.Context, email: str = typer.Argument(...)):
    """Revoke a user: no more sign-in, and every token and session of theirs stops working."""
    def action(c: Context):
        count = accounts.revoke(c.store(), email)
        out.print(c._("User {email} revoked ({count} API tokens revoked)").format(email=email.strip().lower(),
                                                                                count=count))
    run_action(ctx, action)


@users_app.command("password")
def password(ctx: typer.Context, email: str = typer.Argument(...),
             password_stdin: bool = typer.Option(False, "--password-stdin", help="Read it from stdin.")):
    """Set a user's password."""
    def action(c: Context):
        accounts.set_password(c.store(), email, _password(c, password_stdin))
        out.print(c._("Password of {email} set").format(email=email.strip().lower()))
    run_action(ctx, action)


def _record(value: str | None) -> tuple[str | None, str | None]:
    if not value:
        return None, None
    kind, _, key = value.partition("/")
    if kind not in editing.EDITABLE or not key:
        from ..domain.errors import UserError
        raise UserError(N_("--record is KIND/KEY, e.g. initiatives/lima-parques; kinds: {kinds}"),
                        kinds=", ".join(editing.EDITABLE))
    return kind, key


@app.command()
def audit(ctx: typer.Context,
          record: Optional[str] = typer.Option(None, "--record", help="KIND/KEY, e.g. initiatives/lima-parques"),
          user: Optional[str] = typer.Option(None, "--user", help="Only this user's changes (e-mail)."),
          at: Optional[str] = typer.Option(None, "--at", help="With --record: the record as it was at this date "
                                                              "(YYYY-MM-DD)."),
          as_json: bool = typer.Option(False, "--json", help="Print JSON, with before and after.")):
    """The audit trail: every change to a record, who made it and when, before and after."""
    def action(c: Context):
        kind, key = _record(record)
        store = c.store()
        if at:
            if not key:
                from ..domain.errors import UserError
                raise UserError(N_("--at needs --record KIND/KEY"))
            emit_json({"record": f"{kind}/{key}", "at": at, "as_it_was": editing.as_of(store, OPERATOR, kind, key, at)})
            return
        changes = editing.audit(store, OPERATOR, kind=kind, key=key, email=user, limit=None)
        if as_json:
            emit_json([{"at": ch.at, "user": ch.user, "action": ch.action, "record": f"{ch.kind}/{ch.key}",
                        "state": ch.state, "version": ch.version, "fields": ch.fields, "before": ch.before,
                        "after": ch.after} for ch in changes])
            return
        print_table(c._("Audit trail"), (c._("when"), c._("user"), c._("action"), c._("record"), c._("state"),
                                         c._("version"), c._("fields changed")),
                    [(ch.at[:19].replace("T", " "), ch.user, ch.action, f"{ch.kind}/{ch.key}", ch.state,
                      str(ch.version or ""), ", ".join(ch.fields)) for ch in changes])
    run_action(ctx, action)
