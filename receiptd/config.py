"""The one validated configuration object, loaded from ``config.toml``.

Every section is a frozen pydantic model with a default for each key: an unknown key or a
value of the wrong type stops start-up with a message that names it. Tests build a
``Config`` from a dict with :func:`from_dict`.
"""
from __future__ import annotations

import datetime as dt
import tomllib
import zoneinfo
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal

from pydantic import (BaseModel, ConfigDict, Field, SecretStr, ValidationError, ValidationInfo, field_validator,
                      model_validator)

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
    max_recipients: int = Field(10, ge=1)
    max_connections: int = Field(100, ge=1)
    command_call_limit: int = Field(50, ge=0)
    rate_per_ip: str = "60/minute"
    rate_per_sender: str = "30/hour"
    tls_cert: str = ""
    tls_key: str = ""
    require_starttls: bool = False

    @model_validator(mode="after")
    def _tls_pair(self) -> "SmtpConfig":
        if bool(self.tls_cert) != bool(self.tls_key):
            raise ValueError("tls_cert and tls_key go together")
        if self.require_starttls and not self.tls_cert:
            raise ValueError("require_starttls needs tls_cert and tls_key")
        return self

    @field_validator("rate_per_ip", "rate_per_sender")
    @classmethod
    def _rate(cls, value: str) -> str:
        if value:
            import limits

            try:
                limits.parse(value)
            except ValueError:
                raise ValueError("a rate such as '30/hour' or '5 per minute', or \"\" for none") from None
        return value

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
    backend: Literal["auto", "onnx", "torch"] = "auto"
    cache_dir: str = "var/ocr-cache"
    detector_int8: bool = True
    max_side: int = Field(6000, ge=256)
    max_pixels: int = Field(8_000_000, ge=250_000)
    text_height: float = Field(18.0, ge=6, le=64)
    max_detector_pixels: int = Field(2_000_000, ge=100_000)
    threads: int = Field(0, ge=0)
    model_dir: str = ""
    network_dir: str = ""
    second_look: bool = True
    second_look_text_height: float = Field(24.0, ge=0, le=64)
    second_recogniser: Literal["tesseract", "none"] = "tesseract"
    second_recogniser_languages: str = Field("eng+deu", pattern=r"^[A-Za-z_]+(\+[A-Za-z_]+)*$")

    @field_validator("second_look_text_height")
    @classmethod
    def _off_or_a_text_height(cls, value: float) -> float:
        if 0 < value < 6:
            raise ValueError("0 (no page read again) or a text height of 6 to 64 pixels")
        return value


class RedactConfig(_Section):
    keep_card_last4: bool = False
    extra_terms: tuple[str, ...] = ()


class PanelConfig(_Section):
    enabled: bool = True
    timezone: str = "UTC"
    max_age_days: int = Field(30, ge=0)
    reward_receipts: int = Field(10, ge=1)
    reward_amount: str = "10.00"
    reward_currency: str = "USD"
    # for receipts with no brand in parse/brands; where the brand is known, its Wikidata id decides
    amazon_merchants: tuple[str, ...] = ("Amazon", "Amazon Fresh", "Amazon Go", "Whole Foods", "Amazon 4-star", "AMZN")
    excluded_categories: tuple[str, ...] = ("casino", "gun_store", "transit", "tuition", "rent")
    duplicate_hash_distance: int = Field(8, ge=0, le=64)
    retention_months: int = Field(12, ge=0)
    max_replies_per_day: int = Field(20, ge=0)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValueError("not a known IANA time zone (e.g. 'UTC', 'America/New_York')") from None
        return value

    @field_validator("reward_amount")
    @classmethod
    def _amount(cls, value: str) -> str:
        try:
            amount = Decimal(value)
        except InvalidOperation:
            raise ValueError("must be a decimal amount as a string, e.g. \"10.00\"") from None
        if not amount.is_finite() or amount <= 0:
            raise ValueError("must be a positive amount")
        return value

    @field_validator("reward_currency")
    @classmethod
    def _currency(cls, value: str) -> str:
        if len(value) != 3 or not value.isalpha():
            raise ValueError("must be an ISO 4217 code such as USD")
        return value.upper()

    @field_validator("excluded_categories", mode="before")
    @classmethod
    def _categories(cls, value: Any) -> Any:
        if isinstance(value, (list, tuple)):
            return tuple(str(v).strip().lower().replace(" ", "_") for v in value)
        return value


