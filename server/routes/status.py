"""GET /status: per region in scope — sites, last sync, counts, conflicts, refusals."""

from __future__ import annotations

from collections import defaultdict

from flask import Blueprint, g, request
from sqlalchemy import func, select

from puantaj.core import jsonfast
from puantaj.core.tables import TABLES
from server import __version__
from server.context import ctx
from server.storage import schema_version_number
from server.wire import json_response

bp = Blueprint("status", __name__)


@bp.get("/status")
def status():
    context = ctx()
    caller = g.caller
    regions: dict[str, dict] = defaultdict(
        lambda: {
            "sites": [],
            "rows": {},
            "deleted": {},
            "conflicts": 0,
            "rejected": 0,
            "months": {},
        }
    )

    def scoped(query, column):
        return query if caller.is_admin else query.where(column == caller.scope)

    t = context.tables
    with context.snapshot() as conn:
        for name in TABLES:
            table = t[name]
            query = scoped(
                select(table.c.region, table.c.deleted, func.count()).group_by(
                    table.c.region, table.c.deleted
                ),
                table.c.region,
            )
            for region, deleted, count in conn.execute(query):
                key = "deleted" if deleted else "rows"
                regions[str(region)][key][name] = count
        sites, tokens = t["sites"], t["tokens"]
        named = select(sites, tokens.c.label).select_from(
            sites.outerjoin(tokens, tokens.c.id == sites.c.token_id)
        )
        for row in conn.execute(scoped(named, sites.c.region)).mappings():
            regions[row["region"]]["sites"].append(
                {
                    "site_id": row["site_id"],
                    "label": row["label"] or "",  # its token's: the office PC
                    "last_sync_at": row["last_sync_at"],
                    "last_push_at": row["last_push_at"],
                    "pushed_total": row["pushed_total"],
                    "refused_total": row["refused_total"],
                    "pending": row["pending"],
                    "divergence": jsonfast.loads(row["divergence"])
                    if row["divergence"]
                    else None,
                }
            )
        for table, key in (
            (t["conflicts"], "conflicts"),
            (t["rejections"], "rejected"),
        ):
            query = scoped(
                select(table.c.region, func.count()).group_by(table.c.region),
                table.c.region,
            )
            for region, count in conn.execute(query):
                regions[str(region)][key] = count
        reports = t["reports"]
        query = scoped(
            select(reports.c.region, reports.c.month, reports.c.status).where(
                reports.c.deleted == 0
            ),
            reports.c.region,
        )
        for region, month, month_status in conn.execute(query):
            regions[str(region)]["months"][month] = month_status
    return json_response(
        {
            "scope": caller.scope,
            "version": __version__,
            "schema_version": schema_version_number(context.schema_revision),
            "server_time": str(context.clock.tick()),
            "regions": dict(sorted(regions.items())),
        },
        200,
        request,
    )
