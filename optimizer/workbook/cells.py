"""Cell values as the workbook contract reads them: dates, numbers, yes/no, lists, weekdays.

Each parser returns the value or raises `CellError` with a message key; the reader adds the
sheet and cell. Shared by the roster reader and the plan reader.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime

from openpyxl.utils.datetime import from_excel

from optimizer.core.bounds import DATES, ID_CHARS, INT_DIGITS
from optimizer.workbook.labels import norm


class CellError(ValueError):
    def __init__(self, key: str, **info: object) -> None:
        super().__init__(key)
        self.key = key
        self.info = info


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_FINNISH = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")

def is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value: object) -> str:
    """Ids are text: 7, 7.0 and "7" are the same id."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value).strip()


# Excel day numbers of 1.1.2000 and 31.12.2099: a date cell that lost its date format shows one.
SERIAL_RANGE = (36526, 73050)


def as_id(value: object) -> str:
    """An id (client, group, staff member): a short pseudonym on one line. No control or
    invisible characters (a line break in an id would split a calendar file's lines) and no
    comma (lists of ids, such as a group's leaders, are written with commas)."""
    text = as_text(value)
    if len(text) > ID_CHARS:
        raise CellError("bad_id_length", limit=ID_CHARS, n=len(text))
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in text) or "," in text:
        raise CellError("bad_id_chars")
    return text


def as_date(value: object, epoch: datetime | None = None) -> date:
    """A real date cell, ISO text 2027-03-01, Finnish text 1.3.2027, or an Excel day number (a
    date cell whose format was lost, e.g. 46447 for 1.3.2027), within this century. `epoch`:
    the workbook's date system (openpyxl's `Workbook.epoch`: 1900, or 1904 from an old Mac),
    which decides what a day number means."""
    day = _as_date(value, epoch)
    if not DATES[0] <= day <= DATES[1]:
        raise CellError("date_range", first=DATES[0].year, last=DATES[1].year)
    return day


def _as_date(value: object, epoch: datetime | None) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer() \
            and SERIAL_RANGE[0] <= value <= SERIAL_RANGE[1]:
        return (from_excel(int(value), epoch) if epoch is not None else from_excel(int(value))).date()
    if isinstance(value, str):
        text = value.strip()
        for pattern, order in ((_ISO, (0, 1, 2)), (_FINNISH, (2, 1, 0))):
            m = pattern.match(text)
            if m:
                parts = [int(g) for g in m.groups()]
                try:
                    return date(parts[order[0]], parts[order[1]], parts[order[2]])
                except ValueError:
                    break
    raise CellError("bad_date")


# A range of days in one cell: two dates with an en dash, an em dash or a hyphen between them
# (27.12.2027–31.12.2027, 27.12.2027-31.12.2027); ISO dates only with a dash that is not a hyphen.
_RANGE = re.compile(r"^\s*(\S+?)\s*(?:[–—]|(?<=\.\d{4})\s*-|(?<=\d\.)\s*-)\s*(\S+)\s*$|"
                    r"^\s*(\d{4}-\d{1,2}-\d{1,2})-(\d{4}-\d{1,2}-\d{1,2})\s*$")
_NO_YEAR = re.compile(r"^\d{1,2}\.\d{1,2}\.$")  # 27.12.–31.12.2027: the year is the end's


def as_date_range(value: object, epoch: datetime | None = None) -> tuple[date, date]:
    """A day (a date cell or any date `as_date` reads) as (day, day), or a range of days in one
    cell, first–last inclusive, as (first, last). A range whose end comes before its start, or a
    text that is neither, is an error that names what was expected."""
    if isinstance(value, str) and not _FINNISH.match(value.strip()) and not _ISO.match(value.strip()):
        m = _RANGE.match(value)
        if m is None:
            raise CellError("bad_date_range")
        head, tail = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        try:
            last = as_date(tail, epoch)
            first = as_date(f"{head}{last.year}" if _NO_YEAR.match(head) else head, epoch)
        except CellError:
            raise CellError("bad_date_range") from None
        if last < first:
            raise CellError("date_range_backwards")
        return first, last
    day = as_date(value, epoch)
    return day, day


def as_int(value: object, expected: str) -> int:
    if isinstance(value, bool):
        raise CellError("bad_int", expected=expected)
    if isinstance(value, int) and abs(value) < 10**INT_DIGITS:
        return value
    if isinstance(value, float) and value.is_integer() and abs(value) < 10**INT_DIGITS:
        return int(value)
    if isinstance(value, str) and re.fullmatch(rf"\s*-?[0-9]{{1,{INT_DIGITS}}}\s*", value):
        return int(value)
    raise CellError("bad_int", expected=expected)


def as_number(value: object, expected: str) -> float:
    """A finite number (NaN and infinity, written or typed as text, are not numbers here)."""
    number: float | None = None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value) if abs(value) < 1e300 else None
    elif isinstance(value, str) and len(value) < 40:
        try:
            number = float(value.strip().replace(",", "."))
        except ValueError:
            number = None
    if number is None or not math.isfinite(number):
        raise CellError("bad_number", expected=expected)
    return number


_YES = {"yes", "kyllä", "kylla", "true", "1", "x", "k", "y", "tosi"}
_NO = {"no", "ei", "false", "0", "e", "n", "epätosi"}


def as_bool(value: object) -> bool:
    if is_empty(value):
        return False
    if isinstance(value, bool):
        return value
    text = norm(as_text(value))
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise CellError("bad_bool")


def as_list(value: object) -> list[str]:
    if is_empty(value):
        return []
    return [part.strip() for part in as_text(value).split(",") if part.strip()]


_WEEKDAYS = {
    "mon": 0, "monday": 0, "ma": 0, "maanantai": 0,
    "tue": 1, "tuesday": 1, "ti": 1, "tiistai": 1,
    "wed": 2, "wednesday": 2, "ke": 2, "keskiviikko": 2,
    "thu": 3, "thursday": 3, "to": 3, "torstai": 3,
    "fri": 4, "friday": 4, "pe": 4, "perjantai": 4,
    "sat": 5, "saturday": 5, "la": 5, "lauantai": 5,
    "sun": 6, "sunday": 6, "su": 6, "sunnuntai": 6,
}


def as_weekdays(value: object) -> frozenset[int]:
    """`Mon-Fri`, `ma-pe`, `Mon, Wed, Thu` or a mix of ranges and days."""
    days: set[int] = set()
    for part in as_list(value):
        ends = [norm(x) for x in re.split(r"\s*[-–]\s*", part)]
        if not all(e in _WEEKDAYS for e in ends) or len(ends) > 2:
            raise CellError("bad_weekdays")
        lo, hi = _WEEKDAYS[ends[0]], _WEEKDAYS[ends[-1]]
        if hi < lo:
            raise CellError("bad_weekdays")
        days.update(range(lo, hi + 1))
    if not days:
        raise CellError("bad_weekdays")
    return frozenset(days)
