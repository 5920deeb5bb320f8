"""Rasa's training cache must see an edited slang list or rule file, not only edited class code."""

from __future__ import annotations

from pathlib import Path

from nlu_components.fingerprint import package_fingerprint


def test_editing_a_data_file_or_helper_module_changes_the_fingerprint(tmp_path: Path) -> None:
    (tmp_path / "slang.yml").write_text("slang:\n  gmn: gimana\n")
    (tmp_path / "normalizer.py").write_text("X = 1\n")
    before = package_fingerprint.__wrapped__(tmp_path)
    (tmp_path / "slang.yml").write_text("slang:\n  gmn: gimana\n  knpa: kenapa\n")
    after_data = package_fingerprint.__wrapped__(tmp_path)
    (tmp_path / "normalizer.py").write_text("X = 2\n")
    after_code = package_fingerprint.__wrapped__(tmp_path)
    assert len({before, after_data, after_code}) == 3


def test_bytecode_and_notes_do_not_retrain(tmp_path: Path) -> None:
    (tmp_path / "slang.yml").write_text("slang: {}\n")
    before = package_fingerprint.__wrapped__(tmp_path)
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "normalizer.cpython-310.pyc").write_bytes(b"\x00")
    (tmp_path / "NOTES.txt").write_text("x")
    assert package_fingerprint.__wrapped__(tmp_path) == before
