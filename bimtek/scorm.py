"""SCORM 1.2 packages of the Bimtek modules: lessons as HTML and playable exercises that report a score to the LMS.

One SCO per module (a folder with index.html), shared assets (player script, stylesheet) as one asset resource, and
imsmanifest.xml per the SCORM 1.2 Content Aggregation Model. The player (lms_assets/bimtek-scorm.js) finds the LMS's
API object by walking window.parent and window.opener as the SCORM 1.2 Run-Time Environment describes, and reports
cmi.core.score.raw/min/max and cmi.core.lesson_status. Nothing in a package loads anything from the network.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import random
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from markdown_it import MarkdownIt

from bimtek.fmt import angka, rupiah, tanggal
from bimtek.formula import evaluate
from bimtek.modules import (
    ChoiceItem,
    CodeItem,
    MatchItem,
    Module,
    NumberItem,
    OrderItem,
    Param,
    normalise_code,
)
from bimtek.reference import load_reference

ASSETS = Path(__file__).resolve().parent / "lms_assets"
SHARED = "shared"
SHARED_FILES = ("bimtek-scorm.js", "bimtek.css")
COURSE_TITLE = "Bimtek Manajemen Klaim BPJS Kesehatan FKTP"
MASTERY_PERCENT = 70  # the package's pass mark (adlcp:masteryscore); the app itself has no module pass mark
NS_CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
NS_ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = (
    f"{NS_CP} imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd "
    f"{NS_ADLCP} adlcp_rootv1p2.xsd"
)


@dataclass(frozen=True)
class Package:
    """A built package: the zip's bytes and the folder of each module's SCO (for messages and tests)."""

    data: bytes
    sco_folders: dict[str, str]


# --- markdown -> safe HTML ------------------------------------------------------------------------------------------
def _markdown() -> MarkdownIt:
    """CommonMark with tables; raw HTML escaped; links and images as their text (nothing is fetched or followed)."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
    md.add_render_rule("link_open", lambda *_: "")
    md.add_render_rule("link_close", lambda *_: "")
    md.add_render_rule("image", lambda self, tokens, idx, options, env: html.escape(tokens[idx].content))
    return md


_MD = _markdown()


def lesson_html(text: str) -> str:
    return _MD.render(text)


