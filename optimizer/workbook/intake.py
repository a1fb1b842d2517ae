"""What every workbook the tool reads goes through before openpyxl reads a byte of it: the input
roster, a plan read back (`check`, `diff`, `--previous`), each variant of `compare`.

1. The path: a regular file (never a device or a pipe such as /dev/zero), under a size limit,
   no personal identity code in its name or folders, and not named like the tool's own
   temporary files.
2. The zip: its parts, their unpacked sizes (the central directory; Python's zipfile stops at
   the declared size and then fails the checksum, so a part cannot unpack to more), counted
   against limits before anything is unpacked.
3. Every part, whatever its name says it is, unpacked as a stream with a byte budget; each one
   that is XML parsed with expat, with namespaces (no document type declarations: an .xlsx
   never has one, and entity expansion is how hostile XML attacks):
   - the spreadsheet rows and cells of any part are counted by where they really are, not by
     a sheet's declared dimension: each row up to its last used column, as openpyxl fills a
     row out to that width, and empty formatted rows too (openpyxl keeps each one's
     attributes); no row beyond Excel's 1,048,576, no column beyond XFD;
   - no text is longer than Excel allows in a cell (32,767 characters); the shared strings,
     which openpyxl holds all at once, are counted in characters; the elements outside rows
     and cells, most of which openpyxl builds objects of (cell formats, merged ranges, names),
     are counted per part;
   - every text and attribute goes through the one identity-code detector (optimizer/privacy):
     cells, shared strings, sheet names, comments, defined names, headers and footers, the
     document's properties, and any other part. A finding names where it is, never the text.
4. Only then openpyxl opens it, read-only (sheets stream; nothing is held that is not read),
   without external links, and with each sheet's declared dimension dropped, so that a sheet
   is read by its real rows. The readers take the rows through `sheet_rows`, which passes
   every value openpyxl gives them through the detector once more (a second opinion: openpyxl
   reads some constructs its own way, such as the `_x005F_` escapes of shared strings) and
   answers a cell openpyxl cannot convert as a damaged file, never with a traceback.

The limits were chosen by measurement (tests/corpus.py; docs/guide.md): the plan workbook of 1,000
clients (the XL benchmark) is 2.9 MB, 34 MB unpacked, 55,000 rows and 0.6 million cells, and
its roster 66 KB and 20,000 cells; each limit is several times that.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import os
import re
import stat
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from xml.parsers import expat

import openpyxl
from openpyxl.utils import get_column_letter

from optimizer.core.errors import FileErrors, InputErrors
from optimizer.core.messages import t
from optimizer.core.privacy import contains_identity_code
from optimizer.output.files import TEMP_PREFIX

MB = 1024 * 1024
EXCEL_CELL_CHARS = 32_767  # the most text Excel itself holds in one cell
EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384  # a sheet's size in Excel
OTHER_PART_BYTES = 20 * MB  # an XML part other than a sheet or the shared strings (styles.xml: < 1 MB)
MAX_TOKEN_BYTES = 1024 * 1024  # a tag or text: a cell's 32,767 characters are at most 128 KB
OTHER_PART_ELEMENTS = 200_000  # outside rows and cells, per part: Excel holds at most 64,000 cell formats
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


@dataclass(frozen=True)
class Limits:
    """How much a workbook may hold before it is refused (see the module docstring)."""

    file_bytes: int
    unpacked_bytes: int
    parts: int
    rows: int
    cells: int
    strings: int  # shared strings
    string_chars: int  # their characters together


ROSTER_LIMITS = Limits(file_bytes=20 * MB, unpacked_bytes=150 * MB, parts=2_000, rows=200_000, cells=1_000_000,
                       strings=1_000_000, string_chars=10_000_000)
PLAN_LIMITS = Limits(file_bytes=60 * MB, unpacked_bytes=400 * MB, parts=5_000, rows=200_000, cells=2_000_000,
                     strings=2_000_000, string_chars=20_000_000)

OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")  # .xls and password-protected workbooks alike
_HEADER_FOOTER = {"oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader", "firstFooter"}
# Elements whose text is one string however many runs it is split into (a code split over two
# formatted runs of one cell is still one code); their text is what a person typed, read
# strictly. Other text and every attribute is the workbook's structure.
# A drawing's paragraph (a text box, a chart title: DrawingML <a:p>) is one text too.
_RECORDS = {"si", "c", "comment", "threadedComment", "definedName", "p", *_HEADER_FOOTER}
# Within a cell, its formula and its value are two texts (a link's result after its formula text
# is not one longer number); the runs of formatted text are one.
_SEPARATE = {"f", "v"}
# Attributes of cells and rows are structure (reference, style, type, spans), not text:
# skipping them keeps the scan of a large sheet fast.
_STRUCTURE = {"c", "row", "v", "f", "col", "pageMargins", "selection", "pane"}
_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$")


class _LongToken(Exception):
    """A tag or a text in a part far longer than any Excel writes (see _Inspection.tokens)."""


class _Refused(Exception):
    """A limit was passed or the XML is hostile: stop reading at once."""

    def __init__(self, key: str, **info: object) -> None:
        super().__init__(key)
        self.key, self.info = key, info


def what_file(head: bytes) -> str | None:
    """What a file that is not an .xlsx workbook seems to be, from its first bytes (a message key)."""
    if not head:
        return "file_empty"
    if head.startswith(OLE_SIGNATURE):
        return "file_xls_or_password"
    if head.startswith(b"PK") and b"opendocument" in head:
        return "file_ods"
    if head.startswith(b"PK"):
        return "file_damaged_zip"
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        return "file_not_spreadsheet"
    return "file_text" if ("," in text or ";" in text or "\t" in text) else "file_not_spreadsheet"


def check_path_name(path: Path | str, what: str, lang: str) -> None:
    """A file or folder name never carries an identity code into messages or the plan, and is
    never one the tool takes for its own temporary file (which it would remove)."""
    if contains_identity_code(os.fspath(path)):
        raise InputErrors([t("hetu_path", lang, what=what)])
    if Path(path).name.startswith(TEMP_PREFIX):
        raise InputErrors([t("reserved_name", lang, path=path, prefix=TEMP_PREFIX)])


def regular_file(path: Path, what: str, lang: str, max_bytes: int) -> int:
    """The size of `path`, refused unless it is a regular file under `max_bytes` (a device such
    as /dev/zero or a pipe would be read for ever)."""
    check_path_name(path, what, lang)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputErrors([t("cannot_open", lang, path=path, why=t("file_missing", lang))]) from None
    except OSError as exc:
        raise InputErrors([t("cannot_open", lang, path=path, why=exc.strerror or type(exc).__name__)]) from None
    if not stat.S_ISREG(info.st_mode):
        raise InputErrors([t("not_a_file", lang, path=path)])
    if info.st_size > max_bytes:
        raise InputErrors([t("too_big_file", lang, path=path, size=_mb(info.st_size), limit=_mb(max_bytes))])
    return info.st_size


def _mb(n: int) -> str:
    return f"{n / MB:.1f}".rstrip("0").rstrip(".")


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def _column(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


@dataclass
class _Book:
    """What the first parts say about the rest: each sheet part's name and number, each
    comment part's sheet, the shared strings that hold a code."""

    workbook: str = "xl/workbook.xml"
    shared_strings: str = "xl/sharedStrings.xml"
    styles: str = "xl/styles.xml"
    shown_as_text: dict[int, str] = field(default_factory=dict)  # cell format -> number format with text in it
    sheet_parts: dict[str, tuple[int, str]] = field(default_factory=dict)  # part -> (number, name)
    comment_sheet: dict[str, str] = field(default_factory=dict)  # comments part -> sheet part
    coded_strings: set[int] = field(default_factory=set)  # shared strings that hold a code
    coded_sheet_names: set[str] = field(default_factory=set)  # sheet parts whose name holds one
    read: set[str] = field(default_factory=set)  # relationship parts read with the map


