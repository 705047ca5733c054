"""SCORM 1.2 export: the package's manifest checked against the SCORM 1.2 Content Aggregation Model's structure, every
file it names present, lessons rendered from the module YAML, exercises embedded whole, and nothing fetched."""

from __future__ import annotations

import io
import json
import re
import zipfile
from functools import cache
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from bimtek.cli import main
from bimtek.formula import evaluate
from bimtek.modules import Module, load_modules
from bimtek.scorm import NUMBER_VARIANTS, build_package, lesson_html, module_page

CP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"
NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")  # xsd:ID, the type of every identifier (IMS CP 1.1.2 schema)


@cache
def modules() -> tuple[Module, ...]:
    return tuple(load_modules().modules)


@cache
def course() -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(build_package(list(modules())).data))


def manifest(archive: zipfile.ZipFile) -> ET.Element:
    return ET.fromstring(archive.read("imsmanifest.xml"))


def check_scorm12_structure(archive: zipfile.ZipFile) -> list[str]:
    """Every structural requirement of a SCORM 1.2 package that an LMS relies on; the problems found."""
    problems = []
    names = set(archive.namelist())
    if "imsmanifest.xml" not in names:
        return ["imsmanifest.xml is not at the root of the package"]
    root = manifest(archive)
    if root.tag != f"{CP}manifest" or not root.get("identifier"):
        problems.append("root is not an identified imscp manifest")
    metadata = root.find(f"{CP}metadata")
    if metadata is None or metadata.findtext(f"{CP}schema") != "ADL SCORM" or metadata.findtext(f"{CP}schemaversion") != "1.2":  # fmt: skip
        problems.append("metadata must say schema 'ADL SCORM', schemaversion '1.2'")
    children = [c.tag for c in root]
    if children[:3] != [f"{CP}metadata", f"{CP}organizations", f"{CP}resources"]:
        problems.append(f"manifest children out of the schema's order: {children}")
    ids = [e.get("identifier") for e in root.iter() if e.get("identifier") is not None]
    problems += [f"identifier {i!r} is not an xsd:ID" for i in ids if not NCNAME.match(str(i))]
    if len(ids) != len(set(ids)):
        problems.append("identifiers are not unique")
    organizations = root.find(f"{CP}organizations")
    resources = root.find(f"{CP}resources")
    assert organizations is not None and resources is not None
    orgs = {o.get("identifier"): o for o in organizations.findall(f"{CP}organization")}
    if organizations.get("default") not in orgs:
        problems.append("organizations/@default names no organization")
    by_id = {r.get("identifier"): r for r in resources.findall(f"{CP}resource")}
    listed: set[str] = set()
    for resource in by_id.values():
        kind = resource.get(f"{ADLCP}scormtype")
        if resource.get("type") != "webcontent" or kind not in ("sco", "asset"):
            problems.append(f"resource {resource.get('identifier')}: type webcontent and adlcp:scormtype sco|asset")
        if kind == "sco" and not resource.get("href"):
            problems.append(f"SCO {resource.get('identifier')} has no href")
        files = [f.get("href") for f in resource.findall(f"{CP}file")]
        if resource.get("href") and resource.get("href") not in files:
            problems.append(f"resource {resource.get('identifier')}: its href is not among its files")
        for href in files:
            listed.add(str(href))
            if href not in names:
                problems.append(f"file {href} is listed but not in the zip")
        for dependency in resource.findall(f"{CP}dependency"):
            if dependency.get("identifierref") not in by_id:
                problems.append(f"dependency {dependency.get('identifierref')} names no resource")
    problems += [f"{name} is in the zip but in no resource" for name in names - listed - {"imsmanifest.xml"}]
    for org in orgs.values():
        if not (org.findtext(f"{CP}title") or "").strip():
            problems.append("organization without a title")
        for item in org.iter(f"{CP}item"):
            ref = item.get("identifierref")
            if ref is not None and (ref not in by_id or by_id[ref].get(f"{ADLCP}scormtype") != "sco"):
                problems.append(f"item {item.get('identifier')} launches no SCO")
            if not (item.findtext(f"{CP}title") or "").strip() or len(item.findtext(f"{CP}title") or "") > 200:
                problems.append(f"item {item.get('identifier')}: title 1-200 characters")
            mastery = item.findtext(f"{ADLCP}masteryscore")
            if mastery is not None and not (mastery.isdigit() and 0 <= int(mastery) <= 100):
                problems.append(f"item {item.get('identifier')}: masteryscore {mastery!r} not 0-100")
    return problems


