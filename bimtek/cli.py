"""`bimtek` / `python -m bimtek`: validate content, verify claim files, print the claim schema and the rule catalogue.

Exit codes: 0 done; 1 problems found (validate), or claims not payable with `verify --strict`; 2 unreadable
input or wrong usage. Messages for users are in Bahasa Indonesia; bad input never prints a traceback.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bimtek import app_cli, curriculum_cli, kelas_cli, lms_cli, piutang_cli
from bimtek.errors import BimtekError
from bimtek.privacy import mask_card, mask_cards_in_text
from bimtek.storage import commands as store_commands

EXIT_OK, EXIT_PROBLEMS, EXIT_INPUT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse with Indonesian usage errors (exit 2, one line, no traceback)."""

    def error(self, message: str) -> Any:
        for english, indonesian in _ARGPARSE_MESSAGES:
            message = message.replace(english, indonesian)
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"{self.prog}: perintah tidak valid: {message}\n")


_ARGPARSE_MESSAGES = [
    ("the following arguments are required", "argumen wajib tidak ada"),
    ("unrecognized arguments", "argumen tidak dikenal"),
    ("invalid choice", "pilihan tidak dikenal"),
    ("choose from", "pilihan"),
    ("argument ", "argumen "),
    ("expected one argument", "butuh satu nilai"),
]


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=program_name(), description="Bimtek Klaim BPJS: alat baris perintah.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="PERINTAH", parser_class=_Parser)
    p = sub.add_parser("validate", help="periksa berkas skenario dan modul (YAML)")
    p.add_argument(
        "paths", nargs="*", metavar="PATH", help="berkas atau folder skenario/modul (bawaan: scenarios/ dan modules/)"
    )
    p = sub.add_parser("verify", help="verifikasi klaim (YAML/JSON) atau batch klaim (CSV/XLSX)")
    p.add_argument("file", metavar="FILE", help="berkas klaim: .yaml, .yml, .json, .csv atau .xlsx")
    p.add_argument("--json", action="store_true", help="keluaran JSON yang dapat dibaca mesin")
    p.add_argument("--strict", action="store_true", help="kode keluar 1 bila ada klaim dikembalikan atau ditolak")
    p.add_argument(
        "--nomor-kartu-lengkap",
        action="store_true",
        dest="full_card",
        help="tampilkan nomor kartu lengkap (hanya untuk berkas milik fasilitas sendiri); bawaan: disamarkan 0001•••••6019",
    )
    p.add_argument(
        "--keluaran",
        metavar="BERKAS",
        help="tulis hasil per klaim ke berkas .csv, .jsonl atau .xlsx sambil dibaca bertahap (untuk berkas besar)",
    )
    p.add_argument(
        "--ringkasan",
        action="store_true",
        help="cetak tabel per fasilitas (kode FKTP): jumlah klaim per status, diajukan dan dibayar",
    )
    sub.add_parser("schema", help="JSON Schema klaim (acuan penulisan skenario)")
    p = sub.add_parser("rules", help="katalog aturan verifikasi")
    p.add_argument("--markdown", action="store_true", help="katalog lengkap dalam Markdown (docs/rules.md)")
    piutang_cli.add_parser(sub)
    store_commands.add_parsers(sub)
    lms_cli.add_parsers(sub)
    app_cli.add_parsers(sub)
    kelas_cli.add_parsers(sub)
    curriculum_cli.add_parsers(sub)
    return parser


