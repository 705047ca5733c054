"""P-Care kunjungan payloads (SIMRS/SIMPUS bridging) read by the claim reader, mapped field by field and verified."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bimtek.cli import main
from bimtek.errors import InputError
from bimtek.io import read_claims
from bimtek.pcare_payload import ALL_KEYS, KHUSUS_CODES, NAMA_TIDAK_ADA
from bimtek.reference import load_reference
from bimtek.verification import verify, verify_batch

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "contoh-pcare-kunjungan.json"
MAPPING_DOC = ROOT / "docs" / "pcare-mapping.md"


DROP = object()  # payload(key=DROP) leaves the key out


def payload(**changes: Any) -> dict[str, Any]:
    """A complete kunjungan payload with the keys of the facts sheet's field list (an edit: noKunjungan set)."""
    base: dict[str, Any] = {
        "noKunjungan": "0114U1631026Y000001",
        "noKartu": "0001234567890",
        "tglDaftar": "14-10-2026",
        "kdPoli": "001",
        "keluhan": "Demam 3 hari",
        "kdSadar": "01",
        "sistole": 118,
        "diastole": 76,
        "beratBadan": 55.5,
        "tinggiBadan": 158,
        "respRate": 20,
        "heartRate": 84,
        "lingkarPerut": 80,
        "suhu": 38.1,
        "terapiObat": "Paracetamol 500 mg 3x1",
        "terapiNonObat": "Kompres hangat",
        "bmhp": "Kasa",
        "anamnesa": "Demam naik turun",
        "alergiMakan": "00",
        "alergiUdara": "00",
        "alergiObat": "00",
        "kdPrognosa": "02",
        "kdStatusPulang": "3",
        "tglPulang": "14-10-2026",
        "kdDokter": "131491",
        "kdDiag1": "R50.9",
        "kdDiag2": "k297",
        "kdDiag3": None,
        "kdPoliRujukInternal": None,
        "rujukLanjut": None,
        "kdTacc": -1,
        "alasanTacc": None,
        "ketAktif": "AKTIF",  # the peserta look-up a SIMRS merges into the visit (facts: Peserta fields)
    }
    base.update(changes)
    for key in [k for k, v in changes.items() if v is DROP]:
        del base[key]
    return base


def read(obj: Any, name: str = "kunjungan.json") -> list[Any]:
    return read_claims(name, json.dumps(obj, default=str).encode())


def one(**changes: Any) -> Any:
    claims = read(payload(**changes))
    assert len(claims) == 1
    return claims[0]


def problems(obj: Any) -> list[str]:
    with pytest.raises(InputError) as err:
        read(obj)
    return err.value.problems


def codes(claim: Any) -> list[str]:
    return verify(claim).rule_codes()


# --- every field --------------------------------------------------------------------------------------------
def test_a_complete_payload_maps_every_kunjungan_field():
    claim = one()
    k, v = claim.kunjungan, claim.kunjungan.vital
    assert k.no_kunjungan == "0114U1631026Y000001" and claim.pengajuan.no_klaim == "0114U1631026Y000001"
    assert claim.peserta.no_kartu == "0001234567890"
    assert k.tgl_daftar == dt.date(2026, 10, 14) and k.tgl_pulang == dt.date(2026, 10, 14)
    assert (k.kd_poli, k.keluhan, k.kd_sadar, k.anamnesa) == ("001", "Demam 3 hari", "01", "Demam naik turun")
    assert (v.sistole, v.diastole, v.berat_badan, v.tinggi_badan) == (118, 76, 55.5, 158)
    assert (v.resp_rate, v.heart_rate, v.lingkar_perut, v.suhu) == (20, 84, 80, 38.1)
    assert [(t.nama, t.rute) for t in k.terapi] == [("Paracetamol 500 mg 3x1", "oral"), ("Kompres hangat", "lainnya")]
    assert (k.kd_prognosa, k.kd_status_pulang, k.kd_dokter) == ("02", "3", "131491")
    assert k.diagnosa == ["R50.9", "K29.7"]  # normalised like every claim
    assert k.rujukan is None
    assert (k.kd_tkp, claim.pengajuan.jenis_klaim, claim.pengajuan.layanan) == ("10", "kapitasi", "rawat_jalan")
    assert claim.peserta.nama == NAMA_TIDAK_ADA and claim.peserta.aktif is True
    assert codes(claim) == []


