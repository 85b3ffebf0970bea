"""The one validated configuration object, loaded from ``config.toml``.

Every section is a frozen pydantic model with a default for each key: an unknown key or a
value of the wrong type stops start-up with a message that names it. Tests build a
``Config`` from a dict with :func:`from_dict`.
"""
from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "config.toml"


class ConfigError(Exception):
    """The configuration cannot be used; the message says which key and why."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class SmtpConfig(_Section):
    host: str = "127.0.0.1"
    port: int = Field(2525, ge=0, le=65535)
    recipients: tuple[str, ...] = ("receipts@localhost",)
    hostname: str = "receiptd.localhost"
    max_message_size: int = Field(26_214_400, gt=0)
    timeout: float = Field(300.0, gt=0)

    @field_validator("recipients", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        if isinstance(value, (list, tuple)):
            return tuple(str(v).strip().lower() for v in value)
        return value


class StoreConfig(_Section):
    database: str = "var/receiptd.db"
    busy_timeout_ms: int = Field(10_000, ge=0)
    retain_raw_days: int = Field(0, ge=0)


class QueueConfig(_Section):
    max_attempts: int = Field(3, ge=1)
    retry_delay: float = Field(30.0, ge=0)
    poll_interval: float = Field(5.0, gt=0)
    shutdown_timeout: float = Field(60.0, gt=0)


class ParseConfig(_Section):
    min_image_side: int = Field(300, ge=1)
    min_image_pixels: int = Field(150_000, ge=1)
    max_image_pixels: int = Field(60_000_000, ge=1)
    max_pdf_pages: int = Field(5, ge=1)
    pdf_render_dpi: int = Field(200, ge=50)


class OcrConfig(_Section):
    preload: bool = True
    gpu: bool = False
    canvas_size: int = Field(1600, ge=256)
    max_side: int = Field(2000, ge=256)
    threads: int = Field(0, ge=0)
    model_dir: str = ""
    network_dir: str = ""


class RedactConfig(_Section):
    keep_card_last4: bool = False
    extra_terms: tuple[str, ...] = ()


class LogConfig(_Section):
    level: str = "INFO"

    @field_validator("level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        value = value.upper()
        if value not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise ValueError("must be one of DEBUG, INFO, WARNING, ERROR")
        return value


class Config(_Section):
    smtp: SmtpConfig = SmtpConfig()
    store: StoreConfig = StoreConfig()
    queue: QueueConfig = QueueConfig()
    parse: ParseConfig = ParseConfig()
    ocr: OcrConfig = OcrConfig()
    redact: RedactConfig = RedactConfig()
    log: LogConfig = LogConfig()


def from_dict(data: dict[str, Any], source: str = "config") -> Config:
    try:
        return Config.model_validate(_tuples(data))
    except ValidationError as err:
        raise ConfigError(_describe(err, source)) from None


def load(path: str | Path | None = None) -> Config:
    path = Path(path) if path else DEFAULT_PATH
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file") from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: not valid TOML: {err}") from None
    return from_dict(data, str(path))


def _tuples(value: Any) -> Any:
    """TOML arrays arrive as lists; the frozen models hold tuples."""
    if isinstance(value, dict):
        return {k: _tuples(v) for k, v in value.items()}
    if isinstance(value, list):
        return tuple(_tuples(v) for v in value)
    return value


def _describe(err: ValidationError, source: str) -> str:
    problems = []
    for e in err.errors():
        key = ".".join(str(p) for p in e["loc"])
        if e["type"] == "extra_forbidden":
            problems.append(f"unknown key '{key}'")
        else:
            problems.append(f"'{key}': {e['msg']} (got {e.get('input')!r})")
    return f"{source}: " + "; ".join(problems)