def program_name() -> str:
    """`bimtek` when started as the installed command (argv[0] is its script, bimtek.exe on Windows), else how a
    checkout runs it."""
    return "bimtek" if Path(sys.argv[0]).stem == "bimtek" else "python -m bimtek"


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a non-UTF-8 console must not turn a message into a traceback
        if isinstance(stream, io.TextIOWrapper) and stream.encoding.lower().replace("-", "") != "utf8":
            stream.reconfigure(errors="replace")
    args = build_parser().parse_args(argv)
    commands = {"validate": _validate, "verify": _verify, "schema": _schema, "rules": _rules}
    commands["piutang"] = piutang_cli.run
    commands.update(dict.fromkeys(("trainer", "cohort", "db"), store_commands.run))
    commands.update(dict.fromkeys(("scorm", "xapi"), lms_cli.run))
    commands["app"] = app_cli.run
    commands["kelas"] = kelas_cli.run
    commands["kurikulum"] = curriculum_cli.run
    try:
        return commands[args.command](args)
    except BimtekError as err:
        for line in str(err).splitlines():
            print(mask_cards_in_text(line), file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:  # `python -m bimtek rules | head`
        sys.stderr.close()
        return EXIT_OK
    except (RecursionError, MemoryError, OSError, ValueError, ArithmeticError) as err:
        # Readers turn every problem of a file into an InputError; this is the last guard, so a user still sees
        # one Indonesian line (the error's kind, never its text, which may quote a patient) and no traceback.
        print(f"berkas tidak dapat diproses ({type(err).__name__}); periksa isinya atau bagi menjadi berkas lebih kecil", file=sys.stderr)  # fmt: skip
        return EXIT_INPUT


def _validate(args: argparse.Namespace) -> int:
    from bimtek.content import SCENARIO_DIR, Problem, load_scenario_file, load_scenarios
    from bimtek.modules import MODULE_DIR, load_module_file, load_modules, looks_like_module

    paths = [Path(p) for p in args.paths] or [SCENARIO_DIR, MODULE_DIR]
    problems: list[Problem] = []
    counts = {"skenario": 0, "modul": 0}
    checked: set[str] = set()
    for path in paths:
        kind = "modul" if path.exists() and looks_like_module(path) else "skenario"
        if path.is_dir():
            checked.add(kind)
            if not any(path.glob("*.yaml")):
                problems.append(Problem(str(path), "(folder)", f"tidak ada berkas {kind} *.yaml"))
            if kind == "modul":
                modules = load_modules(path)
                problems, counts[kind] = problems + modules.problems, counts[kind] + len(modules.modules)
            else:
                result = load_scenarios(path)
                problems, counts[kind] = problems + result.problems, counts[kind] + len(result.scenarios)
        elif path.is_file():
            checked.add(kind)
            loader = load_module_file if kind == "modul" else load_scenario_file
            loaded, file_problems = loader(path)
            problems += file_problems
            counts[kind] += 1 if loaded is not None and not file_problems else 0
        else:
            problems.append(Problem(str(path), "(akar)", "berkas atau folder tidak ditemukan"))
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} masalah ditemukan", file=sys.stderr)
        return EXIT_PROBLEMS
    print(", ".join(f"{counts[kind]} {kind} valid" for kind in ("skenario", "modul") if kind in checked))
    return EXIT_OK


def _verify(args: argparse.Namespace) -> int:
    from bimtek.io import read_claims, summary_line
    from bimtek.verification import submission_findings, verify_batch

    path = Path(args.file)
    tabular = path.suffix.lower() in (".csv", ".xlsx")
    if args.keluaran and args.json:
        print("pilih salah satu: --json (satu dokumen, untuk berkas kecil) atau --keluaran BERKAS", file=sys.stderr)
        return EXIT_INPUT
    if (args.keluaran or args.ringkasan or (tabular and not args.json)) and path.is_file():
        if not tabular:
            print(f"{path.name}: --keluaran dan --ringkasan hanya untuk batch .csv atau .xlsx", file=sys.stderr)
            return EXIT_INPUT
        return _verify_stream(path, args)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        print(f"{path}: berkas tidak ditemukan", file=sys.stderr)
        return EXIT_INPUT
    except IsADirectoryError:
        print(f"{path}: ini folder, bukan berkas klaim", file=sys.stderr)
        return EXIT_INPUT
    except OSError as err:
        print(f"{path}: berkas tidak dapat dibaca ({err.strerror or err})", file=sys.stderr)
        return EXIT_INPUT
    claims = read_claims(path.name, data)
    verdicts = verify_batch(claims)
    general = submission_findings(claims)
    if args.json:
        report = _verdicts_json(path.name, claims, verdicts, args.full_card)
        report["temuan_berkas_pengajuan"] = [_finding_json(f, args.full_card) for f in general]
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        if general:
            from bimtek.io import finding_text

            print("Berkas pengajuan (berlaku untuk semua klaim yang ditagihkan):")
            for f in general:
                print(f"   - [{f.rule}] {f.severity.label}: {finding_text(f.message, args.full_card)} ({f.field})")
        _print_table(claims, verdicts, args.full_card)
        print(summary_line(verdicts))
    unpaid = any(not v.is_paid for v in verdicts)
    return EXIT_PROBLEMS if args.strict and unpaid else EXIT_OK


