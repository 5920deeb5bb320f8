"""`make demo-data`: the synthetic month must look like the bot's real log, themes and signals included."""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from typing import Any

import pytest
import yaml
from sqlalchemy import func, select

from devtools.demo import data as demo_data
from devtools.demo.nlu import parse_payload
from devtools.demo.phrases import CORRECTION_ANYWHERE, CORRECTION_WHOLE
from devtools.demo.themes import KJP_NOT_ARRIVED, NORMAL, THEMES
from devtools.demo.traffic import DEMO_PREFIX, JAKARTA, DemoData, generate
from infobansos.eligibility.tracking import EligibilityCheck, eligibility_figures
from infobansos.privacy.redaction import redact_personal_data
from infobansos.question_log.signals import ConfusionSignal, Reason
from infobansos.question_log.turns import FEEDBACK_DOWN, Outcome, TurnLog, upsert_turn
from infobansos.settings import PROJECT_ROOT
from infobansos.storage.engine import session_factory

END = dt.datetime(2026, 11, 28, 19, 0, tzinfo=JAKARTA)  # a Saturday evening
DAYS = 30
RESIDENTS = 2000
CONTENT = PROJECT_ROOT / "content"
FAILED_STATUS = {
    "no_match",
    "nik_locked",
    "budget_spent",
    "locked",
    "too_many",
    "bad_length",
    "bad_province",
    "bad_date",
    "no_number",
}
KJP = re.compile(r"kjp|jakarta pintar")
NOT_ARRIVED = re.compile(r"\b(belum|blm|belom|blom|telat|kosong|tidak|ga|gak|nggak|tdk|kagak)\b")


@pytest.fixture(scope="module")
def month() -> DemoData:
    return generate(7, DAYS, RESIDENTS, END)


def _turns_by_id(data: DemoData) -> dict[str, dict[str, Any]]:
    return {turn["turn_id"]: turn for turn in data.turns}


def _signalled(data: DemoData, reason: Reason) -> list[dict[str, Any]]:
    return [signal for signal in data.signals if signal["reason"] == reason.value]


def _answers() -> dict[str, str]:
    """Answer id → kind, straight from the content files."""
    kinds = {}
    for path in (CONTENT / "answers").glob("*.yml"):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["answers"]:
            kinds[entry["id"]] = entry.get("kind", "fakta")
    return kinds


def _local(turn: dict[str, Any]) -> dt.datetime:
    return turn["created_at"].astimezone(JAKARTA)


def test_a_seed_gives_the_same_month_and_another_seed_another(month: DemoData) -> None:
    again = generate(7, DAYS, RESIDENTS, END)
    assert (again.turns, again.signals, again.themes) == (month.turns, month.signals, month.themes)
    other = generate(8, DAYS, RESIDENTS, END)
    assert [t["text"] for t in other.turns[:50]] != [t["text"] for t in month.turns[:50]]


def test_the_month_has_jakartas_rhythm(month: DemoData) -> None:
    assert 10_000 <= len(month.turns) <= 14_000  # about 6 messages a resident
    first_day = END.date() - dt.timedelta(days=DAYS - 1)
    days = Counter(_local(t).date() for t in month.turns)
    assert sorted(days) == [first_day + dt.timedelta(days=i) for i in range(DAYS)]  # every day, none outside
    assert all(month.start <= t["created_at"] <= END for t in month.turns)
    hours = Counter(_local(t).hour for t in month.turns)
    busy_hours = statistics.mean(hours[h] for h in (7, 8, 9, 19, 20, 21))
    assert busy_hours > 4 * statistics.mean(hours[h] for h in (1, 2, 3, 4))
    full_days = {day: n for day, n in days.items() if day != END.date()}
    sundays = [n for day, n in full_days.items() if day.weekday() == 6]
    weekdays = [n for day, n in full_days.items() if day.weekday() < 5]
    assert statistics.mean(sundays) < 0.75 * statistics.mean(weekdays)
    assert days[month.payday] > 1.6 * statistics.median(full_days.values())  # the payment-date spike


