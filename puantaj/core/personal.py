"""Personal data rules (KVKK): how a TC kimlik no is shown outside its own form."""

from __future__ import annotations


def mask_tc(tc_no: str | None) -> str:
    """'12345678901' → '*******8901': enough to tell two people apart on a list."""
    if not tc_no:
        return ""
    text = str(tc_no)
    return "*" * max(len(text) - 4, 0) + text[-4:]


# what an erased employee's personal fields read afterwards (KVKK right to
# erasure): the row stays, so its timesheet history keeps its shape and sync its
# stamps, but nothing in it names the person any more
ERASED_NAME = "Silindi"
ERASED_SURNAME = "(KVKK)"
ERASED_FIELDS = ("tc_no", "birth_date", "title")


def erased_values() -> dict[str, object]:
    """The personal columns of an employee as an erasure leaves them."""
    return {
        "first_name": ERASED_NAME,
        "last_name": ERASED_SURNAME,
        **dict.fromkeys(ERASED_FIELDS),
        "deleted": 1,
    }


def is_erased(row: dict) -> bool:
    return (
        row.get("first_name") == ERASED_NAME
        and row.get("last_name") == ERASED_SURNAME
        and all(row.get(name) is None for name in ERASED_FIELDS)
    )
