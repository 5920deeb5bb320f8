"""The report folder: one self-contained HTML file, the CSV exports and clusters.json."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from infobansos.question_log.turns import TurnLog
from infobansos.settings import PROJECT_ROOT, get_settings
from infobansos.storage.engine import session_factory
from staff.report.__main__ import main
from staff.report.cluster_file import CLUSTERS_FILE, read_clusters
from staff.report.clusters import Action, Cluster
from staff.report.labels import load_labels
from staff.report.names import DisplayNames, display_names
from staff.report.render import TOP_CLUSTERS, action_text

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
CSV_FILES = ("volume_per_day.csv", "volume_per_topic.csv", "rates_per_day.csv", "confusion_clusters.csv")


def run_report(capsys: pytest.CaptureFixture[str], *args: str) -> Path:
    assert main(list(args)) == 0
    path = Path(capsys.readouterr().out.strip().splitlines()[-1])
    assert path.name == "report.html" and path.is_file()
    return path


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_the_report_is_one_file_with_embedded_charts_and_a_clusters_table(
    sample_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = run_report(capsys, "--since", "8d")
    assert path.parent.parent == get_settings().var_dir / "reports"
    html = path.read_text(encoding="utf-8")
    assert not re.search(r"<link|@import|\b(?:src|href)=\"(?:https?:)?//|url\(", html), "must open offline"
    images = re.findall(r'<img[^>]+src="data:image/png;base64,([^"]+)"', html)
    assert len(images) == html.count("<img") == 4
    assert all(base64.b64decode(image).startswith(PNG_MAGIC) for image in images)
    rows = re.findall(r'<tr class="klaster" id="klaster-(\d+)">', html)
    assert rows == [str(i) for i in range(1, TOP_CLUSTERS + 1)]
    assert "Tambahkan contoh latihan ke jenis pertanyaan “" in html and "Perlu FAQ baru" in html
    assert "Belum ada data" not in html


def test_csv_exports_agree_with_each_other(sample_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    folder = run_report(capsys, "--since", "8d").parent
    headers = load_labels()["csv"]
    tables = {name: read_csv(folder / name) for name in CSV_FILES}
    for name, table in tables.items():
        assert table[0] == headers[name.removesuffix(".csv")]
    days, topics = tables["volume_per_day.csv"][1:], tables["volume_per_topic.csv"][1:]
    assert len(days) in (8, 9) and len(days) == len(tables["rates_per_day.csv"]) - 1
    assert sum(int(row[1]) for row in days) == sum(int(row[2]) for row in topics) == 3_000
    clusters = tables["confusion_clusters.csv"][1:]
    assert [int(row[0]) for row in clusters] == list(range(1, TOP_CLUSTERS + 1))
    assert all(len(row[7].split(" | ")) == 5 for row in clusters[:5])
    saved = read_clusters(folder / CLUSTERS_FILE)
    assert [(c.id, c.size) for c in saved[:TOP_CLUSTERS]] == [(int(r[0]), int(r[1])) for r in clusters]


def test_program_filter_and_dates_reach_the_report(
    sample_db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    today = dt.datetime.now(dt.UTC).date()
    out = tmp_path / "klj"
    path = run_report(
        capsys, "--since", (today - dt.timedelta(days=10)).isoformat(), "--program", "klj", "--out", str(out)
    )
    assert path == out / "report.html"
    html = path.read_text(encoding="utf-8")
    assert "Program: <b>KLJ (lansia)</b>" in html
    topics = read_csv(out / "volume_per_topic.csv")[1:]
    assert topics and {row[1] for row in topics} == {"KLJ (lansia)"} and {row[6] for row in topics} == {"klj"}


def test_an_empty_database_gives_a_valid_report_saying_so(capsys: pytest.CaptureFixture[str]) -> None:
    path = run_report(capsys)
    html = path.read_text(encoding="utf-8")
    assert "Belum ada data untuk periode ini" in html and "<img" not in html
    assert html.rstrip().endswith("</html>")
    assert len(read_csv(path.parent / "confusion_clusters.csv")) == 1
    assert len(read_csv(path.parent / "volume_per_day.csv")) == 31
    assert read_clusters(path.parent / CLUSTERS_FILE) == []


def test_bad_options_exit_with_usage(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--since", "kemarin"])
    assert exit_info.value.code == 2 and "--since expects" in capsys.readouterr().err


def test_suggested_actions_are_worded_from_labels() -> None:
    base = dict(size=3, texts=(("a", 3),), distinct_texts=1, intent_share=1.0, program=None)
    shares = dict(fallback_share=0.0, out_of_scope_share=0.0, thumbs_down_share=0.0)
    names = DisplayNames({"tanya_syarat": "Syarat bantuan"})
    examples = Cluster(1, **base, likeliest_intent="tanya_syarat", action=Action.ADD_EXAMPLES, answer_ids=(), **shares)
    fix = Cluster(2, **base, likeliest_intent="tanya_syarat", action=Action.FIX_ANSWER, answer_ids=("a", "b"), **shares)
    faq = Cluster(3, **base, likeliest_intent=None, action=Action.NEW_FAQ, answer_ids=(), **shares)
    assert action_text(examples, names) == "Tambahkan contoh latihan ke jenis pertanyaan “Syarat bantuan”"
    assert action_text(fix, names) == "Perbaiki jawaban a, b"
    assert action_text(faq, names) == "Perlu FAQ baru"


def test_the_report_shows_status_lookups_and_the_guards_refusals(
    sample_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Analysts see whether the issue-13 guards bite: lookups, NIK locks, per-chat limits, the budget."""
    with session_factory(sample_db)() as session:
        lookups = session.scalar(select(func.count()).where(TurnLog.answer_id.in_(["status:found", "status:no_match"])))
    assert lookups, "the demo traffic checks statuses"
    html = run_report(capsys, "--since", "8d").read_text(encoding="utf-8")
    paragraph = re.search(r'<p id="cek-status">(.*?)</p>', html, re.S)
    assert paragraph, "no status-check paragraph"
    assert f"Cek status: {lookups:,}".replace(",", ".") in paragraph.group(1)
    assert "NIK dikunci" in paragraph.group(1) and "kuota per jam habis" in paragraph.group(1)


