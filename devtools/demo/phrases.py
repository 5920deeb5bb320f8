"""Phrase bank for `make demo-data`: how Jakarta residents write to the bot, in their own words.

Written for the demo only (never copied from `nlu/` or `eval/`), so the report can be shown and
tested on traffic that looks like the real thing: slang, typos, questions asked for a parent or
a child, and the confusions the report must surface. Personal numbers appear only as the
placeholders the bot stores ([NIK], [TELEPON], [EMAIL]): no text here may ever hold a real-looking
number, because demo databases get copied around.
"""

from __future__ import annotations

import random
import re

from infobansos import protocol

# Names residents use per program (GLOSSARY.md §2), as typed into a chat.
PROGRAM_WORDS: dict[str, tuple[str, ...]] = {
    "kjp_plus": ("kjp", "kjp plus", "kjp+", "kartu jakarta pintar", "KJP"),
    "kjmu": ("kjmu", "beasiswa kjmu", "kartu mahasiswa", "KJMU"),
    "klj": ("klj", "kartu lansia", "bansos lansia", "KLJ"),
    "kpdj": ("kpdj", "kpjd", "kartu disabilitas", "bantuan disabilitas"),
    "kaj": ("kaj", "kartu anak jakarta", "bantuan balita"),
    "pkh": ("pkh", "bantuan pkh", "dana pkh", "PKH"),
    "bpnt": ("bpnt", "sembako", "kartu sembako", "bansos sembako"),
    "pbi_jk": ("bpjs pbi", "kis", "bpjs gratis", "pbi"),
    "pip": ("pip", "kip", "dana pip", "kartu indonesia pintar"),
}

# Who the question is for: residents often ask on behalf of a parent or a child.
FOR_WHOM: dict[str, tuple[str, ...]] = {
    "kjp_plus": ("anak saya", "anak gue", "anak saya yang smp", "ponakan saya", "anak saya kelas 5 sd"),
    "kjmu": ("anak saya yang kuliah", "saya", "adik saya yang mahasiswa"),
    "klj": ("ibu saya", "bapak saya", "nyokap gue", "mbah saya", "engkong saya", "orang tua saya"),
    "kpdj": ("adik saya", "anak saya yang disabilitas", "suami saya"),
    "kaj": ("anak saya yang balita", "bayi saya", "anak saya umur 3 tahun"),
    "pkh": ("keluarga saya", "saya", "istri saya yang lagi hamil"),
    "bpnt": ("keluarga saya", "saya", "ibu saya"),
    "pbi_jk": ("saya", "keluarga saya", "bapak saya"),
    "pip": ("anak saya", "anak saya yang sma"),
}

# A question naming the program ({p}) and maybe for whom ({w}).
QUESTIONS: dict[str, tuple[str, ...]] = {
    protocol.ASK_PROGRAM: ("{p} itu apa ya", "apa sih {p} itu", "{p} tuh bantuan buat apa", "jelasin soal {p} dong"),
    protocol.ASK_REQUIREMENTS: (
        "syarat {p} apa aja",
        "{w} mau dapat {p} syaratnya apa",
        "berkas apa aja buat {p}",
        "{w} bisa dapat {p} tidak",
    ),
    protocol.ASK_AMOUNT: ("{p} dapatnya berapa", "berapa uang {p} sebulan", "nominal {p} sekarang berapa"),
    protocol.ASK_HOW_TO_REGISTER: (
        "cara daftar {p} bagaimana",
        "{w} mau daftar {p} caranya bagaimana",
        "daftar {p} dimana",
        "bisa daftar {p} online tidak",
    ),
    protocol.ASK_PAYOUT_DATE: ("{p} kapan cair", "jadwal pencairan {p} kapan", "{p} tahap berikutnya kapan turun"),
    protocol.ASK_HOW_TO_CHECK: ("cara cek penerima {p} bagaimana", "bagaimana cek {w} dapat {p} atau tidak"),
    protocol.ASK_WHY_NOT_RECEIVED: (
        "kenapa {w} tidak dapat {p} lagi",
        "{p} {w} dicoret kenapa",
        "kok {w} tidak lolos {p}",
    ),
}
# The same questions once the program is known (the bot keeps it in a slot).
FOLLOW_UPS: dict[str, tuple[str, ...]] = {
    protocol.ASK_REQUIREMENTS: ("syaratnya apa aja", "kalau syaratnya?"),
    protocol.ASK_AMOUNT: ("dapatnya berapa", "berapa besarnya"),
    protocol.ASK_HOW_TO_REGISTER: ("daftarnya bagaimana", "cara daftarnya?"),
    protocol.ASK_PAYOUT_DATE: ("cairnya kapan", "kapan cairnya"),
    protocol.ASK_HOW_TO_CHECK: ("cara ceknya bagaimana",),
    protocol.ASK_WHY_NOT_RECEIVED: ("kalau tidak dapat kenapa ya",),
}
SWITCH_PROGRAM = ("kalau {p}?", "kalau yang {p} bagaimana", "{p} juga sama?")
# Questions without a program.
GENERAL: dict[str, tuple[str, ...]] = {
    protocol.ASK_PROGRAM: ("bansos di jakarta apa aja", "ada bantuan apa aja buat warga tidak mampu"),
    protocol.ASK_REQUIREMENTS: ("syarat dapat bansos apa aja",),
    protocol.ASK_REGISTRY: ("dtks itu apa", "apa bedanya dtks sama dtsen", "desil itu apa", "dtsen itu apa ya"),
    protocol.ASK_OBJECTION: (
        "tetangga saya mampu tapi dapat bansos, lapornya kemana",
        "data keluarga saya keliru di dtsen, benerinnya bagaimana",
    ),
    protocol.ASK_MOVING: (
        "saya pindah rumah, bansosnya ikut pindah tidak",
        "ktp saya masih luar jakarta bisa dapat bansos?",
    ),
    protocol.ASK_FEES_AND_BROKERS: (
        "daftar bansos bayar tidak",
        "ada yang minta uang 200rb biar masuk kjp, benar tidak?",
        "rt minta potongan dari bansos, boleh?",
    ),
    protocol.ASK_PRIVACY: ("data saya disimpan tidak", "aman tidak kasih nik disini"),
    protocol.ASK_CONTACT: ("nomor dinsos berapa", "mau ngomong sama petugas", "ada admin manusia tidak"),
}
GREETINGS = ("halo", "hai min", "assalamualaikum", "selamat pagi", "permisi kak", "pagi min")
THANKS = ("makasih min", "terima kasih infonya", "ok makasih", "thx", "siap, terima kasih")
GOODBYES = ("sudah itu aja", "ok cukup", "sip, dah dulu ya")

