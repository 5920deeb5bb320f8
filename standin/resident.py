"""The resident's side of the Telegram stand-in: what tests and the terminal chat drive.

These methods act as the person in the chat (send text, commands and media, press inline
buttons) by queueing the Updates Telegram would deliver, and read back what the bot did. Kept
out of ``server`` so the server side there stays small, and so this file reads as the
complete, Telegram-faithful repertoire a resident has: a button can only be pressed while it is
on screen, a reply needs a live bot message to reply to.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from standin.state import BotMessage, StandInState
from standin.text import utf16_len
from standin.wire import media_payload, user_object

DEFAULT_GROUP_USER_ID = 700_000_001  # sender of group messages when the test names nobody


class ResidentDriver(StandInState):
    """Mixin that plays the resident against the shared chat state. Call it from the server's loop."""

    def add_chat(
        self, chat_id: int, chat_type: str = "private", *, first_name: str = "Warga", title: str | None = None
    ) -> dict[str, Any]:
        """Make a chat known (as if the resident had opened it); returns the Chat object."""
        if chat_id not in self._chats:
            chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
            chat |= {"first_name": first_name} if chat_type == "private" else {"title": title or f"Grup {chat_id}"}
            self._chats[chat_id] = chat
        return self._chats[chat_id]

    def send_text(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        chat_type: str = "private",
        first_name: str = "Warga",
        reply_to_bot: bool = False,
        entities: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """Queue a text message from a resident; returns the queued Update."""
        message = self._user_message(chat_id, user_id, chat_type, first_name, reply_to_bot)
        message["text"] = text
        if entities:
            message["entities"] = entities
        return self._queue("message", message)

    def send_command(self, chat_id: int, command: str, **kwargs: Any) -> dict[str, Any]:
        """Queue ``/command [args]`` with the bot_command entity Telegram attaches."""
        text = command if command.startswith("/") else f"/{command}"
        entity = {"type": "bot_command", "offset": 0, "length": utf16_len(text.split()[0])}
        return self.send_text(chat_id, text, entities=[entity], **kwargs)

    def send_non_text(
        self,
        chat_id: int,
        kind: str,
        *,
        caption: str | None = None,
        user_id: int | None = None,
        chat_type: str = "private",
        first_name: str = "Warga",
    ) -> dict[str, Any]:
        """Queue a photo/sticker/voice/location/contact/document/video/audio message."""
        message = self._user_message(chat_id, user_id, chat_type, first_name, reply_to_bot=False)
        message |= media_payload(kind, message["message_id"])
        if caption:
            message["caption"] = caption
        return self._queue("message", message)

    def send_photo(self, chat_id: int, **kwargs: Any) -> dict[str, Any]:
        return self.send_non_text(chat_id, "photo", **kwargs)

    def send_sticker(self, chat_id: int, **kwargs: Any) -> dict[str, Any]:
        return self.send_non_text(chat_id, "sticker", **kwargs)

    def send_voice(self, chat_id: int, **kwargs: Any) -> dict[str, Any]:
        return self.send_non_text(chat_id, "voice", **kwargs)

    def send_location(self, chat_id: int, **kwargs: Any) -> dict[str, Any]:
        return self.send_non_text(chat_id, "location", **kwargs)

    def send_contact(self, chat_id: int, **kwargs: Any) -> dict[str, Any]:
        return self.send_non_text(chat_id, "contact", **kwargs)

    def send_document(self, chat_id: int, **kwargs: Any) -> dict[str, Any]:
        return self.send_non_text(chat_id, "document", **kwargs)

    def press_button(self, chat_id: int, message_id: int, callback_data: str, user_id: int | None = None) -> str:
        """Queue a callback_query for a button that is on screen now; returns the query id."""
        message = self._bot_messages.get(chat_id, {}).get(message_id)
        if message is None or message.deleted:
            raise ValueError(f"chat {chat_id} shows no bot message {message_id} (never sent or deleted)")
        if callback_data not in {data for row in message.buttons for _, data in row}:
            raise ValueError(
                f"message {message_id} in chat {chat_id} shows no button with callback_data {callback_data!r}; "
                f"buttons now: {message.buttons}"
            )
        sender = self._sender(chat_id, user_id, "Warga")
        query_id = str(next(self._query_ids))
        self._open_queries.add(query_id)
        query = {
            "id": query_id,
            "from": sender,
            "message": self._message_object(message),
            "chat_instance": str(-(abs(chat_id) * 1000 + 7)),
            "data": callback_data,
        }
        self._queue("callback_query", query)
        return query_id

    async def wait_for_bot_messages(self, chat_id: int, count: int = 1, timeout: float = 30.0) -> list[BotMessage]:
        """Wait for ``count`` messages the bot sent to this chat since the previous call; returns all new ones."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            fresh = self.messages(chat_id)[self._read_cursor.get(chat_id, 0) :]
            if len(fresh) >= count:
                self._read_cursor[chat_id] = self._read_cursor.get(chat_id, 0) + len(fresh)
                return fresh
            if not await self._wait_change(deadline):
                raise TimeoutError(
                    f"waited {timeout}s for {count} new bot message(s) in chat {chat_id}, got {len(fresh)}: "
                    f"{[m.text for m in fresh]!r}; pending updates: {len(self._updates)}; "
                    f"last API errors: {[(e['method'], e['description']) for e in self.errors[-3:]]}"
                )

    # ----------------------------------------------------------------- introspection
    def messages(self, chat_id: int) -> list[BotMessage]:
        """Every message the bot sent to the chat, in order, in its current (edited/deleted) state."""
        return list(self._bot_messages.get(chat_id, {}).values())

    def chat_actions(self, chat_id: int) -> list[str]:
        """Chat actions (typing...) the bot sent to the chat, in order."""
        return list(self._actions.get(chat_id, []))

    def new_messages(self, chat_id: int) -> list[BotMessage]:
        """Messages sent to the chat since the last read, without waiting (moves the read cursor)."""
        fresh = self.messages(chat_id)[self._read_cursor.get(chat_id, 0) :]
        self._read_cursor[chat_id] = self._read_cursor.get(chat_id, 0) + len(fresh)
        return fresh

    # ----------------------------------------------------------------- driver helpers
    def _sender(self, chat_id: int, user_id: int | None, first_name: str) -> dict[str, Any]:
        """The User behind a message: in a private chat its id equals the chat id, as in Telegram."""
        private = self._chats[chat_id]["type"] == "private"
        uid = user_id if user_id is not None else chat_id if private else DEFAULT_GROUP_USER_ID
        return self._users.setdefault(uid, user_object(uid, first_name))

    def _user_message(
        self, chat_id: int, user_id: int | None, chat_type: str, first_name: str, reply_to_bot: bool
    ) -> dict[str, Any]:
        """Record a resident message (sharing the chat's id sequence) so the bot can reply to it later."""
        chat = self.add_chat(chat_id, chat_type, first_name=first_name)
        message_id = self._next_message_id(chat_id)
        message = {
            "message_id": message_id,
            "from": self._sender(chat_id, user_id, first_name),
            "chat": chat,
            "date": int(time.time()),
        }
        if reply_to_bot:
            live = [m for m in self.messages(chat_id) if not m.deleted]
            if not live:
                raise ValueError(f"chat {chat_id} has no bot message to reply to")
            message["reply_to_message"] = self._message_dict(chat_id, live[-1].message_id)
        self._user_messages.setdefault(chat_id, {})[message_id] = message
        return message

    def _queue(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        """Append an Update for getUpdates and wake any long poll waiting for one."""
        update = {"update_id": next(self._update_ids), kind: payload}
        self._updates.append(update)
        self.last_update = update
        self._notify()
        return update
