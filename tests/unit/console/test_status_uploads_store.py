"""Where the console keeps a status file between its dry run and Impor: private, short-lived, by hash."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import os
import stat
from pathlib import Path

from starlette.datastructures import UploadFile

from console.status_uploads import (
    UPLOAD_DIR,
    UPLOAD_TTL,
    StoredUpload,
    claim_upload,
    delete_expired,
    display_name,
    store_upload,
)


def _store(var_dir: Path, data: bytes = b"nik\n1\n", name: str = "maret.csv", owner: str = "rina") -> StoredUpload:
    return asyncio.run(store_upload(var_dir, UploadFile(io.BytesIO(data), filename=name), owner, 1024))


def test_the_file_is_private_and_named_by_token_and_hash_never_by_the_user(tmp_path: Path) -> None:
    upload = _store(tmp_path, name="..\\..\\C:/laporan/../status.csv")
    folder = tmp_path / UPLOAD_DIR
    assert upload.path.parent == folder and upload.path.name == f"{upload.token}-{upload.sha256}.csv"
    assert upload.file_name == "status.csv"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert {stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()} == {0o600}


def test_only_its_owner_claims_it_once(tmp_path: Path) -> None:
    upload = _store(tmp_path)
    assert claim_upload(tmp_path, upload.token, upload.sha256, "budi") is None, "another editor's token"
    upload = _store(tmp_path)
    claimed = claim_upload(tmp_path, upload.token, upload.sha256, "rina")
    assert claimed is not None and claimed.path.suffix == ".csv" and claimed.file_name == "maret.csv"
    assert claim_upload(tmp_path, upload.token, upload.sha256, "rina") is None


def test_names_lose_folders_and_control_characters() -> None:
    assert display_name("C:\\Users\\rina\\Mei\u202e.csv") == "Mei.csv"
    assert display_name(None) == ""


def test_uploads_older_than_the_ttl_are_deleted(tmp_path: Path) -> None:
    old, fresh = _store(tmp_path), _store(tmp_path)
    hours_ago = (dt.datetime.now(dt.UTC) - UPLOAD_TTL - dt.timedelta(minutes=1)).timestamp()
    for path in (tmp_path / UPLOAD_DIR).glob(f"{old.token}-*"):
        os.utime(path, (hours_ago, hours_ago))
    assert delete_expired(tmp_path) == 2  # the file and its name file
    assert not old.path.exists() and fresh.path.exists()
