"""The journal exercises' situations: the source document's two examples and seeded, generated ones.

Each kind teaches one event of the receivable's life: kapitasi recognised and settled (with the KBK payout), an
inpatient stay settled at its package (selisih lebih or kurang), a returned claim refiled and paid, a returned
claim that expired and is written off, a rejected claim corrected. Same kind and seed, same situation.
"""

from __future__ import annotations

import datetime as dt
import math
import random

from bimtek import accounting as acc
from bimtek.deadlines import expiry_date, monthly_deadline
from bimtek.fmt import rupiah, tanggal
from bimtek.kbk import KBK_SOURCE, kbk_score
from bimtek.reference import load_reference
from scoring.journal import Situation, Step

KINDS: dict[str, str] = {
    "kapitasi": "Kapitasi sebulan (dengan KBK)",
    "ranap": "Rawat inap dibayar paket (selisih lebih/kurang)",
    "dikembalikan": "Klaim dikembalikan lalu diajukan ulang",
    "kedaluwarsa": "Klaim dikembalikan yang kedaluwarsa",
    "ditolak": "Klaim ditolak",
}
SEED_SOURCE = "artikel “Pengakuan & Perhitungan Piutang Pasien BPJS di Puskesmas”"  # seed 004, S31
NO_ENTRY = "Peristiwa ini tidak dijurnal: {why}"
_RETURN_REASONS = {  # service line -> why BPJS returned it (rules DK/EV families; facts §3, §5)
    "persalinan_tim_dokter": "partograf belum ditandatangani penolong persalinan",
    "anc_dokter": "salinan buku KIA tidak dilampirkan",
    "pnc": "salinan buku KIA tidak dilampirkan",
    "kb_implan": "formulir persetujuan tindakan (informed consent) tidak ada",
    "rawat_inap": "resume medis belum ditandatangani dokter",
}
_REJECT_REASONS = ("klaim ganda: layanan yang sama sudah dibayar", "peserta tidak aktif pada tanggal layanan")
_RITP_RATES = (200_000, 250_000, 300_000)  # Permenkes 3/2023 Ps 17(1) Rp200.000-300.000/hari (S6 only: belum pasti)


def fixed_situations() -> list[Situation]:
    """The source document's two examples, exactly as it computes them."""
    return [source_kapitasi(), source_ranap()]


def source_kapitasi() -> Situation:
    amount = acc.kapitasi_amount(1000, 3000)
    return Situation(
        id="sumber-kapitasi",
        kind="kapitasi",
        title="Contoh sumber: kapitasi Puskesmas A bulan Februari",
        story=(
            "Pada bulan Februari, peserta yang terdaftar di Puskesmas A berjumlah 1.000 orang dan nilai kapitasi "
            "Rp3.000 per peserta per bulan. Catat pengakuan piutang kapitasi dan pelunasannya."
        ),
        facts=(("Peserta terdaftar", "1.000 orang"), ("Tarif kapitasi", "Rp3.000 per peserta per bulan")),
        steps=(
            Step(
                "pengakuan",
                dt.date(2019, 2, 1),
                "Hak kapitasi bulan Februari timbul.",
                acc.kapitasi_recognition(dt.date(2019, 2, 1), amount),
                f"1.000 × Rp3.000 = {rupiah(amount)} ({SEED_SOURCE}).",
            ),
            Step(
                "pelunasan",
                dt.date(2019, 2, 15),
                "BPJS mentransfer dana kapitasi ke rekening bendahara (paling lambat tanggal 15).",
                acc.kapitasi_settlement(dt.date(2019, 2, 15), amount),
                f"Kas bertambah {rupiah(amount)} dan piutang kapitasi lunas ({SEED_SOURCE}).",
            ),
        ),
        sources=SEED_SOURCE,
        fixed=True,
    )


