"""Who wrote each value the conflict history keeps, when, and from which PC.

A conflict keeps two stamps (the lost value's and the winner's). A stamp names
its site and time; the site is the office PC (its region and the label of the
token it syncs with), and the user is the `updated_by` written in the same
change, hence under the same stamp: found on the row itself while it is
current, else in the history of `updated_by` (a user that differed lost too).
A change that left `updated_by` as it was is the PC's user of the time.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import Connection, select

from puantaj.core.hlc import Stamp
from puantaj.errors import ValidationError
from server.context import ServerContext

_CHUNK = 500


def describe(
    conn: Connection, context: ServerContext, items: list[dict[str, Any]]
) -> None:
    """Add value_by/_at/_site and winner_by/_at/_site to each conflict, in place."""
    stamps = {item[k] for item in items for k in ("value_hlc", "winner_hlc")}
    parsed = {text: _parse(text) for text in stamps}
    sites = _sites(conn, context, {s.site for s in parsed.values() if s})
    writers = _writers(conn, context, items)
    for item in items:
        for side in ("value", "winner"):
            stamp = parsed[item[f"{side}_hlc"]]
            item[f"{side}_at"] = _moment(stamp)
            item[f"{side}_site"] = sites.get(stamp.site, {}) if stamp else {}
            item[f"{side}_by"] = writers.user(item[f"{side}_hlc"])


def _parse(text: str) -> Stamp | None:
    try:
        return Stamp.parse(text)
    except ValidationError:
        return None


def _moment(stamp: Stamp | None) -> str:
    if stamp is None:
        return ""
    at = dt.datetime.fromtimestamp(stamp.ms / 1000, dt.UTC)
    return at.isoformat(timespec="seconds")


def _sites(
    conn: Connection, context: ServerContext, ids: set[str]
) -> dict[str, dict[str, str]]:
    """Each site's region and the label of its token (the office PC's name)."""
    sites, tokens = context.tables["sites"], context.tables["tokens"]
    out: dict[str, dict[str, str]] = {}
    wanted = sorted(ids)
    for start in range(0, len(wanted), _CHUNK):
        query = (
            select(sites.c.site_id, sites.c.region, tokens.c.label)
            .select_from(sites.outerjoin(tokens, tokens.c.id == sites.c.token_id))
            .where(sites.c.site_id.in_(wanted[start : start + _CHUNK]))
        )
        for site_id, region, label in conn.execute(query):
            out[str(site_id)] = {"region": str(region), "label": str(label or "")}
    return out


class _Writers(dict):
    """stamp → the user who wrote `updated_by` under it."""

    def user(self, stamp: str) -> str:
        """Who wrote under `stamp`. A change carries only the columns it changed,
        so `updated_by` is missing when the PC's user wrote the row before: then
        the user of that PC's latest known stamp up to this one."""
        if stamp in self:
            return self[stamp]
        site = stamp.split(":", 2)[-1]
        earlier = [s for s in self if s.split(":", 2)[-1] == site and s <= stamp]
        return self[max(earlier)] if earlier else ""


def _writers(
    conn: Connection, context: ServerContext, items: list[dict[str, Any]]
) -> _Writers:
    writers = _Writers()
    conflicts = context.tables["conflicts"]
    by_table: dict[str, set[str]] = {}
    for item in items:
        by_table.setdefault(item["tbl"], set()).add(item["row_id"])
    for table_name, ids in by_table.items():
        wanted = sorted(ids)
        table = context.tables.get(table_name)
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            if table is not None and "updated_by" in table.c:
                query = select(table.c.updated_by, table.c["_hlc"]).where(
                    table.c.id.in_(chunk)
                )
                for user, stamps in conn.execute(query):
                    for stamp, columns in json.loads(str(stamps or "{}")).items():
                        if "updated_by" in columns and user:
                            writers[stamp] = user
            query = select(
                conflicts.c.row_id,
                conflicts.c.value,
                conflicts.c.value_hlc,
                conflicts.c.winner,
                conflicts.c.winner_hlc,
            ).where(
                conflicts.c.column_name == "updated_by",
                conflicts.c.row_id.in_(chunk),
            )
            for _row, value, value_hlc, winner, winner_hlc in conn.execute(query):
                for stamp, user in ((value_hlc, value), (winner_hlc, winner)):
                    name = json.loads(str(user)) if user is not None else None
                    if name:
                        writers.setdefault(stamp, str(name))
    return writers
