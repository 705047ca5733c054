"""Turns one clean claim into defective practice variants, each with the answer key the verifier then agrees with.

Each defect is a common error from seed 000's "Kesalahan Umum" and facts §5 (an unsigned document, missing lab
evidence, a late or expired submission, a wrong amount or tariff line, an empty P-Care field). The case file keeps
the evidence the fix needs; a variant whose defect does not trip exactly its rules is dropped with the reason.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from bimtek.claim import Claim, get_path, patch_claim
from bimtek.content import AnswerKey, CaseFileItem, Scenario, check_scenario
from bimtek.deadlines import expiry_date, monthly_deadline
from bimtek.errors import InputError
from bimtek.fmt import rupiah, tanggal
from bimtek.reference import load_reference
from bimtek.rules import get_rule
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


Make = Callable[[Scenario, random.Random], Edit | None]  # None: the defect does not apply to this claim


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


def _wrong_amount(base: Scenario, rng: random.Random) -> Edit | None:
    claim = base.klaim
    expected = expected_amount(claim)
    right = claim.pengajuan.jumlah_diajukan
    if claim.pengajuan.jenis_klaim.value == "kapitasi" or expected is None or right <= 0:
        return None
    ref = load_reference()
    wrong = [right + rng.choice([10_000, 25_000, 50_000])]
    line = ref.tariff(claim.pengajuan.layanan, claim.kunjungan.tgl_daftar)
    if line is not None and line.jenis_tarif == "tetap":
        wrong += [a for a in (line.puskesmas, line.selain_puskesmas) if a and a != right]
    amount = rng.choice(wrong)
    return Edit(
        {"pengajuan.jumlah_diajukan": amount},
        ("TR01",),
        f"Jumlah diajukan {rupiah(amount)}, padahal tarif yang berlaku untuk layanan ini {rupiah(right)} "
        f"({expected.explanation}). Ambil jumlah dari tabel tarif sesuai jenis fasilitas dan tanggal layanan.",
        "tarif",
        perbaikan={"pengajuan.jumlah_diajukan": right},
        harus={"pengajuan.jumlah_diajukan": right},
    )


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
            edit.diagnosa_didukung = list(value)
            edit.harus = {"kunjungan.diagnosa.0": value[0]}
        return edit

    return make


def _blank_vital(base: Scenario, rng: random.Random) -> Edit | None:
    present = [k for k in _VITAL_LABELS if getattr(base.klaim.kunjungan.vital, k) is not None]
    if not present:
        return None
    key = rng.choice(present)
    return _blank(f"kunjungan.vital.{key}", "PC02", f"tanda vital {_VITAL_LABELS[key]}", None, True)(base, rng)


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
        id=f"{base.id}-{key}",
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


def generate_variants(source: Scenario | Claim, seed: int | None = None) -> VariantSet:
    """Every applicable defect applied to a clean claim, checked against the verifier; the rest with the reason."""
    base = as_scenario(source)
    found = verify(base.klaim).rule_codes()
    if found or base.kunci.cacat:
        raise InputError(
            [
                f"Klaim '{base.id}' belum bersih (verifikator menemukan {found or base.kunci.cacat}); varian hanya "
                "dibuat dari klaim tanpa cacat (kunci.cacat kosong)."
            ]
        )
    rng = random.Random(seed if seed is not None else 0)
    variants: list[Variant] = []
    dropped: list[Dropped] = []
    for key, (label, make) in DEFECTS.items():
        edit = make(base, rng)
        if edit is None:
            continue
        scenario = _build(base, key, label, edit)
        reason = _check(scenario, edit.codes)
        if reason is None:
            variants.append(Variant(key, label, scenario))
        else:
            dropped.append(Dropped(key, label, reason))
    return VariantSet(variants, dropped)


def scenario_yaml(scenario: Scenario) -> str:
    """The scenario as a YAML file the loader reads back unchanged (digit codes stay quoted, dates ISO)."""
    data = scenario.model_dump(mode="json", exclude_defaults=True)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110)
