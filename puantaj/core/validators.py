"""Field validators shared by desktop and server: TC kimlik no, plates, dates."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from puantaj.core import turkish
from puantaj.errors import ValidationError

_PLATE_RE = re.compile(r"^(0[1-9]|[1-7][0-9]|8[01])([A-Z]{1,3})(\d{2,4})$")


def is_valid_tc(value: str) -> bool:
    """True when `value` is an 11-digit TC kimlik no with correct check digits."""
    if not (isinstance(value, str) and len(value) == 11 and value.isdigit()):
        return False
    d = [int(c) for c in value]
    if d[0] == 0:
        return False
    tenth = ((d[0] + d[2] + d[4] + d[6] + d[8]) * 7 - (d[1] + d[3] + d[5] + d[7])) % 10
    return tenth == d[9] and sum(d[:10]) % 10 == d[10]


def check_tc(value: str, field: str = "tc_no") -> str:
    value = (value or "").strip()
    if not is_valid_tc(value):
        raise ValidationError(
            f"{field}: invalid TC kimlik no {value!r}", field, code="tc", value=value
        )
    return value


def normalize_plate(value: str, field: str = "plate") -> str:
    """Return a plate as '06 ABC 123'; raise ValidationError if it is not one."""
    compact = turkish.upper(re.sub(r"[\s-]", "", value or ""))
    match = _PLATE_RE.match(compact)
    if not match:
        raise ValidationError(
            f"{field}: invalid plate {value!r}", field, code="plate", value=value
        )
    letters, digits = match.group(2), match.group(3)
    if len(letters) == 1 and len(digits) < 4 or len(letters) == 3 and len(digits) > 3:
        raise ValidationError(
            f"{field}: invalid plate {value!r}", field, code="plate", value=value
        )
    return f"{match.group(1)} {letters} {digits}"


def parse_date(value: object, field: str = "date") -> dt.date:
    """Parse dd.mm.yyyy or yyyy-mm-dd; raise ValidationError naming `field`."""
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    for fmt in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValidationError(
        f"{field}: not a date (dd.mm.yyyy): {text!r}", field, code="date", value=text
    )


def format_date(value: str | dt.date | None) -> str:
    """ISO or date → dd.mm.yyyy for display; '' for None."""
    if not value:
        return ""
    day = parse_date(value)
    return day.strftime("%d.%m.%Y")


def parse_month(value: object, field: str = "month") -> tuple[int, int]:
    """Parse 'YYYY-MM' into (year, month)."""
    text = str(value or "")
    match = re.fullmatch(r"(\d{4})-(0[1-9]|1[0-2])", text)
    if not match:
        raise ValidationError(f"{field}: not a month (YYYY-MM): {text!r}", field)
    return int(match.group(1)), int(match.group(2))


LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1", "[::1]")


def check_sync_url(url: str, allow_http: bool = False, field: str = "sync_url") -> str:
    """A server URL the token may be sent to: https://, or http:// only to this
    machine (or when plain HTTP is allowed explicitly). Raises ValidationError."""
    text = url.strip()
    if not text:
        return text
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(
            f"{field}: must start with https:// (or http://localhost)",
            field,
            code="bad_url",
            value=text,
        )
    if (
        parts.scheme == "http"
        and parts.hostname not in LOOPBACK_HOSTS
        and not allow_http
    ):
        raise ValidationError(
            f"{field}: the sync token is only sent over TLS: use https://"
            f"{parts.netloc}{parts.path} (plain http:// is for this machine only,"
            " unless allow_http is set)",
            field,
            code="insecure_url",
            value=text,
        )
    return text
