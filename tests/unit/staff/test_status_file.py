from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from staff.status_file import StatusFileError, check_rows, inspect_rows

PROGRAMS = ["klj", "kjp_plus", "pkh"]
HEADER = "nik,no_kk,nama,program,status,alasan,diperbarui\n"
TODAY = dt.date(2026, 11, 28)


def _csv(tmp_path: Path, body: str, header: str = HEADER) -> Path:
    path = tmp_path / "status.csv"
    path.write_text(header + body, encoding="utf-8")
    return path


def test_good_rows_are_read_with_grouped_numbers_names_and_dates(tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "3175 0912 0385 0012,3175090000000001,Siti Aminah,KLJ,Disetujui,,2026-05-31\n"
        "3175091203850013,3175.0900.0000.0002,Budi,kjp-plus,ditolak,NIK tidak padan,31/05/2026\n",
    )
    rows = check_rows(path, PROGRAMS, TODAY)
    assert [(r.nik, r.program, r.status, r.reason) for r in rows] == [
        ("3175091203850012", "klj", "disetujui", None),
        ("3175091203850013", "kjp_plus", "ditolak", "NIK tidak padan"),
    ]
    assert rows[1].kk == "3175090000000002"
    assert rows[1].updated_on == dt.date(2026, 5, 31)


def test_semicolon_exports_and_extra_columns_are_fine(tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "3175091203850012;3175090000000001;Siti;klj;diusulkan;;2026-05-31;catatan petugas\n",
        header="nik;no_kk;nama;program;status;alasan;diperbarui;catatan\n",
    )
    assert len(check_rows(path, PROGRAMS, TODAY)) == 1


def test_every_bad_line_is_reported_with_its_number_and_reason(tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "3175091203850012,3175090000000001,Siti,klj,disetujui,,2026-05-31\n"
        "317509120385001,3175090000000001,Budi,klj,disetujui,,2026-05-31\n"
        "3175091203850014,3175090000000001,Ani,bansos_x,selesai,,kemarin\n"
        "3175091203850012,3175090000000001,Siti,klj,ditolak,,2026-06-01\n"
        "3175091203850015,3175090000000001,,klj,disetujui,,2027-01-01\n",
    )
    with pytest.raises(StatusFileError) as caught:
        check_rows(path, PROGRAMS, TODAY)
    message = str(caught.value)
    assert "4 baris bermasalah" in message and "Tidak ada data yang disimpan" in message
    assert "baris 3: kolom nik harus 16 angka (ada 15)" in message
    assert "baris 4:" in message and "bansos_x" in message and "selesai" in message and "kemarin" in message
    assert "baris 5: NIK dan program yang sama sudah ada di baris 2" in message
    assert "baris 6:" in message and "nama kosong" in message and "masa depan" in message


def test_a_missing_column_rejects_the_file(tmp_path: Path) -> None:
    path = _csv(tmp_path, "3175091203850012,Siti\n", header="nik,nama\n")
    with pytest.raises(StatusFileError, match="kolom no_kk, program, status, alasan, diperbarui tidak ada"):
        check_rows(path, PROGRAMS, TODAY)


def test_xlsx_is_read_and_numeric_nik_cells_are_refused(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["nik", "no_kk", "nama", "program", "status", "alasan", "diperbarui"])
    sheet.append(["3175091203850012", "3175090000000001", "Siti", "klj", "disalurkan", None, dt.datetime(2026, 5, 31)])
    sheet.append([3175091203850013, "3175090000000001", "Budi", "klj", "disalurkan", None, dt.datetime(2026, 5, 31)])
    path = tmp_path / "status.xlsx"
    workbook.save(path)
    with pytest.raises(StatusFileError, match="baris 3: kolom nik tersimpan sebagai angka"):
        check_rows(path, PROGRAMS, TODAY)


def test_a_damaged_or_non_utf8_file_gets_a_plain_message(tmp_path: Path) -> None:
    path = tmp_path / "status.csv"
    path.write_bytes(HEADER.encode() + "Siti Aminah,\xe9\n".encode("latin-1"))
    with pytest.raises(StatusFileError, match="UTF-8"):
        check_rows(path, PROGRAMS, TODAY)
    broken = tmp_path / "status.xlsx"
    broken.write_bytes(b"not a spreadsheet")
    with pytest.raises(StatusFileError, match="tidak bisa dibuka"):
        check_rows(broken, PROGRAMS, TODAY)


def test_an_xlsx_declaring_xml_entities_is_refused_not_expanded(tmp_path: Path) -> None:
    """openpyxl parses through defusedxml: entity tricks (billion laughs, external files) are refused."""
    import zipfile

    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML, "defusedxml (requirements/app.txt) must be installed"
    workbook = Workbook()
    workbook.active.append(list(HEADER.strip().split(",")))
    workbook.active.append(["3175091203850012", "3175090000000001", "Siti", "klj", "disalurkan", None, "2026-05-31"])
    plain, hostile = tmp_path / "plain.xlsx", tmp_path / "status.xlsx"
    workbook.save(plain)
    entity = b'<!DOCTYPE worksheet [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(hostile, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                end = data.index(b"?>") + 2 if data.startswith(b"<?xml") else 0  # after any XML declaration
                data = data[:end] + entity + data[end:]
            target.writestr(item, data)
    with pytest.raises(StatusFileError, match="tidak bisa dibuka"):
        check_rows(hostile, PROGRAMS, TODAY)


def test_a_number_in_the_wrong_column_is_never_quoted_back_whole(tmp_path: Path) -> None:
    """Columns shifted by one put a NIK where the program or date belongs; the problem names the
    line and the column, and the number shows only as a placeholder."""
    path = _csv(tmp_path, "Siti,3175091203850012,3175090000000001,klj,disetujui,,3175091203850099\n")
    checked = inspect_rows(path, PROGRAMS, TODAY)
    assert checked.rows == [] and [p.line for p in checked.problems] == [2]
    reason = checked.problems[0].reason
    assert "3175091203850012" not in reason and "3175091203850099" not in reason
    assert "kolom diperbarui bukan tanggal ('[NIK]')" in reason
