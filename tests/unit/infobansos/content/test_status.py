from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from infobansos.content.status import STATUS_CODES, STATUS_FILE, load_status_content
from infobansos.content.store import ContentError


def test_every_status_code_has_plain_words(content_dir: Path) -> None:
    content = load_status_content(content_dir)
    assert set(content.statuses) == set(STATUS_CODES)
    assert content.statuses["ditolak"].label == "Tidak disetujui"
    assert content.checked is not None and content.sources


def _broken(tmp_path: Path, content_dir: Path, change: callable) -> Path:
    shutil.copytree(content_dir, tmp_path / "content")
    path = tmp_path / "content" / STATUS_FILE
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return tmp_path / "content"


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d["statuses"].pop("ditolak"), "statuses.ditolak"),
        (lambda d: d["statuses"]["disetujui"].pop("next_step"), "statuses.disetujui.next_step"),
        (lambda d: d["statuses"].update(selesai=d["statuses"]["disetujui"]), "statuses.selesai"),
        (lambda d: d["messages"].pop("no_match"), "messages.no_match"),
        (lambda d: d["messages"].update(found="{% for x in %}"), "messages.found"),
        (lambda d: d.pop("checked"), "file.checked"),
    ],
)
def test_a_broken_status_file_names_the_field(tmp_path: Path, content_dir: Path, change, where: str) -> None:
    with pytest.raises(ContentError) as caught:
        load_status_content(_broken(tmp_path, content_dir, change))
    assert STATUS_FILE in str(caught.value) and where in str(caught.value)