def test_dates_in_iso_form_and_numbers_as_text_with_a_decimal_comma_are_read():
    claim = one(tglDaftar="2026-10-14", tglPulang="2026-10-14", suhu="37,8", sistole="120", beratBadan="60,5")
    assert claim.kunjungan.tgl_daftar == dt.date(2026, 10, 14)
    assert (claim.kunjungan.vital.suhu, claim.kunjungan.vital.sistole, claim.kunjungan.vital.berat_badan) == (37.8, 120, 60.5)  # fmt: skip


def test_a_zero_measurement_is_not_measured_and_the_verifier_reports_it():
    claim = one(sistole=0, diastole="0", respRate=0)
    assert claim.kunjungan.vital.sistole is None and claim.kunjungan.vital.resp_rate is None
    findings = {f.field for f in verify(claim).findings if f.rule == "PC02"}
    assert findings == {"kunjungan.vital.sistole", "kunjungan.vital.diastole"}


def test_missing_first_diagnosis_stays_missing_behind_a_second_one():
    claim = one(kdDiag1=None, kdDiag2="I10")
    assert claim.kunjungan.diagnosa[1] == "I10"
    assert "PC04" in codes(claim)


def test_an_add_payload_without_nokunjungan_is_not_yet_in_pcare():
    claim = one(noKunjungan=None)
    assert claim.kunjungan.no_kunjungan is None and claim.kunjungan.tgl_entri is None
    assert "PC07" in codes(claim)


def test_older_terapi_text_is_split_into_items():
    claim = one(terapiObat=None, terapiNonObat=None, terapi="Amoksisilin 500 mg 3x1; Parasetamol 500 mg\nVitamin C")
    assert [t.nama for t in claim.kunjungan.terapi] == ["Amoksisilin 500 mg 3x1", "Parasetamol 500 mg", "Vitamin C"]


def test_pendaftaran_keys_merged_into_the_payload_are_read():
    claim = one(kdProviderPeserta="0114A026", kunjSakit=False, kdTkp="50", rujukBalik=0)
    assert claim.peserta.kd_provider_peserta == "0114A026" and claim.kunjungan.kunjungan_sakit is False
    assert (claim.kunjungan.kd_tkp, claim.pengajuan.layanan) == ("50", "promotif")


def test_rawat_inap_maps_to_the_per_day_package_with_its_days():
    claim = one(rawatInap=True, tglDaftar="10-10-2026", tglPulang="13-10-2026", kdStatusPulang="0")
    assert claim.kunjungan.kd_tkp == "20"
    assert (claim.pengajuan.jenis_klaim, claim.pengajuan.layanan, claim.pengajuan.lama_rawat_hari) == ("non_kapitasi", "rawat_inap", 3)  # fmt: skip
    assert "KD03" not in codes(claim)  # 0 Sembuh is an inpatient status


def test_membership_from_a_merged_peserta_lookup():
    assert one(ketAktif="AKTIF").peserta.aktif is True
    inactive = one(ketAktif="TIDAK AKTIF", tglAkhirBerlaku="30-09-2026")
    assert inactive.peserta.aktif is False and inactive.peserta.tgl_akhir_berlaku == dt.date(2026, 9, 30)
    assert "PS01" in codes(inactive)
    assert one(aktif=False, ketAktif=DROP).peserta.aktif is False


