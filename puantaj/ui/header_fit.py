"""Column widths at which a heading wraps between words only, never inside one."""

from __future__ import annotations

from collections.abc import Callable

PAD_PX = 12  # tksheet's text inset on both sides, with a little air


def word_lines(text: str, width_px: int, measure: Callable[[str], int]) -> list[str]:
    """`text` wrapped greedily at spaces into lines of at most `width_px`
    (a word wider than that stays whole on its own line)."""
    lines: list[str] = []
    for word in text.split():
        if lines and measure(f"{lines[-1]} {word}") <= width_px:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def fitting_width(
    text: str, least_px: int, measure: Callable[[str], int], max_lines: int = 2
) -> int:
    """The narrowest column width, not under `least_px`, that shows `text` in at
    most `max_lines` lines broken only between words ("Çalışılan", not
    "Çalışıla / n")."""
    words = text.split() or [""]
    width = max(least_px, max(measure(w) for w in words) + PAD_PX)
    while len(word_lines(text, width - PAD_PX, measure)) > max_lines:
        width += 4
    return width