def source_ranap() -> Situation:
    day = dt.date(2019, 3, 5)
    return Situation(
        id="sumber-ranap",
        kind="ranap",
        title="Contoh sumber: rawat inap 1 hari dibayar paket",
        story=(
            "Pada 5 Maret 2019 pasien A dirawat inap 1 hari. Tarif layanan Puskesmas sendiri (Perkada/BLUD) Rp75.000; "
            "klaim ditagihkan ke BPJS sebesar paket Rp100.000. Catat pengakuan saat klaim diajukan dan pelunasannya."
        ),
        facts=(
            ("Tarif layanan Puskesmas sendiri", "Rp75.000"),
            ("Lama rawat", "1 hari"),
            ("Ditagihkan (tarif paket)", "Rp100.000"),
        ),
        steps=(
            Step(
                "pengakuan",
                day,
                "Klaim rawat inap pasien A diajukan ke BPJS.",
                acc.non_kapitasi_recognition(day, 75_000, "klaim rawat inap pasien A"),
                "Klaim ditagihkan sebesar paket Rp100.000; artikel mengakui piutang sebesar tarif layanan Puskesmas sendiri, "
                "Rp75.000.",
            ),
            Step(
                "pelunasan",
                None,
                "BPJS membayar klaim sebesar tarif paket Rp100.000.",
                acc.non_kapitasi_settlement(day, 75_000, 100_000, what="klaim rawat inap pasien A"),
                "Rp100.000 − Rp75.000 = Rp25.000 selisih lebih perhitungan klaim.",
            ),
        ),
        sources=SEED_SOURCE,
        fixed=True,
    )


def generate_situation(kind: str, seed: int) -> Situation:
    """A new situation of one kind (KINDS); raises KeyError for an unknown kind."""
    builders = {
        "kapitasi": _kapitasi,
        "ranap": _ranap,
        "dikembalikan": _returned,
        "kedaluwarsa": _expired,
        "ditolak": _rejected,
    }
    return builders[kind](random.Random(f"{kind}-{seed}"), f"{kind}-{seed}")


def situation_by_id(situation_id: str) -> Situation | None:
    """A fixed situation by id, or a generated one from its 'kind-seed' id."""
    for situation in fixed_situations():
        if situation.id == situation_id:
            return situation
    kind, _, seed = situation_id.rpartition("-")
    if kind in KINDS and seed.isdigit():
        return generate_situation(kind, int(seed))
    return None


# --- generators -------------------------------------------------------------------------------------------------


def _month(rng: random.Random) -> dt.date:
    return dt.date(rng.choice((2024, 2025, 2026)), rng.randint(1, 12), 1)


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _kapitasi(rng: random.Random, sid: str) -> Situation:
    month = _month(rng)
    ref = load_reference()
    rows = [r for r in ref.kapitasi if r["regulasi"] == "pmk_3_2023" and r["jenis"] in _KBK_TYPES]
    row = rng.choice(rows)
    peserta = rng.randrange(5_000, 20_001, 10)
    # doctors consistent with the row's ratio: ceil(p/5000) keeps 1:<=5000, one fewer makes it 1:>5000 (p > 5000)
    dokter = {"<=5000": math.ceil(peserta / 5000), ">5000": math.ceil(peserta / 5000) - 1}.get(row["rasio_dokter"], 0)
    puskesmas = row["jenis"] == "puskesmas"
    kbk = kbk_score(rng.randrange(270, 321) / 2, rng.randrange(10, 41) / 10, rng.randrange(4, 15) / 2, puskesmas)
    tarif = int(row["tarif"])
    amount = acc.kapitasi_amount(peserta, tarif, kbk.payout_percent)
    paid_on = month.replace(day=rng.randint(5, 15))
    jenis = _TYPE_LABELS[row["jenis"]]
    umum = f"{dokter} dokter umum" if dokter else "tanpa dokter umum"
    staff = f"{umum}, {'1 dokter gigi' if row['dokter_gigi'] else 'tanpa dokter gigi'}"
    pct = f"{kbk.payout_percent:g}%"
    score = f"{kbk.score:g}".replace(".", ",")
    return Situation(
        id=sid,
        kind="kapitasi",
        title=f"Kapitasi {jenis} bulan {tanggal(month).split(' ', 1)[1]}",
        story=(
            f"{jenis} dengan {_n(peserta)} peserta terdaftar ({staff}). Hasil penilaian KBK yang berlaku bulan ini: "
            f"skor {score}, sehingga kapitasi dibayar {pct}. Catat pengakuan piutang kapitasi pada awal bulan dan "
            "pelunasannya."
        ),
        facts=(
            ("Jenis fasilitas", jenis),
            ("Peserta terdaftar", f"{_n(peserta)} orang"),
            ("Tenaga", staff),
            ("Tarif kapitasi (Permenkes 3/2023 Ps 6(1))", f"{rupiah(tarif)} per peserta per bulan"),
            ("Skor KBK / kapitasi dibayar", f"{score} / {pct}"),
            ("Tanggal dana kapitasi diterima", tanggal(paid_on)),
        ),
        steps=(
            Step(
                "pengakuan",
                month,
                "Hak kapitasi bulan ini timbul.",
                acc.kapitasi_recognition(month, amount),
                f"{_n(peserta)} × {rupiah(tarif)} × {pct} = {rupiah(amount)} (tarif: Permenkes Nomor 3 Tahun 2023 Pasal 6; "
                f"KBK: {KBK_SOURCE}). Dicatat sebesar yang akan dibayar setelah KBK (belum pasti: sebagian fasilitas "
                "mencatat kapitasi penuh lalu mencatat selisihnya saat dibayar).",
            ),
            Step(
                "pelunasan",
                paid_on,
                "Dana kapitasi diterima di rekening bendahara.",
                acc.kapitasi_settlement(paid_on, amount),
                f"Kas bertambah {rupiah(amount)}; piutang kapitasi lunas (dibayar paling lambat tanggal 15).",
            ),
        ),
        sources=f"{SEED_SOURCE}; Permenkes Nomor 3 Tahun 2023 Pasal 6; Peraturan BPJS Kesehatan Nomor 7 Tahun 2019",
    )


