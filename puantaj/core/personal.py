"""Personal data rules (KVKK): how a TC kimlik no is shown outside its own form."""

from __future__ import annotations


def mask_tc(tc_no: str | None) -> str:
    """'12345678901' → '*******8901': enough to tell two people apart on a list."""
    if not tc_no:
        return ""
    text = str(tc_no)
    return "*" * max(len(text) - 4, 0) + text[-4:]
