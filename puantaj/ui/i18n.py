"""The interface strings, Turkish by default and English on request."""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    "app.title": ("Puantaj", "Puantaj"),
    "login.title": ("Giriş", "Log in"),
    "login.user": ("Kullanıcı adı", "Username"),
    "login.password": ("Parola", "Password"),
    "login.submit": ("Giriş yap", "Log in"),
    "login.first_run": (
        "İlk çalıştırma: yönetici parolasını belirleyin",
        "First run: choose the admin password",
    ),
    "login.demo": (
        "DEMO MODU — demo kullanıcıları: ankara1, istanbul1, bursa1, izmir1, "
        "admin (parola demo1234)",
        "DEMO MODE — demo users: ankara1, istanbul1, bursa1, izmir1, admin "
        "(password demo1234)",
    ),
    "login.create": ("Yönetici oluştur", "Create admin"),
    "tab.grid": ("Puantaj", "Timesheet"),
    "tab.employees": ("Çalışanlar", "Employees"),
    "tab.vehicles": ("Araçlar", "Vehicles"),
    "tab.drivers": ("Sürücüler", "Drivers"),
    "tab.faults": ("Arıza & Muayene", "Faults & inspections"),
    "tab.reports": ("Raporlar", "Reports"),
    "tab.settings": ("Ayarlar", "Settings"),
    "tab.admin": ("Yönetim", "Administration"),
    "grid.month": ("Ay", "Month"),
    "grid.region": ("Bölge", "Region"),
    "grid.fill": ("Ayı doldur", "Fill month"),
    "grid.copy": ("Geçen aydan kopyala", "Copy last month"),
    "grid.locked": (
        "Bu ay {by} tarafından kilitlendi — salt okunur",
        "This month was locked by {by} — read only",
    ),
    "grid.saved": ("{n} hücre kaydedildi", "{n} cells saved"),
    "grid.unknown": ("Bilinmeyen kod: {text}", "Unknown code: {text}"),
    "grid.legend": ("Kodlar", "Codes"),
    "tot.worked": ("Çalışılan", "Worked"),
    "tot.paid": ("Ücretli", "Paid"),
    "tot.sgk": ("SGK gün", "SGK days"),
    "tot.eksik": ("Eksik kodu", "Eksik code"),
    "tot.overtime": ("FM saat", "Overtime h"),
    "status.idle": ("Hazır", "Idle"),
    "status.syncing": ("Eşitleniyor…", "Syncing…"),
    "status.offline": ("Çevrimdışı ({since} itibarıyla)", "Offline since {since}"),
    "status.error": ("Hata: {message}", "Error: {message}"),
    "status.token": ("Anahtar reddedildi", "Token rejected"),
    "status.unsent": ("Gönderilmemiş: {n}", "Unsent: {n}"),
    "status.refused": (
        "Sunucunun reddettiği: {n}",
        "Refused by the server: {n}",
    ),
    "status.last": ("Son eşitleme: {at}", "Last sync: {at}"),
    "refusal.title": ("Sunucunun reddettiği kayıtlar", "Rows the server refused"),
    "refusal.none": (
        "Reddedilen kayıt yok: her şey gönderildi.",
        "No refused rows: everything was sent.",
    ),
    "refusal.col.table": ("Tablo", "Table"),
    "refusal.col.subject": ("Kayıt", "Row"),
    "refusal.col.reason": ("Neden", "Why"),
    "refusal.col.advice": ("Ne yapmalı", "What to do"),
    "refusal.col.at": ("Zaman", "When"),
    "refusal.open": ("Reddedilenleri göster", "Show refused rows"),
    "dialog.close": ("Kapat", "Close"),
    "table.employees": ("Çalışan", "Employee"),
    "table.timesheets": ("Puantaj hücresi", "Timesheet cell"),
    "table.vehicles": ("Araç", "Vehicle"),
    "table.drivers": ("Sürücü", "Driver"),
    "table.vehicle_faults": ("Arıza", "Fault"),
    "table.vehicle_inspections": ("Muayene", "Inspection"),
    "table.reports": ("Ay durumu", "Month status"),
    "table.users": ("Kullanıcı", "User"),
    "reason.period_locked": ("Ay kilitli", "The month is locked"),
    "reason.invalid_row": ("Kayıt eksik veya hatalı", "Incomplete or invalid row"),
    "reason.region_forbidden": ("Yetki dışı", "Not allowed for this token"),
    "reason.clock_ahead": (
        "Bilgisayarın saati ileride",
        "The PC's clock is ahead",
    ),
    "refusal.advice.period_locked": (
        "Yönetici ayın kilidini açınca kendiliğinden yeniden gönderilir.",
        "Sent again by itself once an admin unlocks the month.",
    ),
    "refusal.advice.invalid_row": (
        "Kaydı açıp eksik alanları düzeltin; düzeltme bir sonraki eşitlemede gider.",
        "Open the row and fix the missing fields; the fix goes at the next sync.",
    ),
    "refusal.advice.region_forbidden": (
        "Bu işlem için yöneticiye başvurun.",
        "Ask an admin to do this.",
    ),
    "refusal.advice.clock_ahead": (
        "Bilgisayarın tarih ve saatini düzeltin; kayıt yeniden gönderilir.",
        "Correct the PC's date and time; the row is sent again.",
    ),
    "refusal.advice.other": (
        "Sorun sürerse yöneticiye başvurun.",
        "Ask an admin if this stays.",
    ),
    "status.never": ("Henüz eşitlenmedi", "Never synced"),
    "status.ok": (
        "Eşitlendi: {pushed} gönderildi, {pulled} alındı",
        "Synced: {pushed} sent, {pulled} received",
    ),
    "list.search": ("Ara", "Search"),
    "list.add": ("Ekle", "Add"),
    "list.edit": ("Düzenle", "Edit"),
    "list.deactivate": ("Pasifleştir", "Deactivate"),
    "list.due": ("30 gün içinde süresi dolanlar", "Due within 30 days"),
    "dialog.save": ("Kaydet", "Save"),
    "dialog.cancel": ("Vazgeç", "Cancel"),
    "reports.submit": ("Ayı gönder", "Submit month"),
    "reports.approve": ("Onayla", "Approve"),
    "reports.lock": ("Kilitle", "Lock"),
    "reports.unlock": ("Kilidi aç", "Unlock"),
    "reports.reason": ("Gerekçe", "Reason"),
    "reports.xlsx": ("Excel'e aktar", "Export to Excel"),
    "reports.csv": ("CSV'ye aktar", "Export to CSV"),
    "reports.status": ("Durum: {status}", "Status: {status}"),
    "reports.exported": ("Dışa aktarıldı: {path}", "Exported: {path}"),
    "settings.enabled": ("Eşitleme açık", "Sync enabled"),
    "settings.url": ("Sunucu adresi", "Server URL"),
    "settings.token": ("Anahtar (token)", "Token"),
    "settings.interval": ("Aralık (dakika)", "Interval (minutes)"),
    "settings.save": ("Kaydet", "Save"),
    "settings.test": ("Bağlantıyı sına", "Test connection"),
    "settings.sync_now": ("Şimdi eşitle", "Sync now"),
    "settings.backup_now": ("Şimdi yedekle", "Backup now"),
    "settings.restore": ("Yedekten geri yükle", "Restore from backup"),
    "settings.restore_confirm": (
        "Geçerli veritabanı kenara kaydedilip {name} geri yüklenecek. Emin misiniz?",
        "The current database will be saved aside and {name} restored. Are you sure?",
    ),
    "settings.language": ("Dil", "Language"),
    "settings.saved": ("Ayarlar kaydedildi", "Settings saved"),
    "settings.bad_interval": (
        "Aralık bir sayı olmalı (dakika): {value}",
        "The interval must be a number of minutes: {value}",
    ),
    "settings.testing": ("Sınanıyor…", "Testing…"),
    "settings.backup_done": ("Yedek alındı: {path}", "Backup written: {path}"),
    "settings.restart": (
        "Dil değişikliği yeniden başlatınca geçerli olur",
        "The language applies after a restart",
    ),
    "admin.refresh": ("Yenile", "Refresh"),
    "admin.restore": ("Bu değeri geri yükle", "Restore this value"),
    "admin.regions": ("Bölgeler", "Regions"),
    "admin.conflicts": ("Çakışma geçmişi", "Conflict history"),
    "admin.activity": ("Etkinlik günlüğü", "Activity log"),
    "admin.unavailable": (
        "Sunucuya ulaşılamadı: {message}",
        "Server unreachable: {message}",
    ),
    "f.sicil_no": ("Sicil", "Sicil no"),
    "f.tc_no": ("TC kimlik no", "TC id no"),
    "f.first_name": ("Ad", "First name"),
    "f.last_name": ("Soyad", "Last name"),
    "f.title": ("Unvan", "Title"),
    "f.hire_date": ("İşe giriş", "Hired"),
    "f.exit_date": ("Çıkış", "Left"),
    "f.weekly_rest_day": ("Hafta tatili günü", "Weekly rest day"),
    "day.0": ("Pazartesi", "Monday"),
    "day.1": ("Salı", "Tuesday"),
    "day.2": ("Çarşamba", "Wednesday"),
    "day.3": ("Perşembe", "Thursday"),
    "day.4": ("Cuma", "Friday"),
    "day.5": ("Cumartesi", "Saturday"),
    "day.6": ("Pazar", "Sunday"),
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
    "due.what": ("Yükümlülük", "Obligation"),
    "due.date": ("Son tarih", "Due"),
    "due.days": ("Kalan gün", "Days left"),
    "reports.name": ("Ad soyad", "Name"),
    "probe.unreachable": (
        "Sunucuya ulaşılamadı: {error}",
        "Server unreachable: {error}",
    ),
    "probe.reached": (
        "Sunucuya ulaşıldı: sürüm {version}, veritabanı {database}",
        "Server reached: version {version}, database {database}",
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
    "admin.all": ("Tümü (yönetici)", "All (admin)"),
    "admin.col.region": ("Bölge", "Region"),
    "admin.col.sites": ("Kurulum", "Sites"),
    "admin.col.last_sync": ("Son eşitleme", "Last sync"),
    "admin.col.employees": ("Çalışan", "Employees"),
    "admin.col.timesheets": ("Puantaj satırı", "Timesheet rows"),
    "admin.col.unsent": ("Gönderilmemiş", "Unsent"),
    "admin.col.conflicts": ("Çakışma", "Conflicts"),
    "admin.col.rejected": ("Reddedilen", "Refused"),
    "admin.col.months": ("Aylar", "Months"),
    "admin.col.in_step": ("Veri eşitliği", "Data in step"),
    "admin.step.in_step": ("Eşit ✓", "In step ✓"),
    "admin.step.unknown": ("Henüz karşılaştırılmadı", "Not compared yet"),
    "admin.step.differ": ("{n} satır farklı: {where}", "{n} rows differ: {where}"),
    "admin.col.id": ("No", "Id"),
    "admin.col.table": ("Tablo", "Table"),
    "admin.col.column": ("Alan", "Field"),
    "admin.col.kind": ("Tür", "Kind"),
    "admin.col.value": ("Değer", "Value"),
    "admin.col.winner": ("Geçerli değer", "Winner"),
    "admin.col.site": ("Kurulum", "Site"),
    "admin.col.restored": ("Geri yüklendi", "Restored"),
    "admin.col.at": ("Zaman", "At"),
    "admin.col.user": ("Kullanıcı", "User"),
    "admin.col.employee": ("Çalışan", "Employee"),
    "admin.col.day": ("Gün", "Day"),
    "admin.col.old": ("Eski", "Old"),
    "admin.col.new": ("Yeni", "New"),
    "admin.col.source": ("Kaynak", "Source"),
    # errors with a code (PuantajError.code); {field} is the field's label
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
    # stored values shown to people (Strings.value)
    "v.private": ("Hususi", "Private car"),
    "v.commercial": ("Ticari", "Commercial"),
    "v.motorcycle": ("Motosiklet", "Motorcycle"),
    "v.tractor": ("Traktör", "Tractor"),
    "v.truck": ("Kamyon", "Truck"),
    "v.bus": ("Otobüs", "Bus"),
    "v.active": ("Aktif", "Active"),
    "v.passive": ("Pasif", "Passive"),
    "v.service": ("Serviste", "At service"),
    "v.sale": ("Satılık", "For sale"),
    "v.low": ("Düşük", "Low"),
    "v.medium": ("Orta", "Medium"),
    "v.high": ("Yüksek", "High"),
    "v.open": ("Açık", "Open"),
    "v.closed": ("Kapalı", "Closed"),
    "v.inspection": ("Muayene", "Inspection"),
    "v.emission": ("Egzoz ölçümü", "Emission check"),
    "v.tachograph": ("Takograf", "Tachograph"),
    "v.insurance": ("Trafik sigortası", "Traffic insurance"),
    "v.kasko": ("Kasko", "Kasko"),
    "v.passed": ("Geçti", "Passed"),
    "v.failed": ("Kaldı", "Failed"),
    "v.draft": ("Taslak", "Draft"),
    "v.submitted": ("Gönderildi", "Submitted"),
    "v.approved": ("Onaylandı", "Approved"),
    "v.locked": ("Kilitli", "Locked"),
    "v.offline": ("Çevrimdışı", "Offline"),
    "v.error": ("Hata", "Error"),
    "v.token_rejected": ("Anahtar reddedildi", "Token rejected"),
    "v.lost": ("Kaybeden değer", "Lost"),
    "v.overwritten": ("Üzerine yazılan", "Overwritten"),
    "v.grid": ("Puantaj", "Grid"),
    "v.paste": ("Yapıştırma", "Paste"),
    "v.fill": ("Ayı doldur", "Fill month"),
    "v.copy": ("Geçen aydan", "Copied"),
}


