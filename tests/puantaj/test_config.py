"""Settings: the file, the environment and flags, and a clear error for bad values."""

import pytest

from puantaj.config import documents_dir, load_settings, save_settings
from puantaj.errors import ValidationError


def test_page_size_comes_from_the_file_and_the_environment_overrides_it(tmp_path):
    save_settings(load_settings(env={}, flags={"home": str(tmp_path)}), page_size=800)
    assert load_settings(env={}, flags={"home": str(tmp_path)}).page_size == 800
    env = {"PUANTAJ_SYNC_PAGE_SIZE": "1200", "PUANTAJ_LANG": "en"}
    settings = load_settings(env=env, flags={"home": str(tmp_path)})
    assert (settings.page_size, settings.language) == (1200, "en")


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("PUANTAJ_SYNC_PAGE_SIZE", "0"),
        ("PUANTAJ_SYNC_PAGE_SIZE", "50000"),
        ("PUANTAJ_SYNC_PAGE_SIZE", "çok"),
        ("PUANTAJ_LANG", "de"),
    ],
)
def test_bad_values_are_refused_with_the_setting_named(tmp_path, name, value):
    with pytest.raises(ValidationError) as err:
        load_settings(env={name: value}, flags={"home": str(tmp_path)})
    assert err.value.field in ("page_size", "language")


def test_company_and_exports_folder_are_kept_in_the_settings_file(tmp_path):
    fresh = load_settings(env={}, flags={"home": str(tmp_path)})
    assert fresh.company == "" and fresh.export_folder == documents_dir()
    save_settings(fresh, company="Örnek Lojistik A.Ş.", exports_dir=str(tmp_path))
    settings = load_settings(env={}, flags={"home": str(tmp_path)})
    assert settings.company == "Örnek Lojistik A.Ş."
    assert settings.export_folder == tmp_path
