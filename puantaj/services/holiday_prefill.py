"""A year's Turkish public holidays pre-filled from the `holidays` package.

Its dates of the religious holidays (Ramazan and Kurban Bayramı) are computed
and may be estimates, so those days come in marked "to confirm" for a person
to check against the official announcement (DOMAIN.md §1.6). A day already in
the table is left as it is.
"""

from __future__ import annotations

from puantaj.core.holidays import Holiday
from puantaj.errors import PuantajError

RELIGIOUS = ("Eid",)  # in the package's English names: Eid al-Fitr, Eid al-Adha


def suggested(year: int) -> list[tuple[Holiday, bool]]:
    """(holiday, is religious) of every public holiday and eve in `year`."""
    try:
        import holidays  # imported here: only the admin's pre-fill needs it
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise PuantajError(
            f"the holidays package is missing ({exc})", code="no_holidays"
        ) from None
    wanted = ("public", "half_day")
    turkish = holidays.country_holidays(
        "TR", years=year, categories=wanted, language="tr"
    )
    english = holidays.country_holidays(
        "TR", years=year, categories=wanted, language="en_US"
    )
    halves = holidays.country_holidays("TR", years=year, categories=("half_day",))
    out = []
    for day in sorted(turkish):
        name_en = "; ".join(english.get_list(day))
        holiday = Holiday(
            day,
            "; ".join(turkish.get_list(day)),
            name_en,
            0.5 if day in halves else 1.0,
        )
        out.append((holiday, any(word in name_en for word in RELIGIOUS)))
    return out