class _Inspection:
    """One pass over every part of the zip (module docstring, step 3)."""

    def __init__(self, zf: zipfile.ZipFile, limits: Limits, lang: str) -> None:
        self.zf, self.limits, self.lang = zf, limits, lang
        self.book = _Book()
        self.found: list[str] = []  # where identity codes are, as message texts
        self.budget = limits.unpacked_bytes
        self.cells = 0  # by each row's reach (see _Part.row_ends)
        self.cell_elements = 0  # <c> elements, however they are placed
        self.rows = 0  # <row> elements, empty ones too
        self.strings = 0
        self.string_chars = 0

    # --- where a finding is, in the coordinator's words ---------------------------------------
    def part_label(self, name: str) -> str:
        """An internal part's name for a message, unless the name itself holds a code."""
        return t("where_part_name", self.lang) if contains_identity_code(name) else name

    def where_part(self, name: str) -> str:
        return t("where_part", self.lang, part=self.part_label(name))

    def sheet_label(self, part: str) -> str:
        if part not in self.book.sheet_parts:
            return self.where_part(part)
        number, name = self.book.sheet_parts[part]
        if part in self.book.coded_sheet_names or not name:
            return t("where_sheet_no", self.lang, n=number)
        return name

    def cell_label(self, part: str, ref: str) -> str:
        return f"{self.sheet_label(part)}!{ref.replace('$', '')}" if ref else self.sheet_label(part)

    def finding(self, where: str) -> None:
        if where not in self.found:
            self.found.append(where)

    # --- reading parts -------------------------------------------------------------------------
    def chunks(self, info: zipfile.ZipInfo) -> Iterator[bytes]:
        with self.zf.open(info) as f:
            while chunk := f.read(MAX_TOKEN_BYTES):
                self.budget -= len(chunk)
                if self.budget < 0:
                    raise _Refused("too_big_unpacked", limit=_mb(self.limits.unpacked_bytes))
                yield chunk

    def tokens(self, info: zipfile.ZipInfo) -> Iterator[bytes]:
        """The part's chunks, refused as soon as one token (a tag with its attributes, or a run
        of text) would be longer than MAX_TOKEN_BYTES: expat, and openpyxl after it, slow down
        with the square of a token's length (a 140 MB attribute in a 150 KB file ran for
        minutes), and no cell or name of Excel's is anywhere near that long."""
        run = 0  # bytes since the last "<"
        for chunk in self.chunks(info):  # no longer than MAX_TOKEN_BYTES: a run inside one is shorter
            first = chunk.find(b"<")
            if first < 0:
                run += len(chunk)
            else:
                if run + first > MAX_TOKEN_BYTES:
                    raise _LongToken
                run = len(chunk) - chunk.rfind(b"<") - 1
            if run > MAX_TOKEN_BYTES:
                raise _LongToken
            yield chunk

    def parse(self, info: zipfile.ZipInfo, handler: _Part, strict: bool = True) -> bool:
        """Parse a part with `handler`; False when it is not XML (`strict`: then it is damaged)."""
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.buffer_text = True
        parser.buffer_size = 1 << 16

        def no_dtd(*_: Any) -> None:
            raise _Refused("xml_dtd", part=self.part_label(info.filename))

        parser.StartDoctypeDeclHandler = no_dtd
        parser.EntityDeclHandler = no_dtd
        parser.StartElementHandler = handler.start
        parser.EndElementHandler = handler.end
        parser.CharacterDataHandler = handler.text
        try:
            for chunk in self.tokens(info):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except _LongToken:
            if strict:
                raise _Refused("long_token", part=self.part_label(info.filename),
                               limit=_thousands(MAX_TOKEN_BYTES)) from None
            return False
        except expat.ExpatError:
            if strict:
                raise _Refused("xml_damaged", part=self.part_label(info.filename)) from None
            return False
        return True

    def raw(self, info: zipfile.ZipInfo) -> None:
        """A part that is not XML (pictures, printer settings, macros, embedded objects): its
        bytes as text, one byte a character and two (UTF-16, as Office's binary formats keep
        text); what it packs inside read the same way: the parts of an embedded workbook or
        document (a zip), the compressed text chunks of a PNG picture."""
        data = b"".join(self.chunks(info))
        if _bytes_have_code(data) or any(_bytes_have_code(inner) for inner in self.unpacked(data)):
            self.finding(self.where_part(info.filename))

    def unpacked(self, data: bytes) -> Iterator[bytes]:
        """What a part packs inside, one level deep, counted against the same byte budget."""
        if data.startswith(b"PK"):
            try:
                with zipfile.ZipFile(io.BytesIO(data)) as inner:
                    for member in inner.infolist()[:self.limits.parts]:
                        if member.file_size > self.budget:
                            raise _Refused("too_big_unpacked", limit=_mb(self.limits.unpacked_bytes))
                        packed = inner.read(member)
                        self.budget -= len(packed)
                        yield packed
            except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, RuntimeError, OSError):
                return
        elif data.startswith(b"\x89PNG\r\n\x1a\n"):
            at = 8
            while at + 8 <= len(data):
                size, kind = int.from_bytes(data[at:at + 4], "big"), data[at + 4:at + 8]
                body = data[at + 8:at + 8 + size]
                start = -1
                if kind == b"zTXt":  # keyword, NUL, method, compressed text
                    start = body.find(b"\x00") + 2
                elif kind == b"iTXt" and body[body.find(b"\x00") + 1:body.find(b"\x00") + 2] == b"\x01":
                    # keyword, NUL, compressed, method, language, NUL, translated keyword, NUL, text
                    language_end = body.find(b"\x00", body.find(b"\x00") + 3)
                    start = body.find(b"\x00", language_end + 1) + 1
                if start > 0:
                    with contextlib.suppress(zlib.error, ValueError):
                        unpacker = zlib.decompressobj()
                        text = unpacker.decompress(body[start:], MAX_TOKEN_BYTES)
                        self.budget -= len(text)
                        yield text
                at += 12 + size

    def run(self) -> None:
        infos = self.zf.infolist()
        if len(infos) > self.limits.parts:
            raise _Refused("too_many_parts", n=len(infos), limit=self.limits.parts)
        total = sum(i.file_size for i in infos)
        if total > self.limits.unpacked_bytes:
            raise _Refused("too_big_unpacked", limit=_mb(self.limits.unpacked_bytes))
        for info in infos:
            if contains_identity_code(info.filename):
                self.finding(t("where_part_name", self.lang))
            if info.flag_bits & 0x1:
                raise _Refused("file_encrypted_zip")
        by_name = {i.filename: i for i in infos}
        # The map first: the package's and the workbook's relationships, the workbook itself,
        # each sheet's relationships, then the shared strings, then everything else.
        self.relationships(by_name)
        done = set()
        for name in [self.book.workbook, self.book.shared_strings, self.book.styles, *sorted(by_name)]:
            if name in done or name not in by_name:
                continue
            done.add(name)
            self.part(by_name[name])

    def relationships(self, by_name: dict[str, zipfile.ZipInfo]) -> None:
        for _, target, kind in self.read_rels(by_name, "_rels/.rels", ""):
            if kind.endswith("/officeDocument"):
                self.book.workbook = target
        base = str(PurePosixPath(self.book.workbook).parent)
        targets = {}
        for rid, target, kind in self.read_rels(by_name, f"{base}/_rels/{PurePosixPath(self.book.workbook).name}.rels",
                                                base):
            targets[rid] = target
            if kind.endswith("/sharedStrings"):
                self.book.shared_strings = target
            elif kind.endswith("/styles"):
                self.book.styles = target
        if self.book.workbook not in by_name:
            return
        names = _Workbook(self)
        self.parse(by_name[self.book.workbook], names)
        for k, (rid, name) in enumerate(names.sheets, start=1):
            part = targets.get(rid)
            if part is None:
                continue
            self.book.sheet_parts[part] = (k, name)
            if contains_identity_code(name):
                self.book.coded_sheet_names.add(part)
                self.finding(t("where_sheet_name", self.lang, n=k))
            sheet = PurePosixPath(part)
            for _, target, kind in self.read_rels(by_name, f"{sheet.parent}/_rels/{sheet.name}.rels",
                                                  str(sheet.parent)):
                if kind.endswith(("/comments", "/threadedComment")):
                    self.book.comment_sheet[target] = part

    def read_rels(self, by_name: dict[str, zipfile.ZipInfo], name: str, base: str) -> list[tuple[str, str, str]]:
        """(id, target part, type) of each internal relationship in a .rels part."""
        if name not in by_name:
            return []
        self.book.read.add(name)
        rels = _Rels(self, name)
        self.parse(by_name[name], rels)
        out = []
        for rid, target, kind, external in rels.found:
            if not external:
                path = target.lstrip("/") if target.startswith("/") else f"{base}/{target}" if base else target
                out.append((rid, _normal(path), kind))
        return out

    def part(self, info: zipfile.ZipInfo) -> None:
        name = info.filename
        if name == self.book.workbook or name in self.book.read or name.endswith("/"):
            return  # read with the map, or a folder
        if name in self.book.sheet_parts:
            self.parse(info, _Sheet(self, name))
        elif name == self.book.shared_strings:
            self.parse(info, _SharedStrings(self))
        elif name == self.book.styles:
            self.parse(info, _Styles(self))
        elif name in self.book.comment_sheet:
            self.parse(info, _Comments(self, self.book.comment_sheet[name]))
        else:
            named_xml = name.endswith((".xml", ".rels"))
            if named_xml and info.file_size > OTHER_PART_BYTES:  # openpyxl builds objects of these
                raise _Refused("too_big_part", part=self.part_label(name), size=_mb(info.file_size),
                               limit=_mb(OTHER_PART_BYTES))
            where = t("where_properties", self.lang) if name.startswith("docProps/") else self.where_part(name)
            # Whatever its name: a part that is XML is read as XML, so that rows hidden in a
            # part named like a picture are counted too (openpyxl follows relationships, not names).
            if named_xml or self.looks_like_xml(info):
                if not self.parse(info, _Part(self, where, name), strict=named_xml):
                    self.raw(info)
            else:
                self.raw(info)

    def looks_like_xml(self, info: zipfile.ZipInfo) -> bool:
        with self.zf.open(info) as f:
            head = f.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
        return head.startswith(b"<")


