"""The status upload page (issue 15 point 4) through HTTP: what an editor sees and what is stored.

The file goes through the real multipart form, the real checks of `make import-status` and the
real database; pages are read by their stable ids, as the browser test reads them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from console.audit import AuditEntry
from console.status_uploads import UPLOAD_DIR
from infobansos.settings import get_settings
from infobansos.status.models import StatusApplication, StatusImport
from tests.unit.console.console_login import csrf

HEADER = "nik,no_kk,nama,program,status,alasan,diperbarui\n"
SITI_NIK, SITI_KK = "3175091203850012", "3175090000000001"
BUDI_NIK = "3175091203850013"
SITI = f"{SITI_NIK},{SITI_KK},Siti Aminah,klj,diusulkan,,2026-03-01\n"
BUDI = f"{BUDI_NIK},3175090000000002,Budi Santoso,pkh,diverifikasi,,2026-03-02\n"
# Bad lines: markup and a formula in cells, a NIK typed into the date column, a NIK one digit short.
SCRIPT = f"3175091203850014,{SITI_KK},Ani,<script>alert(1)</script>,disetujui,,2026-03-01\n"
FORMULA = f'3175091203850015,{SITI_KK},Dewi,klj,"=HYPERLINK(""http://x"")",,2026-03-01\n'
NIK_AS_DATE = f"3175091203850016,{SITI_KK},Rina,klj,disetujui,,3175091203850077\n"
SHORT = f"317509120385001,{SITI_KK},Joko,klj,disetujui,,2026-03-01\n"
ODD_NAME = "maret <b>&x.csv"  # markup in a file name is shown as text
EVERY_NUMBER = (SITI_NIK, SITI_KK, BUDI_NIK, "3175091203850014", "3175091203850016", "3175091203850077")


class _ById(HTMLParser):
    """The text inside the element with a given id (enough for these pages, no parser library)."""

    def __init__(self, wanted: str) -> None:
        super().__init__()
        self.wanted, self.depth, self.found, self.parts = wanted, 0, False, []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth:
            self.depth += tag not in ("input", "br", "meta", "link")
        elif dict(attrs).get("id") == self.wanted:
            self.depth, self.found = 1, True

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


def text_of(page: str, element_id: str) -> str:
    parser = _ById(element_id)
    parser.feed(page)
    assert parser.found, f"no #{element_id} on the page"
    return " ".join(" ".join(parser.parts).split())


def _upload(client: TestClient, body: str, name: str = "maret.csv", token: str | None = None) -> str:
    response = client.post(
        "/status/uji",
        data={"csrf_token": csrf(client) if token is None else token},
        files={"file": (name, (HEADER + body).encode(), "text/csv")},
    )
    return response


def _apply_form(page: str) -> dict[str, str]:
    fields = dict(re.findall(r'name="(token|sha256|csrf_token)" value="([^"]+)"', page))
    assert set(fields) == {"token", "sha256", "csrf_token"}, "no Impor form on the page"
    return fields


def _stored(app: Starlette) -> tuple[int, int]:
    with app.state.sessions() as session:
        rows = session.scalar(select(func.count()).select_from(StatusApplication))
        imports = session.scalar(select(func.count()).select_from(StatusImport))
    return rows, imports


def _kept_files() -> list[Path]:
    folder = get_settings().var_dir / UPLOAD_DIR
    return sorted(folder.iterdir()) if folder.is_dir() else []


def test_the_dry_run_counts_rows_lists_every_bad_line_and_stores_nothing(
    console_app: Starlette, console_client: Callable[..., TestClient]
) -> None:
    client = console_client("editor")
    response = _upload(client, SITI + SCRIPT + BUDI + FORMULA + NIK_AS_DATE + SHORT)
    assert response.status_code == 200
    page = response.text
    counts = text_of(page, "dry-run-counts")
    assert "Baru 2" in counts and "Berubah 0" in counts and "Baris bermasalah 4" in counts
    bad = text_of(page, "bad-lines")
    for line in (3, 5, 6, 7):
        assert f" {line} " in f" {bad} ", f"line {line} is listed"
    assert "program '<script>alert(1)</script>' tidak dikenal" in bad  # shown as text ...
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # ... never run
    assert "status '=HYPERLINK(\"http://x\")' tidak dikenal" in bad
    assert "kolom nik harus 16 angka (ada 15)" in bad
    assert 'id="apply"' not in page, "a file with bad lines cannot be imported"
    assert _stored(console_app) == (0, 0)
    assert _kept_files() == [], "a file that cannot be imported (and holds NIKs) is not kept"


def test_impor_applies_the_checked_file_and_lists_it_newest_first(
    console_app: Starlette, console_client: Callable[..., TestClient]
) -> None:
    client = console_client("editor", username="rina")
    dry = _upload(client, SITI + BUDI, name=ODD_NAME)
    assert text_of(dry.text, "count-new") == "2" and 'id="apply"' in dry.text
    assert _stored(console_app) == (0, 0), "the dry run stores nothing"
    assert len([p for p in _kept_files() if p.suffix == ".csv"]) == 1
    done = client.post("/status/impor", data=_apply_form(dry.text), follow_redirects=False)
    assert done.status_code == 303
    page = client.get(done.headers["location"]).text
    assert "Impor selesai" in text_of(page, "import-result")
    assert _stored(console_app) == (2, 1)
    assert _kept_files() == [], "the upload is deleted once imported"

    again = _upload(client, SITI.replace("diusulkan,,", "ditolak,Memiliki mobil,"), name="april.csv")
    assert text_of(again.text, "count-updated") == "1" and text_of(again.text, "count-new") == "0"
    client.post("/status/impor", data=_apply_form(again.text))
    listed = text_of(client.get("/status").text, "import-list")
    assert listed.index("april.csv") < listed.index(ODD_NAME), "newest first, name as text"
    assert "rina" in listed
    assert "maret <b>" not in client.get("/status").text
    with console_app.state.sessions() as session:
        audited = session.scalars(select(AuditEntry).where(AuditEntry.action == "status_import")).all()
    assert [(a.actor, a.target) for a in audited] == [("rina", ODD_NAME), ("rina", "april.csv")]
    assert '"new_rows": 2' in audited[0].detail


def test_impor_refuses_a_file_changed_after_its_dry_run_and_a_second_click(
    console_app: Starlette, console_client: Callable[..., TestClient]
) -> None:
    client = console_client("editor")
    dry = _upload(client, SITI)
    form = _apply_form(dry.text)
    kept = next(p for p in _kept_files() if p.suffix == ".csv")
    kept.write_text(HEADER + BUDI, encoding="utf-8")
    changed = client.post("/status/impor", data=form)
    assert changed.status_code == 409 and "sudah berubah" in text_of(changed.text, "upload-error")
    assert _stored(console_app) == (0, 0)

    dry = _upload(client, SITI)
    form = _apply_form(dry.text)
    assert client.post("/status/impor", data=form).status_code == 200  # followed to the list
    assert client.post("/status/impor", data=form).status_code == 409, "the same file is not imported twice"
    assert _stored(console_app) == (1, 1)
    forged = {**form, "token": "../" + form["token"]}
    assert client.post("/status/impor", data=forged).status_code == 409


def test_a_file_over_the_cap_is_refused_before_it_is_parsed(
    monkeypatch: pytest.MonkeyPatch, console_app: Starlette, console_client: Callable[..., TestClient]
) -> None:
    import console.pages.status_upload as page

    def no_parsing(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a file over the cap was parsed")

    monkeypatch.setattr(page, "inspect_rows", no_parsing)
    monkeypatch.setattr(console_app.state, "settings", replace(console_app.state.settings, status_import_max_mb=1))
    client = console_client("editor")
    whole_body_over = _upload(client, BUDI * 30_000)  # ~2.3 MB: refused by Content-Length
    assert whole_body_over.status_code == 413 and "terlalu besar" in whole_body_over.text
    just_over = _upload(client, "x" * (1024 * 1024))  # under the body limit, the file part itself over 1 MB
    assert just_over.status_code == 413
    assert "File terlalu besar" in text_of(just_over.text, "upload-error") and "1 MB" in just_over.text
    assert _kept_files() == [] and _stored(console_app) == (0, 0)


def test_only_csv_and_xlsx_are_taken(console_client: Callable[..., TestClient]) -> None:
    client = console_client("editor")
    response = _upload(client, SITI, name="../../etc/status.sh")
    assert response.status_code == 400 and "CSV" in text_of(response.text, "upload-error")
    assert _kept_files() == []


def test_an_analis_may_not_see_or_upload_status_data(
    console_app: Starlette, console_client: Callable[..., TestClient]
) -> None:
    client = console_client("analis")
    assert client.get("/status").status_code == 403
    assert _upload(client, SITI).status_code == 403
    assert client.post("/status/impor", data={"csrf_token": csrf(client)}).status_code == 403
    assert 'href="/status"' not in client.get("/").text
    assert _stored(console_app) == (0, 0)


def test_a_post_without_the_csrf_token_is_refused(
    console_app: Starlette, console_client: Callable[..., TestClient]
) -> None:
    client = console_client("admin")
    response = _upload(client, SITI, token="")
    assert response.status_code == 403 and "Permintaan ditolak" in response.text
    assert _kept_files() == []
    dry = _upload(client, SITI)
    form = {**_apply_form(dry.text), "csrf_token": "palsu"}
    assert client.post("/status/impor", data=form).status_code == 403
    assert _stored(console_app) == (0, 0)


def test_no_page_ever_shows_a_nik_or_kk_in_full(console_client: Callable[..., TestClient]) -> None:
    client = console_client("editor")
    refused = _upload(client, SITI + NIK_AS_DATE + SCRIPT)
    assert "kolom diperbarui bukan tanggal ('[NIK]')" in text_of(refused.text, "bad-lines")
    good = _upload(client, SITI + BUDI)
    applied = client.post("/status/impor", data=_apply_form(good.text))
    for page in (refused.text, good.text, applied.text, client.get("/status").text):
        squeezed = re.sub(r"[\s.\-]", "", page)  # grouped as "3175 0912 ..." would still be the number
        for number in EVERY_NUMBER:
            assert number not in squeezed, number


def test_an_excel_file_is_checked_and_imported_like_a_csv(
    tmp_path: Path, console_app: Starlette, console_client: Callable[..., TestClient]
) -> None:
    workbook = Workbook()
    workbook.active.append(HEADER.strip().split(","))
    workbook.active.append([SITI_NIK, SITI_KK, "Siti Aminah", "KLJ", "disetujui", None, dt.datetime(2026, 5, 31)])
    workbook.save(tmp_path / "status.xlsx")
    client = console_client("editor")
    sheet = (tmp_path / "status.xlsx").read_bytes()
    dry = client.post("/status/uji", data={"csrf_token": csrf(client)}, files={"file": ("Mei.XLSX", sheet)})
    assert text_of(dry.text, "count-new") == "1"
    assert client.post("/status/impor", data=_apply_form(dry.text)).status_code == 200
    assert _stored(console_app) == (1, 1)


def test_thousands_of_bad_lines_show_the_first_ones_and_the_total(
    monkeypatch: pytest.MonkeyPatch, console_client: Callable[..., TestClient]
) -> None:
    import console.pages.status_upload as page

    monkeypatch.setattr(page, "SHOWN_PROBLEMS", 3)
    client = console_client("editor")
    body = "".join(SHORT.replace("Joko", f"Joko {i}") for i in range(5))
    response = _upload(client, body)
    assert text_of(response.text, "count-bad") == "5"
    assert text_of(response.text, "bad-lines").count("kolom nik harus 16 angka") == 3
    assert "Ditampilkan 3 baris pertama dari 5" in text_of(response.text, "bad-lines-more")
