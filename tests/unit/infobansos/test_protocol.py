"""The names in `infobansos.protocol` are the ones Rasa knows: a typo there would be ignored silently."""

from __future__ import annotations

import json

import yaml

from infobansos import protocol
from infobansos.settings import PROJECT_ROOT

DOMAIN = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))


def test_intents_are_the_domains() -> None:
    assert set(DOMAIN["intents"]) == protocol.INTENTS


def test_entities_slots_actions_and_forms_are_the_domains() -> None:
    assert set(DOMAIN["entities"]) == protocol.ENTITIES
    assert set(DOMAIN["slots"]) == protocol.SLOTS
    assert set(DOMAIN["actions"]) == protocol.ACTIONS
    assert set(DOMAIN["forms"]) == protocol.FORMS
    assert DOMAIN["forms"][protocol.STATUS_FORM]["required_slots"] == [
        protocol.STATUS_NIK_SLOT,
        protocol.STATUS_KK_SLOT,
    ]
    assert DOMAIN["forms"][protocol.ELIGIBILITY_FORM]["required_slots"] == list(protocol.ELIGIBILITY_SLOTS)


def test_groups_hold_only_known_intents() -> None:
    for group in (protocol.PROGRAM_QUESTIONS, protocol.SMALL_TALK, protocol.STATUS_CHECK):
        assert set(group) <= protocol.INTENTS
    assert protocol.FALLBACK not in protocol.INTENTS  # Rasa's own; domain.yml must not list it


def test_a_payload_is_what_rasa_parses() -> None:
    assert protocol.payload(protocol.GREET) == "/greet"
    text = protocol.payload(protocol.ASK_REQUIREMENTS, "klj")
    intent, entities = text[1:].split("{", 1)
    assert intent == "tanya_syarat"
    assert json.loads("{" + entities) == {"program": "klj"}


def test_the_selengkapnya_payload_names_the_program_and_the_part() -> None:
    text = protocol.payload(protocol.ASK_REQUIREMENTS, "klj", protocol.PART_MORE)
    assert text == '/tanya_syarat{"program": "klj", "bagian": "lengkap"}'
    assert protocol.payload_entities(text) == {"program": "klj", "bagian": "lengkap"}
    assert protocol.payload(protocol.ASK_REGISTRY, part=protocol.PART_MORE) == '/tanya_dtks{"bagian": "lengkap"}'
    assert protocol.payload_program(protocol.payload(protocol.ASK_REGISTRY, part=protocol.PART_MORE)) is None
