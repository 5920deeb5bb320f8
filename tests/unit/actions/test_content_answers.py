from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from answer_tracker import run, run_with_events, tracker_for
from rasa_sdk.executor import CollectingDispatcher

from actions.content_answers import ActionAnswer
from infobansos import protocol
from infobansos.settings import PROJECT_ROOT, get_settings


async def test_dtks_question_is_answered_from_content_and_mentions_dtsen() -> None:
    dispatcher = await run("tanya_dtks")
    message, note = dispatcher.messages
    assert "DTSEN" in message["text"] and "2025" in message["text"]
    assert "Pendaftaran DTKS yang lama sudah ditutup" in message["text"]
    assert note["custom"][protocol.ASK_FEEDBACK] is True, "a factual answer asks the bot for the 👍/👎 row"


async def test_greeting_comes_with_a_menu_button() -> None:
    dispatcher = await run("greet")
    message, note = dispatcher.messages
    assert protocol.ASK_FEEDBACK not in note["custom"], "small talk is not rated"
    assert message["text"].startswith("Halo!")
    assert message["buttons"][0] == {"title": "Apa itu DTKS / DTSEN?", "payload": "/tanya_dtks"}


@pytest.mark.parametrize("intent", ["nlu_fallback", "intent_tanpa_jawaban", None])
async def test_unknown_or_unanswered_intent_gets_the_polite_fallback(intent: str | None) -> None:
    dispatcher = await run(intent)
    message, _ = dispatcher.messages
    assert message["text"].startswith("Maaf, saya belum paham")


async def test_program_in_the_slot_picks_that_programs_answer_and_remembers_the_question() -> None:
    dispatcher, events = await run_with_events("tanya_syarat", slots={"program": "klj"})
    text = dispatcher.messages[0]["text"]
    assert "60 tahun" in text and "KLJ" in text
    assert events == [{"event": "slot", "timestamp": None, "name": "question_type", "value": "tanya_syarat"}]


async def test_bare_program_switch_keeps_the_previous_question() -> None:
    """'kalau yang disabilitas?' after asking how much KLJ pays answers how much KPDJ pays."""
    dispatcher, events = await run_with_events(
        "pilih_program", slots={"program": "kpdj", "question_type": "tanya_besaran"}
    )
    text = dispatcher.messages[0]["text"]
    assert "Rp300.000" in text and "KPDJ" in text
    assert events[0]["value"] == "tanya_besaran"


async def test_unsure_correction_naming_a_program_keeps_the_previous_question() -> None:
    """'eh salah, maksud saya KJMU' while unsure: the likeliest reading is a switch, so answer it."""
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.5},
        {"name": "pilih_program", "confidence": 0.36},
        {"name": "tidak_nyambung", "confidence": 0.28},
    ]
    entities = [{"entity": "program", "value": "kjmu", "start": 18, "end": 22}]
    slots = {"program": "kjmu", "question_type": "tanya_jadwal_cair"}
    dispatcher, events = await run_with_events("nlu_fallback", slots=slots, ranking=ranking, entities=entities)
    assert "KJMU" in dispatcher.messages[0]["text"]
    assert not dispatcher.messages[0]["text"].startswith("Maaf, saya belum paham")
    assert events[0]["value"] == "tanya_jadwal_cair"


async def test_unsure_without_a_program_named_still_asks_back() -> None:
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "pilih_program", "confidence": 0.4}]
    dispatcher = await run("nlu_fallback", slots={"program": "kjmu"}, ranking=ranking)
    assert dispatcher.messages[0]["text"].startswith("Maaf, saya belum paham")


@pytest.mark.parametrize(
    ("last_question", "explained"),
    [(None, True), ("tanya_besaran", False)],
)
async def test_unsure_between_a_question_and_a_switch_that_give_the_same_answer_answers_it(
    last_question: str | None, explained: bool
) -> None:
    """'KPDJ?' in a new chat: asking about KPDJ or switching to it both explain KPDJ, so no question
    back. After an amount question the switch would answer the amount instead, so the bot asks."""
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.5},
        {"name": "tanya_program", "confidence": 0.42},
        {"name": "pilih_program", "confidence": 0.41},
    ]
    entities = [{"entity": "program", "value": "kpdj", "start": 0, "end": 4}]
    slots = {"program": "kpdj", "question_type": last_question}
    dispatcher = await run("nlu_fallback", slots=slots, ranking=ranking, entities=entities)
    text = dispatcher.messages[0]["text"]
    assert text.startswith("Maaf, saya belum paham") is not explained
    assert ("bantuan uang dari Pemprov DKI untuk penyandang disabilitas" in text) is explained


