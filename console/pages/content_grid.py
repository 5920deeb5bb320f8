"""The overview of every answer: programs × question types, each cell with the entry's state.

A state is a code (the template words it): `ok`; `lama`, checked more than 10 months ago, so the
facts are due for a re-check (`make check-content`'s date warning, infobansos/content/freshness);
`salah`, a problem `make check-content` refuses (a date over 12 months old among them);
`draf`, a saved change not yet published. The grid shows content as it will be once the pending
drafts are published, since that is what the next Terbitkan sends to residents.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from console.pages.content_state import entry_label, problem_entry, problem_field
from infobansos import protocol
from infobansos.content.revisions import Draft, Findings
from infobansos.content.store import Answer, ContentStore

STATE_OK = "ok"
STATE_STALE = "lama"
STATE_ERROR = "salah"
STATE_DRAFT = "draf"
GENERAL = "umum"  # the row of answers given when no program is asked about


@dataclass(frozen=True)
class Cell:
    answer_id: str
    states: tuple[str, ...]
    checked: dt.date | None
    draft: Draft | None
    label: str = ""


@dataclass(frozen=True)
class Row:
    key: str  # a program key, or GENERAL
    label: str
    cells: tuple[Cell | None, ...]  # None: no entry for this question and program


@dataclass(frozen=True)
class Grid:
    columns: tuple[tuple[str, str], ...]  # (intent, plain label)
    rows: tuple[Row, ...]
    others: tuple[Cell, ...]  # answers to questions not asked per program (DTSEN, contact, greeting…)

    def counts(self) -> dict[str, int]:
        cells = [cell for row in self.rows for cell in row.cells if cell] + list(self.others)
        return {
            state: sum(state in cell.states for cell in cells)
            for state in (STATE_OK, STATE_STALE, STATE_ERROR, STATE_DRAFT)
        }


def entry_states(answer_id: str, errors: set[str], due: set[str], drafts: dict[str, Draft]) -> tuple[str, ...]:
    """The state codes of one entry, worst first; `ok` only when nothing is wrong or due."""
    states = [STATE_ERROR if answer_id in errors else STATE_STALE if answer_id in due else STATE_OK]
    if answer_id in drafts:
        states.append(STATE_DRAFT)
    return tuple(states)


def build_grid(store: ContentStore, drafts: Iterable[Draft], findings: Findings) -> Grid:
    """The grid for `store` (published content with the drafts laid over it) and check-content's findings."""
    by_id = {draft.answer_id: draft for draft in drafts}
    errors = {problem_entry(problem) for problem in findings.problems}
    # the re-check warning is the one about the date; a long sentence is advice, not a state
    due = {problem_entry(warning) for warning in findings.warnings if problem_field(warning) == "checked"}

    def cell(answer: Answer, label: str = "") -> Cell:
        states = entry_states(answer.id, errors, due, by_id)
        return Cell(answer.id, states, answer.checked, by_id.get(answer.id), label)

    columns = tuple((intent, store.topics.get(intent, intent)) for intent in protocol.PROGRAM_QUESTIONS)
    programs = [(GENERAL, None, "")] + [(key, key, program.name) for key, program in store.programs.items()]
    rows = []
    for key, program, name in programs:
        found = (store.answers.get((intent, program)) for intent, _ in columns)
        rows.append(Row(key, name, tuple(cell(answer) if answer else None for answer in found)))
    others = sorted(
        (answer for answer in store.answers.values() if answer.intent not in protocol.PROGRAM_QUESTIONS),
        key=lambda answer: (answer.intent not in store.topics, answer.id),
    )
    return Grid(columns, tuple(rows), tuple(cell(answer, entry_label(store, answer)) for answer in others))
