"""Turns one clean claim into defective practice variants, each with the answer key the verifier then agrees with.

Each defect is a common error from seed 000's "Kesalahan Umum" and facts §5 (an unsigned document, missing lab
evidence, a late or expired submission, a wrong amount or tariff line, an empty P-Care field). The case file keeps
the evidence the fix needs; a variant whose defect does not trip exactly its rules is dropped with the reason.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from bimtek import normalise
from bimtek.claim import Claim, get_path, patch_claim
from bimtek.content import AnswerKey, CaseFileItem, Scenario, check_scenario
from bimtek.deadlines import expiry_date, monthly_deadline
from bimtek.errors import InputError
from bimtek.fmt import rupiah, tanggal
from bimtek.privacy import mask_card
from bimtek.reference import load_reference
from bimtek.rules import get_rule
from bimtek.rules.tarif.TR07 import injection_method
from bimtek.tariff import expected_amount
from bimtek.verification import verify


@dataclass
class Edit:
    """What one defect does to the clean claim, and the key that undoes it."""

    changes: dict[str, Any]  # dotted path -> defective value (patch_claim)
    codes: tuple[str, ...]  # the rules the verifier must report, no more, no less
    explanation: str  # Indonesian: what is wrong here and where the evidence is
    modul: str
    perbaikan: dict[str, Any] = field(default_factory=dict)
    harus: dict[str, Any] = field(default_factory=dict)
    fakta: dict[str, Any] = field(default_factory=dict)
    evidence: list[CaseFileItem] = field(default_factory=list)
    diagnosa_didukung: list[str] = field(default_factory=list)
    cannot_fix: bool = False
    # Rules the same slip may also trip (a typed discharge date also breaks the stay's length and amount): the key
    # then names what the verifier finds, provided it includes `codes` and stays within `codes` + `allowed`.
    allowed: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Variant:
    defect: str
    label: str
    scenario: Scenario

    def to_yaml(self) -> str:
        return scenario_yaml(self.scenario)


@dataclass(frozen=True)
class Dropped:
    defect: str
    label: str
    reason: str


@dataclass(frozen=True)
class VariantSet:
    variants: list[Variant]
    dropped: list[Dropped]


# None or []: the defect does not apply to this claim; a list: every way it can appear (one is drawn per seed)
Make = Callable[[Scenario, random.Random], Edit | list[Edit] | None]


def _json(claim: Claim, path: str) -> Any:
    return get_path(claim.model_dump(mode="json"), path)


def _has_signed_copy(base: Scenario, jenis: str) -> bool:
    return any(d.jenis == jenis and d.ditandatangani for d in base.case_file_documents())


def _unsigned(jenis: str, code: str, modul: str) -> Make:
    def make(base: Scenario, rng: random.Random) -> Edit | None:
        doc = base.klaim.document(jenis)
        if doc is None or not doc.ditandatangani:
            return None
        label = load_reference().document_labels.get(jenis, jenis)
        docs = base.klaim.model_dump(mode="json")["dokumen"]
        broken = [{**d, "ditandatangani": False} if d["jenis"] == jenis else d for d in docs]
        evidence = []
        if not _has_signed_copy(base, jenis):
            evidence.append(
                CaseFileItem(
                    id=f"arsip-{jenis.replace('_', '-')}",
                    judul=f"Arsip: {label}",
                    jenis="dokumen",
                    isi="Lembar asli di map arsip, sudah ditandatangani lengkap. Yang terlampir di berkas klaim "
                    "adalah salinan yang dicetak sebelum ditandatangani.",
                    dokumen={"jenis": jenis, "ditandatangani": True},  # type: ignore[arg-type]
                )
            )
        return Edit(
            {"dokumen": broken},
            (code,),
            f"Dokumen **{label}** yang terlampir belum ditandatangani, padahal lembar yang sudah ditandatangani "
            "ada di berkas fasilitas. Lampirkan lembar yang sudah ditandatangani itu; jangan menandatangani atas "
            "nama orang lain (itu pemalsuan).",
            modul,
            perbaikan={"dokumen": docs},
            evidence=evidence,
        )

    return make


def _without_lab(base: Scenario, rng: random.Random) -> Edit | None:
    k = base.klaim.kunjungan
    if not base.klaim.lab or k.kd_tkp != "20" or not any(d.startswith("A91") for d in k.diagnosa):
        return None
    labs = base.klaim.model_dump(mode="json")["lab"]
    filed = {(r.jenis, r.nilai, r.tanggal) for r in base.case_file_labs()}
    evidence = []
    if any((r.jenis, r.nilai, r.tanggal) not in filed for r in base.klaim.lab):
        rows = "\n".join(f"| {tanggal(r.tanggal)} | {r.jenis} | {r.nilai:g} {r.satuan} |" for r in base.klaim.lab)
        evidence.append(
            CaseFileItem(
                id="buku-lab-salinan",
                judul="Buku laboratorium (salinan halaman pasien)",
                jenis="buku_lab",
                isi=f"| tanggal | pemeriksaan | hasil |\n|---|---|---|\n{rows}",
                lab=list(base.klaim.lab),
            )
        )
    return Edit(
        {"lab": []},
        ("EV01",),
        "Klaim rawat inap DBD (A91) dikirim tanpa hasil laboratorium. Buku laboratorium mencatat hasil yang "
        "memenuhi kriteria; lampirkan hasil itu persis seperti tercatat (jenis, nilai, tanggal), jangan membuat "
        "hasil baru.",
        "dokumentasi",
        perbaikan={"lab": labs},
        evidence=evidence,
    )


def _late(base: Scenario, rng: random.Random) -> Edit | None:
    claim = base.klaim
    if claim.pengajuan.jenis_klaim.value == "kapitasi":
        return None
    sent, end = claim.pengajuan.tgl_pengajuan, claim.service_end()
    deadline, expiry = monthly_deadline(end), expiry_date(end)
    typed = sent.replace(month=sent.month % 12 + 1, year=sent.year + (sent.month == 12)) if sent.day <= 28 else None
    if typed is None or not deadline < typed <= expiry:
        typed = deadline + dt.timedelta(days=rng.randrange(3, 15))
    if not deadline < typed <= expiry or sent > deadline:
        return None
    receipt = CaseFileItem(
        id="tanda-terima-eclaim",
        judul="Tanda terima pengiriman batch klaim (aplikasi eClaim)",
        jenis="dokumen",
        isi=f"Batch klaim {claim.fasilitas.nama} berisi klaim {claim.pengajuan.no_klaim or 'ini'} "
        f"terkirim **{tanggal(sent)}**.",
    )
    return Edit(
        {"pengajuan.tgl_pengajuan": typed.isoformat()},
        ("TW01",),
        f"Tanggal pengajuan di klaim tertulis {tanggal(typed)}, melewati batas {tanggal(deadline)} (tanggal 10 "
        f"bulan berikutnya). Tanda terima eClaim menunjukkan batch terkirim {tanggal(sent)}: ini salah ketik, "
        f"bukan keterlambatan. Perbaiki tanggal pengajuan menjadi {tanggal(sent)}. Klaim yang memang terlambat "
        "tidak boleh dimundurkan tanggalnya; ia ikut batch bulan berikutnya selama belum lewat 6 bulan.",
        "alur-klaim",
        perbaikan={"pengajuan.tgl_pengajuan": sent.isoformat()},
        harus={"pengajuan.tgl_pengajuan": sent.isoformat()},
        fakta={"pengajuan.tgl_pengajuan": sent.isoformat()},
        evidence=[receipt],
    )


def _expired(base: Scenario, rng: random.Random) -> Edit | None:
    claim = base.klaim
    if claim.pengajuan.jenis_klaim.value == "kapitasi":
        return None
    end = claim.service_end()
    sent = expiry_date(end) + dt.timedelta(days=rng.randrange(5, 40))
    return Edit(
        {"pengajuan.tgl_pengajuan": sent.isoformat()},
        ("TW02",),
        f"Layanan selesai {tanggal(end)}; klaim baru diajukan {tanggal(sent)}, lewat batas kedaluwarsa "
        f"{tanggal(expiry_date(end))} (6 bulan setelah layanan). Hak menagih sudah hilang: klaim tidak diajukan dan "
        "piutangnya dihapus dari pembukuan. Mengubah tanggal layanan atau pengajuan adalah pemalsuan.",
        "regulasi",
        cannot_fix=True,
    )


def _wrong_amount(base: Scenario, rng: random.Random) -> list[Edit]:
    claim = base.klaim
    expected = expected_amount(claim)
    right = claim.pengajuan.jumlah_diajukan
    if claim.pengajuan.jenis_klaim.value == "kapitasi" or expected is None or right <= 0:
        return []
    ref = load_reference()
    wrong = [right + step for step in (10_000, 25_000, 50_000)]
    line = ref.tariff(claim.pengajuan.layanan, claim.kunjungan.tgl_daftar)
    if line is not None and line.jenis_tarif == "tetap":
        wrong += [a for a in (line.puskesmas, line.selain_puskesmas) if a and a != right]
    return [
        Edit(
            {"pengajuan.jumlah_diajukan": amount},
            ("TR01",),
            f"Jumlah diajukan {rupiah(amount)}, padahal tarif yang berlaku untuk layanan ini {rupiah(right)} "
            f"({expected.explanation}). Ambil jumlah dari tabel tarif sesuai jenis fasilitas dan tanggal layanan.",
            "tarif",
            perbaikan={"pengajuan.jumlah_diajukan": right},
            harus={"pengajuan.jumlah_diajukan": right},
        )
        for amount in dict.fromkeys(wrong)
        if not expected.ceiling or amount > expected.amount  # below a ceiling ("paling banyak") is no defect
    ]


_WRONG_LINE = {"anc_bidan": "anc_dokter", "persalinan_tanpa_dokter": "persalinan_tim_dokter"}


def _wrong_line(base: Scenario, rng: random.Random) -> Edit | None:
    claim = base.klaim
    right = claim.pengajuan.layanan
    if right not in _WRONG_LINE:
        return None
    wrong = _WRONG_LINE[right]
    shifted = patch_claim(claim, {"pengajuan.layanan": wrong})
    expected = expected_amount(shifted)
    amount = expected.amount if expected is not None and expected.amount else claim.pengajuan.jumlah_diajukan
    who = "ANC diperiksa bidan" if right == "anc_bidan" else "persalinan ditolong tim tanpa dokter"
    return Edit(
        {"pengajuan.layanan": wrong, "pengajuan.jumlah_diajukan": amount},
        ("TR02",),
        f"Rekam medis menunjukkan {who}, tetapi klaim memakai baris tarif '{wrong}' ({rupiah(amount)}). Tarif "
        f"bergantung pada pemeriksa dan komposisi tim: pakai baris '{right}' dengan jumlah "
        f"{rupiah(claim.pengajuan.jumlah_diajukan)}.",
        "tarif",
        perbaikan={"pengajuan.layanan": right, "pengajuan.jumlah_diajukan": claim.pengajuan.jumlah_diajukan},
        harus={"pengajuan.layanan": right, "pengajuan.jumlah_diajukan": claim.pengajuan.jumlah_diajukan},
    )


_VITAL_LABELS = {"sistole": "sistole", "diastole": "diastole", "berat_badan": "berat badan", "tinggi_badan": "tinggi"}


def _blank(path: str, code: str, what: str, empty: Any, fact: bool, needs_tkp: bool = True) -> Make:
    def make(base: Scenario, rng: random.Random) -> Edit | None:
        claim = base.klaim
        value = _json(claim, path)
        if value in (None, "", "-", []) or (needs_tkp and claim.kunjungan.kd_tkp == "50"):
            return None
        shown = ", ".join(value) if isinstance(value, list) else value
        note = CaseFileItem(
            id=f"rekam-medis-{path.rsplit('.', 1)[-1].replace('_', '-')}",
            judul=f"Rekam medis: lembar pemeriksaan {tanggal(claim.kunjungan.tgl_daftar)}",
            jenis="rekam_medis",
            isi=f"{what.capitalize()}: **{shown}**.",
        )
        edit = Edit(
            {path: empty},
            (code,),
            f"Field {what} pada entri P-Care kosong. Rekam medis mencatat {what}: {shown}; salin dari sana, "
            "jangan mengisi nilai yang tidak tercatat.",
            "sistem-informasi",
            perbaikan={path: value},
            fakta={path: value} if fact else {},
            evidence=[note],
        )
        if path == "kunjungan.diagnosa":
            edit.allowed = frozenset({"KL01", "KL02"})  # an empty diagnosis also leaves an injection unexplained
            edit.diagnosa_didukung = list(value)
            edit.harus = {"kunjungan.diagnosa.0": value[0]}
        return edit

    return make


def _blank_vital(base: Scenario, rng: random.Random) -> list[Edit]:
    out = []
    for key, label in _VITAL_LABELS.items():
        if getattr(base.klaim.kunjungan.vital, key) is None:
            continue
        edit = _blank(f"kunjungan.vital.{key}", "PC02", f"tanda vital {label}", None, True)(base, rng)
        if isinstance(edit, Edit):
            out.append(edit)
    return out


def _note(item_id: str, judul: str, isi: str, jenis: str = "catatan", **kw: Any) -> CaseFileItem:
    return CaseFileItem(id=item_id, judul=judul, jenis=jenis, isi=isi, **kw)


def _record(base: Scenario, what: str, shown: str) -> CaseFileItem:
    return _note(
        "rekam-medis-" + re.sub(r"[^a-z0-9]+", "-", what.lower()).strip("-"),
        f"Rekam medis: lembar pemeriksaan {tanggal(base.klaim.kunjungan.tgl_daftar)}",
        f"{what.capitalize()}: **{shown}**.",
        "rekam_medis",
    )


def _inactive(base: Scenario, rng: random.Random) -> Edit | None:
    claim = base.klaim
    if claim.pengajuan.jenis_klaim.value == "kapitasi":
        return None
    day = claim.kunjungan.tgl_daftar
    status = _note(
        "status-peserta-pcare",
        f"Hasil pencarian peserta di P-Care, {tanggal(day)}",
        f"No. kartu {mask_card(claim.peserta.no_kartu)}, {claim.peserta.nama.upper()}. "
        "**Status: TIDAK AKTIF** (menunggak iuran) pada tanggal pelayanan.",
        "kartu_peserta",
    )
    return Edit(
        {"peserta.aktif": False},
        ("PS01",),
        "Data peserta P-Care mencatat status tidak aktif pada tanggal pelayanan. JKN hanya menjamin peserta yang "
        "aktif pada tanggal itu; pelunasan sesudahnya tidak membuat pelayanan ini tertanggung. Klaim tidak "
        "diajukan, dan mengubah status peserta adalah pemalsuan data.",
        "regulasi",
        evidence=[status],
        cannot_fix=True,
    )


def _status_unknown(base: Scenario, rng: random.Random) -> Edit | None:
    claim = base.klaim
    if claim.peserta.aktif is not True:
        return None
    day = claim.kunjungan.tgl_daftar
    status = _note(
        "status-peserta-pcare",
        f"Hasil pencarian peserta di P-Care, {tanggal(day)}",
        f"No. kartu {mask_card(claim.peserta.no_kartu)}, {claim.peserta.nama.upper()}. "
        "**Status: AKTIF** pada tanggal pelayanan.",
        "kartu_peserta",
    )
    return Edit(
        {"peserta.aktif": None},
        ("PS03",),
        "Kolom status kepesertaan kosong: data kunjungan dari SIMRS/SIMPUS tidak memuat hasil pencarian peserta. "
        "Kosong tidak berarti aktif; klaim tanpa status tidak dinyatakan layak bayar. Isi status dari cetakan "
        "pencarian peserta P-Care pada tanggal pelayanan: AKTIF.",
        "sistem-informasi",
        perbaikan={"peserta.aktif": True},
        fakta={"peserta.aktif": True},
        evidence=[status],
    )


def _charity(base: Scenario, rng: random.Random) -> Edit | None:
    """An outpatient service given at the facility's free charity day (bakti sosial) and billed all the same (EX02)."""
    claim = base.klaim
    if claim.pengajuan.jenis_klaim.value == "kapitasi" or claim.kunjungan.kd_tkp != "10" or claim.konteks.bakti_sosial:
        return None
    day = claim.kunjungan.tgl_daftar
    undangan = _note(
        "undangan-bakti-sosial",
        "Undangan dan kerangka acuan kegiatan",
        f"Bakti sosial pelayanan kesehatan **gratis**, {tanggal(day)}, oleh {claim.fasilitas.nama}. Pembiayaan: "
        f"panitia (donatur). Daftar pasien bakti sosial memuat {claim.peserta.nama}.",
        "dokumen",
    )
    return Edit(
        {"konteks.bakti_sosial": True},
        ("EX02",),
        "Pelayanan ini diberikan dalam kegiatan bakti sosial yang sudah dibiayai panitia dan diumumkan gratis: di luar "
        "manfaat JKN. Klaim tidak diajukan, dan menghapus tanda bakti sosial agar lolos adalah pemalsuan.",
        "regulasi",
        evidence=[undangan],
        cannot_fix=True,
    )


