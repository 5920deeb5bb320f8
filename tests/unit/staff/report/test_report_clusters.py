"""Confusion clusters: similar questions together, different ones apart, the right suggestion, stable ids."""

from __future__ import annotations

import random

from staff.report.clusters import (
    Action,
    ClusteringResult,
    ConfusedTurns,
    cluster_questions,
    distinct_phrasings,
    merge_identical,
    normalise_question,
)

RICE = ["bansos beras kapan dibagi", "bansos beras kpn dibagi?", "Bansos beras kapan dibagikan", "bansos berass kapan"]
LOST_CARD = ["kartu kjp hilang gimana", "kartu kjp saya hilang gmn", "kartu KJP ilang gimana ya", "kartu kjp hilang"]
LATE = ["uang lansia telat cair", "uang lansia blm cair telat", "uang lansia telat", "uang lansia kok telat cair"]


def fallback(text: str, count: int = 1, guess: str = "tanya_cara_cek") -> ConfusedTurns:
    return ConfusedTurns(text, count, "nlu_fallback", 0.3, ("nlu_fallback", guess), is_fallback=True)


def unsure(text: str, intent: str, count: int = 1) -> ConfusedTurns:
    return ConfusedTurns(text, count, intent, 0.4, (intent, "tanya_syarat"))


def label_of(result: ClusteringResult, text: str) -> int:
    key = normalise_question(text)  # "kpn" and "kapan" are one question, shown in its commonest spelling
    return next(c.id for c in result.clusters if any(normalise_question(t) == key for t, _ in c.texts))


def test_similar_questions_share_a_cluster_and_different_ones_do_not() -> None:
    rows = [fallback(t) for t in RICE + LOST_CARD] + [unsure(t, "tanya_jadwal_cair") for t in LATE]
    result = cluster_questions(rows)
    groups = [{label_of(result, text) for text in group} for group in (RICE, LOST_CARD, LATE)]
    assert all(len(ids) == 1 for ids in groups), groups
    assert len(set.union(*groups)) == 3


def test_clusters_are_ranked_by_turns_with_five_examples() -> None:
    rows = [fallback(t, 2) for t in RICE] + [fallback(t, 10) for t in LOST_CARD] + [fallback("harga emas", 1)]
    result = cluster_questions(rows)
    first = result.clusters[0]
    assert (first.id, first.size, first.distinct_texts) == (1, 40, 4)
    assert first.examples[0] == LOST_CARD[0] or first.examples[0] in LOST_CARD
    # "kpn" is "kapan" once slang is normalised: four texts, three questions.
    assert (result.clusters[1].distinct_texts, len(result.clusters[1].examples), result.clusters[1].size) == (3, 3, 8)
    assert [c.id for c in result.clusters] == list(range(1, len(result.clusters) + 1))
    assert result.turns == 49 and result.distinct_texts == 8 and not result.capped


def test_unsure_known_intent_asks_for_training_examples() -> None:
    cluster = cluster_questions([unsure(t, "tanya_jadwal_cair", 3) for t in LATE]).clusters[0]
    assert cluster.action == Action.ADD_EXAMPLES
    assert (cluster.likeliest_intent, cluster.intent_share) == ("tanya_jadwal_cair", 1.0)


def test_fallbacks_with_scattered_guesses_or_off_topic_questions_ask_for_a_new_faq() -> None:
    guesses = ["tanya_cara_cek", "tanya_cara_cek", "tanya_syarat", "tanya_besaran"]
    rows = [fallback(text, guess=guess) for text, guess in zip(LOST_CARD, guesses, strict=True)]
    cluster = cluster_questions(rows).clusters[0]
    assert cluster.action == Action.NEW_FAQ
    assert (cluster.likeliest_intent, cluster.intent_share, cluster.fallback_share) == ("tanya_cara_cek", 0.5, 1.0)
    off_topic = [ConfusedTurns("resep rendang padang", 5, "out_of_scope", 0.9, ("out_of_scope",), is_out_of_scope=True)]
    cluster = cluster_questions(off_topic).clusters[0]
    assert (cluster.action, cluster.likeliest_intent, cluster.out_of_scope_share) == (Action.NEW_FAQ, None, 1.0)


