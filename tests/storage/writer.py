"""A separate process that records attempts through the repository API and prints each id once it is committed.

python -m tests.storage.writer DATABASE_URL LEARNER_ID TAG COUNT   (COUNT 0 = until killed)
"""

from __future__ import annotations

import sys

from bimtek.storage import progress as stored
from bimtek.storage.store import open_store

# A corrected claim of realistic size (~8 KB), so a kill often lands in the middle of a write.
CORRECTED = {
    "kunjungan": {"keluhan": "Demam tinggi 3 hari, mual, nyeri ulu hati. " * 20},
    "lab": [{"nilai": i} for i in range(300)],
}


def attempt(tag: str, number: int) -> dict:
    return {
        "scenario_id": f"proses-{tag}",
        "score": number,
        "points": {"identifikasi": number % 41},
        "correction_ok": True,
        "integrity_ok": True,
        "flagged": ["EV01"],
        "seconds": float(number),
        "corrected": CORRECTED,
    }


def main() -> None:
    url, learner_id, tag, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    store = open_store(url, migrate=False)
    number = 0
    while count == 0 or number < count:
        number += 1
        attempt_id = stored.record_attempt(store, learner_id, attempt(tag, number))
        print(f"{attempt_id} {number}", flush=True)
    store.dispose()


if __name__ == "__main__":
    main()
