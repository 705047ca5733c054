"""P-Care kunjungan payloads (as SIMRS/SIMPUS bridging sends them) read onto the claim model.

The field list and code values follow the P-Care web service as open-source bridging clients use it (facts §4.2
pendaftaran, §4.3 kunjungan, §4.4 reference codes; S7, S34, S46, S47). Codes the claim model carries (kdSadar,
kdPoli, kdTkp, kdStatusPulang, kdPrognosa, kdTacc under a referral) are passed on as given and an unknown one is a
verifier finding (KD02/KD03), exactly as for a claim typed in YAML; codes the model does not carry (kdKhusus,
alergi, rujukBalik, kdPoliRujukInternal) are checked here and an unknown one is an input problem naming the field,
the value and the expected codes. docs/pcare-mapping.md lists every field.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from bimtek.claim import Claim
from bimtek.content import describe_validation_error
from bimtek.limits import FIRST_DATE, LAST_DATE, MAX_ROWS, number_text
from bimtek.reference import load_reference
from bimtek.text_safety import shown

Report = Callable[[str, str], None]  # (where, message), as io._Problems.add

# The kunjungan payload (§4.3), the pendaftaran keys a bridging log may merge into it (§4.2), and the membership
# keys of the peserta look-up (§4.4) some clients merge as well.
KUNJUNGAN_KEYS = (
    "noKunjungan", "noKartu", "tglDaftar", "kdPoli", "keluhan", "kdSadar", "sistole", "diastole", "beratBadan",
    "tinggiBadan", "respRate", "heartRate", "lingkarPerut", "suhu", "terapi", "terapiObat", "terapiNonObat", "bmhp",
    "anamnesa", "alergiMakan", "alergiUdara", "alergiObat", "kdPrognosa", "kdStatusPulang", "tglPulang", "kdDokter",
    "kdDiag1", "kdDiag2", "kdDiag3", "kdPoliRujukInternal", "rujukLanjut", "kdTacc", "alasanTacc",
)  # fmt: skip
PENDAFTARAN_KEYS = ("kdProviderPeserta", "kunjSakit", "rujukBalik", "kdTkp", "rawatInap")
PESERTA_KEYS = ("aktif", "ketAktif", "tglAkhirBerlaku")
ALL_KEYS = KUNJUNGAN_KEYS + PENDAFTARAN_KEYS + PESERTA_KEYS
RUJUK_LANJUT_KEYS = ("tglEstRujuk", "kdppk", "subSpesialis", "khusus")
SUBSPESIALIS_KEYS = ("kdSubSpesialis1", "kdSarana")
KHUSUS_KEYS = ("kdKhusus", "kdSubSpesialis", "catatan")
# Special referral codes (§4.3, S34); THA and HEM need a subspesialis.
# Only the facts' expansions are shown; the others are listed by code.
KHUSUS_CODES = {
    "IGD": "alih rawat", "HDL": "hemodialisa", "JIW": "", "KLT": "kusta", "PAR": "TB-MDR", "KEM": "", "RAT": "",
    "HIV": "", "THA": "", "HEM": "",
}  # fmt: skip
KHUSUS_NEEDS_SUB = ("THA", "HEM")
TACC_CODES = (
    -1,
    0,
    1,
    2,
    3,
    4,
)  # -1 or 0 = no TACC (which one is uncertain), 1 Time, 2 Age, 3 Complication, 4 Comorbidity
TKP_SERVICE = {"10": ("kapitasi", "rawat_jalan"), "20": ("non_kapitasi", "rawat_inap"), "50": ("kapitasi", "promotif")}
# A payload's identifying pair: every kunjungan and pendaftaran payload carries both.
_SIGNATURE = ("noKartu", "tglDaftar")
_ENVELOPES = ("response", "list")
NAMA_TIDAK_ADA = "(nama tidak ada di data P-Care)"  # the kunjungan payload carries the card number only


class _Bad(ValueError):
    """One field of one payload cannot be read; its message is the Indonesian text a user sees."""


def is_payload(loaded: Any) -> bool:
    """True when the parsed JSON/YAML is a P-Care payload: an object, a list or an envelope with P-Care keys."""
    items = _unwrap(loaded)
    if isinstance(loaded, dict) and (items == [] or "metaData" in loaded):
        return True  # an envelope with an empty list, or a web-service answer without data: read_payload says so
    first = items[0] if isinstance(items, list) and items else items
    return isinstance(first, dict) and all(key in first for key in _SIGNATURE)


def _unwrap(loaded: Any) -> Any:
    """The payload(s) inside the web service's envelopes: {"response": ...}, {"list": [...]}, both nested."""
    for _ in range(3):
        if isinstance(loaded, dict) and not any(key in loaded for key in _SIGNATURE):
            inner = next((loaded[key] for key in _ENVELOPES if key in loaded), None)
            if inner is None:
                return loaded
            loaded = inner
    return loaded


