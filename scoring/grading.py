"""Grades one attempt at a scenario (DESIGN.md §3.4): identification, correction, integrity, time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from bimtek.claim import Claim, Dokumen, get_path
from bimtek.content import Scenario
from bimtek.fmt import tanggal
from bimtek.text_safety import shown
from bimtek.verification import Verdict, verify
from scoring.field_words import compare_words, field_name, value_words
from scoring.findings import (
    DefectResult,
    FieldResult,
    TraineeFinding,
    field_label,
    field_of,
    field_results,
    located_fields,
    match_findings,
)

MESSAGE_LIMIT = 380  # characters of one feedback message (a hostile key can hold a huge value)
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
    """What a trainee hands in: their findings, and a corrected claim or the decision to withdraw it.

    `findings` is today's answer: the field(s) at fault and the kind of problem, in the trainee's words. `flagged`
    is the old answer shape (rule codes ticked from a list), still graded so that stored and scripted answers of
    that shape keep their meaning; a submission uses one or the other.
    """

    flagged: frozenset[str]
    corrected: Claim | None  # None = the trainee decided the claim cannot be filed
    seconds: float
    findings: tuple[TraineeFinding, ...] = ()


@dataclass(frozen=True)
class Part:
    """One line of the score's breakdown: what it is for, its weight, what was earned, and why."""

    section: str  # identifikasi, perbaikan, waktu
    label: str
    max_points: int
    earned: int  # before any zeroing
    detail: str = ""  # in words: what was expected and what was given
    zeroed: str = ""  # why the earned points do not count (fabrication)

    @property
    def points(self) -> int:
        return 0 if self.zeroed else self.earned


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
    findings: tuple[TraineeFinding, ...] = ()
    defects: tuple[DefectResult, ...] = ()
    fields: tuple[FieldResult, ...] = ()
    breakdown: tuple[Part, ...] = ()

    @property
    def old_shape(self) -> bool:
        """Graded from ticked rule codes (the answer form before issue 11), not from findings."""
        return not self.findings and bool(self.flagged)

    @property
    def found(self) -> frozenset[str]:
        """Defects identified in full (right field and right kind of problem, or the code ticked)."""
        return frozenset(d.code for d in self.defects if d.credit >= 1)

    @property
    def partly_found(self) -> frozenset[str]:
        return frozenset(d.code for d in self.defects if 0 < d.credit < 1)

    @property
    def missed(self) -> frozenset[str]:
        return self.key - self.found

    @property
    def false_alarms(self) -> frozenset[str]:
        """Rule codes ticked that the claim does not break (old answer shape only)."""
        return self.flagged - self.key if self.old_shape else frozenset()

    @property
    def false_findings(self) -> tuple[int, ...]:
        """Indexes of the trainee's findings that point at no defect of the key."""
        used = {d.finding for d in self.defects if d.finding is not None}
        return tuple(i for i in range(len(self.findings)) if i not in used)

    @property
    def _given(self) -> int:
        return len(self.findings) if self.findings else len(self.flagged)

    @property
    def credit(self) -> float:
        return sum(d.credit for d in self.defects)

    @property
    def precision(self) -> float:
        return self.credit / self._given if self._given else (1.0 if not self.key else 0.0)

    @property
    def recall(self) -> float:
        return self.credit / len(self.key) if self.key else (1.0 if not self._given else 0.0)

    @property
    def integrity_ok(self) -> bool:
        return not self.fabrications

    @property
    def score(self) -> int:
        return sum(part.points for part in self.breakdown) if self.breakdown else 0


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


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def split_points(total: int, n: int) -> list[int]:
    """`total` points over `n` parts as whole numbers that add up to `total` (the first parts take the remainder)."""
    if n <= 0:
        return []
    base, extra = divmod(total, n)
    return [base + (1 if i < extra else 0) for i in range(n)]


def _old_defects(key: frozenset[str], flagged: frozenset[str], before: Verdict) -> tuple[DefectResult, ...]:
    """The old answer shape: a ticked code of the key is that defect found in full."""
    return tuple(
        DefectResult(code, located_fields(code, before), 1.0 if code in flagged else 0.0, None, None)
        for code in sorted(key)
    )


