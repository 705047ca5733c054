"""The simulated month: one facility's seeded month of claims and the records (arsip) the facility holds behind each.

A month is fully described by its seed: the size, the claims (bimtek.synthetic) and what the archive can still
supply. The archive is the only evidence a correction may draw on (bimtek.month_actions); what it lacks cannot be
attached without fabrication.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from bimtek.claim import Claim, Dokumen, HasilLab, Rujukan, TandaVital
from bimtek.deadlines import monthly_deadline
from bimtek.fmt import tanggal
from bimtek.reference import load_reference
from bimtek.synthetic import DEFAULT_MONTH, generate_batch
from bimtek.verification import verify_batch

MIN_CLAIMS, MAX_CLAIMS = 30, 60
MIN_RETURNED = 5  # a drawn month has at least this many returned or rejected claims, so that 25% means something
DOCUMENT_FOUND = 0.75  # share of missing or unsigned patient-side documents the archive can still supply
LAB_FOUND = 2 / 3  # share of DBD stays without attached lab whose platelet series is in the lab book
FACILITY_DOCUMENTS = frozenset({"resume_medis"})  # made and signed in the facility: always obtainable
RETURNED = frozenset({"dikembalikan", "ditolak"})


@dataclass(frozen=True)
class Arsip:
    """What the facility's records hold for one claim: rekam medis, register, lab book, document archive."""

    keluhan: str
    kd_sadar: str | None
    vital: TandaVital
    diagnosa: tuple[str, ...]
    rujukan: Rujukan | None  # the referral as the rekam medis justifies it (TACC and its reason)
    no_kunjungan: str | None  # the P-Care visit number (issued on entry when the visit was never entered)
    layanan: str  # the tariff line the record supports (who examined, who was in the delivery team)
    kode_induk: str | None
    aktif: bool  # participant status on the service date, rechecked in P-Care
    dokumen: Mapping[str, Dokumen | None]  # every document a complete file holds; None: it cannot be obtained
    lab: tuple[HasilLab, ...]  # the patient's results in the lab book; empty when no test was done
    tgl_kirim: dt.date  # the day this month's batch goes to BPJS


@dataclass(frozen=True)
class MonthClaim:
    claim: Claim
    arsip: Arsip
    cacat: tuple[str, ...] = ()  # the generator's defect kinds; for tests and docs, never shown before submitting

    @property
    def no_klaim(self) -> str:
        return self.claim.pengajuan.no_klaim


@dataclass(frozen=True)
class Month:
    seed: int
    items: tuple[MonthClaim, ...]

    @property
    def n(self) -> int:
        return len(self.items)

    @property
    def claims(self) -> list[Claim]:
        return [item.claim for item in self.items]

    @property
    def tgl_kirim(self) -> dt.date:
        return self.items[0].arsip.tgl_kirim

    @property
    def bulan(self) -> dt.date:
        """The first day of the month of service (the batch goes out early the month after)."""
        return (self.tgl_kirim.replace(day=1) - dt.timedelta(days=1)).replace(day=1)

    def item(self, no_klaim: str) -> MonthClaim:
        return next(i for i in self.items if i.no_klaim == no_klaim)


def month_size(seed: int) -> int:
    """30 to 60 claims, read off the seed so that the seed alone names the month."""
    return MIN_CLAIMS + seed % (MAX_CLAIMS - MIN_CLAIMS + 1)


@lru_cache(maxsize=64)
def build_month(seed: int) -> Month:
    """The month of `seed`: same seed, same claims, same archive."""
    batch = generate_batch(month_size(seed), seed, bulan=DEFAULT_MONTH, keep_original=True)
    items = []
    for x in batch:
        assert x.asli is not None  # keep_original=True
        sent = x.asli.pengajuan.tgl_pengajuan  # the facility's batch day: every claim's date before the defects
        rng = random.Random(f"arsip:{seed}:{x.claim.pengajuan.no_klaim}")
        items.append(MonthClaim(x.claim, _arsip(x.claim, x.asli, sent, rng), x.cacat))
    return Month(seed, tuple(items))