_METHOD_WORDS = {
    "suntik_1_bulan": "suntik 1 bulan (siklus 4 minggu)",
    "suntik_3_bulan": "suntik 3 bulan (siklus 12 minggu)",
}


def _injection_method(base: Scenario, rng: random.Random) -> list[Edit]:
    """A KB injection whose method is left blank or typed as the other one, so its interval reads too short (TR07)."""
    claim = base.klaim
    method = claim.pengajuan.metode_kb
    if claim.pengajuan.layanan != "kb_suntik" or method is None or not claim.riwayat_klaim:
        return []
    right = method.value
    kartu = _note(
        "kartu-kb",
        "Kartu peserta KB (K/IV/KB)",
        f"{claim.peserta.nama}: metode **{_METHOD_WORDS.get(right, right)}**; suntikan {tanggal(claim.kunjungan.tgl_daftar)}.",
        "dokumen",
    )
    out = []
    forms: list[tuple[str | None, str]] = []
    blank = claim.model_copy(update={"pengajuan": claim.pengajuan.model_copy(update={"metode_kb": None})})
    if injection_method(blank) is None:  # else the therapy line names the drug and the interval is read from it
        forms.append((None, "tidak diisi"))
    if right == "suntik_1_bulan":
        forms.append(("suntik_3_bulan", "diisi suntik 3 bulan"))
    for wrong, how in forms:
        out.append(
            Edit(
                {"pengajuan.metode_kb": wrong},
                ("TR07",),
                f"Metode KB di klaim {how}, sehingga jarak dari suntikan sebelumnya terbaca terlalu pendek. Kartu KB "
                f"mencatat {_METHOD_WORDS.get(right, right)}: salin metode itu.",
                "jenis-klaim",
                perbaikan={"pengajuan.metode_kb": right},
                fakta={"pengajuan.metode_kb": right},
                evidence=[kartu],
            )
        )
    return out


