"""What the desktop's command line prints, in Turkish by default or in English
(PUANTAJ_LANG / --lang), and its exit codes."""

from __future__ import annotations

from puantaj.messages import word_error

# exit codes of `puantaj` (listed in --help)
EXIT_OK = 0
EXIT_FAILED = 1  # a check failed, or the command could not do its work
EXIT_USAGE = 2  # bad arguments, or a confirmation missing
EXIT_OFFLINE = 3  # the server could not be reached
EXIT_TOKEN = 4  # the server refused the token
EXIT_SETTINGS = 5  # no server URL or token, or a URL that may not be used
EXIT_REFUSED = 6  # the sync ran, and the server refused some changes (kept here)

EXIT_CODES_HELP = (
    "exit codes / çıkış kodları: 0 ok, 1 failed, 2 usage, 3 offline, "
    "4 token refused, 5 bad settings, 6 refused changes pending"
)

TEXTS: dict[str, tuple[str, str]] = {
    "user.added": (
        "{name} eklendi: {role}, bölge {region}",
        "{name} added: {role}, region {region}",
    ),
    "user.none": ("Bu bilgisayarda hesap yok", "No accounts on this PC"),
    "user.row": (
        "{name:<16} {role:<6} {region:<14} {state:<7} son giriş {last}",
        "{name:<16} {role:<6} {region:<14} {state:<7} last login {last}",
    ),
    "user.active": ("etkin", "active"),
    "user.inactive": ("kapalı", "off"),
    "user.never": ("hiç", "never"),
    "user.passwd": ("{name} için parola değişti", "password changed for {name}"),
    "user.disabled": ("{name} kapatıldı", "{name} deactivated"),
    "user.enabled": ("{name} yeniden açıldı", "{name} reactivated"),
    "user.prompt": ("Yeni parola: ", "New password: "),
    "user.again": ("Yeni parola (tekrar): ", "New password (again): "),
    "user.mismatch": ("Parolalar aynı değil", "The passwords differ"),
    "user.no_scope": (
        "Bölge bilinmiyor: önce sunucuya bağlanın (puantaj sync --url … --token …)"
        " ya da --region BÖLGE / --admin verin",
        "The region is not known: connect first (puantaj sync --url … --token …)"
        " or give --region REGION / --admin",
    ),
    "role.admin": ("yönetici", "admin"),
    "role.clerk": ("katip", "clerk"),
    "error": ("hata: {message}", "error: {message}"),
}


class CliText:
    """Looks up a line of the command line's output in the chosen language."""

    def __init__(self, language: str = "tr") -> None:
        self.index = 1 if language == "en" else 0

    def __call__(self, key: str, **values: object) -> str:
        return TEXTS[key][self.index].format(**values)

    def error(self, exc: Exception) -> str:
        """An error worded in the chosen language where its code is known."""
        return self("error", message=word_error(exc, self.index))
