"""Exports of a month: the puantaj cetveli (xlsx, PDF) and the payroll files.

Every export holds TC numbers: it says so (KVKK) and only its owner may read
the file. Text that a spreadsheet would run as a formula is neutralised.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from puantaj.core import sheet
from puantaj.services import cetvel, payroll
from puantaj.services.cetvel import PERSONAL_DATA_NOTE, Cetvel, Signer
from puantaj.services.month_grid import MonthGrid
from puantaj.services.session import Session
from puantaj.services.timesheets import TimesheetService
from puantaj.store import files
from puantaj.store.database import Store

if TYPE_CHECKING:
    from openpyxl import Workbook

__all__ = ["FORMATS", "PERSONAL_DATA_NOTE", "ExportService"]
FORMATS = {
    "xlsx": ".xlsx",
    "pdf": ".pdf",
    "csv": ".csv",
    "payroll": ".xlsx",
    "signing": ".pdf",  # a page per employee, to sign
}
PREFIXES = {"payroll": "Bordro_", "signing": "Imza_"}
Progress = Callable[[int, int], None]


class ExportService:
    """Writes a month of one or more regions in one of FORMATS."""

    def __init__(
        self,
        timesheets: TimesheetService,
        store: Store | None = None,
        company: str | Callable[[], str] = "",
        now: Callable[[], dt.datetime] = dt.datetime.now,
    ) -> None:
        """`company` is the name in the header, or a callable that reads it at
        each export (the desktop's setting can change while the window is open)."""
        self._timesheets = timesheets
        self._store = store
        self._company = company if callable(company) else lambda: company
        self._now = now

    def grids(
        self, session: Session, regions: list[str], year: int, month: int
    ) -> list[MonthGrid]:
        return [self._timesheets.load_month(session, r, year, month) for r in regions]

    def default_name(self, regions: list[str], year: int, month: int, fmt: str) -> str:
        """`Puantaj_Ankara_2026-12.xlsx`; payroll files say `Bordro_…`, the
        signing sheets `Imza_…`."""
        where = regions[0] if len(regions) == 1 else "Tum_bolgeler"
        name = sheet.export_name(where, year, month, FORMATS[fmt])
        return name.replace("Puantaj_", PREFIXES.get(fmt, "Puantaj_"), 1)

    def export(
        self,
        session: Session,
        fmt: str,
        regions: list[str],
        year: int,
        month: int,
        path: Path,
        progress: Progress | None = None,
    ) -> Path:
        """Write `fmt` (a key of FORMATS) to `path`.

        A refused or failed export leaves no half-written new file behind."""
        writer = {
            "xlsx": self.to_xlsx,
            "pdf": self.to_pdf,
            "csv": self.to_csv,
            "payroll": self.to_payroll,
            "signing": self.to_signing,
        }[fmt]
        path, existed, written = Path(path), Path(path).exists(), False
        try:
            result = writer(session, regions, year, month, path, progress)
            written = True
            return result
        finally:
            if not written and not existed:
                path.unlink(missing_ok=True)

    def cetvels(
        self,
        session: Session,
        regions: list[str],
        year: int,
        month: int,
        progress: Progress | None = None,
    ) -> list[Cetvel]:
        out = []
        printed_at, company = self._now(), self._company()
        for i, region in enumerate(regions):
            grid = self._timesheets.load_month(session, region, year, month)
            made = cetvel.build(
                self._timesheets,
                grid,
                company,
                self._signers(region, year, month),
                printed_at,
            )
            out.append(made)
            if progress:
                progress(i + 1, len(regions))
        return out

    def _signers(self, region: str, year: int, month: int) -> list[Signer]:
        if self._store is None:
            return [Signer(role) for role in sheet.SIGNATURE_ROLES]
        with self._store.connection() as conn:
            return cetvel.signers_of(conn, region, year, month)

    def to_xlsx(self, session, regions, year, month, path, progress=None) -> Path:
        """The cetvel, a sheet per region, and the codes on their own sheet."""
        # openpyxl and reportlab (~30 MB) load at the first export, not with the app
        from openpyxl import Workbook

        from puantaj.services import cetvel_xlsx

        book = Workbook()
        book.remove(book.active)
        for made in self.cetvels(session, regions, year, month, progress):
            ws = book.create_sheet(_sheet_title(made, book))
            cetvel_xlsx.draw(ws, made)
        self._legend(book)
        _private(path)
        book.save(path)
        return files.private_file(Path(path))  # it holds TC numbers (KVKK)

    def to_pdf(self, session, regions, year, month, path, progress=None) -> Path:
        """The same cetvel as a PDF, a region per page (or pages)."""
        from puantaj.services import cetvel_pdf

        made = self.cetvels(session, regions, year, month, progress)
        _private(path)
        cetvel_pdf.write(made, Path(path))
        return files.private_file(Path(path))

    def to_signing(self, session, regions, year, month, path, progress=None) -> Path:
        """The cetvel as a PDF with a page per employee, each to sign."""
        from puantaj.services import cetvel_pdf

        made = self.cetvels(session, regions, year, month, progress)
        _private(path)
        cetvel_pdf.write([p for c in made for p in cetvel.per_employee(c)], Path(path))
        return files.private_file(Path(path))

    def to_csv(self, session, regions, year, month, path, progress=None) -> Path:
        """Payroll CSV for Turkish Excel: one line per employee."""
        grids = self.grids(session, regions, year, month)  # may refuse: no file yet
        _private(path)
        payroll.write_csv(self._timesheets, grids, Path(path), progress)
        return files.private_file(Path(path))

    def to_payroll(self, session, regions, year, month, path, progress=None) -> Path:
        """The payroll transfer layout (.xlsx), keyed by sicil and TC no."""
        grids = self.grids(session, regions, year, month)
        _private(path)
        payroll.write_transfer(self._timesheets, grids, Path(path), progress)
        return files.private_file(Path(path))

    def _legend(self, book: Workbook) -> None:
        from openpyxl.styles import Font

        ws = book.create_sheet("Kodlar")
        ws.append(
            ["Kod", "Anlamı", "Çalışılan gün", "Ücretli", "SGK günü", "Eksik gün"]
        )
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for code in self._timesheets.codes.codes.values():
            ws.append(
                [
                    sheet.neutralise(code.code),
                    sheet.neutralise(code.label_tr),
                    code.worked,
                    code.paid,
                    "evet" if code.sgk else "hayır",
                    code.eksik,
                ]
            )
            ws.cell(row=ws.max_row, column=6).number_format = sheet.TEXT_FORMAT


def _sheet_title(made: Cetvel, book: Workbook) -> str:
    region = made.header[1].removeprefix("Bölge: ")
    title = "".join(ch for ch in region if ch not in "[]:*?/\\")[:31] or "Bölge"
    return (
        title
        if title not in book.sheetnames
        else title[:28] + f"_{len(book.sheetnames)}"
    )


def _private(path) -> None:
    """Create the file owner-only before anything is written into it."""
    files.private_file(Path(path))
    Path(path).touch(mode=0o600, exist_ok=True)
    files.private_file(Path(path))
