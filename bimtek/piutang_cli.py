"""`python -m bimtek piutang`: kapitasi and its journal entries; the receivables ledger of a claims + payments file.

Registered by bimtek/cli.py. Bad input raises InputError (an Indonesian message; the CLI exits 2, no traceback).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import Any

from bimtek import accounting as acc
from bimtek.errors import InputError
from bimtek.fmt import rupiah, tanggal


def add_parser(sub: Any) -> None:
    """Adds `piutang kapitasi` and `piutang buku` to the CLI's subcommands."""
    p = sub.add_parser("piutang", help="piutang BPJS: kapitasi, buku piutang dan jurnalnya")
    inner = p.add_subparsers(dest="piutang_command", required=True, metavar="PERINTAH", parser_class=type(p))
    k = inner.add_parser("kapitasi", help="hitung kapitasi sebulan dan jurnal pengakuan serta pelunasannya")
    k.add_argument("--peserta", required=True, type=_whole("--peserta"), help="jumlah peserta terdaftar")
    k.add_argument("--tarif", required=True, type=_whole("--tarif"), help="tarif kapitasi per peserta per bulan (Rp)")
    k.add_argument("--kbk-persen", type=_percent, default=100.0, help="kapitasi dibayar menurut KBK (persen, 100)")
    k.add_argument("--bulan", type=_month, default=None, help="bulan kapitasi, YYYY-MM (bawaan: bulan ini)")
    k.add_argument("--json", action="store_true", help="keluaran JSON")
    b = inner.add_parser("buku", help="buku piutang dan jurnal dari berkas klaim dan berkas pembayaran")
    b.add_argument("claims", metavar="CLAIMS_FILE", help="berkas klaim: .csv, .xlsx, .yaml, .yml atau .json")
    b.add_argument("payments", metavar="PAYMENTS_FILE", help="berkas pembayaran: .csv atau .xlsx (docs/piutang.md)")
    b.add_argument("--per", type=_day, default=None, help="tanggal posisi buku, YYYY-MM-DD (bawaan: hari ini)")
    b.add_argument("--json", action="store_true", help="keluaran JSON")
    b.add_argument("--xlsx", metavar="OUT", default=None, help="simpan buku piutang dan jurnal ke berkas .xlsx")


def run(args: argparse.Namespace) -> int:
    return _kapitasi(args) if args.piutang_command == "kapitasi" else _buku(args)


# --- argument types (argparse prints the message after 'argumen X:') ------------------------------------------


def _whole(flag: str) -> Any:
    def parse(text: str) -> int:
        value = text.replace(".", "") if text.replace(".", "").isdigit() else text
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' bukan bilangan bulat (contoh: {flag} 1000)") from None
        if number < 0:
            raise argparse.ArgumentTypeError(f"'{text}' tidak boleh negatif")
        return number

    return parse


