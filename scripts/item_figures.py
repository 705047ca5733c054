"""Print how answerable the shipped single-answer items are (issue 11, point 7).

Usage: .venv/bin/python scripts/item_figures.py [MODULES_DIR]
Counts single-answer multiple-choice items, those with fewer than four options, and those whose key is the uniquely
longest (or shortest) option; exits 1 when a bound of tests/test_modules.py is broken.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bimtek.content import load_content_yaml, read_content_file  # noqa: E402
from bimtek.module_checks import choice_figures  # noqa: E402
from bimtek.modules import (  # noqa: E402
    MAX_LONGEST_KEY_SHARE,
    MIN_SINGLE_CHOICE_OPTIONS,
    MODULE_DIR,
    Module,
    load_modules,
)


def parsed(directory: Path) -> list[Module]:
    """Every module file that fits the schema, also one that `validate` refuses (the figures say why)."""
    out = []
    for path in sorted(directory.glob("*.yaml")):
        try:
            out.append(Module.model_validate(load_content_yaml(read_content_file(path))))
        except Exception as err:  # noqa: BLE001 - a broken file is reported below by load_modules
            print(f"{path.name}: tidak dapat dibaca ({type(err).__name__})")
    return out


def main(argv: list[str]) -> int:
    directory = Path(argv[0]) if argv else MODULE_DIR
    result = load_modules(directory)
    figures = choice_figures(parsed(directory))
    print(f"Soal pilihan ganda satu jawaban: {figures.single}")
    print(f"Dengan kurang dari {MIN_SINGLE_CHOICE_OPTIONS} pilihan: {figures.too_few}")
    print(f"Kunci satu-satunya pilihan terpanjang: {figures.longest_key} ({figures.longest_share:.0%})")
    print(f"Kunci satu-satunya pilihan terpendek: {figures.shortest_key} ({figures.shortest_share:.0%})")
    print(f"Masalah validasi modul: {len(result.problems)}")
    broken = (
        figures.too_few
        or figures.longest_share > MAX_LONGEST_KEY_SHARE
        or figures.shortest_share > MAX_LONGEST_KEY_SHARE
        or result.problems
    )
    return 1 if broken else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