def test_fallbacks_that_nlu_keeps_guessing_as_one_intent_ask_for_examples_of_it() -> None:
    guesses = ["tanya_jadwal_cair"] * 3 + ["tanya_syarat"]
    rows = [fallback(text, guess=guess) for text, guess in zip(LATE, guesses, strict=True)]
    cluster = cluster_questions(rows).clusters[0]
    assert (cluster.action, cluster.likeliest_intent, cluster.intent_share) == (
        Action.ADD_EXAMPLES,
        "tanya_jadwal_cair",
        0.75,
    )


def test_thumbs_down_on_a_confident_answer_asks_to_fix_that_answer() -> None:
    rows = [
        ConfusedTurns(t, 4, "tanya_jadwal_cair", 0.95, ("tanya_jadwal_cair",), thumbs_down=True, answer_id="kjp_cair")
        for t in ["kjp cair tanggal berapa", "kjp cair tgl berapa"]
    ] + [ConfusedTurns("kjp cair tanggal brp", 1, "tanya_jadwal_cair", 0.4, ("tanya_jadwal_cair",))]
    cluster = cluster_questions(rows).clusters[0]
    assert cluster.action == Action.FIX_ANSWER and cluster.answer_ids == ("kjp_cair",)
    assert cluster.thumbs_down_share == 8 / 9


def test_a_thumbs_down_on_an_unsure_answer_is_not_a_bad_answer() -> None:
    rows = [
        ConfusedTurns("syarat kjp apa", 3, "tanya_syarat", 0.35, ("tanya_syarat",), thumbs_down=True, answer_id="x")
    ]
    assert cluster_questions(rows).clusters[0].action == Action.ADD_EXAMPLES


def test_same_data_in_any_order_gives_the_same_ids() -> None:
    rows = [fallback(t, i + 1) for i, t in enumerate(RICE + LOST_CARD)] + [unsure(t, "tanya_jadwal_cair") for t in LATE]
    shuffled = rows[:]
    random.Random(7).shuffle(shuffled)
    assert cluster_questions(rows).clusters == cluster_questions(shuffled).clusters


def test_identical_texts_are_merged_after_normalising_case_punctuation_and_slang() -> None:
    assert normalise_question("Gmn cara DAFTAR KJP??") == normalise_question("gimana cara daftar kjp")
    questions = merge_identical([fallback("Gmn daftar KJP?", 2), fallback("gimana daftar kjp", 3), fallback("lain", 1)])
    assert [(q.text, q.count) for q in questions] == [("gimana daftar kjp", 5), ("lain", 1)]


def test_only_the_most_asked_texts_are_clustered_beyond_the_cap() -> None:
    rows = [fallback(f"pertanyaan nomor {i} tentang hal {i * 7}", count=100 - i) for i in range(30)]
    result = cluster_questions(rows, max_texts=10)
    assert (result.distinct_texts, result.clustered_texts, result.capped) == (30, 10, True)
    clustered = {text for c in result.clusters for text, _ in c.texts}
    assert clustered == {f"pertanyaan nomor {i} tentang hal {i * 7}" for i in range(10)}


def test_nothing_to_cluster_gives_no_clusters() -> None:
    result = cluster_questions([])
    assert (result.clusters, result.turns, result.distinct_texts) == ([], 0, 0)
    assert [c.size for c in cluster_questions([fallback("satu saja")]).clusters] == [1]


def test_examples_prefer_different_phrasings_over_typos() -> None:
    texts = ["kartu kjp hilang", "kartu kjp hilangg", "kartu kjp hiland", "atm kjp ketelen mesin"]
    assert distinct_phrasings(texts, 5) == ["kartu kjp hilang", "atm kjp ketelen mesin"]
    assert distinct_phrasings(texts, 3, fill=True) == ["kartu kjp hilang", "atm kjp ketelen mesin", "kartu kjp hilangg"]
