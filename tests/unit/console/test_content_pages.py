"""Content pages over HTTP: the grid, the editor and its Telegram preview, drafts, Terbitkan,
history and Kembalikan, as an editor, a second editor and an analis meet them.

Each test works on its own copy of content/ (CONTENT_DIR) and its own database, through the real
console app, the real revision store and the bot's own renderer.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from console.audit import AuditEntry
from infobansos.content.freshness import add_months
from infobansos.content.revisions import current_files, read_entry, with_entry
from infobansos.jakarta_time import jakarta_today
from infobansos.settings import PROJECT_ROOT, get_settings
from tests.unit.console.console_login import csrf
from tests.unit.console.content_forms import form_fields, with_values

KLJ = "/konten/jawaban/klj_syarat"
PREVIEW = {"X-Preview-Fragment": "1"}


@pytest.fixture(autouse=True)
def content_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private copy of content/, so nothing a test publishes can touch the repository's files."""
    copy = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", copy)
    monkeypatch.setenv("CONTENT_DIR", str(copy))
    get_settings.cache_clear()
    yield copy
    get_settings.cache_clear()


def published_text(app: Starlette, answer_id: str) -> str:
    """The entry's text in the published revision: what the bot serves residents."""
    with app.state.sessions() as session:
        _, files = current_files(session, get_settings().content_dir)
    return read_entry(files, answer_id)[1].text


CONTENT_ACTIONS = ("simpan_draf", "buang_draf", "terbitkan", "kembalikan")


def audit_actions(app: Starlette) -> list[tuple[str, str, str]]:
    """(who, action, target and detail) of every content change in the audit log, oldest first."""
    with app.state.sessions() as session:
        rows = session.scalars(select(AuditEntry).where(AuditEntry.action.in_(CONTENT_ACTIONS)).order_by(AuditEntry.id))
        return [(row.actor, row.action, row.target + "\n" + row.detail) for row in rows]


def cell_states(page: str, answer_id: str) -> list[str]:
    found = re.search(rf'data-answer="{answer_id}" data-states="([^"]*)"', page)
    assert found, f"{answer_id} is not on the page"
    return found.group(1).split()


def save(client: TestClient, path: str = KLJ, **changes: str):
    """Open the editor, change some fields, press Simpan draf."""
    fields = with_values(form_fields(client.get(path).text), **changes)
    return client.post(path, data=fields, follow_redirects=False)


def checked_months_ago(content_copy: Path, path: str, answer_id: str, months: int) -> None:
    """Date the entry's check `months` before today, in the content files (before anything is published)."""
    files = {path: (content_copy / path).read_text(encoding="utf-8")}
    fields = read_entry(files, answer_id)[1]
    files = with_entry(files, answer_id, replace(fields, checked=add_months(jakarta_today(), -months)))
    (content_copy / path).write_text(files[path], encoding="utf-8")


def press_publish(client: TestClient, follow_redirects: bool = False):
    """Open the Terbitkan page and press its button, as a browser would."""
    fields = with_values(form_fields(client.get("/konten/terbitkan").text, "publish-form"))
    return client.post("/konten/terbitkan", data=fields, follow_redirects=follow_redirects)


def test_the_grid_shows_every_program_and_question_with_its_state(
    console_client: Callable[..., TestClient], content_copy: Path
) -> None:
    checked_months_ago(content_copy, "answers/klj.yml", "klj_syarat", 11)  # due for a re-check
    checked_months_ago(content_copy, "answers/klj.yml", "klj_besaran", 13)  # too old: check-content refuses it
    editor = console_client("editor", "rina")
    assert save(editor, "/konten/jawaban/klj_program", text="KLJ untuk lansia.\n").status_code == 303

    page = console_client("analis").get("/konten").text

    assert "KLJ (Kartu Lansia Jakarta)" in page and "Umum (tanpa program)" in page
    assert "Syarat bantuan" in page and "Jadwal pencairan" in page  # plain labels, not intent names
    assert cell_states(page, "klj_syarat") == ["lama"]
    assert cell_states(page, "klj_besaran") == ["salah"]
    assert cell_states(page, "klj_program") == ["ok", "draf"] and "Draf menunggu: rina" in page
    assert cell_states(page, "kjp_plus_syarat") == ["ok"]
    other_answers = page.split('id="other-answers"')[1]  # questions not asked per program, by label
    assert cell_states(other_answers, "kontak_petugas") == ["ok"] and "Hubungi petugas" in other_answers
    assert "Salam / menyapa" in other_answers  # its label from other_topics, not the intent name
    assert 'id="drafts-pending"' in page


