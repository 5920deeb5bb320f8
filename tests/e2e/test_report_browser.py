"""The analysts' report opened in a real headless Chromium (Debian's `chromium`), offline.

Chromium is installed by the test when missing (tests/e2e/browser.py). Two looks at
the same file: the DOM after load, where the report's own script has counted the charts the
browser actually decoded, and a screenshot, which must show the charts' bars.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from devtools.bench.report import fill
from devtools.browser import CHROMIUM_FLAGS, BrowserUnavailable, ensure_chromium
from infobansos.settings import get_settings
from staff.report.__main__ import main as report_main
from staff.report.charts import BAR_COLOUR
from staff.report.render import TOP_CLUSTERS
from tests.conftest import sample_end

BROWSER_TIMEOUT = 120
REPORT_FLAGS = (*CHROMIUM_FLAGS, "--virtual-time-budget=10000")
MIN_BAR_PIXELS = 2_000


@pytest.fixture(scope="module")
def chromium() -> str:
    try:
        return ensure_chromium()
    except BrowserUnavailable as exc:
        pytest.skip(str(exc))


def run_chromium(browser: str, *args: str) -> str:
    """One headless run with a fresh profile; the whole process group goes when it is done."""
    with tempfile.TemporaryDirectory(prefix="report-chromium-") as profile:
        process = subprocess.Popen(
            [browser, *REPORT_FLAGS, f"--user-data-dir={profile}", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            text=True,
        )
        try:
            out, _ = process.communicate(timeout=BROWSER_TIMEOUT)
        finally:
            with contextlib.suppress(ProcessLookupError):  # a hung browser, or helpers left behind
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert process.returncode == 0, f"chromium exited with {process.returncode}"
    return out


@pytest.fixture
def report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Iterator[Path]:
    url = f"sqlite:///{tmp_path / 'sample.sqlite3'}"
    fill(url, 3_000, sample_end(), days=7)
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    assert report_main(["--since", "8d", "--out", str(tmp_path / "report")]) == 0
    yield Path(capsys.readouterr().out.strip().splitlines()[-1])


def bar_pixels(screenshot: Path) -> int:
    """Pixels of the charts' bar colour: a blank or broken page has none."""
    image = Image.open(screenshot).convert("RGB")
    bar = tuple(int(BAR_COLOUR[i : i + 2], 16) for i in (1, 3, 5))
    colours = image.getcolors(maxcolors=image.width * image.height) or []
    return sum(n for n, colour in colours if all(abs(c - b) <= 12 for c, b in zip(colour, bar, strict=True)))


def body_attributes(dom: str) -> dict[str, str]:
    body = re.search(r"<body([^>]*)>", dom)
    assert body, dom[:500]
    return dict(re.findall(r'([\w-]+)="([^"]*)"', body.group(1)))


def test_charts_render_and_the_clusters_table_has_rows(chromium: str, report: Path, tmp_path: Path) -> None:
    dom = run_chromium(chromium, "--dump-dom", report.as_uri())
    attributes = body_attributes(dom)
    assert attributes.get("data-charts") == "4/4", "every chart decoded by the browser"
    assert len(re.findall(r'<tr class="klaster"', dom)) == int(attributes["data-clusters"]) == TOP_CLUSTERS
    assert "Tambahkan contoh latihan ke jenis pertanyaan" in dom

    screenshot = tmp_path / "report.png"
    run_chromium(chromium, f"--screenshot={screenshot}", "--window-size=1200,2600", report.as_uri())
    assert bar_pixels(screenshot) > MIN_BAR_PIXELS, "the bar charts are visible on the page"


def test_an_empty_report_opens_and_says_there_is_no_data(
    chromium: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert report_main(["--out", str(tmp_path / "empty")]) == 0
    path = Path(capsys.readouterr().out.strip().splitlines()[-1])
    dom = run_chromium(chromium, "--dump-dom", path.as_uri())
    assert body_attributes(dom).get("data-charts") == "0/0"
    assert "Belum ada data untuk periode ini" in dom