def test_roughly_three_quarters_are_answered_confidently(month: DemoData) -> None:
    confident = [
        t
        for t in month.turns
        if t["outcome"] == Outcome.ANSWERED
        and not t["is_fallback"]
        and not t["is_out_of_scope"]
        and t["confidence"] >= 0.5
    ]
    assert 0.68 <= len(confident) / len(month.turns) <= 0.85


def test_kjp_money_not_arrived_is_the_loudest_confusion(month: DemoData) -> None:
    themed = [t for t, theme in zip(month.turns, month.themes, strict=True) if theme == KJP_NOT_ARRIVED]
    assert len(themed) >= 0.06 * len(month.turns)
    # Seen from the rows alone: KJP Plus, "belum/telat/kosong", NLU torn between schedule and refusal.
    typed = [t for t in month.turns if t["program"] == "kjp_plus" and not t["text"].startswith("/")]
    waiting = [t for t in typed if KJP.search(t["text"].lower()) and NOT_ARRIVED.search(t["text"].lower())]
    assert len(waiting) >= 0.05 * len(month.turns)
    torn = [
        t for t in waiting if {r["intent"] for r in t["ranking"] or []} >= {"tanya_jadwal_cair", "tanya_tidak_dapat"}
    ]
    assert len(torn) >= 0.6 * len(waiting)
    assert statistics.mean(t["confidence"] for t in waiting if t["confidence"] is not None) < 0.6
    # The 👎 gather there.
    down = Counter(theme for t, theme in zip(month.turns, month.themes, strict=True) if t["feedback"] == FEEDBACK_DOWN)
    assert down[KJP_NOT_ARRIVED] == max(down.values())
    assert down[KJP_NOT_ARRIVED] >= 0.35 * sum(down.values())

    def down_rate(theme: str) -> float:
        rated = [t for t, th in zip(month.turns, month.themes, strict=True) if th == theme and t["feedback"]]
        return sum(t["feedback"] == FEEDBACK_DOWN for t in rated) / len(rated)

    assert down_rate(KJP_NOT_ARRIVED) > 0.7 > 0.25 > down_rate(NORMAL)
    # It swells after the usual payment date.
    per_day = Counter(_local(t).date() for t in themed)
    before = [per_day[month.payday - dt.timedelta(days=i)] for i in range(1, 11)]
    after = [per_day[month.payday + dt.timedelta(days=i)] for i in range(5)]
    assert statistics.mean(after) > 3 * statistics.mean(before)


def test_every_theme_and_its_tell_tale_rows_are_there(month: DemoData) -> None:
    themes = Counter(month.themes)
    assert all(themes[theme] >= 0.01 * len(month.turns) for theme in THEMES)
    texts = [t["text"].lower() for t in month.turns]
    assert sum("dtks" in text or "dtsen" in text for text in texts) >= 200
    withdraw = [t for t in month.turns if t["program"] == "klj" and re.search(r"atm|tarik|narik", t["text"].lower())]
    assert len(withdraw) >= 100
    rice = [t for t in month.turns if "beras" in t["text"].lower() and t["outcome"] == Outcome.ANSWERED]
    assert len(rice) >= 200 and sum(t["is_fallback"] for t in rice) >= 0.5 * len(rice)  # no answer for it
    off_topic = [t["text"].lower() for t in month.turns if t["is_out_of_scope"]]
    assert any("pinjol" in text for text in off_topic) and any(re.search(r"loker|lowongan", x) for x in off_topic)
    for placeholder in ("[NIK]", "[TELEPON]", "[EMAIL]"):
        assert sum(placeholder in t["text"] for t in month.turns) >= 10, placeholder
    failures = Counter(s["detail"] for s in _signalled(month, Reason.STATUS_FAILED))
    assert {"no_match", "locked", "bad_length"} <= set(failures)
    assert any(t["outcome"] == Outcome.BUSY for t in month.turns)
    assert Counter(t["chat_type"] for t in month.turns)["group"] >= 0.03 * len(month.turns)