def _card_cut(base: Scenario, rng: random.Random) -> Edit | None:
    card = base.klaim.peserta.no_kartu
    cut = card.lstrip("0")
    if cut == card or not card.isdigit() or len(card) != 13:
        return None
    kartu = _note(
        "fotokopi-kartu-jkn",
        "Fotokopi kartu JKN",
        f"{base.klaim.peserta.nama.upper()}, nomor kartu **{card}**.",
        "kartu_peserta",
    )
    return Edit(
        {"peserta.no_kartu": cut},
        ("PS02",),
        f"Nomor kartu '{cut}' kehilangan angka nol di depannya karena kolomnya dibaca sebagai angka oleh "
        f"spreadsheet. Salin 13 digit dari kartu: {card}, dan atur kolom nomor kartu sebagai teks.",
        "dokumentasi",
        perbaikan={"peserta.no_kartu": card},
        fakta={"peserta.no_kartu": card},
        evidence=[kartu],
    )


def _no_visit_number(base: Scenario, rng: random.Random) -> Edit | None:
    number = base.klaim.kunjungan.no_kunjungan
    if not number:
        return None
    cetak = _note(
        "cetakan-pcare",
        "Cetakan entri P-Care (dicetak ulang dari riwayat kunjungan)",
        f"Kunjungan {base.klaim.peserta.nama}, {tanggal(base.klaim.kunjungan.tgl_daftar)}: nomor kunjungan "
        f"**{number}**.",
        "dokumen",
    )
    return Edit(
        {"kunjungan.no_kunjungan": None},
        ("PC07",),
        f"Nomor kunjungan P-Care tidak terisi di klaim karena bridging mengembalikan galat, padahal kunjungan "
        f"sudah tercatat: cetakan P-Care memuat nomor {number}. Cantumkan nomor itu.",
        "sistem-informasi",
        perbaikan={"kunjungan.no_kunjungan": number},
        evidence=[cetak],
    )


def _bad_code(base: Scenario, rng: random.Random) -> list[Edit]:
    codes = base.klaim.kunjungan.diagnosa
    if not codes:
        return []
    first = codes[0]
    ref = load_reference()
    typed = [f"{first}9" if "." in first else f"{first}.9", first.replace(".", ""), f"{first[:3]}.99"]
    out = []
    for bad in dict.fromkeys(typed):
        if normalise.icd10(bad) == first or ref.icd10_name(normalise.icd10(bad)):
            continue  # the claim model reads it back as a known code: no defect
        out.append(
            Edit(
                {"kunjungan.diagnosa": [bad, *codes[1:]]},
                ("KD01",),
                f"Diagnosa '{bad}' tidak ada dalam referensi ICD-10 WHO edisi 2010 yang dipakai P-Care; rekam medis "
                f"mencatat {first}. Salin kode dari referensi, jangan dari ingatan.",
                "diagnosa-kode",
                perbaikan={"kunjungan.diagnosa": list(codes)},
                harus={"kunjungan.diagnosa.0": first},
                evidence=[_record(base, "diagnosa", first)],
                diagnosa_didukung=list(codes),
                allowed=frozenset({"KL02", "RJ01", "EV01", "KL01"}),
            )
        )
    return out


def _reason_code(base: Scenario, rng: random.Random) -> list[Edit]:
    """The diagnosis that justifies the service line (Z34 for ANC, Z30 for KB...) left off, or its digits swapped."""
    codes = [d for d in base.klaim.kunjungan.diagnosa if d]
    ref = load_reference()
    service = ref.services.get(base.klaim.pengajuan.layanan)
    if service is None or not service.diagnosa_prefiks:
        return []
    supporting = [d for d in codes if d.startswith(service.diagnosa_prefiks)]
    if not supporting:
        return []
    others = [d for d in codes if d not in supporting]
    out = []
    if others:
        out.append(
            Edit(
                {"kunjungan.diagnosa": others},
                ("KL02",),
                f"Layanan '{service.label}' ditagih hanya dengan diagnosa {', '.join(others)}; kode yang menjadi "
                f"alasan layanan ({', '.join(supporting)}) tertinggal saat entri. Rekam medis mencatat keduanya: "
                "cantumkan kembali kode itu, jangan mengganti layanan.",
                "diagnosa-kode",
                perbaikan={"kunjungan.diagnosa": list(codes)},
                evidence=[_record(base, "diagnosa", ", ".join(codes))],
                diagnosa_didukung=list(codes),
            )
        )
    first = supporting[0]
    swapped = normalise.icd10(first[0] + first[2] + first[1] + first[3:])
    if swapped != first and ref.icd10_name(swapped) and not swapped.startswith(service.diagnosa_prefiks):
        out.append(
            Edit(
                {"kunjungan.diagnosa": [swapped if d == first else d for d in codes]},
                ("KL02",),
                f"Diagnosa '{swapped}' adalah kode yang sah tetapi bukan alasan layanan '{service.label}': dua angkanya "
                f"tertukar saat diketik. Rekam medis mencatat {first}. Salin kode dari rekam medis.",
                "diagnosa-kode",
                perbaikan={"kunjungan.diagnosa": list(codes)},
                harus={"kunjungan.diagnosa": list(codes)},
                evidence=[_record(base, "diagnosa", ", ".join(codes))],
                diagnosa_didukung=list(codes),
            )
        )
    return out


_TACC = {1: "Time", 2: "Age", 3: "Complication", 4: "Comorbidity"}


