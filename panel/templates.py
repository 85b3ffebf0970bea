"""The words of every mail to a panelist, in the panelist's language, read from template files.

Templates live in ``panel/templates/<kind>.<language>.toml`` (package data), one file per kind
of mail and language, so that a translator works on files, not on code::

    # panel/templates/left.de.toml
    subject = "Ihre Belege: Sie haben das Panel verlassen"
    body = '''
    Sie haben das Belege-Panel verlassen. ...
    '''

    [parts]          # optional: pieces the code puts together (a line per receipt, a reason ...)
    reason = "weil {reason}"

``subject`` and ``body`` make the mail (:func:`render`), ``[parts]`` are named pieces of it
(:func:`part`); a file may have only parts (``reasons``, ``common``). Placeholders are
``{name}`` (``str.format`` fields, named, no formatting spec); the code passes their values
already formatted: amounts with :func:`money`, dates with :func:`date`, months with
:func:`month`, moments with :func:`moment`, all per the language's locale (Babel).

To add a kind: write ``<kind>.en.toml`` and ``<kind>.de.toml`` with the same keys and the same
placeholders in each (tests/test_language.py checks every kind in :data:`LANGUAGES`), then
call ``render("<kind>", language, **values)``. A language is added by a set of files and an
entry in :data:`LOCALES`.
"""
from __future__ import annotations

import datetime as dt
import functools
import string
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources

from babel.dates import format_date, format_datetime
from babel.numbers import format_currency

from store.records import from_minor

LOCALES = {"en": "en_US", "de": "de_DE"}
LANGUAGES = tuple(LOCALES)
DEFAULT_LANGUAGE = "en"
GERMAN_SPEAKING = frozenset({"DE", "AT", "CH", "LI"})  # countries whose panelists get German by default


class TemplateError(Exception):
    """A template file is missing or malformed."""


@dataclass(frozen=True)
class Template:
    kind: str
    language: str
    subject: str = ""
    body: str = ""
    parts: dict[str, str] = field(default_factory=dict)


def language_for_country(country: str | None) -> str:
    """The language a panelist from ``country`` (ISO 3166 alpha-2) gets unless told otherwise."""
    return "de" if (country or "").upper() in GERMAN_SPEAKING else DEFAULT_LANGUAGE


def language_of(panelist: dict | None) -> str:
    """The panelist's language; the default for an unknown one (a stranger, an old row)."""
    language = (panelist or {}).get("language")
    return language if language in LOCALES else DEFAULT_LANGUAGE


def _directory():
    return resources.files("panel") / "templates"


def available() -> list[tuple[str, str]]:
    """Every (kind, language) there is a file for."""
    found = []
    for entry in _directory().iterdir():
        kind, _, rest = entry.name.partition(".")
        language, _, suffix = rest.partition(".")
        if suffix == "toml":
            found.append((kind, language))
    return sorted(found)


@functools.lru_cache(maxsize=None)
def load(kind: str, language: str) -> Template:
    if language not in LOCALES:
        language = DEFAULT_LANGUAGE
    path = _directory() / f"{kind}.{language}.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TemplateError(f"no template {kind}.{language}.toml") from None
    except tomllib.TOMLDecodeError as err:
        raise TemplateError(f"template {kind}.{language}.toml: {err}") from None
    unknown = set(data) - {"subject", "body", "parts"}
    if unknown:
        raise TemplateError(f"template {kind}.{language}.toml: unknown key(s) {sorted(unknown)}")
    return Template(kind, language, data.get("subject", ""), data.get("body", "").strip("\n"),
                    dict(data.get("parts", {})))


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _fill(text: str, where: str, values: dict) -> str:
    try:
        return text.format_map(values)
    except (KeyError, IndexError) as err:
        raise TemplateError(f"{where}: no value for placeholder {err}") from None


def render(kind: str, language: str, **values) -> tuple[str, str]:
    """The mail of ``kind`` in ``language``: (subject, body), the body ending with a newline."""
    template = load(kind, language)
    where = f"{kind}.{template.language}"
    return _fill(template.subject, where, values), _fill(template.body, where, values) + "\n"


def part(kind: str, language: str, name: str, **values) -> str:
    """One named piece of a kind (``[parts]``), filled in."""
    template = load(kind, language)
    try:
        text = template.parts[name]
    except KeyError:
        raise TemplateError(f"template {kind}.{template.language}.toml has no part {name!r}") from None
    return _fill(text, f"{kind}.{template.language}:{name}", values)


# -- values formatted per locale ---------------------------------------------------------------

def money(amount: int | None, currency: str | None, language: str) -> str:
    """An amount in minor units: ``12,34 €`` (de), ``$12.34`` (en); ``?`` when unknown."""
    value = from_minor(amount, currency)
    if value is None:
        return "?"
    if not currency:
        return str(value)
    return _plain(format_currency(Decimal(value), currency, locale=_locale(language)))


def date(value: dt.date | str | None, language: str) -> str | None:
    """``2. Dezember 2026`` (de), ``December 2, 2026`` (en); an ISO string is accepted."""
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return _plain(format_date(value, format="long", locale=_locale(language)))


def month(value: str, language: str) -> str:
    """A ``YYYY-MM`` month: ``Dezember 2026`` (de), ``December 2026`` (en)."""
    return _plain(format_date(dt.date.fromisoformat(value + "-01"), format="MMMM y", locale=_locale(language)))


def moment(value: dt.datetime, language: str) -> str:
    """A point in time with its zone (UTC for a naive one)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return _plain(format_datetime(value, format="long", locale=_locale(language)))


def _locale(language: str) -> str:
    return LOCALES.get(language, LOCALES[DEFAULT_LANGUAGE])


def _plain(text: str) -> str:
    """Plain-text mail: ordinary spaces for the locale's no-break and narrow spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")
