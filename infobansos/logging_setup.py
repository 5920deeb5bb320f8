"""Logging for the processes we own (bot, action server): nothing a resident typed reaches a log.

Two guards, because either alone has a gap:
- the libraries that log whole updates or request URLs at DEBUG (python-telegram-bot logs every
  update with the resident's text; httpx logs URLs, which hold the bot token) are pinned at INFO
  or WARNING even when LOG_LEVEL=DEBUG;
- every handler gets `RedactingFilter`, which runs `redact_personal_data` over the formatted
  message and any traceback, so a NIK, phone number or e-mail in some other log line becomes a
  placeholder. A record factory applies the same redaction to records that reach handlers added
  later (Sanic adds its own when the action server starts).
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from infobansos.privacy.redaction import redact_personal_data

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# The lowest level each library may log at, whatever LOG_LEVEL says.
PINNED_LOGGERS = {
    "telegram": logging.INFO,  # DEBUG: every update and every API call's parameters, text included
    "telegram.ext": logging.INFO,
    "httpx": logging.WARNING,  # INFO: each request's URL, which holds the bot token
    "httpcore": logging.WARNING,  # DEBUG: request and response bodies
}
_REDACTED = "_infobansos_redacted"


def redact_record(record: logging.LogRecord) -> None:
    """Replace the record's message, arguments and traceback by their redacted, formatted text."""
    if getattr(record, _REDACTED, False):
        return
    try:
        message = record.getMessage()
    except (TypeError, ValueError):  # a broken format string: keep what can be shown
        message = f"{record.msg} {record.args!r}"
    record.msg = redact_personal_data(message)
    record.args = None
    if record.exc_info and not record.exc_text:
        record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
    if record.exc_text:
        record.exc_text = redact_personal_data(record.exc_text)
    if record.stack_info:
        record.stack_info = redact_personal_data(record.stack_info)
    setattr(record, _REDACTED, True)


class RedactingFilter(logging.Filter):
    """A handler filter that lets every record through, redacted."""

    def filter(self, record: logging.LogRecord) -> bool:
        redact_record(record)
        return True


def protect_handlers() -> None:
    """Give every handler of every logger that exists now a `RedactingFilter` (once)."""
    loggers = [logging.getLogger()] + [
        item for item in logging.Logger.manager.loggerDict.values() if isinstance(item, logging.Logger)
    ]
    for logger in loggers:
        for handler in logger.handlers:
            if not any(isinstance(f, RedactingFilter) for f in handler.filters):
                handler.addFilter(RedactingFilter())


def install_record_redaction() -> None:
    """Redact every record when it is made, for handlers added after `protect_handlers` ran."""
    factory: Callable[..., logging.LogRecord] = logging.getLogRecordFactory()
    if getattr(factory, _REDACTED, False):
        return

    def redacting_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = factory(*args, **kwargs)
        redact_record(record)
        return record

    setattr(redacting_factory, _REDACTED, True)
    logging.setLogRecordFactory(redacting_factory)


def pin_library_loggers() -> None:
    """Keep the chatty libraries at their pinned level or above, even when LOG_LEVEL=DEBUG."""
    for name, lowest in PINNED_LOGGERS.items():
        logger = logging.getLogger(name)
        logger.setLevel(max(lowest, logger.getEffectiveLevel()))


def protect_process_logging() -> None:
    """Pins, handler filters and record redaction for a process whose logging is already set up."""
    pin_library_loggers()
    protect_handlers()
    install_record_redaction()


def configure_logging(level: str) -> None:
    """The bot's logging: LOG_LEVEL on standard error (the supervisor's log file), protected."""
    logging.basicConfig(level=level, format=LOG_FORMAT)
    logging.getLogger().setLevel(level)  # also when a handler was already there (basicConfig then does nothing)
    protect_process_logging()
