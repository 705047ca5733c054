"""verify(claim) -> Verdict: runs every registered rule and prices the claim under the tariff in force."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace

from bimtek.claim import BerkasPengajuan, Claim, RiwayatKlaim
from bimtek.rules import Finding, Rule, Severity, all_rules
from bimtek.rules.base import is_billed
from bimtek.tariff import Expected, expected_amount

LAYAK = "layak"

STATUS_LABELS = {
    LAYAK: "Layak dibayar",
    Severity.DITOLAK.value: "Ditolak",
    Severity.DIKEMBALIKAN.value: "Dikembalikan",
    Severity.PERINGATAN.value: "Layak dengan peringatan",
}


@dataclass(frozen=True)
class Verdict:
    """The verifier's answer for one claim."""

    status: str  # layak | peringatan | dikembalikan | ditolak
    findings: tuple[Finding, ...]
    expected: Expected | None
    claimed: int

    @property
    def payable(self) -> int:
        """What BPJS pays now, always from the tariff and within [0, tariff]: the tariff amount (up to it for a
        ceiling line), nothing if returned or rejected, nothing when no tariff can be determined (fail closed)."""
        if self.status in (Severity.DITOLAK, Severity.DIKEMBALIKAN) or self.expected is None:
            return 0
        tariff = max(0, self.expected.amount)
        if self.expected.ceiling:
            return max(0, min(self.claimed, tariff))
        return tariff

    @property
    def is_paid(self) -> bool:
        return self.status in (LAYAK, Severity.PERINGATAN)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    def rule_codes(self) -> list[str]:
        return sorted({f.rule for f in self.findings})


def worst_status(findings: Iterable[Finding]) -> str:
    worst: Severity | None = None
    for f in findings:
        if worst is None or f.severity.rank > worst.rank:
            worst = f.severity
    return LAYAK if worst is None else worst.value


def verify(claim: Claim, rules: Sequence[Rule] | None = None) -> Verdict:
    """Runs the rules on one claim. Rules are pure; the order of findings follows the rule codes."""
    findings: list[Finding] = []
    for rule in rules if rules is not None else all_rules():
        found = rule.check(claim)
        if found:
            findings += found
    return Verdict(
        status=worst_status(findings),
        findings=tuple(findings),
        expected=expected_amount(claim),
        claimed=claim.pengajuan.jumlah_diajukan,
    )


def with_batch_history(claims: Sequence[Claim]) -> list[Claim]:
    """Adds, to each claim, the earlier claims of the same participant in the batch as claim history.

    A verifier sees the participant's previous claims; in a batch the earlier rows are that history, so the
    second of two identical services is caught as a duplicate (rule DP01) and the first is not.
    """
    seen: dict[str, list[RiwayatKlaim]] = {}
    activities: list[RiwayatKlaim] = []  # Prolanis group activities: their photos are history for every club
    out: list[Claim] = []
    for claim in claims:
        key = claim.peserta.no_kartu
        earlier = seen.setdefault(key, [])
        kegiatan = claim.kegiatan_prolanis
        others = list(activities) if kegiatan is not None else []
        if earlier or others:
            claim = claim.model_copy(update={"riwayat_klaim": [*claim.riwayat_klaim, *earlier, *others]})
        if kegiatan is not None:
            activities.append(
                RiwayatKlaim(
                    layanan=claim.pengajuan.layanan,
                    tgl_layanan=kegiatan.tanggal,
                    no_klaim=claim.pengajuan.no_klaim,
                    foto_sha256=[f.sha256 for f in kegiatan.foto],
                )
            )
        out.append(claim)
        earlier.append(
            RiwayatKlaim(
                layanan=claim.pengajuan.layanan,
                tgl_layanan=claim.kunjungan.tgl_daftar,
                tgl_pulang=claim.kunjungan.tgl_pulang,
                kunjungan_ke=claim.pengajuan.kunjungan_ke,
                no_klaim=claim.pengajuan.no_klaim,
                rahang=claim.pengajuan.rahang,
            )
        )
    return out


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pauses the cyclic garbage collector around bulk work that creates only acyclic objects.

    With a large batch in memory every full collection rescans all of its claims: for 100,000 claims that
    doubled the verification time (scripts/benchmark_verify.py). Reference counting still frees memory.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def batch_berkas(claims: Sequence[Claim]) -> BerkasPengajuan | None:
    """The batch's submission file: a batch is one submission, so the first claim that carries one gives it."""
    return next((c.berkas_pengajuan for c in claims if c.berkas_pengajuan is not None), None)


def _submission_rules() -> list[Rule]:
    return [r for r in all_rules() if r.scope == "pengajuan"]


def submission_findings(claims: Sequence[Claim]) -> list[Finding]:
    """Findings on the batch's general submission file, checked once (none when nothing in it is billed)."""
    if not any(is_billed(c) for c in claims):
        return []
    berkas = batch_berkas(claims)
    return [f for rule in _submission_rules() for f in rule.check_berkas(berkas)]


def verify_batch(claims: Sequence[Claim]) -> list[Verdict]:
    """Verifies a batch as one submission: claim rules per claim, the submission file once for all of them.

    A defect in the submission file (rule DK01) returns every billed claim it covers, so its findings join each
    of those verdicts; a claim that carries its own berkas_pengajuan is judged by that one.
    """
    rules = all_rules()
    claim_rules = [r for r in rules if r.scope == "klaim"]
    by_line: dict[str, list[Rule]] = {}  # the rules that can apply to each service line, built once per line
    default = batch_berkas(claims)
    checked: dict[int, tuple[Finding, ...]] = {}
    out: list[Verdict] = []
    with paused_gc():
        for claim in with_batch_history(claims):
            line = claim.pengajuan.layanan
            if line not in by_line:
                by_line[line] = [r for r in claim_rules if r.applies_to is None or line in r.applies_to]
            verdict = verify(claim, by_line[line])
            if is_billed(claim):
                berkas = claim.berkas_pengajuan or default
                key = id(berkas)
                if key not in checked:
                    checked[key] = tuple(f for rule in _submission_rules() for f in rule.check_berkas(berkas))
                if checked[key]:
                    findings = checked[key] + verdict.findings
                    verdict = replace(verdict, status=worst_status(findings), findings=findings)
            out.append(verdict)
    return out
