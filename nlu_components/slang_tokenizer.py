"""A WhitespaceTokenizer that normalises Indonesian slang in each token, keeping the offsets,
and keeps only the words that carry the question (`question_focus`).

Normalising tokens rather than the raw text keeps entity character offsets valid, so
annotated examples such as "[kjp+](program)" still line up after "gw" became "saya". Dropping
tokens (politeness around a question, the story around it) keeps the offsets of the rest; an
annotated entity in training data is never dropped.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu_components.fingerprint import PackageFingerprinted
from nlu_components.normalizer import load_slang, normalise_token
from nlu_components.question_focus import focus


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class SlangNormalizingTokenizer(PackageFingerprinted, WhitespaceTokenizer):
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
        if attribute != TEXT or not tokens:
            return tokens
        annotated = [(e["start"], e["end"]) for e in message.get(ENTITIES) or [] if "start" in e]
        protected = {
            i for i, t in enumerate(tokens) if any(t.start < end and start < t.end for start, end in annotated)
        }
        text = message.get(TEXT) or ""
        keep = focus(text, [t.text for t in tokens], [t.start for t in tokens], protected)
        return [tokens[i] for i in keep]
