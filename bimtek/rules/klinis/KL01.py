"""KL01: a vitamin or iron injection/infusion with no anaemia diagnosis to justify it."""

from bimtek.claim import Claim, Terapi
from bimtek.normalise import names_injection, needs_indication, vocabulary
from bimtek.rules.base import Dasar, Finding, Rule, Severity

_NEEDS_ANAEMIA = {"vitamin", "zat_besi"}


def _is_anaemia(code: str) -> bool:
    return "D50" <= code[:3] <= "D64"


def needs_anaemia(t: Terapi) -> tuple[str, str] | None:
    """(route, class) when a therapy line is a vitamin/iron injection or infusion, whatever it is called."""
    cls = t.golongan if t.golongan in _NEEDS_ANAEMIA else needs_indication(t.nama)
    if cls is None:
        return None
    if t.rute in vocabulary().injected_routes:
        return t.rute, cls
    return ("injeksi", cls) if names_injection(t.nama) else None


class KL01(Rule):
    """A vitamin or iron injection/infusion needs a documented indication: an anaemia diagnosis (ICD-10 D50-D64).
    Checked on therapy lines and procedure lines alike, whatever the route is called (IM, IV, SC, suntik, drip...).

    **Anti-pattern**: terapi 'Injeksi vitamin B12' (rute IM, golongan vitamin) or tindakan 'Injeksi vitamin B12'
    with diagnosa only J06.9.
    **Best practice**: if the record shows anaemia (Hb below normal), code it (e.g. D50.9, D51.0) and attach the
    Hb result, with the resume's clinical justification; if not, the doctor reviews it. An injection that was given is
    never deleted from the entry. Drugs at FKTP are paid inside kapitasi or the per-day package, and no written rule
    on the indication was found, so this is a warning (peringatan), not a rejection.
    """

    code = "KL01"
    title = "Injeksi vitamin/zat besi tanpa diagnosa anemia"
    severity = Severity.PERINGATAN
    dasar = Dasar.ARTIKEL
    # seed 000 Kasus 1; facts §5 (indication for injections: uncertain)
    regulation = (
        'Artikel "Bimtek Manajemen Klaim BPJS Kesehatan untuk Fasilitas Kesehatan Primer", Kasus 1 Klinik '
        "'Sehat Bersama' (injeksi vitamin tanpa diagnosa anemia); indikasi terdokumentasi untuk injeksi vitamin dan "
        "zat besi (belum pasti: belum ada aturan tertulis yang ditemukan); ICD-10 D50-D64 anemia"
    )
    rationale = (
        "Diagnosa harus membenarkan tindakan. Obat dan tindakan di FKTP dibayar dalam kapitasi atau paket per hari, "
        "jadi injeksi ini tidak ditagihkan tersendiri; tetapi injeksi atau infus vitamin atau zat besi tanpa diagnosa "
        "anemia adalah temuan audit medis yang membuat verifikator meragukan rekam medis (artikel Bimtek menyebutnya "
        "penyebab klaim ditolak). Belum ada aturan tertulis yang ditemukan tentang syarat indikasi ini, sehingga "
        "temuan ini berupa peringatan."
    )
    fix_hint = (
        "Bila rekam medis menunjukkan anemia (Hb rendah), tuliskan diagnosa anemia (D50-D64), lampirkan hasil Hb dan "
        "resume yang memuat justifikasi klinis. Bila tidak ada indikasi, minta dokter menelaah; jangan menghapus "
        "injeksi yang benar-benar diberikan dan jangan menambah diagnosa yang tidak pernah ditegakkan."
    )
    uncertain = True

    def check(self, claim: Claim) -> list[Finding]:
        k = claim.kunjungan
        if (not k.terapi and not k.tindakan) or any(_is_anaemia(code) for code in k.diagnosa):
            return []
        diag = ", ".join(k.diagnosa) or "tidak ada"
        out = []
        for i, t in enumerate(k.terapi):
            hit = needs_anaemia(t)
            if hit is not None:
                out.append(self._finding(f"kunjungan.terapi.{i}", "Terapi", t.nama, hit[0], hit[1], diag))
        for i, tindakan in enumerate(k.tindakan):
            cls = needs_indication(tindakan.nama)
            if cls is not None and names_injection(tindakan.nama):
                route = _route_in_name(tindakan.nama)
                out.append(self._finding(f"kunjungan.tindakan.{i}", "Tindakan", tindakan.nama, route, cls, diag))
        return out

    def _finding(self, field: str, what: str, nama: str, route: str, cls: str, diag: str) -> Finding:
        return self.finding(
            field,
            f"{what} '{nama}' ({route} {cls.replace('_', ' ')}) tidak didukung diagnosa anemia D50-D64; "
            f"diagnosa tercatat: {diag}.",
        )


def _route_in_name(name: str) -> str:
    text = name.lower()
    return "infus" if any(w in text for w in ("infus", "drip", "ivfd")) else "injeksi"
