"""Reading and checking the data office's status export (CSV or .xlsx).

Every row is checked before anything is written, and every problem is reported with its line
number, so staff can fix the whole file in one go. Messages are in Indonesian: staff read them.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from infobansos.content.status import STATUS_CODES
from infobansos.privacy.identity_numbers import ID_DIGITS, only_digits
from infobansos.privacy.redaction import redact_personal_data

COLUMNS = ("nik", "no_kk", "nama", "program", "status", "alasan", "diperbarui")
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")
MAX_NAME_CHARS = 120
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class StatusFileError(ValueError):
    """The file cannot be imported; the message lists every problem, one per line."""


@dataclass(frozen=True)
class RowProblem:
    """One bad line: its number in the file (the header is line 1) and every reason, in Indonesian."""

    line: int
    reason: str


@dataclass
class CheckedFile:
    """The good rows and the bad lines of a file; `make import-status` refuses it when any line is bad."""

    rows: list[StatusRow]
    problems: list[RowProblem]


@dataclass(frozen=True)
class StatusRow:
    line: int
    nik: str
    kk: str
    name: str
    program: str
    status: str
    reason: str | None
    updated_on: dt.date


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _shown(value: Any, limit: int | None = None) -> str:
    """A cell quoted back in a problem: a NIK/KK typed into the wrong column is never repeated whole."""
    return redact_personal_data(_text(value)[:limit])


def _read_csv(path: Path, label: str) -> Iterator[list[Any]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise StatusFileError(f"{label}: file bukan teks UTF-8. Simpan ulang sebagai 'CSV UTF-8'.") from exc
    first_line = text.split("\n", 1)[0]
    # Indonesian spreadsheet programs often export with semicolons.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    yield from csv.reader(io.StringIO(text), delimiter=delimiter)


def _read_xlsx(path: Path, label: str) -> Iterator[list[Any]]:
    from openpyxl import load_workbook  # only needed for spreadsheets

    # With defusedxml installed (requirements/app.txt) openpyxl parses through it, so a sheet with
    # XML entities (billion laughs, external entities) is refused; read-only mode parses lazily,
    # so the refusal can come while iterating, not only when opening.
    workbook = None
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
        for row in workbook.active.iter_rows(values_only=True):
            yield list(row)
    except Exception as exc:  # openpyxl and defusedxml raise many kinds for a damaged or hostile file
        raise StatusFileError(f"{label}: file Excel tidak bisa dibuka ({exc.__class__.__name__}).") from exc
    finally:
        if workbook is not None:
            workbook.close()


def read_table(path: Path, label: str | None = None) -> Iterator[list[Any]]:
    """The file's rows as lists of cells; `label` names the file in messages (default: its path)."""
    label = str(path) if label is None else label
    if not path.exists():
        raise StatusFileError(f"{label}: file tidak ditemukan.")
    if path.suffix.lower() == ".xlsx":
        return _read_xlsx(path, label)
    return _read_csv(path, label)


def _identity_number(value: Any, column: str) -> tuple[str | None, str | None]:
    """The digits of a NIK/KK cell, or why it is unusable."""
    if isinstance(value, float | int) and not isinstance(value, bool):
        # Excel keeps only 15 significant digits of a number: the 16th digit is already lost.
        return None, f"kolom {column} tersimpan sebagai angka; ubah format kolom menjadi Teks lalu isi ulang"
    text = _text(value)
    if text.isascii() and text.isdigit() and len(text) == ID_DIGITS:
        return text, None  # the usual cell, without the per-character work below (100,000 rows: ~2 s)
    # NFKC: full-width digits and non-breaking spaces from some spreadsheets are plain ones.
    text = unicodedata.normalize("NFKC", text)
    digits = only_digits(text)  # Arabic-Indic digits too: the hash must match what residents type
    if not text or len(digits) != len(text.replace(" ", "").replace(".", "").replace("-", "")):
        return None, f"kolom {column} harus berisi angka saja (isinya {len(text)} karakter)"
    if len(digits) != ID_DIGITS:
        return None, f"kolom {column} harus {ID_DIGITS} angka (ada {len(digits)})"
    return digits, None


