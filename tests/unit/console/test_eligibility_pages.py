"""The eligibility check in the console: the counts on /laporan and the first page, and the read-only rules page."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from html import escape

from starlette.applications import Starlette
from starlette.testclient import TestClient

from infobansos.content.store import load_content
from infobansos.eligibility.tracking import ABANDON_AFTER, asked, cancel_check, finish_check, start_check
from infobansos.settings import PROJECT_ROOT

Client = Callable[..., TestClient]
NOW = dt.datetime.now(dt.UTC)


def _seed(app: Starlette) -> None:
    long_ago = NOW - ABANDON_AFTER - dt.timedelta(minutes=10)
    with app.state.sessions() as session, session.begin():
        for check_id, programs in (("a", ["klj", "kpdj"]), ("b", ["klj"])):
            start_check(session, check_id, long_ago)
            finish_check(session, check_id, programs, long_ago)
        start_check(session, "c", long_ago)
        asked(session, "c", "desil")
        start_check(session, "d", NOW)


def _text(html: str, element_id: str) -> str:
    found = re.search(rf'id="{element_id}"[^>]*>(.*?)</(?:table|p|div)>', html, re.S)
    assert found, f"no #{element_id}"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(1))).strip()


def test_the_report_page_counts_checks_with_plain_names(console_client: Client, console_app: Starlette) -> None:
    _seed(console_app)
    html = console_client("analis").get("/laporan").text
    assert _text(html, "elig-started") == "4 cek dimulai"
    assert _text(html, "elig-completed").startswith("2 selesai")
    assert _text(html, "elig-abandoned").startswith("1 berhenti di tengah")
    assert _text(html, "elig-running") == "1 masih berjalan"
    assert "Desil DTSEN 1" in _text(html, "eligibility-stops")
    likely = _text(html, "eligibility-likely")
    assert "KLJ (lansia) 2" in likely and "KPDJ (disabilitas) 1" in likely and "kpdj" not in likely


def test_the_program_filter_narrows_only_the_likely_programs(console_client: Client, console_app: Starlette) -> None:
    _seed(console_app)
    html = console_client("analis").get("/laporan", params={"program": "kpdj"}).text
    assert _text(html, "elig-started") == "4 cek dimulai"
    likely = _text(html, "eligibility-likely")
    assert "KPDJ (disabilitas) 1" in likely and "KLJ" not in likely


def test_no_checks_yet_is_said_plainly(console_client: Client) -> None:
    html = console_client("analis").get("/laporan").text
    assert 'id="eligibility-empty"' in html


def test_the_first_page_counts_todays_checks(console_client: Client, console_app: Starlette) -> None:
    with console_app.state.sessions() as session, session.begin():  # all now: still today just after midnight
        for check_id in ("a", "b", "c", "d"):
            start_check(session, check_id, NOW)
        finish_check(session, "a", ["klj"], NOW)
        finish_check(session, "b", [], NOW)
        cancel_check(session, "c", NOW)
    html = console_client("analis").get("/").text
    assert _text(html, "today-eligibility").startswith("4 cek kelayakan, 2 selesai, 1 berhenti")


def test_the_rules_page_lists_every_question_and_rule_with_its_source_and_date(console_client: Client) -> None:
    rules = load_content(PROJECT_ROOT / "content").eligibility
    client = console_client("analis")
    assert 'href="/konten/kelayakan"' in client.get("/konten").text, "linked from the content page"
    response = client.get("/konten/kelayakan")
    assert response.status_code == 200
    html = response.text
    assert re.findall(r'data-question="([^"]+)"', html) == [q.key for q in rules.questions]
    shown_rules = re.findall(r'<tr data-rule="([^"]+)">(.*?)</tr>', html, re.S)
    assert [rule_id for rule_id, _ in shown_rules] == [r.id for p in rules.programs for r in p.rules]
    for (_, row), rule in zip(shown_rules, (r for p in rules.programs for r in p.rules), strict=True):
        assert f'href="{escape(rule.source)}"' in row and rule.checked.strftime("%d-%m-%Y") in row
    assert "KLJ (Kartu Lansia Jakarta)" in html, "programs by their names"
    desil = re.search(r'data-question="desil">(.*?)</tr>', html, re.S)
    assert desil and "Terdaftar di DTSEN/DTKS: “Ya, terdaftar”" in desil.group(1), "conditions in button words"
    assert "dtsen: ya" in desil.group(1), "and as written in eligibility.yml"


def test_the_rules_page_needs_a_login(console_app: Starlette) -> None:
    with TestClient(console_app, base_url="http://127.0.0.1") as client:
        response = client.get("/konten/kelayakan", follow_redirects=False)
    assert response.status_code in (302, 303) and "/masuk" in response.headers["location"]


def test_a_check_ending_refreshes_the_report(console_client: Client, console_app: Starlette) -> None:
    """The report is served from memory for a while; a check that ends must still reach it."""
    _seed(console_app)
    client = console_client("analis")
    assert _text(client.get("/laporan").text, "elig-completed").startswith("2 selesai")
    cache = console_app.state.report_cache
    cache.max_age = 0  # as if five minutes had passed
    with console_app.state.sessions() as session, session.begin():
        finish_check(session, "d", ["kaj"], NOW)  # no new row: the running check ended
    client.get("/laporan")
    cache.wait()
    assert _text(client.get("/laporan").text, "elig-completed").startswith("3 selesai")