def _tacc_dropped(base: Scenario, rng: random.Random) -> Edit | None:
    """A referral of a non-specialist diagnosis sent with its TACC left blank, though the referral letter gives it."""
    k = base.klaim.kunjungan
    r = k.rujukan
    if r is None or not k.diagnosa or r.kd_tacc not in _TACC or not r.alasan_tacc:
        return None
    if not load_reference().is_nonspesialis(k.diagnosa[0]):
        return None
    surat = _note(
        "surat-rujukan",
        f"Surat rujukan, {tanggal(k.tgl_daftar)}",
        f"Diagnosa {k.diagnosa[0]}. **TACC: {r.kd_tacc} {_TACC[r.kd_tacc]}**; alasan: {r.alasan_tacc}.",
        "dokumen",
    )
    return Edit(
        {"kunjungan.rujukan.kd_tacc": -1, "kunjungan.rujukan.alasan_tacc": None},
        ("RJ01",),
        f"Diagnosa {k.diagnosa[0]} termasuk daftar non-spesialistik; rujukannya terkirim tanpa TACC sehingga "
        f"dihitung dalam rasio rujukan non-spesialistik. Surat rujukan dokter mencatat TACC {r.kd_tacc} "
        f"({_TACC[r.kd_tacc]}) beserta alasannya: isi keduanya persis seperti di surat.",
        "sistem-informasi",
        perbaikan={"kunjungan.rujukan.kd_tacc": r.kd_tacc, "kunjungan.rujukan.alasan_tacc": r.alasan_tacc},
        fakta={"kunjungan.rujukan.kd_tacc": r.kd_tacc, "kunjungan.rujukan.alasan_tacc": r.alasan_tacc},
        evidence=[surat],
    )


def _leading_zero(base: Scenario, rng: random.Random) -> list[Edit]:
    k = base.klaim.kunjungan
    out = []
    for path, value, what in (
        ("kunjungan.kd_sadar", k.kd_sadar, "kesadaran"),
        ("kunjungan.kd_poli", k.kd_poli, "poli"),
        ("kunjungan.kd_tkp", k.kd_tkp, "TKP"),
    ):
        if not value or not value.startswith("0"):
            continue
        typed = value.lstrip("0") or "0"
        out.append(
            Edit(
                {path: typed},
                ("KD02",),
                f"Kode {what} diketik '{typed}'; P-Care hanya menerima kode dari daftar referensinya. Angka nol di "
                f"depan hilang saat diketik atau diimpor: kodenya '{value}'.",
                "sistem-informasi",
                perbaikan={path: value},
                fakta={path: value},
                evidence=[_record(base, what, value)],
                allowed=frozenset({"KL03", "KD03", "KD10"}),
            )
        )
    return out


_OTHER_LIST = {"10": "0", "20": "3"}  # a status pulang from the other TKP's list


def _status_list(base: Scenario, rng: random.Random) -> Edit | None:
    k = base.klaim.kunjungan
    if k.kd_tkp not in _OTHER_LIST or k.kd_status_pulang not in ("0", "3"):
        return None
    wrong = _OTHER_LIST[k.kd_tkp]
    return Edit(
        {"kunjungan.kd_status_pulang": wrong},
        ("KD03",),
        f"Status pulang '{wrong}' diambil dari daftar {'rawat inap' if wrong == '0' else 'rawat jalan'}, padahal "
        f"kunjungan ini TKP {k.kd_tkp}. Rekam medis mencatat status '{k.kd_status_pulang}'.",
        "diagnosa-kode",
        perbaikan={"kunjungan.kd_status_pulang": k.kd_status_pulang},
        fakta={"kunjungan.kd_status_pulang": k.kd_status_pulang},
        evidence=[_record(base, "status pulang", k.kd_status_pulang or "")],
        allowed=frozenset({"KD10"}),
    )


def _service_typo(base: Scenario, rng: random.Random) -> list[Edit]:
    p = base.klaim.pengajuan
    if p.jenis_klaim.value == "kapitasi":
        return []
    right = p.layanan
    typos = [right.replace("_", ""), f"{right}_", right[:-1]]
    return [
        Edit(
            {"pengajuan.layanan": typo},
            ("KD04",),
            f"Baris layanan '{typo}' tidak dikenal, sehingga klaim tidak dapat dihargai. Pilih baris '{right}' dari "
            "daftar tarif; jangan mengetik bebas.",
            "tarif",
            perbaikan={"pengajuan.layanan": right},
            harus={"pengajuan.layanan": right},
        )
        for typo in dict.fromkeys(typos)
        if typo != right and typo not in load_reference().services
    ]


def _lab_edits(
    base: Scenario,
    change: Callable[[dict[str, Any]], dict[str, Any] | None],
    code: str,
    why: str,
    allowed: frozenset[str] = frozenset(),
) -> list[Edit]:
    labs = base.klaim.model_dump(mode="json")["lab"]
    filed = {(r.jenis, r.nilai, r.tanggal) for r in base.case_file_labs()}
    out = []
    for i, row in enumerate(labs):
        broken = change(row)
        if broken is None:
            continue
        evidence = []
        if any((r.jenis, r.nilai, r.tanggal) not in filed for r in base.klaim.lab):
            rows = "\n".join(f"| {tanggal(r.tanggal)} | {r.jenis} | {r.nilai:g} {r.satuan} |" for r in base.klaim.lab)
            evidence.append(
                _note(
                    "buku-lab-salinan",
                    "Buku laboratorium (salinan halaman pasien)",
                    f"| tanggal | pemeriksaan | hasil |\n|---|---|---|\n{rows}",
                    "buku_lab",
                    lab=list(base.klaim.lab),
                )
            )
        out.append(
            Edit(
                {"lab": [*labs[:i], broken, *labs[i + 1 :]]},
                (code,),
                why.format(
                    jenis=row["jenis"],
                    nilai=f"{row['nilai']:g}",
                    satuan=row["satuan"],
                    tanggal=tanggal(dt.date.fromisoformat(row["tanggal"])),
                ),
                "dokumentasi",
                perbaikan={"lab": labs},
                evidence=evidence,
                allowed=allowed | {"EV01"},
            )
        )
    return out


def _lab_panel(base: Scenario, rng: random.Random) -> list[Edit]:
    return _lab_edits(
        base,
        lambda r: {**r, "jenis": "darah rutin"},
        "KD05",
        "Hasil {jenis} dilampirkan dengan nama 'darah rutin', judul panel pada lembar alat. Tulis nama "
        "pemeriksaannya ({jenis}) dengan nilai dan satuan seperti di buku lab.",
    )


def _lab_unit(base: Scenario, rng: random.Random) -> list[Edit]:
    return _lab_edits(
        base,
        lambda r: {**r, "satuan": "sel"},
        "KD06",
        "Satuan hasil {jenis} tertulis 'sel', satuan yang tidak dapat dibaca. Buku lab mencatat {nilai} "
        "{satuan}: salin satuannya.",
    )


def _lab_date(base: Scenario, rng: random.Random) -> list[Edit]:
    sent = base.klaim.pengajuan.tgl_pengajuan

    def later(r: dict[str, Any]) -> dict[str, Any] | None:
        day = dt.date.fromisoformat(r["tanggal"])
        typed = day.replace(year=day.year + 1) if not (day.month == 2 and day.day == 29) else None
        return {**r, "tanggal": typed.isoformat()} if typed and typed > sent else None

    return _lab_edits(
        base,
        later,
        "TW06",
        "Tanggal hasil {jenis} diketik dengan tahun berikutnya, setelah klaim diajukan. Buku lab mencatat "
        "{tanggal}: salin tanggalnya.",
    )


def _lab_unit_dropped(base: Scenario, rng: random.Random) -> list[Edit]:
    def drop(r: dict[str, Any]) -> dict[str, Any] | None:
        if r["jenis"] in ("trombosit", "leukosit") and r["nilai"] >= 1000:
            return {**r, "nilai": r["nilai"] / 1000}  # the analyser's 10^3/µL figure copied as per µL
        if r["jenis"] == "hematokrit" and r["nilai"] >= 5:
            return {**r, "nilai": round(r["nilai"] / 100, 2)}  # an L/L figure copied as %
        return None

    return _lab_edits(
        base,
        drop,
        "EV03",
        "Hasil {jenis} disalin tanpa satuan alatnya (10^3/µL atau L/L), sehingga nilainya tidak mungkin pada pasien "
        "hidup. Buku lab mencatat {nilai} {satuan}: salin nilai bersama satuannya.",
    )


_REQUIRED_DOC_RULES = frozenset({"DK02", "DK03", "DK04", "DK07", "EV02"})