class Strings:
    """Looks up a catalogue entry in the chosen language."""

    def __init__(self, language: str = "tr") -> None:
        self.index = 1 if language == "en" else 0

    def __call__(self, key: str, **values: object) -> str:
        pair = CATALOGUE.get(key)
        text = pair[self.index] if pair else key
        return text.format(**values) if values else text

    def value(self, stored: object) -> str:
        """How a stored code word ("draft", "private", …) reads on screen; a value
        the catalogue does not know is shown as it is."""
        pair = CATALOGUE.get(f"v.{stored}")
        return pair[self.index] if pair else str(stored)

    def error(self, exc: Exception) -> str:
        """An error in the user's language when it carries a known code (see
        PuantajError), else its own (English) message."""
        code = getattr(exc, "code", "")
        pair = CATALOGUE.get(f"err.{code}") if code else None
        if pair is None:
            return str(exc)
        values = dict(getattr(exc, "values", {}))
        field = getattr(exc, "field", None) or ""
        values["field"] = self(f"f.{field}") if f"f.{field}" in CATALOGUE else field
        if "status" in values:
            values["status"] = self.value(values["status"])
        return pair[self.index].format(**values)

    def labelled(self, stored: tuple[str, ...]):
        """Choices for a dialog: screen label → stored value."""
        return lambda: {self.value(v): v for v in stored}