def read_payload(loaded: Any, report: Report) -> list[Claim]:
    """Claims from P-Care kunjungan payload(s); every problem goes to `report` (where, message)."""
    items = _unwrap(loaded)
    answer = isinstance(loaded, dict) and "metaData" in loaded
    if answer and not (isinstance(items, list) or (isinstance(items, dict) and all(k in items for k in _SIGNATURE))):
        meta = loaded["metaData"] if isinstance(loaded["metaData"], dict) else {}
        said = f" (kode '{shown(meta.get('code'))}': '{shown(meta.get('message'))}')" if meta else ""
        report("", f"jawaban layanan web P-Care tanpa data kunjungan{said}; unggah data kunjungan yang dikirim, bukan jawabannya")  # fmt: skip
        return []
    many = isinstance(items, list)
    items = items if many else [items]
    if not items:
        report("", "daftar kunjungan P-Care kosong")
        return []
    if len(items) > MAX_ROWS:
        report("", f"{number_text(len(items))} kunjungan melebihi batas {number_text(MAX_ROWS)}; bagi menjadi beberapa berkas")  # fmt: skip
        return []
    claims = []
    for i, item in enumerate(items):
        where = f"kunjungan ke-{i + 1}" if many else ""
        claim = _read_one(item, where, report)
        if claim is not None:
            claims.append(claim)
    return claims


def _read_one(item: Any, where: str, report: Report) -> Claim | None:
    if not isinstance(item, dict):
        report(where, "harus berupa satu objek kunjungan P-Care (kunci: nilai)")
        return None
    problems: list[tuple[str, str]] = []
    for key in item:
        if key not in ALL_KEYS:
            close = difflib.get_close_matches(str(key), ALL_KEYS, n=1)
            hint = f"maksud Anda '{close[0]}'?" if close else "lihat daftar kolom pemetaan P-Care"
            problems.append((str(key), f"kunci '{shown(key)}' bukan kunci kunjungan P-Care; {hint}"))
    data: dict[str, Any] = {}
    if not problems:
        try:
            data = to_claim_data(item)
        except _Bad as err:
            field, message = err.args
            problems.append((field, message))
    prefix = f"{where}, " if where else ""
    for field, message in problems:
        report(f"{prefix}{field}", message)
    if problems:
        return None
    try:
        return Claim.model_validate(data)  # every date in it was read and range-checked by _date
    except ValidationError as err:
        for loc, message in describe_validation_error(err):
            report(f"{prefix}{_pcare_key(loc)}", message)
        return None


