"""Every topic, asked the way residents ask, through Telegram → bot → Rasa → actions.

Each conversation checks the key facts a resident must get right in the last reply, including
follow-ups that rely on the remembered program ("syaratnya apa?") and program switches
("kalau yang disabilitas?").
"""

from __future__ import annotations

import pytest

from standin.server import TelegramStandIn
from tests.e2e.conftest import RunningStack

pytestmark = pytest.mark.e2e
REPLY_TIMEOUT = 30.0

# (messages in one chat, facts that must all be in the last reply, facts that must not be there)
CONVERSATIONS: dict[str, tuple[list[str], list[str], list[str]]] = {
    # DTKS / DTSEN
    "dtsen-what": (["dtks tuh apa sih"], ["DTSEN", "2025", "Pendaftaran DTKS yang lama sudah ditutup"], []),
    "dtsen-register": (["gmn caranya biar keluarga sy masuk dtsen"], ["kelurahan", "Usul", "gratis"], []),
    "dtsen-check": (["cara cek nama saya dapet bansos apa nggak"], ["cekbansos.kemensos.go.id"], []),
    "dtsen-nothing": (["kenapa ya saya ga pernah dapet bansos apapun"], ["Desil", "DTSEN"], []),
    "dtsen-sanggah": (["tetangga sy orang kaya tp dapet bansos, lapor kmana ya"], ["Sanggah"], []),
    "dtsen-moved": (["sy pindah rumah ke kecamatan lain, bansos sy gimana"], ["Dukcapil", "kelurahan"], []),
    # KJP Plus
    "kjp-amount": (["kjp anak sma sebulan dapet brp"], ["Rp420.000", "Rp100.000"], []),
    "kjp-register": (["cara daftar kjp plus buat anak saya gimana"], ["sekolah"], []),
    "kjp-followup": (["kjp plus itu apa", "syaratnya apa aja"], ["6", "21"], []),
    "kjp-check": (["cek status penerima kjp dimana"], ["kjp.jakarta.go.id"], []),
    # KJMU
    "kjmu-amount": (["kjmu dapetnya berapa per semester"], ["Rp9.000.000"], []),
    "kjmu-register": (["daftar kjmu lewat mana min"], ["p4op.jakarta.go.id/kjmu"], []),
    "kjmu-followup": (["apa itu kjmu", "syaratnya gimana"], ["semester 4"], []),
    # KLJ
    "klj-requirements": (["min syarat klj apa aja sih"], ["60 tahun", "DTSEN"], []),
    "klj-amount": (["kartu lansia jakarta dapet berapa sebulan"], ["Rp300.000"], ["Rp600.000 per bulan sampai"]),
    "klj-followup": (["ibu saya 65 tahun, mau tanya soal kartu lansia", "syaratnya apa?"], ["60 tahun"], []),
    # KPDJ
    "kpdj-amount": (["bantuan kartu disabilitas jakarta berapa per bulan"], ["Rp300.000"], []),
    "kpdj-switch": (["klj sebulan berapa", "kalau yang disabilitas?"], ["KPDJ", "Rp300.000"], []),
    "kpdj-check": (["adik saya difabel, cara cek dia terdaftar kpdj atau belum"], ["siladu"], []),
    # KAJ
    "kaj-requirements": (["syarat kartu anak jakarta apa aja"], ["6 tahun"], []),
    "kaj-amount": (["kartu anak jakarta dapet duit berapa sebulan"], ["Rp300.000"], []),
    "kaj-switch": (["syarat klj apa", "kalo buat balita?"], ["KAJ", "6 tahun"], []),
    # PKH
    "pkh-check": (["cek penerima pkh dimana ya"], ["cekbansos.kemensos.go.id"], []),
    "pkh-requirements": (["syarat dapet pkh apa"], ["desil"], []),
    "pkh-followup": (["pkh itu program apa", "cairnya kapan?"], ["PKH"], []),
    # BPNT / Sembako
    "bpnt-amount": (["bansos sembako bpnt dapet berapa"], ["Rp200.000"], []),
    "bpnt-switch": (["berapa duit pkh", "kalo bpnt?"], ["Rp200.000"], []),
    "bpnt-check": (["cara cek bpnt saya masih aktif ga"], ["cekbansos.kemensos.go.id"], []),
    # PBI-JK
    "pbi-deactivated": (["bpjs pbi saya tiba2 nonaktif kenapa ya"], ["1 Februari 2026", "Dinas Sosial"], []),
    "pbi-register": (["cara daftar bpjs gratis dari pemerintah"], ["DTSEN"], []),
    "pbi-followup": (["apa itu pbi jk", "kalau mau cek gimana"], ["165"], []),
    # PIP
    "pip-check": (["cara cek pip anak saya"], ["pip.kemendikdasmen.go.id", "NISN"], []),
    "pip-vs-kjp": (["program indonesia pintar itu apa"], ["Kemendikdasmen"], []),
    "pip-switch": (["kjp cek nya dimana", "kalau yang pip?"], ["NISN"], []),
    # Help, money, privacy
    "help-contact": (["saya mau ngomong sama petugas, hubungi kemana"], ["171", "kelurahan"], []),
    "help-contact-2": (["nomor pengaduan bansos berapa"], ["171"], []),
    "help-contact-3": (["kantor dinsos dki dimana"], ["Gunung Sahari"], []),
    "calo": (["ada orang minta 500rb katanya biar dapet bansos"], ["gratis"], []),
    "calo-2": (["daftar kjp bayar ga"], ["gratis"], []),
    "calo-3": (["bener ga ngurus bansos harus pake uang pelicin"], ["gratis"], []),
    "privacy": (["data saya aman ga kalo chat disini"], ["NIK"], []),
    "privacy-2": (["bot ini nyimpen data apa aja"], ["disamarkan"], []),
    "privacy-3": (["nik saya dipake buat apa sama bot ini"], ["NIK"], []),
    # Small talk
    "thanks": (["makasih banyak ya min"], [], ["DTSEN (dulu DTKS)"]),
    "goodbye": (["udah dulu ya, dadah"], [], ["DTSEN (dulu DTKS)"]),
    "greet": (["halo min"], ["Info Bansos Jakarta"], []),
    "out-of-scope": (["rekomendasi martabak enak di bekasi dong"], ["Maaf"], ["DTSEN"]),
    # Programs added in issue 14; FACTS marks KPJ's yahoo.com intake unverified, so it stays out.
    # Kartu Pekerja Jakarta
    "kpj-what": (["kartu pekerja jakarta itu apa ya"], ["Disnakertransgi", "Transjakarta"], []),
    "kpj-salary": (["gaji suami 6 juta masih bisa bikin kartu pekerja?"], ["Rp6.589.357", "KTP DKI"], []),
    "kpj-register": (["cara daftar kpj gmn min"], ["Slip gaji", "@dinaskertrans_dki"], ["yahoo"]),
    "kpj-followup": (["kartu pekerja itu apa", "syaratnya apa aja"], ["Rp6.589.357"], []),
    # Pangan murah / pangan bersubsidi
    "pangan-price": (["harga daging di pangan murah berapa sekilo"], ["Rp35.000", "sebulan sekali"], []),
    "pangan-buy": (["gimana caranya beli pangan bersubsidi"], ["antrean", "Bank DKI"], []),
    "pangan-who": (["siapa aja yg boleh beli pangan murah"], ["KJP Plus", "kuota"], []),
    "pangan-switch": (["syarat kartu pekerja apa aja", "kalo pangan murah?"], ["didahulukan", "kuota"], []),
    # KPARJ (Covid orphans; status after 2023 unverified)
    "kparj-what": (["kartu peduli anak itu masih ada ga"], ["Covid-19", "belum bisa memastikan"], []),
    "kparj-amount": (["kparj dapet berapa sebulan"], ["Rp300.000", "12 bulan", "kelurahan"], []),
    "kparj-register": (["cara daftar kparj buat keponakan saya"], ["kelurahan", "KAJ"], []),
}


async def converse(standin: TelegramStandIn, chat_id: int, messages: list[str]) -> str:
    for message in messages:
        standin.send_text(chat_id, message)
        replies = await standin.wait_for_bot_messages(chat_id, timeout=REPLY_TIMEOUT)
    return replies[-1].text


@pytest.mark.parametrize("name", list(CONVERSATIONS))
async def test_topic_conversation(stack: RunningStack, standin: TelegramStandIn, chat_id: int, name: str) -> None:
    messages, must, must_not = CONVERSATIONS[name]
    reply = await converse(standin, chat_id, messages)
    missing = [fact for fact in must if fact not in reply]
    assert not missing, f"{name}: reply lacks {missing}:\n{reply}"
    present = [fact for fact in must_not if fact in reply]
    assert not present, f"{name}: reply should not contain {present}:\n{reply}"
    assert not standin.errors, f"Telegram rejected a message: {standin.errors[-1]}"
