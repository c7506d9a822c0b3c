"""Words of the import's dry run in Turkish and English: why a row is refused and
what it changes, shared by the import screen and `puantaj import` (no Tk here)."""

from __future__ import annotations

from dataclasses import dataclass, field

from puantaj.messages import word_error

WORDS: dict[str, tuple[str, str]] = {
    "imp.r.no_sicil": ("sicil no yok", "no sicil no"),
    "imp.r.bad_tc": ("TC kimlik no hatalı: {tc}", "bad TC no (checksum): {tc}"),
    "imp.r.tc_differs": (
        "TC kayıttakinden farklı ({tc})",
        "TC no differs from the record ({tc})",
    ),
    "imp.r.tc_taken": (
        "bu TC kimlik no {sicil} sicilli personelde kayıtlı",
        "this TC no belongs to employee {sicil}",
    ),
    "imp.r.need_name": (
        "yeni personel: ad ve soyad gerekli",
        "new employee: first and last name needed",
    ),
    "imp.r.need_hire": (
        "yeni personel: işe giriş tarihi gerekli",
        "new employee: hire date needed",
    ),
    "imp.r.bad_hire": (
        "işe giriş tarihi okunamadı: {value}",
        "unreadable hire date: {value}",
    ),
    "imp.r.bad_exit": (
        "işten çıkış tarihi okunamadı: {value}",
        "unreadable exit date: {value}",
    ),
    "imp.r.unknown_code": (
        "{day}. gün: bilinmeyen kod {code!r}",
        "day {day}: unknown code {code!r}",
    ),
    "imp.r.bad_entry": ("{day}. gün: {why}", "day {day}: {why}"),
    "imp.r.outside": (
        "{day}. gün: çalışma tarihleri dışında",
        "day {day}: outside the employment dates",
    ),
    "imp.r.repeated": (
        "sicil {sicil} {row}. satırda da var",
        "sicil {sicil} is on row {row} too",
    ),
    "imp.r.closed": ("ay kapalı: {why}", "month closed: {why}"),
    "imp.n.new": ("yeni personel, giriş {hire}", "new employee, hired {hire}"),
    "imp.n.title": ("görev: {title}", "title: {title}"),
    "imp.n.tc": ("TC kimlik no eklenecek", "TC no added"),
    "imp.n.days": ("{n} gün yazılacak", "{n} days to write"),
    "imp.a.create": ("eklenecek", "created"),
    "imp.a.change": ("değişecek", "changed"),
    "imp.a.same": ("aynı kalacak", "left alone"),
    "imp.a.refused": ("reddedildi", "refused"),
    "imp.report": (
        "İçe aktarma ({mode}): {file} → {region}, {month}",
        "Import ({mode}): {file} → {region}, {month}",
    ),
    "imp.mode.dry": ("deneme, hiçbir şey yazılmadı", "dry run, nothing written"),
    "imp.mode.done": ("uygulandı", "applied"),
    "imp.columns_line": ("Sütunlar: {columns}", "Columns: {columns}"),
    "imp.row": ("Satır", "Row"),
    "imp.bad_column": (
        "--column {text}: bir sütun harfi ve bir alan gerekli (ör. C=name, F=day:1)",
        "--column {text}: needs a column letter and a field (e.g. C=name, F=day:1)",
    ),
    "imp.hint_yes": ("Yazmak için --yes ekleyin.", "Add --yes to write it."),
    "imp.totals": (
        "Özet: {create} eklenecek, {change} değişecek, {same} aynı,"
        " {refused} reddedildi.",
        "Summary: {create} created, {change} changed, {same} left alone,"
        " {refused} refused.",
    ),
}


@dataclass(frozen=True)
class Word:
    """A reason or a note of the dry run: a catalogue key and its values."""

    key: str
    values: dict = field(default_factory=dict)

    def text(self, index: int = 0) -> str:
        """In Turkish (0) or English (1); an error among the values is worded too."""
        values = {
            name: word_error(value, index) if isinstance(value, Exception) else value
            for name, value in self.values.items()
        }
        return WORDS[self.key][index].format(**values)

    def __str__(self) -> str:
        return self.text()


def word(key: str, index: int = 0, **values: object) -> str:
    return Word(key, values).text(index)
