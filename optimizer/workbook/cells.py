"""Cell values as the workbook contract reads them: dates, numbers, yes/no, lists, weekdays.

Each parser returns the value or raises `CellError` with a message key; the reader adds the
sheet and cell. Shared by the roster reader and the plan reader.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from openpyxl.utils.datetime import from_excel

from .labels import norm


class CellError(ValueError):
    def __init__(self, key: str, **info: object) -> None:
        super().__init__(key)
        self.key = key
        self.info = info


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_FINNISH = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")

# Personal identity code (henkilötunnus): DDMMYY, century sign (+, -, A-F, U-Y), 3 digits,
# check character. Century signs as of 2023. We refuse any code with a real date, whatever
# its check character, so that a typo in the check mark still keeps the code out.
HETU = re.compile(r"(?<![0-9A-Za-z])(\d{2})(\d{2})(\d{2})[-+ABCDEFUVWXY](\d{3})[0-9A-Y](?![0-9A-Za-z])")
_CENTURY = {"+": 1800, "-": 1900, "U": 1900, "V": 1900, "W": 1900, "X": 1900, "Y": 1900}


def contains_hetu(value: object) -> bool:
    if value is None or isinstance(value, (int, float, datetime, date)):
        return False
    text = str(value).upper()
    for m in HETU.finditer(text):
        day, month, yy = int(m.group(1)), int(m.group(2)), int(m.group(3))
        sign = text[m.start() + 6]
        year = _CENTURY.get(sign, 2000) + yy
        try:
            date(year, month, day)
        except ValueError:
            continue
        return True
    return False


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


def as_date(value: object) -> date:
    """A real date cell, ISO text 2027-03-01, Finnish text 1.3.2027, or an Excel day number (a
    date cell whose format was lost, e.g. 46447 for 1.3.2027) within this century."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer() \
            and SERIAL_RANGE[0] <= value <= SERIAL_RANGE[1]:
        return from_excel(int(value)).date()
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


def as_int(value: object, expected: str) -> int:
    if isinstance(value, bool):
        raise CellError("bad_int", expected=expected)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
        return int(value)
    raise CellError("bad_int", expected=expected)


def as_number(value: object, expected: str) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip().replace(",", "."))
        except ValueError:
            pass
    raise CellError("bad_number", expected=expected)


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
