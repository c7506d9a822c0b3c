"""The desktop's command line speaks Turkish unless told otherwise (--lang en),
in every command that prints: backups, erasure, the demo accounts."""

from __future__ import annotations

import pytest

from puantaj.__main__ import main
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
