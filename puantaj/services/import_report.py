"""The import's dry-run report as text, in Turkish or English."""

from __future__ import annotations

from typing import TYPE_CHECKING

from puantaj.core.sheet import column_letter
from puantaj.import_words import word
from puantaj.payroll_words import WORDS as PAYROLL_WORDS

if TYPE_CHECKING:
    from puantaj.services.importer import ImportPlan, PlanLine

ACTIONS = ("create", "change", "same", "refused")


def render(plan: ImportPlan, dry_run: bool = True, index: int = 0) -> str:
    """The report the clerk reads: a line per row, then the counts.

    `index` is the language: 0 Turkish, 1 English."""
    month = f"{PAYROLL_WORDS[f'month.{plan.month}'][index]} {plan.year}"
    mode = word("imp.mode.dry" if dry_run else "imp.mode.done", index)
    out = [
        word(
            "imp.report",
            index,
            mode=mode,
            file=plan.file,
            region=plan.region,
            month=month,
        ),
        word("imp.columns_line", index, columns=", ".join(columns(plan.mapping))),
    ]
    row = word("imp.row", index)
    for line in plan.lines:
        why = detail(line, index)
        out.append(
            f"{row} {line.row:>3}  {line.sicil:<8} {line.name:<24}"
            f" {word(f'imp.a.{line.action}', index)}{': ' + why if why else ''}"
        )
    counts = {action: plan.count(action) for action in ACTIONS}
    out.append(word("imp.totals", index, **counts))
    return "\n".join(out)


def detail(line: PlanLine, index: int = 0) -> str:
    """Why a row is refused, else what it changes."""
    return "; ".join(w.text(index) for w in (line.reasons or line.notes))


def columns(mapping: dict[int, str]) -> list[str]:
    """`A=sicil`, …, and a run of day columns as one `E..AH=day:1..30`."""
    out: list[str] = []
    run: list[tuple[int, int]] = []  # (column, day) of consecutive day columns

    def close() -> None:
        if len(run) > 2:
            (c1, d1), (c2, d2) = run[0], run[-1]
            out.append(
                f"{column_letter(c1 + 1)}..{column_letter(c2 + 1)}=day:{d1}..{d2}"
            )
        else:
            out.extend(f"{column_letter(c + 1)}=day:{d}" for c, d in run)
        run.clear()

    for index, field_name in sorted(mapping.items()):
        day = int(field_name[4:]) if field_name.startswith("day:") else None
        if run and (day is None or (index, day) != (run[-1][0] + 1, run[-1][1] + 1)):
            close()
        if day is None:
            out.append(f"{column_letter(index + 1)}={field_name}")
        else:
            run.append((index, day))
    close()
    return out
