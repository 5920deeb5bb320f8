""" "Apakah saya berhak?": the eligibility self-check across the aid programs.

The questions, the rules (with their sources) and the result's words are content
(`content/eligibility.yml`); this package reads them (`loading`), applies them (`engine`),
understands typed answers (`parsing`) and writes the result (`rendering`). The check is an
estimate: the decision belongs to Dinsos, Disdik and Kemensos, and the result says so.
"""

from __future__ import annotations

from infobansos.content.files import Button
from infobansos.eligibility.engine import evaluate, next_question
from infobansos.eligibility.loading import ELIGIBILITY_FILE, load_eligibility
from infobansos.eligibility.models import (
    UNKNOWN,
    Answers,
    EligibilityRules,
    Option,
    ProgramResult,
    ProgramRules,
    Question,
    RenderedResult,
    Rule,
)
from infobansos.eligibility.parsing import asks_to_be_checked, find_correction, parse_answer
from infobansos.eligibility.rendering import render_result

__all__ = [
    "ELIGIBILITY_FILE",
    "UNKNOWN",
    "Answers",
    "Button",
    "EligibilityRules",
    "Option",
    "ProgramResult",
    "ProgramRules",
    "Question",
    "RenderedResult",
    "Rule",
    "asks_to_be_checked",
    "evaluate",
    "find_correction",
    "load_eligibility",
    "next_question",
    "parse_answer",
    "render_result",
]
