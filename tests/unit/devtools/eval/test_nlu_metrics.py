from __future__ import annotations

import pytest

from devtools.eval.nlu_metrics import Example, Prediction, first_try_right, score, sweep


def pred(*ranking: tuple[str, float], programs: tuple[str, ...] = ()) -> Prediction:
    return Prediction(tuple(ranking), frozenset(programs))


def test_fallback_rule_uses_confidence_and_top_two_margin() -> None:
    p = pred(("tanya_syarat", 0.55), ("tanya_besaran", 0.40))
    assert p.intent(0.5, 0.1) == "tanya_syarat"
    assert p.intent(0.6, 0.1) == "nlu_fallback"  # not confident enough
    assert p.intent(0.5, 0.2) == "nlu_fallback"  # too close to the runner-up


def test_program_question_is_right_only_with_the_right_program() -> None:
    example = Example("syarat klj", "tanya_syarat", "klj")
    assert first_try_right(example, pred(("tanya_syarat", 0.9), programs=("klj",)), "tanya_syarat")
    assert not first_try_right(example, pred(("tanya_syarat", 0.9), programs=("kaj",)), "tanya_syarat")
    assert not first_try_right(example, pred(("tanya_syarat", 0.9)), "tanya_syarat")


def test_scores_on_a_small_set() -> None:
    examples = [
        Example("syarat klj", "tanya_syarat", "klj"),
        Example("kapan kjp cair", "tanya_jadwal_cair", "kjp_plus"),
        Example("resep rendang", "out_of_scope", None),
        Example("cuaca besok", "out_of_scope", None),
    ]
    predictions = [
        pred(("tanya_syarat", 0.9), ("tanya_besaran", 0.05), programs=("klj",)),
        pred(("tanya_besaran", 0.8), ("tanya_jadwal_cair", 0.1), programs=("kjp_plus",)),
        pred(("out_of_scope", 0.95), ("greet", 0.01)),
        pred(("tanya_dtks", 0.3), ("out_of_scope", 0.28)),  # unsure: the bot asks back, which is right here
    ]
    result = score(examples, predictions, threshold=0.5, ambiguity=0.1)
    assert result["intent_accuracy"] == pytest.approx(0.75)
    assert result["oos_recall"] == pytest.approx(1.0)
    assert result["oos_precision"] == pytest.approx(1.0)
    assert result["first_try_right"] == pytest.approx(0.5)
    assert result["entity_f1"] == pytest.approx(1.0)
    assert result["per_intent"]["tanya_jadwal_cair"]["recall"] == 0.0


def test_sweep_prefers_thresholds_that_keep_out_of_scope_recall() -> None:
    examples = [Example("x", "tanya_dtks", None), Example("y", "out_of_scope", None)]
    predictions = [pred(("tanya_dtks", 0.7), ("greet", 0.1)), pred(("tanya_dtks", 0.6), ("out_of_scope", 0.3))]
    best = sweep(examples, predictions, [0.5, 0.65], [0.0])[0]
    assert best["threshold"] == 0.65 and best["oos_recall"] == 1.0 and best["first_try_right"] == 1.0