def test_an_analis_reads_an_entry_but_gets_no_edit_controls(console_client: Callable[..., TestClient]) -> None:
    page = console_client("analis").get(KLJ)
    assert page.status_code == 200
    assert 'id="read-only-notice"' in page.text and "disabled" in page.text
    assert 'id="save"' not in page.text and "preview.js" not in page.text
    assert 'class="tg-message"' in page.text  # the preview is there to read


def test_saving_makes_a_draft_that_residents_do_not_see_until_it_is_published(
    console_app: Starlette, console_client: Callable[..., TestClient], content_copy: Path
) -> None:
    before = published_text(console_app, "klj_syarat")
    file_before = (content_copy / "answers/klj.yml").read_text(encoding="utf-8")
    editor = console_client("editor", "rina")

    response = save(editor, text="Syarat {{ program_name }}: berusia 60 tahun ke atas.\n")

    assert response.status_code == 303
    page = editor.get(response.headers["location"]).text
    assert 'id="saved-notice"' in page and 'id="draft-notice"' in page
    assert "berusia 60 tahun ke atas." in page
    assert published_text(console_app, "klj_syarat") == before  # residents still get the old answer
    assert (content_copy / "answers/klj.yml").read_text(encoding="utf-8") == file_before

    publish_page = editor.get("/konten/terbitkan").text
    assert 'data-answer="klj_syarat"' in publish_page and "berusia 60 tahun ke atas." in publish_page
    published = press_publish(editor, follow_redirects=True)

    assert 'id="published-notice"' in published.text and 'id="no-drafts"' in published.text
    assert published_text(console_app, "klj_syarat") == "Syarat {{ program_name }}: berusia 60 tahun ke atas.\n"
    actions = audit_actions(console_app)
    saved = [detail for actor, action, detail in actions if action == "simpan_draf" and actor == "rina"]
    assert saved and re.search(r"\n\+\s+Syarat \{\{ program_name \}\}: berusia 60 tahun ke atas.", saved[0])
    assert any(action == "terbitkan" and "klj_syarat" in detail for _, action, detail in actions)


def test_publishing_is_refused_with_the_problems_while_another_answer_is_broken(
    console_app: Starlette, console_client: Callable[..., TestClient], content_copy: Path
) -> None:
    checked_months_ago(content_copy, "answers/kpdj.yml", "kpdj_syarat", 13)
    editor = console_client("editor")
    assert save(editor, text="Syarat baru.\n").status_code == 303  # klj_syarat itself is fine

    response = press_publish(editor)

    assert response.status_code == 422 and 'id="publish-problems"' in response.text
    assert "kpdj_syarat" in response.text and "lebih dari 12 bulan" in response.text
    assert 'data-answer="klj_syarat"' in response.text  # the draft waits, unpublished
    assert published_text(console_app, "klj_syarat") != "Syarat baru.\n"
    assert not any(action == "terbitkan" for _, action, _ in audit_actions(console_app))