_TEXT_RUN = re.compile(rb"(?:[\t\n\r\x20-\x7e]|[\xc2-\xf4][\x80-\xbf]{1,3}){10,}")  # ASCII and UTF-8 text
_UTF16_RUN = re.compile(rb"(?:[\t\n\r\x20-\x7e]\x00){10,}")  # ASCII text in UTF-16, as Office's binary formats keep it


def _bytes_have_code(data: bytes) -> bool:
    """Whether bytes of an unknown kind hold a code as text: runs of ASCII or UTF-8 text, and
    of ASCII text two bytes a character (UTF-16, either alignment); read a megabyte at a time
    (with an overlap longer than a code), so that a long run costs no more memory than that."""
    window = MAX_TOKEN_BYTES
    for at in range(0, max(len(data), 1), window):
        piece = data[max(at - 64, 0):at + window]
        if piece.isascii():  # text already: read as it is
            texts: Iterator[str] = iter([piece.decode("ascii")])
        else:
            texts = (m.group().decode("utf-8", "replace") for m in _TEXT_RUN.finditer(piece))
        if b"\x00" in piece:
            texts = itertools.chain(texts, (m.group().decode("utf-16-le") for part in (piece, piece[1:])
                                            for m in _UTF16_RUN.finditer(part)))
        if any(contains_identity_code(text) for text in texts):
            return True
    return False


