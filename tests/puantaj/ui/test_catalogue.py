"""Every string the desktop can show goes through the catalogue, in both languages.

The catalogue itself is checked entry by entry; the desktop's source is read as
Python (ast) to find words that would reach the screen without it: literal text
given to a widget or a message box, raw exception text, a key the catalogue
lacks, and an error of the sync or services without a worded code.
"""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from puantaj.ui.i18n import CATALOGUE, Strings

ROOT = Path(__file__).resolve().parents[3] / "puantaj"
UI = sorted((ROOT / "ui").rglob("*.py"))
# proper names and words both languages spell alike
SAME_IN_BOTH = {"app.title", "app.title_user", "f.model", "f.km", "v.kasko"}
SAME_IN_BOTH |= {"imp.col.sicil", "imp.field.sicil"}  # sicil: docs/glossary.md
PROPER_NAMES = {CATALOGUE["app.title"][0]}  # "Puantaj", a message box's title
# where a widget or dialog shows text
TEXT_KEYWORDS = {"text", "title", "message", "detail", "label"}
SHOWING_CALLS = {
    "showinfo",
    "showerror",
    "showwarning",
    "askyesno",
    "askokcancel",
    "askquestion",
    "askyesnocancel",
    "show_message",
    "set",
    "title",
    "heading",
}
# Tk's own words, not shown: text indexes and the like
TK_WORDS = {"end", "insert", "readonly", "disabled", "normal", "!disabled"}
ERRORS = {
    "PuantajError",
    "ValidationError",
    "StoreError",
    "PermissionDenied",
    "PeriodLocked",
    "SyncUnavailable",
    "SyncRejected",
}


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_each_entry_has_turkish_and_english_with_the_same_placeholders(key):
    tr, en = CATALOGUE[key]
    assert tr.strip() and en.strip()
    assert _placeholders(tr) == _placeholders(en)
    if key not in SAME_IN_BOTH:
        assert tr != en, "the Turkish text is the English one"
    # and each formats with its placeholders filled
    values = dict.fromkeys(_placeholders(tr), "x")
    assert Strings("tr")(key, **values) and Strings("en")(key, **values)


def _calls(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else ""
            name = name or (func.id if isinstance(func, ast.Name) else "")
            yield name, node


def _words(node: ast.AST) -> str:
    """The literal letters a string expression carries ('' if none)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
    else:
        return ""
    if text.strip() in TK_WORDS or text in PROPER_NAMES:
        return ""
    return text if sum(ch.isalpha() for ch in text) >= 2 else ""


def test_no_literal_words_reach_a_widget_or_a_message_box():
    found = []
    for path in UI:
        for name, call in _calls(path):
            given = [kw.value for kw in call.keywords if kw.arg in TEXT_KEYWORDS]
            if name in SHOWING_CALLS:
                given += call.args
            found += [
                f"{path.relative_to(ROOT)}:{call.lineno}: {_words(node)!r}"
                for node in given
                if _words(node)
            ]
    assert not found, "\n".join(found)


def test_no_raw_exception_text_reaches_the_screen():
    """An exception is shown through Strings.error (which words any error,
    ours or not), never as str(exc)."""
    found = []
    for path in UI:
        for name, call in _calls(path):
            given = call.args[0] if call.args else None
            if (
                name == "str"
                and isinstance(given, ast.Name)
                and given.id in ("exc", "error", "err", "e")
            ):
                found.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    assert not found, "\n".join(found)


def test_dates_on_screen_go_through_the_one_formatter():
    """dd.mm.yyyy everywhere: the desktop formats no date itself
    (puantaj.core.datetext does)."""
    found = [
        f"{path.relative_to(ROOT)}:{call.lineno}"
        for path in UI
        for name, call in _calls(path)
        if name == "strftime"
    ]
    assert not found, "\n".join(found)


def test_every_key_the_desktop_asks_for_is_in_the_catalogue():
    missing = []
    for path in UI:
        for name, call in _calls(path):
            if name not in ("t", "strings") or not call.args:
                continue
            key = call.args[0]
            where = f"{path.relative_to(ROOT)}:{call.lineno}"
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                if key.value not in CATALOGUE:
                    missing.append(f"{where}: {key.value}")
            elif isinstance(key, ast.JoinedStr) and isinstance(
                key.values[0], ast.Constant
            ):
                prefix = key.values[0].value
                if not any(k.startswith(prefix) for k in CATALOGUE):
                    missing.append(f"{where}: {prefix}…")
    assert not missing, "\n".join(missing)


def _raised_codes(folder: Path):
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Raise) or not isinstance(node.exc, ast.Call):
                continue
            func = node.exc.func
            name = func.attr if isinstance(func, ast.Attribute) else ""
            name = name or (func.id if isinstance(func, ast.Name) else "")
            if name not in ERRORS:
                continue
            keywords = {kw.arg: kw.value for kw in node.exc.keywords}
            code = keywords.get("code")
            if code is None and name == "SyncRejected" and len(node.exc.args) > 1:
                code = node.exc.args[1]  # its reason is its code
            yield f"{path.relative_to(ROOT)}:{node.lineno}", code


@pytest.mark.parametrize("package", ["sync", "services"])
def test_every_error_the_sync_and_services_raise_is_worded(package):
    """The window shows these errors: each carries a code the catalogue words
    (a code built at run time is checked by its own tests)."""
    unworded = []
    for where, code in _raised_codes(ROOT / package):
        if code is None:
            unworded.append(f"{where}: no code")
        elif isinstance(code, ast.Constant) and f"err.{code.value}" not in CATALOGUE:
            unworded.append(f"{where}: err.{code.value} missing")
    assert not unworded, "\n".join(unworded)


def test_every_refusal_detail_the_server_writes_is_worded():
    from puantaj.syncproto.refusal_details import TEMPLATES, detail

    tr, en = Strings("tr"), Strings("en")
    for name, template in TEMPLATES.items():
        assert f"refusal.detail.{name}" in CATALOGUE, name
        fields = _placeholders(template)
        values = {f: "2026-03" if f == "month" else "Ankara" for f in fields}
        english = detail(name, **values)
        assert tr.refusal_detail(english) != english, name
        assert en.refusal_detail(english), name
    locked = detail("month_locked", region="Ankara", month="2026-03")
    assert tr.refusal_detail(locked) == "Ankara Mart 2026 kilitli"
    assert en.refusal_detail(locked) == "Ankara March 2026 is locked"