def test_terbitkan_publishes_only_the_drafts_the_page_showed(
    console_app: Starlette, console_client: Callable[..., TestClient]
) -> None:
    rina, budi = console_client("editor", "rina"), console_client("editor", "budi")
    save(rina, text="Versi Rina.\n")
    publish_form = with_values(form_fields(rina.get("/konten/terbitkan").text, "publish-form"))
    save(budi, text="Versi Budi, disimpan sesudahnya.\n")

    response = rina.post("/konten/terbitkan", data=publish_form)

    assert response.status_code == 409 and 'id="publish-changed"' in response.text
    assert "Versi Budi, disimpan sesudahnya." in response.text  # the list shows what would go out now
    assert published_text(console_app, "klj_syarat") != "Versi Budi, disimpan sesudahnya.\n"
    assert press_publish(rina).status_code == 303  # after a fresh look it goes out


def test_an_unchanged_form_saves_no_change(console_app: Starlette, console_client: Callable[..., TestClient]) -> None:
    editor = console_client("editor")
    assert save(editor).status_code == 303
    [detail] = [d for _, action, d in audit_actions(console_app) if action == "simpan_draf"]
    assert "\n+" not in detail and "\n-" not in detail  # the form round-trips the entry exactly


def test_the_second_editor_is_told_who_saved_in_between(
    console_app: Starlette, console_client: Callable[..., TestClient]
) -> None:
    rina, budi = console_client("editor", "rina"), console_client("editor", "budi")
    budi_form = form_fields(budi.get(KLJ).text)  # budi opens the entry first …
    assert save(rina, text="Versi Rina.\n").status_code == 303  # … rina saves meanwhile

    response = budi.post(KLJ, data=with_values(budi_form, text="Versi Budi.\n"))

    assert response.status_code == 409
    assert 'id="conflict"' in response.text and "rina" in response.text and "belum disimpan" in response.text
    assert "Versi Budi." in response.text  # budi's typing is still in the form, to copy
    assert 'id="reload-latest"' in response.text
    assert "Versi Rina." in budi.get(KLJ).text  # nothing was overwritten
    assert not any(actor == "budi" for actor, action, _ in audit_actions(console_app) if action == "simpan_draf")


def test_the_preview_shows_the_answer_as_telegram_will(console_client: Callable[..., TestClient]) -> None:
    editor = console_client("editor")
    fields = with_values(form_fields(editor.get(KLJ).text), text="Awas <script>alert(1)</script> & calo.\n")

    fragment = editor.post(f"{KLJ}/pratinjau", data=fields, headers=PREVIEW).text

    assert "<script>alert" not in fragment and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; calo." in fragment
    answer, more = fragment.split('data-part="more"')  # klj_syarat has a `more` part, shown after the answer
    assert answer.count('class="tg-message"') == 1 and more.count('class="tg-message"') == 1
    assert '<span class="tg-button">Selengkapnya</span>' in answer and 'tg-button">Selengkapnya' not in more
    assert "<html" not in fragment
    assert "Membantu" in fragment and "Belum" in fragment  # the 👍/👎 row under a factual answer
    assert "Apakah jawaban ini membantu?" in fragment and "Info per" in fragment  # handler footer, content footer


def test_a_text_over_telegrams_limit_is_shown_as_two_messages(console_client: Callable[..., TestClient]) -> None:
    editor = console_client("editor")
    long_text = "\n\n".join(["Kalimat yang cukup panjang untuk mengisi pesan. " * 10] * 10)  # ~5,000 characters
    assert 4500 < len(long_text) < 5500
    fields = with_values(form_fields(editor.get(KLJ).text), text=long_text)

    fragment = editor.post(f"{KLJ}/pratinjau", data=fields, headers=PREVIEW).text

    first_part = fragment.split('data-part="more"')[0]
    sizes = [int(n) for n in re.findall(r'class="tg-message" data-chars="(\d+)"', first_part)]
    assert len(sizes) == 2 and all(size <= 4096 for size in sizes) and 'data-split="2"' in first_part
    assert 'class="chars over"' in first_part  # and it is over the 700 characters an answer may have


def test_template_code_runs_only_in_the_content_sandbox(console_client: Callable[..., TestClient]) -> None:
    editor = console_client("editor")
    for text in ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "{{ nama_tidak_ada }}", "{% if %}"):
        fields = with_values(form_fields(editor.get(KLJ).text), text=text)
        fragment = editor.post(f"{KLJ}/pratinjau", data=fields, headers=PREVIEW).text
        assert "Pratinjau belum bisa dibuat" in fragment and 'class="tg-message"' not in fragment, text
        assert "<class" not in fragment and "Traceback" not in fragment


