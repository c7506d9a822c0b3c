"""The desktop's command line speaks Turkish unless told otherwise (--lang en),
in every command that prints: backups, erasure, the demo accounts."""

from __future__ import annotations

import argparse

import pytest

from puantaj.__main__ import _parser, main
from puantaj.cli import help_texts
from puantaj.cli.texts import EXIT_CODES_HELP
from tests.conftest import make_services


@pytest.fixture
def home(tmp_path):
    make_services(tmp_path / "desk").store.close()
    return str(tmp_path / "desk")


@pytest.mark.parametrize(
    ("lang", "written", "confirm", "erase", "demo"),
    [
        (
            None,
            "yedek yazıldı:",
            "--yes ekleyin",
            "kalıcı olarak",
            "deneme kullanıcıları",
        ),
        ("en", "backup written:", "add --yes", "for good", "demo users"),
    ],
)
def test_every_command_answers_in_the_chosen_language(
    home, capsys, lang, written, confirm, erase, demo
):
    argv = ["--home", home, *(["--lang", lang] if lang else [])]
    assert main([*argv, "backup"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(written), out
    assert main([*argv, "backup", "--list"]) == 0
    listed = capsys.readouterr().out
    assert ("bayt" in listed) == (lang is None) and "UTC" in listed
    path = listed.split()[0]
    assert main([*argv, "backup", "--restore", path]) == 2
    assert confirm in capsys.readouterr().err
    assert main([*argv, "erase-employee", "00000000-0000-4000-8000-000000000001"]) == 2
    assert erase in capsys.readouterr().err
    assert main([*argv, "demo"]) == 0
    assert capsys.readouterr().out.startswith(demo)


def test_help_and_argparse_errors_are_turkish_unless_english_is_asked(home, capsys):
    with pytest.raises(SystemExit):
        main(["--home", home, "--help"])
    out = capsys.readouterr().out
    assert out.startswith("kullanım: puantaj")
    assert "bir eşitleme, pencere açmadan" in out and "seçenekler:" in out
    with pytest.raises(SystemExit) as stopped:
        main(["--home", home, "export"])
    assert stopped.value.code == 2
    assert (
        "puantaj export: hata: şu argümanlar gerekli: --month"
        in capsys.readouterr().err
    )
    with pytest.raises(SystemExit):
        main(["--home", home, "--lang", "en", "sync", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("usage: puantaj sync") and "test the connection only" in out
    assert argparse._("usage: ") == "usage: "  # type: ignore[attr-defined]


def test_the_language_is_found_without_taking_another_commands_options(home, capsys):
    """Finding the language first must not read `backup --l` (--list) as --lang,
    nor answer a missing value in its own words."""
    assert main(["--home", home, "backup"]) == 0
    capsys.readouterr()
    assert main(["--home", home, "backup", "--l"]) == 0
    assert "UTC" in capsys.readouterr().out  # the list
    with pytest.raises(SystemExit) as stopped:
        main(["--home", home, "--lang"])
    assert stopped.value.code == 2
    assert "puantaj: hata: --lang: bir değer bekleniyor" in capsys.readouterr().err


def test_every_help_text_has_its_turkish():
    untranslated = [
        getattr(holder, name)
        for holder, name in help_texts.help_texts(_parser())
        if help_texts.turkish(getattr(holder, name)) == getattr(holder, name)
        and getattr(holder, name)
        not in (EXIT_CODES_HELP, "show this help message and exit")
    ]
    assert untranslated == []
