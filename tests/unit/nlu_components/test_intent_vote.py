"""The second opinion lowers DIET's confidence where the two disagree, so the bot asks back."""

import pickle

import pytest
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier

from nlu_components.intent_vote import LinearVote, blend, fit, train_vote


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


def _toy_model() -> tuple[list[TfidfVectorizer], SGDClassifier]:
    texts = [
        "syarat kjp apa saja",
        "syaratnya apa",
        "dokumen apa yang dibawa",
        "kapan cair kjp",
        "kapan dananya masuk",
        "cairnya kapan ya",
        "berapa besar bantuan",
        "dapat berapa sebulan",
        "berapa rupiah kjp",
    ]
    intents = ["tanya_syarat"] * 3 + ["tanya_jadwal_cair"] * 3 + ["tanya_besaran"] * 3
    return fit(texts, intents, alpha=1e-4, epochs=30, seed=1)


def test_the_fast_scorer_gives_scikit_learns_probabilities() -> None:
    vectorizers, classifier = _toy_model()
    vote = pickle.loads(pickle.dumps(LinearVote(vectorizers, classifier)))
    for text in ["kjp cair kapan min", "syarat dokumen kjp", "dapat brp", "zzz qqq"]:
        expected = classifier.predict_proba(hstack([vectorizer.transform([text]) for vectorizer in vectorizers]))[0]
        got = vote.probabilities(text)
        assert [got[name] for name in classifier.classes_] == pytest.approx(list(expected))


def test_the_vote_learns_the_question_from_the_examples() -> None:
    vote = train_vote(
        ["syarat kjp apa", "syaratnya apa saja", "kapan cair", "kapan cairnya"] * 3,
        ["a", "a", "b", "b"] * 3,
        1e-4,
        30,
        1,
    )
    assert max(vote.probabilities("kapan cair kjp").items(), key=lambda item: item[1])[0] == "b"
