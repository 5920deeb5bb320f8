"""The Telegram stand-in must fool the real python-telegram-bot, so every test drives it with PTB itself."""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import time
from collections.abc import AsyncIterator, Callable

import aiohttp
import pytest
import pytest_asyncio
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllPrivateChats,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Update,
)
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, InvalidToken, RetryAfter
from telegram.ext import Application, BaseHandler, CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler
from telegram.ext import filters as flt
from telegram.helpers import escape_markdown

from standin.server import TelegramStandIn

CHAT = 5005
KEYBOARD = InlineKeyboardMarkup([[InlineKeyboardButton("Ya", callback_data="ya")]])


@pytest_asyncio.fixture
async def standin() -> AsyncIterator[TelegramStandIn]:
    async with TelegramStandIn() as server:
        server.add_chat(CHAT)
        yield server


@pytest_asyncio.fixture
async def bot(standin: TelegramStandIn) -> AsyncIterator[Bot]:
    async with Bot(standin.token, base_url=standin.base_url) as client:
        yield client


@contextlib.asynccontextmanager
async def polling_app(standin: TelegramStandIn, *handlers: BaseHandler) -> AsyncIterator[Application]:
    """A real PTB Application, polling the stand-in exactly as it would poll Telegram."""
    app = Application.builder().token(standin.token).base_url(standin.base_url).build()
    app.add_handlers(list(handlers))
    await app.initialize()
    await app.updater.start_polling(poll_interval=0, timeout=1)
    await app.start()
    try:
        yield app
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()