def test_signals_match_the_turns(month: DemoData) -> None:
    turns = _turns_by_id(month)
    by_reason: dict[str, set[str]] = defaultdict(set)
    for signal in month.signals:
        turn = turns[signal["turn_id"]]
        assert signal["sender"] == turn["sender"]
        assert turn["created_at"] <= signal["created_at"] <= END
        by_reason[signal["reason"]].add(signal["turn_id"])
    answered = [t for t in month.turns if t["outcome"] == Outcome.ANSWERED]
    assert by_reason[Reason.THUMBS_DOWN] == {t["turn_id"] for t in month.turns if t["feedback"] == FEEDBACK_DOWN}
    unsure = {t["turn_id"] for t in answered if t["is_fallback"] or t["confidence"] < 0.5}
    assert by_reason[Reason.LOW_CONFIDENCE] == unsure
    assert by_reason[Reason.OUT_OF_SCOPE] == {t["turn_id"] for t in month.turns if t["is_out_of_scope"]}
    assert by_reason[Reason.HUMAN_REQUEST] == {t["turn_id"] for t in answered if t["intent"] == "tanya_kontak"}
    for signal in _signalled(month, Reason.STATUS_FAILED):
        assert signal["detail"] in FAILED_STATUS
        assert turns[signal["turn_id"]]["answer_id"] == f"status:{signal['detail']}"
    no_match = {t["turn_id"] for t in answered if t["answer_id"] == "status:no_match"}
    assert no_match and no_match <= by_reason[Reason.STATUS_FAILED]
    for signal in _signalled(month, Reason.CORRECTION):
        words = " ".join(re.findall(r"\w+", turns[signal["turn_id"]]["text"].lower()))
        assert words in CORRECTION_WHOLE or any(phrase in words for phrase in CORRECTION_ANYWHERE)
    assert len(by_reason[Reason.CORRECTION]) >= 100


def test_a_rephrase_is_a_similar_message_by_the_same_sender_within_three_minutes(month: DemoData) -> None:
    turns = _turns_by_id(month)
    rephrases = _signalled(month, Reason.REPHRASE)
    assert len(rephrases) >= 0.03 * len(month.turns)
    for signal in rephrases:
        turn, earlier = turns[signal["turn_id"]], turns[signal["detail"]]
        assert earlier["sender"] == turn["sender"]
        assert dt.timedelta(0) < turn["created_at"] - earlier["created_at"] <= dt.timedelta(minutes=3)
        assert not turn["text"].startswith("/") and not earlier["text"].startswith("/")
        a, b = set(re.findall(r"\w+", earlier["text"].lower())), set(re.findall(r"\w+", turn["text"].lower()))
        assert (
            len(a & b) / len(a | b) >= 0.5
            or SequenceMatcher(None, earlier["text"].lower(), turn["text"].lower()).ratio() >= 0.75
        )
    assert not any(turns[s["turn_id"]]["intent"] == "kirim_nomor" for s in rephrases)  # the KK after the NIK


def test_feedback_only_where_the_bot_asks_for_it(month: DemoData) -> None:
    kinds = _answers()
    rated = [t for t in month.turns if t["feedback"] is not None]
    assert len(rated) >= 0.05 * len(month.turns)
    for turn in rated:
        assert turn["chat_type"] == "private" and turn["outcome"] == Outcome.ANSWERED
        assert kinds[turn["answer_id"]] == "fakta", turn["answer_id"]


def test_answers_and_buttons_are_real(month: DemoData) -> None:
    kinds = _answers()
    status_keys = set(yaml.safe_load((CONTENT / "status.yml").read_text(encoding="utf-8"))["messages"])
    for turn in month.turns:
        if turn["outcome"] == Outcome.BUSY:
            assert turn["intent"] is turn["answer_id"] is turn["confidence"] is turn["feedback"] is None
            continue
        answer = turn["answer_id"]
        assert answer.removeprefix("status:") in status_keys if answer.startswith("status:") else answer in kinds
        assert 0 < turn["confidence"] <= 1 and 1 <= len(turn["ranking"]) <= 3
        assert turn["ranking"][0]["intent"] == turn["intent"]
        if turn["text"].startswith("/"):
            intent, program = parse_payload(turn["text"])
            assert (turn["intent"], turn["confidence"]) == (intent, 1.0)
            assert program is None or turn["program"] == program


