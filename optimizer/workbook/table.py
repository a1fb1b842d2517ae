"""The one table reader: every sheet the tool reads is a table of the workbook contract.

The input roster's sheets (read.py) and a plan's Events and Periods sheets (plan_read.py, also
the roster's Fixed sheet, which holds Events rows) are all read here, so that a sheet is found,
its header mapped and its cells turned into values one way:

- a sheet is found by its English or Finnish name (labels.py), case-insensitively;
- its header maps the contract's column names, in either language, to columns;
- its rows come through `intake.sheet_rows`, so the bounds and the identity-code scan of
  intake.py hold for every reader;
- each cell is turned into a typed value by cells.py, and a bad one becomes a message naming
  the sheet, the cell and the value. Messages are collected in the reader's list (raised
  together as `InputErrors` by the reader), so that a coordinator fixes a workbook once rather
  than once per run.

The roster is typed by a person and a plan is written by the tool; where the two differ (where
the header stands, how a missing column is told, when the rows are read) a `Layout` says so.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from openpyxl.utils import get_column_letter

from optimizer.core.messages import t
from optimizer.workbook import cells
from optimizer.workbook.cells import CellError
from optimizer.workbook.intake import sheet_rows
from optimizer.workbook.labels import Column, by_name, norm


@dataclass(frozen=True)
class Layout:
    """How a sheet's header is found and its rows taken.

    `title_rows`: rows above the header may hold a title (the header is the first used row);
    otherwise the header is row 1, and a sheet with no row at all is said to miss its first
    column (one message, not one for each).
    `near_names`: a missing column names the nearest header the sheet has ("cleint_id").
    `whole`: the whole sheet is read, and its rows found, before any row is parsed: a damaged
    cell anywhere refuses it, and the error for too many rows comes before the rows' own.
    """

    title_rows: bool
    near_names: bool
    whole: bool


TYPED = Layout(title_rows=True, near_names=True, whole=False)  # the input roster, typed by a coordinator
WRITTEN = Layout(title_rows=False, near_names=False, whole=True)  # a plan's sheets, in the layout the tool writes


def find_sheets(wb: Any, sheets: Mapping[str, tuple[str, str]], required: Iterable[str], lang: str,
                errors: list[str], notes: list[str] | None = None, quiet: Collection[str] = ()) -> dict[str, Any]:
    """The sheets of `wb` by key, each found by its English or Finnish name; a required one not
    found is an error. With `notes` (the roster, whose every sheet is the coordinator's), a sheet
    no key names is noted and a second sheet of one key is an error (Clients and Asiakkaat both:
    which one is meant?); without (a plan, which has sheets of its own), the first is read.
    `quiet`: names (as `norm` compares them) of sheets that are passed over without a note, such
    as the template's own instructions."""
    keys = by_name(sheets)
    found: dict[str, Any] = {}
    for ws in wb.worksheets:
        key = keys.get(norm(ws.title))
        if key and key in found:
            if notes is not None:
                errors.append(t("duplicate_sheet", lang, first=found[key].title, second=ws.title))
        elif key:
            found[key] = ws
        elif notes is not None and norm(ws.title) not in quiet:
            notes.append(t("unknown_sheet", lang, value=ws.title))
    for key in required:
        if key not in found:
            en, fi = sheets[key]
            errors.append(t("missing_sheet", lang, name=fi if lang == "fi" else en, fi=fi, en=en))
    return found


def blank_below_first_row(ws: Any, lang: str) -> bool:
    """Nothing stands below the sheet's first row (a Fixed sheet with its header only, as the
    template has it, pins nothing). Read through `sheet_rows`, as every row is."""
    return not any(not cells.is_empty(v) for r in sheet_rows(ws, lang, min_row=2) for v in r)


class Table:
    """One sheet read by its header: `rows()` gives its data rows, each bad cell's message goes
    to `errors`. `max_rows`: more data rows than that is an error (a plan's Events: more than
    any plan of the roster holds), found before the rows are parsed."""

    def __init__(self, ws: Any, columns: list[Column], lang: str, errors: list[str], layout: Layout = TYPED,
                 max_rows: int | None = None) -> None:
        self.ws, self.spec, self.lang, self.errors = ws, columns, lang, errors
        self.layout, self.max_rows = layout, max_rows
        self.title: str = ws.title
        self.epoch = getattr(ws.parent, "epoch", None)  # the workbook's date system (cells.as_date)
        self.names = by_name({key: (en, fi) for key, en, fi, _ in columns})
        self.columns: dict[str, int] = {}  # column key -> its number, from the header

    def err(self, key: str, **kw: object) -> None:
        self.errors.append(t(key, self.lang, **kw))

    def rows(self) -> Iterable[Row]:
        """The data rows; none when a required column is missing (that is an error). Rows empty
        in the contract's columns are passed over, whatever stands far to the right."""
        found = self._rows()
        return list(found) if self.layout.whole else found

    def _rows(self) -> Iterator[Row]:
        source = sheet_rows(self.ws, self.lang)
        if self.layout.whole:
            source = iter(list(source))
        header = self._header(source)
        if header is None:
            return
        header_row, names = header
        if not self._map(header_row, names) or not header_row:
            return
        count = 0
        for number, values in enumerate(source, start=header_row + 1):
            if not values:
                continue  # a row between used ones (openpyxl gives it empty)
            row_values = {key: values[j - 1] if j - 1 < len(values) else None for key, j in self.columns.items()}
            if all(cells.is_empty(v) for v in row_values.values()):
                continue
            if self.max_rows is not None and count >= self.max_rows:
                self.err("too_many_events", sheet=self.title, n=self.max_rows)
                return
            count += 1
            yield Row(self, number, row_values)

    def _header(self, source: Iterator[tuple[Any, ...]]) -> tuple[int, tuple[Any, ...]] | None:
        """The header's row number (0: the sheet has no used row) and its names."""
        if self.layout.title_rows:
            for i, values in enumerate(source, start=1):
                if any(not cells.is_empty(v) for v in values):
                    return i, values
            return 0, ()
        first = next(source, None)
        if first is None:
            _, en, fi, _ = self.spec[0]
            self.err("missing_column", sheet=self.title, en=en, fi=fi, row=1)
            return None
        return 1, first

    def _map(self, header_row: int, names: tuple[Any, ...]) -> bool:
        """Map the header's names to columns (the first of a name counts); False, with an error
        for each, when a required column is missing."""
        for j, name in enumerate(names, start=1):
            key = self.names.get(norm(name))
            if key and key not in self.columns:
                self.columns[key] = j
        missing = [(en, fi) for key, en, fi, required in self.spec if required and key not in self.columns]
        unknown = [str(name) for name in names if not cells.is_empty(name) and norm(name) not in self.names]
        for en, fi in missing:
            near = self._near(en, fi, unknown) if self.layout.near_names else None
            if near is not None:
                self.err("misspelt_column", sheet=self.title, en=en, fi=fi, row=header_row or 1, found=near)
            else:
                self.err("missing_column", sheet=self.title, en=en, fi=fi, row=header_row or 1)
        return not missing

    @staticmethod
    def _near(en: str, fi: str, unknown: list[str]) -> str | None:
        """The header a misspelt column name most likely is ("cleint_id" for client_id)."""
        normed = [norm(u) for u in unknown]
        near = difflib.get_close_matches(norm(en), normed, n=1, cutoff=0.6) or \
            difflib.get_close_matches(norm(fi), normed, n=1, cutoff=0.6)
        return next(u for u in unknown if norm(u) == near[0]) if near else None


class Row:
    """One data row of a table: its values by column key, where each came from, and typed
    getters that note a bad cell with its address and return None."""

    __slots__ = ("number", "table", "values")

    def __init__(self, table: Table, number: int, values: dict[str, Any]) -> None:
        self.table, self.number, self.values = table, number, values

    @property
    def sheet(self) -> str:
        return self.table.title

    def cell(self, key: str) -> str:
        """The address of the row's cell in column `key` (the row's first cell when the sheet
        has no such column)."""
        return f"{self.sheet}!{get_column_letter(self.table.columns.get(key, 1))}{self.number}"

    @property
    def ref(self) -> str:
        """The row's address: its first cell (what a message about the whole row names)."""
        return f"{self.sheet}!A{self.number}"

    def raw(self, key: str) -> Any:
        """The value as it stands (None when the sheet has no such column)."""
        return self.values.get(key)

    def get(self, key: str) -> Any:
        """The value, or None when the cell is empty."""
        value = self.values.get(key)
        return None if cells.is_empty(value) else value

    def as_date(self, value: object) -> date:
        """A date as the workbook's date system reads it (cells.as_date): a parser for `parse`."""
        return cells.as_date(value, self.table.epoch)

    def as_date_range(self, value: object) -> tuple[date, date]:
        """A day or a range of days in one cell (cells.as_date_range): a parser for `parse`."""
        return cells.as_date_range(value, self.table.epoch)

    def convert(self, key: str, parser: Callable[..., Any], *args: Any) -> Any:
        """The value as it stands, an empty one too, through `parser` (a plan's cell is never
        optional: an empty date is not a date); on failure the error is noted and None returned."""
        value = self.values.get(key)
        try:
            return parser(value, *args)
        except CellError as exc:
            self.table.err(exc.key, cell=self.cell(key), value=cells.as_text(value), **exc.info)
            return None

    def parse(self, key: str, parser: Callable[..., Any], *args: Any, required: bool = False,
              what: str = "") -> Any:
        """A cell of the roster through `parser`: an empty one is None, or an error when `required`
        (`what` names it); a bad one is an error, and None."""
        if self.get(key) is None:
            if required:
                self.table.err("required", cell=self.cell(key), what=what or key)
            return None
        return self.convert(key, parser, *args)

    def bounded(self, key: str, bounds: tuple[int, int], rule: str, default: int | None = None) -> int | None:
        """A whole number within `bounds` (optimizer/core/bounds.py or the service model); when
        empty or bad, `default` (a bad one with its error, naming `rule`)."""
        lo, hi = bounds
        value = self.parse(key, cells.as_int, f"{lo}–{hi}")
        if value is not None and not lo <= value <= hi:
            self.table.err("out_of_range", cell=self.cell(key), value=value, expected=f"{lo}–{hi}", rule=rule)
            value = None
        return default if value is None else value

    def text(self, key: str, default: str | None = None) -> str | None:
        """The value as text (cells.as_text), or `default` when the cell is empty."""
        value = self.values.get(key)
        return default if cells.is_empty(value) else cells.as_text(value)

    def code(self, key: str, allowed: tuple[str, ...], required: bool = True) -> str | None:
        """One of the contract's codes (an event's kind, a phase, a mode), case-insensitively;
        an empty cell is an error when `required` (also a formula with no value kept)."""
        value = self.values.get(key)
        text = norm(cells.as_text(value)) if not cells.is_empty(value) else ""
        if not text:
            if required:
                self.table.err("required", cell=self.cell(key), what=key)
            return None
        if text not in allowed:
            self.table.err("out_of_range", cell=self.cell(key), value=cells.as_text(value or ""),
                           expected=", ".join(allowed), rule="Events/Periods")
            return None
        return text
