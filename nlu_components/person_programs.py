"""Which program fits the person a resident describes, when no program is named.

Residents often describe the person instead of naming the program: "anak saya umur 4 tahun"
(KAJ), "adik saya tunarungu" (KPDJ), "adek gw masih SMA" (KJP Plus). The rules are data
(`person_programs.yml`), so outreach staff can extend them like the program keywords. When the
description fits several programs, none is chosen and the bot asks which one. Pure Python, so
the unit tests run it without Rasa.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from nlu_components.program_names import alternation, not_meant, whole_words

RULES_FILE = Path(__file__).with_name("person_programs.yml")
_PERSON = (
    "ibu|bapak|bapa|ayah|ibuk|mama|mamah|mak|emak|papa|abah|anak|anakku|adik|adek|kakak|nenek|kakek|mbah|"
    "mertua|cucu|cucuku|suami|istri|ortu|beliau|ponakan|keponakan|bayi|balita|putra|putri|mother|father|son|daughter|"
    "nyokap|bokap|enyak|babe|engkong|emak|oma|opa|eyang|simbah|bude|pakde|tante|paman|bibi|ipar|adk|ank|bocil|bocah|"
    "grandson|granddaughter|grandchild|grandkid|kid|child|brother|sister|husband|wife|mom|mum|dad|grandma|grandpa"
)
# Someone other than the writer ("anak saya", "beliau", "her"): a question about them needs the
# description the story gave of them.
_SOMEONE = re.compile(rf"\b(?:{_PERSON}|dia|beliau|her|him|he|she)(?:nya)?\b")
# "baru 2 tahun di Jakarta", "baru 3 tahun nggak dapat": how long, not how old
_NOT_A_DURATION = (
    r"(?!\s+(?:lalu|yang lalu|yg lalu|kemarin|di|tinggal|kerja|bekerja|menikah|nikah|pindah|dapat|dapet|terima|"
    r"menerima|ga|gak|nggak|tidak|belum|ini|ngontrak|jadi))"
)
# An age needs its cue word ("umur 4 tahun", "usianya udah 66", "4 years old"): a bare "2 tahun"
# is as often "sudah 2 tahun tidak cair" as an age.
_AGE = re.compile(
    r"\b(?:umur|usia|umurnya|usianya|berumur|berusia|umure|umua)\s+(?:sudah\s+|udah\s+|baru\s+|masih\s+|sekitar\s+)?"
    r"(\d{1,3})\b(?!\s*(?:bulan|bln|months?)\b)|\b(\d{1,3})\s*(?:years?\s+old|yrs?\s+old|yo\b|y\.o\.?)"
    # or "her grandson is 5", "my dad is 67", "he's 4", "just turned 3": English puts the age after the verb
    rf"|\b(?:{_PERSON}|he|she)(?:\s+is|'s|’s)\s+(?:only\s+|now\s+|almost\s+)?(\d{{1,3}})\b(?!\s*(?:%|percent|k\b|months?\b))"
    r"|\bturned\s+(\d{1,3})\b"
    # or "cucu ibu yang kecil baru 3 taun": a few words after the person, "baru" or "masih" and years
    rf"|\b(?:{_PERSON})(?:nya)?(?:\s+\w+){{0,3}}?\s+(?:baru|masih)\s+(\d{{1,2}})\s*(?:tahun|thn|th|taun)\b{_NOT_A_DURATION}"
    # or straight after the person: "ibu saya 66 tahun", "anak gw 4thn", "nenek 70 th"
    rf"|\b(?:{_PERSON})(?:nya)?(?:\s+(?:saya|sy|gw|gue|gua|aku|ku|kami|aye|ane))?(?:\s+(?:baru|udah|sudah|masih))?\s+(\d{{1,3}})\s*(?:tahun|thn|th|taun)\b"
    # or "yang masih 2 taun", "yg 2 thn td": "masih" or "yang" makes it an age, unlike "sudah 2
    # tahun tidak cair" ("yang 2 tahun lalu" is a time)
    r"|\b(?:masih|yang|yg)\s+(\d{1,2})\s*(?:tahun|thn|th|taun)\b(?!\s+(?:lalu|yang lalu|yg lalu|kemarin))"
    # or "udah 65", "udh 62 thn": nobody waits 50+ years for a payment, so from 50 on it is an age
    r"|\b(?:sudah|udah|udh|dah)\s+([5-9]\d|1[01]\d)(?:\s*(?:tahun|thn|th|taun)|(?!\s*(?:rb|ribu|jt|juta|%|persen|hari|bulan|kali|orang|x)\b))\b"
)

# A baby's age in months ("anak saya umur 16 bulan", "bayi saya 8 bulan"): under a year or two.
_AGE_MONTHS = re.compile(
    r"\b(?:umur|usia|umurnya|usianya|berumur|berusia)\s+(?:baru\s+)?(\d{1,2})\s*(?:bulan|bln)\b"
    rf"|\b(?:{_PERSON})(?:nya)?(?:\s+(?:saya|sy|gw|gue|aku|ku))?(?:\s+(?:baru|masih))?\s+(\d{{1,2}})\s*(?:bulan|bln)\b"
)
MONTHS_PER_YEAR = 12


@dataclass(frozen=True)
class PersonRules:
    ages: tuple[tuple[int, int, str], ...]
    words: tuple[tuple[str, re.Pattern[str]], ...]
    passed: re.Pattern[str]  # "lulus SMA": a school level already left behind
    not_cues: tuple[str, ...]  # "buta huruf": a cue word that describes no one's condition
    registry: re.Pattern[str]  # "masih terdaftar atau nggak": a question about the household's data
    registry_names: re.Pattern[str]  # "DTSEN", "DTKS", "desil saya": the household's data by its name


@lru_cache(maxsize=4)
def load_rules(path: Path = RULES_FILE) -> PersonRules:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    ages = tuple((int(a["from"]), int(a["to"]), str(a["program"])) for a in data.get("ages") or [])
    words = tuple(
        # "neneknya", "kakeknya": the word with its -nya still names the person
        (program, whole_words(terms))
        for program, terms in (data.get("words") or {}).items()
    )
    return PersonRules(
        ages,
        words,
        re.compile(rf"\b(?:{alternation(data.get('sudah_lewat') or [])})\s+(?:dari\s+)?$"),
        tuple(str(phrase).lower() for phrase in data.get("bukan_ciri") or []),
        re.compile(rf"\b(?:{alternation(data.get('tentang_data_keluarga') or [])})\b"),
        whole_words(data.get("nama_data_keluarga") or []),
    )


def program_cues(text: str, rules: PersonRules | None = None) -> dict[str, tuple[int, int]]:
    """Every program the described person fits, with the span of its first cue in the text."""
    rules = rules or load_rules()
    lowered = text.lower()
    found: dict[str, tuple[int, int]] = {}
    for program, pattern in rules.words:
        # "besarnya sama kaya KLJ ga?", "bantuan lain selain bpjs": not the person asked about
        if match := next((m for m in pattern.finditer(lowered) if not skipped(lowered, m.start(), rules)), None):
            found.setdefault(program, match.span())
    ages = [(_stated_number(m), m.span()) for m in _AGE.finditer(lowered)]
    ages += [(_stated_number(m) // MONTHS_PER_YEAR, m.span()) for m in _AGE_MONTHS.finditer(lowered)]
    # A stated age rules out the words that only stand for another age: "saya neneknya, cucu saya
    # umur 2 tahun" is not about a pensioner, and "9 tahun autis, belum sekolah" not about a toddler.
    found = {program: span for program, span in found.items() if fits_an_age(program, ages, rules)}
    if found:
        # A named condition, school level or role says more than an age: "down syndrome, umur 7" is
        # about disability, not only school age. Ages decide only when nothing else is said.
        return found
    for age, span in ages:
        for low, high, program in rules.ages:
            if low <= age <= high:
                found.setdefault(program, span)
    return found


def _stated_number(match: re.Match[str]) -> int:
    """The number an age pattern caught (each alternative has its own group)."""
    return int(next(group for group in match.groups() if group))


def skipped(text: str, start: int, rules: PersonRules) -> bool:
    """A cue that is not about the person asked for: negated, compared with, or already left behind."""
    return (
        not_meant(text, start)
        or text.startswith(rules.not_cues, start)
        or rules.passed.search(text[max(0, start - 30) : start]) is not None
    )


def fits_an_age(program: str, ages: list[tuple[int, tuple[int, int]]], rules: PersonRules) -> bool:
    """Whether the program suits one of the stated ages (always, for a program with no age band)."""
    bands = [(low, high) for low, high, banded in rules.ages if banded == program]
    return not ages or not bands or any(low <= age <= high for age, _ in ages for low, high in bands)


def programs_for_person(text: str, rules: PersonRules | None = None) -> set[str]:
    """Every program the described person fits (empty when the message describes nobody)."""
    return set(program_cues(text, rules))


def program_for_person(text: str, rules: PersonRules | None = None) -> tuple[str, int, int] | None:
    """The one program the description fits and where it is said, or None when it fits none or several."""
    found = program_cues(text, rules)
    if len(found) != 1:
        return None
    [(program, (start, end))] = found.items()
    return program, start, end


def mentions_someone(text: str) -> bool:
    """Whether the text speaks of a person other than the writer ("buat anak saya?", "can she get it?")."""
    return _SOMEONE.search(text.lower()) is not None


def asks_about_the_registry(text: str, rules: PersonRules | None = None) -> bool:
    """Whether the message asks about the household's registry data (DTSEN, desil, "masih terdaftar
    atau nggak"), whose answer does not depend on the program the described person fits.

    Measured on the 2,770 single blind messages of rounds 0–12 that name no program: the inferred
    program (or rightly none) matches the label for 2,531 with this rule, 2,512 without it."""
    return (rules or load_rules()).registry.search(text.lower()) is not None


def registry_named(text: str, rules: PersonRules | None = None) -> tuple[int, int] | None:
    """Where the message names the household's data itself (DTSEN, DTKS, "desil saya"), if it does.

    Asked with no program named, such a question is about the registry, not about the program the
    conversation was on: "cara daftar dtsen gimana" after a KJP answer wants the way into DTSEN.
    Narrower than `asks_about_the_registry`: "ngecek nama ibu saya udah terdaftar apa belom" after
    KLJ is still about KLJ (blind conversations, rounds 0-13)."""
    match = (rules or load_rules()).registry_names.search(text.lower())
    return match.span() if match else None