def _percent(text: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' bukan angka persen (contoh: --kbk-persen 95)") from None
    if not 0 < value <= 100:
        raise argparse.ArgumentTypeError(f"'{text}' harus lebih dari 0 dan paling banyak 100")
    return value


def _month(text: str) -> dt.date:
    try:
        return dt.datetime.strptime(text, "%Y-%m").date()
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' bukan bulan (format YYYY-MM, contoh 2026-02)") from None


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' bukan tanggal (format YYYY-MM-DD)") from None


# --- kapitasi -----------------------------------------------------------------------------------------------------


def _kapitasi(args: argparse.Namespace) -> int:
    month = args.bulan or dt.date.today().replace(day=1)
    amount = acc.kapitasi_amount(args.peserta, args.tarif, args.kbk_persen)
    entries = [acc.kapitasi_recognition(month, amount), acc.kapitasi_settlement(month.replace(day=15), amount)]
    formula = f"{args.peserta:,} peserta x {rupiah(args.tarif)} x {args.kbk_persen:g}%".replace(",", ".")
    if args.json:
        out = {"peserta": args.peserta, "tarif": args.tarif, "kbk_persen": args.kbk_persen, "kapitasi": amount}
        print(json.dumps(out | {"jurnal": [_entry_json(e) for e in entries]}, ensure_ascii=False, indent=2))
        return 0
    print(f"Kapitasi: {formula} = {rupiah(amount)}")
    print(
        "Sumber: artikel “Pengakuan & Perhitungan Piutang Pasien BPJS di Puskesmas”; tarif: Permenkes Nomor 3 Tahun "
        "2023 Pasal 6; KBK: Peraturan BPJS Kesehatan Nomor 7 Tahun 2019"
    )
    for title, entry in zip(("Pengakuan", "Pelunasan"), entries, strict=True):
        print()
        _print_entry(entry, title)
    return 0


def _print_entry(entry: acc.JournalEntry, title: str | None = None) -> None:
    note = " (belum pasti)" if entry.uncertain else ""
    head = f"{title}: " if title else ""
    print(f"{head}{tanggal(entry.date)} — {entry.description}{note}")
    for line in entry.lines:
        name = ("  " if line.debit else "      ") + line.account  # credit lines indented, as in a journal
        debit = rupiah(line.debit) if line.debit else ""
        credit = rupiah(line.credit) if line.credit else ""
        print(f"{name:<46}{debit:>16}{credit:>16}".rstrip())


def _entry_json(entry: acc.JournalEntry) -> dict[str, Any]:
    return {
        "tanggal": entry.date.isoformat(),
        "keterangan": entry.description,
        "baris": [{"akun": ln.account, "debit": ln.debit, "kredit": ln.credit} for ln in entry.lines],
        "belum_pasti": entry.uncertain,
        "sumber": entry.source,
    }


# --- buku piutang ------------------------------------------------------------------------------------------------


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError([f"{path}: berkas tidak ditemukan"]) from None
    except IsADirectoryError:
        raise InputError([f"{path}: ini folder, bukan berkas"]) from None
    except OSError as err:
        raise InputError([f"{path}: berkas tidak dapat dibaca ({err.strerror or err})"]) from None


def _buku(args: argparse.Namespace) -> int:
    import sys

    from bimtek.io import read_claims
    from bimtek.ledger import build_ledger, ledger_json, ledger_to_xlsx, read_payments, summary_text
    from bimtek.verification import verify_batch

    claims_path, payments_path = Path(args.claims), Path(args.payments)
    claims = read_claims(claims_path.name, _read(claims_path))
    payments = read_payments(payments_path.name, _read(payments_path))
    ledger = build_ledger(claims, verify_batch(claims), payments, args.per or dt.date.today())
    if args.xlsx:
        out = Path(args.xlsx)
        if out.suffix.lower() != ".xlsx":
            raise InputError([f"{out}: berkas keluaran harus berakhiran .xlsx"])
        try:
            out.write_bytes(ledger_to_xlsx(ledger))
        except OSError as err:
            raise InputError([f"{out}: tidak dapat menulis berkas ({err.strerror or err})"]) from None
    for warning in ledger.warnings:
        print(f"peringatan: {payments_path.name}: {warning}", file=sys.stderr)
    if args.json:
        print(json.dumps(ledger_json(ledger), ensure_ascii=False, indent=2))
        return 0
    print(f"Buku piutang BPJS per {tanggal(ledger.as_of)}")
    for item in ledger.items:
        r = item.row
        flag = f"  << mendekati kedaluwarsa ({r.days_to_expiry} hari lagi)" if r.near_expiry else ""
        print(
            f"{r.no_klaim} | {item.claim.peserta.nama} | {item.claim.pengajuan.layanan} | {r.status} | diajukan "
            f"{rupiah(r.claimed)} | diakui {rupiah(r.recognised)} | dibayar {rupiah(r.paid)} | sisa {rupiah(r.outstanding)} | umur {r.ageing}{flag}"
        )
    print()
    print("Jurnal")
    for _item, entry in ledger.entries:
        _print_entry(entry)
    print()
    print(summary_text(ledger))
    if ledger.kapitasi_visits:
        print(f"{ledger.kapitasi_visits} kunjungan kapitasi/tanpa tagihan tidak dicatat sebagai piutang per klaim")
    if args.xlsx:
        print(f"Disimpan: {args.xlsx}")
    return 0
