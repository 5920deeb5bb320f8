"""The program that fits a described person ("anak saya umur 4 tahun" → KAJ), from person_programs.yml."""

from __future__ import annotations

import pytest

from nlu_components.person_programs import (
    asks_about_the_registry,
    mentions_someone,
    program_for_person,
    programs_for_person,
    registry_named,
)


@pytest.mark.parametrize(
    ("message", "program"),
    [
        ("anak saya umur 4 tahun ada bantuan?", "kaj"),
        ("adik saya tunarungu", "kpdj"),
        ("ibu saya 66 tahun program apa yang bisa", "klj"),
        ("adek gw masih SMA bisa dapet apa", "kjp_plus"),
        ("my mother is 70 years old", "klj"),
        ("anak gw 4thn", "kaj"),
        ("kalau kakaknya yang kuliah?", "kjmu"),
        ("bayi saya baru 8 bulan", "kaj"),
        ("kalau neneknya? udah 61 tahun", "klj"),
        ("kalau buat anak saya yang masih 2 taun?", "kaj"),
        ("klo nyokap gw jg udh 62 thn bs skalian ga", "klj"),
        ("kalau bapak saya yang udah 65 ada bantuan lain ga", "klj"),
        ("enyak aye 70 taun", "klj"),
        ("klo yg 2 thn td brp", "kaj"),
        ("kalau adik ipar saya yang tuna netra sejak lahir, syaratnya sama?", "kpdj"),
        ("bocil saya baru 2 taun 3 bulan, ada bantuan buat susu", "kaj"),
        ("bapak saya stroke, setengah badan ga bisa gerak, umurnya 58", "kpdj"),
        ("saya pakai kruk, kaki kanan kena polio dari kecil", "kpdj"),
    ],
)
def test_a_description_that_fits_one_program_names_it(message: str, program: str) -> None:
    found = program_for_person(message)
    assert found is not None and found[0] == program


@pytest.mark.parametrize(
    "message",
    [
        "sudah 2 tahun tidak cair",  # a duration, not an age
        "saya 3 tahun ga dapet bantuan",
        "udah 55 ribu habis buat ongkos",  # money, not an age
        "sudah 12 tahun tinggal di jakarta",
        "dana yang 2 tahun lalu belum cair",
        "syarat bansos apa aja",
        "kisah saya panjang",  # "kis" (KIS) only as a whole word
        "besarnya sama kaya KLJ ga?",  # compared with, not asked about
        "dokumen yg dibawa sama ga kayak yg lansia tadi",
        "cara klaim JHT BPJS Ketenagakerjaan abis resign",  # not the free BPJS (PBI)
    ],
)
def test_no_person_no_program(message: str) -> None:
    assert programs_for_person(message) == set()


def test_a_description_that_fits_several_programs_names_none_so_the_bot_asks() -> None:
    message = "anak saya autis, sekolahnya di SLB"
    assert programs_for_person(message) == {"kpdj", "kjp_plus"}
    assert program_for_person(message) is None


def test_the_span_is_where_the_person_is_described() -> None:
    message = "kalau adik saya yang tuli?"
    program, start, end = program_for_person(message)
    assert (program, message[start:end]) == ("kpdj", "tuli")


def test_a_named_condition_says_more_than_an_age() -> None:
    assert programs_for_person("anak saya down syndrome umur 7 tahun") == {"kpdj"}
    assert programs_for_person("anak saya umur 7 tahun") == {"kjp_plus"}


@pytest.mark.parametrize(
    ("message", "programs"),
    [
        ("Saya neneknya, cucu saya yang paling kecil umur 2 tahun, ada bantuan untuk dia?", {"kaj"}),
        ("cucu saya 9 tahun autis, belum sekolah karena sering tantrum", {"kpdj"}),
        ("kalau neneknya? udah 61 tahun", {"klj"}),
        ("kakek saya umur 58 tapi sudah tua sekali", set()),
        ("anak saya umur 16 bulan ada bantuan apa ya dari pemda", {"kaj"}),
        ("bayi saya 8 bln", {"kaj"}),
        ("One of my clients is a 67 y.o. widow with no income", {"klj"}),
        ("btw her grandson is 5 and lives with her, anything for him?", {"kaj"}),
        ("and her grandson? he's 4", {"kaj"}),
        ("Is there any aid for kids in Jakarta? My daughter just turned 3. thx", {"kaj"}),
        ("Ambo punyo anak ketek umua 3 taun, ado bantuan dari pemprov ndak?", {"kaj"}),
        ("terus cucu ibu yang kecil baru 3 taun ada bantuannya ngga nak", {"kaj"}),
        ("cucu saya yang sulung baru 3 tahun tinggal di sini", set()),
        ("saya lulus SMA tahun lalu, sekarang keterima di UNJ", {"kjmu"}),
        ("cucu saya kelas 2 SD, ada bantuan sekolah dari pusat yang pakai NISN", {"kjp_plus", "pip"}),
    ],
)
def test_the_program_fits_the_person_asked_about(message: str, programs: set[str]) -> None:
    assert programs_for_person(message) == programs


@pytest.mark.parametrize(
    ("question", "someone"),
    [
        ("Ada bantuan buat anak saya?", True),
        ("can she still get it? thx", True),
        ("Apa beliau bisa dapat?", True),
        ("Ada nggak cara daftar bansos yang nggak harus datang?", False),
        ("Kenapa kami bisa dapat desil setinggi itu?", False),
    ],
)
def test_a_question_that_points_back_at_someone_in_the_story(question: str, someone: bool) -> None:
    assert mentions_someone(question) is someone


def test_illiterate_is_no_disability() -> None:
    assert programs_for_person("Ibu saya buta huruf, ga bisa cek sendiri") == set()
    assert programs_for_person("ibu saya buta sejak lahir") == {"kpdj"}


@pytest.mark.parametrize(
    ("message", "registry"),
    [
        ("Nenek saya nggak ngerti HP. saya mau bantu liat dia masih terdaftar bansos atau nggak", True),
        ("emak saya udah 70 lebih, saya pengen tau dia masuk DTSEN apa nggak", True),
        ("ibu saya umur 66, kalau terdaftar nanti dapat berapa sebulan?", False),
        ("anak saya 4 tahun ada bantuan apa?", False),
    ],
)
def test_a_question_about_the_registry_itself(message: str, registry: bool) -> None:
    assert asks_about_the_registry(message) is registry


@pytest.mark.parametrize(
    ("message", "named"),
    [
        ("cara daftar dtsen gimana", "dtsen"),
        ("cara ngecek kita udah masuk DTSEN apa belum gmn", "dtsen"),
        ("satu lagi, katanya sekarang dtks udah ga dipake ya?", "dtks"),
        ("dtksnya masih dipake?", "dtksnya"),
        ("desil saya berapa ya, liatnya di mana", "desil saya"),
        # the earlier program still holds (blind conversations, rounds 0-13)
        ("yg dapet desil berapa aja", None),
        ("ngecek nama ibu saya udah terdaftar apa belom lewat apa ya?", None),
        ("daftarnya gimana?", None),
    ],
)
def test_the_household_data_named_by_its_name(message: str, named: str | None) -> None:
    span = registry_named(message)
    assert (message[span[0] : span[1]].lower() if span else None) == named
