"""Corrective actions for the simulated month: what a trainee may do to a claim, each mapped to a claim patch.

Most actions copy what the facility's records (bimtek.month.Arsip) hold into the claim. When the records do not
hold it, the action would put into the claim something that does not exist: that is fabrication, the action is
refused and reported. TARIK withdraws the claim from the month's batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from bimtek.claim import Claim, JenisKlaim, patch_claim
from bimtek.fmt import tanggal
from bimtek.month import RETURNED, Arsip, Month, MonthClaim
from bimtek.reference import load_reference
from bimtek.rules.klinis.KL01 import needs_anaemia
from bimtek.tariff import expected_amount, stay_days
from bimtek.verification import verify_batch

TARIK = "tarik"
TARIK_LABEL = "Tarik klaim (tidak diajukan)"
_ANC = ("anc_bidan", "anc_dokter", "anc_dokter_usg")
_DELIVERY = ("persalinan_tim_dokter", "persalinan_tanpa_dokter")
_ANAEMIA = tuple(f"D{n}" for n in range(50, 65))  # ICD-10 D50-D64: the anaemias


class Fabricated(Exception):
    """The records do not hold what the action would put into the claim (message: why, in Bahasa Indonesia)."""


Change = Callable[[Claim, Arsip], dict[str, Any]]


@dataclass(frozen=True)
class Action:
    id: str
    label: str
    change: Change  # the patch for patch_claim; {} when the claim already says so; raises Fabricated


@dataclass(frozen=True)
class Applied:
    """A claim after the trainee's actions: as filed (None when withdrawn) and what each action did."""

    claim: Claim | None
    changed: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    fabricated: Mapping[str, str] = field(default_factory=dict)  # action id -> why it is fabrication

    @property
    def withdrawn(self) -> bool:
        return self.claim is None


def _document(jenis: str) -> Change:
    def change(claim: Claim, arsip: Arsip) -> dict[str, Any]:
        wanted, current = arsip.dokumen.get(jenis), claim.document(jenis)
        if wanted is None:
            if current is not None and current.ditandatangani:
                return {}
            label = load_reference().document_labels.get(jenis, jenis)
            raise Fabricated(f"'{label}' tidak dapat diperoleh dari arsip; melampirkannya berarti membuat dokumen.")
        if current == wanted:
            return {}
        docs = [wanted if d.jenis == jenis else d for d in claim.dokumen] + ([wanted] if current is None else [])
        return {"dokumen": [d.model_dump(mode="json") for d in docs]}

    return change


def _lab(claim: Claim, arsip: Arsip) -> dict[str, Any]:
    if not arsip.lab:
        if claim.lab:
            return {}
        raise Fabricated("Buku laboratorium tidak mencatat pemeriksaan untuk pasien ini; hasil lab tidak ada.")
    return {} if tuple(claim.lab) == arsip.lab else {"lab": [r.model_dump(mode="json") for r in arsip.lab]}


def _copy(path: str, read_claim: Callable[[Claim], Any], read_arsip: Callable[[Arsip], Any], what: str) -> Change:
    """Copies one value from the records; fabrication when the records have none."""

    def change(claim: Claim, arsip: Arsip) -> dict[str, Any]:
        value = read_arsip(arsip)
        if value in (None, "", ()):
            raise Fabricated(f"Rekam medis tidak mencatat {what}; mengisinya berarti mengarang.")
        if read_claim(claim) == value:
            return {}
        return {path: value.model_dump(mode="json") if hasattr(value, "model_dump") else value}

    return change


_KELUHAN = _copy("kunjungan.keluhan", lambda c: c.kunjungan.keluhan, lambda a: a.keluhan, "keluhan")
_KESADARAN = _copy("kunjungan.kd_sadar", lambda c: c.kunjungan.kd_sadar, lambda a: a.kd_sadar, "kesadaran")
_VITAL = _copy("kunjungan.vital", lambda c: c.kunjungan.vital, lambda a: a.vital, "tanda vital")
_INDUK = _copy("fasilitas.kode_induk", lambda c: c.fasilitas.kode_induk, lambda a: a.kode_induk, "kode FKTP induk")


def _diagnoses(claim: Claim, arsip: Arsip) -> dict[str, Any]:
    return {} if tuple(claim.kunjungan.diagnosa) == arsip.diagnosa else {"kunjungan.diagnosa": list(arsip.diagnosa)}


def _drop_injections(claim: Claim, arsip: Arsip) -> dict[str, Any]:
    kept = [t for t in claim.kunjungan.terapi if needs_anaemia(t) is None]
    return {} if len(kept) == len(claim.kunjungan.terapi) else {"kunjungan.terapi": [t.model_dump() for t in kept]}


