"""Reports and exports under var/ go after the retention period and when a resident they quote uses /hapusdata."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from markupsafe import escape

from infobansos.privacy.erasure import delete_user_data
from infobansos.privacy.retention import purge
from infobansos.question_log.turns import TurnLog
from infobansos.storage.engine import session_factory

NOW = dt.datetime.now(dt.UTC)


def _folder(var_dir: Path, kind: str, name: str, files: dict[str, str], days_old: float) -> Path:
    folder = var_dir / kind / name
    folder.mkdir(parents=True)
    stamp = (NOW - dt.timedelta(days=days_old)).timestamp()
    for file_name, text in files.items():
        (folder / file_name).write_text(text, encoding="utf-8")
        os.utime(folder / file_name, (stamp, stamp))
    return folder


def test_purge_deletes_reports_and_exports_older_than_the_retention_period(database_url: str, tmp_path: Path) -> None:
    var_dir = tmp_path / "var"
    old_report = _folder(var_dir, "reports", "20260101-090000", {"report.html": "<p>lama</p>"}, 200)
    new_report = _folder(var_dir, "reports", "20261120-090000", {"report.html": "<p>baru</p>"}, 10)
    old_export = _folder(var_dir, "exports", "20260102-090000", {"nlu_confusions.yml": "nlu: []"}, 181)
    report = purge(database_url, tmp_path / "none.sqlite3", 180, NOW, var_dir)
    assert report.staff_outputs == 2
    assert not old_report.exists() and not old_export.exists()
    assert (new_report / "report.html").is_file(), "a report within the retention period stays"


def test_hapusdata_deletes_the_reports_and_exports_that_quote_the_resident(database_url: str, tmp_path: Path) -> None:
    var_dir, mine = tmp_path / "var", 'Bu, KJP anak saya "belum cair" kenapa?'
    with session_factory(database_url).begin() as session:
        session.add(TurnLog(turn_id="t1", sender="u_me", text=mine))
        session.add(TurnLog(turn_id="t2", sender="u_other", text="syarat klj apa"))
    quoting_html = _folder(var_dir, "reports", "a", {"report.html": f"<td>{escape(mine)}</td>"}, 1)
    quoting_json = _folder(var_dir, "reports", "b", {"clusters.json": json.dumps({"examples": [mine]})}, 1)
    quoting_export = _folder(var_dir, "exports", "c", {"nlu_confusions.yml": f"- {mine}\n"}, 1)
    others = _folder(var_dir, "reports", "d", {"report.html": "<td>syarat klj apa</td>"}, 1)
    report = delete_user_data(database_url, tmp_path / "none.sqlite3", "u_me", var_dir)
    assert report.staff_outputs == 3
    assert not quoting_html.exists() and not quoting_json.exists() and not quoting_export.exists()
    assert others.exists(), "a report that quotes only other residents stays"