def _date(value: Any, today: dt.date) -> tuple[dt.date | None, str | None]:
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        text, day = _text(value), None
        if _ISO_DATE.fullmatch(text):  # the usual cell: fromisoformat is ~10x faster than strptime
            with contextlib.suppress(ValueError):
                day = dt.date.fromisoformat(text)
        for fmt in DATE_FORMATS if day is None else ():
            try:
                day = dt.datetime.strptime(text, fmt).date()
                break
            except ValueError:
                continue
        if day is None:
            shown = _shown(text, 20)
            return None, f"kolom diperbarui bukan tanggal ('{shown}'); pakai format 2026-05-31 atau 31/05/2026"
    if day > today:
        return None, f"kolom diperbarui ada di masa depan ({day.isoformat()})"
    return day, None


def program_key(value: Any, programs: Iterable[str]) -> str | None:
    """'KJP Plus', 'kjp-plus' and 'kjp_plus' all mean the same program."""
    key = _text(value).lower().replace("-", "_").replace(" ", "_")
    return key if key in set(programs) else None


def _header_positions(header: list[Any], label: str) -> dict[str, int]:
    names = [_text(h).lower() for h in header]
    missing = [c for c in COLUMNS if c not in names]
    if missing:
        raise StatusFileError(
            f"{label}: baris 1: kolom {', '.join(missing)} tidak ada. Kolom yang wajib: {', '.join(COLUMNS)}."
        )
    return {c: names.index(c) for c in COLUMNS}


def inspect_rows(
    path: Path, programs: Iterable[str], today: dt.date | None = None, label: str | None = None
) -> CheckedFile:
    """Every good row and every bad line with why; StatusFileError when the file as a whole is unusable.

    `label` names the file in messages: the console passes the name staff uploaded, never the
    path where it keeps the upload.
    """
    today = today or dt.date.today()
    label = str(path) if label is None else label
    program_keys = set(programs)
    table = read_table(path, label)
    header = next(table, None)
    if header is None:
        raise StatusFileError(f"{label}: file kosong.")
    positions = _header_positions(header, label)
    checked = CheckedFile([], [])
    seen: dict[tuple[str, str], int] = {}
    for line, raw in enumerate(table, start=2):
        cells = {c: (raw[i] if i < len(raw) else None) for c, i in positions.items()}
        if all(_text(v) == "" for v in cells.values()):
            continue  # blank lines at the end of a spreadsheet are common
        nik, nik_error = _identity_number(cells["nik"], "nik")
        kk, kk_error = _identity_number(cells["no_kk"], "no_kk")
        updated_on, date_error = _date(cells["diperbarui"], today)
        program = program_key(cells["program"], program_keys)
        status = _text(cells["status"]).lower()
        name = _text(cells["nama"])
        errors = [e for e in (nik_error, kk_error, date_error) if e]
        if not name:
            errors.append("kolom nama kosong")
        elif len(name) > MAX_NAME_CHARS:
            errors.append(f"kolom nama lebih dari {MAX_NAME_CHARS} huruf")
        if program is None:
            errors.append(f"program '{_shown(cells['program'])}' tidak dikenal ({', '.join(sorted(program_keys))})")
        if status not in STATUS_CODES:
            errors.append(f"status '{_shown(cells['status'])}' tidak dikenal ({', '.join(STATUS_CODES)})")
        if nik and program:
            if (nik, program) in seen:
                errors.append(f"NIK dan program yang sama sudah ada di baris {seen[(nik, program)]}")
            seen.setdefault((nik, program), line)
        if errors:
            checked.problems.append(RowProblem(line, "; ".join(errors)))
            continue
        reason = _text(cells["alasan"]) or None
        checked.rows.append(StatusRow(line, nik, kk, name, program, status, reason, updated_on))  # type: ignore[arg-type]
    return checked


def rejection(label: str, problems: list[RowProblem]) -> StatusFileError:
    """The error that refuses a file with bad lines, listing every one."""
    return StatusFileError(
        f"{label}: file ditolak, {len(problems)} baris bermasalah. Tidak ada data yang disimpan.\n"
        + "\n".join(f"  baris {p.line}: {p.reason}" for p in problems)
    )


def check_rows(path: Path, programs: Iterable[str], today: dt.date | None = None) -> list[StatusRow]:
    """All rows of the file, or StatusFileError listing every bad line and why."""
    checked = inspect_rows(path, programs, today)
    if checked.problems:
        raise rejection(str(path), checked.problems)
    return checked.rows
