"""Turkish-aware case mapping and sorting (İ/ı are not i/I)."""

from __future__ import annotations

_ALPHABET = "AaBbCcÇçDdEeFfGgĞğHhIıİiJjKkLlMmNnOoÖöPpQqRrSsŞşTtUuÜüVvWwXxYyZz"
_RANK = {ch: i // 2 for i, ch in enumerate(_ALPHABET)}


def upper(text: str) -> str:
    """Upper-case with Turkish rules: i → İ, ı → I."""
    return text.replace("i", "İ").replace("ı", "I").upper()


def lower(text: str) -> str:
    """Lower-case with Turkish rules: İ → i, I → ı."""
    return text.replace("İ", "i").replace("I", "ı").lower()


def sort_key(text: str) -> tuple:
    """A key that orders strings by the Turkish alphabet, case-insensitively."""
    folded = lower(text or "")
    return tuple((_RANK.get(ch, 100 + ord(ch)), ch) for ch in folded)