def _model_fix_resolves(scenario: Scenario) -> frozenset[str]:
    """The key's defects that its own correction removes (the rest are facts no honest fix changes)."""
    if scenario.kunci.tidak_dapat_diperbaiki:
        return frozenset()
    from bimtek.claim import patch_claim

    remaining = set(verify(patch_claim(scenario.klaim, scenario.kunci.perbaikan)).rule_codes())
    return frozenset(code for code in scenario.kunci.cacat if code not in remaining)


@dataclass
class _Check:
    """One condition of a correction part: met or not, and what to tell the trainee when it is not."""

    met: bool
    message: str


def _correction_checks(
    scenario: Scenario, corrected: Claim, before: Verdict, after: Verdict
) -> dict[str, list[_Check]]:
    """Per field (FIELDS key) the conditions a correct fix meets there: the key's required values that the
    submitted claim lacked, and each defect the model fix removes, located where the verifier points."""
    original = scenario.klaim.model_dump(mode="json")
    given = corrected.model_dump(mode="json")
    checks: dict[str, list[_Check]] = {}
    for path, wanted in scenario.kunci.harus.items():
        wanted = _json_value(wanted)
        if _same(get_path(original, path), wanted):
            continue  # already right when submitted: a value to keep, checked with the status
        value = get_path(given, path)
        checks.setdefault(field_of(path) or path, []).append(
            _Check(_same(value, wanted), compare_words(path, wanted, value))
        )
    remaining = {f.rule: f for f in after.findings}
    for code in sorted(_model_fix_resolves(scenario)):
        where = located_fields(code, before)[0]
        if code in remaining:
            hints = [
                compare_words(path, _json_value(value), get_path(given, path))
                for path, value in scenario.kunci.perbaikan.items()
                if field_of(path) == where and not _same(get_path(given, path), _json_value(value))
            ]
            message = f"Temuan {code} masih ada: {remaining[code].message}"
            message = shown(message + ((" " + " ".join(hints)) if hints else ""), limit=MESSAGE_LIMIT)
        else:
            message = ""
        checks.setdefault(where, []).append(_Check(code not in remaining, message))
    return checks


def _kept_values(scenario: Scenario, corrected: Claim) -> list[str]:
    """Required values that were right in the submitted claim and that the correction changed."""
    original = scenario.klaim.model_dump(mode="json")
    given = corrected.model_dump(mode="json")
    out = []
    for path, wanted in scenario.kunci.harus.items():
        wanted = _json_value(wanted)
        if _same(get_path(original, path), wanted) and not _same(get_path(given, path), wanted):
            out.append(compare_words(path, wanted, get_path(given, path)))
    return out


def _status_words(scenario: Scenario, after: Verdict) -> str:
    if scenario.jenis_klaim == "kapitasi":
        return "Entri P-Care hasil perbaikan masih memuat temuan yang harus diperbaiki."
    return f"Klaim hasil perbaikan masih berstatus '{after.status_label}'."


def _correction_parts(
    scenario: Scenario, corrected: Claim | None, before: Verdict, after: Verdict | None
) -> tuple[list[Part], list[str]]:
    """The correction's 50 points split per field, plus the claim's status; and the unmet messages."""
    kapitasi = scenario.jenis_klaim == "kapitasi"
    if scenario.kunci.tidak_dapat_diperbaiki or corrected is None:
        right = bool(scenario.kunci.tidak_dapat_diperbaiki) == (corrected is None)
        if scenario.kunci.tidak_dapat_diperbaiki:
            detail = "" if right else "Klaim ini tidak dapat diperbaiki; jawaban yang tepat adalah tidak mengajukannya."
            expected, given = "tidak diajukan", "diperbaiki dan diajukan"
        else:
            detail = (
                "Klaim ini dapat diperbaiki (atau sudah benar); menariknya berarti fasilitas kehilangan pembayaran."
            )
            expected, given = "diperbaiki dan diajukan", "tidak diajukan"
        if not right:
            detail += f" Seharusnya {expected}, bukan {given}."
        part = Part("perbaikan", "Keputusan pengajuan", POINTS_CORRECTION, POINTS_CORRECTION if right else 0, detail)
        return [part], ([] if right else [detail.split(" Seharusnya")[0]])
    assert after is not None
    checks = _correction_checks(scenario, corrected, before, after)
    kept = _kept_values(scenario, corrected)
    order = {key: i for i, key in enumerate(f for f in checks)}
    fields = sorted(checks, key=lambda k: order[k])
    status_label = "Status entri P-Care hasil perbaikan" if kapitasi else "Status klaim hasil perbaikan"
    weights = split_points(POINTS_CORRECTION, len(fields) + 1)
    parts: list[Part] = []
    unmet: list[str] = []
    for key, weight in zip(fields, weights, strict=False):
        failed = [c.message for c in checks[key] if not c.met]
        parts.append(Part("perbaikan", field_label(key), weight, 0 if failed else weight, " ".join(failed)))
        unmet += failed
    status_ok = after.is_paid and not kept
    status_detail = ""
    if not after.is_paid:
        status_detail = _status_words(scenario, after)
        unmet.insert(0, status_detail)
    if kept:
        status_detail = " ".join([status_detail, "Isian yang sudah benar diubah:", *kept]).strip()
        unmet += kept
    if status_ok:
        status_detail = "Tanpa temuan yang harus diperbaiki." if kapitasi else f"{after.status_label}."
    parts.append(Part("perbaikan", status_label, weights[-1], weights[-1] if status_ok else 0, status_detail))
    return parts, unmet


