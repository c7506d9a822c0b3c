"""Numbers in Turkish notation: a dot groups thousands, a comma starts decimals.

`1.250,50` is one thousand two hundred and fifty and a half, `125.000` a hundred
and twenty-five thousand, `2,5` two and a half. What could be read two ways for
its field is refused with a message that says how to write it, never guessed:
`1,850` (1,85 or 1.850?) and `12.5` (a dot is not a decimal point here).
"""

from __future__ import annotations

import math
import re

from puantaj.errors import ValidationError

_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+")  # 1.250 / 125.000 / 1.250.000
_PLAIN = re.compile(r"\d+")
_SPACES = re.compile(r"[\s\u00a0\u202f']")


def parse_number(text: str, field: str = "number", whole: bool = False) -> float:
    """The value of `text` (Turkish notation); `whole` fields take no decimals.

    Raises ValidationError (codes: number, number_dot, number_ambiguous,
    number_whole) naming `field`.
    """
    raw = str(text).strip()
    compact = _SPACES.sub("", raw)
    sign = -1 if compact.startswith("-") else 1
    body = compact.lstrip("+-")
    integer, comma, decimals = body.partition(",")
    if not body or "," in decimals or (comma and not decimals.isdigit()):
        raise _error("number", field, raw)
    if not (_PLAIN.fullmatch(integer) or _GROUPED.fullmatch(integer)):
        if "." in integer and re.fullmatch(r"[\d.]+", integer):
            # 12.5 or 1.85: an English decimal point, or a mistyped group
            raise _error("number_dot", field, raw, hint=integer.replace(".", ","))
        raise _error("number", field, raw)
    if comma and len(decimals) == 3 and "." not in integer and integer != "0":
        # 1,850: one comma and three digits is 1,85 to a Turkish reader and
        # 1.850 to an English one (0,125 can only be a fraction)
        grouped = f"{integer}.{decimals}"
        decimal = f"{integer},{decimals.rstrip('0') or '0'}"
        raise _error("number_ambiguous", field, raw, grouped=grouped, decimal=decimal)
    value = float(integer.replace(".", "") + ("." + decimals if comma else ""))
    if whole and value != math.floor(value):
        raise _error("number_whole", field, raw)
    return sign * value


def _error(code: str, field: str, raw: str, **values: str) -> ValidationError:
    words = {
        "number": "not a number",
        "number_dot": "use a comma for decimals (a dot groups thousands)",
        "number_ambiguous": "ambiguous: write the thousands with a dot or fewer decimals",
        "number_whole": "must be a whole number",
    }
    return ValidationError(
        f"{field}: {words[code]}: {raw!r}", field, code=code, value=raw, **values
    )


def format_number(value: float | int | None, decimals: int | None = None) -> str:
    """`value` as a Turkish reader writes it: 125.000, 1.250,50, 2,5.

    `decimals` fixes the number of decimals (2 for money); None shows as many as
    the value needs, up to 4.
    """
    if value is None:
        return ""
    if decimals is None:
        text = f"{value:,.4f}".rstrip("0").rstrip(".")
    else:
        text = f"{value:,.{decimals}f}"
    if text in ("-0", ""):
        text = "0"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")