_KBK_TYPES = ("puskesmas", "klinik_pratama", "rs_d_pratama")
_TYPE_LABELS = {"puskesmas": "Puskesmas", "klinik_pratama": "Klinik pratama", "rs_d_pratama": "RS D pratama"}


def _service(rng: random.Random) -> tuple[dt.date, dt.date]:
    """A service in a random month and the day its claim is sent (by the 10th of the next month)."""
    start = _month(rng) + dt.timedelta(days=rng.randint(0, 24))
    return start, monthly_deadline(start) - dt.timedelta(days=rng.randint(0, 7))


def _ranap(rng: random.Random, sid: str) -> Situation:
    admitted, _ = _service(rng)
    days = rng.randint(1, 4)
    discharged = admitted + dt.timedelta(days=days)
    sent = monthly_deadline(discharged) - dt.timedelta(days=rng.randint(0, 7))
    rate = rng.choice(_RITP_RATES)
    package = rate * days
    cost = package
    while cost == package:
        cost = round(package * rng.uniform(0.6, 1.4) / 5000) * 5000
    paid_on = sent + dt.timedelta(days=rng.randint(10, 21))
    kind = "lebih" if package > cost else "kurang"
    what = "klaim rawat inap"
    return Situation(
        id=sid,
        kind="ranap",
        title=f"Rawat inap {days} hari, selisih {kind}",
        story=(
            f"Pasien dirawat inap di Puskesmas {tanggal(admitted)} sampai {tanggal(discharged)} ({days} hari). Tarif "
            f"layanan Puskesmas sendiri (Perkada/BLUD) {rupiah(cost)}. Klaim ditagihkan sebesar paket PKS {rupiah(rate)} "
            f"per hari pada {tanggal(sent)}; BPJS membayar paketnya pada {tanggal(paid_on)}."
        ),
        facts=(
            ("Lama rawat", f"{days} hari"),
            ("Tarif layanan Puskesmas sendiri", rupiah(cost)),
            ("Ditagihkan (paket)", rupiah(package)),
            ("Tarif paket PKS", f"{rupiah(rate)} per hari (Rp200.000–300.000, Permenkes 3/2023 Ps 17: belum pasti)"),
            ("Dibayar BPJS", f"{rupiah(package)} pada {tanggal(paid_on)}"),
        ),
        steps=(
            Step(
                "pengakuan",
                sent,
                "Klaim rawat inap diajukan ke BPJS.",
                acc.non_kapitasi_recognition(sent, cost, what),
                f"Seperti contoh artikel sumber, piutang diakui sebesar tarif layanan Puskesmas sendiri, {rupiah(cost)}.",
            ),
            Step(
                "pelunasan",
                paid_on,
                "BPJS membayar klaim sebesar paket.",
                acc.non_kapitasi_settlement(paid_on, cost, package, what=what),
                f"{days} × {rupiah(rate)} = {rupiah(package)} dibayar; selisih {kind} "
                f"{rupiah(abs(package - cost))} (nama akun selisih kurang belum pasti).",
            ),
        ),
        sources=f"{SEED_SOURCE}; Permenkes Nomor 3 Tahun 2023 Pasal 17 (belum pasti)",
    )


