"""A WhitespaceTokenizer that normalises Indonesian slang in each token, keeping the offsets.

Normalising tokens rather than the raw text keeps entity character offsets valid, so
annotated examples such as "[kjp+](program)" still line up after "gw" became "saya".
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message

from nlu_components.normalizer import load_slang, normalise_token


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class SlangNormalizingTokenizer(WhitespaceTokenizer):
    """Whitespace tokens whose text and lemma are the normal form of what the resident typed."""

    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__(config)
        self._slang = load_slang()

    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        tokens = super().tokenize(message, attribute)
        for token in tokens:
            normal = normalise_token(token.text, self._slang)
            token.text = normal
            token.lemma = normal
        return tokens