async def test_bare_program_without_a_previous_question_explains_the_program() -> None:
    dispatcher = await run("pilih_program", slots={"program": "kjmu"})
    assert "KJMU" in dispatcher.messages[0]["text"]


async def test_question_without_a_program_asks_which_program_with_buttons() -> None:
    dispatcher = await run("tanya_syarat")
    buttons = dispatcher.messages[0]["buttons"]
    assert {"title": "KLJ (lansia)", "payload": '/tanya_syarat{"program": "klj"}'} in buttons
    assert {"title": "Kartu Pekerja (KPJ)", "payload": '/tanya_syarat{"program": "kpj"}'} in buttons
    programs = yaml.safe_load((PROJECT_ROOT / "content" / "programs.yml").read_text())["programs"]
    assert [b["payload"] for b in buttons if '"program"' in b["payload"]] == [
        f'/tanya_syarat{{"program": "{key}"}}' for key in programs
    ], "one button per program, in the order of programs.yml"


async def test_general_topic_ignores_the_program_slot() -> None:
    dispatcher, events = await run_with_events("tanya_kontak", slots={"program": "klj"})
    assert "171" in dispatcher.messages[0]["text"]
    assert events == []


async def test_unsure_bot_offers_the_likeliest_topics_as_buttons() -> None:
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.5},
        {"name": "tanya_jadwal_cair", "confidence": 0.41},
        {"name": "tanya_cara_cek", "confidence": 0.38},
        {"name": "out_of_scope", "confidence": 0.1},
        {"name": "tanya_besaran", "confidence": 0.05},
    ]
    dispatcher = await run("nlu_fallback", slots={"program": "kjp_plus"}, ranking=ranking)
    message = dispatcher.messages[0]
    assert message["text"].startswith("Maaf, saya belum paham")
    assert [b["payload"] for b in message["buttons"]] == [
        '/tanya_jadwal_cair{"program": "kjp_plus"}',
        '/tanya_cara_cek{"program": "kjp_plus"}',
        '/tanya_besaran{"program": "kjp_plus"}',
    ]


async def test_out_of_scope_that_names_a_program_asks_back_instead_of_dismissing() -> None:
    ranking = [
        {"name": "out_of_scope", "confidence": 0.9},
        {"name": "tanya_program", "confidence": 0.05},
        {"name": "tanya_cara_cek", "confidence": 0.03},
    ]
    entities = [{"entity": "program", "value": "klj", "start": 0, "end": 3}]
    dispatcher = await run("out_of_scope", slots={"program": "klj"}, ranking=ranking, entities=entities)
    message = dispatcher.messages[0]
    assert message["text"].startswith("Maaf, saya belum paham")
    assert message["buttons"][0]["payload"] == '/tanya_program{"program": "klj"}'


async def test_out_of_scope_with_only_an_inferred_program_stays_out_of_scope() -> None:
    """'SPMB SMA negeri syaratnya apa?': "SMA" suggests KJP Plus, but no program is asked about."""
    entities = [{"entity": "program", "value": "kjp_plus", "start": 5, "end": 8, "extractor": "ProgramResolver"}]
    dispatcher = await run("out_of_scope", entities=entities)
    assert not dispatcher.messages[0]["text"].startswith("Maaf, saya belum paham")
    assert dispatcher.messages[0]["buttons"] == []


async def test_plain_out_of_scope_is_answered_politely_without_buttons() -> None:
    dispatcher = await run("out_of_scope")
    assert dispatcher.messages[0]["text"].startswith("Maaf")
    assert dispatcher.messages[0]["buttons"] == []


async def test_an_answer_that_missed_offers_the_runners_up_for_the_same_program_then_a_person() -> None:
    missed_question = {
        "event": "user",
        "text": "klj kenapa ga dapet",
        "parse_data": {"intent_ranking": [{"name": "tanya_syarat"}, {"name": "tanya_tidak_dapat"},
                                          {"name": "tanya_kontak"}, {"name": "tanya_besaran"}]},
    }  # fmt: skip
    complaint = {"event": "user", "text": "jawabannya ga nyambung", "parse_data": {}}
    tracker = tracker_for("tidak_nyambung", slots={"program": "klj", "question_type": "tanya_syarat"})
    tracker.events = [missed_question, {"event": "action", "name": "action_answer"}, complaint]
    dispatcher = CollectingDispatcher()
    events = await ActionAnswer().run(dispatcher, tracker, {})
    message, _ = dispatcher.messages
    assert message["text"].startswith("Maaf, jawaban saya tadi belum pas.")
    assert [b["payload"] for b in message["buttons"]] == [
        '/tanya_tidak_dapat{"program": "klj"}',
        '/tanya_besaran{"program": "klj"}',
        '/tanya_cara_daftar{"program": "klj"}',
        "/tanya_kontak",
    ], "runners-up first (not the answer that missed), then a common topic, then a person"
    assert events == [], "the question being discussed stays the same"


