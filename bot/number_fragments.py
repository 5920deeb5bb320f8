"""A NIK typed across two messages: the first message's trailing digits, held briefly in memory.

"nik saya 3175 0912" then "3456 0012" are one number. The first message already went to Rasa
with its trailing fragment hidden (a 5+ digit number ending a message is hidden like a whole
one unless it reads as a date or amount); the fragment's digits stay here, in memory only and
for a minute, so the second message's number is joined to it and hidden as a whole instead of
reaching Rasa as an 8-digit "short" number.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable

from infobansos.privacy.identity_numbers import ID_DIGITS
from infobansos.privacy.number_shapes import (
    MIN_RUN_DIGITS,
    TrailingFragment,
    leading_digit_count,
    trailing_fragment,
)

HOLD_SECONDS = 60.0
CAPACITY = 10_000  # chats with a held fragment; the least recently used is forgotten first


class NumberFragments:
    """Per chat (pseudonym): the digits that ended its last message, if they may go on."""

    def __init__(
        self, hold_seconds: float = HOLD_SECONDS, capacity: int = CAPACITY, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.hold_seconds = hold_seconds
        self.capacity = capacity
        self.clock = clock
        self._held: OrderedDict[str, tuple[TrailingFragment, float]] = OrderedDict()

    def join(self, sender: str, text: str) -> str:
        """`text` with the held fragment put in front when this message's opening number completes
        it (together 10 to 16 digits); otherwise `text` as it is. The fragment is used up either way."""
        held = self._held.pop(sender, None)
        if held is None or self.clock() - held[1] > self.hold_seconds:
            return text
        fragment, leading = held[0], leading_digit_count(text)
        total = len(fragment.digits) + leading
        # A resident retyping a whole NIK after a short one must not get the two glued together.
        # A date or amount followed by a number is usually just that; only a whole NIK/KK joins it.
        shortest = ID_DIGITS if fragment.shown else MIN_RUN_DIGITS
        if not leading or not shortest <= total <= ID_DIGITS:
            return text
        return f"{fragment.digits} {text.lstrip()}"

    def remember(self, sender: str, text: str) -> None:
        """Hold the digits ending `text` (already joined) if they may be the start of a number."""
        fragment = trailing_fragment(text)
        self._held.pop(sender, None)
        if fragment is None:
            return
        self._held[sender] = (fragment, self.clock())
        while len(self._held) > self.capacity:
            self._held.popitem(last=False)