def _normal(path: str) -> str:
    parts: list[str] = []
    for p in path.split("/"):
        if p == "..":
            if parts:
                parts.pop()
        elif p not in ("", "."):
            parts.append(p)
    return "/".join(parts)


class _Part:
    """One part read as XML: the spreadsheet rows and cells it holds counted (whatever part it
    is), each record's text scanned as one string, every attribute scanned as structure. A part
    kind adds what it needs through `enter` and `leave` and says where its findings are."""

    def __init__(self, inspection: _Inspection, where: str, part: str = "") -> None:
        self.x = inspection
        self.where = where
        self.part = part
        self.elements = 0  # outside rows and records: styles, merged ranges, names, links
        self.depth = 0  # inside how many record elements
        self.record = ""  # the outermost record element open
        self.buffer: list[str] = []
        self.size = 0
        self.ref = ""  # the cell being read
        self.shared = False  # its value is an index into the shared strings
        self.value: list[str] = []
        self.in_value = False
        self.shown_as: str | None = None  # the number format of a number shown with text
        self.row_reach = 0  # the last used column of the row being read
        self.next_col = 1
        self.next_row = 1

    def start(self, name: str, attrs: dict[str, str]) -> None:
        ns, _, local = name.rpartition(" ")
        if not self.depth and local not in ("row", "c", "si"):  # openpyxl builds objects of most such elements
            self.elements += 1
            if self.elements > OTHER_PART_ELEMENTS:
                raise _Refused("too_many_elements", part=self.x.part_label(self.part),
                               limit=_thousands(OTHER_PART_ELEMENTS))
        if ns == MAIN_NS:
            if local == "c":
                self.cell(attrs)
            elif local == "row":
                self.row(attrs)
            elif local == "v":
                self.in_value = self.shared or self.shown_as is not None
        self.enter(local, attrs)
        if local in _RECORDS:
            if not self.depth:
                self.record = local
            self.depth += 1
        if attrs and local not in _STRUCTURE:
            for value in attrs.values():
                if contains_identity_code(value, in_structure=True):
                    self.x.finding(self.where)

    def text(self, data: str) -> None:
        if self.in_value:
            self.value.append(data)
        self.size += len(data)
        self.buffer.append(data)
        if self.size > EXCEL_CELL_CHARS:
            if self.depth:  # a cell, a shared string or a comment longer than Excel allows
                raise _Refused("too_long_text", where=self.record_where(), limit=_thousands(EXCEL_CELL_CHARS))
            # Long text outside cells (drawings, custom parts): scanned in pieces that overlap.
            tail = "".join(self.buffer)[-32:]
            self.flush()
            self.buffer.append(tail)
            self.size = len(tail)

    def end(self, name: str) -> None:
        ns, _, local = name.rpartition(" ")
        if ns == MAIN_NS:
            if local == "v":
                self.in_value = False
            elif local == "c" and self.shared:
                index = "".join(self.value).strip()
                self.value.clear()
                try:  # as openpyxl reads it ("+0" is string 0)
                    coded = int(index) in self.x.book.coded_strings
                except ValueError:
                    coded = False
                if coded:
                    self.x.finding(self.cell_where())
            elif local == "c" and self.shown_as is not None:
                # A number Excel shows through a format with text in it (000000"-"000"T").
                shown = shown_as(self.shown_as, "".join(self.value).strip())
                self.value.clear()
                if shown and contains_identity_code(shown):
                    self.x.finding(self.cell_where())
            elif local == "row":
                self.row_ends()
        self.leave(local)
        if local in _RECORDS:
            if self.depth == 1:
                self.flush()  # still inside the record: a finding names it
            self.depth -= 1
        elif not self.depth:
            self.flush()
        elif local in _SEPARATE:
            self.buffer.append(" ")

    def flush(self) -> None:
        if self.buffer:
            text = "".join(self.buffer)
            self.buffer.clear()
            if contains_identity_code(text, in_structure=not self.depth):
                self.coded()
        self.size = 0

    # --- rows and cells, in any part ------------------------------------------------------------
    def row(self, attrs: dict[str, str]) -> None:
        number = attrs.get("r")
        row = self.next_row
        if number is not None:
            if not number.isdigit() or not 0 < int(number) <= EXCEL_ROWS:
                raise _Refused("beyond_excel", where=self.x.sheet_label(self.part), what=f"row {number[:12]}")
            row = int(number)
        self.next_row = row + 1
        self.row_reach, self.next_col = 0, 1
        self.x.rows += 1
        if self.x.rows > self.x.limits.rows:
            raise _Refused("too_many_rows", sheet=self.x.sheet_label(self.part), limit=_thousands(self.x.limits.rows))

    def cell(self, attrs: dict[str, str]) -> None:
        ref = attrs.get("r", "")
        m = _CELL_REF.match(ref)
        if ref and not m:
            raise _Refused("beyond_excel", where=self.x.sheet_label(self.part), what=ref[:12])
        col = _column(m.group(1)) if m else self.next_col
        if col > EXCEL_COLUMNS:
            raise _Refused("beyond_excel", where=self.x.sheet_label(self.part), what=ref[:12])
        self.next_col = col + 1
        self.row_reach = max(self.row_reach, col)
        self.ref = ref if m else f"{get_column_letter(col)}{self.next_row - 1}"
        self.shared = attrs.get("t") == "s"
        style = attrs.get("s", "")
        self.shown_as = self.x.book.shown_as_text.get(int(style)) if style.isdigit() and attrs.get(
            "t", "n") == "n" else None
        self.x.cell_elements += 1
        if self.x.cell_elements > self.x.limits.cells:
            self.too_many_cells()

    def row_ends(self) -> None:
        """The cells openpyxl fills in for this row: every one up to its last used column."""
        self.x.cells += self.row_reach
        self.row_reach = 0
        if self.x.cells > self.x.limits.cells:
            self.too_many_cells()

    def too_many_cells(self) -> None:
        raise _Refused("too_many_cells", sheet=self.x.sheet_label(self.part), limit=_thousands(self.x.limits.cells))

    def cell_where(self) -> str:
        return self.x.cell_label(self.part, self.ref)

    # --- what a part kind adds ------------------------------------------------------------------
    def enter(self, local: str, attrs: dict[str, str]) -> None:
        pass

    def leave(self, local: str) -> None:
        pass

    def coded(self) -> None:
        """The text just read holds a code: say where."""
        self.x.finding(self.record_where() if self.depth else self.where)

    def record_where(self) -> str:
        if self.record == "c":
            return self.cell_where()
        return self.where


