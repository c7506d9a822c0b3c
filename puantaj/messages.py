"""Words for coded errors and field labels, in Turkish and English: shared by
the desktop's windows and its command line (no Tk here)."""

from __future__ import annotations

from pathlib import Path

from puantaj.errors import PuantajError

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
    # why a sync, a connection test or an admin request failed (puantaj.sync)
    "err.sync_down": (
        "Sunucuya ulaşılamadı: bağlantı reddedildi (sunucu çalışıyor mu?)",
        "Cannot reach the server: connection refused (is the server running?)",
    ),
    "err.sync_dns": (
        "Sunucuya ulaşılamadı: sunucu adı bulunamadı (adresi ve internet"
        " bağlantısını denetleyin)",
        "Cannot reach the server: its name could not be resolved (check the"
        " address and the internet connection)",
    ),
    "err.sync_unreachable": (
        "Sunucuya ulaşılamadı (ağ bağlantısını denetleyin)",
        "Cannot reach the server (check the network connection)",
    ),
    "err.sync_timeout": (
        "Sunucu {seconds} sn içinde yanıt vermedi",
        "The server did not answer within {seconds} s",
    ),
    "err.sync_tls": (
        "Sunucuyla güvenli (TLS) bağlantı kurulamadı: adresi ve sertifikayı denetleyin",
        "No secure (TLS) connection to the server: check its address and certificate",
    ),
    "err.sync_network": (
        "Ağ hatası: sunucuyla konuşulamadı",
        "Network error: could not talk to the server",
    ),
    "err.sync_busy": (
        "Sunucu meşgul ya da arızalı ({status}); eşitleme sonra yeniden denenecek",
        "The server is busy or failing ({status}); the sync is tried again later",
    ),
    "err.sync_refused": (
        "Sunucu isteği reddetti ({status})",
        "The server refused the request ({status})",
    ),
    "err.token_rejected": (
        "Sunucu anahtarı reddetti: Ayarlar'daki anahtarı denetleyin",
        "The server rejected the token: check the token in Settings",
    ),
    "err.no_url": ("Sunucu adresi yazılmamış", "No server address is set"),
    "err.not_configured": (
        "Eşitleme ayarlı değil: Ayarlar'da sunucu adresini ve anahtarı yazın",
        "Sync is not configured: enter the server address and token in Settings",
    ),
    "err.protocol": (
        "Sunucunun yanıtı anlaşılamadı (sürümler uyumsuz olabilir); yöneticiye"
        " başvurun",
        "The server's reply could not be understood (the versions may differ);"
        " ask an admin",
    ),
    "err.clock_ahead": (
        "Sunucu değişiklikleri saati ileride diye iki kez reddetti: bilgisayarın"
        " tarih, saat ve saat dilimini denetleyin",
        "The server refused changes as stamped ahead of its clock twice: check"
        " the PC's date, time and time zone",
    ),
    "err.no_events": (
        "Sunucu canlı bildirim sunmuyor; eşitleme kendi aralığıyla sürüyor",
        "The server sends no live changes; sync goes on at its interval",
    ),
    "err.events_lost": (
        "Canlı bildirim bağlantısı koptu; eşitleme kendi aralığıyla sürüyor",
        "The live channel was lost; sync goes on at its interval",
    ),
    # the services' refusals (puantaj.services)
    "err.bad_database": (
        "{name} bozuk ya da kullanılamaz bir veritabanı",
        "{name} is a damaged or unusable database",
    ),
    "err.no_holiday": ("O gün tatil yok", "No holiday on that day"),
    "err.admin_erases": (
        "Kişisel verileri yalnızca yönetici silebilir",
        "Only an admin erases personal data",
    ),
    "err.no_record": (
        "Kayıt bulunamadı (başka bir bilgisayarda silinmiş olabilir)",
        "Record not found (it may have been removed on another PC)",
    ),
    "err.no_employee": (
        "Çalışan bulunamadı ya da pasif",
        "The employee is not found or deactivated",
    ),
    "err.no_holidays": (
        "Tatil takvimi paketi (holidays) kurulu değil",
        "The holidays package is not installed",
    ),
    "err.unknown_field": ("Bilinmeyen alan: {field}", "Unknown field: {field}"),
    "err.unknown_action": ("Bilinmeyen işlem: {action}", "Unknown action: {action}"),
    "err.other_region": (
        "{region} bölgesi yetkiniz dışında",
        "Region {region} is outside your scope",
    ),
    "err.choose_region": (
        "Yeni kayıt için bir bölge seçin",
        "Choose a region for the new record",
    ),
    "err.foreign_row": (
        "Bu kayıt başka bir bölgenin",
        "That record belongs to another region",
    ),
    "err.bad_username": (
        "Kullanıcı adı yalnızca harf ve rakamdan oluşabilir",
        "A username holds letters and digits only",
    ),
    "err.bad_role": (
        "Rol puantaj memuru ya da yönetici olmalı",
        "The role must be clerk or admin",
    ),
    "err.clerk_region": (
        "Puantaj memurunun bir bölgesi olmalı",
        "A clerk needs a region",
    ),
    "err.has_accounts": (
        "Bu bilgisayarda hesaplar var: giriş yapın",
        "This PC has accounts already: log in",
    ),
    "err.deactivate_self": (
        "Kendi hesabınızı kapatamazsınız",
        "You cannot deactivate yourself",
    ),
    "err.cannot_connect": (
        "Bu pencere yeni bir bilgisayarı bağlayamaz",
        "This window cannot connect a new PC",
    ),
    "err.pdf_font": (
        "PDF için yazı tipi bulunamadı",
        "The font for the PDF is missing",
    ),
    "err.import_format": (
        "{name}: yalnızca .xlsx ve .csv dosyaları alınabilir",
        "{name}: only .xlsx and .csv files can be imported",
    ),
    "err.import_headings": (
        "{name}: Sicil ya da TC sütunu olan bir başlık satırı bulunamadı",
        "{name}: no heading row with a Sicil or TC column",
    ),
    # errors that are not ours (Python's, the OS's): worded by their kind
    "err.no_permission": (
        "Bu dosyaya erişim izni yok: {name}",
        "No permission for this file: {name}",
    ),
    "err.no_file": ("Böyle bir dosya ya da klasör yok: {name}", "No such file: {name}"),
    "err.os_error": (
        "Dosya işlemi yapılamadı ({kind}); ayrıntı günlük dosyasında",
        "The file operation failed ({kind}); the details are in the log",
    ),
    "err.unexpected": (
        "Beklenmeyen bir hata oldu ({kind}); ayrıntı günlük dosyasında",
        "An unexpected error ({kind}); the details are in the log",
    ),
}


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
    if "status" in values and f"v.{values['status']}" in catalogue:
        values["status"] = catalogue[f"v.{values['status']}"][index]
    return pair[index].format(**values)
