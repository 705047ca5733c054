"""Property-based tests (hypothesis) of the verifier's invariants, on the shipped claims (rule bases, every
scenario's claim and its model answer) and on random variations of them:

- normalisation does not change a verdict: ICD-10 codes lower-cased, padded or without their dot, lab names as
  synonyms in any case, lab values rescaled to another unit, service/document/route values in any case;
- the payable amount lies in [0, tariff], and is 0 when no tariff can be determined;
- adding a missing required document never worsens a verdict, removing one never improves it;
- the same claim always gets the same verdict (also after a round trip through its JSON form).

Bounded (max_examples) so the whole file runs in well under a minute.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bimtek.claim import Claim, patch_claim
from bimtek.content import load_scenarios
from bimtek.normalise import vocabulary
from bimtek.reference import load_reference
from bimtek.rules import Severity
from bimtek.synthetic import generate_claims
from bimtek.verification import LAYAK, Verdict, batch_berkas, verify, verify_batch, with_batch_history

HERE = Path(__file__).resolve().parent
BASES = [
    Claim.model_validate(yaml.safe_load((HERE / "rules" / name).read_text(encoding="utf-8")))
    for name in ("base_claim.yaml", "base_ranap.yaml", "base_persalinan.yaml")
]
SCENARIOS = load_scenarios().scenarios
CLAIMS = (
    BASES
    + [s.klaim for s in SCENARIOS]
    + [patch_claim(s.klaim, s.kunci.perbaikan) for s in SCENARIOS if not s.kunci.tidak_dapat_diperbaiki]
)
# Labs whose name and unit are read (no KD05/KD06): respelling or rescaling a lab the model cannot read is not a
# synonym of it (the cases that teach an unreadable unit, e.g. Hb in mg/dL, are left out).
WITH_LABS = [c for c in CLAIMS if c.lab and not {"KD05", "KD06"} & set(verify(c).rule_codes())]
RANK = {LAYAK: 0, Severity.PERINGATAN.value: 1, Severity.DIKEMBALIKAN.value: 2, Severity.DITOLAK.value: 3}
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Alternative units and the factor that turns a canonical value into a value in that unit.
RESCALE = {
    "trombosit": [("10^3/µL", 1e-3), ("x10^3/uL", 1e-3), ("10³/µL", 1e-3), ("ribu/uL", 1e-3), ("/mm3", 1.0)],
    "hematokrit": [("L/L", 1e-2), ("%", 1.0)],
    "hemoglobin": [("g/L", 10.0), ("gr/dl", 1.0)],
}


def key(v: Verdict) -> tuple[Any, ...]:
    return (v.status, v.rule_codes(), v.payable)


def data(claim: Claim) -> dict[str, Any]:
    return claim.model_dump(mode="json")


def respell(text: str, style: int) -> str:
    return [text.upper(), text.title(), f"  {text} ", text.lower().replace("_", " "), text][style % 5]


def synonyms(name: str) -> list[str]:
    return [s for s, canonical in vocabulary().lab_synonyms.items() if canonical == name] + [name]


@SETTINGS
@given(st.sampled_from(CLAIMS), st.lists(st.integers(0, 4), min_size=3, max_size=3), st.booleans())
def test_icd10_spelling_does_not_change_the_verdict(claim: Claim, styles: list[int], drop_dot: bool) -> None:
    d = data(claim)
    codes = d["kunjungan"]["diagnosa"]
    spelt = []
    for code, style in zip(codes, styles, strict=False):
        code = code.replace(".", "") if drop_dot else code
        spelt.append([code.lower(), f" {code} ", code, f"{code.lower()} ", code][style])
    d["kunjungan"]["diagnosa"] = spelt
    assert key(verify(Claim.model_validate(d))) == key(verify(claim))


@SETTINGS
@given(st.sampled_from(WITH_LABS), st.data())
def test_lab_synonyms_and_units_do_not_change_the_verdict(claim: Claim, draw: st.DataObject) -> None:
    d = data(claim)
    for lab in d["lab"]:
        name = lab["jenis"]
        lab["jenis"] = respell(draw.draw(st.sampled_from(synonyms(name))), draw.draw(st.integers(0, 4)))
        if name in RESCALE:
            unit, factor = draw.draw(st.sampled_from(RESCALE[name]))
            lab["nilai"], lab["satuan"] = lab["nilai"] * factor, unit
    assert key(verify(Claim.model_validate(d))) == key(verify(claim))


@SETTINGS
@given(st.sampled_from(CLAIMS), st.integers(0, 4), st.integers(0, 4), st.integers(0, 4))
def test_case_of_service_document_and_route_values_does_not_change_the_verdict(
    claim: Claim, s1: int, s2: int, s3: int
) -> None:
    d = data(claim)
    d["pengajuan"]["layanan"] = respell(d["pengajuan"]["layanan"], s1)
    d["pengajuan"]["jenis_klaim"] = respell(d["pengajuan"]["jenis_klaim"], s1)
    for doc in d["dokumen"]:
        doc["jenis"] = respell(doc["jenis"], s2)
    for therapy in d["kunjungan"]["terapi"]:
        therapy["rute"] = respell(therapy["rute"], s3)
    assert key(verify(Claim.model_validate(d))) == key(verify(claim))


SERVICES = sorted(load_reference().services) + ["anc_bidann", "usg", "rawat_inap_vip"]
FACILITY_TYPES = ["puskesmas", "klinik_pratama", "rs_d_pratama", "praktik_dokter", "praktik_bidan"]


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(BASES),
    st.sampled_from(SERVICES),
    st.sampled_from(FACILITY_TYPES),
    st.integers(-(10**9), 10**9),
    st.one_of(st.none(), st.integers(-(10**7), 10**7)),
    st.dates(dt.date(2015, 1, 1), dt.date(2027, 12, 31)),
    st.integers(0, 40),
    st.integers(0, 9),
)
def test_payable_lies_between_zero_and_the_tariff(
    base: Claim, layanan: str, jenis: str, amount: int, rate: int | None, day: dt.date, stay: int, late: int
) -> None:
    end = day + dt.timedelta(days=stay)
    changes = {  # dates kept consistent, so that many variations are payable and the bound is really exercised
        "pengajuan.layanan": layanan,
        "fasilitas.jenis": jenis,
        "pengajuan.jumlah_diajukan": amount,
        "fasilitas.tarif_rawat_inap_per_hari": rate,
        "kunjungan.tgl_daftar": day.isoformat(),
        "kunjungan.tgl_pulang": end.isoformat(),
        "kunjungan.tgl_entri": end.isoformat(),
        "pengajuan.tgl_pengajuan": (end + dt.timedelta(days=late)).isoformat(),
        "pengajuan.lama_rawat_hari": max(1, stay),
        "peserta.tgl_akhir_berlaku": None,
        "lab": [],
    }
    verdict = verify(patch_claim(base, changes))
    tariff = verdict.expected.amount if verdict.expected is not None else 0
    assert 0 <= verdict.payable <= max(0, tariff)
    if verdict.expected is None:
        assert verdict.payable == 0
    if verdict.payable:
        assert verdict.is_paid


def _required(claim: Claim) -> list[str]:
    service = load_reference().services.get(claim.pengajuan.layanan)
    wanted = ["fpk", "sptjm", *(service.dokumen_wajib if service else ())]
    return list(dict.fromkeys(wanted))


@SETTINGS
@given(st.sampled_from(CLAIMS), st.data())
def test_removing_a_required_document_never_improves_the_verdict(claim: Claim, draw: st.DataObject) -> None:
    present = [d.jenis for d in claim.dokumen if d.jenis in _required(claim)]
    if not present:
        return
    gone = draw.draw(st.sampled_from(present))
    fewer = patch_claim(claim, {"dokumen": [d.model_dump() for d in claim.dokumen if d.jenis != gone]})
    before, after = verify(claim), verify(fewer)
    assert RANK[after.status] >= RANK[before.status]
    assert after.payable <= before.payable


@SETTINGS
@given(st.sampled_from(CLAIMS), st.data())
def test_adding_a_missing_required_document_never_worsens_the_verdict(claim: Claim, draw: st.DataObject) -> None:
    have = {d.jenis for d in claim.dokumen}
    missing = [j for j in _required(claim) if j not in have]
    if not missing:
        return
    added = draw.draw(st.sampled_from(missing))
    more = patch_claim(claim, {"dokumen": [*(d.model_dump() for d in claim.dokumen), {"jenis": added, "ditandatangani": True}]})  # fmt: skip
    before, after = verify(claim), verify(more)
    assert RANK[after.status] <= RANK[before.status]
    assert after.payable >= before.payable


@SETTINGS
@given(st.sampled_from(CLAIMS))
def test_the_same_claim_always_gets_the_same_verdict(claim: Claim) -> None:
    first = verify(claim)
    again = verify(claim)
    round_trip = verify(Claim.model_validate(data(claim)))  # normalising a normalised claim changes nothing
    assert first == again
    assert key(round_trip) == key(first)
    assert [(f.rule, f.field, f.message) for f in round_trip.findings] == [
        (f.rule, f.field, f.message) for f in first.findings
    ]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(CLAIMS), max_size=6), st.integers(0, 10**6), st.integers(0, 60), st.randoms())
def test_a_batch_judges_each_claim_as_verify_does_with_the_batch_history_and_file(
    shipped: list[Claim], seed: int, n: int, rnd: Any
) -> None:
    # verify_batch skips rules that cannot apply to a kind of claim and checks the submission file once; neither
    # may change a verdict: each equals verify() of the claim with its earlier batch rows and the batch's file
    batch = shipped + generate_claims(n, seed)
    rnd.shuffle(batch)
    default = batch_berkas(batch)
    alone = [
        c.model_copy(update={"berkas_pengajuan": c.berkas_pengajuan or default}) for c in with_batch_history(batch)
    ]
    assert verify_batch(batch) == [verify(c) for c in alone]