class _Workbook(_Part):
    """The workbook part: sheet names and their relationship ids, defined names."""

    def __init__(self, inspection: _Inspection) -> None:
        name = inspection.book.workbook
        super().__init__(inspection, inspection.where_part(name), name)
        self.sheets: list[tuple[str, str]] = []

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = name.rpartition(" ")[2]
        if local == "sheet":  # its name is checked with its number (where_sheet_name)
            self.sheets.append((attrs.get(f"{REL_NS} id", ""), attrs.get("name", "")))
            attrs = {k: v for k, v in attrs.items() if k != "name"}
        if local == "definedName" and contains_identity_code(attrs.get("name")):
            self.x.finding(t("where_defined_name", self.x.lang))
            attrs = {k: v for k, v in attrs.items() if k != "name"}
        super().start(name, attrs)

    def record_where(self) -> str:
        return t("where_defined_name", self.x.lang)


class _SharedStrings(_Part):
    """The shared strings: which of them hold a code (named later by the cells that use them),
    and how many characters openpyxl will hold of them."""

    def __init__(self, inspection: _Inspection) -> None:
        name = inspection.book.shared_strings
        super().__init__(inspection, inspection.where_part(name), name)
        self.index = -1

    def enter(self, local: str, attrs: dict[str, str]) -> None:
        if local == "si":
            self.index += 1
            self.x.strings += 1
            if self.x.strings > self.x.limits.strings:
                raise _Refused("too_many_strings", limit=_thousands(self.x.limits.strings))

    def text(self, data: str) -> None:
        self.x.string_chars += len(data)
        if self.x.string_chars > self.x.limits.string_chars:
            raise _Refused("too_many_string_chars", limit=_thousands(self.x.limits.string_chars))
        super().text(data)

    def coded(self) -> None:
        if self.depth:
            self.x.book.coded_strings.add(self.index)
        else:
            super().coded()

    def record_where(self) -> str:
        return t("where_shared_string", self.x.lang)


