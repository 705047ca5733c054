"""PL03: fewer than four colour photos of a Prolanis activity, or photos reused from another activity."""

import re

from bimtek.claim import Claim
from bimtek.fmt import tanggal
from bimtek.rules.base import Dasar, Finding, Rule, Severity
from bimtek.rules.prolanis import BASIS, LAYANAN, activity

MIN_PHOTOS = 4
_SHA256 = re.compile(r"[0-9a-f]{64}")


class PL03(Rule):
    """At least four colour photos per activity, none of them reused from another activity (same content hash).

    **Anti-pattern**: last month's senam photo attached again: its SHA-256 equals a photo of an earlier claim.
    **Best practice**: photograph each activity (at least four colour photos) and attach only those; the
    product compares the photos' content hashes with earlier activities.
    """

    code = "PL03"
    title = "Foto kegiatan Prolanis kurang dari empat atau dipakai ulang"
    severity = Severity.DIKEMBALIKAN
    applies_to = frozenset({LAYANAN})
    dasar = Dasar.PRAKTIK
    regulation = BASIS
    rationale = (
        "Foto membuktikan kegiatan pada tanggal itu; foto yang sama pada kegiatan lain membuat kegiatan tidak "
        "terbukti dan klaimnya dikembalikan."
    )
    fix_hint = (
        "Lampirkan paling sedikit empat foto berwarna dari kegiatan ini sendiri; jangan memakai foto kegiatan lain."
    )
    uncertain = True

    def check(self, claim: Claim) -> list[Finding]:
        k = activity(claim)
        if k is None:
            return []
        out = []
        hashes = [f.sha256.strip().lower() for f in k.foto]
        bad = [f.berkas or f.sha256 for f, h in zip(k.foto, hashes, strict=True) if not _SHA256.fullmatch(h)]
        if bad:
            out.append(
                self.finding(
                    "kegiatan_prolanis.foto",
                    f"Sidik foto tidak sah (diharapkan SHA-256, 64 karakter heksadesimal): {', '.join(bad)}.",
                )
            )
        colour = sum(1 for f in k.foto if f.berwarna)
        if colour < MIN_PHOTOS:
            out.append(
                self.finding(
                    "kegiatan_prolanis.foto",
                    f"Foto kegiatan berwarna {colour}; paling sedikit {MIN_PHOTOS} per kegiatan.",
                )
            )
        twice = sorted({h for h in hashes if hashes.count(h) > 1})
        if twice:
            out.append(
                self.finding(
                    "kegiatan_prolanis.foto", f"Foto yang sama dilampirkan lebih dari sekali ({len(twice)} foto)."
                )
            )
        for prev in claim.riwayat_klaim:
            reused = [f.berkas or h[:12] for f, h in zip(k.foto, hashes, strict=True) if h in prev.foto_sha256]
            if reused and not (prev.tgl_layanan == k.tanggal and prev.no_klaim == claim.pengajuan.no_klaim):
                which = f"klaim '{prev.no_klaim}'" if prev.no_klaim else "kegiatan lain"
                out.append(
                    self.finding(
                        "kegiatan_prolanis.foto",
                        f"Foto {', '.join(reused)} sama dengan foto {which} tanggal {tanggal(prev.tgl_layanan)}; "
                        "foto kegiatan lain tidak membuktikan kegiatan ini.",
                    )
                )
        return out