def _doc_edits(
    base: Scenario, broken_doc: Callable[[dict[str, Any]], dict[str, Any] | None], code: str | None, why: str
) -> list[Edit]:
    docs = base.klaim.model_dump(mode="json")["dokumen"]
    labels = load_reference().document_labels
    out = []
    for i, d in enumerate(docs):
        broken = broken_doc(d)
        rest = [*docs[:i], *([broken] if broken else []), *docs[i + 1 :]]
        found = verify(patch_claim(base.klaim, {"dokumen": rest})).rule_codes()
        codes = tuple(c for c in found if c in _REQUIRED_DOC_RULES | {"KD07"})
        if not codes or (code and code not in codes) or len(codes) != len(found):
            continue
        evidence = []
        if not any(
            x.jenis == d["jenis"] and (x.ditandatangani or not d["ditandatangani"]) for x in base.case_file_documents()
        ):
            evidence.append(
                _note(
                    f"arsip-{d['jenis'].replace('_', '-')}",
                    f"Arsip: {labels.get(d['jenis'], d['jenis'])}",
                    "Lembar asli di map arsip fasilitas; belum masuk berkas klaim.",
                    "dokumen",
                    dokumen={"jenis": d["jenis"], "ditandatangani": d["ditandatangani"]},
                )
            )
        out.append(
            Edit(
                {"dokumen": rest},
                codes,
                why.format(label=labels.get(d["jenis"], d["jenis"]), jenis=d["jenis"]),
                "dokumentasi",
                perbaikan={"dokumen": docs},
                evidence=evidence,
            )
        )
    return out


def _doc_missing(base: Scenario, rng: random.Random) -> list[Edit]:
    return _doc_edits(
        base,
        lambda d: None,
        None,
        "Dokumen **{label}** tidak ikut dilampirkan, padahal lembarnya ada di berkas fasilitas. Lampirkan; jangan "
        "membuat dokumen baru.",
    )


def _doc_misnamed(base: Scenario, rng: random.Random) -> list[Edit]:
    return _doc_edits(
        base,
        lambda d: {**d, "jenis": d["jenis"].replace("_", "") + "x"},
        "KD07",
        "Dokumen **{label}** dilampirkan dengan nama jenis yang salah ketik, sehingga tidak dikenal dan dianggap "
        "tidak ada. Beri jenis yang benar: {jenis}.",
    )


def _route_typo(base: Scenario, rng: random.Random) -> list[Edit]:
    terapi = base.klaim.model_dump(mode="json")["kunjungan"]["terapi"]
    out = []
    for i, line in enumerate(terapi):
        typed = {**line, "rute": "2x1"}
        out.append(
            Edit(
                {"kunjungan.terapi": [*terapi[:i], typed, *terapi[i + 1 :]]},
                ("KD08",),
                f"Kolom rute '{line['nama']}' berisi aturan pakai '2x1', bukan rute. Resep mencatat rute "
                f"'{line['rute']}': tulis itu.",
                "sistem-informasi",
                perbaikan={"kunjungan.terapi": terapi},
                evidence=[_record(base, f"rute {line['nama']}", line["rute"])],
            )
        )
    return out


def _coma_sent_home(base: Scenario, rng: random.Random) -> Edit | None:
    k = base.klaim.kunjungan
    if k.kd_tkp != "10" or k.kd_status_pulang != "3" or k.kd_sadar != "01":
        return None
    return Edit(
        {"kunjungan.kd_sadar": "04"},
        ("KD10",),
        "Kesadaran tercatat 04 (Coma) pada pasien rawat jalan yang dipulangkan berobat jalan: isian yang saling "
        "bertentangan, tanda salah pilih dari daftar. Rekam medis mencatat compos mentis (01).",
        "sistem-informasi",
        perbaikan={"kunjungan.kd_sadar": "01"},
        fakta={"kunjungan.kd_sadar": "01"},
        evidence=[_record(base, "kesadaran", "compos mentis (01)")],
    )


def _stay_as_outpatient(base: Scenario, rng: random.Random) -> Edit | None:
    k = base.klaim.kunjungan
    if k.kd_tkp != "20" or base.klaim.pengajuan.jenis_klaim.value == "kapitasi":
        return None
    return Edit(
        {"kunjungan.kd_tkp": "10"},
        ("KL03",),
        "Kunjungan tercatat TKP 10 (rawat jalan) karena memakai pendaftaran poli, padahal layanan yang diklaim "
        "adalah rawat inap tingkat pertama (TKP 20).",
        "jenis-klaim",
        perbaikan={"kunjungan.kd_tkp": "20"},
        harus={"kunjungan.kd_tkp": "20"},
        allowed=frozenset({"KD03"}),
    )


def _discharge_typo(base: Scenario, rng: random.Random) -> Edit | None:
    k = base.klaim.kunjungan
    if k.tgl_pulang is None or k.tgl_pulang.day < 10:
        return None
    typed = k.tgl_pulang.replace(day=int(str(k.tgl_pulang.day)[0]))
    if typed >= k.tgl_daftar:
        return None
    return Edit(
        {"kunjungan.tgl_pulang": typed.isoformat()},
        ("TW03",),
        f"Tanggal pulang {tanggal(typed)} jatuh sebelum tanggal masuk: satu angka hilang saat diketik. Resume "
        f"mencatat pulang {tanggal(k.tgl_pulang)}; satu perbaikan menghapus semua temuan yang mengikutinya.",
        "revisi-klaim",
        perbaikan={"kunjungan.tgl_pulang": k.tgl_pulang.isoformat()},
        fakta={"kunjungan.tgl_pulang": k.tgl_pulang.isoformat()},
        evidence=[_record(base, "tanggal pulang", tanggal(k.tgl_pulang))],
        allowed=frozenset({"TR01", "TR02", "TR03", "TW04", "DP02", "EV01"}),
    )


def _born_later(base: Scenario, rng: random.Random) -> Edit | None:
    born = base.klaim.peserta.tgl_lahir
    if born is None or born.year + 100 > 2100 or (born.month == 2 and born.day == 29):
        return None
    typed = born.replace(year=born.year + 100)
    kartu = _note(
        "fotokopi-ktp",
        "Fotokopi KTP",
        f"{base.klaim.peserta.nama.upper()}, lahir **{tanggal(born)}**.",
        "kartu_peserta",
    )
    return Edit(
        {"peserta.tgl_lahir": typed.isoformat()},
        ("TW05",),
        f"Tanggal lahir {tanggal(typed)} jatuh setelah tanggal pelayanan: tahun dua digit salah dibaca saat "
        f"migrasi data. KTP mencatat {tanggal(born)}.",
        "integrasi-digital",
        perbaikan={"peserta.tgl_lahir": born.isoformat()},
        fakta={"peserta.tgl_lahir": born.isoformat()},
        evidence=[kartu],
        allowed=frozenset({"TW06"}),
    )


def _submission_file(base: Scenario, rng: random.Random) -> list[Edit]:
    berkas = base.klaim.berkas_pengajuan
    if berkas is None:
        return []
    docs = base.klaim.model_dump(mode="json")["berkas_pengajuan"]["dokumen"]
    labels = load_reference().document_labels
    out = []
    for i, d in enumerate(docs):
        for flag in ("bermeterai", "ditandatangani"):
            if not d.get(flag):
                continue
            broken = [*docs[:i], {**d, flag: False}, *docs[i + 1 :]]
            what = "meterai" if flag == "bermeterai" else "tanda tangan"
            out.append(
                Edit(
                    {"berkas_pengajuan.dokumen": broken},
                    ("DK01",),
                    f"{labels.get(d['jenis'], d['jenis'])} dalam berkas umum pengajuan belum dibubuhi {what}. Berkas "
                    "umum dinilai sekali untuk seluruh batch: lembar yang lengkap ada di map pengajuan, pakai itu.",
                    "dokumentasi",
                    perbaikan={"berkas_pengajuan.dokumen": docs},
                    evidence=[
                        _note(
                            f"map-pengajuan-{d['jenis']}",
                            f"Map pengajuan: {labels.get(d['jenis'], d['jenis'])}",
                            f"Lembar yang sudah lengkap ({what} ada).",
                            "dokumen",
                            dokumen={k: v for k, v in d.items() if k in ("jenis", "ditandatangani", "bermeterai")},
                        )
                    ],
                )
            )
    return out


def _no_induk(base: Scenario, rng: random.Random) -> Edit | None:
    f = base.klaim.fasilitas
    if f.jenis != "praktik_bidan" or not f.kode_induk or base.klaim.pengajuan.jenis_klaim.value == "kapitasi":
        return None
    pks = _note(
        "pks-jejaring",
        "Perjanjian jejaring bidan",
        f"{f.nama} adalah jejaring FKTP induk kode **{f.kode_induk}**.",
        "dokumen",
    )
    return Edit(
        {"fasilitas.kode_induk": None},
        ("DK06",),
        f"Klaim bidan jejaring diajukan melalui FKTP induk; kode induk {f.kode_induk} tidak terisi.",
        "jenis-klaim",
        perbaikan={"fasilitas.kode_induk": f.kode_induk},
        harus={"fasilitas.kode_induk": f.kode_induk},
        evidence=[pks],
    )