class _Styles(_Part):
    """The cell formats: which show a number with text in it, as a code could be shown."""

    def __init__(self, inspection: _Inspection) -> None:
        name = inspection.book.styles
        super().__init__(inspection, inspection.where_part(name), name)
        self.formats: dict[str, str] = {}
        self.in_cell_formats = False
        self.index = 0

    def enter(self, local: str, attrs: dict[str, str]) -> None:
        if local == "numFmt":
            code = attrs.get("formatCode", "")
            if _LITERAL.search(code) and shown_as(code, "1") is not None:  # text with digits, not a date
                self.formats[attrs.get("numFmtId", "")] = code
        elif local == "cellXfs":
            self.in_cell_formats = True
        elif local == "xf" and self.in_cell_formats:
            code = self.formats.get(attrs.get("numFmtId", ""))
            if code is not None:
                self.x.book.shown_as_text[self.index] = code
            self.index += 1

    def leave(self, local: str) -> None:
        if local == "cellXfs":
            self.in_cell_formats = False


_LITERAL = re.compile(r'"|\\|[A-Za-z]')
_FORMAT_TOKEN = re.compile(r'"([^"]*)"|\\(.)|\[[^\]]*\]|([0#?])|(.)')


def shown_as(code: str, value: str) -> str | None:
    """How Excel shows the whole number `value` through the number format `code`, for formats of
    digit places and text ("000000-000T" for 000000"-"000"T"); None for any other format (dates,
    decimals, exponents), which cannot show a code."""
    try:
        number = int(float(value))
    except (ValueError, OverflowError):
        return None
    if number < 0 or float(value) != number or number > 10**15:
        return None
    section = re.split(r';(?=(?:[^"]*"[^"]*")*[^"]*$)', code)[0]
    tokens: list[tuple[str, str]] = []
    for quoted, escaped, place, other in _FORMAT_TOKEN.findall(section):
        if place:
            tokens.append(("place", place))
        elif other and other.isalpha():
            return None  # a date, a time or an exponent: not text with digits
        elif other or quoted or escaped:
            tokens.append(("text", other or quoted or escaped))
    places = [t for t in tokens if t[0] == "place"]
    if not places:
        return None
    digits = str(number).rjust(sum(1 for _, p in places if p == "0"), "0")
    extra, digits = digits[:-len(places)] if len(digits) > len(places) else "", digits[-len(places):].rjust(
        len(places), " ")
    out, k = [], 0
    for kind, text in tokens:
        if kind == "text":
            out.append(text)
        else:
            out.append((extra if k == 0 else "") + digits[k].strip())
            k += 1
    return "".join(out)


