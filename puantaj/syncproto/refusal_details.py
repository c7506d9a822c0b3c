"""The details of refusals as named templates: the server writes them in
English, and a desktop reads a detail back into its name and values to word
it in the user's language (catalogue entries "refusal.detail.<name>")."""

from __future__ import annotations

import re
import string

TEMPLATES: dict[str, str] = {
    "token_region": "token is for {scope}, row is in {region}",
    "clock_ahead": "stamp is more than 5 minutes ahead",
    "two_regions": "the changes of one row name two regions",
    "region_fixed": "region is fixed: row is in {region}",
    "outside_region": "this id belongs to a row outside your region",
    "month_locked": "{region} {month} is locked",
    "locked_ask_admin": "the month is locked; ask an admin",
    "approve_or_lock": "only an admin can approve or lock a month",
    "reopen_approved": "only an admin can reopen an approved month",
    "admins": "a region token cannot create or change admins",
    "parent_refused": "its {parent} row was refused: {detail}",
    "orphan": "orphan: {column} {ref} is no {parent} row of {region}",
    "incomplete": "incomplete row: no {columns}",
    "key_fixed": "natural key is fixed: {column} cannot change",
}


def detail(name: str, **values: object) -> str:
    """The English detail of template `name` with its values."""
    return TEMPLATES[name].format(**values)


# names and ids hold no space; a region may (so it takes the rest)
_FIELDS = {
    "month": r"\d{4}-\d{2}",
    "detail": ".*",
    "column": r"\S+",
    "ref": r"\S+",
    "parent": r"\S+",
}


def _pattern(template: str) -> re.Pattern[str]:
    parts = []
    for text, field, _, _ in string.Formatter().parse(template):
        parts.append(re.escape(text))
        if field:
            parts.append(f"(?P<{field}>{_FIELDS.get(field, '[^:]+?')})")
    return re.compile("".join(parts))


_PATTERNS = {name: _pattern(template) for name, template in TEMPLATES.items()}


def parse(text: str) -> tuple[str, dict[str, str]] | None:
    """(template name, values) of a detail the templates wrote; None for any
    other text (an older server's, a validation message)."""
    for name, pattern in _PATTERNS.items():
        found = pattern.fullmatch(text)
        if found:
            return name, found.groupdict()
    return None
