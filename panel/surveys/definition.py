"""A survey as an operator writes it (TOML), checked: every problem names its line and field.

Pure: the file's text in, a frozen :class:`Survey` out (or :class:`SurveyError` listing every
problem). A text is one string, or a table of languages (``{en = "...", de = "..."}``) where a
panelist's language is missing, English (else the first given) stands in.
"""
from __future__ import annotations

import datetime as dt
import re
import tomllib
import zoneinfo
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from parse.category import CATEGORIES

LANGUAGES = ("en", "de")
KINDS = ("choice", "scale", "number", "text")
SCALE = range(1, 6)  # the 1-5 scale
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
MAX_QUESTIONS = 30
_ID = re.compile(r"[a-z0-9][a-z0-9._-]{2,62}")
_CURRENCY = re.compile(r"[A-Z]{3}")
_COUNTRY = re.compile(r"[A-Z]{2}")

_TOP_KEYS = {"id", "title", "intro", "closes", "reward", "audience", "questions"}
_REWARD_KEYS = {"amount", "currency"}
_AUDIENCE_KEYS = {"country", "categories", "brands", "months"}
_QUESTION_KEYS = {"type", "text", "options", "optional"}


class SurveyError(ValueError):
    """Every problem of a survey file, one per line: ``FILE:LINE: FIELD: what is wrong``."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = tuple(problems)


@dataclass(frozen=True)
class Text:
    """One text in the languages the operator gave, ``(language, text)`` pairs."""
    versions: tuple[tuple[str, str], ...]

    def get(self, language: str | None) -> str:
        given = dict(self.versions)
        return given.get(language or "en") or given.get("en") or self.versions[0][1]


@dataclass(frozen=True)
class Question:
    number: int  # 1-based, as panelists answer it
    kind: str  # choice | scale | number | text
    text: Text
    options: tuple[Text, ...] = ()  # choice only, lettered A, B, ...
    optional: bool = False

    @property
    def letters(self) -> str:
        return LETTERS[:len(self.options)]


@dataclass(frozen=True)
class Audience:
    countries: tuple[str, ...]
    categories: tuple[str, ...] = ()
    brands: tuple[str, ...] = ()  # canonical brand names or Wikidata ids (Q...)
    months: int | None = None  # with categories/brands: a receipt from them in the last N months


@dataclass(frozen=True)
class Survey:
    id: str
    title: Text
    intro: Text
    questions: tuple[Question, ...]
    reward_amount: Decimal
    reward_currency: str
    audience: Audience
    closes: dt.date | dt.datetime  # a date: answers count until that day ends (panel time zone)

    def closes_at(self, zone: str) -> dt.datetime:
        """The instant after which answers are late."""
        tz = zoneinfo.ZoneInfo(zone)
        if isinstance(self.closes, dt.datetime):
            return self.closes if self.closes.tzinfo else self.closes.replace(tzinfo=tz)
        return dt.datetime.combine(self.closes + dt.timedelta(days=1), dt.time(), tzinfo=tz)


def parse_survey(source: str, name: str = "survey") -> Survey:
    """The survey described by ``source`` (TOML text); ``name`` (the file) prefixes every error."""
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as err:
        raise SurveyError([f"{name}: not valid TOML: {err}"]) from None
    checker = _Checker(source, name)
    survey = checker.survey(data)
    if checker.problems:
        raise SurveyError(checker.problems)
    return survey


class _Checker:
    """Collects problems instead of stopping at the first, each with the line it is on."""

    def __init__(self, source: str, name: str):
        self.lines = _key_lines(source)
        self.name = name
        self.problems: list[str] = []

    def fail(self, path: tuple, message: str) -> None:
        line = _line_of(self.lines, path)
        where = f"{self.name}:{line}" if line else self.name
        self.problems.append(f"{where}: {_field(path)}: {message}")

    def survey(self, data: dict) -> Survey | None:
        self.unknown(data, _TOP_KEYS, ())
        survey_id = self.required(data, "id", ())
        if survey_id is not None and not (isinstance(survey_id, str) and _ID.fullmatch(survey_id)):
            self.fail(("id",), "3 to 63 characters: lower-case letters, digits, '.', '_' or '-', "
                               "starting with a letter or digit (e.g. \"2026-12-soft-drinks\")")
        title = self.text(data, "title", ())
        intro = self.text(data, "intro", ())
        closes = self.required(data, "closes", ())
        if closes is not None and not isinstance(closes, (dt.date, dt.datetime)):
            self.fail(("closes",), f"a TOML date such as 2026-12-31 (got {closes!r})")
        amount, currency = self.reward(self.table(data, "reward", ()))
        audience = self.audience(self.table(data, "audience", ()))
        questions = self.questions(data.get("questions"))
        if self.problems:
            return None
        return Survey(survey_id, title, intro, questions, amount, currency, audience, closes)

    # -- sections --------------------------------------------------------------------------------

    def reward(self, table: dict | None) -> tuple[Decimal | None, str | None]:
        if table is None:
            return None, None
        self.unknown(table, _REWARD_KEYS, ("reward",))
        amount, currency = self.required(table, "amount", ("reward",)), self.required(table, "currency", ("reward",))
        value = None
        if amount is not None:
            try:
                value = Decimal(str(amount)) if not isinstance(amount, bool) else None
            except InvalidOperation:
                value = None
            if value is None or not value.is_finite() or value <= 0:
                self.fail(("reward", "amount"), f"a positive amount such as \"2.00\" (got {amount!r})")
                value = None
        if currency is not None and not (isinstance(currency, str) and _CURRENCY.fullmatch(currency)):
            self.fail(("reward", "currency"), f"an ISO 4217 code such as \"USD\" or \"EUR\" (got {currency!r})")
            currency = None
        return value, currency

    def audience(self, table: dict | None) -> Audience | None:
        if table is None:
            return None
        here = ("audience",)
        self.unknown(table, _AUDIENCE_KEYS, here)
        countries = self.names(table, "country", here, required=True)
        for code in countries:
            if not _COUNTRY.fullmatch(code):
                self.fail(here + ("country",), f"ISO 3166 two-letter codes in capitals such as \"US\" (got {code!r})")
        categories = self.names(table, "categories", here)
        for category in categories:
            if category not in CATEGORIES:
                self.fail(here + ("categories",), f"unknown category {category!r}; one of {', '.join(CATEGORIES)}")
        brands = self.names(table, "brands", here)
        months = table.get("months")
        if (categories or brands) and months is None:
            self.fail(here, "categories or brands need months: a receipt from them in how many months")
        if months is not None and (not isinstance(months, int) or isinstance(months, bool) or not 1 <= months <= 36):
            self.fail(here + ("months",), f"a whole number of months from 1 to 36 (got {months!r})")
        return Audience(countries, categories, brands, months)

    def questions(self, items) -> tuple[Question, ...]:
        if items is None:
            self.fail(("questions",), "missing: at least one [[questions]] table")
            return ()
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            self.fail(("questions",), "write each question as a [[questions]] table")
            return ()
        if not 1 <= len(items) <= MAX_QUESTIONS:
            self.fail(("questions",), f"1 to {MAX_QUESTIONS} questions (got {len(items)})")
        return tuple(q for q in (self.question(n, item) for n, item in enumerate(items, 1)) if q is not None)

    def question(self, number: int, item: dict) -> Question | None:
        here = ("questions", number)
        self.unknown(item, _QUESTION_KEYS, here)
        kind = self.required(item, "type", here)
        if kind is not None and kind not in KINDS:
            self.fail(here + ("type",), f"one of {', '.join(KINDS)} (got {kind!r})")
            kind = None
        text = self.text(item, "text", here)
        options: tuple[Text, ...] = ()
        if kind == "choice":
            raw = item.get("options")
            if not isinstance(raw, list) or not 2 <= len(raw) <= len(LETTERS):
                self.fail(here + ("options",), f"a choice question needs a list of 2 to {len(LETTERS)} options")
            else:
                options = tuple(o for o in (self.text_value(v, here + ("options", i)) for i, v in enumerate(raw, 1))
                                if o is not None)
        elif "options" in item and kind is not None:
            self.fail(here + ("options",), f"only a choice question has options (this one is {kind})")
        optional = item.get("optional", False)
        if not isinstance(optional, bool):
            self.fail(here + ("optional",), f"true or false (got {optional!r})")
        if kind is None or text is None:
            return None
        return Question(number, kind, text, options, optional is True)

    # -- values ----------------------------------------------------------------------------------

    def unknown(self, table: dict, allowed: set[str], here: tuple) -> None:
        for key in table:
            if key not in allowed:
                self.fail(here + (key,), f"unknown key; expected one of {', '.join(sorted(allowed))}")

    def required(self, table: dict, key: str, here: tuple):
        if key not in table:
            self.fail(here + (key,), "missing")
            return None
        return table[key]

    def table(self, data: dict, key: str, here: tuple) -> dict | None:
        value = self.required(data, key, here)
        if value is not None and not isinstance(value, dict):
            self.fail(here + (key,), f"a table: [{key}] with its keys below it")
            return None
        return value

    def text(self, table: dict, key: str, here: tuple) -> Text | None:
        value = self.required(table, key, here)
        return None if value is None else self.text_value(value, here + (key,))

    def text_value(self, value, path: tuple) -> Text | None:
        if isinstance(value, str):
            if not value.strip():
                self.fail(path, "empty text")
                return None
            return Text((("en", value.strip()),))
        if isinstance(value, dict) and value:
            versions = []
            for language, text in value.items():
                if language not in LANGUAGES:
                    self.fail(path + (language,), f"a language of {', '.join(LANGUAGES)}")
                elif not isinstance(text, str) or not text.strip():
                    self.fail(path + (language,), "a non-empty text")
                else:
                    versions.append((language, text.strip()))
            return Text(tuple(versions)) if len(versions) == len(value) else None
        self.fail(path, f"a text, or a table of texts per language ({', '.join(LANGUAGES)})")
        return None

    def names(self, table: dict, key: str, here: tuple, *, required: bool = False) -> tuple[str, ...]:
        value = self.required(table, key, here) if required else table.get(key)
        if value is None:
            return ()
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list) or not values or not all(isinstance(v, str) and v.strip() for v in values):
            self.fail(here + (key,), "a name or a list of names")
            return ()
        return tuple(v.strip() for v in values)


# -- where a field is written --------------------------------------------------------------------

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.-]+)\s*\]\]?")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")


def _key_lines(source: str) -> dict[tuple, int]:
    """Line number (1-based) of every table header and key, by path: ("questions", 2, "options").
    Enough of TOML for error messages: headers, bare keys, arrays of tables."""
    lines: dict[tuple, int] = {}
    counts: dict[str, int] = {}
    table: tuple = ()
    for number, line in enumerate(source.splitlines(), 1):
        header = _HEADER.match(line)
        if header:
            name = header.group(2)
            if header.group(1) == "[[":
                counts[name] = counts.get(name, 0) + 1
                table = (name, counts[name])
            else:
                table = (name,)
            lines.setdefault(table, number)
            continue
        key = _KEY.match(line)
        if key:
            lines.setdefault(table + (key.group(1),), number)
    return lines


def _line_of(lines: dict[tuple, int], path: tuple) -> int | None:
    for end in range(len(path), 0, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None


def _field(path: tuple) -> str:
    """("questions", 2, "options", 1) -> 'question 2: options[1]'."""
    if len(path) >= 2 and path[0] == "questions" and isinstance(path[1], int):
        rest = _field(path[2:])
        return f"question {path[1]}" + (f": {rest}" if rest else "")
    parts: list[str] = []
    for part in path:
        if isinstance(part, int):
            parts[-1] += f"[{part}]"
        else:
            parts.append(str(part))
    return ".".join(parts)
