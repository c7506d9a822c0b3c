"""Each region's state at a glance, from the server's /status: a line per
region and one per office PC below it (last sync, unsent, refused, this
month's status, whether its data is in step with the server's). Pure, no Tk."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from puantaj.core.datetext import moment_text
from puantaj.core.numbers import format_number
from puantaj.sync.controller import RegionStep, region_step

COLUMNS = ("last_sync", "unsent", "refused", "month", "in_step", "months")
SHOWN_MONTHS = 4  # earlier months beside this one, newest first


@dataclass(frozen=True)
class Line:
    """One line of the regions list: its id, its name and the other columns."""

    iid: str
    name: str
    cells: tuple[str, ...]
    pcs: list[Line] = field(default_factory=list)


def region_lines(status: dict, t, today: dt.date) -> list[Line]:
    """The regions of a /status reply, each with its PCs, in the reply's order."""
    this_month = f"{today.year:04d}-{today.month:02d}"
    lines = []
    for region, info in status.get("regions", {}).items():
        sites = info.get("sites", [])
        synced = [s["last_sync_at"] for s in sites if s.get("last_sync_at")]
        months = info.get("months", {})
        name = t("admin.all") if region == "*" else region
        cells = (
            moment_text(max(synced)) if synced else t("admin.never"),
            format_number(sum(s.get("pending") or 0 for s in sites)),
            format_number(info.get("rejected", 0)),
            month_status(months.get(this_month), this_month, t),
            step_text(region_step(sites), t),
            earlier_months(months, this_month, t),
        )
        pcs = [_pc_line(region, site, t) for site in sites]
        label = f"{name} — {t('admin.pcs', n=len(sites))}"
        lines.append(Line(region, label, cells, pcs))
    return lines


def _pc_line(region: str, site: dict, t) -> Line:
    name = site.get("label") or site["site_id"][:8]
    cells = (
        moment_text(site.get("last_sync_at")) or t("admin.never"),
        format_number(site.get("pending") or 0),
        format_number(site.get("refused_total") or 0),
        "",
        step_text(region_step([site]), t),
        "",
    )
    return Line(f"{region}/{site['site_id']}", name, cells)


def month_status(status: str | None, month: str, t) -> str:
    """`Aralık 2026: Taslak`; a month no one has started says so."""
    year, number = int(month[:4]), int(month[5:7])
    words = t.value(status) if status else t("admin.no_month")
    return f"{t(f'month.{number}')} {year}: {words}"


def earlier_months(months: dict[str, str], this_month: str, t) -> str:
    earlier = sorted((m for m in months if m < this_month), reverse=True)
    return ", ".join(month_status(months[m], m, t) for m in earlier[:SHOWN_MONTHS])


def step_text(step: RegionStep, t) -> str:
    """Whether the data is in step with the server's ("Eşit ✓")."""
    if step.state == "differ":
        rows = "?" if step.rows < 0 else step.rows
        return t("admin.step.differ", n=rows, where=step.where)
    return t(f"admin.step.{step.state}")