# --- one payload -> claim data ----------------------------------------------------------------------------------
def to_claim_data(p: dict[str, Any]) -> dict[str, Any]:
    """The claim model's input for one payload; raises _Bad(field, message) on the first unreadable field."""
    tgl_daftar = _date(p, "tglDaftar", required=True)
    assert tgl_daftar is not None
    tgl_pulang = _date(p, "tglPulang")
    tkp = _tkp(p)
    jenis_klaim, layanan = TKP_SERVICE.get(tkp, ("kapitasi", "rawat_jalan"))
    no_kunjungan = _text(p, "noKunjungan") or None
    kunjungan: dict[str, Any] = {
        "no_kunjungan": no_kunjungan,
        # An issued noKunjungan means P-Care accepted the entry; the payload has no entry date (docs/pcare-mapping.md).
        "tgl_entri": (tgl_pulang or tgl_daftar).isoformat() if no_kunjungan else None,
        "tgl_daftar": tgl_daftar.isoformat(),
        "tgl_pulang": tgl_pulang.isoformat() if tgl_pulang else None,
        "kd_tkp": tkp,
        "kd_poli": _code(p, "kdPoli", width=3) or "",
        "kunjungan_sakit": _flag(p, "kunjSakit", default=True),
        "keluhan": _text(p, "keluhan"),
        "anamnesa": _text(p, "anamnesa"),
        "kd_sadar": _code(p, "kdSadar", width=2),
        "vital": _vitals(p),
        "diagnosa": _diagnoses(p),
        "terapi": _therapy(p),
        "kd_status_pulang": _code(p, "kdStatusPulang"),
        "kd_dokter": _code(p, "kdDokter"),
        "kd_prognosa": _code(p, "kdPrognosa", width=2),
        "rujukan": _referral(p),
    }
    for key in ("alergiMakan", "alergiUdara", "alergiObat"):
        _allergy(p, key)
    _internal_poli(p)
    _rujuk_balik(p)
    peserta: dict[str, Any] = {
        "no_kartu": _card(p),
        "nama": NAMA_TIDAK_ADA,
        "aktif": _active(p),
        "tgl_akhir_berlaku": _iso(_date(p, "tglAkhirBerlaku")),
        "kd_provider_peserta": _code(p, "kdProviderPeserta"),
    }
    pengajuan: dict[str, Any] = {
        "no_klaim": no_kunjungan or "",
        "jenis_klaim": jenis_klaim,
        "layanan": layanan,
        "tgl_pengajuan": (tgl_pulang or tgl_daftar).isoformat(),
        "lama_rawat_hari": (tgl_pulang - tgl_daftar).days if tkp == "20" and tgl_pulang else None,
    }
    fasilitas = {"kode": "", "nama": "", "jenis": "puskesmas"}
    return {"fasilitas": fasilitas, "peserta": peserta, "kunjungan": kunjungan, "pengajuan": pengajuan}


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(p: dict[str, Any], key: str) -> str:
    value = p.get(key)
    if _empty(value):
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise _Bad(key, f"{_kind(value)} bukan teks")
    return str(value).strip()


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "objek"
    if isinstance(value, list):
        return "daftar"
    return f"'{shown(value)}'"


def _code(p: dict[str, Any], key: str, width: int = 0) -> str | None:
    """A reference code as text; a JSON number gets its leading zeros back (1 -> '01' for two-digit codes)."""
    value = p.get(key)
    if _empty(value):
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise _Bad(key, f"{_kind(value)} bukan kode; diharapkan teks, mis. '{'0' * max(width - 1, 0)}1'")
    if isinstance(value, int):
        return str(value).zfill(width) if value >= 0 else str(value)
    return value.strip()


