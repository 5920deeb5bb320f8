"""The analysts' report in the console, over HTTP: figures, filters, CSV downloads, escaping, roles.

The database is the report tests' week of 3,000 generated turns (`sample_db`), plus a few
turns of our own where a test needs to know exactly what a resident typed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable

import httpx
import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from console.app import create_app
from console.pages.reports import today_card
from infobansos.content.history import current_files
from infobansos.content.publishing import store_revision
from infobansos.question_log.signals import ConfusionSignal, Reason
from infobansos.question_log.turns import TurnLog
from infobansos.settings import PROJECT_ROOT, get_settings
from staff.csv_safe import QUOTE
from staff.report.names import display_names
from staff.report.window import jakarta_today

Client = Callable[..., TestClient]
SCRIPT = "<script>alert('x')</script> kapan cair bansos"
FORMULA = '=HYPERLINK("http://contoh.test","klik")'
INTERNAL_NAMES = ("nlu_fallback", "kirim_nomor", "greet", "out_of_scope", "tanya_syarat", "jempol_bawah")


@pytest.fixture
def console_app(sample_db: str) -> Starlette:
    """The real console on the sample database (overrides the skeleton's empty one)."""
    return create_app(get_settings())


def add_confused(app: Starlette, text: str, copies: int = 30) -> None:
    """`copies` residents typing `text` today, each one a fallback, so it makes a cluster of its own."""
    now = dt.datetime.now(dt.UTC)
    with app.state.sessions() as session, session.begin():
        for i in range(copies):
            turn_id, sender = f"uji-{abs(hash(text))}-{i}", f"warga-uji-{i}"
            session.add(
                TurnLog(
                    turn_id=turn_id,
                    created_at=now,
                    sender=sender,
                    text=text,
                    intent="nlu_fallback",
                    confidence=0.2,
                    is_fallback=True,
                )
            )
            session.add(ConfusionSignal(turn_id=turn_id, created_at=now, sender=sender, reason=Reason.LOW_CONFIDENCE))


def figure(html: str, element_id: str) -> int:
    found = re.search(rf'id="{element_id}"><b>([\d.]+)', html)
    assert found, f"no #{element_id}"
    return int(found.group(1).replace(".", ""))


def read_csv(response: httpx.Response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_page_shows_figures_charts_clusters_and_csv_links(console_client: Client) -> None:
    page = console_client("analis").get("/laporan")
    assert page.status_code == 200
    html = page.text
    assert 'id="report-filter"' in html and figure(html, "sum-questions") == 3_000
    assert len(re.findall(r'<img class="chart" id="chart-\w+" alt="[^"]+" src="data:image/png;base64,', html)) == 4
    assert len(re.findall(r'<tr class="cluster" id="cluster-\d+">', html)) == 20
    links = re.findall(r'<a class="btn csv-download" id="csv-(\w+)" href="([^"]+)"', html)
    assert [name for name, _ in links] == ["volume_per_day", "volume_per_topic", "rates_per_day", "confusion_clusters"]


def test_topics_and_programs_show_by_their_labels_never_internal_names(console_client: Client) -> None:
    html = console_client("analis").get("/laporan").text
    main = html[html.index("<main>") :]
    for name in INTERNAL_NAMES:
        assert not re.search(rf"\b{name}\b", main), f"{name} shown raw"
    topics = re.search(r'<table class="data" id="topics">(.*?)</table>', html, re.S)
    assert topics
    shown = set(re.findall(r"<tr><td>([^<]+)</td>", topics.group(1)))
    names = display_names(PROJECT_ROOT / "content")
    assert len(shown) >= 3 and shown <= {*names.topics.values(), names.words["no_intent"]}
    # The table shows the top rows only, which may or may not include KLJ; filtered to KLJ it must.
    klj = console_client("analis").get("/laporan?program=klj").text
    klj_topics = re.search(r'<table class="data" id="topics">(.*?)</table>', klj, re.S)
    assert klj_topics and "KLJ (lansia)" in klj_topics.group(1) and not re.search(r"\bklj\b", klj_topics.group(1))


def test_labels_follow_the_published_content(console_client: Client, console_app: Starlette) -> None:
    """A label staff publish in the console is the one the report shows (not the file in git)."""
    with console_app.state.sessions() as session, session.begin():
        _, files = current_files(session, get_settings().content_dir)
        files["topics.yml"] = files["topics.yml"].replace('"Di luar topik bansos"', '"Bukan soal bansos"')
        store_revision(session, None, files, "editor0", "label baru", [])
    topics = re.search(r'id="topics">(.*?)</table>', console_client("analis").get("/laporan").text, re.S)
    assert topics and "Bukan soal bansos" in topics.group(1) and "Di luar topik bansos" not in topics.group(1)


def test_filters_change_the_figures(console_client: Client) -> None:
    client = console_client("analis")
    everything = figure(client.get("/laporan").text, "sum-questions")
    klj = client.get("/laporan", params={"program": "klj"}).text
    assert 0 < figure(klj, "sum-questions") < everything
    assert '<option value="klj" selected>' in klj
    today = jakarta_today()
    two_days = client.get("/laporan", params={"dari": str(today - dt.timedelta(days=1)), "sampai": str(today)}).text
    assert 0 < figure(two_days, "sum-questions") < everything
    long_ago = client.get("/laporan", params={"dari": "2020-01-01", "sampai": "2020-01-31"}).text
    assert 'id="report-empty"' in long_ago


def test_bad_filters_are_explained_and_the_last_30_days_shown(console_client: Client) -> None:
    client = console_client("analis")
    page = client.get("/laporan", params={"dari": "kemarin", "sampai": "2026-13-01", "program": "../../etc"})
    assert page.status_code == 400
    assert 'id="filter-problem-dates"' in page.text and 'id="filter-problem-program"' in page.text
    assert figure(page.text, "sum-questions") == 3_000
    assert client.get("/laporan/unduh/volume_per_day", params={"program": "nope"}).status_code == 400
    assert client.get("/laporan/unduh/..%2F..%2Fsecrets").status_code == 404


def test_a_script_typed_by_a_resident_shows_as_text(console_client: Client, console_app: Starlette) -> None:
    add_confused(console_app, SCRIPT)
    html = console_client("analis").get("/laporan").text
    assert "<script>alert(" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; kapan cair bansos" in html


def test_csv_downloads_match_the_page_and_defuse_formulas(console_client: Client, console_app: Starlette) -> None:
    add_confused(console_app, FORMULA)
    client = console_client("analis")
    html = client.get("/laporan").text
    links = dict(re.findall(r'id="csv-(\w+)" href="([^"]+)"', html))
    days = client.get(links["volume_per_day"].replace("&amp;", "&"))
    assert days.status_code == 200 and days.headers["content-type"].startswith("text/csv")
    assert "attachment" in days.headers["content-disposition"]
    assert sum(int(row[1]) for row in read_csv(days)[1:]) == figure(html, "sum-questions")
    clusters = read_csv(client.get(links["confusion_clusters"].replace("&amp;", "&")))
    examples = [cell for row in clusters[1:] for cell in row[7].split(" | ")]
    assert QUOTE + FORMULA in [row[7] for row in clusters[1:]] or QUOTE + FORMULA in examples
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in clusters for cell in row)
    topics = read_csv(client.get(links["volume_per_topic"].replace("&amp;", "&")))
    names = display_names(PROJECT_ROOT / "content")
    assert {row[0] for row in topics[1:]} <= {*names.topics.values(), names.words["no_intent"]}


def test_an_analis_reads_reports_and_a_stranger_is_sent_to_log_in(
    console_client: Client, console_app: Starlette
) -> None:
    for role in ("analis", "editor", "admin"):
        assert console_client(role).get("/laporan").status_code == 200
    stranger = TestClient(console_app, base_url="http://127.0.0.1")
    for path in ("/laporan", "/laporan/unduh/volume_per_day"):
        response = stranger.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/masuk?next=")


def test_the_report_is_built_once_and_refreshed_in_the_background(
    console_client: Client, console_app: Starlette
) -> None:
    """Opened once, a window is served from memory; new data is counted while the old figures show."""
    client = console_client("analis")
    client.get("/laporan")
    client.get("/laporan/unduh/confusion_clusters")
    cache = console_app.state.report_cache
    assert cache.builds == 1
    cache.max_age = 0  # as if five minutes had passed
    assert 'id="report-refreshing"' not in client.get("/laporan").text, "nothing new: no rebuild"
    assert cache.builds == 1
    add_confused(console_app, "bansos beras kapan ya", copies=1)
    stale = client.get("/laporan").text
    assert figure(stale, "sum-questions") == 3_000 and 'id="report-refreshing"' in stale
    cache.wait()
    assert figure(client.get("/laporan").text, "sum-questions") == 3_001
    assert cache.builds == 2


def test_the_home_page_starts_counting_the_default_report(console_client: Client, console_app: Starlette) -> None:
    console_client("analis").get("/")
    console_app.state.report_cache.wait()
    assert console_app.state.report_cache.builds == 1


def test_todays_figures_on_the_first_page_match_stats(console_client: Client, console_app: Starlette) -> None:
    html = console_client("analis").get("/").text
    with console_app.state.sessions() as session:
        card = today_card(session, get_settings())
    assert 'id="today-figures"' in html and card["questions"] > 0
    assert figure(html, "today-questions") == card["questions"]
    assert figure(html, "today-status") == card["lookups"]