async def eventually(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition never became true"
        await asyncio.sleep(0.01)


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.message.reply_text(update.message.text)


@pytest.mark.asyncio
async def test_get_me_describes_the_bot(bot: Bot, standin: TelegramStandIn) -> None:
    me = await bot.get_me()
    assert (me.id, me.is_bot, me.username, me.can_join_groups) == (123456789, True, "standin_bot", True)
    assert standin.calls[0] == ("getMe", {})


@pytest.mark.asyncio
async def test_polling_application_echoes_and_answers_commands(standin: TelegramStandIn) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.message.reply_text(f"mulai {context.args}")

    handlers = (CommandHandler("start", start), MessageHandler(flt.TEXT & ~flt.COMMAND, echo))
    async with polling_app(standin, *handlers):
        update = standin.send_text(1001, "halo warga")
        [reply] = await standin.wait_for_bot_messages(1001, timeout=5)
        standin.send_command(1001, "/start kode123")
        [started] = await standin.wait_for_bot_messages(1001, timeout=5)
    assert (reply.text, reply.raw_text, reply.chat_id) == ("halo warga", "halo warga", 1001)
    assert reply.message_id > update["message"]["message_id"]
    assert started.text == "mulai ['kode123']"
    assert standin.pending_updates == 0, "PTB confirms processed updates on shutdown"
    assert standin.errors == []


@pytest.mark.asyncio
async def test_get_updates_offset_confirms_and_limit_caps(bot: Bot, standin: TelegramStandIn) -> None:
    first, second = standin.send_text(CHAT, "a"), standin.send_text(CHAT, "b")
    assert [u.update_id for u in await bot.get_updates(timeout=0)] == [first["update_id"], second["update_id"]]
    assert len(await bot.get_updates(timeout=0)) == 2, "unconfirmed updates are delivered again"
    assert [u.message.text for u in await bot.get_updates(offset=second["update_id"], timeout=0)] == ["b"]
    assert await bot.get_updates(offset=second["update_id"] + 1, timeout=0) == ()
    assert standin.pending_updates == 0
    standin.send_text(CHAT, "c")
    standin.send_text(CHAT, "d")
    assert [u.message.text for u in await bot.get_updates(limit=1, timeout=0)] == ["c"]


@pytest.mark.asyncio
async def test_long_poll_waits_for_timeout_or_next_update(bot: Bot, standin: TelegramStandIn) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == ()
    assert time.monotonic() - started >= 0.9
    asyncio.get_running_loop().call_later(0.2, standin.send_text, CHAT, "baru")
    started = time.monotonic()
    [update] = await bot.get_updates(timeout=5)
    assert update.message.text == "baru"
    assert time.monotonic() - started < 2


@pytest.mark.asyncio
async def test_bot_message_listeners_see_each_sent_message_once(bot: Bot, standin: TelegramStandIn) -> None:
    heard: list[tuple[int, str]] = []
    standin.bot_message_listeners.append(lambda message: heard.append((message.chat_id, message.text)))
    await bot.send_message(CHAT, "satu")
    sent = await bot.send_message(CHAT, "dua")
    await bot.edit_message_text("dua diedit", chat_id=CHAT, message_id=sent.message_id)
    with pytest.raises(BadRequest):
        await bot.send_message(CHAT, "")
    assert heard == [(CHAT, "satu"), (CHAT, "dua")], "only new messages, not edits or rejected sends"


@pytest.mark.asyncio
async def test_length_is_counted_in_utf16_units(bot: Bot, standin: TelegramStandIn) -> None:
    await bot.send_message(CHAT, "a" * 4096)
    await bot.send_message(CHAT, "😀" * 2048)
    for too_long in ("a" * 4097, "😀" * 2049):
        with pytest.raises(BadRequest, match=r"(?i)message is too long"):
            await bot.send_message(CHAT, too_long)
    assert len(standin.messages(CHAT)) == 2
    assert standin.errors[-1]["description"] == "Bad Request: message is too long"


@pytest.mark.asyncio
async def test_text_is_trimmed_and_entities_shifted_like_telegram(bot: Bot, standin: TelegramStandIn) -> None:
    sent = await bot.send_message(CHAT, " \n  <b>Halo</b> warga \n", parse_mode=ParseMode.HTML)
    assert sent.text == "Halo warga"
    assert [(e.type, e.offset, e.length) for e in sent.entities] == [("bold", 0, 4)]
    assert standin.messages(CHAT)[0].raw_text == " \n  <b>Halo</b> warga \n"


@pytest.mark.asyncio
@pytest.mark.parametrize(("text", "parse_mode"), [("", None), ("  \n ", None), ("<b> </b>", ParseMode.HTML)])
async def test_empty_text_is_rejected(bot: Bot, text: str, parse_mode: str | None) -> None:
    with pytest.raises(BadRequest, match=r"(?i)message text is empty"):
        await bot.send_message(CHAT, text, parse_mode=parse_mode)


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "raw",
    ["<foo>x</foo>", "1 < 2", "Tom & Jerry", "<b>tebal", "<b><i>x</b></i>", "<span>x</span>", "x</b>"],
)
async def test_bad_html_is_rejected(bot: Bot, raw: str) -> None:
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await bot.send_message(CHAT, raw, parse_mode=ParseMode.HTML)


@pytest.mark.asyncio
async def test_escaped_html_is_recorded_as_the_resident_sees_it(bot: Bot, standin: TelegramStandIn) -> None:
    raw = f'<b>{html.escape("Tom & Jerry")}</b> {html.escape("<3")} <a href="https://jakarta.go.id">situs</a>'
    sent = await bot.send_message(CHAT, raw, parse_mode=ParseMode.HTML)
    assert sent.text == "Tom & Jerry <3 situs"
    assert [(e.type, e.offset, e.length) for e in sent.entities] == [("bold", 0, 11), ("text_link", 15, 5)]
    [recorded] = standin.messages(CHAT)
    assert (recorded.text, recorded.raw_text, recorded.parse_mode) == ("Tom & Jerry <3 situs", raw, "HTML")


@pytest.mark.asyncio
async def test_markdown_v2_requires_escaping(bot: Bot) -> None:
    for raw in ("Halo.", "1+1=2", "*tebal"):
        with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
            await bot.send_message(CHAT, raw, parse_mode=ParseMode.MARKDOWN_V2)
    escaped = await bot.send_message(CHAT, escape_markdown("Halo. (1+1=2)!", version=2), parse_mode="MarkdownV2")
    assert escaped.text == "Halo. (1+1=2)!"
    styled = await bot.send_message(CHAT, "*tebal* _miring_ `kode.`", parse_mode=ParseMode.MARKDOWN_V2)
    assert styled.text == "tebal miring kode."
    assert [e.type for e in styled.entities] == ["bold", "italic", "code"]


