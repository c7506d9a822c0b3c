import pytest

from puantaj.core.codes import CodeTable, Entry
from puantaj.errors import ValidationError

CODES = CodeTable()


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("x", "X"),
        ("ç", "X"),
        ("Ç", "X"),
        ("1", "X"),
        ("h", "HT"),
        ("rt", "GT"),
        ("yi", "Yİ"),
        ("yı", "Yİ"),
        ("Yİ", "Yİ"),
        ("y", "Yİ"),
        ("mi", "Mİ"),
        ("rp", "R"),
        ("a", "İK"),
        ("ik", "İK"),
        ("z", "Üİ"),
        ("ü", "Üİ"),
        ("ds", "D"),
        (" d ", "D"),
    ],
)
def test_codes_and_aliases_resolve_case_insensitively_in_turkish(typed, code):
    assert CODES.parse_entry(typed) == Entry(code)


@pytest.mark.parametrize(
    ("typed", "entry"),
    [("X+2", Entry("X", 2.0)), ("Ç+2", Entry("X", 2.0)), ("x 2,5", Entry("X", 2.5))],
)
def test_overtime_syntax(typed, entry):
    assert CODES.parse_entry(typed) == entry


@pytest.mark.parametrize("typed", ["G", "Q", "HT+2", "X+40", "XX"])
def test_unknown_codes_are_refused(typed):
    with pytest.raises(ValidationError):
        CODES.parse_entry(typed)


def test_blank_clears_and_g_can_be_configured_as_an_alias():
    assert CODES.parse_entry("  ") == Entry(None)
    custom = CodeTable(
        [*CODES.codes.values()][:-1]
        + [CODES["D"].__class__(**{**CODES["D"].__dict__, "aliases": ("DS", "G")})]
    )
    assert custom.parse_entry("g") == Entry("D")


@pytest.mark.parametrize(
    ("typed", "code", "values"),
    [
        ("x+20", "overtime_max", {"text": "x+20", "max": 16}),
        ("HT+2", "overtime_not_worked", {"text": "HT+2", "code_name": "HT"}),
        ("X+0", "overtime_zero", {"text": "X+0"}),
        ("Q+2", "code", {"text": "Q+2"}),
        ("Q", "code", {"text": "Q"}),
    ],
)
def test_a_refused_entry_says_what_is_wrong(typed, code, values):
    """Issue 15: x+20 is a known code with too much overtime, not an unknown code."""
    with pytest.raises(ValidationError) as caught:
        CODES.parse_entry(typed)
    assert caught.value.code == code
    assert caught.value.values == values
