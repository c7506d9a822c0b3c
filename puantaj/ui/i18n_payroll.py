"""Interface strings of issue 13 (a month payroll can trust), merged into i18n.py;
the words the command line shares are in puantaj/payroll_words.py."""

from __future__ import annotations

_TABLE_FIELDS = {
    "code": ("Kod", "Code"),
    "label_tr": ("Anlamı", "Meaning (Turkish)"),
    "label_en": ("Anlamı (İngilizce)", "Meaning (English)"),
    "kind": ("Türü", "Kind"),
    "worked": ("Çalışılan gün", "Worked day"),
    "paid": ("Ücretli gün", "Paid day"),
    "sgk": ("SGK günü", "SGK day"),
    "eksik": ("Eksik gün kodu", "Eksik gün code"),
    "aliases": ("Diğer yazılışlar", "Aliases"),
    "color": ("Renk", "Colour"),
    "active": ("Kullanımda", "In use"),
    "source": ("Kaynak", "Source"),
    "holiday_date": ("Tarih", "Date"),
    "name_tr": ("Adı", "Name (Turkish)"),
    "name_en": ("Adı (İngilizce)", "Name (English)"),
    "fraction": ("Süre (gün)", "Length (days)"),
    "status": ("Durum", "State"),
}

PAYROLL: dict[str, tuple[str, str]] = {
    **{f"tables.f.{k}": pair for k, pair in _TABLE_FIELDS.items()},
    # the grid
    "grid.check": ("Ayı denetle", "Check month"),
    "grid.submitted.read_only": (
        "Bu ay {by} tarafından gönderildi — yönetici geri gönderene dek salt okunur",
        "Submitted by {by} — read only until an admin sends it back",
    ),
    "grid.submitted.waiting": (
        "{by} gönderdi — onay bekliyor",
        "Submitted by {by} — waiting for approval",
    ),
    "grid.approved.read_only": (
        "Bu ay onaylandı ({by}) — salt okunur",
        "Approved ({by}) — read only",
    ),
    "grid.approved.waiting": ("Onaylandı ({by})", "Approved ({by})"),
    "grid.sent_back": (
        "Geri gönderildi ({by}): {reason}",
        "Sent back ({by}): {reason}",
    ),
    "grid.leave_overdrawn": (
        "Uyarı: {name} bu izin yılında {used} gün yıllık izin kullandı, hakkı {days} gün",
        "Warning: {name} has used {used} days of annual leave this leave year, of {days}",
    ),
    "tot.blank": ("Boş gün", "Blank days"),
    "tot.year_overtime": ("FM yıl", "Overtime year"),
    "tot.leave_used": ("İzin kul.", "Leave used"),
    "tot.leave_left": ("İzin kalan", "Leave left"),
    # the month's checks
    "check.title": ("Ayın denetimi: {where}", "The month's checks: {where}"),
    "check.col.severity": ("Tür", "Kind"),
    "check.col.who": ("Çalışan", "Employee"),
    "check.col.day": ("Gün", "Day"),
    "check.col.what": ("Ne", "What"),
    "check.everyone": ("(tüm ay)", "(the whole month)"),
    "check.hint": (
        "Bir satıra çift tıklayın: hücresi Puantaj sekmesinde gösterilir.",
        "Double-click a line to see its cell on the Timesheet tab.",
    ),
    "check.fix_first": (
        "Hatalar düzeltilmeden ay gönderilemez",
        "The month cannot be submitted until the errors are fixed",
    ),
    "check.confirm": (
        "{where} gönderilsin mi? Gönderildikten sonra ay, yönetici geri gönderene dek"
        " salt okunur olur.",
        "Submit {where}? Once submitted the month is read only until an admin sends it"
        " back.",
    ),
    "check.confirm_warnings": (
        "{n} uyarı var; yine de gönderilsin mi?",
        "There are {n} warning(s); submit anyway?",
    ),
    # Raporlar: the month's lifecycle, each step named and confirmed
    "reports.send_back": ("Geri gönder", "Send back"),
    "reports.send_back_reason": (
        "Geri göndermek için gerekçe yazın (bölge görecek)",
        "Write why the month is sent back (the region sees it)",
    ),
    "reports.unlock_reason": (
        "Kilidi açmak için gerekçe yazın",
        "Write why the month is unlocked",
    ),
    "reports.confirm.approve": ("{where} onaylansın mı?", "Approve {where}?"),
    "reports.confirm.send_back": (
        "{where} düzeltilmek üzere bölgeye geri gönderilsin mi?",
        "Send {where} back to the region for corrections?",
    ),
    "reports.confirm.lock": (
        "{where} kilitlensin mi? Kilitli ay kimse tarafından değiştirilemez.",
        "Lock {where}? Nobody can change a locked month.",
    ),
    "reports.confirm.unlock": ("{where} kilidi açılsın mı?", "Unlock {where}?"),
    "reports.confirm_reason": ("Gerekçe: {reason}", "Reason: {reason}"),
    "reports.done.submit": ("{where} gönderildi", "{where} submitted"),
    "reports.done.approve": ("{where} onaylandı", "{where} approved"),
    "reports.done.send_back": ("{where} geri gönderildi", "{where} sent back"),
    "reports.done.lock": ("{where} kilitlendi", "{where} locked"),
    "reports.done.unlock": ("{where} kilidi açıldı", "{where} unlocked"),
    # records: deactivating and undoing it
    "list.restore": ("Geri al", "Undo"),
    "list.show_passive": ("Pasifleri göster", "Show inactive"),
    "list.deactivate_confirm": ("{name} pasifleştirilsin mi?", "Deactivate {name}?"),
    "leave.entitled": ("İzin hakkı", "Leave due"),
    "leave.used": ("Kullanılan", "Used"),
    "leave.left": ("Kalan", "Left"),
    "employee.exit_title": ("İşten çıkış", "Leaving"),
    "employee.exit_ask": (
        "{name} hangi gün işten ayrıldı? Çalıştığı aylar ve günleri olduğu gibi kalır.",
        "On which day did {name} leave? The months worked and their days stay as"
        " they are.",
    ),
    "employee.exit_confirm": (
        "{name} {day} tarihiyle pasifleştirilsin mi?",
        "Deactivate {name} as of {day}?",
    ),
    "employee.exit_coded": (
        "{first} ve sonrasında {n} kodlu gün var: silinmez ama sayılmaz.",
        "{n} coded day(s) from {first} on are kept but no longer counted.",
    ),
    "employee.restore_confirm": (
        "{name} yeniden aktif olsun mu? Çıkış tarihi ({exit}) silinir.",
        "Make {name} active again? The exit date ({exit}) is cleared.",
    ),
    # Tablolar (admin)
    "tab.tables": ("Tablolar", "Tables"),
    "table.day_codes": ("Gün kodu", "Day code"),
    "table.holiday_days": ("Tatil günü", "Holiday"),
    "tables.codes": ("Gün kodları (tüm bölgeler)", "Day codes (every region)"),
    "tables.holidays": (
        "Genel tatiller (tüm bölgeler)",
        "Public holidays (every region)",
    ),
    "tables.reset": ("Varsayılana dön", "Back to default"),
    "tables.remove": ("Tatil değil", "Not a holiday"),
    "tables.confirm": ("Onayla", "Confirm"),
    "tables.prefill": ("holidays paketinden doldur", "Pre-fill from holidays"),
    "tables.yes": ("evet", "yes"),
    "tables.no": ("hayır", "no"),
    "tables.source.default": ("hazır", "built in"),
    "tables.source.edited": ("değiştirildi", "edited"),
    "tables.source.added": ("eklendi", "added"),
    "tables.status.confirmed": ("onaylı", "confirmed"),
    "tables.status.to_confirm": ("onaylanacak", "to confirm"),
    "tables.saved": (
        "Kaydedildi: {what} (tüm bölgelere gider)",
        "Saved: {what} (goes to every region)",
    ),
    "tables.reset_confirm": (
        "{code} kodu varsayılanına dönsün mü? (Eklenmiş bir kodsa kaldırılır.)",
        "Put the code {code} back to its default? (An added code is removed.)",
    ),
    "tables.remove_confirm": (
        "{day} tüm bölgelerde genel tatil olmaktan çıkarılsın mı?",
        "Make {day} no public holiday in every region?",
    ),
    "tables.prefill_confirm": (
        "{year} yılının tatilleri holidays paketinden eklensin mi? Dini bayramlar"
        " 'onaylanacak' olarak gelir: resmi duyuruyla karşılaştırın.",
        "Add {year}'s holidays from the holidays package? Religious holidays come"
        " in 'to confirm': check them against the official announcement.",
    ),
    "tables.prefilled": ("{year}: {n} gün eklendi", "{year}: {n} days added"),
}