def _verify_stream(path: Path, args: argparse.Namespace) -> int:
    """A CSV/XLSX batch of any length read, verified and written chunk by chunk (bimtek/batch_stream.py)."""
    from bimtek.batch_parallel import verify_file_parallel, workers_wanted
    from bimtek.batch_stream import (
        STATUSES,
        GroupedErrors,
        Ringkasan,
        VerdictWriter,
        first_berkas,
        stream_claims,
        verify_stream,
    )
    from bimtek.claim import Claim
    from bimtek.fmt import rupiah
    from bimtek.io import file_label, finding_text
    from bimtek.limits import number_text
    from bimtek.rules.base import is_billed
    from bimtek.verification import STATUS_LABELS, paused_gc, submission_findings

    problems = GroupedErrors(file_label(path.name))
    ringkasan = Ringkasan()
    billed: Claim | None = None  # the batch's first billed claim
    berkas: Claim | None = None  # and its first claim carrying a submission file
    count = 0
    writer = VerdictWriter(Path(args.keluaran), args.full_card, _json_item(args.full_card)) if args.keluaran else None
    workers = workers_wanted()
    if writer is not None and workers > 1:  # rows split by participant between processes (batch_parallel.py)
        with writer:
            outcome = verify_file_parallel(path, writer, problems, ringkasan.add_totals, workers)
        count = outcome.written
        if outcome.billed is not None:  # judged by the batch's submission file, as in verify_batch
            billed = outcome.billed.model_copy(update={"berkas_pengajuan": outcome.berkas})
    else:
        with writer if writer is not None else _nothing(), paused_gc():  # claims hold no cycles (bimtek/bulk.py)
            for claims, verdicts in verify_stream(stream_claims(path, problems), lambda: first_berkas(path)):
                ringkasan.add(claims, verdicts)
                billed = billed or next((c for c in claims if is_billed(c)), None)
                berkas = berkas or next((c for c in claims if c.berkas_pengajuan is not None), None)
                if writer is not None:
                    writer.write(claims, verdicts)
                else:
                    _print_table(claims, verdicts, args.full_card, start=count + 1)
                count += len(claims)
    general = submission_findings([c for c in (berkas, billed) if c is not None])  # the batch's berkas, if billed
    if general:
        print("Berkas pengajuan (berlaku untuk semua klaim yang ditagihkan):")
        for f in general:
            print(f"   - [{f.rule}] {f.severity.label}: {finding_text(f.message, args.full_card)} ({f.field})")
    if args.ringkasan and count:
        print("\n".join(ringkasan.lines()))
    totals = list(ringkasan.facilities.values())
    statuses = {s: sum(t.statuses[s] for t in totals) for s in STATUSES}
    parts = ", ".join(f"{number_text(n)} {STATUS_LABELS[s].lower()}" for s, n in statuses.items() if n)
    if count or not problems.count:
        print(
            f"{number_text(count)} klaim: {parts or 'tidak ada'}; diajukan {rupiah(sum(t.claimed for t in totals))}, "
            f"dibayar {rupiah(sum(t.payable for t in totals))}"
            + (f"; hasil ditulis ke {file_label(args.keluaran)}" if writer is not None else "")
        )
    if problems.count:
        if len(problems.groups) > 1:  # one kind of problem is its own one line
            rows = number_text(len(problems.bad_rows))
            print(f"{problems.name}: {rows} baris tidak dapat dibaca dan tidak diverifikasi:", file=sys.stderr)
        for line in problems.lines():
            print(mask_cards_in_text(line), file=sys.stderr)
        return EXIT_INPUT
    unpaid = statuses["dikembalikan"] + statuses["ditolak"]
    return EXIT_PROBLEMS if args.strict and unpaid else EXIT_OK


@contextmanager
def _nothing() -> Iterator[None]:
    yield