class OutboundConfig(_Section):
    """The relay replies go through; the whole section is optional (absent: recorded, not sent)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, populate_by_name=True)

    host: str
    port: int = Field(25, ge=1, le=65535)
    from_address: str = Field(alias="from")
    starttls: bool = False
    username: str = ""
    password_file: str = ""
    timeout: float = Field(30.0, gt=0)
    max_attempts: int = Field(10, ge=1)
    retry_delay: float = Field(60.0, ge=0)

    @field_validator("from_address")
    @classmethod
    def _address(cls, value: str) -> str:
        if "@" not in value:
            raise ValueError("must be a mail address")
        return value.strip()


class AuthConfig(_Section):
    mode: str = "off"
    authserv_id: str = ""
    nameservers: tuple[str, ...] = ()
    dns_port: int = Field(53, ge=1, le=65535)
    timeout: float = Field(5.0, gt=0)

    @model_validator(mode="after")
    def _consistent(self) -> "AuthConfig":
        if self.mode not in ("off", "verify", "upstream"):
            raise ValueError("mode must be 'off', 'verify' or 'upstream'")
        if self.mode == "upstream" and not self.authserv_id:
            raise ValueError("mode 'upstream' needs authserv_id: the name your MTA writes in Authentication-Results")
        return self


class MetricsConfig(_Section):
    host: str = "127.0.0.1"
    port: int = Field(9464, ge=0, le=65535)


class LogConfig(_Section):
    level: str = "INFO"

    @field_validator("level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        value = value.upper()
        if value not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise ValueError("must be one of DEBUG, INFO, WARNING, ERROR")
        return value


# --- IMAP sources (issue 7) ------------------------------------------------------------------


class _HiddenValue:
    """Stands in for a password of the wrong type, so that no error message can echo it."""

    def __repr__(self) -> str:
        return "<hidden>"


class _RepeatedName(str):
    """An account name already used by an earlier account."""


class ImapAccount(_Section):
    """One mailbox read over IMAP (``[[imap.accounts]]``); its mail goes to the same queue as SMTP's."""

    name: str = Field(min_length=1)
    host: str = Field(min_length=1)
    port: int = Field(0, ge=0, le=65535)  # 0: 993 for tls = "ssl", 143 otherwise
    tls: Literal["ssl", "starttls", "none"] = "ssl"
    ca_file: str = ""
    username: str = Field(min_length=1)
    password: SecretStr | None = None
    password_env: str = ""
    password_file: str = Field("", validate_default=True)
    folders: tuple[str, ...] = Field(("INBOX",), min_length=1)
    action: Literal["move", "flag", "seen", "delete"] = "seen"
    move_to: str = Field("", validate_default=True)
    since: dt.date | None = None
    batch_size: int = Field(50, ge=1, le=1000)
    idle_timeout: float = Field(600.0, gt=0, le=1500)  # RFC 2177: servers may drop an IDLE after 29 min
    poll_interval: float = Field(60.0, gt=0)
    timeout: float = Field(60.0, gt=0)
    reconnect_delay: float = Field(1.0, gt=0)
    reconnect_max_delay: float = Field(300.0, gt=0)

    @model_validator(mode="before")
    @classmethod
    def _hide_password(cls, data: Any) -> Any:
        """Wrap the password before validation: error messages quote inputs, never this one."""
        if isinstance(data, dict) and "password" in data:
            data = dict(data)
            value = data["password"]
            if not isinstance(value, SecretStr):
                data["password"] = SecretStr(value) if isinstance(value, str) else _HiddenValue()
        return data

    @field_validator("name", mode="before")
    @classmethod
    def _unique_name(cls, value: Any) -> Any:
        if isinstance(value, _RepeatedName):
            raise ValueError("another account has this name; names must be unique")
        return value

    @field_validator("password_file")
    @classmethod
    def _one_password_source(cls, value: str, info: ValidationInfo) -> str:
        if "password" not in info.data or "password_env" not in info.data:
            return value  # one of them is invalid; that error is reported already
        given = [info.data["password"] is not None, bool(info.data["password_env"]), bool(value)]
        if sum(given) != 1:
            raise ValueError("give exactly one of password, password_env, password_file")
        return value

    @field_validator("move_to")
    @classmethod
    def _move_needs_target(cls, value: str, info: ValidationInfo) -> str:
        if info.data.get("action") == "move" and not value:
            raise ValueError("action = \"move\" needs move_to")
        if value and value in info.data.get("folders", ()):
            raise ValueError("move_to must not be one of the folders read")
        return value