def test_a_visit_without_the_peserta_lookup_is_never_assumed_active():
    claim = one(ketAktif=DROP)
    assert claim.peserta.aktif is None
    assert codes(claim) == ["PS03"]
    verdict = verify(claim)
    assert verdict.status == "dikembalikan" and "tidak diisi" in verdict.findings[0].message


# --- reference codes ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("code", sorted(load_reference().codes("kd_sadar")))
def test_every_kdsadar_code_is_read_as_pcare_defines_it(code):
    assert one(kdSadar=code).kunjungan.kd_sadar == code
    assert "KD02" not in codes(one(kdSadar=code))


def test_kdsadar_as_a_json_number_gets_its_zero_back_but_a_text_1_is_a_finding():
    assert one(kdSadar=2).kunjungan.kd_sadar == "02"
    finding = next(f for f in verify(one(kdSadar="1")).findings if f.rule == "KD02")
    assert "'1'" in finding.message and "01, 02, 03, 04" in finding.message


@pytest.mark.parametrize("code", sorted(load_reference().codes("kd_status_pulang_rawat_jalan")))
def test_every_outpatient_status_pulang_is_accepted_for_rawat_jalan(code):
    claim = one(kdStatusPulang=int(code), **({"rujukLanjut": _REFERRAL} if code in ("4", "6") else {}))
    assert claim.kunjungan.kd_status_pulang == code
    assert not {"KD02", "KD03"} & set(codes(claim))


@pytest.mark.parametrize("code", sorted(load_reference().codes("kd_status_pulang_rawat_inap")))
def test_every_inpatient_status_pulang_is_accepted_for_rawat_inap(code):
    claim = one(kdTkp="20", tglPulang="16-10-2026", kdStatusPulang=code)
    assert "KD03" not in codes(claim)


def test_an_inpatient_status_on_an_outpatient_visit_is_a_finding():
    finding = next(f for f in verify(one(kdStatusPulang="0")).findings if f.rule == "KD03")
    assert "'0'" in finding.message and "rawat jalan" in finding.message


def test_unknown_status_pulang_poli_prognosa_and_tkp_are_findings_naming_the_value():
    claim = one(kdStatusPulang="7", kdPoli="999", kdPrognosa="09", kdTkp="30")
    messages = " ".join(f.message for f in verify(claim).findings)
    for value in ("'999'", "'09'", "'30'"):
        assert value in messages
    assert {"KD02"} <= set(codes(claim))


@pytest.mark.parametrize("code", sorted(load_reference().codes("kd_poli")))
def test_every_poli_code_is_known(code):
    assert "KD02" not in codes(one(kdPoli=code))


@pytest.mark.parametrize("code", sorted(load_reference().codes("kd_prognosa")))
def test_every_prognosa_code_is_known(code):
    assert "KD02" not in codes(one(kdPrognosa=int(code)))


_REFERRAL = {"tglEstRujuk": "16-10-2026", "kdppk": "0116R028", "subSpesialis": {"kdSubSpesialis1": "26", "kdSarana": "1"}, "khusus": None}  # fmt: skip


@pytest.mark.parametrize("tacc", [-1, 0, 1, 2, 3, 4, "3", "-1"])
def test_every_tacc_code_is_carried_on_the_referral(tacc):
    claim = one(kdStatusPulang="4", rujukLanjut=_REFERRAL, kdTacc=tacc, alasanTacc="< 3 Hari")
    r = claim.kunjungan.rujukan
    assert r is not None and r.kd_tacc == int(tacc) and r.kd_ppk == "0116R028"
    assert r.tgl_est_rujuk == dt.date(2026, 10, 16) and r.spesialis == "subspesialis 26, sarana 1"
    assert "KD02" not in codes(claim)


