"""TR04: no tariff can be determined for the claim, or an amount or day rate that cannot be right."""

from bimtek.claim import Claim
from bimtek.fmt import rupiah, tanggal
from bimtek.rules.base import Dasar, Finding, Need, Rule, Severity, is_billed
from bimtek.tariff import KAPITASI_LINES, absurd_amount_limit, day_rate_limit


class TR04(Rule):
    """The payable amount comes from the tariff: with no tariff, or with an impossible amount, nothing is paid.

    **Anti-pattern**: skrining IVA of 2022 (no tariff line under Permenkes 52/2016 in the product); rawat inap with
    no PKS day rate, or a day rate of Rp0; jumlah_diajukan Rp0, negative, or Rp75.000.000 for one ANC visit.
    **Best practice**: bill only lines with a tariff in force on the service date, the PKS day rate filled in,
    and the amount taken from the table.
    """

    code = "TR04"
    title = "Tarif tidak dapat ditentukan atau jumlah tidak wajar"
    severity = Severity.DIKEMBALIKAN
    needs = frozenset({Need.BILLED})
    dasar = Dasar.REGULASI
    regulation = (
        "Permenkes Nomor 3 Tahun 2023 Pasal 12 sampai Pasal 24 (tarif non-kapitasi FKTP), sebelumnya Permenkes "
        "Nomor 52 Tahun 2016; paket rawat inap per hari sesuai perjanjian kerja sama. Batas kewajaran jumlah "
        "(sepuluh kali tarif tertinggi): belum ada aturan tertulis yang ditemukan; praktik umum verifikasi"
    )
    rationale = (
        "BPJS membayar sebesar tarif. Bila tarif tidak dapat ditentukan, atau jumlah dan tarif per hari nol, negatif "
        "atau jauh di atas tarif tertinggi, klaim tidak dibayar sebesar yang diajukan: klaim dikembalikan."
    )
    fix_hint = (
        "Pastikan layanan punya tarif pada tanggal pelayanan, tarif paket rawat inap per hari sesuai PKS terisi, "
        "dan jumlah diambil dari tabel tarif."
    )

    def check(self, claim: Claim) -> list[Finding]:
        p = claim.pengajuan
        if not is_billed(claim) or p.layanan in KAPITASI_LINES or p.layanan not in self.ref.services:
            return []  # kapitasi: TR01; unknown line: KD04
        out = []
        day = claim.kunjungan.tgl_daftar
        line = self.ref.tariff(p.layanan, day)
        if line is None:
            reg = self.ref.regulation_on(day)
            under = f"menurut {reg.nama.split(' tentang ')[0]}" if reg else "(tidak ada peraturan tarif yang berlaku)"
            out.append(
                self.finding(
                    "pengajuan.layanan",
                    f"Tidak ada tarif untuk layanan '{p.layanan}' pada tanggal pelayanan {tanggal(day)} {under}; "
                    "jumlah tidak dapat diverifikasi.",
                )
            )
        elif line.jenis_tarif == "per_hari_pks":
            rate = claim.fasilitas.tarif_rawat_inap_per_hari
            # TR05 owns a missing rate and a rate outside the Permenkes range (FKTP selain Puskesmas)
            ranged = claim.fasilitas.jenis != "puskesmas" and line.minimal is not None and line.maksimal is not None
            if rate is not None and not ranged and (rate <= 0 or rate > day_rate_limit()):
                out.append(
                    self.finding(
                        "fasilitas.tarif_rawat_inap_per_hari",
                        f"Tarif rawat inap per hari {rupiah(rate)} tidak wajar; diharapkan lebih dari Rp0 dan tidak "
                        f"lebih dari {rupiah(day_rate_limit())}.",
                    )
                )
        claimed = p.jumlah_diajukan
        if claimed <= 0:
            out.append(
                self.finding(
                    "pengajuan.jumlah_diajukan",
                    f"Jumlah diajukan {rupiah(claimed)}; klaim per layanan harus lebih dari Rp0.",
                )
            )
        elif claimed > absurd_amount_limit():
            out.append(
                self.finding(
                    "pengajuan.jumlah_diajukan",
                    f"Jumlah diajukan {rupiah(claimed)} melebihi batas kewajaran {rupiah(absurd_amount_limit())} "
                    "(sepuluh kali tarif tertinggi).",
                )
            )
        own = p.tarif_fasilitas
        if own is not None and (own <= 0 or own > absurd_amount_limit()):
            out.append(
                self.finding(
                    "pengajuan.tarif_fasilitas",
                    f"Tarif fasilitas {rupiah(own)} tidak wajar; piutang tidak dapat diakui sebesar itu.",
                )
            )
        return out