class ImapConfig(_Section):
    accounts: tuple[ImapAccount, ...] = ()

    @field_validator("accounts", mode="before")
    @classmethod
    def _prepare(cls, value: Any) -> Any:
        """Hide passwords from error messages; mark a repeated account name (named in the error)."""
        if not isinstance(value, (list, tuple)):
            return value
        accounts, names = [], set()
        for item in value:
            item = ImapAccount._hide_password(item)
            if isinstance(item, dict) and isinstance(item.get("name"), str):
                if item["name"] in names:
                    item = {**item, "name": _RepeatedName(item["name"])}
                names.add(item["name"])
            accounts.append(item)
        return tuple(accounts)


# --- analysts (issue 9) ------------------------------------------------------------------------

DEFAULT_BRANDS = ("Coca-Cola = Coke", "Pepsi", "Red Bull", "Heinz", "Kellogg's", "Nutella", "Nescafe", "Barilla",
                  "Doritos", "Lay's", "Pringles", "Oreo", "Danone", "Colgate", "Tide", "Pampers", "Gillette", "Dove")


class AnalyticsConfig(_Section):
    pseudonym_salt: str = ""
    brands: tuple[str, ...] = DEFAULT_BRANDS
    brands_file: str = ""
    k_threshold: int = Field(10, ge=1)
    database: str = ""  # "": analytics.db in the directory of [store] database
    refresh_minutes: int = Field(15, ge=0)

    @field_validator("brands")
    @classmethod
    def _brand_names(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for entry in value:
            if not entry.partition("=")[0].strip():
                raise ValueError(f"a brand entry needs a name before any '=': {entry!r}")
        return value


def analyst_database(config: "Config") -> Path:
    """The analysts' database file: ``[analytics] database``, or analytics.db beside the operational one."""
    return Path(config.analytics.database) if config.analytics.database else \
        Path(config.store.database).with_name("analytics.db")


class DispatchConfig(_Section):
    """Where mails are read: in the worker process ("embedded", one machine, no broker) or by
    OCR workers on a Celery broker ("celery"; ``receiptctl ocr-worker`` on any machine)."""

    mode: Literal["embedded", "celery"] = "embedded"
    broker_url: str = ""  # e.g. redis://127.0.0.1:6379/0
    broker_url_env: str = ""  # or: the environment variable holding the URL (with its password)
    in_flight: int = Field(4, ge=1, le=1000)  # mails out at the workers at once
    task_time_limit: float = Field(300.0, gt=0)  # seconds one part may take on a worker

    @model_validator(mode="after")
    def _broker(self) -> "DispatchConfig":
        if self.mode == "celery" and not (self.broker_url or self.broker_url_env):
            raise ValueError('mode "celery" needs broker_url or broker_url_env')
        return self


class Config(_Section):
    smtp: SmtpConfig = SmtpConfig()
    store: StoreConfig = StoreConfig()
    queue: QueueConfig = QueueConfig()
    parse: ParseConfig = ParseConfig()
    ocr: OcrConfig = OcrConfig()
    redact: RedactConfig = RedactConfig()
    panel: PanelConfig = PanelConfig()
    outbound: OutboundConfig | None = None
    metrics: MetricsConfig | None = None
    auth: AuthConfig = AuthConfig()
    log: LogConfig = LogConfig()
    imap: ImapConfig = ImapConfig()
    analytics: AnalyticsConfig = AnalyticsConfig()
    dispatch: DispatchConfig = DispatchConfig()


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
