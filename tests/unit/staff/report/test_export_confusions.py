"""`make export-confusions`: reviewed-ready NLU YAML and draft answers, same cluster ids as the report."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from infobansos.content.store import ContentError, load_content
from infobansos.settings import PROJECT_ROOT, get_settings
from infobansos.storage.engine import session_factory
from ops.train_model import TRAINING_INPUTS, training_hash
from staff.report import __main__ as report_cli
from staff.report.build import build_clusters
from staff.report.cluster_file import CLUSTERS_FILE, read_clusters
from staff.report.clusters import Action, Cluster
from staff.report.export_confusions import NLU_FILE, STUBS_FILE, export, main
from staff.report.window import parse_window


def cluster(cluster_id: int, action: Action, texts: list[str], **fields: object) -> Cluster:
    values = dict(
        size=10 * len(texts),
        texts=tuple((text, 10) for text in texts),
        distinct_texts=len(texts),
        likeliest_intent=None,
        intent_share=0.0,
        program=None,
        answer_ids=(),
        fallback_share=0.0,
        out_of_scope_share=0.0,
        thumbs_down_share=0.0,
    )
    values.update(fields)
    return Cluster(id=cluster_id, action=action, **values)  # type: ignore[arg-type]


LATE = cluster(
    1,
    Action.ADD_EXAMPLES,
    ["uang kartu lansia telat cair", "uang kartu lansia telat cairr", "cek desil", "nik [NIK] blm cair", "klj ngaret"],
    likeliest_intent="tanya_jadwal_cair",
    intent_share=0.9,
)
RICE = cluster(2, Action.NEW_FAQ, ["bansos beras kapan dibagi", "beras bulog kapan"], likeliest_intent="tanya_cara_cek")
BAD_ANSWER = cluster(
    3, Action.FIX_ANSWER, ["syarat klj apa"], likeliest_intent="tanya_syarat", answer_ids=("klj_syarat",)
)
CLUSTERS = [LATE, RICE, BAD_ANSWER]


def examples_of(path: Path) -> dict[str, list[str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["version"] == "3.1"
    return {item["intent"]: [line[2:] for line in item["examples"].splitlines()] for item in data["nlu"]}


def test_examples_go_under_the_suggested_intent_without_duplicates(tmp_path: Path) -> None:
    written = export(CLUSTERS, [1, 2, 3], {}, tmp_path, "test")
    assert written == [tmp_path / NLU_FILE, tmp_path / STUBS_FILE]
    assert examples_of(tmp_path / NLU_FILE) == {
        # the typo twin, the example already in nlu/ and the redacted NIK are left out
        "tanya_jadwal_cair": [
            'uang [kartu lansia]{"entity": "program", "value": "klj"} telat cair',
            "[klj](program) ngaret",
        ]
    }
    header = (tmp_path / NLU_FILE).read_text(encoding="utf-8").split("version:")[0]
    assert "PERIKSA DULU" in header and "nlu/" in header and "make run" in header


def test_new_faq_clusters_become_draft_answers_that_content_checks_refuse(tmp_path: Path) -> None:
    export(CLUSTERS, [2, 3], {}, tmp_path / "out", "test")
    assert not (tmp_path / "out" / NLU_FILE).exists()
    text = (tmp_path / "out" / STUBS_FILE).read_text(encoding="utf-8")
    (stub,) = yaml.safe_load(text)["answers"]
    assert stub["id"] == "draf_klaster_2" and stub["text"].startswith("DRAF")
    assert stub["checked"] is None and stub["sources"] == []
    assert "#   - bansos beras kapan dibagi" in text and "Tebakan bot: tanya_cara_cek" in text
    assert "klj_syarat (content/answers/klj.yml)" in text and "#     - syarat klj apa" in text
    content = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    (content / "answers" / "draf.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError, match=r"checked|sources"):
        load_content(content)


def test_an_analyst_can_send_a_cluster_to_an_existing_intent(tmp_path: Path) -> None:
    export(CLUSTERS, [], {2: "tanya_jadwal_cair"}, tmp_path, "test")
    assert examples_of(tmp_path / NLU_FILE) == {"tanya_jadwal_cair": ["bansos beras kapan dibagi", "beras bulog kapan"]}
    assert not (tmp_path / STUBS_FILE).exists()


def test_moving_the_export_into_nlu_changes_the_training_hash(tmp_path: Path) -> None:
    """That is what makes the next `make run` retrain (ops/train_model.py)."""
    root = tmp_path / "project"
    for name in TRAINING_INPUTS:
        source, target = PROJECT_ROOT / name, root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target)
    before = training_hash(root)
    export(CLUSTERS, [1], {}, tmp_path / "out", "test")
    shutil.copy(tmp_path / "out" / NLU_FILE, root / "nlu" / "dari_laporan.yml")
    assert training_hash(root) != before


def test_report_and_export_agree_on_cluster_ids(sample_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert report_cli.main(["--since", "8d"]) == 0
    report = Path(capsys.readouterr().out.strip().splitlines()[-1]).parent
    shown = read_clusters(report / CLUSTERS_FILE)
    with session_factory(sample_db)() as session:
        recomputed = build_clusters(session, parse_window("8d")).clusters
    assert [(c.id, c.size, c.texts) for c in recomputed[:20]] == [(c.id, c.size, c.texts) for c in shown[:20]]
    to_export = [c.id for c in shown if c.action == Action.ADD_EXAMPLES][:2]
    assert main(["--clusters", ",".join(map(str, to_export))]) == 0
    from_report = Path(capsys.readouterr().out.strip().splitlines()[0])
    assert from_report.parent.parent == get_settings().var_dir / "exports"
    assert main(["--clusters", ",".join(map(str, to_export)), "--since", "8d", "--out", str(report / "again")]) == 0
    again = report / "again" / NLU_FILE
    assert examples_of(again) == examples_of(from_report) and examples_of(again)


def test_mistakes_in_the_command_are_explained(sample_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--clusters", "1"])
    assert "run `make report` first" in capsys.readouterr().err
    assert report_cli.main(["--since", "8d"]) == 0
    for args, message in (
        (["--clusters", "999"], "no cluster [999]"),
        (["--clusters", "satu"], "expects numbers"),
        (["--clusters", "1", "--intent", "1=intent_karangan"], "intent from domain.yml"),
    ):
        with pytest.raises(SystemExit):
            main(args)
        assert message in capsys.readouterr().err


def test_no_export_ever_quotes_five_digits_in_a_row(tmp_path: Path) -> None:
    """Rows logged before the redaction knew every shape, or a number it let through mid-sentence,
    must not become training data or a quoted phrasing, whatever script the digits are in."""
    leaky = cluster(
        4,
        Action.ADD_EXAMPLES,
        ["kode pos 13220 kjp belum cair", "nik ３１７５０ kjp belum cair", "klj ngaret", "nik ٣١٧٥٠٩ kjp"],
        likeliest_intent="tanya_jadwal_cair",
        intent_share=0.9,
    )
    faq = cluster(5, Action.NEW_FAQ, ["beras 3175091 kapan", "beras bulog kapan"], likeliest_intent="tanya_cara_cek")
    export([leaky, faq], [4, 5], {}, tmp_path, "test")
    written = (tmp_path / NLU_FILE).read_text(encoding="utf-8") + (tmp_path / STUBS_FILE).read_text(encoding="utf-8")
    assert re.search(r"\d{5,}", written) is None
    assert "[klj](program) ngaret" in written and "beras bulog kapan" in written


def test_a_program_from_the_question_log_cannot_fill_in_a_drafts_fields(tmp_path: Path) -> None:
    # The program came from a payload a resident typed; as data it must stay one value.
    forged = "klj\n    checked: 2026-01-01\n    sources: [https://contoh.test]"
    export([cluster(4, Action.NEW_FAQ, ["beras kapan"], program=forged)], [4], {}, tmp_path, "test")
    (stub,) = yaml.safe_load((tmp_path / STUBS_FILE).read_text(encoding="utf-8"))["answers"]
    assert stub["program"] == forged
    assert stub["checked"] is None and stub["sources"] == []
