"""A part's result as JSON, for the trip from an OCR worker back to the coordinator.

Celery carries JSON only (pickle on a broker is remote code execution): a result is
written as plain JSON values, each dataclass tagged with its class name, and read back only
into the classes named here. Decimal amounts travel as text, so a receipt read remotely is
equal, field for field, to the one read in-process.
"""
from __future__ import annotations

import base64
import dataclasses
import datetime as dt
from decimal import Decimal

from parse.types import LineItem, OcrLine, Receipt, SkippedPart
from redact import Redaction

from .pipeline import ReceiptResult

CLASSES = {cls.__name__: cls for cls in (ReceiptResult, SkippedPart, Receipt, LineItem, OcrLine, Redaction)}


class WireError(ValueError):
    """A result that is not one this version writes."""


def encode(value):
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        name = type(value).__name__
        if CLASSES.get(name) is not type(value):
            raise WireError(f"{name} does not travel")
        return {"$": name, **{f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}}
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, dt.datetime):
        raise WireError("a datetime does not travel in a part's result")
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, dt.time):
        return {"$time": value.isoformat()}
    if isinstance(value, bytes):
        return {"$bytes": base64.b64encode(value).decode("ascii")}
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise WireError(f"a {type(value).__name__} does not travel")


def decode(value):
    if isinstance(value, list):
        return tuple(decode(v) for v in value)  # the frozen dataclasses hold tuples
    if not isinstance(value, dict):
        return value
    if "$" in value:
        cls = CLASSES.get(value["$"])
        if cls is None:
            raise WireError(f"unknown class {value['$']!r}")
        return cls(**{k: decode(v) for k, v in value.items() if k != "$"})
    for tag, read in _TAGS.items():
        if tag in value:
            return read(value[tag])
    return {k: decode(v) for k, v in value.items()}


_TAGS = {
    "$decimal": Decimal,
    "$date": dt.date.fromisoformat,
    "$time": dt.time.fromisoformat,
    "$bytes": base64.b64decode,
}
