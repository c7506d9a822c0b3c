"""Interface strings of the import screen and background exports (issue 14),
merged into i18n.py."""

from __future__ import annotations

IMPORT: dict[str, tuple[str, str]] = {
    "imp.button": ("Excel/CSV'den içe aktar…", "Import from Excel/CSV…"),
    "imp.undo": ("İçe aktarmayı geri al", "Undo the import"),
    "imp.title": ("İçe aktar: {file} → {where}", "Import: {file} → {where}"),
    "imp.columns": (
        "Sütunlar başlıklarından tanındı; yanlışsa düzeltin ve yeniden deneyin.",
        "Columns were recognised by their headings; correct any and try again.",
    ),
    "imp.preview": ("Yeniden dene (deneme)", "Dry run again"),
    "imp.apply": ("İçe aktar", "Import"),
    "imp.cancel": ("Vazgeç", "Cancel"),
    "imp.col.row": ("Satır", "Row"),
    "imp.col.sicil": ("Sicil", "Sicil"),
    "imp.col.name": ("Ad soyad", "Name"),
    "imp.col.action": ("Sonuç", "Result"),
    "imp.col.why": ("Ayrıntı", "Detail"),
    "imp.act.create": ("Eklenecek", "Created"),
    "imp.act.change": ("Değişecek", "Changed"),
    "imp.act.same": ("Aynı kalacak", "Left alone"),
    "imp.act.refused": ("Reddedildi", "Refused"),
    "imp.summary": (
        "Deneme, hiçbir şey yazılmadı: {create} eklenecek, {change} değişecek,"
        " {same} aynı, {refused} reddedildi.",
        "Dry run, nothing written: {create} created, {change} changed,"
        " {same} left alone, {refused} refused.",
    ),
    "imp.stale": (
        "Sütunlar değişti: yazmadan önce yeniden deneyin.",
        "The columns changed: dry-run again before importing.",
    ),
    "imp.nothing": ("Yazılacak satır yok.", "No row to write."),
    "imp.working": ("Çalışıyor…", "Working…"),
    "imp.need_region": ("Önce bir bölge seçin", "Choose a region first"),
    "imp.done": (
        "İçe aktarıldı ({where}): {people} yeni personel, {days} gün."
        " Geri almak için: {undo}",
        "Imported ({where}): {people} new employees, {days} days."
        " To take it back: {undo}",
    ),
    "imp.undo_confirm": (
        "{where} içine yapılan son içe aktarma geri alınsın mı?",
        "Take back the last import into {where}?",
    ),
    "imp.undone": ("İçe aktarma geri alındı ({where})", "Import taken back ({where})"),
    "imp.undo_skipped": (
        "{n} hücre o arada değişmişti: olduğu gibi bırakıldı.",
        "{n} cells had changed since: they were left as they are.",
    ),
    "imp.field.": ("— (alınmaz)", "— (ignored)"),
    "imp.field.sicil": ("Sicil no", "Sicil no"),
    "imp.field.tc": ("TC kimlik no", "TC no"),
    "imp.field.name": ("Ad soyad", "Full name"),
    "imp.field.first": ("Ad", "First name"),
    "imp.field.last": ("Soyad", "Last name"),
    "imp.field.title": ("Görev", "Job title"),
    "imp.field.hire": ("İşe giriş", "Hire date"),
    "imp.field.exit": ("İşten çıkış", "Exit date"),
    "imp.field.day": ("Gün {day}", "Day {day}"),
    "reports.signing": ("İmza sayfaları (PDF)", "Signing sheets (PDF)"),
    "reports.busy": (
        "Bir dışa aktarma sürüyor; bitince yeniden deneyin",
        "An export is running; try again when it ends",
    ),
    "settings.company": ("Firma adı (cetvelde)", "Company name (on the cetvel)"),
    "settings.exports_dir": ("Dışa aktarma klasörü", "Exports folder"),
}
