"""Meja petugas klaim (issue 11 point 6): day sheets of 20 mixed claims, most of them clean, and what each one is.

A practice sheet is named by its seed: claims from bimtek.synthetic (three facilities, realistic services and
defects), of which 4 to 6 are returned or rejected by the verifier, drawn from different rule families where the
month allows; the rest are clean or paid with a warning (near misses, the desk's realistic noise). A facility's own
month (claims read by bimtek.io) becomes a sheet by sampling 20 of its claims. The verifier's verdict is the truth a
sheet is graded against (scoring/desk.py); it is shown to the trainee only after they submit.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from bimtek.claim import Claim
from bimtek.rules import FAMILIES, get_rule
from bimtek.rules.base import Severity
from bimtek.synthetic import generate_batch
from bimtek.verification import Verdict, verify_batch

SHEET_SIZE = 20
MIN_DEFECTIVE, MAX_DEFECTIVE = 4, 6  # returned or rejected claims on a practice sheet (so 14-16 are paid)
POOL_SIZE = 90  # synthetic claims drawn per try, three facilities
FACILITIES = 3
NEAR_MISSES = 2  # paid-with-a-warning claims put on a sheet when the pool has them: they look wrong, yet are paid
RETURNING = frozenset({Severity.DIKEMBALIKAN, Severity.DITOLAK})
LATIHAN, FASILITAS = "latihan", "fasilitas"


def family_of(rule_code: str) -> str:
    return get_rule(rule_code).family


def categories() -> dict[str, str]:
    """The reasons a trainee may give for returning a claim: the rule families, which name an area, not a rule."""
    return dict(FAMILIES)


@dataclass(frozen=True)
class SheetClaim:
    """One claim on a sheet with the verifier's verdict on it."""

    claim: Claim
    verdict: Verdict

    @property
    def defective(self) -> bool:
        """Returned or rejected: what the trainee should return. A claim paid with a warning counts as payable."""
        return not self.verdict.is_paid

    @property
    def rules(self) -> tuple[str, ...]:
        """The rules that return or reject this claim."""
        return tuple(sorted({f.rule for f in self.verdict.findings if f.severity in RETURNING}))

    @property
    def families(self) -> tuple[str, ...]:
        return tuple(sorted({family_of(code) for code in self.rules}))


@dataclass(frozen=True)
class Sheet:
    source: str  # LATIHAN | FASILITAS
    seed: int
    items: tuple[SheetClaim, ...]

    @property
    def n(self) -> int:
        return len(self.items)

    @property
    def defective(self) -> int:
        return sum(item.defective for item in self.items)


def _pick_defective(rng: random.Random, pool: list[tuple[Claim, Verdict]], wanted: int) -> list[int]:
    """Indices of `wanted` returned claims, one per rule family first, then any."""
    order = list(range(len(pool)))
    rng.shuffle(order)
    chosen: list[int] = []
    seen: set[str] = set()
    for i in order:
        codes = sorted({f.rule for f in pool[i][1].findings if f.severity in RETURNING})
        if not codes or "DP01" in codes:  # a duplicate needs its original on the same sheet: left out
            continue
        family = family_of(codes[0])
        if family not in seen and len(chosen) < wanted:
            chosen.append(i)
            seen.add(family)
    for i in order:
        if len(chosen) >= wanted:
            break
        rules = {f.rule for f in pool[i][1].findings if f.severity in RETURNING}
        if rules and "DP01" not in rules and i not in chosen:
            chosen.append(i)
    return chosen


@lru_cache(maxsize=32)
def build_sheet(seed: int) -> Sheet:
    """The practice sheet of `seed`: same seed, same 20 claims in the same order, 4-6 of them to return."""
    for attempt in range(50):
        rng = random.Random(f"meja:{seed}:{attempt}")
        batch = generate_batch(POOL_SIZE, rng.randrange(1, 10**9), faskes=FACILITIES, defect_rate=0.3)
        pool = list(zip([b.claim for b in batch], verify_batch([b.claim for b in batch]), strict=True))
        wanted = rng.randint(MIN_DEFECTIVE, MAX_DEFECTIVE)
        bad = _pick_defective(rng, pool, wanted)
        good = [i for i, (_, v) in enumerate(pool) if v.is_paid and not any(f.rule == "DP01" for f in v.findings)]
        if len(bad) < wanted or len(good) < SHEET_SIZE:
            continue
        warned = [i for i in good if pool[i][1].status == Severity.PERINGATAN][:NEAR_MISSES]
        rest = [i for i in good if i not in warned]
        picked = bad + warned + rng.sample(rest, SHEET_SIZE - wanted - len(warned))
        rng.shuffle(picked)
        claims = [pool[i][0] for i in picked]
        sheet = Sheet(LATIHAN, seed, tuple(map(SheetClaim, claims, verify_batch(claims))))
        if sheet.defective == wanted:  # checked on the sheet itself, as the trainee sees it
            return sheet
    raise RuntimeError(f"no day sheet for seed {seed}")  # pragma: no cover - the generator always yields one


def draw_seed(rng: random.Random) -> int:
    return rng.randrange(1, 1_000_000)


def sheet_from_claims(claims: Sequence[Claim], seed: int) -> Sheet:
    """A facility's own month as a sheet: up to 20 of its claims at random, judged as part of the whole month
    (a duplicate of a claim left off the sheet is still a duplicate)."""
    verdicts = verify_batch(list(claims))
    indices = list(range(len(claims)))
    if len(indices) > SHEET_SIZE:
        indices = sorted(random.Random(f"meja-fasilitas:{seed}").sample(indices, SHEET_SIZE))
    return Sheet(FASILITAS, seed, tuple(SheetClaim(claims[i], verdicts[i]) for i in indices))
