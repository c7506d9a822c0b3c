"""The conflict history as an admin reads it: whose cell, which day, which field,
both values as the grid shows them, who wrote each, when and from which PC.

Pure: takes the server's conflict items, what this PC knows of each row
(OverviewService.subjects) and the Strings; no Tk.
"""

from __future__ import annotations

from dataclasses import dataclass

from puantaj.core import personal
from puantaj.core.codes import cell_text
from puantaj.core.datetext import day_text, moment_text
from puantaj.core.numbers import format_number
from puantaj.core.tables import TABLES


@dataclass(frozen=True)
class ConflictLine:
    """One kept value, every column of the list in words."""

    id: int
    region: str
    record: str
    day: str
    field: str
    kind: str
    lost: str
    lost_by: str
    current: str
    current_by: str
    restored: str
    detail: str = ""  # the whole story, offices in full, for the line below

    def cells(self) -> tuple[str, ...]:
        return (
            self.region,
            self.record,
            self.day,
            self.field,
            self.kind,
            self.lost,
            self.lost_by,
            self.current,
            self.current_by,
            self.restored,
        )


COLUMNS = (
    "region",
    "record",
    "day",
    "field",
    "kind",
    "lost",
    "lost_by",
    "current",
    "current_by",
    "restored",
)


# bookkeeping columns: their losses follow the values' and are not listed
AUDIT = {"created_at", "created_by", "updated_at", "updated_by"}


def shown(items: list[dict]) -> list[dict]:
    """The conflicts an admin reads and may restore: not the bookkeeping."""
    return [item for item in items if item["column_name"] not in AUDIT]


def conflict_line(item: dict, subject: dict | None, t) -> ConflictLine:
    """One server conflict item in words; `subject` is this PC's view of its
    row (name, sicil_no, day) or None when the row is not held here."""
    table, column = item["tbl"], item["column_name"]
    record = record_text(subject, t)
    day = day_text((subject or {}).get("day"))
    field = field_label(column, t)
    lost = value_text(table, column, item.get("value"), t)
    current = value_text(table, column, item.get("winner"), t)
    detail = " — ".join(part for part in (record, day, field) if part)
    detail += "\n" + t(
        "admin.detail",
        lost=lost,
        lost_by=writer_text(item, "value", t),
        current=current,
        current_by=writer_text(item, "winner", t),
    )
    return ConflictLine(
        id=int(item["id"]),
        region=t("admin.all") if item["region"] == "*" else item["region"],
        record=record,
        day=day,
        field=field,
        kind=t.value(item["kind"]),
        lost=lost,
        lost_by=writer_text(item, "value", t, short=True),
        current=current,
        current_by=writer_text(item, "winner", t, short=True),
        restored=_restored(item),
        detail=detail,
    )


def field_label(column: str, t) -> str:
    """A field by its label; a field the catalogue does not name, as it is."""
    label = t(f"f.{column}")
    return column if label == f"f.{column}" else label


def record_text(subject: dict | None, t) -> str:
    if not subject:
        return t("admin.record.unknown")
    if subject.get("sicil_no"):
        return t("admin.record.person", name=subject["name"], sicil=subject["sicil_no"])
    return str(subject.get("name") or "")


def value_text(table: str, column: str, value: object, t) -> str:
    """A stored value as its screen shows it: a code as the grid writes it,
    numbers the Turkish way, dates dd.mm.yyyy, choices by their label, a TC
    kimlik no masked (KVKK)."""
    if value is None or value == "":
        return t("admin.empty")
    spec = TABLES.get(table)
    shape = spec.column(column) if spec else None
    if column == "tc_no":
        return personal.mask_tc(str(value))
    if table == "timesheets" and column == "code":
        return cell_text(str(value), None)
    if shape is not None and shape.kind == "bool":
        return t("admin.yes") if value else t("admin.no")
    if shape is not None and shape.kind == "date":
        return day_text(str(value))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_number(value)
    if shape is not None and shape.choices:
        return t.value(value)
    if column.endswith("_at"):
        return moment_text(str(value))
    return str(value)


def writer_text(item: dict, side: str, t, short: bool = False) -> str:
    """`ayşe · 03.11.2026 14:05 · Ankara / ankara-pc1`: who wrote one side of a
    conflict ("value" or "winner"), when, and from which office PC; `short`
    leaves out the region when it is the conflict's own (its list column)."""
    site = item.get(f"{side}_site") or {}
    if site:
        office = site.get("region", "")
        label = site.get("label", "")
        if label and short and office == item.get("region"):
            office = label
        elif label and label != office:
            office = f"{office} / {label}"
    else:
        office = t("admin.unknown_pc")
    parts = [item.get(f"{side}_by") or "", moment_text(item.get(f"{side}_at")), office]
    return " · ".join(part for part in parts if part)


def confirm_text(line: ConflictLine, t) -> str:
    """The question asked before a value is restored."""
    values = {
        "record": line.record,
        "field": line.field,
        "value": line.lost,
        "current": line.current,
    }
    if line.day:
        return t("admin.restore_cell", day=line.day, **values)
    return t("admin.restore_row", **values)


def _restored(item: dict) -> str:
    if not item.get("restored_at"):
        return ""
    at = moment_text(item["restored_at"])
    return f"{at} ({item['restored_by']})" if item.get("restored_by") else at