class _Sheet(_Part):
    """A worksheet: its cells, headers and footers, each finding by its place."""

    def __init__(self, inspection: _Inspection, part: str) -> None:
        super().__init__(inspection, t("where_sheet", inspection.lang, sheet=inspection.sheet_label(part)), part)

    def record_where(self) -> str:
        if self.record in _HEADER_FOOTER:
            return t("where_header", self.x.lang, sheet=self.x.sheet_label(self.part))
        return super().record_where()


class _Comments(_Part):
    """A sheet's comments (old notes and threaded comments): each by its cell."""

    def __init__(self, inspection: _Inspection, sheet_part: str) -> None:
        super().__init__(inspection, t("where_comments", inspection.lang, sheet=inspection.sheet_label(sheet_part)),
                         sheet_part)
        self.comment_ref = ""

    def enter(self, local: str, attrs: dict[str, str]) -> None:
        if local in ("comment", "threadedComment"):
            self.comment_ref = attrs.get("ref", "")

    def record_where(self) -> str:
        return t("where_comment", self.x.lang, cell=self.x.cell_label(self.part, self.comment_ref))


class _Rels(_Part):
    def __init__(self, inspection: _Inspection, name: str) -> None:
        super().__init__(inspection, inspection.where_part(name), name)
        self.found: list[tuple[str, str, str, bool]] = []

    def enter(self, local: str, attrs: dict[str, str]) -> None:
        if local == "Relationship":
            self.found.append((attrs.get("Id", ""), attrs.get("Target", ""), attrs.get("Type", ""),
                               attrs.get("TargetMode") == "External"))