# Theme: "why has this month's KJP Plus money not arrived?" (NLU wavers between schedule and refusal).
KJP_NOT_ARRIVED = (
    "{p} bulan ini kok belum cair ya",
    "kenapa {p} {w} belum masuk padahal temannya sudah",
    "saldo {p} {w} masih kosong, kapan masuk?",
    "{p} bulan ini tidak cair ya?",
    "dana {p} bulan {bulan} telat ya",
    "kok {p} {w} belum turun",
    "sudah tanggal segini {p} belum masuk juga",
    "{p} {bulan} belum cair kenapa ya",
    "{p} {w} belum masuk bulan ini, dicoret kah?",
    "teman sekelasnya sudah dapat {p}, {w} kok belum",
    "cek saldo {p} di atm masih nol",
    "{p} tahap ini belum cair atau memang tidak dapat lagi?",
)
# Theme: DTKS became DTSEN and residents fear they dropped out of the registry.
DTKS_DTSEN = (
    "data saya hilang dari dtks?",
    "kok nama saya tidak ada lagi di dtks",
    "dtks diganti dtsen, harus daftar ulang tidak",
    "cek dtks sekarang dimana kalau sudah jadi dtsen",
    "desil saya tiba tiba jadi 6, kenapa",
    "saya kecoret dari data terpadu gara gara dtsen?",
    "nama ibu saya hilang dari dtks padahal masih tidak mampu",
    "nik saya tidak ada di dtsen, berarti tidak dapat bansos lagi?",
    "apa benar dtks sudah tidak berlaku",
    "kata pak rt data dtks diganti, saya harus ngapain",
    "dulu masuk dtks sekarang di dtsen tidak ada",
)
# Theme: withdrawing KLJ money at an ATM, which no answer covers well.
KLJ_WITHDRAW = (
    "tarik tunai {p} bisa di atm mana aja",
    "cara ambil uang {p} di atm bagaimana",
    "{p} bisa gesek di atm bri tidak",
    "{w} mau narik uang {p} tapi lupa pin",
    "tarik tunai {p} maksimal berapa",
    "kartu {p} ketelan atm, bagaimana",
    "{w} tidak bisa jalan, uang {p} bisa diambilin anaknya?",
    "uang {p} {w} bisa ditarik semua sekaligus?",
    "atm bank dki dimana buat ambil uang {p}",
)
# Theme: a programme the bot has no answer for at all (a new FAQ is needed).
RICE_AID = (
    "bansos beras 10 kg kapan dibagi",
    "bantuan beras 10kg bulan ini ada lagi?",
    "beras 10 kg dari pemerintah ambilnya dimana",
    "kapan pembagian beras bulog",
    "bantuan pangan beras kok belum dibagi di rw saya",
    "kenapa saya tidak dapat beras 10 kilo",
    "jadwal bagi beras di kelurahan kapan",
    "syarat dapat beras 10 kg apa",
    "beras bansos bulan {bulan} sudah dibagi belum",
    "tetangga dapat beras, saya kok tidak",
)
OUT_OF_SCOPE = (
    "pinjol yang legal apa aja",
    "min bisa pinjam uang tidak",
    "cara lunasin pinjol yang numpuk",
    "ada lowongan kerja tidak",
    "info loker satpam jakarta timur",
    "lowongan ppsu kapan dibuka",
    "ada kerjaan buat ibu rumah tangga tidak",
    "cara bayar pbb online",
    "jadwal krl ke bogor",
    "harga emas hari ini berapa",
    "rekomendasi hp murah dong",
    "bikin pantun dong",
)
# Personal numbers, as the bot stores them after redaction.
NIK_MESSAGES = ("nik saya [NIK]", "ini nik ibu saya [NIK] tolong cek klj nya", "[NIK] dapat bansos apa aja?")
PHONE_MESSAGES = ("tolong hubungi saya di [TELEPON]", "wa saya [TELEPON] ya min", "petugas bisa telpon ke [TELEPON]")
EMAIL_MESSAGES = ("kirim infonya ke email saya [EMAIL]", "email saya [EMAIL]")
STATUS_START = ("cek status", "mau cek status bansos", "cek status pengajuan saya", "cek status klj ibu saya")
NUMBER_REPLIES = ("[NIK]", "[NIK]", "[NIK]", "nik [NIK]", "ini [NIK]")
NO_NUMBER = ("lupa nik nya", "tidak tahu nomornya")
CANCEL = (protocol.CANCEL, "tidak jadi")
# Phrases of content/signals.yml a resident uses when the answer missed.
CORRECTION_PREFIXES = ("bukan itu maksud saya, ", "bukan itu min, ", "jawabannya salah, ")
CORRECTION_ALONE = ("bukan itu min", "ga nyambung", "salah min", "jawabannya salah")
CORRECTION_ANYWHERE = ("bukan itu", "jawabannya salah", "ga nyambung")
CORRECTION_WHOLE = ("salah", "salah min", "bukan", "bukan min")
MONTHS = ("januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober")
MONTHS += ("november", "desember")