# --- exercises as data for the player -------------------------------------------------------------------------------
def _draw(param: Param, rng: random.Random) -> Any:
    """One value for a number item's parameter, as the app draws it (an integer range, a list, a date range)."""
    if param.pilihan:
        return rng.choice(param.pilihan)
    if param.tanggal_min is not None and param.tanggal_max is not None:
        return param.tanggal_min + dt.timedelta(days=rng.randint(0, (param.tanggal_max - param.tanggal_min).days))
    low, high = param.min or 0, param.max if param.max is not None else param.min or 0
    return low + param.kelipatan * rng.randint(0, (high - low) // param.kelipatan)


def _shown(value: Any, satuan: str | None = None) -> str:
    if isinstance(value, dt.date):
        return tanggal(value)
    if satuan == "rupiah":
        return rupiah(value)
    text = angka(value) if isinstance(value, int | float) and not isinstance(value, bool) else str(value)
    return f"{text}%" if satuan == "persen" else f"{text} hari" if satuan == "hari" else text


def _number_item(module_id: str, item: NumberItem, variant: int) -> dict[str, Any]:
    rng = random.Random(f"{module_id}/{item.id}/{variant}")  # the same package content for the same modules
    params = {name: _draw(p, rng) for name, p in item.parameter.items()}
    expected = evaluate(item.rumus, params)
    values = {name: _shown(v) for name, v in params.items()}
    values["jawaban"] = _shown(expected, item.satuan.value)
    return {
        "prompt": item.pertanyaan.format(**values),
        "expected": expected.isoformat() if isinstance(expected, dt.date) else float(expected),
        "date": isinstance(expected, dt.date),
        "unit": item.satuan.value,
        "tolerance": item.toleransi,
        "shown": values["jawaban"],
        "explanation": item.penjelasan.format(**values),
    }


NUMBER_VARIANTS = 3  # drawn parameter sets per number item; the player picks one per round


def exercise_items(module: Module) -> list[dict[str, Any]]:
    """Every exercise of a module with its item pool, as the player's JSON (answers included: graded in the page)."""
    reference = load_reference()
    out = []
    for exercise in module.latihan:
        items: list[dict[str, Any]] = []
        for item in exercise.soal:
            base: dict[str, Any] = {"id": item.id, "source": item.sumber}
            if isinstance(item, ChoiceItem):
                base |= {
                    "prompt": item.pertanyaan,
                    "multi": not item.single,
                    "options": [
                        {"text": o.teks, "correct": o.benar, "explanation": o.penjelasan} for o in item.pilihan
                    ],
                }
            elif isinstance(item, OrderItem):
                base |= {
                    "prompt": item.pertanyaan,
                    "steps": [{"text": s.teks, "explanation": s.penjelasan} for s in item.langkah],
                }
            elif isinstance(item, MatchItem):
                base |= {
                    "prompt": item.pertanyaan,
                    "pairs": [{"left": p.kiri, "right": p.kanan, "explanation": p.penjelasan} for p in item.pasangan],
                    "distractors": [{"text": d.teks, "explanation": d.penjelasan} for d in item.pengecoh],
                }
            elif isinstance(item, CodeItem):
                accepted = [normalise_code(c) for c in item.kode_benar]
                base |= {
                    "prompt": item.kasus,
                    "accepted": accepted,
                    "shown": ", ".join(f"{c} ({reference.icd10_name(c)})" for c in accepted),
                    "partial": {normalise_code(k): v for k, v in item.kode_sebagian.items()},
                    "feedback": {normalise_code(k): v for k, v in item.umpan_balik.items()},
                    "explanation": item.penjelasan,
                }
            elif isinstance(item, NumberItem):
                base["variants"] = [_number_item(module.id, item, n) for n in range(NUMBER_VARIANTS)]
            items.append(base)
        out.append(
            {
                "id": exercise.id,
                "title": exercise.judul,
                "hint": exercise.petunjuk,
                "kind": exercise.jenis,
                "count": min(exercise.jumlah_soal, len(exercise.soal)),
                "items": items,
            }
        )
    return out


# --- pages ----------------------------------------------------------------------------------------------------------
def _json_for_script(data: Any) -> str:
    """JSON safe inside <script>: '<', '>' and '&' escaped so no text can close the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def module_page(module: Module, mastery: int) -> str:
    """The SCO's index.html: objectives, lessons, then the exercises the player renders from the embedded data."""
    e = html.escape
    lessons = []
    for n, lesson in enumerate(module.pelajaran, start=1):
        note = '<p class="belum-pasti">Memuat fakta yang belum pasti.</p>' if lesson.belum_pasti else ""
        lessons.append(
            f'<section class="pelajaran" id="pelajaran-{n}"><h2>{n}. {e(lesson.judul)}</h2>{note}'
            f'{lesson_html(lesson.isi)}<p class="sumber">Sumber: {e(lesson.sumber)}</p></section>'
        )
    goals = "".join(f"<li>{e(goal)}</li>" for goal in module.tujuan)
    data = {"module": module.id, "title": module.judul, "mastery": mastery, "exercises": exercise_items(module)}
    return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(module.judul)}</title>