_DATE_DMY = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def _date(p: dict[str, Any], key: str, required: bool = False) -> dt.date | None:
    """P-Care dates are dd-mm-yyyy strings (§4.1); ISO yyyy-mm-dd is read too."""
    value = p.get(key)
    if _empty(value):
        if required:
            raise _Bad(key, "wajib diisi (tanggal HH-BB-TTTT, mis. 13-08-2026)")
        return None
    text = value.strip() if isinstance(value, str) else ""
    dmy, iso = _DATE_DMY.match(text), _DATE_ISO.match(text)
    parts = (dmy[3], dmy[2], dmy[1]) if dmy else (iso[1], iso[2], iso[3]) if iso else None
    if parts is None:
        raise _Bad(key, f"{_kind(value)} bukan tanggal; diharapkan HH-BB-TTTT, mis. 13-08-2026")
    try:
        day = dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        raise _Bad(key, f"'{shown(value)}' bukan tanggal yang ada") from None
    if not FIRST_DATE <= day <= LAST_DATE:  # the rules' date arithmetic needs them inside the calendar
        raise _Bad(key, f"'{shown(value)}' di luar rentang tanggal {FIRST_DATE.year}-{LAST_DATE.year}")
    return day


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _number(p: dict[str, Any], key: str, integer: bool) -> float | int | None:
    """A measurement; P-Care clients send 0 for 'not measured', so 0 is read as empty (rule PC02 reports it)."""
    value = p.get(key)
    if _empty(value):
        return None
    number: float
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise _Bad(key, f"{_kind(value)} bukan angka")
    if isinstance(value, str):
        try:
            number = float(value.strip().replace(",", "."))
        except ValueError:
            raise _Bad(key, f"'{shown(value)}' bukan angka") from None
    else:
        number = float(value)
    if number != number or number in (float("inf"), float("-inf")) or abs(number) > 10_000:
        raise _Bad(key, f"'{shown(value)}' bukan ukuran yang mungkin")
    if number == 0:
        return None
    if integer:
        if number != int(number):
            raise _Bad(key, f"'{shown(value)}' harus bilangan bulat")
        return int(number)
    return number


_VITALS = {
    "sistole": ("sistole", True),
    "diastole": ("diastole", True),
    "beratBadan": ("berat_badan", False),
    "tinggiBadan": ("tinggi_badan", False),
    "respRate": ("resp_rate", True),
    "heartRate": ("heart_rate", True),
    "lingkarPerut": ("lingkar_perut", False),
    "suhu": ("suhu", False),
}


def _vitals(p: dict[str, Any]) -> dict[str, Any]:
    return {field: _number(p, key, integer) for key, (field, integer) in _VITALS.items()}


def _diagnoses(p: dict[str, Any]) -> list[str]:
    """kdDiag1..3 in order; a gap keeps its place so a missing kdDiag1 stays missing (rule PC04)."""
    codes = [_text(p, f"kdDiag{n}") for n in (1, 2, 3)]
    while codes and not codes[-1]:
        codes.pop()
    return codes


def _therapy(p: dict[str, Any]) -> list[dict[str, Any]]:
    """Free-text therapy as one item per line (or ';'): older `terapi`, newer `terapiObat`, `terapiNonObat`."""
    items: list[dict[str, Any]] = []
    for key in ("terapi", "terapiObat"):
        items += [{"nama": line} for line in _lines(_text(p, key))]
    items += [{"nama": line, "rute": "lainnya"} for line in _lines(_text(p, "terapiNonObat"))]
    _text(p, "bmhp")  # read for its type only: BMHP is inside kapitasi or the package, no rule prices it
    return items


