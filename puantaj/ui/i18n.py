"""The interface strings, Turkish by default and English on request."""

from __future__ import annotations

from puantaj.errors import PuantajError
from puantaj.messages import MESSAGES, word_error, word_refusal_detail
from puantaj.payroll_words import WORDS as PAYROLL_WORDS
from puantaj.ui.i18n_admin import ADMIN
from puantaj.ui.i18n_import import IMPORT
from puantaj.ui.i18n_payroll import PAYROLL

CATALOGUE: dict[str, tuple[str, str]] = {
    **MESSAGES,
    **PAYROLL_WORDS,  # issue 13: checks, numbers, leave, exit dates, tables
    **PAYROLL,
    **IMPORT,  # issue 14: the import screen, background exports, company name
    **ADMIN,  # issue 15: the admin screens, every synced field's label
    "app.title": ("Puantaj", "Puantaj"),
    "login.title": ("Giriş", "Log in"),
    "login.user": ("Kullanıcı adı", "Username"),
    "login.password": ("Parola", "Password"),
    "login.submit": ("Giriş yap", "Log in"),
    "login.first_run": (
        "İlk kurulum: sunucuya bağlanın ve hesabınızı açın",
        "First run: connect to the server and open your account",
    ),
    "login.url": ("Sunucu adresi", "Server address"),
    "login.token": ("Anahtar", "Token"),
    "login.again": ("Parola (tekrar)", "Password (again)"),
    "login.connect": ("Bağlan ve hesabı aç", "Connect and open the account"),
    "login.connecting": ("Sunucuya bağlanılıyor…", "Connecting to the server…"),
    "login.mismatch": ("Parolalar aynı değil", "The passwords differ"),
    "login.need_user": ("Bir kullanıcı adı yazın", "Type a username"),
    "login.no_server": ("Sunucuya bağlanılamadı", "Could not connect to the server"),
    "login.accounts_came": (
        "Bu bölgenin hesapları sunucudan geldi: kendi hesabınızla giriş yapın",
        "This region's accounts came from the server: log in with yours",
    ),
    "login.logout": ("Çıkış", "Log out"),
    "tab.users": ("Kullanıcılar", "Users"),
    "settings.version": ("Sürüm", "Version"),
    "settings.versions": (
        "bu program {ours} · sunucu {server} (şema {schema})",
        "this program {ours} · server {server} (schema {schema})",
    ),
    "users.title": ("Bu bilgisayardaki hesaplar", "Accounts on this PC"),
    "users.add": ("Kullanıcı ekle", "Add user"),
    "users.reset": ("Parolayı sıfırla", "Reset password"),
    "users.toggle": ("Kapat / aç", "Deactivate / reactivate"),
    "users.save": ("Kaydet", "Save"),
    "users.col.username": ("Kullanıcı adı", "Username"),
    "users.col.full_name": ("Ad soyad", "Full name"),
    "users.col.role": ("Rol", "Role"),
    "users.col.region": ("Bölge", "Region"),
    "users.col.state": ("Durum", "State"),
    "users.col.last_login": ("Son giriş", "Last login"),
    "users.role.clerk": ("Puantaj memuru", "Clerk"),
    "users.role.admin": ("Yönetici", "Admin"),
    "users.active": ("Etkin", "Active"),
    "users.inactive": ("Kapalı", "Deactivated"),
    "users.my_password": ("Parolamı değiştir", "Change my password"),
    "users.password_for": ("{name}: yeni parola", "{name}: new password"),
    "users.current": ("Şu anki parola", "Current password"),
    "users.new": ("Yeni parola", "New password"),
    "app.title_user": ("Puantaj — {region} — {user}", "Puantaj — {region} — {user}"),
    "login.demo": (
        "DEMO MODU — parola demo1234. Her ofisin kendi bilgisayarı ve anahtarı var:"
        " make run DEMO=ankara1 (istanbul1, bursa1, izmir1)",
        "DEMO MODE — password demo1234. Each office has its own PC and token:"
        " make run DEMO=ankara1 (istanbul1, bursa1, izmir1)",
    ),
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
    # issue 15: the status line's full text, closing with unsent changes
    "status.message_title": ("Durum iletisi", "Status message"),
    "close.unsent": (
        "{n} değişiklik henüz sunucuya gönderilmedi.\n\n"
        "Evet: şimdi eşitle, sonra kapat\n"
        "Hayır: yine de kapat (değişiklikler bu bilgisayarda kalır, bir sonraki"
        " açılışta gönderilir)\nİptal: açık kalsın",
        "{n} changes have not been sent to the server yet.\n\n"
        "Yes: sync now, then close\n"
        "No: close anyway (the changes stay on this PC and go at the next start)"
        "\nCancel: keep the window open",
    ),
    "close.syncing": (
        "Eşitleniyor; bitince pencere kapanacak…",
        "Syncing; the window closes when it is done…",
    ),
    # issue 15: the grid
    "grid.fill_confirm": (
        "{month} ayının boş günleri bugüne ({today}) kadar doldurulsun mu?\n"
        "İş günlerine X, hafta tatiline HT, bayramlara GT yazılır. Geri alınabilir"
        " (Ctrl+Z).",
        "Fill the empty days of {month} up to today ({today})?\n"
        "Workdays get X, the weekly rest day HT, holidays GT. It can be undone"
        " (Ctrl+Z).",
    ),
    "grid.undone": ("Geri alındı: {n} hücre", "Undone: {n} cells"),
    # the totals headings' whole meaning, shown on hover
    "tip.worked": ("Çalışılan gün", "Days worked"),
    "tip.paid": ("Ücretli gün", "Paid days"),
    "tip.sgk": ("SGK prim günü", "SGK premium days"),
    "tip.eksik": ("Eksik gün kodu (SGK)", "Missing-day code (SGK)"),
    "tip.overtime": ("Fazla mesai saati, bu ay", "Overtime hours, this month"),
    "tip.blank": (
        "Boş gün: kodu girilmemiş çalışma günü",
        "Blank days: employed days without a code",
    ),
    "tip.year_overtime": (
        "Bu yılın fazla mesai saati (en çok 270)",
        "Overtime hours this year (at most 270)",
    ),
    "tip.leave_used": ("Yıllık izin: kullanılan gün", "Annual leave: days used"),
    "tip.leave_left": ("Yıllık izin: kalan gün", "Annual leave: days left"),
    "v.undo": ("Geri alma", "Undo"),
    "grid.redone": ("Yinelendi: {n} hücre", "Redone: {n} cells"),
    "grid.nothing_to_undo": ("Geri alınacak bir şey yok", "Nothing to undo"),
    "grid.undo_skipped": (
        "{n} hücre o arada değişmiş (eşitleme): onlara dokunulmadı",
        "{n} cells changed meanwhile (sync): they were left as they are",
    ),
    "grid.future": (
        "Gelecek günler doldurulmaz ({today} sonrası)",
        "Future days are not filled (after {today})",
    ),
    "status.ok": (
        "Eşitlendi: {pushed} gönderildi, {pulled} alındı",
        "Synced: {pushed} sent, {pulled} received",
    ),
    "list.search": ("Ara", "Search"),
    # each list's title (issue 15)
    "list.title.employees": ("Çalışan listesi", "Employees"),
    "list.title.vehicles": ("Araç listesi", "Vehicles"),
    "list.title.drivers": ("Sürücü listesi", "Drivers"),
    "list.title.vehicle_faults": ("Arızalar", "Faults"),
    "list.title.vehicle_inspections": ("Muayeneler ve ölçümler", "Inspections"),
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
    "reports.pdf": ("PDF (yazdır)", "PDF (print)"),
    "reports.payroll": ("Bordro aktarımı", "Payroll transfer"),
    "reports.progress": (
        "Aktarılıyor: {done}/{of} bölge",
        "Exporting: {done}/{of} regions",
    ),
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
    "day.0": ("Pazartesi", "Monday"),
    "day.1": ("Salı", "Tuesday"),
    "day.2": ("Çarşamba", "Wednesday"),
    "day.3": ("Perşembe", "Thursday"),
    "day.4": ("Cuma", "Friday"),
    "day.5": ("Cumartesi", "Saturday"),
    "day.6": ("Pazar", "Sunday"),
    "due.what": ("Yükümlülük", "Obligation"),
    "due.date": ("Son tarih", "Due"),
    "due.days": ("Kalan gün", "Days left"),
    "reports.name": ("Ad soyad", "Name"),
    "admin.all": ("Tümü (yönetici)", "All (admin)"),
    "admin.col.region": ("Bölge", "Region"),
    "admin.col.last_sync": ("Son eşitleme", "Last sync"),
    "admin.col.unsent": ("Gönderilmemiş", "Unsent"),
    "admin.col.months": ("Aylar", "Months"),
    "admin.col.in_step": ("Veri eşitliği", "Data in step"),
    "admin.step.in_step": ("Eşit ✓", "In step ✓"),
    "admin.step.unknown": ("Henüz karşılaştırılmadı", "Not compared yet"),
    "admin.step.differ": ("{n} satır farklı: {where}", "{n} rows differ: {where}"),
    "admin.col.kind": ("Tür", "Kind"),
    "admin.col.restored": ("Geri yüklendi", "Restored"),
    "admin.col.at": ("Zaman", "At"),
    "admin.col.user": ("Kullanıcı", "User"),
    "admin.col.employee": ("Çalışan", "Employee"),
    "admin.col.day": ("Gün", "Day"),
    "admin.col.old": ("Eski", "Old"),
    "admin.col.new": ("Yeni", "New"),
    "admin.col.source": ("Kaynak", "Source"),
    # errors with a code (PuantajError.code); {field} is the field's label
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
        if not values:
            return text
        # an error among the values (a connection test's step) is worded too
        worded = {
            name: self.error(value) if isinstance(value, Exception) else value
            for name, value in values.items()
        }
        return text.format(**worded)

    def value(self, stored: object) -> str:
        """How a stored code word ("draft", "private", …) reads on screen; a value
        the catalogue does not know is shown as it is."""
        pair = CATALOGUE.get(f"v.{stored}")
        return pair[self.index] if pair else str(stored)

    def error(self, exc: Exception) -> str:
        """An error in the user's language when it carries a known code (see
        PuantajError), else its own (English) message."""
        return word_error(exc, self.index, CATALOGUE)

    def refusal_detail(self, text: str) -> str:
        """The server's detail of a refusal in the user's language, where the
        shared templates wrote it (puantaj.syncproto.refusal_details)."""
        return word_refusal_detail(text, self.index, CATALOGUE)

    def report(self, report) -> str:
        """Why a sync run (a SyncReport) did not end well, in the user's language."""
        coded = PuantajError(report.message, code=report.code, **report.values)
        return self.error(coded)

    def labelled(self, stored: tuple[str, ...]):
        """Choices for a dialog: screen label → stored value."""
        return lambda: {self.value(v): v for v in stored}