def _paid_twice(base: Scenario, rng: random.Random) -> Edit | None:
    claim = base.klaim
    p = claim.pengajuan
    if p.jenis_klaim.value == "kapitasi":
        return None
    earlier = f"{p.no_klaim or 'KLAIM'}-A"
    riwayat = [
        *claim.model_dump(mode="json")["riwayat_klaim"],
        {
            "layanan": p.layanan,
            "tgl_layanan": claim.kunjungan.tgl_daftar.isoformat(),
            "no_klaim": earlier,
            "kunjungan_ke": p.kunjungan_ke,
            "tgl_pulang": claim.kunjungan.tgl_pulang.isoformat() if claim.kunjungan.tgl_pulang else None,
        },
    ]
    daftar = _note(
        "klaim-terbayar",
        "Daftar klaim yang sudah dibayar (eClaim)",
        f"{earlier}: {p.layanan}, {tanggal(claim.kunjungan.tgl_daftar)}, sudah dibayar.",
        "register",
    )
    return Edit(
        {"riwayat_klaim": riwayat},
        ("DP01",),
        f"Layanan yang sama pada tanggal yang sama sudah diklaim dan dibayar lewat {earlier}: baris ini sisa rekap "
        "bulan lalu. Satu layanan dibayar sekali; tarik baris ini, jangan mengubah tanggalnya agar lolos.",
        "revisi-klaim",
        evidence=[daftar],
        cannot_fix=True,
        allowed=frozenset({"DP02", "TR06", "TR07", "TR08"}),
    )


def _stay_days(base: Scenario, rng: random.Random) -> Edit | None:
    p = base.klaim.pengajuan
    if p.layanan != "rawat_inap" or p.lama_rawat_hari is None:
        return None
    return Edit(
        {"pengajuan.lama_rawat_hari": p.lama_rawat_hari + 1},
        ("TR03",),
        f"Lama rawat diisi {p.lama_rawat_hari + 1} hari dengan menghitung hari masuk dan hari pulang; RITP dihitung "
        f"dari selisih tanggal: {p.lama_rawat_hari} hari.",
        "tarif",
        perbaikan={"pengajuan.lama_rawat_hari": p.lama_rawat_hari},
        allowed=frozenset({"TR01"}),
    )


def _zero_amount(base: Scenario, rng: random.Random) -> Edit | None:
    p = base.klaim.pengajuan
    if p.jenis_klaim.value == "kapitasi" or p.jumlah_diajukan <= 0:
        return None
    return Edit(
        {"pengajuan.jumlah_diajukan": 0},
        ("TR04",),
        f"Jumlah diajukan Rp0 karena rumus lembar rekap merujuk kolom kosong. Jumlah yang benar "
        f"{rupiah(p.jumlah_diajukan)}.",
        "tarif",
        perbaikan={"pengajuan.jumlah_diajukan": p.jumlah_diajukan},
        harus={"pengajuan.jumlah_diajukan": p.jumlah_diajukan},
        allowed=frozenset({"TR01"}),
    )


def _price_list_rate(base: Scenario, rng: random.Random) -> Edit | None:
    f = base.klaim.fasilitas
    rate = f.tarif_rawat_inap_per_hari
    if base.klaim.pengajuan.layanan != "rawat_inap" or f.jenis == "puskesmas" or rate is None:
        return None
    pks = _note(
        "lampiran-pks", "Lampiran tarif PKS", f"Rawat inap tingkat pertama: **{rupiah(rate)} per hari**.", "dokumen"
    )
    return Edit(
        {"fasilitas.tarif_rawat_inap_per_hari": 350_000},
        ("TR05",),
        f"Tarif per hari Rp350.000 diambil dari daftar harga pasien umum, di luar rentang per hari untuk FKTP selain "
        f"Puskesmas. Klaim JKN memakai tarif PKS: {rupiah(rate)}.",
        "tarif",
        perbaikan={"fasilitas.tarif_rawat_inap_per_hari": rate},
        fakta={"fasilitas.tarif_rawat_inap_per_hari": rate},
        evidence=[pks],
        allowed=frozenset({"TR01"}),
    )


def _fifth_pnc(base: Scenario, rng: random.Random) -> Edit | None:
    p = base.klaim.pengajuan
    if p.layanan != "pnc" or p.kunjungan_ke is None:
        return None
    kia = _note(
        "kia-nifas",
        "Buku KIA, halaman pelayanan nifas",
        f"Kunjungan {tanggal(base.klaim.kunjungan.tgl_daftar)}: **KF{p.kunjungan_ke}**.",
        "kia",
    )
    return Edit(
        {"pengajuan.kunjungan_ke": 5},
        ("TR06",),
        f"Kunjungan ke- diisi 5 dari rekap yang ikut menghitung kunjungan ANC; buku KIA mencatat KF{p.kunjungan_ke}.",
        "sistem-informasi",
        perbaikan={"pengajuan.kunjungan_ke": p.kunjungan_ke},
        fakta={"pengajuan.kunjungan_ke": p.kunjungan_ke},
        evidence=[kia],
    )


def _contraceptive_billed(base: Scenario, rng: random.Random) -> list[Edit]:
    if base.klaim.pengajuan.jenis_klaim.value == "kapitasi":
        return []
    terapi = base.klaim.model_dump(mode="json")["kunjungan"]["terapi"]
    return [
        Edit(
            {"kunjungan.terapi": [*terapi[:i], {**t, "biaya": 15_000}, *terapi[i + 1 :]]},
            ("EX04",),
            f"Harga '{t['nama']}' (Rp15.000) ikut ditagih. Alat dan obat kontrasepsi disediakan program KB, bukan "
            "JKN: catat barisnya dengan biaya Rp0; pelayanan KB-nya tetap dibayar.",
            "regulasi",
            perbaikan={"kunjungan.terapi": terapi},
        )
        for i, t in enumerate(terapi)
        if (t.get("golongan") or "") == "kontrasepsi" and not t.get("biaya")
    ]


def _referral_blank(base: Scenario, rng: random.Random) -> Edit | None:
    k = base.klaim.kunjungan
    if k.rujukan is None or k.kd_status_pulang not in ("4", "6"):
        return None
    rujukan = base.klaim.model_dump(mode="json")["kunjungan"]["rujukan"]
    surat = _note(
        "surat-rujukan-arsip",
        "Arsip surat rujukan",
        f"Tujuan: kode PPK **{k.rujukan.kd_ppk}**, {k.rujukan.spesialis or '-'}, "
        f"{tanggal(k.rujukan.tgl_est_rujuk) if k.rujukan.tgl_est_rujuk else '-'}.",
        "dokumen",
    )
    return Edit(
        {"kunjungan.rujukan": None},
        ("RJ02",),
        "Status pulang rujuk, tetapi data rujukan tidak ikut terkirim. Isi tujuan, spesialis dan tanggal dari arsip "
        "surat rujukan.",
        "sistem-informasi",
        perbaikan={"kunjungan.rujukan": rujukan},
        evidence=[surat],
    )


