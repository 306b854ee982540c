"""Accounts on SQLite and PostgreSQL: users and their roles, passwords and tokens as they are stored, the
sign-in limits (per account and per address), the web sign-in form (CSRF, cookies, signing out) and the
`sursur users` command line.

Every test uses its own e-mail addresses and client address, so the module's store (the Medellín case,
one per backend) can be shared: failed sign-ins of one test never count against another's.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from types import SimpleNamespace

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from typer.testing import CliRunner

from sursur.cli import app as cli
from sursur.services import accounts
from sursur.services.accounts import AccountError, Role, SignInRefused
from sursur.store import tables as t
from sursur.web.app import create_app

PASSWORD = "correct horse battery staple"
_numbers = itertools.count(1)


def email(label: str = "user") -> str:
    return f"{label}-{next(_numbers)}@medellin.example"


def address() -> str:
    n = next(_numbers)
    return f"10.1.{n // 250}.{n % 250}"


def row_of(store, who: str):
    with store.reading() as repo:
        return repo.conn.execute(select(t.users).where(t.users.c.email == who)).one()


@pytest.fixture(scope="module")
def store(medellin_store):
    return medellin_store


# --- users --------------------------------------------------------------------------------------------------

def test_users_are_added_listed_and_found(store):
    admin, editor, viewer = email("admin"), email("editor"), email("viewer")
    made = accounts.add_user(store, f"  {admin.upper()} ", "medellin", "admin", PASSWORD)
    assert (made.email, made.organisation, made.role, made.revoked, made.admin) == (admin, "medellin", Role.ADMIN,
                                                                                   False, True)
    accounts.add_user(store, editor, "lima", "editor")
    accounts.add_user(store, viewer, "medellin", "viewer", PASSWORD)
    listed = {u.email: u for u in accounts.list_users(store)}
    assert {admin, editor, viewer} <= set(listed)
    assert [u.email for u in accounts.list_users(store)] == sorted(listed)
    assert (listed[editor].organisation, listed[editor].role) == ("lima", Role.EDITOR)
    assert accounts.find_user(store, f" {viewer.upper()}") == listed[viewer]
    assert row_of(store, editor).password_hash is None  # a token-only user


@pytest.mark.parametrize("who, organisation, role, password, says", [
    ("not-an-address", "medellin", "editor", None, "e-mail"),
    ("a b@medellin.example", "medellin", "editor", None, "e-mail"),
    ("nul\x00@medellin.example", "medellin", "editor", None, "e-mail"),  # was a 500 on PostgreSQL
    ("x" * 250 + "@medellin.example", "medellin", "editor", None, "e-mail"),
    ("{n}@medellin.example", "nowhere", "editor", None, "nowhere"),
    ("{n}@medellin.example", "medellin", "superuser", None, "superuser"),
    ("{n}@medellin.example", "medellin", "editor", "short", "10"),
], ids=["no-at", "space", "nul", "too-long", "unknown-organisation", "unknown-role", "short-password"])
def test_a_user_that_cannot_be_is_refused_with_the_reason(store, who, organisation, role, password, says):
    who = who.replace("{n}", f"refused-{next(_numbers)}")
    before = accounts.list_users(store)
    with pytest.raises(AccountError) as refused:
        accounts.add_user(store, who, organisation, role, password)
    assert says in str(refused.value)
    assert accounts.list_users(store) == before


def test_a_user_is_added_once(store):
    who = email()
    accounts.add_user(store, who, "medellin", "editor")
    with pytest.raises(AccountError, match="already"):
        accounts.add_user(store, who.upper(), "lima", "admin")
    assert accounts.find_user(store, who).role is Role.EDITOR


# --- what is stored -------------------------------------------------------------------------------------------

def test_passwords_are_stored_as_argon2id_hashes(store):
    first, second = email(), email()
    accounts.add_user(store, first, "medellin", "editor", PASSWORD)
    accounts.add_user(store, second, "medellin", "editor", PASSWORD)
    hashes = [row_of(store, who).password_hash for who in (first, second)]
    assert all(h.startswith("$argon2id$") and PASSWORD not in h for h in hashes)
    assert hashes[0] != hashes[1]  # salted: the same password gives another hash
    accounts.set_password(store, first, "another long password")
    changed = row_of(store, first).password_hash
    assert changed.startswith("$argon2id$") and changed != hashes[0]
    with pytest.raises(SignInRefused):
        accounts.sign_in(store, first, PASSWORD, address())
    assert accounts.sign_in(store, first, "another long password", address()).user.email == first
    with pytest.raises(AccountError):
        accounts.set_password(store, first, "short")


def test_tokens_are_stored_as_their_sha256_and_end_with_the_user(store):
    who = email()
    accounts.add_user(store, who, "medellin", "editor")
    token, other = accounts.new_token(store, who), accounts.new_token(store, who)
    assert token.startswith("sst_") and len(token) > 40 and token != other
    with store.reading() as repo:
        rows = repo.conn.execute(select(t.api_tokens).join(t.users).where(t.users.c.email == who)).all()
    assert sorted(r.token_hash for r in rows) == sorted(hashlib.sha256(s.encode()).hexdigest() for s in (token, other))
    assert not any(token in str(value) for r in rows for value in r)  # only the hash is kept
    assert accounts.user_for_token(store, token).email == who
    assert accounts.user_for_token(store, token + "x") is None
    assert accounts.user_for_token(store, hashlib.sha256(token.encode()).hexdigest()) is None  # the hash opens nothing
    assert accounts.user_for_token(store, "") is None and accounts.user_for_token(store, "x" * 500) is None
    with pytest.raises(SignInRefused):  # a token-only user has no password to sign in with
        accounts.sign_in(store, who, "", address())
    assert accounts.revoke(store, who) == 2
    assert accounts.user_for_token(store, token) is None and accounts.user_for_token(store, other) is None
    assert accounts.find_user(store, who).revoked
    with pytest.raises(AccountError, match="revoked"):
        accounts.new_token(store, who)


def test_a_revoked_user_cannot_sign_in_and_its_sessions_end(store):
    who = email()
    accounts.add_user(store, who, "medellin", "editor", PASSWORD)
    opened = accounts.sign_in(store, who, PASSWORD, address())
    assert accounts.session_for(store, opened.token).user.email == who
    with store.reading() as repo:
        stored = repo.conn.execute(select(t.sessions.c.token_hash, t.sessions.c.csrf).join(t.users)
                                   .where(t.users.c.email == who)).all()
    assert [s.token_hash for s in stored] == [hashlib.sha256(opened.token.encode()).hexdigest()]
    accounts.revoke(store, who)
    assert accounts.session_for(store, opened.token) is None
    with pytest.raises(SignInRefused) as refused:
        accounts.sign_in(store, who, PASSWORD, address())
    assert refused.value.status == 401


# --- the sign-in limits -----------------------------------------------------------------------------------------

def test_five_failures_lock_the_account_even_with_the_right_password(store, monkeypatch):
    who, where = email(), address()
    accounts.add_user(store, who, "medellin", "editor", PASSWORD)
    for _ in range(accounts.FAILURES_PER_ACCOUNT):
        with pytest.raises(SignInRefused) as wrong:
            accounts.sign_in(store, who, "not the password", where)
        assert wrong.value.status == 401
    for elsewhere in (where, address()):  # per account: another address does not help
        with pytest.raises(SignInRefused) as locked:
            accounts.sign_in(store, who, PASSWORD, elsewhere)
        assert locked.value.status == 429 and "15" in str(locked.value)
    other = email()
    accounts.add_user(store, other, "medellin", "editor", PASSWORD)
    assert accounts.sign_in(store, other, PASSWORD, where).user.email == other  # the address is not locked
    later = accounts.time.time() + accounts.FAILURE_WINDOW + 1
    monkeypatch.setattr(accounts, "time", SimpleNamespace(time=lambda: later))
    assert accounts.sign_in(store, who, PASSWORD, where).user.email == who  # the window has passed


def test_a_success_clears_the_accounts_failures(store):
    who, where = email(), address()
    accounts.add_user(store, who, "medellin", "editor", PASSWORD)
    for _ in range(accounts.FAILURES_PER_ACCOUNT - 1):
        with pytest.raises(SignInRefused):
            accounts.sign_in(store, who, "not the password", where)
    accounts.sign_in(store, who, PASSWORD, where)
    for _ in range(accounts.FAILURES_PER_ACCOUNT - 1):
        with pytest.raises(SignInRefused):
            accounts.sign_in(store, who, "not the password", where)
    assert accounts.sign_in(store, who, PASSWORD, where).user.email == who


def test_twenty_failures_from_one_address_lock_the_address(store):
    where = address()
    who = email()
    accounts.add_user(store, who, "medellin", "editor", PASSWORD)
    for n in range(accounts.FAILURES_PER_ADDRESS):  # many accounts, a few tries each: under the account limit
        with pytest.raises(SignInRefused) as wrong:
            accounts.sign_in(store, f"guess-{n % 7}-{where}@medellin.example", "guess", where)
        assert wrong.value.status == 401
    with pytest.raises(SignInRefused) as locked:
        accounts.sign_in(store, who, PASSWORD, where)
    assert locked.value.status == 429
    assert accounts.sign_in(store, who, PASSWORD, address()).user.email == who  # from elsewhere: signs in


def test_an_e_mail_with_a_nul_is_refused_as_a_wrong_one(store):
    """PostgreSQL refuses a NUL in a query: this sign-in was a 500 there."""
    with pytest.raises(SignInRefused) as refused:
        accounts.sign_in(store, "admin\x00@medellin.example", PASSWORD, address())
    assert refused.value.status == 401


# --- the web sign-in form -----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site(store):
    return create_app(store)


def browser(site, scheme: str = "http") -> TestClient:
    """A browser from its own address, so each test's failed sign-ins count only against itself."""
    return TestClient(site, base_url=f"{scheme}://testserver", client=(address(), 50000),
                      raise_server_exceptions=False, follow_redirects=False)