def test_invisible_control_characters_pasted_into_a_field_are_dropped(
    console_app: Starlette, console_client: Callable[..., TestClient]
) -> None:
    editor = console_client("editor")
    fields = with_values(form_fields(editor.get(KLJ).text), text="Syarat\x0b baru\x00.\r\n")
    assert "Syarat baru." in editor.post(f"{KLJ}/pratinjau", data=fields, headers=PREVIEW).text
    assert editor.post(KLJ, data=fields, follow_redirects=False).status_code == 303
    press_publish(editor)
    assert published_text(console_app, "klj_syarat") == "Syarat baru.\n"


def test_the_preview_button_works_without_javascript(console_client: Callable[..., TestClient]) -> None:
    editor = console_client("editor")
    fields = with_values(form_fields(editor.get(KLJ).text), text="Teks baru untuk dicoba.\n")
    page = editor.post(f"{KLJ}/pratinjau", data=fields).text
    assert "<html" in page and 'id="entry-form"' in page
    assert page.count("Teks baru untuk dicoba.") == 2  # in the form and in the preview, nothing saved
    assert 'id="draft-notice"' not in page


def test_a_refused_save_says_why_next_to_the_field(
    console_app: Starlette, console_client: Callable[..., TestClient]
) -> None:
    editor = console_client("editor")
    response = save(editor, text="Syarat {{ nama_tidak_ada }}.\n", checked="28-11-2026x")
    assert response.status_code == 422 and "Belum disimpan" in response.text
    assert 'data-field="checked"' in response.text
    response = save(editor, text="Syarat {{ nama_tidak_ada }}.\n")
    assert response.status_code == 422 and 'class="error field-problem"' in response.text
    assert not any(action == "simpan_draf" for _, action, _ in audit_actions(console_app))


def test_discarding_a_draft_brings_back_the_published_answer_but_never_a_newer_draft(
    console_app: Starlette, console_client: Callable[..., TestClient]
) -> None:
    editor, other = console_client("editor"), console_client("editor", "budi")
    save(editor, text="Draf yang dibuang.\n")
    discard_form = form_fields(editor.get(KLJ).text, "discard-form")
    save(other, text="Draf Budi yang lebih baru.\n")
    kept = editor.post(f"{KLJ}/buang", data=with_values(discard_form), follow_redirects=True)
    assert 'id="discard-refused"' in kept.text and "budi" in kept.text  # budi's newer draft is not thrown away
    assert "Draf Budi yang lebih baru." in kept.text

    discard_form = form_fields(kept.text, "discard-form")
    response = editor.post(f"{KLJ}/buang", data=with_values(discard_form), follow_redirects=True)
    assert 'id="discarded-notice"' in response.text and "Draf Budi yang lebih baru." not in response.text
    discarded = [detail for _, action, detail in audit_actions(console_app) if action == "buang_draf"]
    assert len(discarded) == 1 and re.search(r"\n-\s+Draf Budi yang lebih baru\.", discarded[0])


def test_history_lists_each_published_change_and_kembalikan_brings_one_back(
    console_app: Starlette, console_client: Callable[..., TestClient]
) -> None:
    editor = console_client("editor")
    revisions = []
    for text in ("Versi pertama.\n", "Versi kedua.\n"):
        save(editor, text=text)
        done = press_publish(editor)
        revisions.append(done.headers["location"].rsplit("=", 1)[1])

    history = editor.get(f"{KLJ}/riwayat").text
    newest = history.split(f'id="revision-{revisions[1]}"')[1].split('class="card revision"')[0]
    assert re.search(r"<ins>\+\s+Versi kedua\.</ins>", newest) and re.search(r"<del>-\s+Versi pertama\.</del>", newest)
    assert f'id="revert-{revisions[0]}"' in history and f'id="revert-{revisions[1]}"' not in history

    response = editor.post(
        f"{KLJ}/kembalikan", data={"csrf_token": csrf(editor), "revision_id": revisions[0]}, follow_redirects=True
    )

    assert 'id="reverted-notice"' in response.text
    assert published_text(console_app, "klj_syarat") == "Versi pertama.\n"
    reverted = [detail for _, action, detail in audit_actions(console_app) if action == "kembalikan"]
    assert reverted and re.search(r"\n\+\s+Versi pertama\.", reverted[0])


