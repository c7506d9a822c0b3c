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
    "sync.not_configured": (
        "Sunucu ayarlı değil: --url ve --token verin (ya da PUANTAJ_SYNC_URL ve"
        " PUANTAJ_SYNC_TOKEN)",
        "Not configured: give --url and --token (or set PUANTAJ_SYNC_URL and"
        " PUANTAJ_SYNC_TOKEN)",
    ),
    "sync.resync": (
        "yeniden eşitleme: {n} satır kuyrukta, kapsamın tamamı yeniden çekiliyor",
        "resync: {n} rows queued, pulling everything again",
    ),
    "sync.progress": (
        "  gönderilen {done}/{total} satır",
        "  pushed {done}/{total} rows",
    ),
    "sync.report": (
        "eşitleme {state}: gönderilen {pushed}, alınan {pulled}, reddedilen {refused},"
        " gönderilmemiş {pending}",
        "sync {state}: pushed {pushed}, pulled {pulled}, refused {refused},"
        " still unsent {pending}",
    ),
    "state.ok": ("tamam", "ok"),
    "state.offline": ("çevrimdışı", "offline"),
    "state.token_rejected": ("anahtar reddedildi", "token_rejected"),
    "state.error": ("hata", "error"),
    "sync.comparison": (
        "sunucuyla karşılaştırma: {result}",
        "comparison with the server: {result}",
    ),
    "sync.all": ("tüm bölgeler (yönetici)", "all regions (admin)"),
    "sync.scope": ("kapsam: {scope}; sunucu {url}", "scope: {scope}; server {url}"),
    "sync.refused_head": (
        "sunucunun reddettiği {n} satır burada saklanıyor:",
        "{n} row(s) refused by the server, kept here:",
    ),
    "sync.test_passed": ("bağlantı testi geçti ✓", "connection test passed ✓"),
    "sync.test_failed": ("bağlantı testi başarısız ✗", "connection test failed ✗"),
    "div.in_step": ("sunucuyla aynı", "in step with the server"),
    "div.differ": ("{rows} satır farklı: {where}", "{rows} rows differ in {where}"),
    "div.repaired": (
        "onarıldı ({rows} satır farklıydı: {where}); sunucuyla aynı",
        "repaired ({rows} rows differed in {where}); in step with the server",
    ),
    "div.not_checked": ("karşılaştırılmadı: {message}", "not checked: {message}"),
    "role.admin": ("yönetici", "admin"),
    "role.clerk": ("katip", "clerk"),
    "error": ("hata: {message}", "error: {message}"),
    "export.no_region": (
        "bu bilgisayarda bölge yok: --region verin",
        "no regions on this PC: give --region",
    ),
    "export.progress": ("  {done}/{total} bölge", "  {done}/{total} regions"),
    "export.written": (
        "yazıldı: {path} (kişisel veri içerir, KVKK)",
        "written: {path} (holds personal data, KVKK)",
    ),
    "backup.row": (
        "{path}  {size} bayt  {taken} UTC",
        "{path}  {size} bytes  {taken} UTC",
    ),
    "backup.confirm": (
        "geri yükleme bu bilgisayardaki veritabanının yerine geçer; onaylamak için --yes ekleyin",
        "restore replaces the current database; add --yes to confirm",
    ),
    "backup.restored": (
        "{source} geri yüklendi; önceki veritabanı {aside} olarak saklandı",
        "restored {source}; previous database saved as {aside}",
    ),
    "backup.written": (
        "yedek yazıldı: {path} ({size} bayt, bütünlük denetimi tamam)",
        "backup written: {path} ({size} bytes, integrity ok)",
    ),
    "erase.confirm": (
        "silme, çalışanın adını, TC kimlik no'sunu, doğum tarihini ve unvanını her"
        " bilgisayarda ve sunucuda kalıcı olarak boşaltır; onaylamak için --yes ekleyin",
        "erasure blanks the employee's name, TC no, birth date and title on"
        " every PC and the server, for good; add --yes to confirm",
    ),
    "erase.done": (
        "{id} çalışanı (sicil {sicil}) burada silindi; sonraki eşitlemede sunucuya ve"
        " her ofise gider. Ardından sunucuda: puantaj-server erase {id} (eski"
        " değerleri çakışma geçmişinden kaldırır). Yedekler, dönüşümle silinene dek"
        " onları tutar.",
        "employee {id} (sicil {sicil}) erased here; it goes to the server and every"
        " office at the next sync. Then, on the server: puantaj-server erase {id}"
        " (removes the old values from the conflict history). Backups keep them"
        " until they are rotated out.",
    ),
    "demo.users": (
        "deneme kullanıcıları: {names} (parola: demo1234)",
        "demo users: {names} (password: demo1234)",
    ),
    "import.no_region": (
        "bölge gerekli: --region verin",
        "a region is needed: give --region",
    ),
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


def word_divergence(report, text: CliText) -> str:
    """The last comparison with the server (a DivergenceReport) in words."""
    rows = sum(max(d["rows"], 0) for d in report.differences)
    where = ", ".join(f"{d['region']}/{d['table']}" for d in report.differences)
    return text(f"div.{report.state}", rows=rows, where=where, message=report.message)
