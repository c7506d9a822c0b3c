"""puantaj-server: run, migrate, tokens, backups, conflicts and month locks."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence

from sqlalchemy import select, update
from werkzeug.serving import WSGIRequestHandler

from server import admin, auth, regions, storage
from server.config import load_server_settings
from server.errors import APIError, ConfigError, SchemaError


class _NoDelayHandler(WSGIRequestHandler):
    """The dev server writes a response's headers and body in two sends; with
    Nagle's algorithm on, the body then waits for the client's delayed ACK (up to
    40 ms on Linux). gunicorn sets TCP_NODELAY itself."""

    disable_nagle_algorithm = True


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="puantaj-server")
    parser.add_argument("--database-url", help="overrides DATABASE_URL")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="development server (use gunicorn in production)")
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=8765)
    run.add_argument("--database-url", dest="run_database_url")
    serve = sub.add_parser(
        "serve", help="production: nginx in front of gunicorn (Render, a VM)"
    )
    serve.add_argument("--host", default="0.0.0.0")
    serve.add_argument("--port", type=int, default=None, help="default: $PORT or 8765")
    serve.add_argument("--workers", type=int, default=None)
    sub.add_parser("migrate", help="bring the server schema up to date")
    region = sub.add_parser("add-region", help="print a new token for a region")
    region.add_argument("name")
    token = sub.add_parser("add-token", help="print a new token")
    token.add_argument("--admin", action="store_true", required=True)
    token.add_argument("--label", default="")
    sub.add_parser("list-tokens", help="list tokens (never their values)")
    revoke = sub.add_parser("revoke-token", help="revoke a token by id")
    revoke.add_argument("token_id", type=int)
    sub.add_parser("backup", help="verified snapshot of the embedded SQLite database")
    erase = sub.add_parser(
        "erase", help="KVKK: remove an erased employee's old values from the history"
    )
    erase.add_argument("row_id")
    conflicts = sub.add_parser("conflicts", help="list the conflict history")
    conflicts.add_argument("--region")
    conflicts.add_argument("--limit", type=int, default=50)
    restore = sub.add_parser("restore-conflict", help="make a kept value current again")
    restore.add_argument("conflict_id", type=int)
    for name in ("lock", "unlock"):
        cmd = sub.add_parser(name, help=f"{name} a region's month")
        cmd.add_argument("region")
        cmd.add_argument("month", help="YYYY-MM")
        cmd.add_argument("--reason", default="")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(levelname)s %(name)s: %(message)s"
    )
    # Alembic says each revision it runs; the commands say what they did
    logging.getLogger("alembic").setLevel(logging.WARNING)
    url = getattr(args, "run_database_url", None) or args.database_url
    overrides = {"database_url": url} if url else None
    try:
        return _dispatch(args, overrides)
    except (SchemaError, ConfigError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except APIError as exc:
        print(f"error: {exc.code}: {exc.detail}", file=sys.stderr)
        return 2


def _dispatch(args: argparse.Namespace, overrides) -> int:
    from server.app import create_app, serving_app

    if args.command == "migrate":
        settings = load_server_settings(overrides=overrides)
        revision = storage.migrate(storage.make_engine(settings), settings)
        print(f"server schema at {revision}")
        return 0
    if args.command == "serve":
        from server.serve import serve

        settings = load_server_settings(overrides=overrides)
        return serve(settings, args.host, args.port or settings.port, args.workers)
    if args.command == "backup":
        from server.backup import run_backup

        return run_backup(load_server_settings(overrides=overrides))
    if args.command == "run":  # one threaded process: it serves /events too
        overrides = {**(overrides or {}), "events": True}
    app = (serving_app if args.command == "run" else create_app)(overrides)
    context = app.extensions["puantaj"]
    if args.command == "run":
        print(f"Puantaj sync server on http://{args.host}:{args.port}", flush=True)
        app.run(
            host=args.host,
            port=args.port,
            threaded=True,
            use_reloader=False,
            request_handler=_NoDelayHandler,
        )
        return 0
    system = auth.Caller("*", token_id=0)
    with context.write() as conn:
        return _admin_command(args, conn, context, system)


def _admin_command(args, conn, context, system) -> int:
    tokens = context.tables["tokens"]
    if args.command in ("add-region", "add-token"):
        scope = (
            "*"
            if args.command == "add-token"
            else regions.check_new(conn, context.tables, args.name)
        )
        label = getattr(args, "label", "") or scope
        token = auth.create_token(conn, context.tables, scope, label)
        print(f"new token for {'admin' if scope == '*' else scope} (shown once):")
        print(token)
    elif args.command == "list-tokens":
        for row in conn.execute(select(tokens).order_by(tokens.c.id)).mappings():
            state = f"revoked {row['revoked_at']}" if row["revoked_at"] else "active"
            print(
                f"{row['id']:>4}  {row['scope']:<16} {row['label']:<20} {state}"
                f"  last used {row['last_used_at'] or '-'}"
            )
    elif args.command == "revoke-token":
        done = conn.execute(
            update(tokens)
            .where(tokens.c.id == args.token_id)
            .values(revoked_at=auth.now_text())
        ).rowcount
        print(f"token {args.token_id} revoked" if done else f"no token {args.token_id}")
        return 0 if done else 1
    elif args.command == "erase":
        print(json.dumps(admin.erase_history(conn, context, args.row_id)))
    elif args.command == "conflicts":
        kept = admin.list_conflicts(
            conn, context, system, args.region, limit=args.limit
        )
        if not kept:
            print("no conflicts kept" + (f" in {args.region}" if args.region else ""))
        for item in kept:
            print(json.dumps(item, ensure_ascii=False))
    elif args.command == "restore-conflict":
        print(
            json.dumps(
                admin.restore_conflict(conn, context, system, args.conflict_id, "cli"),
                ensure_ascii=False,
            )
        )
    else:
        print(
            json.dumps(
                admin.set_month(
                    conn,
                    context,
                    system,
                    args.region,
                    args.month,
                    args.command,
                    args.reason,
                    "cli",
                ),
                ensure_ascii=False,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
