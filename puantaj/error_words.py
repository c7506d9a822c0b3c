"""Words for the errors of the sync, the services and the OS, and for the
details of the server's refusals, in Turkish and English (entries "err.<code>"
and "refusal.detail.<template>", merged into puantaj.messages.MESSAGES)."""

from __future__ import annotations

ERROR_WORDS: dict[str, tuple[str, str]] = {
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
    # the server's refusal details (puantaj.syncproto.refusal_details)
    "refusal.detail.token_region": (
        "Anahtar {scope} için, kayıt {region} bölgesinde",
        "The token is for {scope}, the row is in {region}",
    ),
    "refusal.detail.clock_ahead": (
        "Kaydın zamanı sunucunun saatinden 5 dakikadan çok ileride",
        "The row is stamped more than 5 minutes ahead of the server",
    ),
    "refusal.detail.two_regions": (
        "Aynı kaydın değişiklikleri iki ayrı bölge adı taşıyor",
        "The changes of one row name two regions",
    ),
    "refusal.detail.region_fixed": (
        "Kaydın bölgesi değiştirilemez: kayıt {region} bölgesinde",
        "A row's region is fixed: the row is in {region}",
    ),
    "refusal.detail.outside_region": (
        "Bu kayıt bölgeniz dışındaki bir kayda ait",
        "This id belongs to a row outside your region",
    ),
    "refusal.detail.month_locked": (
        "{region} {month} kilitli",
        "{region} {month} is locked",
    ),
    "refusal.detail.locked_ask_admin": (
        "Ay kilitli; yöneticiye başvurun",
        "The month is locked; ask an admin",
    ),
    "refusal.detail.approve_or_lock": (
        "Ayı yalnızca yönetici onaylayabilir ya da kilitleyebilir",
        "Only an admin can approve or lock a month",
    ),
    "refusal.detail.reopen_approved": (
        "Onaylanmış ayı yalnızca yönetici yeniden açabilir",
        "Only an admin can reopen an approved month",
    ),
    "refusal.detail.admins": (
        "Bölge anahtarı yönetici hesabı açamaz ya da değiştiremez",
        "A region token cannot create or change admins",
    ),
    "refusal.detail.parent_refused": (
        "Bağlı olduğu {parent} kaydı reddedildi: {detail}",
        "Its {parent} row was refused: {detail}",
    ),
    "refusal.detail.orphan": (
        "Bağlı olduğu {parent} kaydı {region} bölgesinde yok ({column} {ref})",
        "No {parent} row of {region} for it ({column} {ref})",
    ),
    "refusal.detail.incomplete": (
        "Kayıt eksik: {columns} boş",
        "Incomplete row: no {columns}",
    ),
    "refusal.detail.key_fixed": (
        "{column} değiştirilemez (kaydın anahtarı)",
        "{column} cannot change (the row's key)",
    ),
}
