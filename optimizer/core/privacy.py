"""The one detector of Finnish personal identity codes (henkilötunnus), used on every string that
enters the tool or leaves it: cells, sheet names, comments, defined names, document properties,
headers and footers, file names, service-model texts, plans read back, and every text written.

Client data is health data: the tool works with pseudonymous ids only, and a code anywhere in
what it reads is refused. The detector never returns or prints the code it found.

A code is DDMMYY, a century sign (`+`, `-`, `A`-`F`, `U`-`Y`, the signs of 2023 included), three
digits and a check character. Any code with a real date is refused, whatever its check
character and also without one, so that a typo in the check mark or a code cut short still
keeps the code out. Before matching, the text is normalised the way a copy from another system
may have changed it:
- compatibility forms (full-width digits and letters) become plain ones (NFKC);
- digits of other scripts become 0-9;
- every dash, minus sign and what reads as one (en dash, non-breaking hyphen, U+2212, the
  Japanese long-vowel mark) becomes `-`;
- zero-width and other invisible characters (U+200B, U+2060, soft hyphen, a tab or line break,
  line and paragraph separators, combining marks, the Hangul filler) vanish, and a code spaced
  out with spaces of any width (`131052 -308T`, thin or hair spaces between digits) is found
  as well;
- Cyrillic and Greek capitals and small capitals that look like a century sign become that
  Latin letter.
A code glued to letters (`hetu131052-308T`, `131052-308Tx`) is found; digits on either side are
not part of a code (a longer number is not one).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
import unicodedata
from datetime import date

# DDMMYY, the century sign and the individual number; the check character after it may be
# anything or missing (a code cut short still names the person: the check can be recomputed).
# Digits on either side make a longer number, which is not a code.
_CODE = re.compile(r"(?<![0-9])([0-9]{2})([0-9]{2})([0-9]{2})([-+A-FU-Y])[0-9]{3}(?![0-9]{2})")
_CENTURY = {"+": 1800, "-": 1900, "U": 1900, "V": 1900, "W": 1900, "X": 1900, "Y": 1900}  # A-F: 2000
# Office writes GUIDs in braces ({00000000-0001-0000-0000-000000000000}) all over a workbook's
# structure; a hex run such as "311299-1234" inside one is not a code. Only where the tool reads
# structure (attributes, extension parts), never in a text a person typed (`in_structure`).
_GUID = re.compile(r"\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}")
_LOOKALIKES = str.maketrans({
    "А": "A", "В": "B", "С": "C", "Е": "E", "Т": "T", "У": "Y", "Х": "X",  # Cyrillic
    "Α": "A", "Β": "B", "Ε": "E", "Τ": "T", "Υ": "Y", "Χ": "X",  # Greek
    # small capitals
    "ᴀ": "A", "ʙ": "B", "ᴄ": "C", "ᴅ": "D", "ᴇ": "E", "ꜰ": "F", "ᴜ": "U", "ᴠ": "V", "ᴡ": "W", "ʏ": "Y",
})
_SPACES = re.compile(r"\s+")
# Format characters (zero-width space and joiners, word joiner, soft hyphen, BOM), control
# characters (a tab, a line break) and marks left over after NFKC: nothing a reader sees between
# two digits; and the letters that show as blank (Hangul fillers, the Braille blank).
_INVISIBLE = {"Cf", "Cc", "Mn", "Me", "Zl", "Zp"}
_BLANK_LETTERS = "\u3164\u115f\u1160\uffa0\u2800\u180e"
# What reads as a dash without being one: minus signs, a hyphen bullet, the Japanese long-vowel
# mark a Japanese keyboard types for "-", box-drawing and other horizontal lines.
_MINUS_SIGNS = "\u2212\u2796\u02d7\u2043\u30fc\uff70\u2500\u2501\u23af\u2574\u2576\u2015\u4e00\u3161\u1173\u2e3a\u2e3b"
_ASCII_CONTROLS = {c: None for c in range(32)} | {127: None}


def _char_map(ch: str) -> str:
    category = unicodedata.category(ch)
    if category in _INVISIBLE or ch in _BLANK_LETTERS:
        return ""
    if category == "Pd" or ch in _MINUS_SIGNS:
        return "-"
    if category == "Nd":
        return str(unicodedata.digit(ch))
    return ch


class _CharTable(dict[int, str]):
    """`str.translate` table of _char_map, filled as characters are met (C speed once warm);
    at most _CACHED entries, so that a text of every Unicode character cannot grow it for ever."""

    def __missing__(self, code: int) -> str:
        mapped = _char_map(chr(code))
        if len(self) < _CACHED:
            self[code] = mapped
        return mapped


_CACHED = 20_000
_TABLE = _CharTable()


def normalise(text: str) -> str:
    """The text as the detector reads it (see the module docstring)."""
    plain = text.translate(_ASCII_CONTROLS) if text.isascii() else unicodedata.normalize("NFKC", text).translate(_TABLE)
    return plain.upper().translate(_LOOKALIKES)


def contains_identity_code(value: object, in_structure: bool = False) -> bool:
    """True when `value` holds a personal identity code in any of the forms above.
    `in_structure`: the value is a workbook's own structure (an attribute), where Office's
    braced GUIDs are passed over."""
    if value is None or isinstance(value, (bool, int, float, date)):
        return False
    text = str(value)
    if len(text) < 10 and text.isascii():
        return False
    if len(text) > 200:
        return _text_has_code(text, in_structure)
    return _short_text_has_code(text, in_structure)


@functools.lru_cache(maxsize=65_536)
def _short_text_has_code(text: str, in_structure: bool) -> bool:
    """Cells repeat (a plan's event words, ids): short texts are answered once."""
    return _text_has_code(text, in_structure)


def _text_has_code(text: str, in_structure: bool) -> bool:
    text = normalise(text)
    if in_structure:
        text = _GUID.sub(" ", text)
    return _matches(text) or (_SPACES.search(text) is not None and _matches(_SPACES.sub("", text)))


def _matches(text: str) -> bool:
    for m in _CODE.finditer(text):
        day, month, yy, sign = int(m.group(1)), int(m.group(2)), int(m.group(3)), m.group(4)
        try:
            date(_CENTURY.get(sign, 2000) + yy, month, day)
        except ValueError:
            continue
        return True
    return False


def checksum(data: bytes, length: int = 12) -> str:
    """A short checksum of `data` that never reads as an identity code, for texts the tool
    writes (Summary's input and service-model checksums). A hex digest does now and then:
    sha256 of b"roster-1185" begins 310592d225ed, a date of 1992 with the century sign D, and a
    plan whose input file had such a checksum was refused as holding a code (the README's
    test run in a fresh clone, 3.12.). Base32 has only the digits 2-7, so no month 01-12."""
    return base64.b32encode(hashlib.sha256(data).digest()).decode("ascii")[:length].lower()