def _claim(rng: random.Random) -> tuple[str, int, dt.date, dt.date]:
    """A returned-able Puskesmas claim: service line, amount from the tariff table, service end, day sent."""
    layanan = rng.choice(sorted(_RETURN_REASONS))
    start, sent = _service(rng)
    if layanan == "rawat_inap":
        days = rng.randint(1, 3)
        end = start + dt.timedelta(days=days)
        return (
            layanan,
            rng.choice(_RITP_RATES) * days,
            end,
            monthly_deadline(end) - dt.timedelta(days=rng.randint(0, 7)),
        )
    line = load_reference().tariff(layanan, start)
    amount = line.amount_for("puskesmas") if line is not None else None
    return layanan, amount or 100_000, start, sent


def _label(layanan: str) -> str:
    services = load_reference().services
    return services[layanan].label if layanan in services else layanan


def _sent_step(layanan: str, amount: int, sent: dt.date, what: str) -> Step:
    piutang, pendapatan = acc.accounts_for(layanan)
    return Step(
        "pengajuan",
        sent,
        f"Klaim {_label(layanan)} {rupiah(amount)} diajukan ke BPJS.",
        acc.non_kapitasi_recognition(sent, amount, what, piutang, pendapatan),
        f"Piutang diakui saat klaim diajukan, sebesar {rupiah(amount)}.",
    )


def _returned_step(reason: str, day: dt.date) -> Step:
    return Step(
        "dikembalikan",
        day,
        f"BPJS mengembalikan klaim: {reason}.",
        None,
        NO_ENTRY.format(
            why="klaim yang dikembalikan tetap piutang sampai diajukan ulang atau kedaluwarsa (Peraturan BPJS "
            "Kesehatan Nomor 7 Tahun 2018 Pasal 29 ayat (4))."
        ),
    )


def _returned(rng: random.Random, sid: str) -> Situation:
    layanan, amount, end, sent = _claim(rng)
    returned = sent + dt.timedelta(days=rng.randint(10, 20))
    refiled = monthly_deadline(returned) - dt.timedelta(days=rng.randint(0, 5))
    paid_on = refiled + dt.timedelta(days=rng.randint(10, 21))
    piutang, _ = acc.accounts_for(layanan)
    what = f"klaim {_label(layanan)}"
    reason = _RETURN_REASONS[layanan]
    return Situation(
        id=sid,
        kind="dikembalikan",
        title=f"{_label(layanan)}: dikembalikan lalu diajukan ulang",
        story=(
            f"Klaim {_label(layanan)} Puskesmas ({rupiah(amount)}, layanan selesai {tanggal(end)}) diajukan "
            f"{tanggal(sent)}. Pada {tanggal(returned)} BPJS mengembalikannya: {reason}. Berkas dilengkapi dan klaim "
            f"diajukan ulang bersama pengajuan bulan berikutnya ({tanggal(refiled)}), lalu dibayar penuh pada "
            f"{tanggal(paid_on)}. Catat setiap peristiwa; biarkan tabel kosong bila peristiwa itu tidak dijurnal."
        ),
        facts=(("Jumlah diajukan", rupiah(amount)), ("Layanan selesai", tanggal(end)), ("Dibayar", rupiah(amount))),
        steps=(
            _sent_step(layanan, amount, sent, what),
            _returned_step(reason, returned),
            Step(
                "diajukan-ulang",
                refiled,
                "Klaim yang sudah dilengkapi diajukan ulang.",
                None,
                NO_ENTRY.format(why="piutangnya sudah diakui saat pengajuan pertama; mengakuinya lagi berarti ganda."),
            ),
            Step(
                "pelunasan",
                paid_on,
                "BPJS membayar klaim penuh.",
                acc.non_kapitasi_settlement(paid_on, amount, amount, piutang, what),
                f"Kas {rupiah(amount)} masuk dan piutang yang sama ditutup; tidak ada selisih.",
            ),
        ),
        sources="Peraturan BPJS Kesehatan Nomor 7 Tahun 2018 Pasal 29 ayat (4)",
    )