def csrf_of(page) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)


def cookie_headers(response, name: str) -> list[str]:
    return [h for h in response.headers.get_list("set-cookie") if h.startswith(f"{name}=")]


def sign_in_form(client, who, password, csrf=None):
    token = csrf_of(client.get("/login")) if csrf is None else csrf
    return client.post("/login", data={"email": who, "password": password, "csrf": token, "next": "/actors"})


def test_the_sign_in_form_needs_its_csrf_token(store, site):
    who = email()
    accounts.add_user(store, who, "medellin", "editor", PASSWORD)
    client = browser(site)
    page = client.get("/login")
    assert page.status_code == 200
    csrf_cookie = cookie_headers(page, "sursur_csrf")
    assert csrf_cookie and "httponly" in csrf_cookie[0].lower() and "samesite=strict" in csrf_cookie[0].lower()
    for sent in ("", "forged", csrf_of(page) + "x"):
        refused = client.post("/login", data={"email": who, "password": PASSWORD, "csrf": sent})
        assert refused.status_code == 403 and not cookie_headers(refused, "sursur_session")
    stranger = browser(site)  # the right token from another browser (no matching cookie): refused too
    assert stranger.post("/login", data={"email": who, "password": PASSWORD,
                                         "csrf": csrf_of(page)}).status_code == 403
    assert sign_in_form(client, who, PASSWORD).status_code == 303


