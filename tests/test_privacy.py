"""The one identity-code detector (optimizer/core/privacy.py): every form a code takes when copied
from another system is found; what only looks like one (dates, phone numbers, business ids,
GUIDs in a workbook's parts) is not."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from optimizer.core.privacy import contains_identity_code, normalise

SIGNS = {1800: "+", 1900: "-YXWVU", 2000: "ABCDEF"}


@pytest.mark.parametrize("text", [
    "131052-308T", "010190A123B", "311299+1234", "150505Y987K", "020304F0016", "010199a123k",
    "hetu131052-308T", "131052-308Tx", "asiakas:131052-308T.", "131052-3085",
    "131052\u2013308T",  # en dash
    "131052\u2011308T",  # non-breaking hyphen
    "131052\u2212308T",  # minus sign
    "131052\u2012308T",  # figure dash
    "131052\uff0d308T",  # full-width hyphen-minus
    "1310\u200b52-308T",  # zero-width space
    "13105\u20602-308T",  # word joiner
    "131052-3\u00ad08T",  # soft hyphen
    "\ufeff131052-308T",  # byte-order mark
    "１３１０５２-３０８Ｔ",  # full-width digits and letter
    "\u0661\u0663\u0661\u0660\u0665\u0662-308T",  # Arabic-Indic digits
    "010101\u0410123B",  # Cyrillic A as the century sign
    "131052-308T\n",
    "131052\t-308T",  # a tab (an ASCII text too)
    "131052-308", "131052-308\u039a",  # cut short; a Greek kappa as the check character
    "1310\u316452-308T",  # a Hangul filler (shows as blank)
    "131052\u30fc308T",  # the Japanese long-vowel mark for "-"
    "{00000000-0000-0000-0000-F010101A123B}",  # GUID-shaped, in a text a person typed
])
def test_every_form_of_a_code_is_found(text):
    assert contains_identity_code(text)


@pytest.mark.parametrize("text", [
    "A012", "2027-03-01", "1.3.2027", "321352-308T",  # no 31.13.
    "1131052-308T", "131052-30851",  # part of a longer number
    "+358401234567", "040 123 4567", "Y-tunnus 1234567-8", "FI2112345600000785",
    "2006-09-16T00:00:00Z", "1.0000000000000001E-300", "A1:XFD1048576", "020F0502020204030204",
    "", None, 131052308, 1.5, date(2027, 3, 1),
])
def test_what_only_looks_like_a_code_is_not_one(text):
    assert not contains_identity_code(text)


def test_office_guids_in_a_workbooks_structure_are_passed_over():
    guid = "{AB311299-1234-4000-8000-000000000000}"
    assert not contains_identity_code(guid, in_structure=True)
    assert contains_identity_code(guid)  # typed into a cell, it is refused


def test_normalising_keeps_what_it_does_not_know():
    assert normalise("Työpaikkakäynti, A012") == "TYÖPAIKKAKÄYNTI, A012"


@st.composite
def codes(draw):
    """A code with a real date and a century sign of its century, in a random disguise."""
    born = draw(st.dates(date(1850, 1, 1), date(2099, 12, 31)))
    century = 1800 if born.year < 1900 else 1900 if born.year < 2000 else 2000
    sign = draw(st.sampled_from(SIGNS[century]))
    code = f"{born:%d%m}{born.year % 100:02d}{sign}{draw(st.integers(2, 899)):03d}" \
           f"{draw(st.sampled_from('0123456789ABCDEFHJKLMNPRSTUVWXY'))}"
    disguise = draw(st.sampled_from(["plain", "dash", "invisible", "wide", "glued", "lower"]))
    if disguise == "dash" and sign == "-":
        code = code.replace("-", draw(st.sampled_from("\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d")))
    elif disguise == "invisible":
        at = draw(st.integers(1, len(code) - 1))
        code = code[:at] + draw(st.sampled_from("\u200b\u200c\u200d\u2060\ufeff\u00ad")) + code[at:]
    elif disguise == "wide":
        code = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in code)
    elif disguise == "glued":
        code = draw(st.sampled_from(["hetu", "x", "Asiakas"])) + code + draw(st.sampled_from(["", "x", "abc"]))
    elif disguise == "lower":
        code = code.lower()
    return code


@given(code=codes(), before=st.text(max_size=20), after=st.text(max_size=20))
def test_a_code_in_any_disguise_within_any_text_is_found(code, before, after):
    # Digits right beside the code make a longer number, which is not a code.
    before = before.rstrip("0123456789") + " "
    after = " " + after
    assert contains_identity_code(before + code + after)


@given(day=st.dates(date(2000, 1, 1), date(2099, 12, 31)), n=st.integers(0, 10_000))
def test_dates_and_plan_texts_are_never_codes(day, n):
    later = day + timedelta(days=n % 400)
    for text in (day.isoformat(), f"{day.day}.{day.month}.{day.year}", f"{day:%d.%m.}–{later:%d.%m.%Y}",
                 f"A{n:03d} työpaikkakäynti {day.isoformat()}", f"S{n:02d}, S{n + 1:02d}"):
        assert not contains_identity_code(text), text


def test_the_tools_own_checksums_never_read_as_an_identity_code():
    """A hex digest can: sha256 of b"roster-1185" begins 310592d225ed (a date of 1992 and the
    century sign D), and a plan whose input had such a checksum was refused. The checksums the
    tool writes (Summary's input and service-model checksums) are base32, whose digits 2-7
    hold no month."""
    import hashlib

    from optimizer.core.privacy import checksum

    assert contains_identity_code(hashlib.sha256(b"roster-1185").hexdigest()[:12])
    assert not any(contains_identity_code(checksum(f"roster-{k}".encode())) for k in range(5000))
    assert checksum(b"roster-1185") == checksum(b"roster-1185") != checksum(b"roster-1186")