def _json_item(full_card: bool) -> Any:
    def item(index: int, claim: Any, verdict: Any) -> dict[str, Any]:
        return _verdict_item(index, claim, verdict, full_card)

    return item


def _print_table(claims: Sequence[Any], verdicts: Sequence[Any], full_card: bool = False, start: int = 1) -> None:
    from bimtek.fmt import rupiah
    from bimtek.io import finding_text

    for i, (claim, verdict) in enumerate(zip(claims, verdicts, strict=True), start=start):
        p = claim.pengajuan
        expected = rupiah(verdict.expected.amount) if verdict.expected else "-"
        print(
            f"{i}. {p.no_klaim or '(tanpa nomor)'} | {claim.peserta.nama} ({_card(claim, full_card)}) | {p.layanan} | "
            f"{verdict.status_label.upper()} | diajukan {rupiah(verdict.claimed)}, seharusnya {expected}, "
            f"dibayar {rupiah(verdict.payable)}"
        )
        for f in verdict.findings:
            print(f"   - [{f.rule}] {f.severity.label}: {finding_text(f.message, full_card)} ({f.field})")


def _card(claim: Any, full_card: bool) -> str:
    return str(claim.peserta.no_kartu) if full_card else mask_card(claim.peserta.no_kartu)


def _finding_json(f: Any, full_card: bool = False) -> dict[str, Any]:
    from bimtek.io import finding_text
    from bimtek.rules import get_rule

    rule = get_rule(f.rule)
    return {
        "kode": f.rule,
        "tingkat": f.severity.value,
        "bagian_klaim": f.field,
        "pesan": finding_text(f.message, full_card),
        "aturan": rule.title,
        "regulasi": rule.regulation,
        "perbaikan": rule.fix_hint,
    }


def _verdict_item(i: int, claim: Any, v: Any, full_card: bool) -> dict[str, Any]:
    """One claim's verdict as in --json (and one line of a .jsonl output)."""
    return {
        "urutan": i,
        "no_klaim": claim.pengajuan.no_klaim,
        "no_kartu": _card(claim, full_card),
        "nama_peserta": claim.peserta.nama,
        "kode_faskes": claim.fasilitas.kode,
        "layanan": claim.pengajuan.layanan,
        "status": v.status,
        "status_label": v.status_label,
        "jumlah_diajukan": v.claimed,
        "tarif_seharusnya": v.expected.amount if v.expected else None,
        "penjelasan_tarif": v.expected.explanation if v.expected else None,
        "jumlah_dibayar": v.payable,
        "temuan": [_finding_json(f, full_card) for f in v.findings],
    }


def _verdicts_json(name: str, claims: Sequence[Any], verdicts: Sequence[Any], full_card: bool = False) -> dict[str, Any]:  # fmt: skip
    counts: dict[str, int] = {}
    items = []
    for i, (claim, v) in enumerate(zip(claims, verdicts, strict=True), start=1):
        counts[v.status] = counts.get(v.status, 0) + 1
        items.append(_verdict_item(i, claim, v, full_card))
    return {
        "berkas": name,
        "jumlah_klaim": len(items),
        "ringkasan": counts,
        "jumlah_diajukan": sum(v.claimed for v in verdicts),
        "jumlah_dibayar": sum(v.payable for v in verdicts),
        "klaim": items,
    }


def _schema(args: argparse.Namespace) -> int:
    from bimtek.claim import claim_json_schema

    print(json.dumps(claim_json_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


def _rules(args: argparse.Namespace) -> int:
    if args.markdown:
        from bimtek.catalogue import catalogue_markdown

        markdown = catalogue_markdown()
        sys.stdout.write(markdown if markdown.endswith("\n") else markdown + "\n")
        return EXIT_OK
    from bimtek.rules import FAMILIES, all_rules

    for family, label in FAMILIES.items():
        rules = [r for r in all_rules() if r.family == family]
        if rules:
            print(f"{label}:")
        for r in rules:
            note = " (belum pasti)" if r.uncertain else ""
            print(f"  {r.code}  {r.severity.label:<12}  {r.title}{note}")
    print(f"{len(all_rules())} aturan")
    return EXIT_OK
