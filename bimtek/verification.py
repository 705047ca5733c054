"""verify(claim) -> Verdict: runs every registered rule and prices the claim under the tariff in force."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace

from bimtek.claim import BerkasPengajuan, Claim, RiwayatKlaim
from bimtek.rules import Finding, Rule, Severity, all_rules
from bimtek.rules.base import Need, claim_facts, is_billed
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
    return _judge(claim, [rule.check for rule in (rules if rules is not None else all_rules())])


def _judge(claim: Claim, checks: Sequence[Callable[[Claim], list[Finding]]]) -> Verdict:
    """The verdict from the given rules' check methods (verify_batch reuses one list per kind of claim)."""
    findings: list[Finding] = []
    for check in checks:
        found = check(claim)
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
    # Earlier claims per card number; each becomes a RiwayatKlaim only once a later claim needs it (most
    # participants appear once in a month, and building the record for every row cost a tenth of a batch).
    seen: dict[str, list[Claim | RiwayatKlaim]] = {}
    activities: list[RiwayatKlaim] = []  # Prolanis group activities: their photos are history for every club
    out: list[Claim] = []
    for claim in claims:
        key = claim.peserta.no_kartu
        earlier = seen.get(key)
        kegiatan = claim.kegiatan_prolanis
        others = activities if kegiatan is not None else []
        if earlier or others:
            history = _history(earlier) if earlier else []
            claim = claim.model_copy(update={"riwayat_klaim": [*claim.riwayat_klaim, *history, *others]})
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
        if earlier is None:
            seen[key] = [claim]
        else:
            earlier.append(claim)
    return out


def _history(earlier: list[Claim | RiwayatKlaim]) -> list[RiwayatKlaim]:
    """The participant's earlier claims as claim history, each record built once and kept in `earlier`."""
    out = []
    for i, entry in enumerate(earlier):
        if isinstance(entry, Claim):
            entry = earlier[i] = RiwayatKlaim(
                layanan=entry.pengajuan.layanan,
                tgl_layanan=entry.kunjungan.tgl_daftar,
                tgl_pulang=entry.kunjungan.tgl_pulang,
                kunjungan_ke=entry.pengajuan.kunjungan_ke,
                no_klaim=entry.pengajuan.no_klaim,
                rahang=entry.pengajuan.rahang,
            )
        out.append(entry)
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
    claim_rules = [r for r in all_rules() if r.scope == "klaim"]
    # Per kind of claim (service line, Need facts), built once: the checks of the rules that can find anything on
    # it, and whether it is billed (then the submission file covers it).
    by_kind: dict[tuple[str, frozenset[Need]], tuple[list[Callable[[Claim], list[Finding]]], bool]] = {}
    default = batch_berkas(claims)
    checked: dict[int, tuple[Finding, ...]] = {}
    out: list[Verdict] = []
    with paused_gc():
        for claim in with_batch_history(claims):
            kind = (claim.pengajuan.layanan, claim_facts(claim))
            plan = by_kind.get(kind)
            if plan is None:
                plan = by_kind[kind] = ([r.check for r in claim_rules if r.runs_on(*kind)], Need.BILLED in kind[1])
            checks, billed = plan
            verdict = _judge(claim, checks)
            if billed:
                berkas = claim.berkas_pengajuan or default
                key = id(berkas)
                if key not in checked:
                    checked[key] = tuple(f for rule in _submission_rules() for f in rule.check_berkas(berkas))
                if checked[key]:
                    findings = checked[key] + verdict.findings
                    verdict = replace(verdict, status=worst_status(findings), findings=findings)
            out.append(verdict)
    return out