def _add_anaemia(claim: Claim, arsip: Arsip) -> dict[str, Any]:
    recorded = [d for d in arsip.diagnosa if d.startswith(_ANAEMIA)]
    if not recorded:
        raise Fabricated("Rekam medis tidak mencatat anemia; menambah diagnosa anemia berarti mengarang diagnosa.")
    if recorded[0] in claim.kunjungan.diagnosa:
        return {}
    return {"kunjungan.diagnosa": [*claim.kunjungan.diagnosa, recorded[0]][:3]}


def _tacc(claim: Claim, arsip: Arsip) -> dict[str, Any]:
    if arsip.rujukan is None or arsip.rujukan.kd_tacc == -1:
        raise Fabricated("Rekam medis tidak mencatat alasan TACC; mengisinya berarti mengarang alasan rujukan.")
    if claim.kunjungan.rujukan == arsip.rujukan:
        return {}
    return {"kunjungan.rujukan": arsip.rujukan.model_dump(mode="json")}


def _enter(claim: Claim, arsip: Arsip) -> dict[str, Any]:
    if claim.kunjungan.no_kunjungan and claim.kunjungan.tgl_entri is not None:
        return {}
    return {"kunjungan.no_kunjungan": arsip.no_kunjungan, "kunjungan.tgl_entri": arsip.tgl_kirim.isoformat()}


def _backdate_entry(claim: Claim, arsip: Arsip) -> dict[str, Any]:
    entry = claim.kunjungan.tgl_entri
    if entry is None or entry <= claim.service_end():
        return {}
    raise Fabricated(f"P-Care mencatat entri {tanggal(entry)}; memundurkan tanggalnya berarti memalsukan catatan.")


def _activate(claim: Claim, arsip: Arsip) -> dict[str, Any]:
    if claim.peserta.aktif:
        return {}
    if arsip.aktif:
        return {"peserta.aktif": True}
    raise Fabricated("P-Care mencatat peserta tidak aktif pada tanggal layanan; statusnya tidak dapat diubah.")


def _line(layanan: str) -> Change:
    def change(claim: Claim, arsip: Arsip) -> dict[str, Any]:
        return {} if claim.pengajuan.layanan == layanan else {"pengajuan.layanan": layanan}

    return change


def _stay(claim: Claim, arsip: Arsip) -> dict[str, Any]:
    days = stay_days(claim)
    return {} if days is None or claim.pengajuan.lama_rawat_hari == days else {"pengajuan.lama_rawat_hari": days}


def _amount(claim: Claim, arsip: Arsip) -> dict[str, Any]:
    expected, claimed = expected_amount(claim), claim.pengajuan.jumlah_diajukan
    if expected is None or claimed == expected.amount or (expected.ceiling and claimed < expected.amount):
        return {}
    return {"pengajuan.jumlah_diajukan": expected.amount}


def _this_batch(claim: Claim, arsip: Arsip) -> dict[str, Any]:
    sent = arsip.tgl_kirim
    return {} if claim.pengajuan.tgl_pengajuan == sent else {"pengajuan.tgl_pengajuan": sent.isoformat()}


def actions_for(item: MonthClaim) -> list[Action]:
    """The actions offered for one claim, in the order they are applied (the tariff last but one, then the date)."""
    claim, ref = item.claim, load_reference()
    k, p = claim.kunjungan, claim.pengajuan
    billed = p.jenis_klaim != JenisKlaim.KAPITASI
    out: list[Action] = []
    if billed:
        required = ["bukti_pelayanan", *ref.services[p.layanan].dokumen_wajib] if p.layanan in ref.services else []
        for jenis in dict.fromkeys([*required, *item.arsip.dokumen]):
            label = ref.document_labels.get(jenis, jenis)
            out.append(Action(f"dokumen:{jenis}", f"Lampirkan dari arsip: {label}", _document(jenis)))
    if k.kd_tkp == "20":
        out.append(Action("lab", "Lampirkan hasil lab dari buku laboratorium", _lab))
    out += [
        Action("keluhan", "Isi keluhan dari rekam medis", _KELUHAN),
        Action("kesadaran", "Isi kesadaran dari rekam medis", _KESADARAN),
        Action("vital", "Lengkapi tanda vital dari rekam medis", _VITAL),
        Action("kode_icd", "Salin kode diagnosa ICD-10 dari rekam medis", _diagnoses),
    ]
    if any(t.rute == "injeksi" for t in k.terapi):
        out.append(Action("hapus_injeksi", "Hapus injeksi vitamin dari klaim", _drop_injections))
        out.append(Action("tambah_anemia", "Tambahkan diagnosa anemia", _add_anaemia))
    if k.rujukan is not None:
        out.append(Action("tacc", "Isi TACC dan alasannya dari rekam medis", _tacc))
    out.append(Action("entri_pcare", "Entri kunjungan ke P-Care sekarang", _enter))
    if k.no_kunjungan:
        out.append(Action("tanggal_entri", "Ubah tanggal entri P-Care menjadi tanggal pelayanan", _backdate_entry))
    out.append(Action("aktifkan_peserta", "Ubah status peserta menjadi aktif", _activate))
    if claim.fasilitas.jenis == "praktik_bidan" and billed:
        out.append(Action("kode_induk", "Ajukan lewat FKTP induk (cantumkan kode induk)", _INDUK))
    for group in (_ANC, _DELIVERY):
        if p.layanan in group:
            for line in group:
                if line != p.layanan and line in ref.services:
                    out.append(Action(f"baris:{line}", f"Ganti baris tarif ke {ref.services[line].label}", _line(line)))
    if p.lama_rawat_hari is not None:
        out.append(Action("lama_rawat", "Hitung ulang lama rawat dari tanggal masuk dan pulang", _stay))
    if billed:
        out.append(Action("tarif", "Sesuaikan jumlah dengan tarif yang berlaku", _amount))
        out.append(Action("kirim_batch", f"Kirim dalam batch bulan ini ({tanggal(item.arsip.tgl_kirim)})", _this_batch))
    return out


