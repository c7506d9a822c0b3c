"""Words of issue 13's checks, errors and fields in Turkish and English: shared
by the desktop's windows and its command line (no Tk here)."""

from __future__ import annotations

_MONTHS = (
    ("Ocak", "January"),
    ("Şubat", "February"),
    ("Mart", "March"),
    ("Nisan", "April"),
    ("Mayıs", "May"),
    ("Haziran", "June"),
    ("Temmuz", "July"),
    ("Ağustos", "August"),
    ("Eylül", "September"),
    ("Ekim", "October"),
    ("Kasım", "November"),
    ("Aralık", "December"),
)
_KINDS = {
    "work": ("Çalışma", "Work"),
    "half": ("Yarım gün", "Half day"),
    "holiday_work": ("Tatilde çalışma", "Holiday work"),
    "rest": ("Hafta tatili", "Weekly rest"),
    "holiday": ("Genel tatil", "Public holiday"),
    "annual": ("Yıllık izin", "Annual leave"),
    "excused": ("Mazeret izni", "Excused leave"),
    "sick": ("Rapor", "Sick report"),
    "accident": ("İş kazası", "Work accident"),
    "unpaid": ("Ücretsiz izin", "Unpaid leave"),
    "absent": ("Devamsızlık", "Absence"),
    "maternity": ("Doğum", "Maternity"),
}
WORDS: dict[str, tuple[str, str]] = {
    **{f"month.{n}": pair for n, pair in enumerate(_MONTHS, start=1)},
    **{f"kind.{k}": pair for k, pair in _KINDS.items()},
    "f.birth_date": ("Doğum tarihi", "Born"),
    "f.overtime_hours": ("FM saat", "Overtime hours"),
    "f.code": ("Kod", "Code"),
    "f.fraction": ("Süre", "Length"),
    "f.worked": ("Çalışılan gün", "Worked day"),
    "f.paid": ("Ücretli gün", "Paid day"),
    "check.error": ("Hata", "Error"),
    "check.warning": ("Uyarı", "Warning"),
    "check.summary": (
        "{errors} hata, {warnings} uyarı",
        "{errors} error(s), {warnings} warning(s)",
    ),
    "check.none": ("Sorun bulunmadı ✓", "Nothing found ✓"),
    "check.blank": (
        "{count} gün kodsuz ({first} – {last}): hiçbir yerde sayılmaz",
        "{count} day(s) without a code ({first} – {last}): counted nowhere",
    ),
    "check.future": (
        "Ay bitmedi: {first} – {last} günleri henüz gelmedi",
        "The month is not over: {first} – {last} are still to come",
    ),
    "check.unknown_code": ("Bilinmeyen kod: {code}", "Unknown code: {code}"),
    "check.outside": (
        "İşe giriş–çıkış tarihleri dışında {count} kodlu gün ({first} ve sonrası):"
        " sayılmaz",
        "{count} coded day(s) outside the employment dates ({first} on): not counted",
    ),
    "check.holiday_as_workday": (
        "Genel tatilde ({holiday}) {code}: tatil çalışması ise GÇ, değilse GT yazın",
        "{code} on a public holiday ({holiday}): write GÇ if holiday work is meant,"
        " else GT",
    ),
    "check.holiday_work_not_holiday": (
        "Genel tatil olmayan günde {code} (tatil çalışması)",
        "{code} (holiday work) on a day that is no public holiday",
    ),
    "check.annual_on_holiday": (
        "Yıllık izin genel tatile ({holiday}) denk geliyor: izinden sayılmaz",
        "Annual leave on a public holiday ({holiday}): not counted as leave",
    ),
    "check.holiday_not_holiday": (
        "Tam gün genel tatil olmayan günde {code}",
        "{code} on a day that is not a full public holiday",
    ),
    "check.streak": (
        "{first} tarihinden beri {count} gün üst üste çalışma, hafta tatili yok (md.46)",
        "{count} workdays in a row since {first}, no weekly rest (md.46)",
    ),
    "check.day_hours": (
        "Bir günde {hours} saat çalışma (sınır 11 saat, md.63)",
        "{hours} hours of work in one day (limit 11, md.63)",
    ),
    "check.week_hours": (
        "{first} – {last} haftasında {hours} saat (sınır 45 saat, md.63)",
        "{hours} hours in the week {first} – {last} (limit 45, md.63)",
    ),
    "check.year_overtime": (
        "Bu yıl fazla mesai {hours} saat (yıllık sınır 270 saat, md.41)",
        "Overtime this year {hours} hours (yearly limit 270, md.41)",
    ),
    "check.leave_overdrawn": (
        "Bu izin yılında {used} gün yıllık izin; hak {entitlement} gün (md.53)",
        "{used} days of annual leave this leave year, of {entitlement} (md.53)",
    ),
    # errors (PuantajError.code)
    "err.number_dot": (
        "{field}: ondalık için virgül kullanın ({value}); nokta binlikleri ayırır: {hint}",
        "{field}: use a comma for decimals ({value}); a dot groups thousands: {hint}",
    ),
    "err.number_ambiguous": (
        "{field}: {value} belirsiz; {grouped} (binlik) ya da {decimal} (ondalık) yazın",
        "{field}: {value} is ambiguous; write {grouped} (thousands) or {decimal}"
        " (decimals)",
    ),
    "err.number_whole": (
        "{field}: tam sayı olmalı ({value})",
        "{field}: must be a whole number ({value})",
    ),
    "err.read_only": (
        "{region} {month} {status}: yönetici geri gönderene dek salt okunur",
        "{region} {month} is {status}: read only until an admin sends it back",
    ),
    "err.check_errors": (
        "Ayın denetimi {n} hata buldu: ay gönderilemez",
        "The month's checks found {n} error(s): it cannot be submitted",
    ),
    "err.exit_before_hire": (
        "{field}: işe giriş tarihinden önce olamaz",
        "{field}: cannot be before the hire date",
    ),
    "err.exit_month_closed": (
        "{region} {month} {status}: çıkış tarihi o ayı değiştiremez (yönetici açmalı)",
        "{region} {month} is {status}: an exit date cannot change it (ask an admin)",
    ),
    "err.admin_tables": (
        "Kod ve tatil tablolarını yalnızca yönetici değiştirir",
        "Only an admin edits the code and holiday tables",
    ),
    "err.bad_code": (
        "{field}: 1–8 harf, boşluksuz ve virgülsüz",
        "{field}: 1–8 letters, no spaces or commas",
    ),
    "err.name_taken": (
        "{name} zaten {other} kodunun adı",
        "{name} already names the code {other}",
    ),
    "err.fraction": (
        "Süre 1 (tam gün) ya da 0,5 (saat 13.00'ten) olmalı",
        "The length is 1 (a full day) or 0,5 (from 13:00)",
    ),
    "err.share": ("{field}: 0 ile 1 arasında olmalı", "{field}: from 0 to 1"),
}