# --- the manifest ----------------------------------------------------------------------------------------------
def test_the_whole_course_is_a_structurally_valid_scorm_12_package():
    assert check_scorm12_structure(course()) == []


def test_the_structure_check_finds_what_breaks_a_package():
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as broken:
        for info in course().infolist():
            if info.filename.endswith("bimtek.css"):
                continue  # a listed file missing
            content = course().read(info)
            if info.filename == "imsmanifest.xml":
                content = content.replace(b"<schemaversion>1.2</schemaversion>", b"<schemaversion>2004</schemaversion>")
                content = content.replace(b'identifierref="RES-tarif"', b'identifierref="RES-nothing"')
            broken.writestr(info.filename, content)
        broken.writestr("extra/unlisted.html", "<p>x</p>")
    problems = check_scorm12_structure(zipfile.ZipFile(data))
    assert any("schemaversion" in p for p in problems)
    assert any("bimtek.css is listed but not in the zip" in p for p in problems)
    assert any("ITEM-tarif launches no SCO" in p for p in problems)
    assert any("extra/unlisted.html is in the zip but in no resource" in p for p in problems)


def test_one_sco_per_module_in_course_order_with_the_mastery_score():
    root = manifest(course())
    items = list(root.iter(f"{CP}item"))
    assert [i.get("identifier") for i in items] == [f"ITEM-{m.id}" for m in modules()]
    assert [i.findtext(f"{CP}title") for i in items] == [m.judul for m in modules()]
    assert {i.findtext(f"{ADLCP}masteryscore") for i in items} == {"70"}
    scos = [r for r in root.iter(f"{CP}resource") if r.get(f"{ADLCP}scormtype") == "sco"]
    assert [r.get("href") for r in scos] == [f"modul-{m.id}/index.html" for m in modules()]


def test_a_single_module_package_is_titled_by_the_module_and_takes_a_pass_mark():
    tarif = next(m for m in modules() if m.id == "tarif")
    archive = zipfile.ZipFile(io.BytesIO(build_package([tarif], mastery=80).data))
    assert check_scorm12_structure(archive) == []
    root = manifest(archive)
    assert root.find(f"{CP}organizations/{CP}organization/{CP}title").text == tarif.judul  # type: ignore[union-attr]
    assert root.find(f".//{ADLCP}masteryscore").text == "80"  # type: ignore[union-attr]
    assert sorted(archive.namelist()) == ["imsmanifest.xml", "modul-tarif/index.html", "shared/bimtek-scorm.js", "shared/bimtek.css"]  # fmt: skip


# --- the pages ---------------------------------------------------------------------------------------------------
def page_data(html: str) -> dict:
    found = re.search(r'<script type="application/json" id="bimtek-data">(.*?)</script>', html, re.S)
    assert found
    return json.loads(found.group(1))


@pytest.mark.parametrize("module", modules(), ids=lambda m: m.id)
def test_each_page_has_its_lessons_objectives_and_every_exercise_item(module):
    html = course().read(f"modul-{module.id}/index.html").decode("utf-8")
    assert '<html lang="id">' in html
    for lesson in module.pelajaran:
        assert lesson.judul.replace("&", "&amp;").replace('"', "&quot;").replace("'", "&#x27;") in html
    for goal in module.tujuan:
        assert goal.replace("&", "&amp;").replace('"', "&quot;").replace("'", "&#x27;") in html
    data = page_data(html)
    assert data["module"] == module.id and data["mastery"] == 70
    assert [e["id"] for e in data["exercises"]] == [e.id for e in module.latihan]
    for exercise, shipped in zip(module.latihan, data["exercises"], strict=True):
        assert [i["id"] for i in shipped["items"]] == [i.id for i in exercise.soal]
        assert shipped["count"] == min(exercise.jumlah_soal, len(exercise.soal))


