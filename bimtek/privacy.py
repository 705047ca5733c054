"""Card numbers masked in every output: `0001•••••6019` (first 4 and last 4 characters kept).

Only the facility's own export asks for the full number, explicitly (the checkbox "Sertakan nomor kartu
lengkap" on Periksa Klaim, `--nomor-kartu-lengkap` on the CLI). The middle digits become '•'; any other
character stays, so a card number with a letter or a space (a defect the rules teach) still shows its defect
and its length.
"""

from __future__ import annotations

import re

MASK = "•"
KEEP = 4
_DIGITS = re.compile(r"(?<!\d)\d{9,}(?!\d)")  # a run that may be a card number (NIK and card numbers too)


def mask_card(number: str | None) -> str:
    """'0001234566019' -> '0001•••••6019'; short values (up to 8 characters) are masked whole."""
    if number is None:
        return ""
    text = str(number)
    if len(text) <= 2 * KEEP:
        return MASK * len(text)
    middle = "".join(MASK if c.isdigit() else c for c in text[KEEP:-KEEP])
    return text[:KEEP] + middle + text[-KEEP:]


def mask_cards_in_text(text: str) -> str:
    """Every run of 9 or more digits in free text masked the same way (messages, logs, rule findings)."""
    return _DIGITS.sub(lambda m: mask_card(m.group()), text)