def test_no_personal_data_anywhere(month: DemoData) -> None:
    for turn in month.turns:
        text = turn["text"]
        assert not re.search(r"\d{10,}", text), text
        assert not re.search(r"[\w.+-]+@[\w-]+\.", text), text
        assert redact_personal_data(text) == text, text  # the bot's own redaction finds nothing left
        assert re.fullmatch(r"u_[0-9a-f]{32}", turn["sender"])
        assert turn["turn_id"].startswith(DEMO_PREFIX) and len(turn["turn_id"]) <= 32
        assert not re.search(r"\d{6,}", turn["turn_id"])
    assert not any(re.search(r"\d{10,}", s["detail"] or "") for s in month.signals)


def _counts(url: str) -> tuple[int, int]:
    with session_factory(url)() as session:
        turns = session.scalar(select(func.count()).select_from(TurnLog))
        signals = session.scalar(select(func.count()).select_from(ConfusionSignal))
    return turns or 0, signals or 0


def test_make_demo_data_writes_replaces_and_keeps_off_real_data(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--residents", "120", "--end", END.isoformat()]
    assert demo_data.main([*args, "--seed", "5"]) == 0
    expected = generate(5, DAYS, 120, END)
    assert _counts(database_url) == (len(expected.turns), len(expected.signals))
    out = capsys.readouterr().out
    assert f"{len(expected.turns):,} turns" in out and "kjp_belum_cair" in out and "kurang_yakin" in out
    with session_factory(database_url)() as session:
        stored = session.scalars(select(TurnLog).order_by(TurnLog.created_at, TurnLog.turn_id)).first()
    assert stored is not None and stored.turn_id == expected.turns[0]["turn_id"]
    assert stored.ranking == expected.turns[0]["ranking"]

    assert demo_data.main([*args, "--seed", "6"]) == 1  # earlier demo rows: only with --replace
    assert "--replace" in capsys.readouterr().err
    assert demo_data.main([*args, "--seed", "6", "--replace"]) == 0
    replacement = generate(6, DAYS, 120, END)
    assert _counts(database_url) == (len(replacement.turns), len(replacement.signals))

    with session_factory(database_url).begin() as session:
        upsert_turn(session, "0123abcd", "u_" + "0" * 32, text="syarat klj apa", intent="tanya_syarat")
    assert demo_data.main([*args, "--replace"]) == 1  # a real resident's turn is there
    assert "real turn" in capsys.readouterr().err
    assert _counts(database_url)[0] == len(replacement.turns) + 1
    assert demo_data.main([*args, "--replace", "--force"]) == 0
    with session_factory(database_url)() as session:
        assert session.scalar(select(TurnLog.text).where(TurnLog.turn_id == "0123abcd")) == "syarat klj apa"


def test_demo_data_has_settled_eligibility_checks_for_the_report(database_url: str) -> None:
    args = ["--residents", "400", "--end", END.isoformat()]
    assert demo_data.main([*args, "--seed", "5"]) == 0
    with session_factory(database_url)() as session:
        figures = eligibility_figures(session, END - dt.timedelta(days=DAYS), END, now=END)
    assert figures.started == 400 // 8 and figures.running == 0, "every demo check has ended or gone quiet"
    assert figures.completed > figures.abandoned > 0 and figures.stop_points and figures.likely
    assert demo_data.main([*args, "--seed", "6", "--replace"]) == 0
    with session_factory(database_url)() as session:
        ids = session.scalars(select(EligibilityCheck.check_id)).all()
    assert len(ids) == 50 and all(i.startswith(f"{DEMO_PREFIX}kelayakan-6-") for i in ids), "replaced, not added"
