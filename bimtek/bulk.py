"""Building a large batch of claims without stalling the other sessions of the server.

A CPU-bound pure-Python loop shares the interpreter: other threads (the server's event loop, other sessions'
scripts) get the lock every few milliseconds. A garbage collection does not: it is one C call that scans every
tracked object of its generation while holding the lock. With collection paused while a batch is read, the
20,000-claim month's million objects all sit in the youngest generation, and the first collections after it
scan them (0.7 s, then 0.4 s, then a full collection of 1 s on the test machine): the whole server stops for that
long. `long_lived_batch` pauses collection while a batch is built and then moves what was built to the permanent
generation (gc.freeze), where no collection scans it again; reference counting still frees it when the session
drops it (claims and verdicts hold no reference cycles).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def long_lived_batch() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        gc.freeze()  # only on success: a failed read's garbage is left to the collector
    finally:
        if was_enabled:
            gc.enable()
