"""`make eval-blind SET=eval/blind/round0`: the blind sets, sent through Telegram, graded on the reply.

Starts the whole stack as `make run` does (bot, Rasa, action server) against the Telegram
stand-in, and plays every message of the set as a resident in a new private chat (every
conversation in one chat, turn by turn). Each reply is graded by the answer it gave and the
buttons under it (`devtools.eval.blind_grading`): right first try, confidently wrong, asked back, and
right after at most one tap, in total and per voice. The figures go to `results/blind/<set>/`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import secrets
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml
from sqlalchemy import select

from devtools.eval.blind_grading import ASKED_BACK, MISS, RIGHT, WRONG, Grade, Label, Reply, grade
from devtools.local_stack import kill_marked, stack_environment, start_stack, stop_stack, wait_until_polling
from infobansos import protocol
from infobansos.content.store import ContentStore, load_content
from infobansos.privacy.redaction import pseudonym
from infobansos.question_log.turns import TurnLog
from infobansos.settings import PROJECT_ROOT, get_settings
from infobansos.storage.engine import session_factory
from ops.train_model import ensure_model
from standin.server import TelegramStandIn

PROGRAM_SWITCH = protocol.PICK_PROGRAM
RESULTS_DIR = PROJECT_ROOT / "results" / "blind"
CONCURRENT_CHATS = 12
TURN_TIMEOUT = 40.0
FIRST_CHAT_ID = 950_000_001
# Synthetic numbers of the right shape (Jakarta codes, a valid date); written in pieces so no
# NIK-like literal stands in the source.
SYNTHETIC_NUMBERS = {"<NIK>": "31" + "7104" + "520578" + "0003", "<KK>": "31" + "7104" + "120319" + "0021"}


@dataclass(frozen=True)
class Turn:
    text: str
    label: Label
    voice: str
    raw_label: dict


@dataclass(frozen=True)
class Case:
    """One chat: a single message, or a conversation's turns in order."""

    kind: str  # "single" or "conversation"
    name: str
    turns: tuple[Turn, ...]


def load_cases(paths: Iterable[Path]) -> list[Case]:
    cases: list[Case] = []
    for path in sorted(paths):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for i, raw in enumerate(data.get("messages") or []):
            [raw] = carry_questions([raw])
            turn = Turn(raw["text"], Label.from_yaml(raw), raw.get("voice", "plain"), raw)
            cases.append(Case("single", f"{path.stem}#{i + 1}", (turn,)))
        for conversation in data.get("conversations") or []:
            voice = conversation.get("voice", "conversation")
            turns = tuple(Turn(t["text"], Label.from_yaml(t), voice, t) for t in carry_questions(conversation["turns"]))
            cases.append(Case("conversation", f"{path.stem}#{conversation.get('id')}", turns))
    return cases


def carry_questions(turns: list[dict]) -> list[dict]:
    """A bare program switch ("kalau KLJ?") should get the previous question, asked about that program."""
    carried, last_question = [], protocol.ASK_PROGRAM
    for turn in turns:
        if turn["intent"] == PROGRAM_SWITCH and not turn.get("also"):
            turn = {**turn, "also": last_question}
        elif turn["intent"] in protocol.PROGRAM_QUESTIONS:
            last_question = turn["intent"]
        carried.append(turn)
    return carried


def with_numbers(text: str) -> str:
    for placeholder, number in SYNTHETIC_NUMBERS.items():
        text = text.replace(placeholder, number)
    return text


async def wait_for_turn(database_url: str, sender: str, count: int) -> TurnLog | None:
    """The bot logs its half after delivering every reply; the action server logs the answer."""
    deadline = asyncio.get_running_loop().time() + TURN_TIMEOUT
    settle_until = None
    while asyncio.get_running_loop().time() < deadline:
        with session_factory(database_url)() as session:
            rows = session.scalars(select(TurnLog).where(TurnLog.sender == sender).order_by(TurnLog.id)).all()
        done = [row for row in rows if row.outcome]
        if len(done) >= count:
            latest = done[count - 1]
            if latest.answer_id:
                return latest
            settle_until = settle_until or asyncio.get_running_loop().time() + 2.0
            if asyncio.get_running_loop().time() > settle_until:
                return latest
        await asyncio.sleep(0.1)
    return None


async def play(
    case: Case, chat_id: int, standin: TelegramStandIn, database_url: str, key: bytes, store: ContentStore
) -> list[dict]:
    sender = pseudonym(key, chat_id)
    results = []
    for n, turn in enumerate(case.turns, start=1):
        standin.send_text(chat_id, with_numbers(turn.text))
        row = await wait_for_turn(database_url, sender, n)
        messages = standin.new_messages(chat_id)
        payloads = tuple(
            data for m in messages for row_ in (m.buttons or []) for _, data in row_ if str(data).startswith("/")
        )
        reply = Reply(row.answer_id if row else None, payloads)
        result = grade(store, turn.label, reply)
        results.append(_record(case, n, turn, reply, result, [m.text for m in messages]))
    return results


