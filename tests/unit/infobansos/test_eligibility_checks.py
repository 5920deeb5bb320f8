"""`make check-content` on eligibility.yml: what staff are told when a rule is incomplete."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from infobansos.content.checks import check_dir
from infobansos.eligibility.checks import eligibility_problems, rule_dates
from infobansos.eligibility.loading import load_eligibility
from infobansos.settings import PROJECT_ROOT

TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", target)
    return target


def edit(content: Path, change: Any) -> None:
    """Change eligibility.yml as a staff member might (comments are lost; the checks do not care)."""
    path = content / "eligibility.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def problems(content: Path) -> list[str]:
    return [str(p) for p in check_dir(content, today=TODAY)[0].problems]


def test_the_shipped_rules_pass() -> None:
    findings, store = check_dir(PROJECT_ROOT / "content", today=TODAY)
    assert [str(p) for p in findings.problems] == []
    assert store is not None and len(store.eligibility.programs) == 11


def test_a_program_without_rules_fails(copy: Path) -> None:
    edit(copy, lambda d: d["programs"].pop("kjmu"))
    assert problems(copy) == ["eligibility.yml: programs: Program 'kjmu' belum punya aturan cek kelayakan."]


def test_a_missing_source_fails_naming_the_rule(copy: Path) -> None:
    edit(copy, lambda d: d["programs"]["pkh"][0].pop("source"))
    assert problems(copy) == ["eligibility.yml: programs.pkh[0] (pkh_tanpa_komponen).source: belum diisi."]


def test_an_unknown_question_fails(copy: Path) -> None:
    edit(copy, lambda d: d["programs"]["klj"][2].update(when={"ktp": ["bukan_dki"]}))
    [problem] = problems(copy)
    assert problem.startswith("eligibility.yml: programs.klj[2] (klj_bukan_dki).when.ktp: 'ktp' bukan pertanyaan")


def test_a_program_not_in_programs_yml_fails(copy: Path) -> None:
    edit(copy, lambda d: d["programs"].update(kartu_baru=[dict(d["programs"]["kaj"][-1], id="kartu_baru_ok")]))
    assert problems(copy) == ["eligibility.yml: programs.kartu_baru: 'kartu_baru' tidak ada di programs.yml."]


def test_a_program_must_end_with_a_rule_for_everyone(copy: Path) -> None:
    edit(copy, lambda d: d["programs"]["bpnt"][-1].update(when={"dtsen": ["ya"]}))
    assert problems(copy) == [
        "eligibility.yml: programs.bpnt.bpnt_mungkin: Aturan terakhir program ini harus tanpa 'when' dan "
        "'unless', agar setiap keluarga mendapat hasil."
    ]


def test_a_rule_checked_over_a_year_ago_fails(copy: Path) -> None:
    edit(copy, lambda d: d["programs"]["kpj"][0].update(checked=dt.date(2025, 10, 1)))
    [problem] = problems(copy)
    assert problem.startswith("eligibility.yml: programs.kpj.kpj_bukan_dki.checked: Tanggal 2025-10-01")


def test_a_result_template_with_a_misspelt_variable_fails(copy: Path) -> None:
    edit(copy, lambda d: d["result"].update(line="- {{ nama }}: {{ reason }}"))
    [problem] = problems(copy)
    assert problem.startswith("eligibility.yml: result: Teks tidak bisa ditampilkan") and "nama" in problem


def test_a_result_too_long_for_telegram_fails(copy: Path) -> None:
    edit(copy, lambda d: d["result"].update(disclaimer="Ini perkiraan, bukan keputusan. " * 130))
    [problem] = problems(copy)
    assert "lebih dari 4096" in problem


def test_a_missing_eligibility_file_is_named(copy: Path) -> None:
    (copy / "eligibility.yml").unlink()
    [problem] = problems(copy)
    assert problem == "eligibility.yml: file: berkas ini tidak ada. Ambil content/eligibility.yml dari git."


def test_every_rule_date_is_checked_like_the_answers() -> None:
    path = PROJECT_ROOT / "content" / "eligibility.yml"
    rules = load_eligibility(yaml.safe_load(path.read_text(encoding="utf-8")), path)
    dates = rule_dates(rules)
    assert len(dates) == sum(len(p.rules) for p in rules.programs)
    assert eligibility_problems(rules, {}) != []  # no program names at all: every program is unlisted