def test_number_items_carry_drawn_variants_with_the_formula_answer():
    tarif = next(m for m in modules() if m.id == "tarif")
    data = page_data(module_page(tarif, 70))
    item = data["exercises"][0]["items"][0]
    assert len(item["variants"]) == NUMBER_VARIANTS
    for variant in item["variants"]:
        peserta = int(re.search(r"dan ada dokter gigi, ([\d.]+) peserta", variant["prompt"]).group(1).replace(".", ""))  # type: ignore[union-attr]
        assert variant["expected"] == evaluate("peserta * 12000", {"peserta": peserta})
        assert variant["shown"].startswith("Rp") and "{" not in variant["prompt"] + variant["explanation"]


def test_the_same_modules_give_the_same_package_content():
    tarif = next(m for m in modules() if m.id == "tarif")
    assert module_page(tarif, 70) == module_page(tarif, 70)


def test_nothing_in_a_package_is_fetched_from_the_network():
    for name in course().namelist():
        text = course().read(name).decode("utf-8")
        for match in re.finditer(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", text):
            assert not re.match(r"^(?:[a-z]+:)?//", match.group(1)), (name, match.group(1))
        assert not re.search(r"@import|url\(\s*['\"]?(?:https?:)?//", text), name
        if name.endswith(".js"):
            assert not re.search(r"XMLHttpRequest|fetch\(|WebSocket|importScripts|\.src\s*=", text), name


def test_authored_html_links_and_remote_images_are_text():
    html = lesson_html(
        "Lihat <script>alert(1)</script> dan [situs](https://contoh.id/x) serta ![foto](https://contoh.id/a.png)\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<a " not in html and "situs" in html
    assert "<img" not in html and "foto" in html
    assert "<table>" in html


def test_text_that_closes_a_script_cannot_leave_the_embedded_data():
    tarif = next(m for m in modules() if m.id == "tarif").model_copy(deep=True)
    tarif.latihan[1].judul = "</script><script>alert(1)</script>"
    html = module_page(tarif, 70)
    assert html.count("</script>") == 2  # the data element's and the player's own
    assert page_data(html)["exercises"][1]["title"] == "</script><script>alert(1)</script>"


# --- the CLI -----------------------------------------------------------------------------------------------------
def test_cli_exports_chosen_modules_and_the_whole_course(tmp_path, capsys):
    out = tmp_path / "modul.zip"
    assert main(["scorm", "tarif", "piutang", "--keluaran", str(out), "--judul", "Bimtek Tarif dan Piutang"]) == 0
    archive = zipfile.ZipFile(out)
    assert check_scorm12_structure(archive) == []
    assert [i.get("identifier") for i in manifest(archive).iter(f"{CP}item")] == ["ITEM-tarif", "ITEM-piutang"]
    assert "Paket SCORM 1.2: 2 modul" in capsys.readouterr().out
    assert main(["scorm", "--keluaran", str(tmp_path / "kursus.zip")]) == 0
    assert len(list(manifest(zipfile.ZipFile(tmp_path / "kursus.zip")).iter(f"{CP}item"))) == len(modules())


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["scorm", "tarifx", "--keluaran", "{tmp}/x.zip"], "modul 'tarifx' tidak dikenal; pilihan: persiapan"),
        (["scorm", "tarif", "--keluaran", "{tmp}/tidak-ada/x.zip"], "tidak-ada' tidak ada"),
        (["scorm", "tarif", "--keluaran", "{tmp}"], "ini folder; beri nama berkas keluaran"),
        (["scorm", "tarif", "--keluaran", "{tmp}/x.zip", "--nilai-lulus", "101"], "'101' di luar 0-100"),
        (["scorm", "tarif"], "argumen wajib tidak ada: --keluaran"),
    ],
)
def test_cli_bad_input_exits_2_with_an_indonesian_message(tmp_path, capsys, args, expected):
    try:
        code = main([a.replace("{tmp}", str(tmp_path)) for a in args])
    except SystemExit as stop:  # argparse's usage errors
        code = stop.code  # type: ignore[assignment]
    assert code == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err


def test_the_player_script_is_shipped_where_pages_load_it():
    script = (Path(__file__).resolve().parents[1] / "bimtek" / "lms_assets" / "bimtek-scorm.js").read_text("utf-8")
    for call in ("LMSInitialize", "LMSSetValue", "LMSCommit", "LMSFinish", "cmi.core.score.raw", "cmi.core.lesson_status"):  # fmt: skip
        assert call in script
    html = course().read(f"modul-{modules()[0].id}/index.html").decode()
    assert '<script src="../shared/bimtek-scorm.js"></script>' in html