def _expired(rng: random.Random, sid: str) -> Situation:
    layanan, amount, end, sent = _claim(rng)
    returned = sent + dt.timedelta(days=rng.randint(10, 20))
    last_day = expiry_date(end)
    written_off = last_day + dt.timedelta(days=1)
    piutang, _ = acc.accounts_for(layanan)
    what = f"klaim {_label(layanan)}"
    reason = _RETURN_REASONS[layanan]
    return Situation(
        id=sid,
        kind="kedaluwarsa",
        title=f"{_label(layanan)}: dikembalikan dan tidak pernah diajukan ulang",
        story=(
            f"Klaim {_label(layanan)} Puskesmas ({rupiah(amount)}, layanan selesai {tanggal(end)}) diajukan "
            f"{tanggal(sent)} dan dikembalikan {tanggal(returned)}: {reason}. Berkasnya tidak pernah dilengkapi. "
            f"Batas pengajuan berakhir {tanggal(last_day)} (6 bulan setelah layanan selesai). Catat setiap peristiwa; "
            "biarkan tabel kosong bila peristiwa itu tidak dijurnal."
        ),
        facts=(
            ("Jumlah diajukan", rupiah(amount)),
            ("Layanan selesai", tanggal(end)),
            ("Kedaluwarsa", tanggal(last_day)),
        ),
        steps=(
            _sent_step(layanan, amount, sent, what),
            _returned_step(reason, returned),
            Step(
                "penghapusan",
                written_off,
                "Enam bulan setelah layanan selesai berlalu; klaim tidak dapat diajukan lagi.",
                acc.write_off(written_off, amount, piutang, what),
                f"Setelah {tanggal(last_day)} klaim tidak dapat ditagih (Perpres 82/2018 Ps 77; Peraturan BPJS 7/2018 "
                "Ps 40): piutang dihapus. Kebijakan dan nama akun penghapusan belum pasti.",
            ),
        ),
        sources="Perpres Nomor 82 Tahun 2018 Pasal 77; Peraturan BPJS Kesehatan Nomor 7 Tahun 2018 Pasal 40",
    )


def _rejected(rng: random.Random, sid: str) -> Situation:
    layanan, amount, end, sent = _claim(rng)
    decided = sent + dt.timedelta(days=rng.randint(10, 20))
    piutang, pendapatan = acc.accounts_for(layanan)
    what = f"klaim {_label(layanan)}"
    reason = rng.choice(_REJECT_REASONS)
    return Situation(
        id=sid,
        kind="ditolak",
        title=f"{_label(layanan)}: ditolak BPJS",
        story=(
            f"Klaim {_label(layanan)} Puskesmas ({rupiah(amount)}) diajukan {tanggal(sent)}. Pada {tanggal(decided)} "
            f"BPJS menolaknya: {reason}. Klaim ini tidak dapat diperbaiki dan tidak akan dibayar."
        ),
        facts=(("Jumlah diajukan", rupiah(amount)), ("Alasan penolakan", reason)),
        steps=(
            _sent_step(layanan, amount, sent, what),
            Step(
                "koreksi",
                decided,
                "BPJS menolak klaim.",
                acc.rejection_correction(decided, amount, piutang, pendapatan, what),
                "Pendapatan dan piutang yang diakui saat pengajuan dikurangi pada tahun yang sama; bila buku sudah "
                "ditutup, dicatat sebagai koreksi saldo awal, seperti dalam laporan pemeriksaan BPK (baris jurnal belum pasti).",
            ),
        ),
        sources="Laporan pemeriksaan BPK atas piutang BLUD (diberitakan Satelit News)",
    )
