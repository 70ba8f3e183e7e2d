"""Dates as news gives them → partial ISO dates (YYYY, YYYY-MM, YYYY-MM-DD).

Two jobs, both without a network or a model:

- `parse_date(value)`: a date field of a dump row, a feed item or a PDF's info ("2022-03-29T10:00:00Z",
  "Tue, 29 Mar 2022 10:00:00 GMT", "29 March 2022", "D:20220329…", an epoch number) as ISO text, or None.
- `infer_date(text, reference)`: when no metadata gives a date, the first explicit date of the text's dateline
  ("KYIV, March 29 (Reuters) –") or of its opening lines ("29 March 2022"), marked as inferred. A dateline
  often has no year; then the year is the one that puts the date on or before `reference` (the day the text
  was obtained: the download, the file's modification, the load), and the mark says the year was assumed.

Why regular expressions and not a general date parser: a general parser (dateparser) also reads "May" in
"Russia may agree" or "Monday" relative to today, and its search mode finds dates in any word; a dateline has
a handful of shapes, which these patterns take exactly, and everything else is left alone.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re

INFERRED = "inferred"
INFERRED_YEAR = "inferred, year assumed"

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
# Full names, or abbreviations with their dot (a bare "Mar" or "Dec" is a month too, but "may" only capitalised).
_MONTH = (r"(?P<month>(?:January|February|March|April|May|June|July|August|September|October|November|December)"
          r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
# "29 March 2022", "March 29, 2022", "March 29 2022", "2022-03-29"; year optional in the yearless variants.
_DAY_MONTH_YEAR = re.compile(rf"\b{_WEEKDAY}{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b")
_MONTH_DAY_YEAR = re.compile(rf"\b{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}\b")
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")
_DAY_MONTH = re.compile(rf"\b{_WEEKDAY}{_DAY}\s+{_MONTH}(?!\s*,?\s*(?:19|20)\d\d)\b")
_MONTH_DAY = re.compile(rf"\b{_WEEKDAY}{_MONTH}\s+{_DAY}\b(?!,?\s*(?:19|20)\d\d)")
# A dateline: a place in capitals (maybe with its country), a comma, the date, maybe the agency, a dash.
_DATELINE = re.compile(r"^\s*(?P<place>[A-Z][A-Z .'’\-]{1,40}(?:,\s*[A-Z][A-Za-z .'’\-]{1,30})?),\s*(?P<rest>.{0,60}?)"
                       r"\s*(?:\([A-Za-z .&]{2,30}\)\s*)?[-–—]")
OPENING_LINES = 6
PARAGRAPH_WORDS = 12


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month(name: str) -> int:
    return _MONTHS[name.rstrip(".").lower()]


def _full_date(text: str) -> tuple[int, dt.date] | None:
    """The first date with a year in `text`, with where it starts."""
    found: list[tuple[int, dt.date]] = []
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        for m in pattern.finditer(text):
            d = _date(int(m["year"]), _month(m["month"]), int(m["day"]))
            if d is not None:
                found.append((m.start(), d))
                break
    for m in _ISO.finditer(text):
        d = _date(int(m["year"]), int(m["month"]), int(m["day"]))
        if d is not None:
            found.append((m.start(), d))
            break
    return min(found, key=lambda f: f[0]) if found else None


def _yearless(text: str, reference: dt.date) -> dt.date | None:
    """'March 29' or '29 March': the latest such day on or before `reference` (a day of slack for time zones)."""
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        m = pattern.search(text)
        if m is None:
            continue
        month, day = _month(m["month"]), int(m["day"])
        limit = reference + dt.timedelta(days=1)
        for year in (limit.year, limit.year - 1):
            d = _date(year, month, day)
            if d is not None and d <= limit:
                return d
    return None


def infer_date(text: str, reference: dt.date | None = None) -> tuple[str, str] | None:
    """The date of the text's dateline or opening lines as (ISO date, origin), or None.

    The opening is every line up to and including the first one that reads as a paragraph (at least
    `PARAGRAPH_WORDS` words), at most `OPENING_LINES` lines: a title, a byline with its date, then the lead.
    A dateline's date counts with or without a year; elsewhere only a full date does (a bare "March 29" in a
    lead is as likely an event as the day of writing)."""
    lines = [line for line in text.split("\n") if line.strip()][:OPENING_LINES]
    opening: list[str] = []
    for line in lines:
        opening.append(line)
        if len(line.split()) >= PARAGRAPH_WORDS:
            break
    for line in opening:
        m = _DATELINE.match(line)
        if m is None:
            continue
        full = _full_date(m["rest"])
        if full is not None:
            return full[1].isoformat(), INFERRED
        if reference is not None:
            d = _yearless(m["rest"], reference)
            if d is not None:
                return d.isoformat(), INFERRED_YEAR
    full = _full_date("\n".join(opening))
    if full is not None and (reference is None or full[1] <= reference + dt.timedelta(days=1)):
        return full[1].isoformat(), INFERRED
    return None


_ISO_PREFIX = re.compile(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?=$|[T\s])")
_PDF_DATE = re.compile(r"^\s*D:(\d{4})(\d{2})?(\d{2})?")


def parse_date(value: object) -> str | None:
    """A date field as partial ISO text, or None when it cannot be read. Numbers are Unix times (seconds,
    or milliseconds when they are too large for seconds)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        seconds = float(value) / (1000 if value > 10**11 else 1)
        try:
            return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    if not text:
        return None
    for pattern in (_ISO_PREFIX, _PDF_DATE):
        m = pattern.match(text)
        if m:
            year, month, day = m.groups()
            if _date(int(year), int(month or 1), int(day or 1)) is None:
                return None
            return "-".join(p for p in (year, month, day) if p)
    if text.isdigit():
        return parse_date(int(text))
    try:
        parsed = email.utils.parsedate_to_datetime(text)  # RSS: "Tue, 29 Mar 2022 10:00:00 GMT"
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        return parsed.date().isoformat()
    full = _full_date(text)
    return full[1].isoformat() if full is not None else None