def time_points(seconds: float, target_seconds: float) -> int:
    """Full points up to the target time, falling linearly to zero at three times the target."""
    if seconds <= target_seconds:
        return POINTS_TIME
    over = (seconds - target_seconds) / (2 * target_seconds)
    return max(0, round(POINTS_TIME * (1 - over)))


def _identification_detail(defects: tuple[DefectResult, ...], false_count: int) -> str:
    full = sum(1 for d in defects if d.credit >= 1)
    partly = sum(1 for d in defects if 0 < d.credit < 1)
    words = [f"{full} dari {len(defects)} cacat ditemukan tepat"]
    if partly:
        words.append(f"{partly} ditemukan di bagian yang benar dengan jenis masalah yang keliru (separuh nilai)")
    if false_count:
        words.append(f"{false_count} temuan tidak sesuai cacat mana pun")
    return "; ".join(words) + "."


def grade_attempt(scenario: Scenario, submission: Submission) -> Grade:
    key = frozenset(scenario.kunci.cacat)
    before = verify(scenario.klaim)
    withdrawn = submission.corrected is None
    after = None if withdrawn else verify(submission.corrected)  # type: ignore[arg-type]
    fabrications = [] if withdrawn else find_fabrications(scenario, submission.corrected)  # type: ignore[arg-type]
    parts, unmet = _correction_parts(scenario, submission.corrected, before, after)
    correction_ok = all(p.earned == p.max_points for p in parts) and not fabrications and not unmet
    findings = tuple(submission.findings)
    flagged = frozenset(submission.flagged)
    defects = match_findings(sorted(key), findings, before) if findings else _old_defects(key, flagged, before)
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
        findings=findings,
        defects=defects,
        fields=field_results(defects, findings, before) if findings or not flagged else (),
    )
    p, r = grade.precision, grade.recall
    f1 = 0.0 if p + r == 0 else 2 * p * r / (p + r)
    false_count = len(grade.false_findings) if findings else len(grade.false_alarms)
    identification = Part(
        "identifikasi",
        "Identifikasi cacat",
        POINTS_IDENTIFICATION,
        round(POINTS_IDENTIFICATION * f1),
        _identification_detail(defects, false_count) if key or false_count else "Klaim tanpa cacat, tanpa temuan.",
    )
    minutes = round(target / 60)
    waktu = Part(
        "waktu", "Waktu pengerjaan", POINTS_TIME, time_points(submission.seconds, target), f"target {minutes} menit"
    )
    breakdown = [identification, *parts, waktu]
    if fabrications:
        why = "dinolkan: klaim hasil perbaikan memuat bukti atau fakta yang tidak ada di berkas kasus"
        breakdown = [Part(p.section, p.label, p.max_points, p.earned, p.detail, why) for p in breakdown]
    grade = Grade(**{**grade.__dict__, "breakdown": tuple(breakdown)})
    grade.points.update(
        {
            "identifikasi": identification.earned,
            "perbaikan": sum(p.earned for p in parts),
            "waktu": waktu.earned,
        }
    )
    return grade