@pytest.mark.asyncio
async def test_inline_buttons_are_validated(bot: Bot, standin: TelegramStandIn) -> None:
    def markup(**fields: str) -> InlineKeyboardMarkup:
        return InlineKeyboardMarkup([[InlineKeyboardButton("Tombol", **fields)]])

    await bot.send_message(CHAT, "ok", reply_markup=markup(callback_data="x" * 64))
    with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
        await bot.send_message(CHAT, "65 bytes", reply_markup=markup(callback_data="x" * 65))
    with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):  # 33 characters but 66 UTF-8 bytes
        await bot.send_message(CHAT, "bytes", reply_markup=markup(callback_data="é" * 33))
    with pytest.raises(BadRequest):
        await bot.send_message(CHAT, "two actions", reply_markup=markup(callback_data="a", url="https://x.id"))
    with pytest.raises(BadRequest, match=r"(?i)text buttons are unallowed"):
        await bot.send_message(CHAT, "no action", reply_markup=markup())
    assert [m.text for m in standin.messages(CHAT)] == ["ok"]


@pytest.mark.asyncio
async def test_button_press_reaches_callback_handler(standin: TelegramStandIn) -> None:
    async def menu(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        buttons = [
            [InlineKeyboardButton("Ya", callback_data="ya"), InlineKeyboardButton("Situs", url="https://jakarta.go.id")]
        ]
        await update.message.reply_text("Pilih:", reply_markup=InlineKeyboardMarkup(buttons))

    async def chosen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        await query.answer("Oke")
        await query.edit_message_text(f"Dipilih: {query.data}")  # no reply_markup: Telegram drops the keyboard

    async with polling_app(standin, CommandHandler("start", menu), CallbackQueryHandler(chosen)):
        standin.send_command(2002, "/start")
        [shown] = await standin.wait_for_bot_messages(2002, timeout=5)
        assert shown.buttons == [[("Ya", "ya"), ("Situs", "https://jakarta.go.id")]]
        query_id = standin.press_button(2002, shown.message_id, "ya")
        await eventually(lambda: shown.edited)
    assert standin.answered_callbacks == [{"callback_query_id": query_id, "text": "Oke", "show_alert": False}]
    assert (shown.text, shown.buttons) == ("Dipilih: ya", [])
    with pytest.raises(ValueError, match="no button"):
        standin.press_button(2002, shown.message_id, "ya")
    assert standin.errors == []


@pytest.mark.asyncio
async def test_callback_query_can_be_answered_once(bot: Bot, standin: TelegramStandIn) -> None:
    sent = await bot.send_message(CHAT, "Pilih", reply_markup=KEYBOARD)
    query_id = standin.press_button(CHAT, sent.message_id, "ya")
    [update] = await bot.get_updates(timeout=0)
    assert (update.callback_query.id, update.callback_query.data) == (query_id, "ya")
    assert update.callback_query.message.message_id == sent.message_id
    assert await bot.answer_callback_query(query_id, text="Oke")
    for stale in (query_id, "123"):
        with pytest.raises(BadRequest, match=r"(?i)query is too old"):
            await bot.answer_callback_query(stale)


@pytest.mark.asyncio
async def test_buttons_that_are_gone_cannot_be_pressed(bot: Bot, standin: TelegramStandIn) -> None:
    sent = await bot.send_message(CHAT, "Pilih", reply_markup=KEYBOARD)
    with pytest.raises(ValueError, match="no button"):
        standin.press_button(CHAT, sent.message_id, "tidak")
    await bot.edit_message_reply_markup(CHAT, sent.message_id, reply_markup=None)
    with pytest.raises(ValueError, match="no button"):
        standin.press_button(CHAT, sent.message_id, "ya")
    again = await bot.send_message(CHAT, "Pilih lagi", reply_markup=KEYBOARD)
    await bot.delete_message(CHAT, again.message_id)
    with pytest.raises(ValueError, match="deleted"):
        standin.press_button(CHAT, again.message_id, "ya")
    assert [m.deleted for m in standin.messages(CHAT)] == [False, True]


@pytest.mark.asyncio
async def test_edit_and_delete_rules(bot: Bot, standin: TelegramStandIn) -> None:
    sent = await bot.send_message(CHAT, "Versi 1", reply_markup=KEYBOARD)
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text("Versi 1", CHAT, sent.message_id, reply_markup=KEYBOARD)
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("Versi 2", CHAT, sent.message_id + 50)
    edited = await bot.edit_message_text("<i>Versi 2</i>", CHAT, sent.message_id, parse_mode=ParseMode.HTML)
    assert edited.edit_date is not None
    [record] = standin.messages(CHAT)
    assert (record.text, record.raw_text, record.edited, record.reply_markup) == (
        "Versi 2",
        "<i>Versi 2</i>",
        True,
        None,
    )
    assert await bot.delete_message(CHAT, sent.message_id)
    with pytest.raises(BadRequest, match=r"(?i)message to delete not found"):
        await bot.delete_message(CHAT, sent.message_id)


@pytest.mark.asyncio
async def test_wrong_token_is_rejected(standin: TelegramStandIn) -> None:
    impostor = Bot("987654321:WRONG-token", base_url=standin.base_url)
    with pytest.raises(InvalidToken):
        await impostor.get_me()
    assert standin.errors[-1]["error_code"] == 401


@pytest.mark.asyncio
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")  # PTB's own retry_after access
async def test_flood_limit_surfaces_as_retry_after() -> None:
    async with TelegramStandIn(flood_limit_per_chat=3) as server, Bot(server.token, base_url=server.base_url) as bot:
        server.add_chat(CHAT)
        server.add_chat(-100200, "group")
        await bot.send_message(CHAT, "satu")
        with pytest.raises(RetryAfter, match="Retry in 3 seconds"):
            await bot.send_message(CHAT, "dua")
        assert server.errors[-1]["parameters"] == {"retry_after": 3}
        for text in ("grup satu", "grup dua"):  # the limit mimics Telegram's per-private-chat rate
            await bot.send_message(-100200, text)


@pytest.mark.asyncio
async def test_commands_and_descriptions_are_recorded(bot: Bot, standin: TelegramStandIn) -> None:
    commands = [BotCommand("start", "Mulai"), BotCommand("bantuan", "Bantuan")]
    assert await bot.set_my_commands(commands)
    await bot.set_my_commands(commands[:1], scope=BotCommandScopeAllPrivateChats(), language_code="id")
    assert standin.commands[("default", "")] == [
        {"command": "start", "description": "Mulai"},
        {"command": "bantuan", "description": "Bantuan"},
    ]
    assert standin.commands[("all_private_chats", "id")] == [{"command": "start", "description": "Mulai"}]
    assert [c.command for c in await bot.get_my_commands()] == ["start", "bantuan"]
    with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand("Start-Now", "x")])
    await bot.delete_my_commands()
    assert ("default", "") not in standin.commands
    await bot.set_my_description("Info bansos Jakarta")
    await bot.set_my_short_description("Tanya bansos")
    assert (standin.description, standin.short_description) == ("Info bansos Jakarta", "Tanya bansos")
    assert (await bot.get_my_description()).description == "Info bansos Jakarta"


