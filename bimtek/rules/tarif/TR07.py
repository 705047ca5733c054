"""TR07: a KB injection repeated inside the injectable method's cycle."""

from bimtek.claim import Claim, MetodeKb
from bimtek.fmt import tanggal
from bimtek.rules.base import Dasar, Finding, Need, Rule, Severity, is_billed

# Earliest expected repeat per method, in days (monthly every 4 weeks; DMPA every 12-13 weeks).
CYCLE_DAYS = {MetodeKb.SUNTIK_1_BULAN: 28, MetodeKb.SUNTIK_3_BULAN: 84}
_LABEL = {MetodeKb.SUNTIK_1_BULAN: "suntik 1 bulan", MetodeKb.SUNTIK_3_BULAN: "suntik 3 bulan (DMPA)"}
_THREE_MONTHLY = ("dmpa", "depo", "medroksiprogesteron", "3 bulan", "tiga bulan")
_MONTHLY = ("cyclofem", "1 bulan", "satu bulan", "bulanan")


def injection_method(claim: Claim) -> MetodeKb | None:
    """The method recorded on the claim, or read from the therapy line's name."""
    if claim.pengajuan.metode_kb is not None:
        return claim.pengajuan.metode_kb
    names = " ".join(t.nama.lower() for t in claim.kunjungan.terapi)
    if any(word in names for word in _THREE_MONTHLY):
        return MetodeKb.SUNTIK_3_BULAN
    if any(word in names for word in _MONTHLY):
        return MetodeKb.SUNTIK_1_BULAN
    return None


class TR07(Rule):
    """A KB injection is paid per injection at the method's interval; an early repeat needs an explanation.

    **Anti-pattern**: a DMPA (3-monthly) injection claimed 30 days after the previous one; a monthly injection
    repeated after 10 days; a repeat injection whose method nobody recorded.
    **Best practice**: record the method (metode_kb) and the date of the previous injection from the KB card;
    an early repeat (e.g. switching method) is explained in the claim.
    """

    code = "TR07"
    title = "Suntik KB diulang sebelum siklus metodenya"
    severity = Severity.DIKEMBALIKAN
    applies_to = frozenset({"kb_suntik"})
    needs = frozenset({Need.BILLED, Need.HISTORY})
    dasar = Dasar.PRAKTIK
    regulation = (
        "Belum ada aturan tertulis yang ditemukan; praktik umum verifikasi: suntik KB dibayar per suntikan "
        "(Permenkes Nomor 3 Tahun 2023 Pasal 22 ayat (2) huruf c) dengan interval sesuai metode: suntik 1 bulan "
        "setiap 4 minggu, suntik 3 bulan setiap 12-13 minggu (pedoman pelayanan KB WHO dan BKKBN); aturan "
        "interval BPJS Kesehatan: belum pasti"
    )
    rationale = (
        "Suntikan ulang jauh sebelum siklusnya secara klinis tidak lazim; verifikator meminta penjelasan (mis. "
        "ganti metode) sebelum membayar, bukan langsung menolak."
    )
    fix_hint = (
        "Catat metode suntik (1 bulan atau 3 bulan) dan tanggal suntikan sebelumnya dari kartu KB; bila memang "
        "diulang lebih awal, lampirkan penjelasan dokter/bidan."
    )
    uncertain = True

    def check(self, claim: Claim) -> list[Finding]:
        if claim.pengajuan.layanan != "kb_suntik" or not is_billed(claim):
            return []
        day = claim.kunjungan.tgl_daftar
        previous = [
            r.tgl_layanan for r in claim.riwayat_klaim if r.layanan == "kb_suntik" and (day - r.tgl_layanan).days > 0
        ]
        if not previous:
            return []
        last = max(previous)
        gap = (day - last).days
        method = injection_method(claim)
        if method is None:
            if gap >= CYCLE_DAYS[MetodeKb.SUNTIK_3_BULAN]:
                return []
            return [
                self.finding(
                    "pengajuan.metode_kb",
                    f"Suntik KB {tanggal(day)}, {gap} hari setelah suntikan {tanggal(last)}, tetapi metodenya tidak "
                    "dicatat; interval tidak dapat diperiksa.",
                )
            ]
        if gap >= CYCLE_DAYS[method]:
            return []
        return [
            self.finding(
                "kunjungan.tgl_daftar",
                f"Suntik KB {_LABEL[method]} {tanggal(day)} hanya {gap} hari setelah suntikan {tanggal(last)}; "
                f"siklusnya paling cepat {CYCLE_DAYS[method]} hari. Jelaskan alasannya.",
            )
        ]
