"""Words for coded errors and field labels, in Turkish and English: shared by
the desktop's windows and its command line (no Tk here)."""

from __future__ import annotations

import re
from pathlib import Path

from puantaj import payroll_words
from puantaj.error_words import ERROR_WORDS
from puantaj.errors import PuantajError
from puantaj.syncproto import refusal_details

MESSAGES: dict[str, tuple[str, str]] = {
    "err.no_backup": ("Böyle bir dosya yok: {name}", "No such file: {name}"),
    "err.not_a_backup": (
        "{name} bir Puantaj veritabanı değil; hiçbir şey değişmedi",
        "{name} is not a Puantaj database; nothing was changed",
    ),
    # the connection test's steps (puantaj.sync.probe), window and command line
    "probe.unreachable": (
        "Sunucuya ulaşılamadı: {error}",
        "Server unreachable: {error}",
    ),
    "probe.failed": ("Sınama durdu: {error}", "The test stopped: {error}"),
    "probe.reached": (
        "Sunucuya ulaşıldı: sürüm {version}, şema {schema}, veritabanı {database}",
        "Server reached: version {version}, schema {schema}, database {database}",
    ),
    "probe.refused": ("Anahtar kabul edilmedi: {error}", "Token not accepted: {error}"),
    "probe.unchecked": (
        "Anahtar denetlenemedi: {error}",
        "The token could not be checked: {error}",
    ),
    "probe.admin": (
        "Anahtar kabul edildi: yönetici (tüm bölgeler)",
        "Token accepted: admin (all regions)",
    ),
    "probe.region": (
        "Anahtar kabul edildi: {region} bölgesi",
        "Token accepted for region {region}",
    ),
    "probe.protocol": ("Protokol {protocol} uyumlu", "Protocol {protocol} matches"),
    "probe.mismatch": (
        "Protokol uyuşmuyor: sunucu {server}, bu program {ours}",
        "Protocol mismatch: server {server}, this program {ours}",
    ),
    "probe.clock": (
        "Sunucuyla saat farkı: {seconds} sn",
        "Clock offset to the server: {seconds} s",
    ),
    "probe.clock_off": (
        "Sunucuyla saat farkı: {seconds} sn (bilgisayarın saati yanlış; kayıtlar "
        "bu farka göre düzeltiliyor)",
        "Clock offset to the server: {seconds} s (the PC clock is off; stamps are "
        "corrected by it)",
    ),
    "probe.no_time": (
        "Sunucu geçerli bir saat göndermedi",
        "The server sent no valid time",
    ),
    "err.locked_account": (
        "Çok sayıda yanlış parola: hesap bu bilgisayarda {until}'e kadar kilitli",
        "Too many wrong passwords: the account is locked on this PC until {until}",
    ),
    "err.weak_password": (
        "Parola kullanıcı adıyla aynı olamaz",
        "The password must not be the username",
    ),
    "err.old_password": ("Şu anki parola yanlış", "The current password is wrong"),
    "err.no_scope": (
        "Önce sunucuya bağlanın: hesabın rolünü ve bölgesini anahtar belirler",
        "Connect to the server first: the token decides the role and region",
    ),
    "err.no_user": ("Böyle bir kullanıcı yok", "No such user"),
    "err.region_fixed": (
        "Bir hesabın bölgesi değişmez: diğer bölge için yeni hesap açın",
        "An account's region is fixed: make a new account for the other region",
    ),
    "f.sicil_no": ("Sicil", "Sicil no"),
    "f.tc_no": ("TC kimlik no", "TC id no"),
    "f.first_name": ("Ad", "First name"),
    "f.last_name": ("Soyad", "Last name"),
    "f.title": ("Unvan", "Title"),
    "f.hire_date": ("İşe giriş", "Hired"),
    "f.exit_date": ("Çıkış", "Left"),
    "f.weekly_rest_day": ("Hafta tatili günü", "Weekly rest day"),
    "f.plate": ("Plaka", "Plate"),
    "f.vehicle_type": ("Tür", "Type"),
    "f.make": ("Marka", "Make"),
    "f.model": ("Model", "Model"),
    "f.first_registration": ("İlk tescil", "First registration"),
    "f.km": ("Km", "Km"),
    "f.insurance_expiry": ("Trafik sigortası bitişi", "Insurance expiry"),
    "f.kasko_expiry": ("Kasko bitişi", "Kasko expiry"),
    "f.last_inspection": ("Son muayene", "Last inspection"),
    "f.last_emission": ("Son egzoz ölçümü", "Last emission check"),
    "f.full_name": ("Ad soyad", "Full name"),
    "f.license_no": ("Ehliyet no", "Licence no"),
    "f.license_class": ("Sınıf", "Class"),
    "f.license_expiry": ("Ehliyet bitişi", "Licence expiry"),
    "f.phone": ("Telefon", "Phone"),
    "f.vehicle_id": ("Araç", "Vehicle"),
    "f.fault_date": ("Tarih", "Date"),
    "f.category": ("Kategori", "Category"),
    "f.description": ("Açıklama", "Description"),
    "f.severity": ("Önem", "Severity"),
    "f.status": ("Durum", "Status"),
    "f.cost": ("Tutar", "Cost"),
    "f.kind": ("Tür", "Kind"),
    "f.inspection_date": ("Tarih", "Date"),
    "f.result": ("Sonuç", "Result"),
    "f.station": ("İstasyon", "Station"),
    "err.tc": (
        "{field}: geçersiz TC kimlik no ({value})",
        "{field}: invalid TC id no ({value})",
    ),
    "err.plate": (
        "{field}: geçersiz plaka ({value})",
        "{field}: invalid plate ({value})",
    ),
    "err.date": (
        "{field}: tarih değil, gg.aa.yyyy yazın ({value})",
        "{field}: not a date, write dd.mm.yyyy ({value})",
    ),
    "err.number": ("{field}: sayı değil ({value})", "{field}: not a number ({value})"),
    "err.required": ("{field}: boş bırakılamaz", "{field}: is required"),
    "err.login": ("Kullanıcı adı ya da parola yanlış", "Wrong username or password"),
    "err.short_password": (
        "Parola en az {min} karakter olmalı",
        "The password needs at least {min} characters",
    ),
    "err.bad_value": (
        "{field}: geçersiz değer ({value})",
        "{field}: bad value ({value})",
    ),
    "f.sync_interval_min": ("Aralık (dakika)", "Interval (minutes)"),
    "err.duplicate": (
        "{field}: bu anahtarla bir kayıt zaten var",
        "{field}: a record with this key already exists",
    ),
    "err.too_long": (
        "{field}: en çok {max} karakter",
        "{field}: at most {max} characters",
    ),
    "err.insecure_url": (
        "Anahtar yalnızca şifreli bağlantıyla gönderilir: https:// ile başlayan"
        " bir adres yazın (http:// yalnızca bu bilgisayar için)",
        "The token is only sent over TLS: use an https:// address (http:// is for"
        " this machine only)",
    ),
    "err.bad_url": (
        "Sunucu adresi https:// ile başlamalı ({value})",
        "The server address must start with https:// ({value})",
    ),
    "err.control": (
        "{field}: görünmeyen bir denetim karakteri içeriyor (yapıştırılmış olabilir)",
        "{field}: holds an invisible control character (pasted, perhaps)",
    ),
    "err.range": (
        "{field}: {min} ile {max} arasında olmalı",
        "{field}: must be from {min} to {max}",
    ),
    "err.code": ("Bilinmeyen kod: {text}", "Unknown code: {text}"),
    "err.code_on": ("{day}: bilinmeyen kod {text}", "{day}: unknown code {text}"),
    # a known code with overtime that cannot be (issue 15: not "unknown code")
    "err.overtime_max": (
        "{text}: bir günde {max} saatten fazla fazla mesai yazılamaz",
        "{text}: more than {max} hours of overtime in one day",
    ),
    "err.overtime_not_worked": (
        "{text}: {code_name} çalışılmayan bir gün; fazla mesai yalnızca çalışılan"
        " günlere yazılır",
        "{text}: {code_name} is not a worked day; overtime goes on worked days only",
    ),
    "err.overtime_zero": (
        "{text}: fazla mesai 0 saatten çok olmalı",
        "{text}: overtime must be more than 0 hours",
    ),
    "err.not_employed": (
        "{day}: çalışanın işe giriş–çıkış tarihleri dışında",
        "{day}: outside the employee's employment dates",
    ),
    "err.locked": (
        "{region} {month} kilitli ({by} kilitledi)",
        "{region} {month} is locked (by {by})",
    ),
    "err.admin_only": (
        "Onaylama, kilitleme ve kilit açma yalnızca yöneticinin işi",
        "Only an admin can approve, lock or unlock",
    ),
    "err.reason": (
        "Kilidi açmak için gerekçe yazın",
        "Unlocking needs a written reason",
    ),
    "err.transition": (
        "Bu ay {status} durumunda; bu işlem yapılamaz",
        "The month is {status}; this cannot be done now",
    ),
    **ERROR_WORDS,  # sync, services, the live channel, the OS (issue 15)
}


