"""Crash on purpose at a named point, for the tests that prove a crash loses nothing.

``RECEIPTD_FAILPOINT=NAME`` or ``NAME:MARKER_FILE``: the process exits at once (no clean-up,
no rollback, as a power cut would) when it reaches ``failpoint(NAME)``; with a marker file it
does so only once (the file records that it happened). Unset in production: a no-op.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)

ENV = "RECEIPTD_FAILPOINT"


def failpoint(name: str) -> None:
    spec = os.environ.get(ENV)
    if not spec:
        return
    point, _, marker = spec.partition(":")
    if point != name:
        return
    if marker:
        if Path(marker).exists():
            return
        Path(marker).touch()
    log.error("failpoint %s reached: exiting hard", name)
    logging.shutdown()
    os._exit(70)