def action_labels(item: MonthClaim) -> dict[str, str]:
    """Action id -> label for one claim, TARIK last."""
    return {a.id: a.label for a in actions_for(item)} | {TARIK: TARIK_LABEL}


def apply_actions(item: MonthClaim, chosen: Iterable[str]) -> Applied:
    """The claim with the chosen actions applied in catalogue order; fabricating actions are refused and listed.

    Ids not offered for this claim are ignored (a draft from an older catalogue). TARIK withdraws the claim and
    overrides every other action.
    """
    wanted = set(chosen)
    if TARIK in wanted:
        return Applied(None, (TARIK,))
    claim = item.claim
    changed: list[str] = []
    unchanged: list[str] = []
    fabricated: dict[str, str] = {}
    for action in actions_for(item):
        if action.id not in wanted:
            continue
        try:
            patch = action.change(claim, item.arsip)
        except Fabricated as err:
            fabricated[action.id] = str(err)
            continue
        if patch:
            claim = patch_claim(claim, patch)
            changed.append(action.id)
        else:
            unchanged.append(action.id)
    return Applied(claim, tuple(changed), tuple(unchanged), fabricated)


_DOCUMENT_RULES = ("DK01", "DK02", "DK03", "DK04", "EV02")
_RULE_ACTIONS = {
    "PC01": ("keluhan",), "PC02": ("vital",), "PC03": ("kesadaran",), "PC07": ("entri_pcare",),
    "KD01": ("kode_icd",), "KL01": ("hapus_injeksi",), "EV01": ("lab",), "DK06": ("kode_induk",),
    "RJ01": ("tacc",), "TR01": ("tarif",), "TR02": ("baris", "tarif"), "TR03": ("lama_rawat", "tarif"),
    "TW01": ("kirim_batch",),
}  # fmt: skip


def _fixes(item: MonthClaim, rules: list[str]) -> list[str]:
    ids = [a.id for a in actions_for(item)]
    out: list[str] = []
    for rule in rules:
        if rule in _DOCUMENT_RULES:
            out += [i for i in ids if i.startswith("dokumen:")]
        for wanted in _RULE_ACTIONS.get(rule, ()):
            out.append(f"baris:{item.arsip.layanan}" if wanted == "baris" else wanted)
    return out


def model_answer(month: Month) -> dict[str, tuple[str, ...]]:
    """The best honest review of a month: per claim the actions that fix it, or TARIK when nothing honest can.

    Each finding of the month as generated is met with the actions its rule calls for, keeping those that change
    the claim without fabrication; the verifier then runs on the fixed month, and any claim it still returns or
    rejects (expired, inactive participant, duplicate, evidence that does not exist) is withdrawn instead.
    """
    answer: dict[str, tuple[str, ...]] = {}
    fixed: list[Claim] = []
    for item, verdict in zip(month.items, verify_batch(month.claims), strict=True):
        applied = apply_actions(item, _fixes(item, verdict.rule_codes()))
        answer[item.no_klaim] = applied.changed
        fixed.append(applied.claim or item.claim)
    for item, verdict in zip(month.items, verify_batch(fixed), strict=True):
        if verdict.status in RETURNED:
            answer[item.no_klaim] = (TARIK,)
    return answer
