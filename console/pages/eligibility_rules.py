"""The eligibility check's questions and rules, read-only (issue 16.4): what the bot asks, when,
and how each program is judged, every rule with its source and the day it was checked.

Staff and analysts audit the rules here without reading YAML; changing them stays a reviewed edit
of `content/eligibility.yml` that `make check-content` validates. The page shows the published
revision, the rules the bot serves. Python passes the rules and codes; the words are in the template.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from console.pages.content_state import content_dir, store_for
from console.web import ROLE_ANALIS, db, render, requires
from infobansos.content.freshness import WARN_AGE_MONTHS, add_months
from infobansos.content.revisions import current_files
from infobansos.content.store import ContentError
from infobansos.eligibility import EligibilityRules
from infobansos.eligibility.models import Condition
from infobansos.eligibility.rendering import describe_condition
from infobansos.jakarta_time import jakarta_today
from staff.report.names import published_names


@dataclass(frozen=True)
class Clause:
    """One "all of these" part of a condition, as (question name, option labels) pairs."""

    parts: tuple[tuple[str, tuple[str, ...]], ...]


def described(condition: Condition | None, rules: EligibilityRules, question_name: dict[str, str]) -> list[Clause]:
    """A condition in the words residents see on the buttons: question names and option labels."""
    clauses = []
    for clause in condition or ():
        parts = []
        for key, values in clause.items():
            question = rules.question(key)
            options = question.options if question else ()
            labels = [o.label for o in options if o.value in values]  # in button order
            labels += sorted(values - {o.value for o in options})  # none after check-content; shown as is
            parts.append((question_name.get(key, key), tuple(labels)))
        clauses.append(Clause(tuple(parts)))
    return clauses


@requires(ROLE_ANALIS)
async def rules_page(request: Request) -> Response:
    with db(request) as session:
        _, files = current_files(session, content_dir(request))
    try:
        store = await run_in_threadpool(store_for, files)
    except ContentError:  # the published content does not load: the content page says why
        return render(request, "content/eligibility.html", status_code=500, rules=None)
    rules = store.eligibility
    names = published_names(files)
    question_name = {question.key: names.question(question.key) for question in rules.questions}

    def words(condition: Condition | None) -> list[Clause]:
        return described(condition, rules, question_name)

    today: dt.date = jakarta_today()
    return render(
        request,
        "content/eligibility.html",
        rules=rules,
        programs=store.programs,
        question_name=question_name,
        words=words,
        as_written=describe_condition,  # the codes of eligibility.yml, for whoever edits the file
        stale_before=add_months(today, -WARN_AGE_MONTHS),
        warn_months=WARN_AGE_MONTHS,
    )


ROUTES = [Route("/konten/kelayakan", rules_page, methods=["GET"])]
