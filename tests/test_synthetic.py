"""The synthetic claim generator: reproducible, realistic, valid, and labelled the way the verifier sees it."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from bimtek.claim import Claim
from bimtek.synthetic import generate_batch, generate_claims
from bimtek.synthetic_defects import DEFECTS
from bimtek.verification import verify_batch


@pytest.fixture(scope="module")
def batch_2000():
    return generate_batch(2000, seed=11)


def test_same_seed_gives_the_same_claims():
    assert generate_claims(300, seed=5) == generate_claims(300, seed=5)


def test_different_seeds_give_different_claims():
    first, second = generate_claims(300, seed=5), generate_claims(300, seed=6)
    assert sum(a != b for a, b in zip(first, second, strict=True)) > 250


def test_defect_share_on_2000_claims_is_within_15_to_30_percent(batch_2000):
    verdicts = verify_batch([item.claim for item in batch_2000])
    share = sum(1 for v in verdicts if v.findings) / len(verdicts)
    assert 0.15 <= share <= 0.30, share


def test_every_generated_claim_validates(batch_2000):
    for item in batch_2000:
        data = item.claim.model_dump(mode="json")
        assert Claim.model_validate(data) == item.claim


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_verifier_reports_exactly_the_rules_each_injected_defect_trips(seed):
    batch = generate_batch(3000, seed=seed)
    verdicts = verify_batch([item.claim for item in batch])
    wrong = [
        (item.claim.pengajuan.no_klaim, item.cacat, item.aturan, verdict.rule_codes())
        for item, verdict in zip(batch, verdicts, strict=True)
        if verdict.rule_codes() != list(item.aturan)
    ]
    assert wrong == []


def test_clean_claims_are_payable_at_the_tariff(batch_2000):
    clean = [item.claim for item in batch_2000 if not item.cacat]
    verdicts = verify_batch(clean)
    assert {v.status for v in verdicts} == {"layak"}
    billed = [(c, v) for c, v in zip(clean, verdicts, strict=True) if c.pengajuan.jenis_klaim != "kapitasi"]
    assert billed and all(v.payable == c.pengajuan.jumlah_diajukan > 0 for c, v in billed)


def test_every_defect_kind_occurs_and_duplicates_are_caught():
    kinds: Counter[str] = Counter()
    for seed in range(4):
        kinds.update(kind for item in generate_batch(2500, seed=seed) for kind in item.cacat)
    assert set(DEFECTS) | {"klaim_ganda"} == set(kinds)


def test_mix_covers_facility_types_and_service_lines(batch_2000):
    claims = [item.claim for item in batch_2000]
    assert len({c.fasilitas.jenis for c in claims}) >= 4
    assert len({c.pengajuan.layanan for c in claims}) >= 15
    kapitasi = sum(c.pengajuan.jenis_klaim == "kapitasi" for c in claims) / len(claims)
    assert 0.15 < kapitasi < 0.6


def test_a_small_simulated_month_belongs_to_one_facility_and_one_month():
    batch = generate_batch(45, seed=3, bulan=dt.date(2026, 8, 1))
    claims = [item.claim for item in batch]
    assert len(claims) == 45
    assert len({c.fasilitas.kode for c in claims}) == 1
    services = [
        c.kunjungan.tgl_daftar for item, c in zip(batch, claims, strict=True) if "kedaluwarsa" not in item.cacat
    ]
    assert all(d.year == 2026 and d.month == 8 for d in services)
    assert all(c.pengajuan.tgl_pengajuan >= c.service_end() for c in claims)
    assert len({c.pengajuan.layanan for c in claims}) > 3


def test_claim_numbers_and_card_numbers_are_unique_except_duplicates(batch_2000):
    numbers = [item.claim.pengajuan.no_klaim for item in batch_2000]
    assert len(set(numbers)) == len(numbers)
    cards = Counter(item.claim.peserta.no_kartu for item in batch_2000 if "klaim_ganda" not in item.cacat)
    assert max(cards.values()) == 1
    assert all(len(card) == 13 and card.isdigit() for card in cards)