def test_a_non_specialist_referral_without_tacc_is_the_rrns_warning_and_with_tacc_it_is_not():
    without = one(kdDiag1="I10", kdDiag2=None, kdStatusPulang="4", rujukLanjut=_REFERRAL, kdTacc=-1)
    assert "RJ01" in codes(without)
    comorbid = one(kdDiag1="I10", kdDiag2=None, kdStatusPulang="4", rujukLanjut=_REFERRAL, kdTacc=4, alasanTacc="E11 - Diabetes")  # fmt: skip
    assert "RJ01" not in codes(comorbid)


@pytest.mark.parametrize("code", sorted(KHUSUS_CODES))
def test_every_special_referral_code_is_read(code):
    khusus = {"kdKhusus": code, "kdSubSpesialis": "3", "catatan": "rutin"}
    claim = one(kdStatusPulang="4", rujukLanjut={"tglEstRujuk": "16-10-2026", "kdppk": "0116R028", "subSpesialis": None, "khusus": khusus})  # fmt: skip
    assert claim.kunjungan.rujukan is not None and claim.kunjungan.rujukan.spesialis == f"khusus {code}, subspesialis 3"


@pytest.mark.parametrize(
    ("changes", "field", "expected"),
    [
        ({"kdTacc": 7}, "kdTacc", "'7' bukan kode TACC; pilihan: -1 atau 0"),
        ({"kdTacc": "Time"}, "kdTacc", "'Time' bukan kode TACC"),
        ({"kdTacc": 2}, "kdTacc", "tanpa rujukLanjut"),
        ({"alergiObat": "X1"}, "alergiObat", "'X1' bukan kode alergi"),
        ({"kdPoliRujukInternal": "077"}, "kdPoliRujukInternal", "'077' bukan kode poli yang dikenal; pilihan: 001"),
        ({"rujukBalik": 3}, "rujukBalik", "'3' tidak dikenal; pilihan: 0, 1"),
        ({"rawatInap": True, "kdTkp": "10"}, "rawatInap", "bertentangan dengan kdTkp '10'"),
        ({"ketAktif": "AKTIF", "aktif": False}, "ketAktif", "bertentangan"),
        ({"kunjSakit": "mungkin"}, "kunjSakit", "'mungkin' bukan nilai ya/tidak"),
        ({"tglDaftar": "31-02-2026"}, "tglDaftar", "'31-02-2026' bukan tanggal yang ada"),
        ({"tglDaftar": "14/10/2026"}, "tglDaftar", "diharapkan HH-BB-TTTT"),
        ({"tglDaftar": None}, "tglDaftar", "wajib diisi"),
        ({"noKartu": 1234567890}, "noKartu", "nol di depannya hilang"),
        ({"noKartu": None}, "noKartu", "wajib diisi"),
        ({"sistole": "seratus"}, "sistole", "'seratus' bukan angka"),
        ({"heartRate": 80.5}, "heartRate", "harus bilangan bulat"),
        ({"suhu": 1e9}, "suhu", "bukan ukuran yang mungkin"),
        ({"keluhan": ["demam"]}, "keluhan", "daftar bukan teks"),
        ({"kdSadar": {"kode": "01"}}, "kdSadar", "objek bukan kode"),
        ({"noKunjungan": "X", "kdStatusPulang": "4", "rujukLanjut": "0116R028"}, "rujukLanjut", "bukan objek rujukan"),
        ({"kdStatusPulang": "4", "rujukLanjut": {**_REFERRAL, "kdppk": None}}, "rujukLanjut.kdppk", "wajib diisi"),
        (
            {"kdStatusPulang": "4", "rujukLanjut": {**_REFERRAL, "tglEstRujuk": "besok"}},
            "rujukLanjut.tglEstRujuk",
            "bukan tanggal",
        ),  # fmt: skip
        ({"rujukLanjut": {**_REFERRAL, "khusus": {"kdKhusus": "HDL"}}}, "rujukLanjut", "gunakan salah satu"),
        (
            {"rujukLanjut": {**_REFERRAL, "subSpesialis": None, "khusus": {"kdKhusus": "XYZ"}}},
            "rujukLanjut.khusus.kdKhusus",
            "'XYZ' bukan kode rujukan khusus; pilihan: IGD",
        ),  # fmt: skip
        (
            {"rujukLanjut": {**_REFERRAL, "subSpesialis": None, "khusus": {"kdKhusus": "THA"}}},
            "rujukLanjut.khusus.kdSubSpesialis",
            "wajib diisi untuk rujukan khusus THA",
        ),  # fmt: skip
        (
            {"rujukLanjut": {**_REFERRAL, "subSpesialis": {"kdSarana": "1"}}},
            "rujukLanjut.subSpesialis.kdSubSpesialis1",
            "wajib diisi",
        ),  # fmt: skip
        ({"rujukLanjut": {**_REFERRAL, "catatan": "x"}}, "rujukLanjut.catatan", "kunci tidak dikenal"),
        ({"kdSadr": "01"}, "kdSadr", "maksud Anda 'kdSadar'?"),
        ({"tglDaftar": "14-10-1850"}, "tglDaftar", "di luar rentang tanggal"),
    ],
)
def test_unreadable_fields_and_unknown_codes_fail_closed_naming_field_value_and_expectation(changes, field, expected):
    messages = problems(payload(**changes))
    assert len(messages) == 1, messages
    assert messages[0].startswith(f"kunjungan.json: {field}: "), messages
    assert expected in messages[0], messages


