"""Grades one attempt at a scenario (DESIGN.md §3.4): identification, correction, integrity, time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from bimtek.claim import Claim, Dokumen, get_path
from bimtek.content import Scenario
from bimtek.fmt import tanggal
from bimtek.verification import Verdict, verify
from scoring.field_words import compare_words, field_name, value_words

POINTS_IDENTIFICATION = 40
POINTS_CORRECTION = 50
POINTS_TIME = 10

# Facts every case file fixes unless the scenario's key says otherwise: changing them is fabrication.
DEFAULT_FACT_PATHS = (
    "peserta.no_kartu",
    "peserta.aktif",
    "peserta.tgl_akhir_berlaku",
    "kunjungan.tgl_daftar",
    "kunjungan.tgl_pulang",
    "kunjungan.tgl_entri",
    "kunjungan.pemeriksa",
    "pengajuan.tgl_pengajuan",
    "pengajuan.tim_persalinan",
    "fasilitas.jenis",
    "fasilitas.poned",
    "fasilitas.tarif_rawat_inap_per_hari",
)


@dataclass(frozen=True)
class Submission:
    """What a trainee hands in: the rules they flagged, and a corrected claim or the decision to withdraw it."""

    flagged: frozenset[str]
    corrected: Claim | None  # None = the trainee decided the claim cannot be filed
    seconds: float


@dataclass(frozen=True)
class Grade:
    flagged: frozenset[str]
    key: frozenset[str]
    before: Verdict
    after: Verdict | None
    withdrawn: bool
    fabrications: tuple[str, ...]
    unmet: tuple[str, ...]  # the key's required values the correction lacks, and why the correction fails
    correction_ok: bool
    seconds: float
    target_seconds: float
    points: dict[str, int] = field(default_factory=dict)

    @property
    def found(self) -> frozenset[str]:
        return self.flagged & self.key

    @property
    def missed(self) -> frozenset[str]:
        return self.key - self.flagged

    @property
    def false_alarms(self) -> frozenset[str]:
        return self.flagged - self.key

    @property
    def precision(self) -> float:
        return len(self.found) / len(self.flagged) if self.flagged else (1.0 if not self.key else 0.0)

    @property
    def recall(self) -> float:
        return len(self.found) / len(self.key) if self.key else (1.0 if not self.flagged else 0.0)

    @property
    def integrity_ok(self) -> bool:
        return not self.fabrications

    @property
    def score(self) -> int:
        return 0 if self.fabrications else sum(self.points.values())


def _same(a: Any, b: Any) -> bool:
    """`a` (the claim's value) meets `b` (what the key asks for); a wanted mapping names only the keys it cares
    about, so an author's `{nama, rute}` still matches a therapy line that also carries a default `biaya`."""
    if isinstance(a, dict) and isinstance(b, dict):
        return all(_same(a.get(k), v) for k, v in b.items())
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return a == b or (isinstance(a, int | float) and isinstance(b, int | float) and float(a) == float(b))


def _activity_fabrications(scenario: Scenario, corrected: Claim) -> list[str]:
    """A Prolanis activity may only show photos that exist, and a participant's signature only where they signed."""
    before, after = scenario.klaim.kegiatan_prolanis, corrected.kegiatan_prolanis
    if after is None:
        return []
    known = {f.sha256.strip().lower() for f in [*(before.foto if before else []), *scenario.case_file_photos()]}
    out = [
        f"Foto '{f.berkas or f.sha256[:12]}' tidak ada di berkas kasus; foto tidak boleh dibuat belakangan."
        for f in after.foto
        if f.sha256.strip().lower() not in known
    ]
    signed_before = {p.nama for p in (before.daftar_hadir if before else []) if p.tanda_tangan == "sendiri"}
    out += [
        f"Tanda tangan peserta '{p.nama}' di daftar hadir tidak boleh dibuat belakangan atau oleh petugas."
        for p in after.daftar_hadir
        if p.tanda_tangan == "sendiri" and p.nama not in signed_before
    ]
    return out


def find_fabrications(scenario: Scenario, corrected: Claim) -> list[str]:
    """Evidence or facts in the corrected claim that the case file does not support (DESIGN.md §3.3)."""
    original = scenario.klaim
    out: list[str] = []

    allowed_labs = {(r.jenis, float(r.nilai), r.tanggal) for r in [*original.lab, *scenario.case_file_labs()]}
    for r in corrected.lab:
        if (r.jenis, float(r.nilai), r.tanggal) not in allowed_labs:
            out.append(f"Hasil lab '{r.jenis} {r.nilai:g}' tanggal {tanggal(r.tanggal)} tidak ada di berkas kasus.")

    def file_documents(claim: Claim) -> list[Dokumen]:  # the claim's own file and its submission's general file
        return [*claim.dokumen, *(claim.berkas_pengajuan.dokumen if claim.berkas_pengajuan else [])]

    given = [*file_documents(original), *scenario.case_file_documents()]
    available = {d.jenis: d.ditandatangani for d in given}
    signed_available = {d.jenis for d in given if d.ditandatangani}
    for d in file_documents(corrected):
        if d.jenis not in available:
            out.append(f"Dokumen '{d.jenis}' tidak ada di berkas kasus; dokumen tidak boleh dibuat belakangan.")
        elif d.ditandatangani and d.jenis not in signed_available:
            out.append(
                f"Dokumen '{d.jenis}' di berkas kasus belum ditandatangani; tanda tangan tidak boleh dipalsukan."
            )

    out += _activity_fabrications(scenario, corrected)

    supported = {*original.kunjungan.diagnosa, *scenario.kunci.diagnosa_didukung}
    for code in corrected.kunjungan.diagnosa:
        if code and code not in supported:
            out.append(f"Diagnosa '{code}' tidak didukung rekam medis di berkas kasus.")

    out.extend(_removed_services(original, corrected))

    before = original.model_dump(mode="json")
    after = corrected.model_dump(mode="json")
    facts = {path: get_path(before, path) for path in DEFAULT_FACT_PATHS}
    facts.update(scenario.kunci.fakta)
    for path, truth in facts.items():
        if isinstance(truth, dt.date):
            truth = truth.isoformat()
        value = get_path(after, path)
        if not _same(value, truth):
            out.append(
                f"{field_name(path)} diubah menjadi {value_words(path, value)}, padahal berkas kasus menunjukkan "
                f"{value_words(path, truth)}."
            )
    return out


def _removed_services(original: Claim, corrected: Claim) -> list[str]:
    """Therapy and procedure lines of the submitted entry that the correction deleted.

    The entry records what was given; a service that happened stays in it even when it has no indication
    (the doctor reviews it, it is not billed on its own). Deleting it to make a claim pass falsifies the record.
    """
    kept = {t.nama.strip().casefold() for t in corrected.kunjungan.terapi}
    out = [
        f"Terapi '{t.nama}' dihapus dari entri, padahal rekam medis mencatatnya diberikan; layanan yang terjadi "
        "tidak boleh dihapus agar klaim lolos."
        for t in original.kunjungan.terapi
        if t.nama.strip().casefold() not in kept
    ]
    kept_codes = {t.kd_tindakan.strip() for t in corrected.kunjungan.tindakan}
    out += [
        f"Tindakan '{t.nama or t.kd_tindakan}' dihapus dari entri, padahal rekam medis mencatatnya dilakukan; "
        "layanan yang terjadi tidak boleh dihapus agar klaim lolos."
        for t in original.kunjungan.tindakan
        if t.kd_tindakan.strip() not in kept_codes
    ]
    return out


def _unmet_requirements(scenario: Scenario, corrected: Claim) -> list[str]:
    after = corrected.model_dump(mode="json")
    out = []
    for path, wanted in scenario.kunci.harus.items():
        if isinstance(wanted, dt.date):
            wanted = wanted.isoformat()
        value = get_path(after, path)
        if not _same(value, wanted):
            out.append(compare_words(path, wanted, value))
    return out


def time_points(seconds: float, target_seconds: float) -> int:
    """Full points up to the target time, falling linearly to zero at three times the target."""
    if seconds <= target_seconds:
        return POINTS_TIME
    over = (seconds - target_seconds) / (2 * target_seconds)
    return max(0, round(POINTS_TIME * (1 - over)))


def grade_attempt(scenario: Scenario, submission: Submission) -> Grade:
    key = frozenset(scenario.kunci.cacat)
    before = verify(scenario.klaim)
    withdrawn = submission.corrected is None
    after = None if withdrawn else verify(submission.corrected)  # type: ignore[arg-type]
    fabrications: list[str] = []
    unmet: list[str] = []
    if scenario.kunci.tidak_dapat_diperbaiki:
        correction_ok = withdrawn
        if not withdrawn:
            unmet.append("Klaim ini tidak dapat diperbaiki; jawaban yang tepat adalah tidak mengajukannya.")
    elif withdrawn:
        correction_ok = False
        unmet.append(
            "Klaim ini dapat diperbaiki (atau sudah benar); menariknya berarti fasilitas kehilangan pembayaran."
        )
    else:
        assert submission.corrected is not None and after is not None
        fabrications = find_fabrications(scenario, submission.corrected)
        unmet = _unmet_requirements(scenario, submission.corrected)
        if not after.is_paid and scenario.jenis_klaim == "kapitasi":
            unmet.insert(0, "Entri P-Care hasil perbaikan masih memuat temuan yang harus diperbaiki.")
        elif not after.is_paid:
            unmet.insert(0, f"Klaim hasil perbaikan masih berstatus '{after.status_label}'.")
        correction_ok = after.is_paid and not unmet and not fabrications
    if submission.corrected is not None and scenario.kunci.tidak_dapat_diperbaiki:
        fabrications = find_fabrications(scenario, submission.corrected)
    flagged = frozenset(submission.flagged)
    target = scenario.target_minutes * 60.0
    grade = Grade(
        flagged=flagged,
        key=key,
        before=before,
        after=after,
        withdrawn=withdrawn,
        fabrications=tuple(fabrications),
        unmet=tuple(unmet),
        correction_ok=correction_ok,
        seconds=submission.seconds,
        target_seconds=target,
    )
    p, r = grade.precision, grade.recall
    f1 = 0.0 if p + r == 0 else 2 * p * r / (p + r)
    grade.points.update(
        {
            "identifikasi": round(POINTS_IDENTIFICATION * f1),
            "perbaikan": POINTS_CORRECTION if correction_ok else 0,
            "waktu": time_points(submission.seconds, target),
        }
    )
    return grade
