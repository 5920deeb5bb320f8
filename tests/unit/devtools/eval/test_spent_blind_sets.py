"""Spent blind rounds become training data: labels mapped, program names annotated, clashes left out."""

from __future__ import annotations

from pathlib import Path

import yaml

from devtools.eval.spent_blind_sets import annotate, build, labelled_texts, program_names


def test_program_names_are_annotated_with_their_key_and_descriptions_are_not() -> None:
    names = program_names()
    assert (
        annotate("syarat kartu lansia buat ibu saya 70 tahun", names)
        == "syarat [kartu lansia](program:klj) buat ibu saya 70 tahun"
    )
    assert annotate("anak saya umur 4 tahun ada bantuan?", names) == "anak saya umur 4 tahun ada bantuan?"
    # a name inside another word is not a name: "kis" in "kisah"
    assert annotate("kisah saya panjang", names) == "kisah saya panjang"


def write_round(folder: Path) -> Path:
    folder.mkdir()
    data = {
        "messages": [
            {"text": "KJP adik gw   kapan cair", "intent": "tanya_jadwal_cair", "program": "kjp_plus"},
            # already in nlu/person_questions.yml
            {"text": "nenek gw 73 taun, kartu lansia tuh duitnya brp sih per bulan", "intent": "tanya_syarat"},
        ],
        "conversations": [
            {
                "id": "c1",
                "turns": [
                    {"text": "cek status saya dong", "intent": "cek_status"},
                    {"text": "<NIK>", "intent": "kirim_nomor"},
                    {"text": "jawabannya ga nyambung blas", "intent": "not_fitting"},
                ],
            }
        ],
    }
    (folder / "set.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return folder


def test_labels_map_to_intents_and_number_turns_are_skipped(tmp_path: Path) -> None:
    turns = labelled_texts(write_round(tmp_path / "round9"))
    assert ("tidak_nyambung", "jawabannya ga nyambung blas") in turns
    assert all(intent != "kirim_nomor" for intent, _ in turns)


def test_build_leaves_out_existing_examples_placeholders_and_unknown_intents(tmp_path: Path) -> None:
    intents = {"tanya_jadwal_cair", "tanya_syarat", "cek_status", "tidak_nyambung"}
    built = build([write_round(tmp_path / "round9")], intents)
    assert built["tanya_jadwal_cair"] == ["[KJP](program:kjp_plus) adik gw kapan cair"]
    assert "tanya_syarat" not in built, "an example already in nlu/ is not repeated"
    assert all("<NIK>" not in text for texts in built.values() for text in texts)