def test_messages_in_a_list_name_the_visit_and_every_bad_visit_is_reported():
    messages = problems([payload(), payload(kdTacc=9), payload(), payload(tglDaftar="kemarin")])
    assert [m.split(": ")[1] for m in messages] == ["kunjungan ke-2, kdTacc", "kunjungan ke-4, tglDaftar"]


def test_card_numbers_are_never_quoted_in_a_message():
    messages = problems(payload(noKartu={"no": "0001234567890"}))
    assert "0001234567890" not in " ".join(messages)


# --- envelopes and many visits ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "wrap",
    [
        lambda items: items,
        lambda items: {"list": items},
        lambda items: {"response": items},
        lambda items: {"response": {"count": len(items), "list": items}, "metaData": {"code": 200, "message": "OK"}},
    ],
    ids=["list", "list-envelope", "response-envelope", "response-list-metadata"],
)
def test_envelopes_bridging_libraries_log_are_unwrapped(wrap):
    items = [payload(noKunjungan=f"0114U1631026Y{n:06d}") for n in range(3)]
    claims = read(wrap(items))
    assert [c.kunjungan.no_kunjungan for c in claims] == [f"0114U1631026Y{n:06d}" for n in range(3)]


def test_one_visit_in_a_response_envelope():
    assert len(read({"response": payload(), "metaData": {"code": 200}})) == 1


def test_an_empty_list_envelope_is_refused():
    assert problems({"response": {"count": 0, "list": []}}) == ["kunjungan.json: daftar kunjungan P-Care kosong"]


def test_a_month_of_visits_is_read_and_verified_as_one_batch():
    visits = [
        payload(noKunjungan=f"0114U1631026Y{n:06d}", noKartu=f"0001{n:09d}", tglDaftar=f"{1 + n % 28:02d}-10-2026",
                tglPulang=f"{1 + n % 28:02d}-10-2026", keluhan="" if n % 10 == 0 else "Batuk")
        for n in range(2000)
    ]  # fmt: skip
    claims = read(visits)
    verdicts = verify_batch(claims)
    assert len(verdicts) == 2000
    returned = [c.kunjungan.no_kunjungan for c, v in zip(claims, verdicts, strict=True) if "PC01" in v.rule_codes()]
    assert len(returned) == 200


def test_a_plain_claim_in_json_is_still_read_as_a_claim():
    claim_file = (ROOT / "examples" / "contoh-klaim.yaml").read_text(encoding="utf-8")
    import yaml

    claims = read(yaml.safe_load(claim_file), "klaim.json")
    assert claims[0].pengajuan.layanan == "anc_dokter"