async def test_an_answer_that_missed_in_a_new_chat_offers_the_common_topics() -> None:
    dispatcher = CollectingDispatcher()
    await ActionAnswer().run(dispatcher, tracker_for("tidak_nyambung"), {})
    message, _ = dispatcher.messages
    assert [b["payload"] for b in message["buttons"]] == [
        "/tanya_syarat", "/tanya_cara_daftar", "/tanya_jadwal_cair", "/tanya_kontak"
    ]  # fmt: skip


async def test_a_correction_that_names_the_program_answers_the_same_question_for_it() -> None:
    klj = [{"entity": "program", "value": "klj", "start": 18, "end": 21}]
    dispatcher = await run(
        "tidak_nyambung", slots={"program": "klj", "question_type": "tanya_jadwal_cair"}, entities=klj
    )
    assert dispatcher.messages[0]["text"].startswith("📅 Sejak April 2025, dana KLJ dikirim setiap bulan")


async def test_a_message_with_a_number_starts_the_status_check_whatever_nlu_thought() -> None:
    """'kjp anak saya belum cair, tolong cek nik <NIK>' read as a payment question still starts the check."""
    asking = tracker_for("tanya_jadwal_cair", confidence=0.8)
    asking.latest_message["text"] = "kjp anak saya belum cair, tolong cek nik nomorref0123456789"
    dispatcher = CollectingDispatcher()
    events = await ActionAnswer().run(dispatcher, asking, {})
    assert events == [{"event": "followup", "name": "action_start_status_check", "timestamp": None}]
    assert dispatcher.messages == [], "no payment answer before the check starts"


@pytest.fixture
def long_klj_requirements(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A copy of content/ whose KLJ file is one long requirements answer, split with `more`."""
    content = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    (content / "answers" / "klj.yml").write_text(
        """answers:
  - id: klj_syarat
    intent: tanya_syarat
    program: klj
    checked: 2026-11-28
    sources: [https://dinsos.jakarta.go.id]
    text: "Syarat {{ program_name }}: berusia 60 tahun ke atas."
    more: "Sisa syarat {{ program_name }}: bukan pensiunan PNS."
""",
        encoding="utf-8",
    )
    monkeypatch.setenv("CONTENT_DIR", str(content))
    get_settings.cache_clear()


@pytest.mark.usefixtures("long_klj_requirements")
async def test_a_long_answer_offers_selengkapnya_and_the_button_shows_the_rest() -> None:
    dispatcher = await run("tanya_syarat", slots={"program": "klj"})
    first = dispatcher.messages[0]
    more_payload = '/tanya_syarat{"program": "klj", "bagian": "lengkap"}'
    assert first["buttons"][0] == {"title": "Selengkapnya", "payload": more_payload}
    assert "Sisa syarat" not in first["text"] and "60 tahun" in first["text"]

    pressed = [
        {"entity": "program", "value": "klj", "extractor": "RegexMessageHandler"},
        {"entity": "bagian", "value": "lengkap", "extractor": "RegexMessageHandler"},
    ]
    dispatcher, events = await run_with_events("tanya_syarat", slots={"program": "klj"}, entities=pressed)
    rest = dispatcher.messages[0]
    assert rest["text"].startswith("Sisa syarat KLJ (Kartu Lansia Jakarta): bukan pensiunan PNS.")
    assert "ℹ️ Info per" in rest["text"], "the same footer dates the rest"
    assert "Selengkapnya" not in [b["title"] for b in rest["buttons"]]
    assert events[0]["value"] == "tanya_syarat", "a follow-up question still knows what was asked"


async def test_an_unknown_part_shows_the_answer_itself() -> None:
    entities = [{"entity": "bagian", "value": "semua"}]
    plain = (await run("tanya_dtks")).messages[0]
    assert (await run("tanya_dtks", entities=entities)).messages[0] == plain
