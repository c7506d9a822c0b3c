"""The admin screens' words (Yönetim: regions at a glance, conflicts) and the
labels of every synced field the conflict history can name (issue 15)."""

from __future__ import annotations

ADMIN: dict[str, tuple[str, str]] = {
    # the regions pane: a line per region, one below it per PC
    "admin.col.name": ("Bölge / bilgisayar", "Region / PC"),
    "admin.col.month": ("Bu ay", "This month"),
    "admin.col.refused": ("Reddedilen", "Refused"),
    "admin.pcs": ("{n} bilgisayar", "{n} PCs"),
    "admin.never": ("hiç eşitlenmedi", "never synced"),
    "admin.no_month": ("açılmadı", "not started"),
    "admin.updated": ("Güncellendi: {at}", "Updated: {at}"),
    # the conflicts pane
    "admin.col.record": ("Kayıt", "Record"),
    "admin.col.field": ("Alan", "Field"),
    "admin.col.lost": ("Kaybeden", "Lost"),
    "admin.col.lost_by": ("Kaybedeni yazan", "Lost value by"),
    "admin.col.current": ("Kazanan", "Won"),
    "admin.col.current_by": ("Kazananı yazan", "Winning value by"),
    "admin.record.person": ("{name} (sicil {sicil})", "{name} (sicil no {sicil})"),
    "admin.record.unknown": (
        "bu bilgisayarda olmayan kayıt",
        "a record this PC does not hold",
    ),
    "admin.detail": (
        "Kaybeden: {lost} — {lost_by}\nKazanan: {current} — {current_by}",
        "Lost: {lost} — {lost_by}\nWon: {current} — {current_by}",
    ),
    "admin.empty": ("(boş)", "(empty)"),
    "admin.yes": ("Evet", "Yes"),
    "admin.no": ("Hayır", "No"),
    "admin.unknown_pc": ("bilinmeyen bilgisayar", "unknown PC"),
    "admin.restore_cell": (
        "{record} — {day} — {field}: {value} geri yüklensin mi?\n\n"
        "Yalnızca bu alan değişir; şimdiki değer ({current}) geçmişte saklanır.",
        "Restore {value} to {field} of {record}, {day}?\n\n"
        "Only this field changes; the current value ({current}) is kept in the"
        " history.",
    ),
    "admin.restore_row": (
        "{record} — {field}: {value} geri yüklensin mi?\n\n"
        "Yalnızca bu alan değişir; şimdiki değer ({current}) geçmişte saklanır.",
        "Restore {value} to {field} of {record}?\n\n"
        "Only this field changes; the current value ({current}) is kept in the"
        " history.",
    ),
    # field labels the other screens had no need of
    "f.employee_id": ("Çalışan", "Employee"),
    "f.work_date": ("Gün", "Day"),
    "f.note": ("Not", "Note"),
    "f.deleted": ("Pasif", "Deactivated"),
    "f.created_at": ("Oluşturulma", "Created"),
    "f.created_by": ("Oluşturan", "Created by"),
    "f.updated_at": ("Son değişiklik", "Last changed"),
    "f.updated_by": ("Değiştiren", "Changed by"),
    "f.daily_hours": ("Günlük çalışma saati", "Daily hours"),
    "f.annual_leave_days": ("Yıllık izin günü", "Annual leave days"),
    "f.driver_id": ("Sürücü", "Driver"),
    "f.reported_by": ("Bildiren", "Reported by"),
    "f.service_shop": ("Servis", "Service shop"),
    "f.days_out": ("Serviste kaldığı gün", "Days out"),
    "f.next_due": ("Sonraki muayene", "Next due"),
    "f.month": ("Ay", "Month"),
    "f.reason": ("Gerekçe", "Reason"),
    "f.locked_at": ("Kilitlenme", "Locked at"),
    "f.locked_by": ("Kilitleyen", "Locked by"),
    "f.submitted_at": ("Gönderilme", "Submitted at"),
    "f.submitted_by": ("Gönderen", "Submitted by"),
    "f.username": ("Kullanıcı adı", "Username"),
    "f.role": ("Rol", "Role"),
    "f.active": ("Etkin", "Active"),
    "f.last_login_at": ("Son giriş", "Last login"),
    "f.password_hash": ("Parola", "Password"),
    "f.label_tr": ("Türkçe adı", "Turkish name"),
    "f.label_en": ("İngilizce adı", "English name"),
    "f.aliases": ("Diğer yazılışlar", "Aliases"),
    "f.color": ("Renk", "Colour"),
    "f.eksik": ("Eksik gün kodu", "Eksik gün code"),
    "f.sgk": ("SGK günü sayılır", "Counts as an SGK day"),
    "f.holiday_date": ("Tatil günü", "Holiday"),
    "f.name_tr": ("Türkçe adı", "Turkish name"),
    "f.name_en": ("İngilizce adı", "English name"),
}
