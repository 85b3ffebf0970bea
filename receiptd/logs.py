"""Logging to stderr, one line per event, journald-friendly.

Log lines carry ids and counts, never mail bodies, OCR text or card numbers.
"""
from __future__ import annotations

import logging
import sys


def configure_logging(level: str = "INFO", *, process: str = "main") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(f"%(asctime)s %(levelname)s [{process}] %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("mail-parser", "mailparser", "PIL", "aiosmtpd", "mail.log"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
