"""Print the coverage figures of the shipped practice content (issue 11, point 8).

Usage: .venv/bin/python scripts/content_figures.py
Scenario count, scenarios per rule (and the rules in fewer than two), the rules the variant templates reach and the
number of distinct verified variants made from the shipped clean claims; exits 1 when a threshold is not met.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bimtek.content import load_scenarios  # noqa: E402
from bimtek.content_figures import (  # noqa: E402
    MIN_DISTINCT_VARIANTS,
    MIN_SCENARIOS,
    MIN_SCENARIOS_PER_RULE,
    MIN_TEMPLATE_RULES,
    clean_claims,
    rule_scenario_counts,
    variant_figures,
)
from bimtek.rules import all_rules  # noqa: E402


def main() -> int:
    result = load_scenarios()
    scenarios = result.scenarios
    counts = rule_scenario_counts(scenarios)
    thin = [code for code, n in counts.items() if n < MIN_SCENARIOS_PER_RULE]
    print(f"Skenario: {len(scenarios)} (masalah muat: {len(result.problems)})")
    print("Skenario per aturan: " + ", ".join(f"{code} {n}" for code, n in counts.items()))
    print(f"Aturan dalam kurang dari {MIN_SCENARIOS_PER_RULE} skenario: {', '.join(thin) or 'tidak ada'}")
    only_clean = variant_figures(clean_claims(scenarios, with_model_answers=False))
    bases = variant_figures(clean_claims(scenarios))
    registered = {r.code for r in all_rules()}
    missing = sorted(registered - bases.rules)
    print(f"Aturan yang dicakup templat varian: {len(bases.rules)} dari {len(registered)}")
    print(f"Aturan tanpa templat varian: {', '.join(missing) or 'tidak ada'}")
    print(
        f"Varian terverifikasi berbeda dari {only_clean.bases} skenario bersih: {only_clean.distinct} "
        f"(dibuang: {only_clean.dropped})"
    )
    print(
        f"Varian terverifikasi berbeda dari {bases.bases} klaim bersih (skenario bersih dan jawaban model): "
        f"{bases.distinct} (dibuang: {bases.dropped})"
    )
    broken = (
        result.problems
        or len(scenarios) < MIN_SCENARIOS
        or thin
        or len(bases.rules) < MIN_TEMPLATE_RULES
        or bases.distinct < MIN_DISTINCT_VARIANTS
    )
    return 1 if broken else 0


if __name__ == "__main__":
    raise SystemExit(main())
