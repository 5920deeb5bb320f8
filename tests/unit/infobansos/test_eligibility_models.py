"""The shapes the other streams rely on: lookups by key and id, and the verdict order."""

from __future__ import annotations

import datetime as dt

from infobansos.eligibility import UNKNOWN, EligibilityRules, Option, ProgramRules, Question, Rule
from infobansos.eligibility.models import PROGRAMS, VERDICTS

RULE = Rule("klj_mungkin", "mungkin", "Ada lansia.", "https://jakarta.go.id", dt.date(2026, 11, 28))
QUESTION = Question("dtsen", "Terdaftar DTSEN?", False, (Option("ya", "Ya"), Option(UNKNOWN, "Tidak tahu")))


def test_unknown_is_the_spec_constant() -> None:
    assert UNKNOWN == "tidak_tahu"


def test_a_question_and_a_rule_are_found_by_their_names() -> None:
    rules = EligibilityRules(questions=(QUESTION,), programs=(ProgramRules("klj", (RULE,)),))
    assert rules.question("dtsen") is QUESTION and rules.question("desil") is None
    assert rules.rule("klj_mungkin") is RULE and rules.rule("klj_belum") is None
    assert QUESTION.option(UNKNOWN) == Option(UNKNOWN, "Tidak tahu") and QUESTION.option("tidak") is None


def test_results_show_likely_first_then_to_check_then_not_yet() -> None:
    assert VERDICTS == ("mungkin", "perlu_dicek", "belum")


def test_the_eleven_programs_of_the_issue() -> None:
    assert len(PROGRAMS) == 11 and "kparj" not in PROGRAMS  # KPARJ's status after 2023 is unverified


def test_empty_rules_are_a_valid_default_for_a_store_built_in_code() -> None:
    assert EligibilityRules().questions == () and EligibilityRules().programs == ()
