"""Help for work that creates many objects at once (building a graph, analysing 100,000 people).

CPython's cycle collector runs a full pass over every live object each time enough new objects
survive; while a large graph is being built or read, that pass runs again and again over the
same objects and can double the time. Pausing it for the bulk step, and restoring it after, is
the approach the architecture notes measured for bulk validation (1.4-1.8x faster).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector for the block, and restore it as it was, even on error."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