def test_kembalikan_waits_for_a_pending_draft_of_the_entry(
    console_app: Starlette, console_client: Callable[..., TestClient]
) -> None:
    editor = console_client("editor", "rina")
    save(editor, text="Versi terbit.\n")
    first = press_publish(editor)
    save(editor, text="Versi kedua.\n")
    press_publish(editor)
    save(editor, text="Draf yang belum terbit.\n")

    revision = first.headers["location"].rsplit("=", 1)[1]
    response = editor.post(f"{KLJ}/kembalikan", data={"csrf_token": csrf(editor), "revision_id": revision})

    assert response.status_code == 409 and 'id="revert-refused"' in response.text and "rina" in response.text
    assert published_text(console_app, "klj_syarat") == "Versi kedua.\n"
    assert "Draf yang belum terbit." in editor.get(KLJ).text


def test_kembalikan_after_the_first_publish_brings_back_the_original_answer(
    console_app: Starlette, console_client: Callable[..., TestClient]
) -> None:
    original = published_text(console_app, "klj_syarat")
    editor = console_client("editor")
    save(editor, text="Teks yang salah terbit.\n")
    press_publish(editor)

    history = editor.get(f"{KLJ}/riwayat").text
    [button] = re.findall(r'<button type="submit" class="btn btn-danger revert" id="revert-(\d+)"', history)
    response = editor.post(
        f"{KLJ}/kembalikan", data={"csrf_token": csrf(editor), "revision_id": button}, follow_redirects=True
    )

    assert 'id="reverted-notice"' in response.text
    assert published_text(console_app, "klj_syarat") == original


def content_posts(client: TestClient, token: str) -> dict[str, dict[str, str]]:
    return {
        KLJ: {"csrf_token": token, "text": "Diubah analis.\n"},
        f"{KLJ}/pratinjau": {"csrf_token": token, "text": "x"},
        f"{KLJ}/buang": {"csrf_token": token},
        f"{KLJ}/kembalikan": {"csrf_token": token, "revision_id": "1"},
        "/konten/terbitkan": {"csrf_token": token},
    }


def test_an_analis_is_refused_every_change(console_app: Starlette, console_client: Callable[..., TestClient]) -> None:
    analis = console_client("analis")
    for path, data in content_posts(analis, csrf(analis)).items():
        response = analis.post(path, data=data)
        assert response.status_code == 403 and "Tidak diizinkan" in response.text, path
    assert audit_actions(console_app) == []


def test_a_change_without_the_csrf_token_is_refused(
    console_app: Starlette, console_client: Callable[..., TestClient]
) -> None:
    editor = console_client("editor")
    for path, data in content_posts(editor, "").items():
        response = editor.post(path, data={k: v for k, v in data.items() if k != "csrf_token"})
        assert response.status_code == 403 and "Permintaan ditolak" in response.text, path
    assert 'id="draft-notice"' not in editor.get(KLJ).text and audit_actions(console_app) == []


def test_an_unknown_entry_is_not_found(console_client: Callable[..., TestClient]) -> None:
    editor = console_client("editor")
    assert editor.get("/konten/jawaban/tidak_ada").status_code == 404
    assert editor.get("/konten/jawaban/..%2F..%2Fsecrets").status_code == 404
    response = editor.post("/konten/jawaban/tidak_ada", data={"csrf_token": csrf(editor), "text": "x"})
    assert response.status_code == 404