def _prolanis(base: Scenario, rng: random.Random) -> list[Edit]:
    k = base.klaim.kegiatan_prolanis
    if k is None:
        return []
    out = []
    for flag, what in (("proposal", "proposal"), ("lpj", "LPJ")):
        if getattr(k, flag):
            out.append(
                Edit(
                    {f"kegiatan_prolanis.{flag}": False},
                    ("PL01",),
                    f"{what} kegiatan ada di map kegiatan tetapi tidak ikut dilampirkan. Lampirkan.",
                    "jenis-klaim",
                    perbaikan={f"kegiatan_prolanis.{flag}": True},
                    evidence=[
                        _note(
                            f"map-{flag}", f"Map kegiatan: {what}", f"{what} kegiatan, sudah ditandatangani.", "dokumen"
                        )
                    ],
                )
            )
    hadir = base.klaim.model_dump(mode="json")["kegiatan_prolanis"]["daftar_hadir"]
    for i, person in enumerate(hadir):
        if person.get("no_hp"):
            out.append(
                Edit(
                    {"kegiatan_prolanis.daftar_hadir": [*hadir[:i], {**person, "no_hp": ""}, *hadir[i + 1 :]]},
                    ("PL02",),
                    f"Nomor telepon {person['nama']} tidak tersalin ke daftar hadir klaim; daftar hadir asli memuatnya.",
                    "jenis-klaim",
                    perbaikan={"kegiatan_prolanis.daftar_hadir": hadir},
                    evidence=[
                        _note(
                            "daftar-hadir-asli",
                            "Daftar hadir asli",
                            f"{person['nama']}: nomor telepon {person['no_hp']}.",
                            "dokumen",
                        )
                    ],
                )
            )
    if k.biaya_honor > 0 and k.pph_honor_dipotong:
        out.append(
            Edit(
                {"kegiatan_prolanis.pph_honor_dipotong": False},
                ("PL05",),
                "Kuitansi honor yang dilampirkan adalah lembar pertama tanpa potongan PPh 3%; kuitansi yang memotongnya "
                "ada di map bendahara.",
                "jenis-klaim",
                perbaikan={"kegiatan_prolanis.pph_honor_dipotong": True},
                evidence=[
                    _note(
                        "kuitansi-honor-pph", "Kuitansi honor (PPh 3% dipotong)", "Ditandatangani penerima.", "dokumen"
                    )
                ],
            )
        )
    return out


def _prolanis_photo(base: Scenario, rng: random.Random) -> list[Edit]:
    """One Prolanis photo replaced by a copy of the first (PL03); the originals are in the activity's folder."""
    k = base.klaim.kegiatan_prolanis
    fotos = [] if k is None else base.klaim.model_dump(mode="json")["kegiatan_prolanis"]["foto"]
    if k is None or len(fotos) < 2:
        return []
    i = rng.randrange(1, len(fotos))
    twice = [*fotos[:i], {**fotos[0], "berkas": fotos[i]["berkas"]}, *fotos[i + 1 :]]
    names = ", ".join(f["berkas"] or f["sha256"][:12] for f in fotos)
    return [
        Edit(
            {"kegiatan_prolanis.foto": twice},
            ("PL03",),
            f"Foto '{fotos[i]['berkas'] or i + 1}' yang dilampirkan ternyata salinan foto pertama (sidiknya sama), "
            "jadi kegiatan ini hanya dibuktikan oleh foto yang lebih sedikit. Folder foto kegiatan memuat foto "
            "aslinya: lampirkan foto itu, bukan salinan dan bukan foto kegiatan lain.",
            "jenis-klaim",
            perbaikan={"kegiatan_prolanis.foto": fotos},
            fakta={"kegiatan_prolanis.foto": fotos},
            evidence=[
                _note(
                    "folder-foto",
                    "Folder foto kegiatan",
                    f"{len(fotos)} foto berwarna: {names}.",
                    "dokumen",
                    foto=list(k.foto),
                )
            ],
        )
    ]


def _prolanis_snack(base: Scenario, rng: random.Random) -> list[Edit]:
    """The consumption cost typed with an extra zero (PL04); the receipt holds the amount."""
    k = base.klaim.kegiatan_prolanis
    if k is None or k.biaya_konsumsi <= 0:
        return []
    typed = k.biaya_konsumsi * 10
    return [
        Edit(
            {"kegiatan_prolanis.biaya_konsumsi": typed},
            ("PL04",),
            f"Biaya konsumsi tertulis {rupiah(typed)}: satu angka nol berlebih saat diketik. Kuitansi konsumsi "
            f"mencatat {rupiah(k.biaya_konsumsi)}; salin angka dari kuitansi.",
            "jenis-klaim",
            perbaikan={"kegiatan_prolanis.biaya_konsumsi": k.biaya_konsumsi},
            fakta={"kegiatan_prolanis.biaya_konsumsi": k.biaya_konsumsi},
            evidence=[
                _note(
                    "kuitansi-konsumsi",
                    "Kuitansi konsumsi kegiatan",
                    f"Konsumsi kegiatan {tanggal(k.tanggal)}: **{rupiah(k.biaya_konsumsi)}**, ditandatangani penyedia.",
                    "dokumen",
                )
            ],
            allowed=frozenset({"TR01"}),
        )
    ]


# key -> (Indonesian label, maker), in the order the variants are listed
DEFECTS: dict[str, tuple[str, Make]] = {
    "resume-tanpa-ttd": ("Resume medis belum ditandatangani", _unsigned("resume_medis", "EV02", "dokumentasi")),
    "bukti-pelayanan-tanpa-ttd": (
        "Bukti pelayanan belum ditandatangani peserta",
        _unsigned("bukti_pelayanan", "DK07", "dokumentasi"),
    ),
    "partograf-tanpa-ttd": ("Partograf belum ditandatangani", _unsigned("partograf", "DK02", "dokumentasi")),
    "tanpa-lab": ("Hasil lab DBD tidak dilampirkan", _without_lab),
    "lewat-batas-bulanan": ("Tanggal pengajuan melewati tanggal 10", _late),
    "kedaluwarsa": ("Diajukan lebih dari 6 bulan setelah layanan", _expired),
    "jumlah-salah": ("Jumlah tidak sesuai tarif", _wrong_amount),
    "baris-tarif-salah": ("Baris tarif tidak sesuai pemeriksa/tim", _wrong_line),
    "keluhan-kosong": ("Keluhan kosong", _blank("kunjungan.keluhan", "PC01", "keluhan", "", False, False)),
    "vital-kosong": ("Tanda vital wajib kosong", _blank_vital),
    "kesadaran-kosong": ("Kesadaran kosong", _blank("kunjungan.kd_sadar", "PC03", "kesadaran", None, True)),
    "diagnosa-kosong": (
        "Diagnosa pertama kosong",
        _blank("kunjungan.diagnosa", "PC04", "diagnosa", [], False, False),
    ),
    "dokter-kosong": ("Kode dokter kosong", _blank("kunjungan.kd_dokter", "PC05", "kode dokter", None, True, False)),
    "status-pulang-kosong": (
        "Status pulang kosong",
        _blank("kunjungan.kd_status_pulang", "PC06", "status pulang", None, True),
    ),
    "peserta-tidak-aktif": ("Peserta tidak aktif pada tanggal pelayanan", _inactive),
    "status-peserta-kosong": ("Status kepesertaan tidak terisi", _status_unknown),
    "bakti-sosial-ditagih": ("Layanan bakti sosial ditagihkan", _charity),
    "metode-kb-suntik": ("Metode KB suntik kosong atau tertukar", _injection_method),
    "nomor-kartu-terpotong": ("Nomor kartu kehilangan nol di depan", _card_cut),
    "nomor-kunjungan-kosong": ("Nomor kunjungan P-Care tidak terisi", _no_visit_number),
    "kode-icd-salah": ("Kode diagnosa tidak ada di ICD-10 2010", _bad_code),
    "kode-alasan-layanan": ("Diagnosa alasan layanan tertinggal atau tertukar", _reason_code),
    "tacc-tidak-terkirim": ("TACC rujukan non-spesialistik tidak terisi", _tacc_dropped),
    "kode-referensi-tanpa-nol": ("Kode referensi P-Care kehilangan nol", _leading_zero),
    "status-pulang-daftar-lain": ("Status pulang dari daftar TKP lain", _status_list),
    "baris-layanan-salah-ketik": ("Baris layanan salah ketik", _service_typo),
    "lab-nama-panel": ("Hasil lab diberi nama panel", _lab_panel),
    "lab-satuan-salah": ("Satuan hasil lab tidak terbaca", _lab_unit),
    "lab-tanggal-salah": ("Tanggal hasil lab salah tahun", _lab_date),
    "lab-satuan-hilang": ("Satuan alat hasil lab hilang", _lab_unit_dropped),
    "dokumen-tidak-dilampirkan": ("Dokumen wajib tidak dilampirkan", _doc_missing),
    "dokumen-salah-nama": ("Jenis dokumen salah ketik", _doc_misnamed),
    "rute-salah-isi": ("Kolom rute berisi aturan pakai", _route_typo),
    "kesadaran-koma-berobat-jalan": ("Kesadaran koma pada pasien berobat jalan", _coma_sent_home),
    "rawat-inap-tkp-rawat-jalan": ("Rawat inap tercatat TKP rawat jalan", _stay_as_outpatient),
    "tanggal-pulang-salah-ketik": ("Tanggal pulang salah ketik", _discharge_typo),
    "tanggal-lahir-abad-salah": ("Tahun lahir salah dibaca saat migrasi", _born_later),
    "berkas-pengajuan-tidak-lengkap": ("Berkas umum pengajuan tanpa tanda tangan/meterai", _submission_file),
    "bidan-tanpa-induk": ("Bidan jejaring tanpa kode induk", _no_induk),
    "klaim-ganda": ("Layanan yang sama sudah dibayar", _paid_twice),
    "lama-rawat-lebih": ("Lama rawat dihitung lebih", _stay_days),
    "jumlah-nol": ("Jumlah diajukan Rp0", _zero_amount),
    "tarif-per-hari-daftar-harga": ("Tarif per hari dari daftar harga umum", _price_list_rate),
    "pnc-kunjungan-kelima": ("PNC tercatat kunjungan kelima", _fifth_pnc),
    "kontrasepsi-ditagih": ("Harga kontrasepsi ikut ditagih", _contraceptive_billed),
    "data-rujukan-kosong": ("Data rujukan tidak terkirim", _referral_blank),
    "prolanis-berkas": ("Berkas kegiatan Prolanis tidak lengkap", _prolanis),
    "prolanis-foto-salinan": ("Foto kegiatan Prolanis diganti salinan", _prolanis_photo),
    "prolanis-konsumsi-salah-ketik": ("Biaya konsumsi Prolanis salah ketik", _prolanis_snack),
}


