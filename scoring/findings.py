"""Findings in the trainee's own words: the claim field at fault and the kind of problem, graded per defect.

A trainee no longer ticks rule codes from a list of titled rules (that is recognition: the title gives the answer
away). They point at the part of the claim that is wrong and say what kind of problem it is, in categories a
verifier's return note uses and that do not name a rule. The rule codes, titles and regulations appear only in the
feedback.

Everything the grading needs is kept here, in one place:
- FIELDS: the parts of a claim a trainee can point at (Indonesian labels), each covering some claim paths;
- CATEGORIES: the kinds of problem;
- RULE_MAP: every registered rule code -> the category (or categories) that describe it and the fields it concerns.
A contract test (tests/test_findings.py) keeps RULE_MAP complete for every registered rule and every field a
rule's finding points at.

Credit per defect (one rule code of the answer key): 1 when a finding names one of the defect's fields and a
category that describes it; PARTIAL_FIELD_ONLY when a finding names one of its fields with another category;
otherwise 0. Each finding earns credit for at most one defect (the best assignment is chosen).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bimtek.claim import Claim
from bimtek.rules import get_rule
from bimtek.verification import Verdict

# Pointing at the right field is half of a verifier's work: it tells the facility where to look. The other half is
# naming what is wrong there, which decides the fix (attach evidence, re-enter a code, withdraw the claim). A
# trainee who finds the place but misreads the problem would send the claim back with the wrong fix, so half.
PARTIAL_FIELD_ONLY = 0.5
MAX_FINDINGS = 10  # rows the answer form offers; also bounds the assignment search
MAX_FIELDS_PER_FINDING = 2  # a mismatch names two fields (diagnosa vs tindakan); more would be a shotgun


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    paths: tuple[str, ...]  # claim paths (dotted prefixes) this field covers
    group: str  # the panel of the claim it sits in: peserta, kunjungan, berkas, pengajuan, prolanis


# The parts of a claim a trainee can point at, in the order the claim is shown. Labels follow the claim view and
# scoring/field_words.py.
FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("peserta.no_kartu", "Nomor kartu peserta", ("peserta.no_kartu",), "peserta"),
    FieldSpec(
        "peserta.status",
        "Status kepesertaan (aktif, masa berlaku, FKTP terdaftar)",
        ("peserta.aktif", "peserta.tgl_akhir_berlaku", "peserta.kd_provider_peserta", "peserta.nama"),
        "peserta",
    ),
    FieldSpec(
        "peserta.tgl_lahir",
        "Tanggal lahir dan jenis kelamin peserta",
        ("peserta.tgl_lahir", "peserta.jenis_kelamin"),
        "peserta",
    ),
    FieldSpec("fasilitas", "Data fasilitas (jenis, FKTP induk, tarif daerah)", ("fasilitas",), "peserta"),
    FieldSpec("kunjungan.no_kunjungan", "Nomor kunjungan P-Care", ("kunjungan.no_kunjungan",), "kunjungan"),
    FieldSpec(
        "kunjungan.tanggal",
        "Tanggal pelayanan (daftar dan pulang)",
        ("kunjungan.tgl_daftar", "kunjungan.tgl_pulang"),
        "kunjungan",
    ),
    FieldSpec("kunjungan.tgl_entri", "Tanggal entri P-Care", ("kunjungan.tgl_entri",), "kunjungan"),
    FieldSpec(
        "kunjungan.kd_tkp",
        "Jenis kunjungan (TKP, poli)",
        ("kunjungan.kd_tkp", "kunjungan.kd_poli", "kunjungan.kunjungan_sakit"),
        "kunjungan",
    ),
    FieldSpec("kunjungan.keluhan", "Keluhan dan anamnesa", ("kunjungan.keluhan", "kunjungan.anamnesa"), "kunjungan"),
    FieldSpec("kunjungan.vital", "Tanda vital", ("kunjungan.vital",), "kunjungan"),
    FieldSpec("kunjungan.kd_sadar", "Kesadaran", ("kunjungan.kd_sadar",), "kunjungan"),
    FieldSpec("kunjungan.diagnosa", "Diagnosa", ("kunjungan.diagnosa",), "kunjungan"),
    FieldSpec("kunjungan.tindakan", "Tindakan", ("kunjungan.tindakan",), "kunjungan"),
    FieldSpec("kunjungan.terapi", "Terapi dan obat", ("kunjungan.terapi",), "kunjungan"),
    FieldSpec(
        "kunjungan.kd_dokter",
        "Dokter / tenaga pemeriksa",
        ("kunjungan.kd_dokter", "kunjungan.nama_dokter", "kunjungan.pemeriksa"),
        "kunjungan",
    ),
    FieldSpec(
        "kunjungan.kd_status_pulang",
        "Status pulang dan prognosa",
        ("kunjungan.kd_status_pulang", "kunjungan.kd_prognosa"),
        "kunjungan",
    ),
    FieldSpec("kunjungan.rujukan", "Rujukan (tujuan, TACC)", ("kunjungan.rujukan",), "kunjungan"),
    FieldSpec("lab", "Hasil laboratorium / penunjang", ("lab",), "berkas"),
    FieldSpec("dokumen", "Dokumen berkas klaim", ("dokumen",), "berkas"),
    FieldSpec(
        "berkas_pengajuan",
        "Berkas umum pengajuan (FPK, rekapitulasi, kuitansi, SPTJM)",
        ("berkas_pengajuan",),
        "pengajuan",
    ),
    FieldSpec(
        "pengajuan.layanan",
        "Layanan yang ditagihkan (baris tarif, kunjungan ke-, metode KB, tim)",
        (
            "pengajuan.layanan",
            "pengajuan.kunjungan_ke",
            "pengajuan.metode_kb",
            "pengajuan.tim_persalinan",
            "pengajuan.hari_poned",
            "pengajuan.rahang",
            "pengajuan.jenis_klaim",
        ),
        "pengajuan",
    ),
    FieldSpec(
        "pengajuan.jumlah_diajukan",
        "Jumlah diajukan",
        ("pengajuan.jumlah_diajukan", "pengajuan.tarif_fasilitas"),
        "pengajuan",
    ),
    FieldSpec("pengajuan.lama_rawat_hari", "Lama rawat", ("pengajuan.lama_rawat_hari",), "pengajuan"),
    FieldSpec("pengajuan.tgl_pengajuan", "Tanggal pengajuan", ("pengajuan.tgl_pengajuan",), "pengajuan"),
    FieldSpec("riwayat_klaim", "Riwayat klaim peserta", ("riwayat_klaim",), "pengajuan"),
    FieldSpec("konteks", "Keadaan layanan (KLB/bencana, bakti sosial, program lain)", ("konteks",), "pengajuan"),
    FieldSpec(
        "prolanis.berkas",
        "Proposal dan LPJ kegiatan Prolanis",
        ("kegiatan_prolanis.proposal", "kegiatan_prolanis.lpj"),
        "prolanis",
    ),
    FieldSpec(
        "prolanis.daftar_hadir", "Daftar hadir kegiatan Prolanis", ("kegiatan_prolanis.daftar_hadir",), "prolanis"
    ),
    FieldSpec("prolanis.foto", "Foto kegiatan Prolanis", ("kegiatan_prolanis.foto",), "prolanis"),
    FieldSpec(
        "prolanis.biaya",
        "Biaya konsumsi dan honor kegiatan Prolanis",
        (
            "kegiatan_prolanis.biaya_konsumsi",
            "kegiatan_prolanis.biaya_honor",
            "kegiatan_prolanis.kuitansi_honor",
            "kegiatan_prolanis.pph_honor_dipotong",
        ),
        "prolanis",
    ),
)
FIELD_BY_KEY = {f.key: f for f in FIELDS}

# The kinds of problem, worded as a verifier's return note; none names a rule.
CATEGORIES: dict[str, str] = {
    "klinis": "Diagnosa tidak mendukung tindakan, terapi atau layanan",
    "bukti": "Bukti penunjang tidak ada / tidak cukup / tidak masuk akal",
    "dokumen": "Dokumen tidak lengkap / tidak ditandatangani",
    "tanggal": "Tanggal atau tenggat tidak sesuai",
    "pcare": "Isian P-Care tidak lengkap / bertentangan",
    "kode": "Kode atau isian tidak dikenal / tidak berlaku",
    "rujukan": "Rujukan tidak lengkap / tanpa alasan yang sah",
    "tarif": "Tarif / jumlah tidak sesuai",
    "manfaat": "Di luar manfaat JKN",
    "frekuensi": "Frekuensi / batas layanan terlampaui atau sudah diklaim",
    "peserta": "Data peserta tidak sesuai",
    "jalur": "Jalur pengajuan / fasilitas tidak sesuai",
}


@dataclass(frozen=True)
class RuleTarget:
    categories: tuple[str, ...]  # the first is the one the feedback names; the others are equally right readings
    fields: tuple[str, ...]  # FIELDS keys the rule concerns


def _t(categories: str, *fields: str) -> RuleTarget:
    return RuleTarget(tuple(categories.split()), fields)


# Every registered rule: what kind of problem it is and which fields it concerns. A defect's fields on one claim are
# these plus the fields the verifier's findings point at.
RULE_MAP: dict[str, RuleTarget] = {
    # Kepesertaan
    "PS01": _t("peserta", "peserta.status"),
    "PS02": _t("peserta", "peserta.no_kartu"),
    "PS03": _t("peserta", "peserta.status"),
    # Kelengkapan entri P-Care
    "PC01": _t("pcare", "kunjungan.keluhan"),
    "PC02": _t("pcare", "kunjungan.vital"),
    "PC03": _t("pcare", "kunjungan.kd_sadar"),
    "PC04": _t("pcare", "kunjungan.diagnosa"),
    "PC05": _t("pcare", "kunjungan.kd_dokter"),
    "PC06": _t("pcare", "kunjungan.kd_status_pulang"),
    "PC07": _t("pcare", "kunjungan.no_kunjungan", "kunjungan.tgl_entri"),
    # Kode dan referensi
    "KD01": _t("kode", "kunjungan.diagnosa"),
    "KD02": _t("kode", "kunjungan.kd_tkp", "kunjungan.kd_sadar", "kunjungan.kd_status_pulang", "kunjungan.rujukan"),
    "KD03": _t("pcare kode", "kunjungan.kd_status_pulang", "kunjungan.kd_tkp"),
    "KD04": _t("kode", "pengajuan.layanan"),
    "KD05": _t("kode", "lab"),
    "KD06": _t("kode", "lab"),
    "KD07": _t("kode", "dokumen", "berkas_pengajuan"),
    "KD08": _t("kode", "kunjungan.terapi"),
    "KD10": _t("pcare", "kunjungan.kd_sadar", "kunjungan.kd_status_pulang", "kunjungan.kd_tkp"),
    # Kesesuaian diagnosa dan tindakan
    "KL01": _t("klinis", "kunjungan.terapi", "kunjungan.tindakan", "kunjungan.diagnosa"),
    "KL02": _t("klinis", "kunjungan.diagnosa", "pengajuan.layanan", "kunjungan.tindakan", "kunjungan.terapi"),
    "KL03": _t("pcare tarif", "kunjungan.kd_tkp", "pengajuan.layanan"),
    # Bukti klinis dan resume medis
    "EV01": _t("bukti", "lab"),
    "EV02": _t("dokumen bukti", "dokumen"),
    "EV03": _t("bukti", "lab"),
    # Rujukan
    "RJ01": _t("rujukan", "kunjungan.rujukan", "kunjungan.diagnosa"),
    "RJ02": _t("rujukan pcare", "kunjungan.rujukan", "kunjungan.kd_status_pulang"),
    # Kelengkapan berkas klaim
    "DK01": _t("dokumen", "berkas_pengajuan"),
    "DK02": _t("dokumen", "dokumen"),
    "DK03": _t("dokumen", "dokumen"),
    "DK04": _t("dokumen", "dokumen"),
    "DK06": _t("jalur", "fasilitas"),
    "DK07": _t("dokumen", "dokumen"),
    # Tanggal dan tenggat
    "TW01": _t("tanggal", "pengajuan.tgl_pengajuan"),
    "TW02": _t("tanggal", "pengajuan.tgl_pengajuan"),
    "TW03": _t("tanggal", "kunjungan.tanggal", "kunjungan.tgl_entri", "pengajuan.tgl_pengajuan"),
    "TW04": _t("tanggal", "kunjungan.tgl_entri"),
    "TW05": _t("tanggal peserta", "peserta.tgl_lahir"),
    "TW06": _t("tanggal bukti", "lab"),
    # Tarif
    "TR01": _t("tarif", "pengajuan.jumlah_diajukan"),
    "TR02": _t("tarif", "pengajuan.layanan", "pengajuan.jumlah_diajukan"),
    "TR03": _t("tarif tanggal", "pengajuan.lama_rawat_hari", "kunjungan.tanggal"),
    "TR04": _t("tarif", "pengajuan.jumlah_diajukan", "pengajuan.layanan", "fasilitas"),
    "TR05": _t("tarif", "fasilitas"),
    "TR06": _t("frekuensi", "pengajuan.layanan", "riwayat_klaim"),
    "TR07": _t("frekuensi", "pengajuan.layanan", "riwayat_klaim", "kunjungan.tanggal"),
    "TR08": _t("frekuensi", "pengajuan.layanan", "riwayat_klaim"),
    # Klaim ganda
    "DP01": _t("frekuensi", "pengajuan.layanan", "riwayat_klaim"),
    "DP02": _t("frekuensi tanggal", "kunjungan.tanggal", "riwayat_klaim", "pengajuan.lama_rawat_hari"),
    # Di luar manfaat JKN
    "EX01": _t("manfaat", "konteks", "pengajuan.layanan"),
    "EX02": _t("manfaat", "konteks", "pengajuan.layanan"),
    "EX03": _t("manfaat", "konteks", "kunjungan.terapi", "pengajuan.layanan"),
    "EX04": _t("manfaat", "kunjungan.terapi", "pengajuan.jumlah_diajukan"),
    # Kegiatan kelompok Prolanis
    "PL01": _t("dokumen", "prolanis.berkas"),
    "PL02": _t("dokumen", "prolanis.daftar_hadir"),
    "PL03": _t("bukti", "prolanis.foto"),
    "PL04": _t("tarif", "prolanis.biaya"),
    "PL05": _t("dokumen", "prolanis.biaya"),
}


def field_of(path: str) -> str | None:
    """The FIELDS key covering a claim path ('kunjungan.vital.sistole' -> 'kunjungan.vital'); longest path wins."""
    best: tuple[int, str] | None = None
    for spec in FIELDS:
        for prefix in spec.paths:
            if (path == prefix or path.startswith(prefix + ".")) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), spec.key)
    return best[1] if best else None


def field_label(key: str) -> str:
    spec = FIELD_BY_KEY.get(key)
    return spec.label if spec else key


def category_label(key: str) -> str:
    return CATEGORIES.get(key, key)


def claim_fields(claim: Claim) -> list[str]:
    """The fields of this claim a trainee may point at: a billed claim's submission parts only when it is billed,
    the Prolanis parts only for a Prolanis activity, lama rawat only for a stay."""
    billed = claim.pengajuan.jenis_klaim != "kapitasi"
    out = []
    for spec in FIELDS:
        if spec.group == "prolanis" and claim.kegiatan_prolanis is None:
            continue
        if spec.key in ("berkas_pengajuan", "pengajuan.jumlah_diajukan", "pengajuan.tgl_pengajuan") and not billed:
            continue
        if (
            spec.key == "pengajuan.lama_rawat_hari"
            and claim.kunjungan.kd_tkp != "20"
            and not claim.pengajuan.lama_rawat_hari
        ):
            continue
        if spec.key == "riwayat_klaim" and not claim.riwayat_klaim:
            continue
        out.append(spec.key)
    return out


@dataclass(frozen=True)
class TraineeFinding:
    """One finding as the trainee wrote it: the field(s) at fault, the kind of problem, an optional note."""

    fields: tuple[str, ...]
    kategori: str
    catatan: str = ""

    def as_record(self) -> dict[str, object]:
        return {"bagian": list(self.fields), "kategori": self.kategori, "catatan": self.catatan}

    @classmethod
    def from_record(cls, data: dict[str, object]) -> TraineeFinding:
        fields = data.get("bagian") or []
        return cls(
            tuple(str(f) for f in fields) if isinstance(fields, list) else (),
            str(data.get("kategori") or ""),
            str(data.get("catatan") or ""),
        )


@dataclass(frozen=True)
class DefectResult:
    """How one defect of the key was identified."""

    code: str
    fields: tuple[str, ...]  # where it is on this claim (FIELDS keys)
    credit: float  # 1, PARTIAL_FIELD_ONLY or 0
    finding: int | None  # index of the trainee's finding credited for it
    given_category: str | None  # the category that finding named

    @property
    def category(self) -> str:
        return RULE_MAP[self.code].categories[0]


@dataclass(frozen=True)
class FieldResult:
    field: str
    status: str  # "benar", "terlewat", "salah_tandai"


def defect_fields(code: str, before: Verdict | None) -> tuple[str, ...]:
    """The fields a defect concerns on this claim: where the verifier's findings point, then the rule's own list."""
    located = [field_of(f.field) for f in (before.findings if before else []) if f.rule == code]
    return tuple(dict.fromkeys([*(f for f in located if f), *RULE_MAP[code].fields]))


def located_fields(code: str, before: Verdict | None) -> tuple[str, ...]:
    """Where the verifier points for this defect (the rule's first field when it names no known place)."""
    located = [field_of(f.field) for f in (before.findings if before else []) if f.rule == code]
    return tuple(dict.fromkeys(f for f in located if f)) or RULE_MAP[code].fields[:1]


def _credit(code: str, fields: tuple[str, ...], finding: TraineeFinding) -> float:
    if not set(finding.fields) & set(fields):
        return 0.0
    return 1.0 if finding.kategori in RULE_MAP[code].categories else PARTIAL_FIELD_ONLY


def match_findings(
    key: Sequence[str], findings: Sequence[TraineeFinding], before: Verdict | None
) -> tuple[DefectResult, ...]:
    """Each defect of the key with its credit, under the assignment of findings to defects that earns the most
    (each finding counts for one defect at most)."""
    codes = sorted(key)
    places = {code: defect_fields(code, before) for code in codes}
    table = [[_credit(code, places[code], f) for f in findings] for code in codes]

    @functools.cache
    def best(i: int, used: int) -> tuple[float, tuple[int | None, ...]]:
        if i == len(codes):
            return 0.0, ()
        total, rest = best(i + 1, used)
        choice: tuple[float, tuple[int | None, ...]] = (total, (None, *rest))
        for j, credit in enumerate(table[i]):
            if credit and not used & (1 << j):
                total, rest = best(i + 1, used | (1 << j))
                if total + credit > choice[0]:
                    choice = (total + credit, (j, *rest))
        return choice

    _, picks = best(0, 0)
    return tuple(
        DefectResult(
            code,
            places[code],
            table[i][j] if j is not None else 0.0,
            j,
            findings[j].kategori if j is not None else None,
        )
        for i, (code, j) in enumerate(zip(codes, picks, strict=True))
    )


def field_results(
    defects: Iterable[DefectResult], findings: Sequence[TraineeFinding], before: Verdict | None
) -> tuple[FieldResult, ...]:
    """Per field: pointed at and faulty (benar), faulty and not pointed at (terlewat), pointed at but sound."""
    defects = list(defects)
    faulty = {f for d in defects for f in located_fields(d.code, before)}
    acceptable = {f for d in defects for f in d.fields}
    pointed = {f for finding in findings for f in finding.fields}
    order = [spec.key for spec in FIELDS]
    out = []
    for key in order:
        if key in faulty and key in pointed:
            out.append(FieldResult(key, "benar"))
        elif key in faulty:
            # a defect found through another of its fields leaves this place found as well
            covered = any(d.credit and key in located_fields(d.code, before) for d in defects)
            out.append(FieldResult(key, "benar" if covered else "terlewat"))
        elif key in pointed and key not in acceptable:
            out.append(FieldResult(key, "salah_tandai"))
        elif key in pointed:
            out.append(FieldResult(key, "benar"))
    return tuple(out)


def rule_title(code: str) -> str:
    return get_rule(code).title
