"""The look at 96, 144 and 192 dpi: the app on real Xvfb servers of each DPI,
with screens that are 1280-1366 × 720-768 in 96 dpi pixels, as laptops at
100 %, 150 % and 200 % are (issue 15)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from tkinter import font, ttk

import pytest

from puantaj.ui import theme
from tests.conftest import require
from tests.puantaj.ui.conftest import SHOTS

ROOT = Path(__file__).resolve().parents[3]
SCREENS = {96: (1366, 768), 144: (1920, 1080), 192: (2560, 1440)}
TAB_SHOTS = ("01-login", "grid", "employees", "vehicles", "reports", "settings")
README_SHOTS = {dpi: ("01-login", "grid", "vehicles") for dpi in (96, 192)}


def start_xvfb(dpi: int, size: tuple[int, int]) -> tuple[subprocess.Popen, str]:
    """An X server of that DPI on a free display; ready once it names it."""
    require(shutil.which("Xvfb") is not None, "Xvfb is missing")
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", "1", "-nolisten", "tcp", "-dpi", str(dpi)]
        + ["-screen", "0", f"{size[0]}x{size[1]}x24"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    number = server.stdout.readline().strip()  # written once it accepts clients
    if not number:
        server.kill()
        server.wait()
        server.stdout.close()
        pytest.fail("Xvfb did not start")
    return server, f":{number}"


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    return int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")


@pytest.mark.parametrize("dpi", sorted(SCREENS))
def test_every_screen_fits_at_the_screens_dpi(dpi, tmp_path):
    require(shutil.which("import") is not None, "ImageMagick's import is missing")
    size = SCREENS[dpi]
    server, display = start_xvfb(dpi, size)
    shots = tmp_path / "shots"
    try:
        out = tmp_path / "report.json"
        run = subprocess.run(
            [sys.executable, "-m", "tests.puantaj.ui.screen_run"]
            + [str(tmp_path / "home"), str(out), str(shots), f"dpi{dpi}"],
            cwd=ROOT,
            env={**os.environ, "DISPLAY": display},
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        server.kill()
        server.wait()
        server.stdout.close()
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    assert round(report["dpi"]) == dpi
    width, height = report["screen"]
    assert (width, height) == size
    # the window fills the screen (maximised: nothing remembered yet)
    assert report["window"] == [0, 0, width, height]
    x, y, w, h = report["status"]
    assert h >= report["status_req"], "the status bar is squeezed"
    assert x >= 0 and x + w <= width and y >= 0 and y + h <= height
    assert report["cut_headers"] == []  # "Sal", not "Sa"
    last = report["last_column"]
    left, right = last["column"]
    view_left, view_right = last["view"]
    assert view_left <= left and right <= view_right + 1, last
    tx, ty, tw, th = last["table"]
    assert tw > 0 and th > 0 and tx + tw <= width and ty + th <= height
    for name in TAB_SHOTS:
        assert png_size(shots / f"dpi{dpi}-{name}.png") == size
    if SHOTS:  # the README's pictures at this DPI
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        for name in README_SHOTS.get(dpi, ()):
            shutil.copy(shots / f"dpi{dpi}-{name}.png", Path(SHOTS))


def test_sizes_follow_the_dpi_and_the_fonts_are_readable(root):
    dpi = root.winfo_fpixels("1i")
    scale = theme.apply_theme(root)
    assert scale == pytest.approx(dpi / 96)
    assert theme.scaled(root, 100) == round(100 * dpi / 96)
    assert root.winfo_fpixels("1i") == pytest.approx(dpi)  # tk scaling kept it
    body = font.nametofont("TkDefaultFont", root)
    assert body.actual("size") == theme.FONT_PT
    assert ttk.Style(root).theme_use() == "sun-valley-light"


def test_list_columns_and_wrap_lengths_follow_the_dpi_once(root):
    scaling = root.tk.call("tk", "scaling")
    root.tk.call("tk", "scaling", 192 / 72)  # a 192 dpi screen, as Tk sees it
    try:
        tree = ttk.Treeview(root, columns=("name",), show="headings")
        tree.column("name", width=120)
        label = ttk.Label(root, text="uzun bir açıklama", wraplength=300)
        theme.scale_pixels(root)
        assert 239 <= tree.column("name", "width") <= 241
        assert 599 <= int(str(label.cget("wraplength"))) <= 601
        theme.scale_pixels(root)  # again, after more widgets came: not twice
        assert 239 <= tree.column("name", "width") <= 241
    finally:  # Tk keeps the scaling per display, for every later window too
        root.tk.call("tk", "scaling", scaling)
