"""Which words the classifier reads: politeness around a question and the story around it are dropped."""

from __future__ import annotations

import re

import pytest

from nlu_components.normalizer import load_slang, normalise_token
from nlu_components.question_focus import focus, kept_words, sentence_spans


def focused(text: str) -> str:
    """The words NLU classifies on, as the tokenizer would give them."""
    tokens = [(m.group(), m.start()) for m in re.finditer(r"[^\s.,!?;:()]+", text)]
    words = [normalise_token(word, load_slang()) for word, _ in tokens]
    return " ".join(words[i] for i in focus(text, words, [start for _, start in tokens]))


@pytest.mark.parametrize(
    ("message", "question"),
    [
        ("makasih. satu lagi, daftarnya gimana", "daftarnya gimana"),
        ("halo min, tolong cek status bantuan saya ya", "tolong cek status bantuan saya"),
        ("thx. btw does she need to bring documents?", "does she need to bring documents"),
        ("SELAMAT PAGI NAK. KARTU LANSIA SAYA KOK BELUM CAIR. TERIMA KASIH", "kartu lansia saya kok belum cair"),
    ],
)
def test_thanks_or_greeting_around_a_question_is_not_read(message: str, question: str) -> None:
    assert focused(message) == question


@pytest.mark.parametrize(
    "message",
    ["makasih banyak ya min", "selamat siang", "Assalamualaikum wr wb", "ok", "makasih ya min udah dijawab"],
)
def test_a_message_that_is_only_politeness_is_read_whole(message: str) -> None:
    assert focused(message) == " ".join(normalise_token(w, load_slang()) for w in re.findall(r"[^\s,]+", message))


def test_in_a_long_story_only_the_asking_sentence_is_read() -> None:
    story = (
        "Saya janda anak tiga, suami meninggal tahun lalu. Sekarang saya kerja cuci gosok, sehari dapat 70 ribu. "
        "Anak yang kecil masih SD dan sering sakit. Bagaimana caranya saya bisa didaftarkan supaya dapat bantuan?"
    )
    assert focused(story) == "gimana caranya saya bisa didaftarkan supaya dapat bantuan"


def test_a_long_story_without_a_question_mark_keeps_the_sentences_with_question_words() -> None:
    story = (
        "Rumah kami di pinggir kali dan sering banjir kalau hujan. Suami kerja serabutan dan saya menjahit. "
        "Kami belum pernah dapat bantuan apa pun dari pemerintah sejak pindah. Kapan pendataan berikutnya di kelurahan"
    )
    assert focused(story) == "kapan pendataan berikutnya di kelurahan"


def test_a_short_question_keeps_the_sentence_it_points_back_to() -> None:
    story = (
        "Saya kakek umur 67, mengasuh cucu sejak ibunya kerja di Taiwan. Cucu saya epilepsi, sekarang kelas 2 SMP. "
        "Tahun lalu cucu saya dapat KJP, tahun ini tidak keluar. Kenapa bisa begitu ya?"
    )
    assert focused(story) == "tahun lalu cucu saya dapat kjp tahun ini tidak keluar kenapa bisa begitu"


def test_an_elderly_message_in_pieces_keeps_the_piece_that_asks() -> None:
    message = "assalamualaikum nak.... ibu ga ngerti hp.... ini ibu nulis sendiri.... ibu mau daftar bantuan gimana ya"
    assert focused(message) == "ibu mau daftar bantuan gimana"


def test_a_short_message_with_several_sentences_is_read_whole() -> None:
    assert focused("KLJ. Cair. Kapan?") == "klj cair kapan"


def test_sentence_spans_mark_questions() -> None:
    assert [asks for _, _, asks in sentence_spans("Satu. Dua? Tiga")] == [False, True, False]


def test_a_two_sentence_letter_is_read_whole_so_its_context_counts() -> None:
    letter = (
        "Dengan hormat, kami sekeluarga telah pindah domisili dari Bogor ke Jakarta Utara. Mohon informasi langkahnya."
    )
    assert "pindah" in focused(letter).split()


def test_the_kept_words_keep_their_offsets_so_an_inferred_program_points_into_the_message() -> None:
    text = "Istri ngurus anak yang masih SD. Saya kerja malam. Cara daftar bansos gimana?"
    kept = kept_words(text, [(51, 55), (56, 62), (63, 69), (70, 76)])
    assert len(kept) == len(text)
    assert kept.split() == ["Cara", "daftar", "bansos", "gimana"]
    assert kept.index("daftar") == text.index("daftar")