# --- the shipped example, the CLI and the mapping document --------------------------------------------------
def test_the_shipped_example_gives_one_payable_one_warning_and_one_returned_visit():
    claims = read_claims(EXAMPLE.name, EXAMPLE.read_bytes())
    statuses = [v.status for v in verify_batch(claims)]
    assert statuses == ["layak", "peringatan", "dikembalikan"]


def test_cli_verifies_a_payload_with_masked_cards(capsys):
    assert main(["verify", str(EXAMPLE), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["jumlah_klaim"] == 3
    assert report["klaim"][0]["no_kartu"] == "0001•••••7890"
    assert {f["kode"] for f in report["klaim"][2]["temuan"]} >= {"PC01", "PC02", "PC07", "KD02"}


def test_cli_bad_payload_exits_2_with_one_indonesian_message_and_no_traceback(tmp_path):
    bad = tmp_path / "kunjungan.json"
    bad.write_text(json.dumps(payload(kdTacc="x")), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "bimtek", "verify", str(bad)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,  # fmt: skip
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == ["kunjungan.json: kdTacc: 'x' bukan kode TACC; pilihan: -1 atau 0 (tanpa TACC), 1 Time, 2 Age, 3 Complication, 4 Comorbidity"]  # fmt: skip
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_the_mapping_document_lists_every_pcare_key_and_every_special_referral_code():
    doc = MAPPING_DOC.read_text(encoding="utf-8")
    for key in ALL_KEYS + ("tglEstRujuk", "kdppk", "subSpesialis", "kdSubSpesialis1", "kdSarana", "khusus", "kdKhusus"):
        assert f"`{key}`" in doc, key
    for code in KHUSUS_CODES:
        assert f"`{code}`" in doc, code


def test_the_periksa_klaim_upload_reads_a_payload_with_masked_cards():
    from ui.batch import check_upload

    result = check_upload(EXAMPLE.name, EXAMPLE.read_bytes())
    assert [row["status"] for row in result.rows] == ["Layak dibayar", "Layak dengan peringatan", "Dikembalikan"]
    assert "PS03" in result.rows[2]["temuan"]  # the third visit carries no peserta look-up: status unknown
    assert result.rows[0]["no_kartu"] == "0001•••••7890" and result.rows[0]["nama_peserta"] == NAMA_TIDAK_ADA


def test_a_logged_web_service_error_answer_is_named_not_read_as_a_claim():
    answer = {"metaData": {"code": 412, "message": "Peserta tidak aktif"}, "response": None}
    assert problems(answer) == [
        "kunjungan.json: jawaban layanan web P-Care tanpa data kunjungan (kode '412': 'Peserta tidak aktif'); "
        "unggah data kunjungan yang dikirim, bukan jawabannya"
    ]


def test_a_logged_success_answer_is_named_too():
    answer = {"metaData": {"code": 201, "message": "CREATED"}, "response": {"field": "noKunjungan", "message": "0114U1631026Y000001"}}  # fmt: skip
    assert problems(answer)[0].startswith("kunjungan.json: jawaban layanan web P-Care tanpa data kunjungan (kode '201'")


@pytest.mark.parametrize(
    ("tkp", "jenis", "layanan"),
    [
        ("10", "kapitasi", "rawat_jalan"),
        ("20", "non_kapitasi", "rawat_inap"),
        ("50", "kapitasi", "promotif"),
    ],  # fmt: skip
)
def test_every_kdtkp_code_decides_the_service_line(tkp, jenis, layanan):
    claim = one(kdTkp=int(tkp), rujukBalik="1", kdStatusPulang="0" if tkp == "20" else "3")
    assert (claim.kunjungan.kd_tkp, claim.pengajuan.jenis_klaim, claim.pengajuan.layanan) == (tkp, jenis, layanan)
    assert not {"KD02", "KD03", "KD04"} & set(codes(claim))
