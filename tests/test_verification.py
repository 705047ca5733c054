"""verify() and verify_batch(): the status a facility sees, the amount it is paid, duplicates inside a batch."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bimtek.claim import Claim, patch_claim
from bimtek.verification import submission_findings, verify, verify_batch

BASES = Path(__file__).resolve().parent / "rules"

# One change per severity, each tripping exactly one rule.
PERINGATAN = {"kunjungan.tgl_entri": "2026-03-05"}  # TW04: entered 3 days late
DIKEMBALIKAN = {"kunjungan.keluhan": ""}  # PC01
DITOLAK = {"peserta.aktif": False}  # PS01


def claim(changes: dict[str, Any] | None = None, base: str = "base_claim.yaml") -> Claim:
    data = yaml.safe_load((BASES / base).read_text(encoding="utf-8"))
    return patch_claim(Claim.model_validate(data), changes or {})


@pytest.mark.parametrize(
    ("changes", "status", "label", "codes", "payable"),
    [
        ({}, "layak", "Layak dibayar", [], 70_000),
        (PERINGATAN, "peringatan", "Layak dengan peringatan", ["TW04"], 70_000),  # paid, but noted
        (DIKEMBALIKAN, "dikembalikan", "Dikembalikan", ["PC01"], 0),
        (DITOLAK, "ditolak", "Ditolak", ["PS01"], 0),
        ({**PERINGATAN, **DIKEMBALIKAN}, "dikembalikan", "Dikembalikan", ["PC01", "TW04"], 0),
        ({**PERINGATAN, **DIKEMBALIKAN, **DITOLAK}, "ditolak", "Ditolak", ["PC01", "PS01", "TW04"], 0),
        ({**PERINGATAN, **DITOLAK}, "ditolak", "Ditolak", ["PS01", "TW04"], 0),
    ],
)
def test_status_is_the_worst_severity(
    changes: dict[str, Any], status: str, label: str, codes: list[str], payable: int
) -> None:
    verdict = verify(claim(changes))
    assert verdict.status == status
    assert verdict.status_label == label
    assert verdict.rule_codes() == codes
    assert verdict.payable == payable
    assert verdict.is_paid is (payable > 0)


def test_findings_name_the_field_and_value() -> None:
    verdict = verify(claim({"peserta.no_kartu": "12345"}))
    [finding] = verdict.findings
    assert (finding.rule, finding.field) == ("PS02", "peserta.no_kartu")
    assert "'12345'" in finding.message


def test_wrong_amount_is_returned_not_paid() -> None:
    verdict = verify(claim({"pengajuan.jumlah_diajukan": 80_000}))
    assert verdict.rule_codes() == ["TR01"]
    assert (verdict.claimed, verdict.payable) == (80_000, 0)
    assert verdict.expected is not None and verdict.expected.amount == 70_000


PRA_RUJUKAN = {
    "pengajuan.layanan": "pra_rujukan",
    "kunjungan.diagnosa": ["O14.0"],
    "dokumen": [
        {"jenis": "bukti_pelayanan", "ditandatangani": True},
        {"jenis": "kia"},
        {"jenis": "surat_rujukan"},
    ],
}


@pytest.mark.parametrize("claimed", [150_000, 200_000])
def test_ceiling_line_pays_what_was_claimed_up_to_the_ceiling(claimed: int) -> None:
    verdict = verify(claim({**PRA_RUJUKAN, "pengajuan.jumlah_diajukan": claimed}))
    assert verdict.status == "layak", verdict.findings
    assert verdict.payable == claimed


def test_rawat_inap_pays_days_times_pks_rate() -> None:
    verdict = verify(claim(base="base_ranap.yaml"))
    assert (verdict.status, verdict.payable) == ("layak", 750_000)


def test_unknown_service_line_is_returned_naming_the_nearest_and_pays_nothing() -> None:
    verdict = verify(claim({"pengajuan.layanan": "anc_bidann"}))
    assert (verdict.status, verdict.rule_codes(), verdict.payable) == ("dikembalikan", ["KD04"], 0)
    assert "maksud Anda 'anc_bidan'?" in verdict.findings[0].message


@pytest.mark.parametrize("amount", [-50_000, 0])
def test_negative_or_zero_amount_on_a_ceiling_line_is_never_paid(amount: int) -> None:
    verdict = verify(claim({**PRA_RUJUKAN, "pengajuan.jumlah_diajukan": amount}))
    assert verdict.rule_codes() == ["TR04"]
    assert verdict.payable == 0


def test_payable_never_exceeds_the_tariff_even_if_a_claim_slips_through() -> None:
    from bimtek.verification import Verdict

    expected = verify(claim()).expected
    assert expected is not None
    assert Verdict("layak", (), expected, 999_999_999).payable == 70_000
    assert Verdict("layak", (), None, 70_000).payable == 0


def test_a_stay_without_its_pks_day_rate_is_returned_not_paid_as_claimed() -> None:
    # Was "unpriced line pays the amount claimed": fail-open, which issue 8 says is wrong.
    verdict = verify(claim({"fasilitas.tarif_rawat_inap_per_hari": None}, base="base_ranap.yaml"))
    assert verdict.expected is None
    assert (verdict.status, verdict.payable, verdict.rule_codes()) == ("dikembalikan", 0, ["TR05"])


def test_an_ambulance_is_paid_at_the_declared_pemda_rate_and_not_without_one() -> None:
    ambulance = {"pengajuan.layanan": "ambulans", "pengajuan.jumlah_diajukan": 400_000, "dokumen": [
        {"jenis": "bukti_pelayanan", "ditandatangani": True}, {"jenis": "surat_rujukan"}]}  # fmt: skip
    priced = verify(claim({**ambulance, "fasilitas.tarif_ambulans_pemda": 400_000, "kunjungan.diagnosa": ["O14.1"]}))
    assert (priced.status, priced.payable) == ("layak", 400_000), priced.findings
    unpriced = verify(claim({**ambulance, "kunjungan.diagnosa": ["O14.1"]}))
    assert (unpriced.status, unpriced.payable, unpriced.rule_codes()) == ("dikembalikan", 0, ["TR05"])


def test_kapitasi_entry_pays_nothing_per_service() -> None:
    verdict = verify(claim({"pengajuan.jenis_klaim": "kapitasi", "pengajuan.jumlah_diajukan": 0}))
    assert (verdict.status, verdict.payable) == ("layak", 0)


def test_batch_flags_the_second_of_two_identical_services_not_the_first() -> None:
    first, second = verify_batch([claim(), claim({"pengajuan.no_klaim": "NK-2026-03-015"})])
    assert first.status == "layak" and first.rule_codes() == []
    assert second.status == "ditolak" and second.rule_codes() == ["DP01"]
    assert "'NK-2026-03-014'" in second.findings[0].message  # names the claim it duplicates
    assert second.payable == 0


def test_batch_does_not_mix_participants() -> None:
    other = claim({"peserta.no_kartu": "0009876543210", "peserta.nama": "Dewi Lestari"})
    verdicts = verify_batch([claim(), other])
    assert [v.status for v in verdicts] == ["layak", "layak"]


def test_batch_catches_the_same_anc_visit_on_another_day() -> None:
    later = claim({"kunjungan.tgl_daftar": "2026-03-16", "kunjungan.tgl_entri": "2026-03-16"})
    verdicts = verify_batch([claim(), later])
    assert [v.rule_codes() for v in verdicts] == [[], ["DP01"]]
    assert "kunjungan ke-3" in verdicts[1].findings[0].message


def test_batch_leaves_the_claims_it_was_given_unchanged() -> None:
    claims = [claim(), claim()]
    verify_batch(claims)
    assert [c.riwayat_klaim for c in claims] == [[], []]


def test_batch_matches_single_verification_without_duplicates() -> None:
    claims = [claim(), claim(DIKEMBALIKAN | {"peserta.no_kartu": "0009876543210"}), claim(base="base_ranap.yaml")]
    assert [v.status for v in verify_batch(claims)] == [verify(c).status for c in claims]


# --- The submission file (Peraturan BPJS Kesehatan 7/2018 Ps 12) lives at the batch level -----------------


def _second_claim(**changes: Any) -> Claim:
    return claim({"pengajuan.no_klaim": "NK-2026-03-015", "peserta.no_kartu": "0001234567891", **changes})


def test_a_batch_is_one_submission_whose_file_on_one_row_covers_every_claim() -> None:
    first, second = claim(), _second_claim(berkas_pengajuan=None)
    verdicts = verify_batch([first, second])
    assert [v.status for v in verdicts] == ["layak", "layak"]
    assert submission_findings([first, second]) == []


def test_a_batch_without_a_submission_file_returns_every_billed_claim_once_checked() -> None:
    kapitasi = _second_claim(
        **{"berkas_pengajuan": None, "pengajuan.jenis_klaim": "kapitasi", "pengajuan.layanan": "rawat_jalan"},
        **{"pengajuan.jumlah_diajukan": 0},
    )
    batch = [claim({"berkas_pengajuan": None}), _second_claim(berkas_pengajuan=None), kapitasi]
    verdicts = verify_batch(batch)
    assert [v.status for v in verdicts] == ["dikembalikan", "dikembalikan", "layak"]
    assert [v.payable for v in verdicts] == [0, 0, 0]
    general = submission_findings(batch)
    assert [f.rule for f in general] == ["DK01"] and "tidak disertai berkas umum" in general[0].message
    assert verdicts[0].findings[0] is verdicts[1].findings[0]  # one check, shared by the claims it covers


def test_an_unstamped_sptjm_in_the_submission_file_returns_the_whole_batch() -> None:
    docs = [
        {"jenis": "fpk", "ditandatangani": True},
        {"jenis": "rekapitulasi"},
        {"jenis": "kuitansi", "ditandatangani": True, "bermeterai": True},
        {"jenis": "sptjm", "ditandatangani": True},
    ]
    batch = [claim({"berkas_pengajuan.dokumen": docs}), _second_claim(berkas_pengajuan=None)]
    assert [v.rule_codes() for v in verify_batch(batch)] == [["DK01"], ["DK01"]]
    assert "belum bermeterai" in submission_findings(batch)[0].message


def test_a_single_claim_is_judged_with_the_submission_file_it_carries() -> None:
    assert verify(claim({"berkas_pengajuan": None})).rule_codes() == ["DK01"]
    assert verify(claim()).status == "layak"


def test_caps_and_intervals_use_the_earlier_claims_of_the_batch() -> None:
    kb = {"pengajuan.layanan": "kb_suntik", "pengajuan.jumlah_diajukan": 20_000, "kunjungan.diagnosa": ["Z30.4"],
          "pengajuan.metode_kb": "suntik_3_bulan",
          "dokumen": [{"jenis": "bukti_pelayanan", "ditandatangani": True}, {"jenis": "buku_kb"}]}  # fmt: skip
    first = claim(
        {
            **kb,
            "kunjungan.tgl_daftar": "2026-02-01",
            "kunjungan.tgl_entri": "2026-02-01",
            "pengajuan.tgl_pengajuan": "2026-03-06",
        }
    )
    early = claim({**kb, "pengajuan.no_klaim": "NK-2026-03-099"})  # 2 March: 29 days later, same batch
    verdicts = verify_batch([first, early])
    assert [v.rule_codes() for v in verdicts] == [[], ["TR07"]]
    assert verdicts[1].status == "dikembalikan"


def test_a_photo_reused_by_another_club_in_the_batch_is_caught_and_snacks_are_paid_up_to_the_ceiling() -> None:
    dm = claim(base="base_prolanis.yaml")
    photos = dm.kegiatan_prolanis.model_dump(mode="json")["foto"]  # type: ignore[union-attr]
    ht = claim(
        {
            "peserta.no_kartu": "0001234567860",
            "pengajuan.no_klaim": "PRL-2026-03-002",
            "kegiatan_prolanis.klub": "02",
            "kegiatan_prolanis.tanggal": "2026-03-14",
            "kunjungan.tgl_daftar": "2026-03-14",
            "kunjungan.tgl_entri": "2026-03-14",
            "kegiatan_prolanis.foto": photos,  # the DM club's photos, attached again
        },
        base="base_prolanis.yaml",
    )
    verdicts = verify_batch([dm, ht])
    assert [v.rule_codes() for v in verdicts] == [[], ["PL03"]]
    assert verify(dm).payable == 175_000
    over = verify(claim({"kegiatan_prolanis.biaya_konsumsi": 35_000, "pengajuan.jumlah_diajukan": 185_000},
                        base="base_prolanis.yaml"))  # fmt: skip
    assert over.expected is not None and over.expected.amount == 175_000
    assert over.status == "dikembalikan" and set(over.rule_codes()) >= {"PL04"}