def _arsip(claim: Claim, asli: Claim, sent: dt.date, rng: random.Random) -> Arsip:
    documents: dict[str, Dokumen | None] = {}
    for doc in asli.dokumen:
        found = claim.document(doc.jenis) == doc or doc.jenis in FACILITY_DOCUMENTS or rng.random() < DOCUMENT_FOUND
        documents[doc.jenis] = doc if found else None
    lab = tuple(asli.lab) if claim.lab == asli.lab or rng.random() < LAB_FOUND else ()
    k = asli.kunjungan
    return Arsip(
        keluhan=k.keluhan,
        kd_sadar=k.kd_sadar,
        vital=k.vital,
        diagnosa=tuple(k.diagnosa),
        rujukan=k.rujukan,
        no_kunjungan=k.no_kunjungan,
        layanan=asli.pengajuan.layanan,
        kode_induk=asli.fasilitas.kode_induk,
        aktif=claim.peserta.aktif is True,  # an inactive (or unknown) participant stays so: the archive never activates
        dokumen=documents,
        lab=lab,
        tgl_kirim=sent,
    )


def count_returned(month: Month) -> int:
    """Claims the verifier returns or rejects in the month as generated."""
    return sum(v.status in RETURNED for v in verify_batch(month.claims))


def draw_seed(rng: random.Random) -> int:
    """A fresh month for a learner: a random seed whose month has at least MIN_RETURNED claims to fix."""
    while True:
        seed = rng.randrange(1, 1_000_000)
        if count_returned(build_month(seed)) >= MIN_RETURNED:
            return seed


def arsip_notes(item: MonthClaim) -> list[str]:
    """The archive as the trainee reads it (Bahasa Indonesia), one line per record."""
    ref = load_reference()
    a, claim = item.arsip, item.claim
    v = a.vital
    vital = (
        f"TD {_num(v.sistole)}/{_num(v.diastole)} mmHg, BB {_num(v.berat_badan)} kg, TB {_num(v.tinggi_badan)} cm, "
        f"napas {_num(v.resp_rate)}/menit, nadi {_num(v.heart_rate)}/menit, suhu {_num(v.suhu)} °C"
    )
    diagnosa = "; ".join(f"{code} {ref.icd10_name(code)}".strip() for code in a.diagnosa)
    kesadaran = ref.codes("kd_sadar").get(a.kd_sadar or "", "tidak dicatat")
    notes = [f"**Rekam medis**: keluhan “{a.keluhan}”; kesadaran {kesadaran}; {vital}; diagnosa dokter {diagnosa}."]
    terapi = ", ".join(f"{t.nama} ({t.rute})" for t in claim.kunjungan.terapi)
    if terapi:
        notes.append(f"**Terapi yang diberikan**: {terapi}.")
    if a.rujukan is not None:
        tacc = ref.codes("kd_tacc").get(str(a.rujukan.kd_tacc), str(a.rujukan.kd_tacc))
        reason = f"TACC {tacc}: {a.rujukan.alasan_tacc}" if a.rujukan.alasan_tacc else "tanpa alasan TACC tercatat"
        notes.append(f"**Rujukan** ke {a.rujukan.spesialis or '-'}: {reason}.")
    k = claim.kunjungan
    if k.no_kunjungan:
        notes.append(f"**Register P-Care**: kunjungan nomor {k.no_kunjungan}, dientri {tanggal(k.tgl_entri)}.")
    else:
        notes.append(
            f"**Register P-Care**: kunjungan belum dientri; bila dientri sekarang, tercatat {tanggal(a.tgl_kirim)}."
        )
    notes.append(f"**Cek kepesertaan P-Care** pada tanggal layanan: {'aktif' if a.aktif else 'TIDAK AKTIF'}.")
    if k.kd_tkp == "20":
        labs = ", ".join(f"{r.jenis} {_num(r.nilai)}{r.satuan} ({tanggal(r.tanggal)})" for r in a.lab)
        notes.append(f"**Buku laboratorium**: {labs or 'tidak ada pemeriksaan tercatat untuk pasien ini'}.")
    if a.dokumen:
        docs = [
            f"{ref.document_labels.get(j, j)} ({'tersedia' if d is not None else 'TIDAK dapat diperoleh'})"
            for j, d in a.dokumen.items()
        ]
        notes.append(f"**Arsip dokumen**: {', '.join(docs)}.")
    if a.kode_induk:
        notes.append(f"**PKS jejaring**: FKTP induk berkode {a.kode_induk}.")
    deadline = monthly_deadline(claim.service_end())
    notes.append(
        f"**Jadwal**: batch bulan ini dikirim {tanggal(a.tgl_kirim)}; batas klaim layanan ini {tanggal(deadline)}."
    )
    return notes


def _num(value: float | int | None) -> str:
    """85000 -> '85.000', 38.5 -> '38,5'; '-' when the record has no value."""
    if value is None:
        return "-"
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:.1f}".replace(".", ",")
