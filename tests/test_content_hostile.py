"""Hostile scenario and module files (issue 10 points 3 and 4): one bad file never takes the others down, whatever
the error; alias bombs are refused at load; grading never renders an unbounded value."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
import yaml

from bimtek import cli
from bimtek.content import SCENARIO_DIR, load_scenarios, parse_scenario_text
from bimtek.modules import MODULE_DIR, load_modules
from scoring.grading import Submission, grade_attempt

GOOD = SCENARIO_DIR / "dbd-ranap-tanpa-lab.yaml"
GOOD_TEXT = GOOD.read_text(encoding="utf-8")


def billion_laughs(levels: int = 9) -> str:
    lines = ['lol0: &lol0 ["ha","ha","ha","ha","ha","ha","ha","ha","ha"]']
    lines += [f"lol{i}: &lol{i} [{', '.join([f'*lol{i - 1}'] * 9)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def deep(levels: int) -> str:
    return "id: x\njudul: " + "[" * levels + "]" * levels + "\n"


# file -> (content, fragment of its one problem)
HOSTILE: dict[str, tuple[str | bytes, str]] = {
    "bom-alias.yaml": (billion_laughs(), "YAML tidak valid: berisi lebih dari 200.000 nilai (setelah alias diuraikan)"),
    "bom-alias-kunci.yaml": (GOOD_TEXT + "\n" + billion_laughs().replace("lol", "x"), "setelah alias diuraikan"),
    "sangat-dalam.yaml": (deep(2000), "YAML tidak valid: bersarang lebih dari 30 tingkat; batasnya 30"),
    "tipe-salah.yaml": (
        GOOD_TEXT.replace("\ntingkat: ", "\ntingkat: {sulit: [1, 2]} #", 1),
        "tipe-salah.yaml: tingkat: ",
    ),
    "bukan-utf8.yaml": (
        GOOD_TEXT.encode("utf-8").replace(b"Puskesmas", b"Puskesm\xe4s", 1),
        "bukan teks UTF-8 (byte ke-",
    ),  # fmt: skip
    "angka-raksasa.yaml": (
        GOOD_TEXT.replace("jumlah_diajukan: ", "jumlah_diajukan: " + "9" * 5000 + " #", 1),
        "angka 5000 digit terlalu panjang",
    ),  # fmt: skip
    "tahun-9999.yaml": (
        GOOD_TEXT.replace("tgl_daftar: 2026-", "tgl_daftar: 9999-", 1).replace(
            "tgl_pulang: 2026-", "tgl_pulang: 9999-", 1
        ),
        "tgl_",
    ),  # fmt: skip
    "tag-python.yaml": ("!!python/object/apply:os.system ['echo hi']\n", "YAML tidak valid"),
    "kosong.yaml": ("", "berkas harus berisi pemetaan YAML"),
}


def test_each_hostile_scenario_is_one_problem_and_the_good_one_still_loads(tmp_path: Path) -> None:
    shutil.copy(GOOD, tmp_path / GOOD.name)
    for name, (content, _) in HOSTILE.items():
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    start = time.perf_counter()
    result = load_scenarios(tmp_path)
    assert time.perf_counter() - start < 10
    assert [s.id for s in result.scenarios] == ["dbd-ranap-tanpa-lab"]
    by_file: dict[str, list[str]] = {}
    for problem in result.problems:
        by_file.setdefault(problem.file, []).append(str(problem))
    assert sorted(by_file) == sorted(HOSTILE)
    for name, (_, fragment) in HOSTILE.items():
        assert any(fragment in text for text in by_file[name]), by_file[name]
        assert all(text.startswith(f"{name}: ") and text.count(": ") >= 2 for text in by_file[name])


def test_validate_reports_every_hostile_file_as_file_location_message(tmp_path: Path, capsys) -> None:
    shutil.copy(GOOD, tmp_path / GOOD.name)
    (tmp_path / "bom-alias.yaml").write_text(billion_laughs(), encoding="utf-8")
    (tmp_path / "bukan-utf8.yaml").write_bytes(b"id: \xff\n")
    assert cli.main(["validate", str(tmp_path)]) == cli.EXIT_PROBLEMS
    out = capsys.readouterr().out.splitlines()
    assert (
        out
        == [
            "bom-alias.yaml: baris 6: YAML tidak valid: berisi lebih dari 200.000 nilai (setelah alias diuraikan); batasnya 200.000",  # fmt: skip
            "bukan-utf8.yaml: (akar): bukan teks UTF-8 (byte ke-5); simpan ulang dengan encoding UTF-8",
        ]
    )


def test_authored_scenario_with_an_alias_bomb_is_refused_quickly() -> None:
    start = time.perf_counter()
    scenario, problems = parse_scenario_text(billion_laughs(12), "tempel.yaml")
    assert time.perf_counter() - start < 1
    assert scenario is None and "setelah alias diuraikan" in str(problems[0])


def test_a_module_naming_a_missing_scenario_or_broken_does_not_take_other_modules_down(tmp_path: Path) -> None:
    shutil.copy(MODULE_DIR / "tarif.yaml", tmp_path / "tarif.yaml")
    broken = yaml.safe_load((MODULE_DIR / "dokumentasi.yaml").read_text(encoding="utf-8"))
    broken["skenario"] = ["tidak-ada"]
    (tmp_path / "dokumentasi.yaml").write_text(yaml.safe_dump(broken, allow_unicode=True), encoding="utf-8")
    (tmp_path / "regulasi.yaml").write_text(billion_laughs(), encoding="utf-8")
    (tmp_path / "faq.yaml").write_text(deep(100), encoding="utf-8")
    result = load_modules(tmp_path)
    assert [m.id for m in result.modules] == ["tarif"]
    texts = [str(p) for p in result.problems]
    assert "dokumentasi.yaml: skenario.0: 'tidak-ada' bukan skenario yang dimuat" in texts
    assert any(t.startswith("regulasi.yaml: baris ") and "setelah alias diuraikan" in t for t in texts)
    assert any(t.startswith("faq.yaml: baris 2: YAML tidak valid: bersarang lebih dari 30") for t in texts)


@pytest.mark.parametrize("path", ["pengajuan.jumlah_diajukan", "kunjungan.diagnosa"])
def test_grading_feedback_never_renders_an_unbounded_value(path: str) -> None:
    scenario, problems = parse_scenario_text(GOOD_TEXT, GOOD.name)
    assert scenario is not None and not problems
    huge: list = ["A91"] * 9
    for _ in range(6):  # about 10^6 leaves, shared by reference as an aliased YAML tree would be
        huge = [huge] * 9
    key = scenario.kunci.model_copy(update={"harus": {path: huge}, "fakta": {path: huge}})
    scenario = scenario.model_copy(update={"kunci": key})
    start = time.perf_counter()
    grade = grade_attempt(scenario, Submission(frozenset(scenario.kunci.cacat), scenario.klaim, 60.0))
    assert time.perf_counter() - start < 1
    messages = [*grade.fabrications, *grade.unmet]
    assert messages and all(len(m) < 400 for m in messages)


def test_without_libyaml_the_pure_python_loader_applies_the_same_limits(monkeypatch) -> None:
    from bimtek import bounded_yaml

    monkeypatch.setattr(bounded_yaml, "CParser", None)
    for text, fragment in ((billion_laughs(), "setelah alias diuraikan"), (deep(100), "bersarang lebih dari 30")):
        with pytest.raises(bounded_yaml.LimitExceeded, match=fragment):
            bounded_yaml.load(text)
    assert bounded_yaml.load("a: 2026-02-30\nb: [1, 2]") == {"a": "2026-02-30", "b": [1, 2]}
