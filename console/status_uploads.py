"""Status files kept between the console's dry run and **Impor**.

The dry run shows what a file would change; **Impor** must apply exactly that file. So the upload
is kept on the server, under var/status-uploads/ (folder 0700, files 0600), named only by a random
token and the file's SHA-256: nothing the user typed (their file name) ever becomes a path. The
Impor form carries the token and the hash; the file is hashed again before it is applied, claimed
by a rename so two clicks cannot import it twice, and deleted after the import. The file holds
full NIKs, so it is also deleted when its dry run found bad lines and after `UPLOAD_TTL` at most.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import re
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath

from starlette.datastructures import UploadFile

from staff.status_apply import file_sha256

UPLOAD_DIR = "status-uploads"
UPLOAD_TTL = dt.timedelta(hours=3)
SUFFIXES = (".csv", ".xlsx")
CHUNK_BYTES = 1024 * 1024
MAX_NAME_CHARS = 255  # status_import.file_name
_TOKEN = re.compile(r"[0-9a-f]{32}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_PRIVATE_FILE = 0o600
_PRIVATE_DIR = 0o700


class UploadRefused(Exception):
    """Why an upload cannot be kept; `reason` picks the message in the template."""

    def __init__(self, reason: str, size: int = 0) -> None:
        super().__init__(reason)
        self.reason = reason
        self.size = size


@dataclass(frozen=True)
class StoredUpload:
    token: str
    sha256: str
    path: Path
    file_name: str  # as uploaded: shown (escaped) and listed, never used as a path
    owner: str


def upload_dir(var_dir: Path) -> Path:
    folder = var_dir / UPLOAD_DIR
    folder.mkdir(parents=True, exist_ok=True, mode=_PRIVATE_DIR)
    folder.chmod(_PRIVATE_DIR)  # mkdir's mode is masked by the umask
    return folder


def display_name(raw: str | None) -> str:
    """The uploaded file's own name without any folder part or control characters, for the list."""
    name = PureWindowsPath(raw or "").name  # also strips "C:\\Users\\..." and "../" sent by odd browsers
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    return name.strip()[:MAX_NAME_CHARS]


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _PRIVATE_FILE)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def _meta_path(folder: Path, token: str, sha256: str) -> Path:
    """The upload's name and owner, beside it (JSON)."""
    return folder / f"{token}-{sha256}.json"


async def store_upload(var_dir: Path, upload: UploadFile, owner: str, max_bytes: int) -> StoredUpload:
    """Copy the uploaded part into the private folder, refusing it once it passes `max_bytes`."""
    file_name = display_name(upload.filename)
    suffix = Path(file_name).suffix.lower()
    if suffix not in SUFFIXES:
        raise UploadRefused("jenis")
    folder = upload_dir(var_dir)
    token = secrets.token_hex(16)
    partial = folder / f"{token}.part"
    digest, size = hashlib.sha256(), 0
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _PRIVATE_FILE)
    try:
        with os.fdopen(fd, "wb") as handle:
            while chunk := await upload.read(CHUNK_BYTES):
                size += len(chunk)
                if size > max_bytes:
                    raise UploadRefused("besar", size)
                digest.update(chunk)
                handle.write(chunk)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    if size == 0:
        partial.unlink()
        raise UploadRefused("kosong")
    sha256 = digest.hexdigest()
    path = folder / f"{token}-{sha256}{suffix}"
    _write_private(_meta_path(folder, token, sha256), json.dumps({"file_name": file_name, "owner": owner}).encode())
    partial.rename(path)
    return StoredUpload(token, sha256, path, file_name, owner)


def claim_upload(var_dir: Path, token: str, sha256: str, owner: str) -> StoredUpload | None:
    """The upload the Impor form names, taken out of reach of a second click; None when it is gone,
    belongs to someone else, or its bytes no longer match the hash its dry run showed."""
    if not (_TOKEN.fullmatch(token) and _SHA256.fullmatch(sha256)):
        return None
    folder = upload_dir(var_dir)
    for suffix in SUFFIXES:
        path = folder / f"{token}-{sha256}{suffix}"
        claimed = folder / f"{token}-{sha256}.applying{suffix}"  # keeps its suffix: .xlsx is read as Excel
        try:
            path.rename(claimed)  # atomic: only one request wins the file
        except FileNotFoundError:
            continue
        meta_path = _meta_path(folder, token, sha256)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            meta = {}
        upload = StoredUpload(token, sha256, claimed, str(meta.get("file_name", "")), str(meta.get("owner", "")))
        if upload.owner == owner and hmac.compare_digest(file_sha256(claimed), sha256):
            return upload
        discard(upload)
        return None
    return None


def discard(upload: StoredUpload) -> None:
    """Delete the upload and its name file (after Impor, or when it cannot be imported)."""
    upload.path.unlink(missing_ok=True)
    _meta_path(upload.path.parent, upload.token, upload.sha256).unlink(missing_ok=True)


def delete_expired(var_dir: Path, now: dt.datetime | None = None) -> int:
    """Delete uploads (and half-written parts) older than UPLOAD_TTL; how many files went."""
    folder = var_dir / UPLOAD_DIR
    if not folder.is_dir():
        return 0
    cutoff = (now or dt.datetime.now(dt.UTC)) - UPLOAD_TTL
    deleted = 0
    for path in folder.iterdir():
        if path.is_file() and path.stat().st_mtime < cutoff.timestamp():
            path.unlink(missing_ok=True)
            deleted += 1
    return deleted