def _record(case: Case, n: int, turn: Turn, reply: Reply, result: Grade, texts: list[str]) -> dict:
    return {
        "case": case.name, "kind": case.kind, "turn": n, "voice": turn.voice, "text": turn.text,
        "label": {k: v for k, v in turn.raw_label.items() if k not in ("text", "voice")},
        "answer_id": reply.answer_id, "buttons": list(reply.payloads), "expected": list(result.expected),
        "outcome": result.outcome, "right_after_tap": result.right_after_tap, "messages": len(texts),
        "reply_start": texts[0][:120] if texts else "",
    }  # fmt: skip


async def run_all(cases: list[Case]) -> list[dict]:
    ensure_model(get_settings().models_dir)
    token = f"1:{secrets.token_hex(8)}"
    key_hex = secrets.token_hex(32)
    with tempfile.TemporaryDirectory() as tmp:
        async with TelegramStandIn(token=token) as standin:
            env, marker = stack_environment(
                Path(tmp) / "var", key_hex, TELEGRAM_BOT_TOKEN=token, TELEGRAM_API_BASE_URL=standin.base_url,
                TELEGRAM_MAX_SENDS_PER_SECOND="0",
            )  # fmt: skip
            database_url = f"sqlite:///{Path(tmp) / 'var' / 'infobansos.sqlite3'}"
            log = Path(tmp) / "stack.log"
            process = await start_stack(env, log)
            try:
                await wait_until_polling(standin, process, log)
                gate = asyncio.Semaphore(CONCURRENT_CHATS)
                store = load_content(get_settings().content_dir)

                async def one(index: int, case: Case) -> list[dict]:
                    async with gate:
                        return await play(case, FIRST_CHAT_ID + index, standin, database_url, key_hex.encode(), store)

                nested = await asyncio.gather(*(one(i, c) for i, c in enumerate(cases)))
            finally:
                await stop_stack(process)
                kill_marked(marker)
    return [result for results in nested for result in results]


def figures(results: list[dict]) -> dict:
    counts = Counter(r["outcome"] for r in results)
    n = len(results) or 1
    return {
        "n": len(results),
        "right_first_try": counts[RIGHT] / n,
        "confidently_wrong": counts[WRONG] / n,
        "asked_back": counts[ASKED_BACK] / n,
        "other_miss": counts[MISS] / n,
        "right_within_one_tap": sum(r["right_after_tap"] for r in results) / n,
    }


def summarise(results: list[dict]) -> dict:
    summary: dict = {}
    for kind in ("single", "conversation"):
        rows = [r for r in results if r["kind"] == kind]
        by_voice: dict[str, list[dict]] = defaultdict(list)
        for r in rows:
            by_voice[r["voice"]].append(r)
        summary[kind] = {"total": figures(rows), "voices": {v: figures(rs) for v, rs in sorted(by_voice.items())}}
    return summary


def markdown(summary: dict) -> str:
    pct = lambda x: f"{100 * x:.1f}%"  # noqa: E731
    lines = []
    for kind, title in (("single", "single messages"), ("conversation", "conversation turns")):
        block = summary[kind]
        lines += [f"\n{title}", "| voice | n | right first try | confidently wrong | asked back | right ≤ 1 tap |",
                  "|---|---|---|---|---|---|"]  # fmt: skip
        for voice, f in [("**all**", block["total"]), *block["voices"].items()]:
            lines.append(f"| {voice} | {f['n']} | {pct(f['right_first_try'])} | {pct(f['confidently_wrong'])} | "
                         f"{pct(f['asked_back'])} | {pct(f['right_within_one_tap'])} |")  # fmt: skip
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("set", type=Path, help="a folder of blind YAML files (or one file)")
    args = parser.parse_args()
    paths = sorted(args.set.glob("*.yml")) if args.set.is_dir() else [args.set]
    cases = load_cases(paths)
    results = asyncio.run(run_all(cases))
    summary = summarise(results)
    out = RESULTS_DIR / args.set.stem
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(summary, indent=2))
    (out / "turns.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    misses = [r for r in results if r["outcome"] != RIGHT]
    (out / "misses.json").write_text(json.dumps(misses, indent=2, ensure_ascii=False))
    print(markdown(summary))
    print(f"\nevery turn: {out / 'turns.json'}; misses: {out / 'misses.json'}")


if __name__ == "__main__":
    main()