def test_the_report_says_how_long_it_is_kept(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RETENTION_DAYS", "45")
    get_settings.cache_clear()
    html = run_report(capsys).read_text(encoding="utf-8")
    [note] = re.findall(r'<p class="muted" id="masa-simpan">([^<]+)</p>', html)
    assert "disimpan 45 hari" in note and "dihapus otomatis" in note


# Emoji (pictographs, symbols, their variation selector): no font on the server draws them in
# charts, and many office PCs show them as boxes.
EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f]")
INTERNAL_NAMES = ("nlu_fallback", "kirim_nomor", "greet", "out_of_scope", "tanya_syarat", "jempol_bawah", "no_match")


def test_topics_show_by_their_plain_labels_never_internal_names(
    sample_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    html = run_report(capsys, "--since", "8d").read_text(encoding="utf-8")
    shown = re.sub(r"<script>.*?</script>", "", html, flags=re.S)
    for name in INTERNAL_NAMES:
        assert not re.search(rf"\b{name}\b", shown), f"{name} shown raw"
    topics = re.search(r'<table id="topik">(.*?)</table>', html, re.S)
    assert topics, "no topics table"
    shown_topics = set(re.findall(r"<tr><td>([^<]+)</td>", topics.group(1)))
    labels = set(display_names(PROJECT_ROOT / "content").topics.values())
    assert len(shown_topics) >= 3 and shown_topics <= labels


def test_words_not_emoji_in_the_report_its_charts_and_csv_headers(
    sample_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    labels = load_labels()
    assert not EMOJI.search(str({key: labels[key] for key in ("charts", "reasons", "csv", "actions")}))
    path = run_report(capsys, "--since", "8d")
    assert not EMOJI.search(path.read_text(encoding="utf-8"))
    assert "tidak membantu" in path.read_text(encoding="utf-8")
    assert not any(EMOJI.search(",".join(read_csv(path.parent / name)[0])) for name in CSV_FILES)
