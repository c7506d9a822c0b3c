"""`puantaj user add|list|passwd|disable|enable`: accounts from the command line,
run by the person who installs or looks after the PC (as the system admin)."""

from __future__ import annotations

import argparse
import getpass
import sys

from puantaj.cli.texts import EXIT_OK, EXIT_USAGE, CliText
from puantaj.core.tables import ALL_REGIONS
from puantaj.services.session import SYSTEM
from puantaj.store import changelog


def add_parser(sub) -> None:
    user = sub.add_parser("user", help="accounts: add, list, passwd, disable, enable")
    actions = user.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="a clerk of the token's region, or --admin")
    add.add_argument("name")
    add.add_argument("--region", help="a clerk's region (default: the token's)")
    add.add_argument("--admin", action="store_true", help="make an admin")
    add.add_argument("--full-name", default="")
    add.add_argument(
        "--password-stdin", action="store_true", help="read the password from stdin"
    )
    actions.add_parser("list", help="every account on this PC, with its last login")
    passwd = actions.add_parser("passwd", help="set a new password")
    passwd.add_argument("name")
    passwd.add_argument("--password-stdin", action="store_true")
    for name in ("disable", "enable"):
        actions.add_parser(name, help=f"{name} an account").add_argument("name")


def run(args: argparse.Namespace, services, text: CliText) -> int:
    """Raises PuantajError for a refused value (the caller prints it)."""
    users = services.users
    if args.action == "list":
        accounts = users.accounts(SYSTEM)
        if not accounts:
            print(text("user.none"))
        for a in accounts:
            print(
                text(
                    "user.row",
                    name=a.username,
                    role=text(f"role.{a.role}"),
                    region=a.region,
                    state=text("user.active" if a.active else "user.inactive"),
                    last=a.last_login_at or text("user.never"),
                )
            )
        return EXIT_OK
    if args.action in ("disable", "enable"):
        users.set_active(SYSTEM, args.name, args.action == "enable")
        print(text(f"user.{args.action}d", name=args.name))
        return EXIT_OK
    password = _password(args, text)
    if password is None:
        return EXIT_USAGE
    if args.action == "passwd":
        users.set_password(SYSTEM, args.name, password)
        print(text("user.passwd", name=args.name))
        return EXIT_OK
    # the role follows --admin, --region, or else the token's scope: only an
    # admin token (or --admin) makes an admin
    region = ALL_REGIONS if args.admin else args.region or _token_scope(services)
    if not region:
        print(text("user.no_scope"), file=sys.stderr)
        return EXIT_USAGE
    role = "admin" if region == ALL_REGIONS else "clerk"
    made = users.add_user(args.name, password, role, region, "cli", args.full_name)
    print(
        text("user.added", name=made.username, role=text(f"role.{role}"), region=region)
    )
    return EXIT_OK


def _token_scope(services) -> str:
    """The region of this PC's token, as the last exchange with the server said."""
    with services.store.connection() as conn:
        return changelog.get_state(conn, "scope")


def _password(args: argparse.Namespace, text: CliText) -> str | None:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass(text("user.prompt"))
    if getpass.getpass(text("user.again")) != first:
        print(text("user.mismatch"), file=sys.stderr)
        return None
    return first
