"""Text from outside (uploads, pasted YAML) made safe to hold, show and export, and values quoted in messages.

`clean_text` runs in the readers before the claim model: a lone surrogate (JSON "\\ud800") or a control
character would otherwise break the XLSX export and end up in an error box or the server log. `shown` is how
any message quotes a value: short, printable, card numbers masked.
"""

from __future__ import annotations

import re
import reprlib
from typing import Any

from bimtek.limits import MAX_SHOWN_CHARS
from bimtek.privacy import mask_cards_in_text

# C0 controls except tab/newline/carriage return, DEL, C1 controls, and lone surrogates.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_text(text: str) -> str:
    """`text` with every control character and lone surrogate replaced by U+FFFD (visible, never a crash)."""
    return _UNSAFE.sub("\ufffd", text)


def clean_tree(value: Any) -> Any:
    """clean_text applied to every string (keys too) of a parsed YAML/JSON tree (depth already bounded)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_tree(k): clean_tree(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_tree(v) for v in value]
    return value


def shown(value: Any, limit: int = MAX_SHOWN_CHARS) -> str:
    """A value as a message quotes it: at most `limit` characters, control characters made visible, cards masked."""
    if isinstance(value, dict | list | tuple | set):
        text = _shape(value)
    else:
        try:
            text = str(value)
        except ValueError:  # an int beyond Python's digit limit
            text = "(angka terlalu panjang)"
    if len(text) > limit:
        text = text[:limit] + "..."
    return mask_cards_in_text(clean_text(text).replace("\n", " "))


_REPR = reprlib.Repr()  # Python 3.11 has no keyword arguments here
_REPR.maxlevel, _REPR.maxdict, _REPR.maxlist, _REPR.maxtuple, _REPR.maxset = 3, 6, 6, 6, 6
_REPR.maxstring = _REPR.maxother = 40


def _shape(value: Any) -> str:
    """A container as str() would show it, but bounded: reprlib visits a few items per level, 3 levels deep
    (an aliased YAML tree can be huge), so a small list still reads "['A91']"."""
    return _REPR.repr(value)


def csv_error_text(err: Exception) -> str:
    """A csv.Error in Indonesian: the one a hostile file reaches is a cell beyond the csv module's field limit."""
    text = str(err)
    if text.startswith("field larger than field limit"):
        limit = text.rsplit("(", 1)[-1].rstrip(")")
        return f"ada sel lebih dari {limit} karakter (tanda kutip tidak ditutup?)"
    return f"CSV tidak valid ({shown(text, 120)})"
