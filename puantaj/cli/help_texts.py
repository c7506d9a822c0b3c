"""`puantaj --help` in Turkish by default: the parser is written with English
help, as the code is; each text is looked up here once the parser is built,
and argparse's own words (usage, options, its errors) while it builds and
parses (argparse words them through gettext's `_`, swapped for ours)."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

# the parser's help, English → Turkish
HELP_TR: dict[str, str] = {
    "Puantaj desktop": "Puantaj masaüstü",
    "data folder (default: PUANTAJ_HOME or platform dir)": (
        "veri klasörü (varsayılan: PUANTAJ_HOME ya da sistemin klasörü)"
    ),
    "database file (default: HOME/puantaj.db)": (
        "veritabanı dosyası (varsayılan: HOME/puantaj.db)"
    ),
    "interface language": "arayüz dili",
    "office region (only for upgrading an old database)": (
        "ofisin bölgesi (yalnızca eski bir veritabanını yükseltirken)"
    ),
    "seed the demo users and say so on the login screen": (
        "deneme kullanıcılarını oluştur ve giriş ekranında bunu söyle"
    ),
    "one sync run, headless": "bir eşitleme, pencere açmadan",
    "consistent snapshot into backups/": "backups/ içine tutarlı bir yedek",
    "integrity, schema version, counts, unsent changes": (
        "bütünlük, şema sürümü, sayılar, gönderilmemiş değişiklikler"
    ),
    "KVKK erasure: blank an employee's personal fields everywhere sync reaches": (
        "KVKK silme: çalışanın kişisel alanlarını eşitlemenin ulaştığı her yerde boşalt"
    ),
    "accounts: add, list, passwd, disable, enable": (
        "hesaplar: add (ekle), list (listele), passwd (parola), disable (kapat),"
        " enable (aç)"
    ),
    "the month's cetvel or payroll file": "ayın cetveli ya da bordro dosyası",
    "employees and a month's codes from a sheet": (
        "bir tablodan çalışanlar ve ayın kodları"
    ),
    "seed the demo users (demo password)": (
        "deneme kullanıcılarını oluştur (deneme parolası)"
    ),
    "one run (the default)": "tek bir çalıştırma (varsayılan)",
    "test the connection only": "yalnızca bağlantıyı dene",
    "server URL (saved in the settings)": "sunucu adresi (ayarlara kaydedilir)",
    "sync token (saved in the keyring)": (
        "eşitleme anahtarı (sistemin anahtar deposuna kaydedilir)"
    ),
    "pull everything again": "her şeyi yeniden çek",
    "compare every row with the server afterwards and repair what differs": (
        "ardından her satırı sunucuyla karşılaştır ve farklı olanı onar"
    ),
    "list backups": "yedekleri listele",
    "restore this backup": "bu yedeği geri yükle",
    "confirm the restore": "geri yüklemeyi onayla",
    "also run the month's checks (YYYY-MM), as before submitting": (
        "ayın denetimlerini de çalıştır (YYYY-AA), onaya göndermeden önceki gibi"
    ),
    "only this region": "yalnızca bu bölge",
    "confirm the erasure": "silmeyi onayla",
    "a clerk of the token's region, or --admin": (
        "anahtarın bölgesinde bir katip ya da --admin"
    ),
    "every account on this PC, with its last login": (
        "bu bilgisayardaki her hesap, son girişiyle"
    ),
    "set a new password": "yeni parola belirle",
    "disable an account": "bir hesabı kapat",
    "enable an account": "bir hesabı yeniden aç",
    "a clerk's region (default: the token's)": (
        "katibin bölgesi (varsayılan: anahtarınki)"
    ),
    "make an admin": "yönetici yap",
    "read the password from stdin": "parolayı standart girdiden oku",
    "YYYY-MM, e.g. 2026-12": "YYYY-AA, örneğin 2026-12",
    "one region (default: this PC's)": "tek bir bölge (varsayılan: bu bilgisayarınki)",
    "every region (HQ's PC)": "her bölge (merkezin bilgisayarı)",
    "file or folder (default: Documents)": "dosya ya da klasör (varsayılan: Belgeler)",
    "YYYY-MM": "YYYY-AA",
    "the region (default: this PC's)": "bölge (varsayılan: bu bilgisayarınki)",
    "report only (default)": "yalnızca rapor (varsayılan)",
    "write the accepted rows": "kabul edilen satırları yaz",
}
# texts that begin with these are worded here in part (the rest is a list of
# names the user types as they are)
HELP_PREFIX_TR = {
    "correct a recognised column: C=name, D=hire, F=day:1, G=- (ignore); fields: ": (
        "tanınan bir sütunu düzelt: C=name, D=hire, F=day:1, G=- (yok say); alanlar: "
    ),
}
# argparse's own words (Python 3.11), English → Turkish
ARGPARSE_TR: dict[str, str] = {
    "usage: ": "kullanım: ",
    "positional arguments": "konumsal argümanlar",
    "options": "seçenekler",
    "show this help message and exit": "bu yardımı göster ve çık",
    "%(prog)s: error: %(message)s\n": "%(prog)s: hata: %(message)s\n",
    "the following arguments are required: %s": "şu argümanlar gerekli: %s",
    "unrecognized arguments: %s": "tanınmayan argümanlar: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "geçersiz seçim: %(value)r (şunlardan biri: %(choices)s)"
    ),
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "expected one argument": "bir değer bekleniyor",
    "not allowed with argument %s": "%s ile birlikte verilemez",
    "ambiguous option: %(option)s could match %(matches)s": (
        "belirsiz seçenek: %(option)s şunlardan biri olabilir: %(matches)s"
    ),
    "invalid %(type)s value: %(value)r": "geçersiz %(type)s değeri: %(value)r",
}


def turkish(text: str) -> str:
    """`text` (the parser's English) in Turkish; as it is if none is known."""
    if text in HELP_TR:
        return HELP_TR[text]
    for english, worded in HELP_PREFIX_TR.items():
        if text.startswith(english):
            return worded + text[len(english) :]
    return text


def help_texts(parser: argparse.ArgumentParser) -> Iterator[tuple[object, str]]:
    """(holder, attribute) of every help text in `parser` and its subcommands."""
    for name in ("description", "epilog"):
        if getattr(parser, name):
            yield parser, name
    for action in parser._actions:
        if action.help and action.help != argparse.SUPPRESS:
            yield action, "help"
        if isinstance(action, argparse._SubParsersAction):
            for listed in action._choices_actions:
                if listed.help:
                    yield listed, "help"
            for sub in dict.fromkeys(action.choices.values()):
                yield from help_texts(sub)


def in_turkish(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Word every help text of `parser` in Turkish, in place."""
    for holder, name in help_texts(parser):
        setattr(holder, name, turkish(getattr(holder, name)))
    return parser


@contextmanager
def argparse_words(language: str) -> Iterator[None]:
    """argparse's own words in `language` while the parser is built and used."""
    if language == "en":
        yield
        return
    english = argparse._  # type: ignore[attr-defined]
    argparse._ = lambda text: ARGPARSE_TR.get(text, english(text))  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = english  # type: ignore[attr-defined]