_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def word_refusal_detail(text: str, index: int, catalogue=MESSAGES) -> str:
    """A refusal's detail (the server's English) in the language at `index`
    when one of the shared templates wrote it, else as it is. Fields read by
    their labels, tables by their names, months in words."""
    found = refusal_details.parse(text)
    pair = catalogue.get(f"refusal.detail.{found[0]}") if found else None
    if found is None or pair is None:
        return text
    values: dict[str, object] = dict(found[1])
    if "detail" in values:  # its parent's refusal, worded the same way
        values["detail"] = word_refusal_detail(str(values["detail"]), index, catalogue)
    if "parent" in values:
        table = catalogue.get(f"table.{values['parent']}")
        values["parent"] = table[index] if table else values["parent"]
    for name in ("column", "columns"):
        if name in values:
            values[name] = ", ".join(
                _label(c.strip(), index, catalogue)
                for c in str(values[name]).split(",")
            )
    if "month" in values:
        values["month"] = _month_words(values["month"], index, catalogue)
    return pair[index].format(**values)


def _label(field: str, index: int, catalogue) -> str:
    label = catalogue.get(f"f.{field}")
    return label[index] if label else field


def _month_words(value: object, index: int, catalogue) -> object:
    """A month as YYYY-MM in words ("Mart 2026"); anything else as it is."""
    if not (isinstance(value, str) and _MONTH.fullmatch(value)):
        return value
    key = f"month.{int(value[5:])}"
    pair = catalogue.get(key) or payroll_words.WORDS.get(key)
    return f"{pair[index]} {value[:4]}" if pair else value