def _lines(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[\n;]", text) if part.strip()]


def _tkp(p: dict[str, Any]) -> str:
    """kdTkp from the pendaftaran (§4.2), or `rawatInap` true = 20; a kunjungan alone is rawat jalan (10)."""
    tkp = _code(p, "kdTkp")
    inpatient = _flag(p, "rawatInap", default=None)
    if tkp is None:
        return "20" if inpatient else "10"
    if inpatient is not None and (tkp == "20") != inpatient:
        raise _Bad(
            "rawatInap", f"'{str(inpatient).lower()}' bertentangan dengan kdTkp '{shown(tkp)}' (20 = rawat inap)"
        )
    return tkp


_TRUE = ("true", "1", "ya", "y")
_FALSE = ("false", "0", "tidak", "n")


def _flag(p: dict[str, Any], key: str, default: bool | None) -> Any:
    value = p.get(key)
    if _empty(value):
        return default
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower() if isinstance(value, str | int) else None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise _Bad(key, f"{_kind(value)} bukan nilai ya/tidak; diharapkan true atau false")


def _card(p: dict[str, Any]) -> str:
    value = p.get("noKartu")
    if _empty(value):
        raise _Bad("noKartu", "wajib diisi (nomor kartu JKN 13 digit)")
    if isinstance(value, int) and not isinstance(value, bool):
        # A JSON number has lost the card's leading zeros: the number cannot be trusted to be the card.
        raise _Bad("noKartu", "ditulis sebagai angka, sehingga nol di depannya hilang; tulis sebagai teks 13 digit")
    if not isinstance(value, str):
        raise _Bad("noKartu", f"{_kind(value)} bukan nomor kartu; diharapkan teks 13 digit")
    return value.strip()


def _active(p: dict[str, Any]) -> bool | None:
    """Membership from the peserta look-up when merged in (`aktif`, `ketAktif`); see docs/pcare-mapping.md."""
    aktif = _flag(p, "aktif", default=None)
    ket = _text(p, "ketAktif")
    if ket:
        by_text = ket.upper().startswith("AKTIF")  # as SIMRS Khanza reads ketAktif (S54)
        if aktif is not None and aktif != by_text:
            raise _Bad("ketAktif", f"'{shown(ket)}' bertentangan dengan aktif '{str(aktif).lower()}'")
        return by_text
    # Not in the payload: unknown, never assumed active (fail closed). The claim carries None and PS03 reports it.
    return None if aktif is None else bool(aktif)


def _allergy(p: dict[str, Any], key: str) -> None:
    """Allergy codes come from the alergi reference; only '00' (none) is documented, so only the shape is checked."""
    code = _code(p, key, width=2)
    if code is not None and not re.fullmatch(r"\d{2}", code):
        raise _Bad(key, f"'{shown(code)}' bukan kode alergi; diharapkan dua digit dari referensi alergi P-Care, '00' = tidak ada")  # fmt: skip


def _internal_poli(p: dict[str, Any]) -> None:
    code = _code(p, "kdPoliRujukInternal", width=3)
    if code is None:
        return
    known = load_reference().codes("kd_poli")
    if code not in known:
        raise _Bad("kdPoliRujukInternal", f"'{shown(code)}' bukan kode poli yang dikenal; pilihan: {', '.join(known)}")


def _rujuk_balik(p: dict[str, Any]) -> None:
    value = _code(p, "rujukBalik")
    if value is not None and value not in ("0", "1"):
        raise _Bad("rujukBalik", f"'{shown(value)}' tidak dikenal; pilihan: 0, 1")


def _tacc(p: dict[str, Any]) -> int:
    value = p.get("kdTacc")
    if _empty(value):
        return -1
    try:
        code = int(value) if isinstance(value, str | int) and not isinstance(value, bool) else None
    except ValueError:
        code = None
    if code not in TACC_CODES:
        choices = "-1 atau 0 (tanpa TACC), 1 Time, 2 Age, 3 Complication, 4 Comorbidity"
        raise _Bad("kdTacc", f"{_kind(value)} bukan kode TACC; pilihan: {choices}")
    return code


def _referral(p: dict[str, Any]) -> dict[str, Any] | None:
    tacc = _tacc(p)
    reason = _text(p, "alasanTacc") or None
    ref = p.get("rujukLanjut")
    if _empty(ref):
        if tacc > 0:
            raise _Bad("kdTacc", f"'{tacc}' diisi tanpa rujukLanjut; TACC hanya untuk rujukan lanjut")
        return None
    if not isinstance(ref, dict):
        raise _Bad("rujukLanjut", f"{_kind(ref)} bukan objek rujukan; diharapkan {{tglEstRujuk, kdppk, subSpesialis, khusus}}")  # fmt: skip
    _known_keys(ref, RUJUK_LANJUT_KEYS, "rujukLanjut")
    sub, khusus = ref.get("subSpesialis"), ref.get("khusus")
    if not _empty(sub) and not _empty(khusus):
        raise _Bad("rujukLanjut", "subSpesialis dan khusus keduanya diisi; gunakan salah satu")
    spesialis = _subspecialty(sub) if not _empty(sub) else _special(khusus) if not _empty(khusus) else None
    kdppk = _code(ref, "kdppk")
    if kdppk is None:
        raise _Bad("rujukLanjut.kdppk", "wajib diisi (kode PPK tujuan rujukan, mis. 0116R028)")
    try:
        est = _date(ref, "tglEstRujuk")
    except _Bad as err:
        raise _Bad(f"rujukLanjut.{err.args[0]}", err.args[1]) from None
    return {"kd_ppk": kdppk, "tgl_est_rujuk": _iso(est), "spesialis": spesialis, "kd_tacc": tacc, "alasan_tacc": reason}


def _known_keys(obj: dict[str, Any], keys: tuple[str, ...], where: str) -> None:
    for key in obj:
        if key not in keys:
            raise _Bad(f"{where}.{shown(key)}", f"kunci tidak dikenal; pilihan: {', '.join(keys)}")


def _subspecialty(sub: Any) -> str:
    if not isinstance(sub, dict):
        raise _Bad("rujukLanjut.subSpesialis", f"{_kind(sub)} bukan objek; diharapkan {{kdSubSpesialis1, kdSarana}}")
    _known_keys(sub, SUBSPESIALIS_KEYS, "rujukLanjut.subSpesialis")
    code = _code(sub, "kdSubSpesialis1")
    if code is None:
        raise _Bad("rujukLanjut.subSpesialis.kdSubSpesialis1", "wajib diisi (kode subspesialis tujuan)")
    sarana = _code(sub, "kdSarana")
    return f"subspesialis {code}" + (f", sarana {sarana}" if sarana else "")


def _special(khusus: Any) -> str:
    if not isinstance(khusus, dict):
        raise _Bad("rujukLanjut.khusus", f"{_kind(khusus)} bukan objek; diharapkan {{kdKhusus, kdSubSpesialis, catatan}}")  # fmt: skip
    _known_keys(khusus, KHUSUS_KEYS, "rujukLanjut.khusus")
    code = (_code(khusus, "kdKhusus") or "").upper()
    if code not in KHUSUS_CODES:
        choices = ", ".join(f"{k} ({v})" if v else k for k, v in KHUSUS_CODES.items())
        raise _Bad("rujukLanjut.khusus.kdKhusus", f"'{shown(code)}' bukan kode rujukan khusus; pilihan: {choices}")
    sub = _code(khusus, "kdSubSpesialis")
    if code in KHUSUS_NEEDS_SUB and sub is None:
        raise _Bad("rujukLanjut.khusus.kdSubSpesialis", f"wajib diisi untuk rujukan khusus {code}")
    return f"khusus {code}" + (f", subspesialis {sub}" if sub else "")


# --- claim locations back to P-Care keys, for messages ----------------------------------------------------------
_LOCATIONS = {
    "peserta.no_kartu": "noKartu",
    "kunjungan.tgl_daftar": "tglDaftar",
    "kunjungan.tgl_pulang": "tglPulang",
    "kunjungan.kd_poli": "kdPoli",
    "kunjungan.kd_sadar": "kdSadar",
    "kunjungan.kd_status_pulang": "kdStatusPulang",
    "kunjungan.kd_prognosa": "kdPrognosa",
    "kunjungan.kd_dokter": "kdDokter",
    "kunjungan.kd_tkp": "kdTkp",
    "kunjungan.keluhan": "keluhan",
    "peserta.tgl_akhir_berlaku": "tglAkhirBerlaku",
    "kunjungan.rujukan.tgl_est_rujuk": "rujukLanjut.tglEstRujuk",
    **{f"kunjungan.vital.{field}": key for key, (field, _) in _VITALS.items()},
    **{f"kunjungan.diagnosa.{n - 1}": f"kdDiag{n}" for n in (1, 2, 3)},
}


def _pcare_key(location: str) -> str:
    return _LOCATIONS.get(location, location)
