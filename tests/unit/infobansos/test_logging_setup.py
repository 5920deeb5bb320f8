"""The processes' logs: no resident's NIK, phone or e-mail, and no library chatter at DEBUG."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from infobansos import logging_setup
from infobansos.logging_setup import PINNED_LOGGERS, RedactingFilter, configure_logging, protect_handlers

NIK = "3175091507800021"
PHONE = "081398765432"
EMAIL = "budi.santoso77@contoh.id"


@pytest.fixture
def clean_logging() -> Iterator[io.StringIO]:
    """A root handler writing to a string; the test's changes to logging are undone afterwards."""
    root = logging.getLogger()
    saved_handlers, saved_level = root.handlers[:], root.level
    saved_levels = {name: logging.getLogger(name).level for name in PINNED_LOGGERS}
    saved_factory = logging.getLogRecordFactory()
    stream = io.StringIO()
    root.handlers = [logging.StreamHandler(stream)]
    yield stream
    root.handlers, root.level = saved_handlers, saved_level
    for name, level in saved_levels.items():
        logging.getLogger(name).setLevel(level)
    logging.setLogRecordFactory(saved_factory)


def test_the_filter_redacts_the_formatted_message_its_arguments_and_tracebacks() -> None:
    record = logging.LogRecord("bot", logging.INFO, __file__, 1, "pesan %s dari %s", (f"nik {NIK}", EMAIL), None)
    try:
        raise ValueError(f"nomor {PHONE}")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    assert RedactingFilter().filter(record) is True, "nothing is dropped, only redacted"
    shown = logging.Formatter("%(message)s").format(record)
    assert "pesan nik [NIK] dari [EMAIL]" in shown and "nomor [TELEPON]" in shown
    assert NIK not in shown and PHONE not in shown and EMAIL not in shown


def test_every_existing_handler_gets_the_filter(clean_logging: io.StringIO) -> None:
    other = logging.getLogger("sanic.root.test")
    handler = logging.StreamHandler(io.StringIO())
    other.addHandler(handler)
    try:
        protect_handlers()
        protect_handlers()  # idempotent
        assert [type(f) for f in handler.filters] == [RedactingFilter]
        assert [type(f) for f in logging.getLogger().handlers[0].filters] == [RedactingFilter]
    finally:
        other.removeHandler(handler)


def test_a_debug_bot_logs_neither_personal_data_nor_library_internals(clean_logging: io.StringIO) -> None:
    configure_logging("DEBUG")
    logging.getLogger("bot.handlers").debug("pesan warga: %s; %s; %s", NIK, PHONE, EMAIL)
    logging.getLogger("telegram.ext.Updater").debug("update: cek nik %s", NIK)
    logging.getLogger("httpx").info("HTTP Request: POST https://api.telegram.org/bot123:SECRET/getUpdates")
    logging.getLogger("httpcore.http11").debug("receive_response_body %s", EMAIL)
    # A handler added later (as Sanic does in the action server) is covered by the record factory.
    late = io.StringIO()
    logging.getLogger("sanic.late").addHandler(logging.StreamHandler(late))
    logging.getLogger("sanic.late").warning("gagal untuk %s", EMAIL)
    log = clean_logging.getvalue() + late.getvalue()
    assert "pesan warga: [NIK]; [TELEPON]; [EMAIL]" in log
    assert "gagal untuk [EMAIL]" in log
    for secret in (NIK, PHONE, EMAIL, "SECRET", "update: cek nik"):
        assert secret not in log, secret


@pytest.mark.parametrize(("level", "telegram", "httpx"), [("DEBUG", "INFO", "WARNING"), ("ERROR", "ERROR", "ERROR")])
def test_library_loggers_are_pinned_at_info_or_above(
    clean_logging: io.StringIO, level: str, telegram: str, httpx: str
) -> None:
    configure_logging(level)
    levels = {name: logging.getLevelName(logging.getLogger(name).getEffectiveLevel()) for name in PINNED_LOGGERS}
    assert levels == {"telegram": telegram, "telegram.ext": telegram, "httpx": httpx, "httpcore": httpx}


def test_record_redaction_is_installed_once(clean_logging: io.StringIO) -> None:
    logging_setup.install_record_redaction()
    factory = logging.getLogRecordFactory()
    logging_setup.install_record_redaction()
    assert logging.getLogRecordFactory() is factory
