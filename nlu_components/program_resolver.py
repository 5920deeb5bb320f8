"""Rasa component: after EntitySynonymMapper, turn every `program` entity into a canonical key."""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES
from rasa.shared.nlu.training_data.message import Message

from nlu_components.program_names import load_keywords, resolve_program

PROGRAM_ENTITY = "program"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class ProgramResolver(GraphComponent):
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
            for entity in message.get(ENTITIES, []):
                if entity.get("entity") == PROGRAM_ENTITY:
                    key = resolve_program(entity.get("value", ""), self._known)
                    if key is None:
                        continue
                    entity = {**entity, "value": key}
                resolved.append(entity)
            message.set(ENTITIES, resolved, add_to_output=True)
        return messages