def _foreign_code(exc: Exception) -> tuple[str, dict[str, object]]:
    """The catalogue code and values of an error that is not a PuantajError."""
    name = Path(str(getattr(exc, "filename", "") or "")).name
    if isinstance(exc, PermissionError):
        return "no_permission", {"name": name}
    if isinstance(exc, FileNotFoundError):
        return "no_file", {"name": name}
    if isinstance(exc, OSError):
        return "os_error", {"kind": type(exc).__name__}
    return "unexpected", {"kind": type(exc).__name__}


def word_error(exc: Exception, index: int, catalogue=MESSAGES) -> str:
    """An error in the language at `index` (0 Turkish, 1 English) when it
    carries a known code (see PuantajError), else its own English message.
    A stored status among its values ("draft", …) is worded by the catalogue's
    "v.<status>" entry when it has one. An error that is not ours (OSError, a
    bug) is worded by its kind, never by its English text."""
    code, given = getattr(exc, "code", ""), getattr(exc, "values", {})
    if not isinstance(exc, PuantajError):
        code, given = _foreign_code(exc)
    pair = catalogue.get(f"err.{code}") if code else None
    if pair is None:
        return str(exc)
    values = {  # an error among the values (a probe step's) is worded too
        name: word_error(value, index, catalogue)
        if isinstance(value, Exception)
        else value
        for name, value in given.items()
    }
    field = getattr(exc, "field", None) or ""
    label = catalogue.get(f"f.{field}")
    values["field"] = label[index] if label else field
    if "month" in values:  # 2026-03 reads "Mart 2026"
        values["month"] = _month_words(values["month"], index, catalogue)
    if "status" in values and f"v.{values['status']}" in catalogue:
        values["status"] = catalogue[f"v.{values['status']}"][index]
    return pair[index].format(**values)