<link rel="stylesheet" href="../{SHARED}/bimtek.css">
</head>
<body>
<main>
<header><p class="kursus">{e(COURSE_TITLE)}</p><h1>{e(module.judul)}</h1><p>{e(module.ringkasan)}</p></header>
<p id="status-lms" class="status" role="status"></p>
<section class="tujuan"><h2>Tujuan pembelajaran</h2><ul>{goals}</ul></section>
{"".join(lessons)}
<section id="latihan" class="latihan"><h2>Latihan</h2>
<p>Jawab semua soal lalu pilih <strong>Periksa jawaban</strong>. Nilai lulus {mastery} dari 100.</p>
<noscript><p>Latihan memerlukan JavaScript.</p></noscript>
<div id="soal"></div>
</section>
</main>
<script type="application/json" id="bimtek-data">{_json_for_script(data)}</script>
<script src="../{SHARED}/bimtek-scorm.js"></script>
</body>
</html>
"""


# --- manifest -------------------------------------------------------------------------------------------------------
def manifest_xml(modules: Sequence[Module], folders: dict[str, str], title: str, mastery: int) -> bytes:
    """imsmanifest.xml per SCORM 1.2 CAM: metadata (ADL SCORM 1.2), one organization, one SCO resource per module."""
    ET.register_namespace("", NS_CP)
    ET.register_namespace("adlcp", NS_ADLCP)
    ET.register_namespace("xsi", NS_XSI)
    cp = f"{{{NS_CP}}}"
    root = ET.Element(
        f"{cp}manifest",
        {"identifier": "BIMTEK-KLAIM-BPJS", "version": "1.0", f"{{{NS_XSI}}}schemaLocation": SCHEMA_LOCATION},
    )
    metadata = ET.SubElement(root, f"{cp}metadata")
    ET.SubElement(metadata, f"{cp}schema").text = "ADL SCORM"
    ET.SubElement(metadata, f"{cp}schemaversion").text = "1.2"
    organizations = ET.SubElement(root, f"{cp}organizations", {"default": "ORG-BIMTEK"})
    organization = ET.SubElement(organizations, f"{cp}organization", {"identifier": "ORG-BIMTEK"})
    ET.SubElement(organization, f"{cp}title").text = title[:200]
    resources = ET.SubElement(root, f"{cp}resources")
    for module in modules:
        item = ET.SubElement(
            organization,
            f"{cp}item",
            {"identifier": f"ITEM-{module.id}", "identifierref": f"RES-{module.id}", "isvisible": "true"},
        )
        ET.SubElement(item, f"{cp}title").text = module.judul[:200]
        ET.SubElement(item, f"{{{NS_ADLCP}}}masteryscore").text = str(mastery)
        href = f"{folders[module.id]}/index.html"
        resource = ET.SubElement(
            resources,
            f"{cp}resource",
            {"identifier": f"RES-{module.id}", "type": "webcontent", f"{{{NS_ADLCP}}}scormtype": "sco", "href": href},
        )
        ET.SubElement(resource, f"{cp}file", {"href": href})
        ET.SubElement(resource, f"{cp}dependency", {"identifierref": "RES-SHARED"})
    shared = ET.SubElement(
        resources,
        f"{cp}resource",
        {"identifier": "RES-SHARED", "type": "webcontent", f"{{{NS_ADLCP}}}scormtype": "asset"},
    )
    for name in SHARED_FILES:
        ET.SubElement(shared, f"{cp}file", {"href": f"{SHARED}/{name}"})
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode").encode("utf-8")


def build_package(modules: Sequence[Module], title: str | None = None, mastery: int = MASTERY_PERCENT) -> Package:
    """The SCORM 1.2 zip for these modules (one module, or the whole course in the given order)."""
    if not modules:
        raise ValueError("no modules")
    if len(modules) == 1 and title is None:
        title = modules[0].judul
    folders = {m.id: f"modul-{re.sub(r'[^a-z0-9-]', '-', m.id)}" for m in modules}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", manifest_xml(modules, folders, title or COURSE_TITLE, mastery))
        for name in SHARED_FILES:
            archive.write(ASSETS / name, f"{SHARED}/{name}")
        for module in modules:
            archive.writestr(f"{folders[module.id]}/index.html", module_page(module, mastery))
    return Package(buffer.getvalue(), folders)