def test_the_sign_in_form_is_limited_too(store, site):
    who = email()
    accounts.add_user(store, who, "medellin", "editor", PASSWORD)
    client = browser(site)
    for _ in range(accounts.FAILURES_PER_ACCOUNT):
        wrong = sign_in_form(client, who, "not the password")
        assert wrong.status_code == 401 and not cookie_headers(wrong, "sursur_session")
    locked = sign_in_form(client, who, PASSWORD)
    assert locked.status_code == 429 and not cookie_headers(locked, "sursur_session")
    assert 'role="alert"' in locked.text
    assert sign_in_form(client, "nul\x00@medellin.example", PASSWORD).status_code == 401  # was a 500


def test_the_sign_in_form_limits_an_address(store, site):
    client = browser(site)
    for n in range(accounts.FAILURES_PER_ADDRESS):
        assert sign_in_form(client, f"guess-{n}@medellin.example", "guess").status_code == 401
    who = email()
    accounts.add_user(store, who, "medellin", "editor", PASSWORD)
    assert sign_in_form(client, who, PASSWORD).status_code == 429
    assert sign_in_form(browser(site), who, PASSWORD).status_code == 303


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_the_session_cookie_is_httponly_lax_and_secure_over_https(store, site, scheme):
    who = email()
    accounts.add_user(store, who, "medellin", "editor", PASSWORD)
    client = browser(site, scheme)
    signed = sign_in_form(client, who, PASSWORD)
    assert signed.status_code == 303 and signed.headers["location"] == "/actors"
    [cookie] = cookie_headers(signed, "sursur_session")
    flags = {part.strip().split("=")[0].lower(): part.strip() for part in cookie.split(";")[1:]}
    assert "httponly" in flags and flags["samesite"].lower() == "samesite=lax"
    assert ("secure" in flags) == (scheme == "https")
    value = cookie.split(";")[0].split("=", 1)[1]
    assert accounts.session_for(store, value).user.email == who
    with store.reading() as repo:
        hashes = repo.conn.execute(select(t.sessions.c.token_hash)).scalars().all()
    assert hashlib.sha256(value.encode()).hexdigest() in hashes and value not in hashes


