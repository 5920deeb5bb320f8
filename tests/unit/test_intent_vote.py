"""The second opinion lowers DIET's confidence where the two disagree, so the bot asks back."""

from nlu_components.intent_vote import blend


def test_agreement_keeps_the_answer_confident() -> None:
    ranking = blend([{"name": "tanya_syarat", "confidence": 0.97}], {"tanya_syarat": 0.9, "tanya_program": 0.1}, 0.3)
    assert ranking[0]["name"] == "tanya_syarat"
    assert ranking[0]["confidence"] > 0.9


def test_disagreement_leaves_two_close_candidates_instead_of_a_sure_wrong_answer() -> None:
    diet = [{"name": "tanya_program", "confidence": 0.98}, {"name": "tanya_syarat", "confidence": 0.02}]
    ranking = blend(diet, {"tanya_syarat": 0.7, "tanya_program": 0.3}, 0.3)
    names = [entry["name"] for entry in ranking[:2]]
    assert set(names) == {"tanya_program", "tanya_syarat"}
    # Below the FallbackClassifier's 0.1 margin in config.yml: the resident is asked which one.
    assert abs(ranking[0]["confidence"] - ranking[1]["confidence"]) < 0.1


def test_an_intent_only_one_side_knows_keeps_its_share() -> None:
    ranking = blend([{"name": "nlu_fallback", "confidence": 1.0}], {"greet": 1.0}, 0.3)
    assert {entry["name"]: round(entry["confidence"], 2) for entry in ranking} == {"greet": 0.7, "nlu_fallback": 0.3}