def as_scenario(source: Scenario | Claim) -> Scenario:
    """A bare claim becomes a scenario with no case file and a clean key."""
    if isinstance(source, Scenario):
        return source
    name = source.fasilitas.nama or source.fasilitas.kode
    return Scenario(
        id="klaim",
        judul=name,
        modul="studi-kasus",
        tingkat="dasar",  # type: ignore[arg-type]
        cerita="",
        klaim=source,
        kunci=AnswerKey(cacat=[], penjelasan="Klaim sudah benar."),
    )


def _story(claim: Claim) -> str:
    k, p = claim.kunjungan, claim.pengajuan
    service = load_reference().services.get(p.layanan)
    what = service.label if service else p.layanan
    when = tanggal(k.tgl_daftar) + (f" s.d. {tanggal(k.tgl_pulang)}" if k.tgl_pulang else "")
    if p.jenis_klaim.value == "kapitasi":
        ask = "Entri P-Care kunjungan ini diperiksa dalam verifikasi internal sebelum rekap bulanan."
    else:
        ask = f"Klaimnya disiapkan untuk batch yang dikirim {tanggal(p.tgl_pengajuan)}."
    return (
        f"{claim.peserta.nama} dilayani di {claim.fasilitas.nama} pada {when} ({what}). {ask}\n\n"
        "Periksa klaim dan berkas kasus seperti verifikator BPJS: tandai setiap cacat, lalu perbaiki hanya dengan "
        "bukti yang ada di berkas, atau putuskan klaim tidak diajukan."
    )


def _build(base: Scenario, key: str, label: str, edit: Edit) -> Scenario:
    rules = [get_rule(code) for code in edit.codes]
    sources = "; ".join(f"{r.code}: {r.regulation}" for r in rules)
    uncertain = " Sebagian fakta aturan ini belum pasti." if any(r.uncertain for r in rules) else ""
    titles = "; ".join(f"**{r.code}** {r.title}" for r in rules)
    kunci = AnswerKey(
        cacat=sorted(edit.codes),
        penjelasan=f"{titles}. {edit.explanation}\n\nDasar: {sources}.{uncertain}",
        tidak_dapat_diperbaiki=edit.cannot_fix,
        perbaikan={} if edit.cannot_fix else edit.perbaikan,
        harus={**base.kunci.harus, **edit.harus},
        diagnosa_didukung=sorted({*base.kunci.diagnosa_didukung, *edit.diagnosa_didukung}),
        fakta={**base.kunci.fakta, **edit.fakta},
    )
    known = {item.id for item in base.berkas_kasus}
    return Scenario(
        id=f"{base.id}-{key}",  # key carries the option's number when a defect has several (all_variants)
        judul=f"{base.klaim.fasilitas.nama}: klaim {base.klaim.peserta.nama}",
        modul=edit.modul,
        tingkat="dasar",  # type: ignore[arg-type]
        ringkasan="Varian latihan dari satu klaim yang benar: temukan cacatnya dan perbaiki dengan bukti.",
        cerita=_story(base.klaim),
        sumber=f"Varian otomatis dari '{base.id}' ({label}); {sources}"
        + (f"; asal: {base.sumber}" if base.sumber else ""),
        berkas_kasus=[*base.berkas_kasus, *(item for item in edit.evidence if item.id not in known)],
        klaim=patch_claim(base.klaim, edit.changes),
        kunci=kunci,
    )


def _check(variant: Scenario, codes: tuple[str, ...]) -> str | None:
    """Why the variant cannot be used, or None: the verifier must find exactly its key, and the fix must pay."""
    found = verify(variant.klaim).rule_codes()
    if found != sorted(codes):
        return f"verifikator menemukan {found or 'tidak ada cacat'}, bukan {sorted(codes)}"
    problems = check_scenario(variant, f"{variant.id}.yaml")
    if problems:
        return "; ".join(p.message for p in problems)
    if variant.kunci.tidak_dapat_diperbaiki:
        return None
    fixed = patch_claim(variant.klaim, variant.kunci.perbaikan)
    after = verify(fixed)
    if not after.is_paid:
        return f"perbaikan masih berstatus '{after.status_label}' ({', '.join(after.rule_codes())})"
    return None


def _options(base: Scenario, make: Make, rng: random.Random) -> list[Edit]:
    made = make(base, rng)
    return [] if made is None else made if isinstance(made, list) else [made]


def _settle(base: Scenario, edit: Edit) -> Edit:
    """An edit whose slip may trip related rules names exactly what the verifier finds (see Edit.allowed)."""
    if not edit.allowed:
        return edit
    found = verify(patch_claim(base.klaim, edit.changes)).rule_codes()
    if set(edit.codes) <= set(found) <= set(edit.codes) | edit.allowed:
        edit.codes = tuple(found)
    return edit


def _variant(base: Scenario, key: str, label: str, edit: Edit) -> Variant | Dropped:
    edit = _settle(base, edit)
    scenario = _build(base, key, label, edit)
    reason = _check(scenario, edit.codes)
    return Variant(key, label, scenario) if reason is None else Dropped(key, label, reason)


def _clean_base(source: Scenario | Claim) -> Scenario:
    base = as_scenario(source)
    found = verify(base.klaim).rule_codes()
    if found or base.kunci.cacat:
        raise InputError(
            [
                f"Klaim '{base.id}' belum bersih (verifikator menemukan {found or base.kunci.cacat}); varian hanya "
                "dibuat dari klaim tanpa cacat (kunci.cacat kosong)."
            ]
        )
    return base


def generate_variants(source: Scenario | Claim, seed: int | None = None) -> VariantSet:
    """One variant per applicable defect (drawn by the seed among its forms), checked against the verifier."""
    base = _clean_base(source)
    rng = random.Random(seed if seed is not None else 0)
    variants: list[Variant] = []
    dropped: list[Dropped] = []
    for key, (label, make) in DEFECTS.items():
        edits = _options(base, make, rng)
        if not edits:
            continue
        made = _variant(base, key, label, rng.choice(edits))
        if isinstance(made, Variant):
            variants.append(made)
        else:
            dropped.append(made)
    return VariantSet(variants, dropped)


def all_variants(source: Scenario | Claim) -> VariantSet:
    """Every form of every applicable defect, each checked like generate_variants' (the practice pool's size)."""
    base = _clean_base(source)
    variants: list[Variant] = []
    dropped: list[Dropped] = []
    for key, (label, make) in DEFECTS.items():
        edits = _options(base, make, random.Random(0))
        for i, edit in enumerate(edits):
            made = _variant(base, key if len(edits) == 1 else f"{key}-{i + 1}", label, edit)
            if isinstance(made, Variant):
                variants.append(made)
            else:
                dropped.append(made)
    return VariantSet(variants, dropped)


def scenario_yaml(scenario: Scenario) -> str:
    """The scenario as a YAML file the loader reads back unchanged (digit codes stay quoted, dates ISO)."""
    data = scenario.model_dump(mode="json", exclude_defaults=True)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110)