@pytest.mark.asyncio
async def test_chat_must_exist_and_chat_actions_are_checked(bot: Bot, standin: TelegramStandIn) -> None:
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(31337, "halo")
    assert await bot.send_chat_action(CHAT, ChatAction.TYPING)
    with pytest.raises(BadRequest):
        await bot.send_chat_action(CHAT, "dancing")
    assert standin.chat_actions(CHAT) == ["typing"]


@pytest.mark.asyncio
async def test_wire_format_over_raw_http(standin: TelegramStandIn) -> None:
    base = f"{standin.base_url}{standin.token}"
    markup = {"inline_keyboard": [[{"text": "Ya", "callback_data": "ya"}]]}
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{base}/GETME") as response:  # method names are case-insensitive
            assert (response.status, (await response.json())["result"]["is_bot"]) == (200, True)
        async with http.post(
            f"{base}/sendMessage", json={"chat_id": CHAT, "text": "json", "reply_markup": markup}
        ) as r:
            assert (await r.json())["result"]["reply_markup"] == markup
        form = aiohttp.FormData({"chat_id": str(CHAT), "text": "multipart", "reply_markup": json.dumps(markup)})
        form.add_field("document", b"%PDF", filename="a.pdf")  # forces multipart/form-data
        async with http.post(f"{base}/sendMessage", data=form) as response:
            assert (await response.json())["result"]["text"] == "multipart"
        async with http.get(f"{base}/sendMessage?chat_id={CHAT}&text=%20") as response:
            assert response.status == 400
            assert await response.json() == {
                "ok": False,
                "error_code": 400,
                "description": "Bad Request: message text is empty",
            }
        async with http.post(f"{base}/noSuchMethod") as response:
            assert (response.status, await response.json()) == (
                404,
                {"ok": False, "error_code": 404, "description": "Not Found"},
            )
        async with http.post(f"{standin.base_url}1:nope/getMe") as response:
            assert (response.status, await response.json()) == (
                401,
                {"ok": False, "error_code": 401, "description": "Unauthorized"},
            )
    assert [m.text for m in standin.messages(CHAT)] == ["json", "multipart"]