def test_signing_out_ends_the_session(store, site):
    who = email()
    accounts.add_user(store, who, "medellin", "editor", PASSWORD)
    client = browser(site)
    assert sign_in_form(client, who, PASSWORD).status_code == 303
    old = client.cookies.get("sursur_session")
    page = client.get("/login")
    assert who in page.text  # signed in: the page says who
    session_csrf = csrf_of(page)
    assert client.post("/logout", data={"csrf": ""}).status_code == 403  # without the token: still signed in
    assert client.post("/logout", data={"csrf": "forged"}).status_code == 403
    assert accounts.session_for(store, old) is not None
    out = client.post("/logout", data={"csrf": session_csrf})
    assert out.status_code == 303 and cookie_headers(out, "sursur_session")  # the browser is told to forget it
    assert accounts.session_for(store, old) is None
    replay = browser(site)
    replay.cookies.set("sursur_session", old)  # a copy of the old cookie opens nothing
    assert who not in replay.get("/login").text


# --- the command line ------------------------------------------------------------------------------------------------

def sursur(db, *args, input=None):
    return CliRunner().invoke(cli, ["--lang", "en", "--db", db, *args], input=input, catch_exceptions=False)


def test_the_users_command_line(store):
    db = store.url
    admin, editor = email("cli-admin"), email("cli-editor")
    added = sursur(db, "users", "add", admin, "--org", "medellin", "--role", "admin", "--password-stdin",
                   input=PASSWORD + "\n")
    assert added.exit_code == 0, added.output
    assert admin in added.output and "admin" in added.output
    assert row_of(store, admin).password_hash.startswith("$argon2id$")
    assert sursur(db, "users", "add", editor, "--org", "lima", "--role", "editor", "--no-password").exit_code == 0
    assert row_of(store, editor).password_hash is None
    listed = sursur(db, "users", "list", "--json")
    assert listed.exit_code == 0
    users = {u["email"]: u for u in json.loads(listed.stdout)}
    assert users[admin] == {"email": admin, "organisation": "medellin", "role": "admin", "revoked": False}
    assert users[editor]["organisation"] == "lima"
    made = sursur(db, "users", "token", editor)
    assert made.exit_code == 0
    token = made.stdout.strip().splitlines()[-1]
    assert token.startswith("sst_") and accounts.user_for_token(store, token).email == editor
    revoked = sursur(db, "users", "revoke", editor)
    assert revoked.exit_code == 0 and "1" in revoked.output
    assert accounts.user_for_token(store, token) is None
    after = {u["email"]: u for u in json.loads(sursur(db, "users", "list", "--json").stdout)}
    assert after[editor]["revoked"] and not after[admin]["revoked"]


@pytest.mark.parametrize("args, says", [
    (("users", "add", "{n}@medellin.example", "--org", "nowhere", "--role", "editor", "--no-password"), "nowhere"),
    (("users", "add", "{n}@medellin.example", "--org", "medellin", "--role", "boss", "--no-password"), "boss"),
    (("users", "add", "not-an-address", "--org", "medellin", "--role", "editor", "--no-password"), "e-mail"),
    (("users", "token", "nobody-{n}@medellin.example"), "nobody"),
    (("users", "revoke", "nobody-{n}@medellin.example"), "nobody"),
], ids=["unknown-organisation", "unknown-role", "bad-email", "token-of-nobody", "revoke-nobody"])
def test_the_users_command_line_says_what_is_wrong(store, args, says):
    n = f"cli-{next(_numbers)}"
    before = accounts.list_users(store)
    result = sursur(store.url, *[a.replace("{n}", n) for a in args])
    assert result.exit_code != 0
    assert says in result.output and "Traceback" not in result.output
    assert accounts.list_users(store) == before


def test_a_short_password_on_the_command_line_is_refused(store):
    who = email("cli-short")
    result = sursur(store.url, "users", "add", who, "--org", "medellin", "--role", "editor", "--password-stdin",
                    input="short\n")
    assert result.exit_code != 0 and "10" in result.output
    assert who not in {u.email for u in accounts.list_users(store)}