def inspect(path: Path, lang: str, limits: Limits) -> None:
    """Steps 1-3 of the module docstring; raises InputErrors naming what was refused."""
    if path.name.startswith("~$"):  # Excel's lock file beside an open workbook, not the workbook
        raise FileErrors([t("input_is_lock", lang, path=path, name=path.name[2:])])
    regular_file(path, t("what_workbook", lang), lang, limits.file_bytes)
    try:
        with path.open("rb") as f:
            head = f.read(4096)
    except PermissionError:
        raise FileErrors([t("input_locked", lang, path=path)]) from None
    except OSError as exc:
        raise InputErrors([t("cannot_open", lang, path=path, why=exc.strerror or type(exc).__name__)]) from None
    kind = what_file(head)
    if kind != "file_damaged_zip":  # not a zip at all: say what it seems to be
        raise InputErrors([t("cannot_open", lang, path=path, why=t(kind or "file_not_spreadsheet", lang))])
    try:
        with zipfile.ZipFile(path) as zf:
            x = _Inspection(zf, limits, lang)
            x.run()
    except _Refused as exc:
        raise InputErrors([t("cannot_open", lang, path=path, why=t(exc.key, lang, **exc.info))]) from None
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError, RuntimeError):
        raise InputErrors([t("cannot_open", lang, path=path, why=t("file_damaged_zip", lang))]) from None
    if x.found:
        shown = x.found[:20]
        more = [t("hetu_more", lang, n=len(x.found) - len(shown))] if len(x.found) > len(shown) else []
        raise InputErrors([t("hetu", lang, cell=where) for where in shown] + more)


def open_workbook(path: Path | str, lang: str, limits: Limits) -> Any:
    """The workbook, inspected and opened read-only with each sheet read by its real rows.
    The caller closes it."""
    path = Path(path)
    inspect(path, lang, limits)
    try:
        with warnings.catch_warnings():  # openpyxl's own warnings (with its file paths) are not for a coordinator
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except Exception:  # openpyxl raises assorted errors on damaged or foreign files
        raise InputErrors([t("cannot_open", lang, path=path, why=t("file_damaged_zip", lang))]) from None
    for ws in wb.worksheets:
        if hasattr(ws, "reset_dimensions"):
            ws.reset_dimensions()  # a declared A1:XFD1048576 would make every row 16,384 cells wide
    return wb


def sheet_label(ws: Any, lang: str) -> str:
    """A sheet's name for a message, unless the name holds an identity code."""
    return t("where_sheet", lang, sheet="?") if contains_identity_code(ws.title) else ws.title


def sheet_rows(ws: Any, lang: str, min_row: int = 1) -> Iterator[tuple[Any, ...]]:
    """The values of a sheet's rows from `min_row` on, each as long as its last used cell (rows
    between used ones come as empty tuples). Every text goes through the identity-code detector
    as openpyxl gives it (module docstring, step 4); a cell openpyxl cannot convert makes the
    workbook damaged (with its sheet and row), never a traceback."""
    label = sheet_label(ws, lang)
    rows = ws.iter_rows(min_row=min_row, values_only=True)
    number = min_row - 1
    while True:
        try:
            values = next(rows)
        except StopIteration:
            return
        except Exception:  # a date that is no date, a number that is text, a string index past the end
            raise InputErrors([t("damaged_row", lang, sheet=label, row=number + 1)]) from None
        number += 1
        for j, value in enumerate(values, start=1):
            if isinstance(value, str) and contains_identity_code(value):
                raise InputErrors([t("hetu", lang, cell=f"{label}!{get_column_letter(j)}{number}")])
        yield values