@pytest.mark.asyncio
async def test_non_text_messages_reach_handlers(standin: TelegramStandIn) -> None:
    kinds = ("photo", "sticker", "voice", "location", "contact", "document")

    async def describe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.message
        kind = next(k for k in kinds if getattr(message, k))
        detail = f" {len(message.photo)} {message.photo[-1].width}" if message.photo else ""
        await message.reply_text(kind + detail)

    async with polling_app(standin, MessageHandler(~flt.TEXT, describe)):
        standin.send_photo(3003)
        for kind in kinds[1:]:
            standin.send_non_text(3003, kind)
        replies = await standin.wait_for_bot_messages(3003, count=len(kinds), timeout=5)
    assert [m.text for m in replies] == ["photo 3 1280", *kinds[1:]]
    assert standin.errors == []


@pytest.mark.asyncio
async def test_wait_for_bot_messages_keeps_a_cursor_and_explains_timeouts(bot: Bot, standin: TelegramStandIn) -> None:
    await bot.send_message(CHAT, "satu")
    await bot.send_message(CHAT, "dua")
    assert [m.text for m in await standin.wait_for_bot_messages(CHAT, count=2, timeout=1)] == ["satu", "dua"]
    with pytest.raises(TimeoutError, match=r"got 0"):
        await standin.wait_for_bot_messages(CHAT, timeout=0.2)
    await bot.send_message(CHAT, "tiga")
    with pytest.raises(asyncio.TimeoutError, match=r"got 1: \['tiga'\]"):
        await standin.wait_for_bot_messages(CHAT, count=2, timeout=0.2)


@pytest.mark.asyncio
async def test_resident_reply_and_dropped_updates(bot: Bot, standin: TelegramStandIn) -> None:
    sent = await bot.send_message(CHAT, "Siapa nama Anda?")
    standin.send_text(CHAT, "Budi", reply_to_bot=True)
    standin.send_text(-100300, "halo grup", chat_type="group", user_id=77, first_name="Sari")
    reply, group = await bot.get_updates(timeout=0)
    assert reply.message.reply_to_message.message_id == sent.message_id
    assert (group.message.chat.type, group.message.chat.title, group.message.from_user.id) == (
        "group",
        "Grup -100300",
        77,
    )
    await bot.delete_webhook(drop_pending_updates=True)
    assert standin.pending_updates == 0