# Everyday spellings (GLOSSARY.md §8); the templates use the standard word.
SLANG: dict[str, tuple[str, ...]] = {
    "belum": ("blm", "belom", "blom"),
    "sudah": ("udah", "udh", "dah"),
    "tidak": ("ga", "gak", "nggak", "tdk", "kagak"),
    "bagaimana": ("gimana", "gmn", "gmana"),
    "kapan": ("kpn",),
    "yang": ("yg",),
    "dapat": ("dapet", "dpt"),
    "kenapa": ("knp", "napa", "kenape"),
    "berapa": ("brp", "berape"),
    "dengan": ("dgn",),
    "saya": ("sy", "aku"),
    "bisa": ("bs",),
    "tolong": ("tlg",),
    "kalau": ("kalo", "klo"),
    "aja": ("aj",),
    "sekarang": ("skrg",),
    "tahu": ("tau",),
    "bulan": ("bln",),
}
SLANG_RATE = 0.5
TYPO_RATE = 0.18
ADDRESS = ("", "", "", "min ", "kak ", "pak ", "permisi ")
ENDINGS = ("", "", "?", "??", " min", " ya", " kak?", "...")
_PLACEHOLDER = re.compile(r"\[[A-Z]+\]")


def _typo(rng: random.Random, word: str) -> str:
    """One slip of the thumb: two letters swapped, one dropped, or one doubled."""
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    if kind == 1:
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def noisy(rng: random.Random, text: str, *, decorate: bool = True) -> str:
    """The text as a resident might type it: slang spellings, maybe a typo, address and ending.

    Placeholders and digits are left alone, so no number can grow into a NIK-like run.
    """
    words = text.split(" ")
    for i, word in enumerate(words):
        if word in SLANG and rng.random() < SLANG_RATE:
            words[i] = rng.choice(SLANG[word])
    candidates = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if candidates and rng.random() < TYPO_RATE:
        i = rng.choice(candidates)
        words[i] = _typo(rng, words[i])
    result = " ".join(words)
    if decorate and not _PLACEHOLDER.fullmatch(result):
        result = rng.choice(ADDRESS) + result.rstrip("?") + rng.choice(ENDINGS)
        if rng.random() < 0.15:
            result = result[0].upper() + result[1:]
    return result


def fill(rng: random.Random, template: str, program: str | None, month: int = 1) -> str:
    """A template with the program's name, for whom, and the month filled in."""
    values = {"bulan": MONTHS[month - 1]}
    if program is not None:
        values |= {"p": rng.choice(PROGRAM_WORDS[program]), "w": rng.choice(FOR_WHOM[program])}
    return template.format(**values)
