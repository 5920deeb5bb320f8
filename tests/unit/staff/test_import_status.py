from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import func, select

from infobansos.privacy.identity_numbers import identity_hash
from infobansos.settings import get_settings
from infobansos.status.models import StatusApplication, StatusHistory, StatusImport
from infobansos.storage.engine import session_factory
from staff.import_status import import_file, main
from staff.status_file import StatusFileError

HEADER = "nik,no_kk,nama,program,status,alasan,diperbarui\n"
SITI = "3175091203850012,3175090000000001,Siti Aminah,klj,diusulkan,,2026-03-01\n"
BUDI = "3175091203850013,3175090000000002,Budi Santoso,pkh,diverifikasi,,2026-03-02\n"


def _file(tmp_path: Path, *rows: str, name: str = "status.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def _counts() -> tuple[int, int]:
    with session_factory(get_settings().database_url)() as session:
        apps = session.scalar(select(func.count()).select_from(StatusApplication))
        history = session.scalar(select(func.count()).select_from(StatusHistory))
    return apps, history


def test_import_stores_hashes_masked_names_and_a_first_history_entry(tmp_path: Path, database_url: str) -> None:
    report = import_file(_file(tmp_path, SITI, BUDI))
    assert (report.added, report.changed, report.unchanged) == (2, 0, 0)
    with session_factory(database_url)() as session:
        siti = session.scalars(select(StatusApplication).where(StatusApplication.program == "klj")).one()
        assert siti.nik_hash == identity_hash(get_settings().identity_hash_key, "3175091203850012")
        assert (siti.nik_last4, siti.name_masked, siti.status) == ("0012", "S*** A*****", "diusulkan")
        assert [h.status for h in siti.history] == ["diusulkan"]


def test_reimporting_the_same_file_changes_nothing(tmp_path: Path, database_url: str) -> None:
    path = _file(tmp_path, SITI, BUDI)
    import_file(path)
    before = _counts()
    report = import_file(path)
    assert (report.added, report.changed, report.unchanged) == (0, 0, 2)
    assert _counts() == before == (2, 2)


def test_a_new_status_updates_the_row_and_adds_history(tmp_path: Path, database_url: str) -> None:
    import_file(_file(tmp_path, SITI))
    newer = SITI.replace("diusulkan,,2026-03-01", "ditolak,Memiliki mobil,2026-04-15")
    report = import_file(_file(tmp_path, newer, name="april.csv"))
    assert report.changed == 1
    older = SITI.replace("diusulkan,,2026-03-01", "diverifikasi,,2026-02-01")
    assert import_file(_file(tmp_path, older, name="februari.csv")).older == 1
    with session_factory(database_url)() as session:
        siti = session.scalars(select(StatusApplication)).one()
        assert (siti.status, siti.reason) == ("ditolak", "Memiliki mobil")
        assert [h.status for h in siti.history] == ["diusulkan", "ditolak"]


def test_a_bad_file_is_rejected_whole(tmp_path: Path, database_url: str) -> None:
    import_file(_file(tmp_path, SITI))
    bad = _file(tmp_path, BUDI, "123,3175090000000002,X,pkh,diverifikasi,,2026-03-02\n", name="bad.csv")
    with pytest.raises(StatusFileError, match="baris 3"):
        import_file(bad)
    assert _counts() == (1, 1)


def test_dry_run_reports_but_writes_nothing(tmp_path: Path, database_url: str, capsys: pytest.CaptureFixture) -> None:
    assert main([str(_file(tmp_path, SITI, BUDI)), "--dry-run"]) == 0
    assert "Uji coba (tidak ada yang disimpan): 2 baru" in capsys.readouterr().out
    assert _counts() == (0, 0)


def test_the_command_prints_every_problem_and_fails(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = _file(tmp_path, SITI.replace("klj", "kartu_x"))
    assert main([str(path)]) == 1
    assert "baris 2: program 'kartu_x' tidak dikenal" in capsys.readouterr().err


def test_a_file_over_the_size_cap_is_refused_politely_before_reading(
    tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("STATUS_IMPORT_MAX_MB", "1")
    get_settings.cache_clear()
    assert main([str(_file(tmp_path, SITI))]) == 0, "a file under the cap is imported"
    big = _file(tmp_path, BUDI * 20_000, name="besar.csv")  # about 1.4 MB
    assert main([str(big)]) == 1
    message = capsys.readouterr().err
    assert "file terlalu besar (1.4 MB, batas 1 MB)" in message and "Tidak ada yang diubah" in message
    assert _counts() == (1, 1), "nothing of the big file was imported"


def test_numbers_from_any_keyboard_hash_like_plain_digits(tmp_path: Path, database_url: str) -> None:
    """A spreadsheet typed with full-width or Arabic-Indic digits or non-breaking spaces stores the
    same hash as plain digits, so the resident's status is found however either side typed it."""
    odd = "３１７５０９１２０３８５００１２,٣١٧٥٠٩٠٠٠٠٠٠٠٠٠١,Siti Aminah,klj,diusulkan,,2026-03-01\n"
    spaced = "3175\u00a00912\u00a00385\u00a00013,3175090000000002,Budi Santoso,pkh,diverifikasi,,2026-03-02\n"
    assert import_file(_file(tmp_path, odd, spaced)).added == 2
    key = get_settings().identity_hash_key
    with session_factory(database_url)() as session:
        rows = {a.program: a for a in session.scalars(select(StatusApplication))}
    assert rows["klj"].nik_hash == identity_hash(key, "3175091203850012")
    assert rows["klj"].kk_hash == identity_hash(key, "3175090000000001")
    assert rows["pkh"].nik_hash == identity_hash(key, "3175091203850013")


def test_every_applied_import_is_listed_with_its_file_hash_and_counts(tmp_path: Path, database_url: str) -> None:
    """The console's import list shows server-side imports too; a dry run is not an import."""
    path = _file(tmp_path, SITI, BUDI, name="maret.csv")
    assert main([str(path), "--dry-run"]) == 0
    import_file(path)
    import_file(path)
    with session_factory(database_url)() as session:
        listed = session.scalars(select(StatusImport).order_by(StatusImport.id)).all()
    assert [(i.actor, i.file_name, i.new_rows, i.unchanged_rows) for i in listed] == [
        ("make import-status", "maret.csv", 2, 0),
        ("make import-status", "maret.csv", 0, 2),
    ]
    assert listed[0].file_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
